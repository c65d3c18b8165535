"""figures.v1: one victim without a count ("shot and killed a shopkeeper", "... killed Ali
Musa, a former mayor"), people who later die of their wounds, and heads of lists that
asides, appositions and "including" sub-counts must not change."""

from __future__ import annotations

import pytest

from fogofwar.extract import figures, sentences
from fogofwar.extract.figures import SUBCOUNT, load_figure_lexicon, match_sentence
from fogofwar.ingest.document import make_document
from fogofwar.model import AnnotatedDoc, Figure, Sentence

LEX = load_figure_lexicon()


def _sentence(text: str) -> list[Figure]:
    return match_sentence(Sentence("d", 0, 0, len(text), text), LEX)


def _doc(text: str) -> list[Figure]:
    return list(figures.run(sentences.run(AnnotatedDoc(make_document(text)))).figures)


def _killed(figs: list[Figure]) -> int | None:
    return figures.total(figs, "killed")


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("Two gunmen shot and killed a pharmacist in the old market.", "a pharmacist"),
        (
            "Unknown men killed an engineer of the water board near the dam.",
            "an engineer of the water board",
        ),
        ("Raiders stabbed and killed Omar Haddad in his shop on Tuesday.", "Omar Haddad"),
        (
            "Militants shot dead village headman Tomas Reyes outside the church.",
            "village headman Tomas Reyes",
        ),
        (
            "Fighters abducted and later killed Ana Lucia Ferreira (Lucinha) near the river.",
            "Ana Lucia Ferreira",
        ),
        ("A sniper killed Dr Karim al-Masri as he left the clinic.", "Dr Karim al-Masri"),
        ("The kidnappers beat the hostage and beheaded him.", "him"),
    ],
)
def test_the_object_of_a_killing_verb_is_one_victim(text: str, victim: str) -> None:
    figs = _sentence(text)
    assert [(f.kind, f.text, f.low, f.best, f.high) for f in figs] == [("killed", victim, 1, 1, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Security forces killed Syrian soldiers in the town.",  # capitals qualify a noun
        "Airstrikes killed ISIS in the valley.",  # a group in capitals
        "The drone strike killed Taliban near the border.",  # a known group word
        "The rains killed the harvest and the deal was killed in parliament.",
        "The blast killed a group of villagers at the well.",  # no number of people
        "The shelling killed the rest of the passengers.",
        "The soldiers killed the cattle and left.",
        "Gunmen killed them on Monday.",  # a plural pronoun gives no count
        "The gang killed Kurds and Arabs alike.",  # plural words, not a name
    ],
)
def test_objects_that_are_no_one_victim(text: str) -> None:
    assert _killed(_sentence(text)) is None


def test_a_name_and_its_apposition_are_one_person() -> None:
    figs = _sentence("Assailants shot and killed Rahim Sadiq, a retired judge, in Kandahar.")
    assert [(f.text, f.best) for f in figs] == [("Rahim Sadiq", 1)]
    figs = _sentence(
        "Gunmen killed Lucia Mendes, a community organiser and a member of the town council, "
        "and her brother in Tumaco."
    )
    assert [(f.text, f.best) for f in figs] == [("Lucia Mendes", 1), ("her brother", 1)]
    figs = _sentence("Soldiers killed Pedro Alves, a farmer, and two of his workers.")
    assert _killed(figs) == 3
    # "a man, the owner of the shop" is one man
    figs = _sentence(
        "The militia opened fire, killing a man, the owner of the bakery, and wounding six."
    )
    assert (_killed(figs), figures.total(figs, "injured")) == (1, 6)


def test_names_after_a_count_rename_the_counted_people() -> None:
    figs = _sentence(
        "Two teachers, Amina Bello and Grace Okafor, were killed and a pupil was abducted."
    )
    assert [(f.kind, f.text, f.best) for f in figs] == [
        ("killed", "Two teachers", 2),
        ("abducted", "a pupil", 1),
    ]
    figs = _sentence("Three guards (Sani Musa, Ibrahim Lawal, and Yusuf Garba) were killed.")
    assert [(f.text, f.best) for f in figs] == [("Three guards", 3)]


