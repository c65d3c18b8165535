"""modality: pure decisions from cue positions (reported, alleged, planned, denied, negated)."""

from __future__ import annotations

import pytest

from fogofwar.extract import modality
from fogofwar.extract.event_lexicon import EventLexicon, load_event_lexicon


@pytest.fixture(scope="module")
def lex() -> EventLexicon:
    return load_event_lexicon()


def decide(lex: EventLexicon, text: str, trigger: str, *, attributed: bool = False) -> str:
    cues = [(h.name, h.start, h.end) for h in lex.scan(text) if h.kind == "mod"]
    return modality.decide(text, cues, text.index(trigger), (0, len(text)), attributed=attributed)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Isis fighters attacked the village at dawn.", "attacked", "reported"),
        ("No attack took place in the town.", "attack", "negated"),
        ("Police did not fire on the crowd.", "fire", "negated"),
        ("There were no injuries after gunmen attacked the bank.", "attacked", "reported"),
        ("The army plans to launch an offensive on Mosul.", "offensive", "planned"),
        ("Isis threatened to attack the embassy.", "attack", "planned"),
        ("Activists are calling for protests at embassies.", "protests", "planned"),
        # what may or is expected to happen has not happened
        ("Officers expect heavy fighting in Sirte next week.", "fighting", "planned"),
        ("Aid groups said the army could launch an assault within days.", "assault", "planned"),
        ("The blast could be heard miles away.", "blast", "reported"),
        ("Al Shabaab carried out a planned attack on a base.", "attack", "reported"),
        ("There are allegations of summary executions.", "executions", "alleged"),
        ("The militia allegedly abducted four men.", "abducted", "alleged"),
        ("The army denied shelling the village.", "shelling", "denied"),
        ("Workers protested against the denial of their wages.", "protested", "reported"),
    ],
)
def test_decide(lex: EventLexicon, text: str, trigger: str, expected: str) -> None:
    assert decide(lex, text, trigger) == expected


def test_attributed_and_claimed_negation(lex: EventLexicon) -> None:
    assert decide(lex, "Isis shelled the town.", "shelled", attributed=True) == "attributed"
    text = "Isis did not allow anyone to flee the city."
    assert decide(lex, text, "flee", attributed=True) == "denied"


def test_clauses_split_contrasting_claims() -> None:
    text = "Some said the town fell, while others denied it; nobody knows."
    spans = modality.clauses(text)
    assert [text[a:b] for a, b in spans] == [
        "Some said the town fell",
        "others denied it",
        " nobody knows.",
    ]
    assert modality.clause_index(spans, text.index("denied")) == 1


def test_governs_stops_at_clause_words() -> None:
    assert modality.governs(" to launch an ", modality.PLAN_WINDOW_WORDS)
    assert not modality.governs(" injuries after gunmen ", modality.NEG_WINDOW_WORDS)
    assert not modality.governs(", and then ", modality.NEG_WINDOW_WORDS)


def test_a_modal_right_after_a_noun_trigger_makes_it_planned(lex: EventLexicon) -> None:
    def after(text: str, trigger: str) -> str:
        cues = [(h.name, h.start, h.end) for h in lex.scan(text) if h.kind == "mod"]
        start = text.index(trigger)
        return modality.decide(text, cues, start, (0, len(text)), trigger_end=start + len(trigger))

    assert after("Aid workers fear an assault could come within days.", "assault") == "planned"
    assert after("The offensive will begin next week.", "offensive") == "planned"
    # a perception, and a modal further away, leave the event reported
    assert after("The blast could be heard across Mosul.", "blast") == "reported"
    assert after("The attack on the base in Kirkuk will be investigated.", "attack") == "reported"
    assert after("The attack will be investigated, police said.", "attack") == "reported"
