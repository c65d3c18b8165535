"""The shortcuts that make events.v1 fast must not change what it finds.

``gated_search`` skips a case-insensitive regex when none of a few plain words occurs in
the folded text; these tests check, for every gated pattern, that the words really are
necessary (same answer as the regex alone on texts built from the pattern's own words in
odd cases and spellings), and that ``fold`` maps every character that re.IGNORECASE
equates with an ASCII letter onto that letter.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import fields
from datetime import date
from importlib import resources as importlib_resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fogofwar.errors import ResourceError
from fogofwar.extract import event_roles, events
from fogofwar.extract.event_lexicon import EventLexicon, fold, gated_search, load_event_lexicon
from fogofwar.extract.pipeline import extract_document
from fogofwar.ingest.document import make_document
from fogofwar.model import EventActor, EventMention
from fogofwar.resources import Resources

GATES = {
    "not_an_event": (events._NOT_AN_EVENT, events._NOT_AN_EVENT_WORDS),
    "aftermath": (events._AFTERMATH, events._AFTERMATH_WORDS),
    "by_agent": (event_roles._BY_AGENT, event_roles._BY_AGENT_WORDS),
    "passive": (event_roles._PASSIVE, event_roles._PASSIVE_WORDS),
    "backing": (event_roles._BACKING, event_roles._BACKING_WORDS),
}
# Characters that match an ASCII letter case-insensitively without being its case pair.
ODD = {"s": "\u017f", "i": "\u0131", "k": "\u212a"}


def _variants(word: str) -> list[str]:
    out = [word, word.upper(), word.capitalize()]
    for plain, odd in ODD.items():
        if plain in word:
            out.append(word.replace(plain, odd))
    if "i" in word:
        out.append(word.replace("i", "\u0130"))  # dotted capital I: lowers to two characters
    return out


def _fragments(pattern: re.Pattern[str]) -> list[str]:
    words = sorted(set(re.findall(r"[a-z]+", pattern.pattern)) - {"w", "s", "b", "u"})
    pieces = [v for w in words for v in _variants(w)]
    return pieces + [" ", "  ", ", ", ".", ";", "-", "\u2014", '"', "x", "ly ", "7", "\u00e9"]


@pytest.mark.parametrize("name", sorted(GATES))
def test_gate_words_are_in_every_match(name: str) -> None:
    pattern, words = GATES[name]

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(_fragments(pattern)), max_size=12).map("".join))
    def check(text: str) -> None:
        folded = fold(text)
        assert len(folded) == len(text)
        for lo in (0, len(text) // 3):
            expected = pattern.search(text[lo:]) is not None
            assert gated_search(pattern, words, text, folded, lo, len(text)) == expected

    check()


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("not_an_event", "the offensive, backed by US ", True),
        ("not_an_event", "Residents protested against the ", True),
        ("not_an_event", "clashes continued since the ", True),
        ("not_an_event", "militants launched an ", False),
        ("aftermath", "abducted and released on ", True),
        ("aftermath", "held the area until at least ", True),
        ("aftermath", "The attack happened on ", False),
        ("by_agent", " by the ", True),
        ("by_agent", " near the ", False),
        ("passive", "two soldiers were ", True),
        ("passive", "this area ", False),
        ("backing", " forces, supported by ", True),
        ("backing", " forces joined ", False),
    ],
)
def test_gated_search_on_phrases(name: str, text: str, found: bool) -> None:
    pattern, words = GATES[name]
    assert gated_search(pattern, words, text, fold(text), 0, len(text)) is found
    assert (pattern.search(text) is not None) is found


def test_fold_maps_every_case_insensitive_ascii_letter() -> None:
    letter = re.compile("[a-z]", re.I)
    odd = [chr(c) for c in range(128, 0x110000) if letter.fullmatch(chr(c))]
    assert odd  # the Kelvin sign and friends exist
    for c in odd:
        folded = fold(c)
        assert len(folded) == 1 and folded.isascii()
        assert re.fullmatch(folded, c, re.I)


def test_fold_keeps_offsets() -> None:
    text = "\u0130stanbul: Kurdish \u017fources said"
    assert len(fold(text)) == len(text)
    assert fold(text).startswith("istanbul")


@pytest.fixture(scope="module")
def lex() -> EventLexicon:
    return load_event_lexicon()


def test_scan_finds_whole_words_at_the_edges_of_the_text(lex: EventLexicon) -> None:
    def triggers(text: str) -> list[tuple[int, int]]:
        return [(h.start, h.end) for h in lex.scan(text) if h.kind == "trigger"]

    assert triggers("Clashed") == [(0, 7)]
    assert triggers("They clashed") == [(5, 12)]
    assert triggers("unclashedly") == []  # inside a longer word
    assert triggers("clashes;clashed") == [(0, 7), (8, 15)]


def test_events_built_without_init_equal_constructed_ones(res: Resources) -> None:
    text = (
        "Gunmen attacked a police post near the town of Maro on Monday, killing two "
        "officers. Protesters later rallied in the town, while the army denied it."
    )
    ad = extract_document(make_document(text, published=date(2021, 3, 1)), res=res)
    assert len(ad.events) == 3 and all(e.actors for e in ad.events)
    assert ad.events[2].modality == "denied"  # the echo, a dataclasses.replace of the event
    for e in ad.events:
        again = EventMention(**{f.name: getattr(e, f.name) for f in fields(EventMention)})
        assert e == again and repr(e) == repr(again) and hash(e.actors) == hash(again.actors)
        assert list(vars(e)) == [f.name for f in fields(EventMention)]
        for a in e.actors:
            assert a == EventActor(a.role, a.actor) and list(vars(a)) == ["role", "actor"]


def test_lexicon_phrase_with_outer_space_is_refused(tmp_path: Path) -> None:
    """_matches pads the text with one space on each side: a phrase starting or ending with
    a space could then match the padding, so the loader refuses one."""
    data = Path(str(importlib_resources.files("fogofwar") / "data"))
    raw = json.loads((data / "event_lexicon.json").read_text(encoding="utf-8"))
    shutil.copy(data / "gtd_attack_types.json", tmp_path / "gtd_attack_types.json")
    (tmp_path / "event_lexicon.json").write_text(json.dumps(raw), encoding="utf-8")
    assert load_event_lexicon(tmp_path).scan("They clashed.")  # the copy loads
    raw["cues"]["mob"] = [*raw["cues"]["mob"], " mob "]
    (tmp_path / "event_lexicon.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ResourceError, match="outer spaces"):
        load_event_lexicon(tmp_path)
