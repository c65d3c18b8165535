"""attribution.v1: who says so, and whether the claimant is a party to the conflict."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from fogofwar.extract import attribution, sentences
from fogofwar.extract.event_lexicon import load_event_lexicon
from fogofwar.ingest.document import make_document
from fogofwar.model import ActorMention, AnnotatedDoc, Attribution

# surface -> (canonical id, name, kind)
ACTORS = {
    "Human Rights Watch": ("hrw", "Human Rights Watch", "ngo"),
    "coalition": ("coalition", "US-led coalition", "external"),
    "Iraqi army": ("military_forces:IQ", "Military Forces of Iraq", "state"),
    "Isis": ("isis", "Islamic State", "rebel"),
    "Taliban": ("taliban", "Taliban", "rebel"),
}


@pytest.fixture(scope="module")
def lex_res() -> SimpleNamespace:
    return SimpleNamespace(lexicon=load_event_lexicon())


def attributions(text: str, res: SimpleNamespace) -> tuple[Attribution, ...]:
    ad = sentences.run(AnnotatedDoc(make_document(text, published=date(2016, 6, 1))))
    acts = []
    for surface, (cid, name, kind) in ACTORS.items():
        i = text.find(surface)
        if i >= 0:
            s = ad.sentence_of(i)
            assert s is not None
            acts.append(
                ActorMention(
                    ad.doc.id, i, i + len(surface), surface, s.index, cid, name, kind, None
                )  # type: ignore[arg-type]
            )
    ad = AnnotatedDoc(ad.doc, ad.sentences, tuple(sorted(acts, key=lambda a: a.start)))
    return attribution.run(ad, res=res).attributions


def one(text: str, res: SimpleNamespace) -> Attribution:
    found = attributions(text, res)
    assert len(found) == 1, found
    return found[0]


def test_ngo_said(lex_res: SimpleNamespace) -> None:
    a = one("Human Rights Watch said militias had executed prisoners near Fallujah.", lex_res)
    assert (a.claimant, a.claimant_actor, a.is_party) == ("Human Rights Watch", "hrw", False)
    assert a.text == "Human Rights Watch said"


@pytest.mark.parametrize(
    "text",
    [
        "Human Rights Watch has so far documented the deaths of 21 people near Manbij.",
        "Human Rights Watch on Tuesday reported that 30 people died in Sirte.",
        "Human Rights Watch now says 80,000 people have fled Sirte.",
    ],
)
def test_adverbs_and_days_before_the_verb_are_not_the_claimant(
    text: str, lex_res: SimpleNamespace
) -> None:
    assert one(text, lex_res).claimant == "Human Rights Watch"


def test_according_to_a_diplomat(lex_res: SimpleNamespace) -> None:
    a = one("Isis let some families leave, according to a US diplomat.", lex_res)
    assert a.claimant == "a US diplomat" and a.text == "according to a US diplomat"


def test_party_claimant(lex_res: SimpleNamespace) -> None:
    a = one("The coalition announced that its jets struck an Isis convoy.", lex_res)
    assert a.claimant_actor == "coalition" and a.is_party


def test_government_words_make_a_party(lex_res: SimpleNamespace) -> None:
    a = one("The defence ministry claimed that 40 fighters were killed.", lex_res)
    assert a.is_party and a.claimant_actor is None


def test_vague_sources_and_others(lex_res: SimpleNamespace) -> None:
    found = attributions(
        "Some reports have stated that the bridge fell, while others have claimed it stands.",
        lex_res,
    )
    assert [a.claimant for a in found] == ["some reports", "others"]
    assert not any(a.is_party for a in found)


def test_inverted_spokesman(lex_res: SimpleNamespace) -> None:
    a = one("Twelve fighters were captured, said a spokesman for the Iraqi army.", lex_res)
    assert a.claimant == "a spokesman for the Iraqi army"
    assert a.claimant_actor == "military_forces:IQ" and a.is_party


def test_claimed_responsibility(lex_res: SimpleNamespace) -> None:
    a = one("The Taliban claimed responsibility for the bombing in Kabul.", lex_res)
    assert a.claimant_actor == "taliban" and a.is_party


def test_no_claimant_no_attribution(lex_res: SimpleNamespace) -> None:
    text = (
        "No group claimed responsibility for the blast. He said nothing more. "
        "Casualties were reported in the east."
    )
    assert attributions(text, lex_res) == ()


def test_spans_are_exact(lex_res: SimpleNamespace) -> None:
    text = "Local sources reported heavy fighting. According to residents, Isis withdrew."
    ad_text = make_document(text).text
    found = attributions(text, lex_res)
    assert [a.claimant for a in found] == ["local sources", "residents"]
    for a in found:
        assert ad_text[a.start : a.end] == a.text and a.stage == "attribution.v1"


def test_a_dateline_is_not_part_of_the_claimant(lex_res: SimpleNamespace) -> None:
    for dash in ("\u2014", "\u2013"):
        a = one(f"BAGHDAD {dash} The coalition said its jets struck an Isis convoy.", lex_res)
        assert a.text == "The coalition said" and a.claimant_actor == "coalition"


def test_a_voice_of_an_actor_named_before_takes_its_id(lex_res: SimpleNamespace) -> None:
    found = attributions(
        "Jets of the US-led coalition struck Raqqa on Monday. A coalition spokesman said 12 "
        "fighters were killed. The spokesman said more strikes would follow.",
        lex_res,
    )
    assert [(a.claimant, a.claimant_actor, a.is_party) for a in found] == [
        ("a coalition spokesman", "coalition", True),
        ("spokesman", "coalition", True),  # "the spokesman": the one just quoted
    ]


def test_voices_and_words_that_name_no_known_actor(lex_res: SimpleNamespace) -> None:
    found = attributions(
        "The Iraqi army entered the town. The spokesman said the town was calm. Local "
        "officials said three shops burned. Independent monitors said the toll was higher. "
        "A rebel spokesman said fighting continued.",
        lex_res,
    )
    # no spokesman was tied to an actor before; "rebel" ends no actor's name in the text
    assert [(a.claimant, a.claimant_actor) for a in found] == [
        ("spokesman", None),
        ("local officials", None),
        ("Independent monitors", None),
        ("a rebel spokesman", None),
    ]


def test_a_pronoun_or_a_clause_is_no_claimant(lex_res: SimpleNamespace) -> None:
    text = (
        "Residents posted photographs of what they said was a mass grave. The governor, "
        "speaking from the capital, said the roads had been closed."
    )
    assert [a.claimant for a in attributions(text, lex_res)] == []
