"""figures.cue_sentences: which sentences are parsed, and which are searched for zeros."""

from __future__ import annotations

import re

from fogofwar.extract import figures, sentences
from fogofwar.extract.figures import _FOLDS_TO_ASCII, cue_sentences, load_figure_lexicon
from fogofwar.ingest.document import make_document
from fogofwar.model import AnnotatedDoc


def _gated(text: str) -> list[tuple[str, bool]]:
    ad = sentences.run(AnnotatedDoc(make_document(text)))
    return [(s.text, neg) for s, neg in cue_sentences(ad, load_figure_lexicon())]


def test_only_sentences_with_a_cue_are_parsed_and_only_some_searched_for_zeros() -> None:
    text = (
        "The talks ended on Monday. Twelve soldiers were killed at the bridge. "
        "Hundreds of families fled the town. No casualties were reported after the second raid. "
        "Twelve soldiers were killed; nobody else was."
    )
    assert _gated(text) == [
        ("Twelve soldiers were killed at the bridge.", False),  # no "no", "not", "never", ...
        ("Hundreds of families fled the town.", False),
        ("No casualties were reported after the second raid.", True),
        ("Twelve soldiers were killed; nobody else was.", True),  # as in "nobody was killed"
    ]


def test_zeros_are_found_in_a_gated_sentence_without_a_negation_word_in_plain_letters() -> None:
    # a long s reads as "s" to the case-blind negation pattern but not to the lower-cased gate
    text = "Dozens of families fled, but no caſualties were reported."
    ad = figures.run(sentences.run(AnnotatedDoc(make_document(text))))
    assert [(f.kind, f.best, f.qualifier) for f in ad.figures] == [
        ("displaced", None, "dozens"),  # a count word: low 24, no best
        ("injured", 0, "none"),  # the noun is not the listed "casualties": injured by default
    ]
    # a dotless i reads as "i": "without" is a negation the lower-cased gate cannot spell
    dotless = "Dozens of families fled, w\u0131thout any casualties."
    ad = figures.run(sentences.run(AnnotatedDoc(make_document(dotless))))
    assert [(f.kind, f.low) for f in ad.figures] == [
        ("displaced", 24),
        ("killed", 0),
        ("injured", 0),
    ]
    plain = "Dozens of families fled, but no reporters were allowed in."
    ad = figures.run(sentences.run(AnnotatedDoc(make_document(plain))))
    assert [f.kind for f in ad.figures] == ["displaced"]


def test_every_letter_a_case_blind_pattern_reads_as_ascii_is_seen_by_the_gate() -> None:
    """A character that matches an ASCII letter case-blind either lowers to it, changes
    length when lowered (the gate then passes every sentence), or is listed."""
    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    for cp in range(0x80, 0x110000):
        c = chr(cp)
        if ascii_letter.fullmatch(c):
            low = c.lower()
            assert low.isascii() or len(low) != 1 or c in _FOLDS_TO_ASCII, hex(cp)


def test_a_gate_word_without_the_rest_of_its_phrase_is_not_parsed() -> None:
    text = (
        "Witnesses saw burnt-out cars in the square. A guard was burnt to death. "
        "Rebels claimed the town on Friday. The blast claimed the lives of four men."
    )
    assert _gated(text) == [
        ("A guard was burnt to death.", False),
        ("The blast claimed the lives of four men.", False),  # "no loss of lives" needs a "no"
    ]
    ad = figures.run(sentences.run(AnnotatedDoc(make_document(text))))
    assert [(f.kind, f.text, f.best) for f in ad.figures] == [
        ("killed", "A guard", 1),
        ("killed", "four men", 4),
    ]