def test_both_and_a_shared_determiner_count_people() -> None:
    assert _killed(_sentence("Both policemen were killed in the ambush.")) == 2
    assert _killed(_sentence("Both sides were killed off by the reforms.")) is None
    assert _killed(_sentence("Both soldiers and civilians were killed.")) is None
    assert _killed(_sentence("Her husband and son were killed in the strike.")) == 2
    assert _killed(_sentence("The mayor and one of his guards were killed.")) == 2


def test_including_is_a_subcount_with_or_without_a_closing_comma() -> None:
    for text in (
        "Four people, including a nurse and a former member of a local militia, Ali Noor, "
        "were killed and one person was injured.",
        "Four people, including two nurses were killed in the clashes.",
    ):
        figs = _sentence(text)
        assert _killed(figs) == 4
        assert all(f.qualifier == SUBCOUNT for f in figs if f.kind == "killed" and f.best != 4)


def test_the_wounded_who_later_die_are_killed() -> None:
    figs = _sentence("A police officer was wounded in the blast and later died in hospital.")
    assert [(f.kind, f.best) for f in figs] == [("killed", 1)]
    figs = _sentence("Hassan Ali, a shopkeeper, was injured by the gunmen and subsequently died.")
    assert [(f.kind, f.best) for f in figs] == [("killed", 1)]
    # the death of others: the injured stay injured
    figs = _sentence("Six people were wounded and two died on the way to hospital.")
    assert [(f.kind, f.best) for f in figs] == [("injured", 6), ("killed", 2)]
    figs = _sentence("Major Idris Bako succumbed to his wounds on Friday.")
    assert [(f.kind, f.text, f.best) for f in figs] == [("killed", "Major Idris Bako", 1)]
    for text in ("He died of his wounds.", "Many died.", "Kabul died down at night."):
        assert _killed(_sentence(text)) is None, text


def test_a_body_found_is_one_dead() -> None:
    assert _killed(_sentence("A body was pulled from the river on Sunday.")) == 1
    assert _killed(_sentence("Nasser Odeh's body was found near the checkpoint.")) == 1
    assert _killed(_sentence("The body of a fisherman was found on the beach.")) == 1
    for text in (
        "His body was returned to the family.",  # someone already counted
        "The governing body said the vote was postponed.",
        "A regional body will monitor the truce.",
        "The body of evidence is growing.",
    ):
        assert _killed(_sentence(text)) is None, text


def test_a_non_person_killed_is_no_count() -> None:
    assert _killed(_sentence("A donkey was killed when the mine went off.")) is None
    assert _killed(_sentence("A boy was killed when the mine went off.")) == 1


def test_a_subject_with_a_modifier_before_its_verb() -> None:
    figs = _sentence("About 12,000 residents of the valley and its farms have now fled.")
    assert [(f.kind, f.best) for f in figs] == [("displaced", 12000)]
    assert _killed(_sentence("Nine people at the wedding party were killed.")) == 9
    # a clause or another person between the count and the verb: no subject
    assert _killed(_sentence("Nine men attacked the post and the guards were killed.")) is None
    assert _killed(_sentence("Five soldiers and civilians from the town were killed.")) is None


def test_a_person_named_again_is_counted_once() -> None:
    figs = _doc(
        "Gunmen shot and killed a nurse, Rosa Lima, in Cali. "
        "Police said the nurse was killed by mistake."
    )
    assert _killed(figs) == 1
    figs = _doc("Unknown men killed Samuel Adeyemi in Ibadan. Adeyemi's body was found on a farm.")
    assert _killed(figs) == 1
    # two different people stay two
    figs = _doc("A soldier was killed at dawn. Later, a police officer was killed at the gate.")
    assert _killed(figs) == 2


def test_count_words_give_a_range_and_no_best() -> None:
    figs = _sentence("The war has displaced tens of thousands of families.")
    assert [(f.low, f.best, f.high, f.qualifier) for f in figs] == [
        (20000, None, 99999, "tens of thousands")
    ]
    assert figures.total(figs, "displaced") == 20000  # totals use the low end
    # exact count words and numbers keep their number
    assert [f.best for f in _sentence("A dozen soldiers were wounded.")] == [12]
    assert [f.best for f in _sentence("Some 4,000 people fled.")] == [4000]
