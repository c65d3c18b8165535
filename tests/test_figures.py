"""figures.v1: counted phrases tied to casualty/displacement cues."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from fogofwar.extract import figures, sentences
from fogofwar.ingest.document import make_document
from fogofwar.model import AnnotatedDoc, Figure

Row = tuple[str, int | None, int | None, int | None, str | None, str | None]


def _figs(text: str) -> list[Figure]:
    ad = sentences.run(AnnotatedDoc(make_document(text)))
    return list(figures.run(ad).figures)


def _rows(text: str) -> list[tuple[str, str, int | None, int | None, int | None]]:
    return [(f.text, f.kind, f.low, f.best, f.high) for f in _figs(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The clash led to the killing of 3 militants and 1-2 policemen near the post.",
            [("3 militants", "killed", 3, 3, 3), ("1-2 policemen", "killed", 1, 1, 2)],
        ),
        (
            "Seven members of the same family were killed when the roof collapsed.",
            [("Seven members of the same family", "killed", 7, 7, 7)],
        ),
        (
            "The video showed the beheading of 21 Christians on a beach.",
            [("21 Christians", "killed", 21, 21, 21)],
        ),
        (
            "Some 68,000 civilians fled the town.",
            [("Some 68,000 civilians", "displaced", None, 68000, None)],
        ),
        (
            "One demonstrator was killed and at least 9 were injured.",
            [("One demonstrator", "killed", 1, 1, 1), ("at least 9", "injured", 9, 9, None)],
        ),
        (
            "The gunmen killed three people and wounded five.",
            [("three people", "killed", 3, 3, 3), ("five", "injured", 5, 5, 5)],
        ),
        ("Up to 40 villagers were abducted.", [("Up to 40 villagers", "abducted", None, 40, 40)]),
        ("As many as 40 men were arrested.", [("As many as 40 men", "detained", None, 40, 40)]),
        (
            "More than 80,000 people have been displaced.",
            [("More than 80,000 people", "displaced", 80000, 80000, None)],
        ),
        (
            "Nearly 68,000 residents fled.",
            [("Nearly 68,000 residents", "displaced", None, 68000, 68000)],
        ),
        (
            "An estimated minimum of 1,206 civilians were killed.",
            [("An estimated minimum of 1,206 civilians", "killed", 1206, 1206, None)],
        ),
        (
            "Dozens of protesters were detained.",
            [("Dozens of protesters", "detained", 24, None, 99)],
        ),
        (
            "Hundreds of families fled the shelling.",
            [("Hundreds of families", "displaced", 200, None, 999)],
        ),
        (
            "Thousands were displaced by the floods of war.",
            [("Thousands", "displaced", 2000, None, 9999)],
        ),
        ("Several soldiers were hurt.", [("Several soldiers", "injured", 3, None, 9)]),
        ("A few guards were wounded.", [("A few guards", "injured", 2, None, 5)]),
        ("The death toll rose to 40 on Sunday.", [("40", "killed", 40, 40, 40)]),
        ("Thirty-two people died in the fire.", [("Thirty-two people", "killed", 32, 32, 32)]),
        ("Eleven coal miners were kidnapped.", [("Eleven coal miners", "abducted", 11, 11, 11)]),
    ],
)
def test_figures(text: str, expected: list[tuple[str, str, int, int, int]]) -> None:
    assert _rows(text) == expected


def test_coordinated_phrases_each_count_and_unknown_numbers_add_nothing() -> None:
    text = (
        "One police officer, one informant, and an unknown number of assailants were killed "
        "in the clash."
    )
    figs = _figs(text)
    assert figures.total(figs, "killed") == 2
    assert [f.who for f in figs] == ["police", None]


def test_perpetrators_are_counted_but_marked() -> None:
    figs = _figs("Six soldiers and eight assailants were killed and four officers were injured.")
    assert figures.total(figs, "killed") == 14
    assert figures.total(figs, "injured") == 4
    assert [(f.kind, f.who) for f in figs] == [
        ("killed", "soldiers"),
        ("killed", "perpetrators"),
        ("injured", "police"),
    ]


def test_parenthetical_including_is_not_added() -> None:
    figs = _figs("Six people, including the bomber, were killed and 14 others were wounded.")
    assert (figures.total(figs, "killed"), figures.total(figs, "injured")) == (6, 14)


def test_singular_victims() -> None:
    figs = _figs("Gunmen shot and killed a police officer and a security guard in the city.")
    assert figures.total(figs, "killed") == 2
    figs = _figs("The governor, a former judge, was killed and his son was injured.")
    assert (figures.total(figs, "killed"), figures.total(figs, "injured")) == (1, 1)
    assert figures.total(_figs("A man was shot to death at a bar."), "killed") == 1


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("No casualties were reported.", ["killed", "injured"]),
        ("There were no fatalities.", ["killed"]),
        ("Neither injuries nor fatalities were reported.", ["injured", "killed"]),
        ("The grenade did not cause any casualties.", ["killed", "injured"]),
        ("No one was hurt in the blast.", ["injured"]),
    ],
)
def test_explicit_zeros(text: str, kinds: list[str]) -> None:
    figs = _figs(text)
    assert [f.kind for f in figs] == kinds
    assert all((f.low, f.best, f.high, f.qualifier) == (0, 0, 0, "none") for f in figs)


@pytest.mark.parametrize(
    "text",
    [
        "An unknown number of soldiers were injured in the blast.",
        "It is unknown if there were any casualties in the clash.",
        "Militants destroyed 5 vehicles on a 40-km road in 2014.",
        "The council adopted Resolution 2254 after 3 hours of talks.",
        "A man aged 25 said the village was emptied two years ago.",
        "Dozens held a demonstration in the square. [size=dozens]",
        "The soldiers were killed in an ambush.",
        "Taliban militants claimed responsibility for the attack.",
        "The meeting at 10:30 drew 300 delegates.",
    ],
)
def test_not_casualty_counts(text: str) -> None:
    assert _figs(text) == []


def test_provenance() -> None:
    text = "Fighting raged all day. Later, 12 civilians were killed."
    ad = sentences.run(AnnotatedDoc(make_document(text)))
    (f,) = figures.run(ad).figures
    assert text[f.start : f.end] == f.text == "12 civilians"
    assert (f.sentence, f.doc_id, f.stage, f.who) == (1, ad.doc.id, "figures.v1", "civilians")


def test_qualifier_table_is_documented_and_complete() -> None:
    data = json.loads(
        resources.files("fogofwar.data").joinpath("qualifiers.json").read_text("utf-8")
    )
    assert set(data["qualifiers"].values()) <= set(data["sides"])
    for side in data["sides"]:
        assert figures.bounds(figures.Quantity(5, 5, 5), side) is not None


def test_bounds_rules() -> None:
    q = figures.Quantity(12, 12, 12)
    assert figures.bounds(q, "floor") == (12, 12, None)
    assert figures.bounds(q, "ceiling") == (None, 12, 12)
    assert figures.bounds(q, "near") == (None, 12, 12)
    assert figures.bounds(q, "approx") == (None, 12, None)
    assert figures.bounds(q, "below") == (None, None, 12)
    assert figures.bounds(q, None) == (12, 12, 12)


def test_total_of_nothing_is_none() -> None:
    assert figures.total([], "killed") is None
