"""attribution.v1: where the claimant phrase before a verb starts, and which actor it names."""

from __future__ import annotations

import pytest

from fogofwar.extract.attribution import _BOUNDARY, _LAST_BOUNDARY, _Actors, _phrase_before
from fogofwar.model import ActorMention


def _last_boundary_end(window: str) -> int:
    """The end of the last left-to-right match of _BOUNDARY (what the claimant follows)."""
    cut = 0
    for m in _BOUNDARY.finditer(window):
        cut = m.end()
    return cut


@pytest.mark.parametrize(
    "window",
    [
        "",
        "Officials ",
        "In the north, where the army advanced, officials ",
        'He left; "the governor" ',
        "Although the town fell, and the mayor ",
        "The talks, however, broke down but rebels and the ministry ",
        "Rebels and police ",  # "and" before the last word alone is a boundary
        "Rebels and the police ",
        "that thatch whilethat (witnesses ",
        "ANDREW and ",
    ],
)
def test_last_boundary_in_one_match_is_the_last_of_a_scan(window: str) -> None:
    m = _LAST_BOUNDARY.match(window)
    assert (m.end() if m else 0) == _last_boundary_end(window)


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("In the north, where fighting went on, local officials said", "local officials"),
        ("The bridge fell, while rebel commanders have also said", "rebel commanders"),
        ("  Witnesses  said", "Witnesses"),
        ("Casualties were said", None),  # a passive: no claimant
        ("An estimated 300 said", "An estimated 300"),
        ("Reports from the said", None),  # ends on a dangling word
        ("He said", None),  # a pronoun names no one
        ("one two three four five six seven eight nine said", None),  # too long
    ],
)
def test_phrase_before(text: str, claimant: str | None) -> None:
    verb = text.rindex("said")
    span = _phrase_before(text, 0, verb)
    assert (text[span[0] : span[1]] if span else None) == claimant


def _mention(start: int, end: int, cid: str) -> ActorMention:
    return ActorMention("d", start, end, "x" * (end - start), 0, cid, cid, "state", None)


@pytest.mark.parametrize("ordered", [True, False])
def test_last_actor_inside_a_span(ordered: bool) -> None:
    mentions = [
        _mention(0, 5, "a"),
        _mention(10, 20, "b"),
        _mention(12, 16, "c"),
        _mention(30, 40, "d"),
    ]
    if not ordered:
        mentions = [mentions[2], mentions[0], mentions[3], mentions[1]]
    actors = _Actors.of(tuple(mentions))
    assert actors.ordered is ordered
    last = actors.last_inside
    assert last(10, 20).canonical_id == ("c" if ordered else "b")  # the last in the actors' order
    assert last(11, 20).canonical_id == "c"
    assert last(0, 9).canonical_id == "a"
    assert last(0, 4) is None and last(21, 29) is None and last(31, 45) is None
    assert last(0, 40).canonical_id == ("d" if ordered else "b")
