"""The places stage's shortcuts give the answers of the plain forms they replace."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest

from fogofwar.extract import places
from fogofwar.geo.gazetteer import Gazetteer
from fogofwar.model import PlaceMention


@pytest.fixture(scope="module")
def gaz(res) -> Gazetteer:  # noqa: ANN001 - the session fixture from conftest
    return res.gazetteer


def test_run_memo_gives_the_same_hits_in_any_context(gaz: Gazetteer) -> None:
    # The same capitalised runs in new surroundings: memoised per run, offsets per text.
    first = gaz.find_keyed("Shelling hit Deir ez-Zor, then al-Raqqa on Monday.")
    again = gaz.find_keyed("Monday: Deir ez-Zor, then the-al-Raqqa road. Shelling")
    assert [(h[2], h[3]) for h in first] == [("Deir ez-Zor", "deir ez zor"), ("al-Raqqa", "raqqa")]
    assert [(h[2], h[3]) for h in again][:2] == [
        ("Deir ez-Zor", "deir ez zor"),
        ("al-Raqqa", "raqqa"),
    ]
    text = "Monday: Deir ez-Zor, then the-al-Raqqa road. Shelling"
    for s, e, surface, _ in again:
        assert text[s:e] == surface
    # A run that starts with a lower-case letter of the run's character class is no name.
    assert gaz.find_keyed("ḩamah") == []


def test_name_before_reads_backwards_like_the_forward_search() -> None:
    forward = re.compile(
        r"\b([A-Z][a-z]+)(?: (?:al|el|bin|ibn|abu|de|del|da|do|dos|das|di|du|des|la|le|los|las)"
        r"[- ]| |-(?:e-|i-|ul-|al-|e |i )?)$"
    )
    texts = [
        "said Haider al-Abadi",
        "in Sar-e-Pol",
        "met Michael Jordan",
        "the McDonald Jordan",  # "Donald" inside a longer word is no first name
        "x" * 40 + " Abu Bakr al-Baghdadi",
        "Jordan",
        "in mosul",
        "Abc" + "d" * 27 + " Mosul",  # the word starts right at the 30-character window
        "Abc" + "d" * 28 + " Mosul",  # ... and one character before it
    ]
    for text in texts:
        for start in range(2, len(text)):
            if text[start - 1] not in " -":
                continue
            old = forward.search(text, max(0, start - 30), start)
            back = text[start - 31 : start][::-1] if start >= 31 else text[:start][::-1] + " "
            new = places._NAME_BEFORE_REV.match(back)
            assert (old and old.group(1)) == (new and new.group(1)[::-1]), (text, start)


@pytest.mark.parametrize(
    ("before", "near"),
    [
        ("fighting near ", True),
        ("on the outskirts of the ", True),
        ("5 km from ", True),
        ("clashes north of\n", True),
        ("fighting in ", False),
        ("the unclear ", False),  # "near" inside a word
        ("", False),
    ],
)
def test_near_pattern_reads_backwards(gaz: Gazetteer, before: str, near: bool) -> None:
    words = gaz.cues["near"]
    alts = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    forward = re.compile(rf"\b(?:{alts})(?: of)?(?: the)?\s*$")
    assert bool(forward.search(before)) is near
    assert bool(places._near_pattern(words).match(before[::-1])) is near


def test_fast_place_mention_equals_the_dataclass(gaz: Gazetteer) -> None:
    hit = places.match("Clashes in Mosul.", gaz)[0]
    e = hit.entries[0]
    fast = places._place_mention("d1", hit, e, 0, "Iraq", 1)
    plain = PlaceMention(
        doc_id="d1",
        start=hit.start,
        end=hit.end,
        text=hit.text,
        sentence=0,
        name=e.name,
        gazetteer_id=e.id,
        country="Iraq",
        country_code=e.country_code,
        admin1=e.admin1,
        lat=e.lat,
        lon=e.lon,
        geo_precision=1,
        feature=e.feature,
    )
    assert fast == plain and hash(fast) == hash(plain)
    assert {f.name for f in fields(PlaceMention)} == set(vars(fast))
    with pytest.raises(AttributeError):
        fast.name = "x"  # type: ignore[misc]  # still frozen


def test_near_bonus_outside_the_candidates_changes_nothing(gaz: Gazetteer) -> None:
    # "near" is the country of the previous place; when no candidate lies there, the
    # choice is the one made without it.
    hits = places.match("Fighting in Tripoli.", gaz)
    ctx = places.country_context(hits, ["LY"])
    entries = hits[0].entries
    pops = hits[0].info.pop_terms
    plain = places._best(entries, pops, ctx, 5, None, None, None)
    assert places._best(entries, pops, ctx, 5, None, None, "ZZ") is plain
    assert plain.country_code == "LY"
    assert places._best(entries, None, ctx, 5, None, None, None) is plain
