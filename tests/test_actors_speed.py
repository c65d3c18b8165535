"""The actor matcher's fast paths give what the plain definitions give, on texts of our own."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from fogofwar.extract import actors as stage
from fogofwar.extract.actors import ActorDictionary, load_actor_dictionary
from fogofwar.extract.sentences import run as split_sentences
from fogofwar.ingest.document import make_document
from fogofwar.model import ActorMention, AnnotatedDoc


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return load_actor_dictionary()


def _reference_hits(actors: ActorDictionary, text: str) -> set[tuple[int, int, str, str]]:
    """Every dictionary key found by plain string search, whole words only."""
    lowered = text.lower().replace("\u2019", "'")
    assert len(lowered) == len(text)
    out = set()
    for form, (_, variants) in actors._automaton.items():
        for exact, entries in variants:
            key = exact if exact is not None else form.strip()
            p = lowered.find(key)
            while p >= 0:
                end = p + len(key)
                whole = (p == 0 or not text[p - 1].isalnum()) and (
                    end == len(text) or not text[end].isalnum()
                )
                for _, k, _ in entries if whole else ():
                    if not k.cased or text[p:end] == k.surface:
                        out.add((p, end, k.role, k.ref))
                p = lowered.find(key, p + 1)
    return out


@pytest.mark.parametrize(
    "text",
    [
        "Isis and al-Qaeda fighters, not Isisx or misis, met al Qaeda envoys.",
        "Iraq's army and Syria\u2019s troops shelled it; IS claimed it, but is it?",
        "U.S.-backed forces (SDF) and Kurdish_YPG units moved; \u00abHouthi\u00bb rebels fired.",
        "Gunmen\u2014unidentified gunmen\u2014killed 3 Nigerian soldiers near Maiduguri.",
        "T\u00fcrkiye's army: Turkish troops,Iranian-backed militias & Russian jets.",
    ],
)
def test_hits_equal_a_plain_search(actors: ActorDictionary, text: str) -> None:
    got = {(s, e, k.role, k.ref) for hits in actors._hits(text).values() for s, e, k in hits}
    assert got == _reference_hits(actors, text)
    assert got  # every text names someone


def test_no_key_matches_inside_a_word(actors: ActorDictionary) -> None:
    assert all(not v for v in actors._hits("Unisis crisis, Syriacs, armyworms").values())


def test_mention_equals_one_built_by_init(actors: ActorDictionary) -> None:
    text = "Syrian troops shelled the town."
    res = SimpleNamespace(actors=actors)
    ad = stage.run(split_sentences(AnnotatedDoc(make_document(text)), res=res), res=res)
    (m,) = ad.actors
    built = ActorMention(
        m.doc_id, 0, 13, "Syrian troops", 0, "military_forces:SY",
        "Military Forces of Syria", "state", "SY",
    )  # fmt: skip
    assert m == built and hash(m) == hash(built) and repr(m) == repr(built)
    assert vars(m) == vars(built)
