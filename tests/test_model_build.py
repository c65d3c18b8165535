"""model.build gives the record that the frozen dataclass's __init__ gives."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from fogofwar.model import ActorMention, DateMention, EventActor, Sentence, build

CASES = [
    (Sentence, dict(doc_id="d", index=0, start=0, end=5, text="Hello")),
    (
        ActorMention,
        dict(
            doc_id="d",
            start=0,
            end=4,
            text="Isis",
            sentence=0,
            canonical_id="isis",
            name="Islamic State",
            kind="rebel",
            country=None,
            stage="actors.v1",
        ),
    ),  # fmt: skip
    (
        DateMention,
        dict(
            doc_id="d",
            start=3,
            end=9,
            text="23 May",
            sentence=0,
            first=date(2016, 5, 23),
            last=date(2016, 5, 23),
            precision="day",
            stage="dates.v1",
        ),
    ),  # fmt: skip
]


@pytest.mark.parametrize(("cls", "fields"), CASES)
def test_build_equals_init(cls, fields) -> None:
    built, init = build(cls, **fields), cls(**fields)
    assert built == init and hash(built) == hash(init) and repr(built) == repr(init)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.start = 1  # still frozen


def test_nested_records_compare_equal() -> None:
    cls, fields = CASES[1]
    assert build(EventActor, role="actor1", actor=build(cls, **fields)) == EventActor(
        role="actor1", actor=cls(**fields)
    )


def test_a_different_field_makes_a_different_record() -> None:
    cls, fields = CASES[0]
    assert build(cls, **{**fields, "index": 1}) != cls(**fields)


def test_evolve_gives_what_dataclasses_replace_gives() -> None:
    from fogofwar.model import AnnotatedDoc, Document, evolve

    ad = AnnotatedDoc(Document(id="d", text="Hello"))
    sentences = (build(Sentence, doc_id="d", index=0, start=0, end=5, text="Hello"),)
    new = evolve(ad, sentences=sentences, warnings=("w",))
    assert new == dataclasses.replace(ad, sentences=sentences, warnings=("w",))
    assert hash(new) == hash(dataclasses.replace(ad, sentences=sentences, warnings=("w",)))
    assert ad.sentences == ()  # the original is unchanged
