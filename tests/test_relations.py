"""Relations stage on sentences of our own, with negatives."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from fogofwar.extract import relations
from fogofwar.extract.actors import ActorDictionary, load_actor_dictionary
from fogofwar.extract.actors import run as find_actors
from fogofwar.extract.sentences import run as split_sentences
from fogofwar.ingest.document import make_document
from fogofwar.model import AnnotatedDoc

UAG = "unidentified_armed_group:?"
RU, SY, IQ = "military_forces:RU", "military_forces:SY", "military_forces:IQ"
RRF = "raqqa_revolutionaries_front"


@pytest.fixture(scope="module")
def res() -> SimpleNamespace:
    return SimpleNamespace(actors=load_actor_dictionary())


def annotate(res: SimpleNamespace, text: str) -> AnnotatedDoc:
    ad = split_sentences(AnnotatedDoc(make_document(text)), res=res)
    return relations.run(find_actors(ad, res=res), res=res)


def edges(res: SimpleNamespace, text: str) -> set[tuple[str, str, str]]:
    return {(r.kind, r.source, r.target) for r in annotate(res, text).relations}


def test_backed_up_by_three_air_forces(res: SimpleNamespace) -> None:
    got = edges(res, "Shia militias, backed up by US, Australian and British airstrikes, advanced.")
    assert got == {
        ("backs", "military_forces:US", "pmf"),
        ("backs", "military_forces:AU", "pmf"),
        ("backs", "military_forces:GB", "pmf"),
    }


def test_backing_covers_coordinated_actors(res: SimpleNamespace) -> None:
    got = edges(res, "The Iraqi army and Shia militias, backed by coalition jets, pushed in.")
    assert got == {("backs", "coalition", IQ), ("backs", "coalition", "pmf")}


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        ("US-backed forces advanced on the town.", ("backs", "government:US", UAG)),
        ("The US-backed SDF advanced on the town.", ("backs", "government:US", "sdf")),
        ("Iranian-backed militias shelled it.", ("backs", "government:IR", "iran_backed_militias")),
        ("Russian-backed militias shelled a village.", ("backs", "government:RU", UAG)),
        ("Turkish-supported rebels moved on Afrin.", ("backs", "government:TR", UAG)),
        ("The rebels are backed by Iran.", ("backs", "government:IR", UAG)),
        ("Syrian troops moved with Russian airpower backing.", ("backs", RU, SY)),
        ("Iran backs the Houthis.", ("backs", "government:IR", "houthis")),
        ("Hezbollah is allied with the Syrian army.", ("allied_with", "hezbollah", SY)),
        ("The Peshmerga have been fighting Isis for months.", ("fights", "peshmerga", "isis")),
        ("Jihadists were under siege by the Iraqi army.", ("besieges", IQ, "islamist_militia:?")),
        ("The rebels, besieged by Hezbollah, surrendered.", ("besieges", "hezbollah", UAG)),
        ("The Raqqa Revolutionaries Front, part of the SDF, joined.", ("part_of", RRF, "sdf")),
        ("Kataib Hezbollah, a faction of the PMF, fired.", ("part_of", "kataib_hezbollah", "pmf")),
    ],
)  # fmt: skip
def test_phrases(res: SimpleNamespace, text: str, edge: tuple[str, str, str]) -> None:
    assert edge in edges(res, text)


@pytest.mark.parametrize(
    "text",
    [
        "The minister backed away from the plan.",
        "The SDF backed the proposal.",
        "Parliament backed the proposal on Monday.",
        "A car backed into a wall near the checkpoint.",
        "The plan is supported by evidence.",
        "Isis attacked. The SDF was resting.",  # no relation across sentences
    ],
)
def test_negatives(res: SimpleNamespace, text: str) -> None:
    assert edges(res, text) == set()


def test_provenance(res: SimpleNamespace) -> None:
    text = "Calm returned. The SDF, backed by the US-led coalition, entered the town."
    ad = annotate(res, text)
    (rel,) = ad.relations
    assert (rel.source, rel.target, rel.sentence, rel.stage) == (
        "coalition",
        "sdf",
        1,
        "relations.v1",
    )
    assert text[rel.start : rel.end] == rel.text and rel.doc_id == ad.doc.id
    assert "backed by" in rel.text


def test_actor_dictionary_type(res: SimpleNamespace) -> None:
    assert isinstance(res.actors, ActorDictionary)


# Every pattern is tried only where one of its anchors stands; on any sentence that must
# give exactly what scanning the sentence with the pattern gives.
SCANNED = [
    "Iran-backed militias, with the backing of Russian and Syrian forces, attacked.",
    "The YPG, backed up by the US, fought Isis; Hezbollah, allied with Iran, was besieging it.",
    "Rebels were besieged by the army and under siege from Hezbollah, armed by Iran.",
    "With the support of Turkey and with support from Qatar, the rebels clashed with the SDF.",
    "with US air support the Peshmerga, in alliance with the PMF, were encircled by Isis",
    "Backs, arms and funds: Iran backs, arms and funds Hezbollah, which laid siege to Qusayr.",
    "Ahrar al-Sham, a faction of the Army of Conquest, fights alongside Nusra at war with Isis.",
    "clashwith clashes with-backed -armed aligned withdrawn withstanding the fight against",
]


@pytest.mark.parametrize("text", SCANNED)
def test_anchored_matches_equal_a_scan(text: str) -> None:
    low = text.lower()
    anchors = relations._scan(low, split_sentences(AnnotatedDoc(make_document(text))).sentences)
    assert anchors  # every sentence above holds a trigger
    for k, found in anchors.items():
        sent = split_sentences(AnnotatedDoc(make_document(text))).sentences[k]
        for rx in relations._ANCHORS:
            scanned = [m.span() for m in rx.finditer(low, sent.start, sent.end)]
            tried = relations._matches(rx, low, found.get(rx, []), sent.end)
            assert [m.span() for m in tried] == scanned, rx.pattern


def test_sentence_without_a_trigger_is_not_read(res: SimpleNamespace) -> None:
    # "arms" matches the backs pattern, but no trigger makes the sentence worth reading
    text = "Iran arms Hezbollah. The SDF, backed by the US, advanced."
    assert set(relations._scan(text.lower(), annotate(res, text).sentences)) == {1}
    assert edges(res, text) == {("backs", "government:US", "sdf")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the backed party is the head of the "US-backed" noun phrase, not an actor later on
        (
            "US-backed forces are pushing to retake Manbij from the Islamic State.",
            {("backs", "government:US", UAG)},
        ),
        # "US-supported" is the prefixed form: no "X supported Y" with an earlier actor
        (
            "The Raqqa Revolutionaries Front was besieged by the US-supported YPG last year.",
            {("besieges", "ypg", RRF), ("backs", "government:US", "ypg")},
        ),
        # another subject stands between the actor and the verb
        (
            "The coalition struck Islamic State in Sirte to support forces aligned with the "
            "unity government.",
            set(),
        ),
        # a country before a hyphenated adjective modifies the actor after it
        (
            "The YPG, the main component of the US-backed SDF, advanced.",
            {("part_of", "ypg", "sdf"), ("backs", "government:US", "sdf")},
        ),
        ("The YPG, the main component of the US-inspired SDF, advanced.", set()),
    ],
)
def test_relations_stay_inside_their_phrase(
    res: SimpleNamespace, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert edges(res, text) == expected
