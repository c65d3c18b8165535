"""Noun phrases of one victim: acronyms inside the phrase and a named apposition."""

from fogofwar.extract.figures import load_figure_lexicon, match_sentence
from fogofwar.model import Sentence

LEX = load_figure_lexicon()


def _figs(text: str) -> list[tuple[str, str, int | None]]:
    return [
        (f.kind, f.text, f.best) for f in match_sentence(Sentence("d", 0, 0, len(text), text), LEX)
    ]


def test_acronym_in_parentheses_stays_inside_the_victim_phrase():
    assert _figs("Gunmen shot and killed a Rural Guard Service (RGS) officer in the town.") == [
        ("killed", "a Rural Guard Service (RGS) officer", 1)
    ]


def test_named_apposition_is_the_same_person():
    assert _figs("Gunmen killed a local councillor, Maria Santos, outside her home.") == [
        ("killed", "a local councillor", 1)
    ]


def test_names_joined_by_and_are_still_counted_separately():
    kinds = _figs("A guard, Ali Hassan and two drivers were killed.")
    assert sum(best or 0 for _, _, best in kinds) == 4


def test_an_aside_between_the_count_and_its_verb_is_skipped():
    assert _figs("Up to 40 villagers, most of them women, were killed in the raid.") == [
        ("killed", "Up to 40 villagers", 40)
    ]
