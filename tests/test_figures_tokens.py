"""figures.tokenize: offsets, case and number expressions of the linker's tokens."""

from __future__ import annotations

import re

import pytest

from fogofwar.extract.figures import load_figure_lexicon, match_sentence, tokenize
from fogofwar.model import Sentence

# What a token is: words (with inner apostrophes and hyphens), numbers with their inner
# punctuation, and the punctuation the linker reads.
TOKEN = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*|\d[\d,.:/]*\d|\d|[,;:()&–-]")


def _spans(text: str) -> list[tuple[str, str, bool]]:
    tk = tokenize(text)
    assert len(tk.low) == len(tk.start) == len(tk.end) == len(tk.cap) == len(tk.qty)
    return [(text[a:b], w, c) for w, a, b, c in zip(tk.low, tk.start, tk.end, tk.cap, strict=True)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "«…»",
        "Gunmen killed 3 guards.",
        "  Trailing gap after the last word …  ",
        "O’Neill’s men-at-arms (NDS) & co; 10:30, 01/01/2021 – 1,206",
        "٣ soldiers",  # digits of another script are still digits
        "\u212aill 3 men in İdlib",  # KELVIN SIGN lowers to "k"; "İ" lowers to two characters
        "\u212aILLED",
        "x",
        "al-Shabaab's rock’n’roll -- fighters' 1,2,,3 4:5: 6/7/",
    ],
)
def test_word_tokens_match_the_token_pattern(text: str) -> None:
    """Without number words, tokens are exactly the pattern's matches, with their offsets."""
    expected = [
        (m.group(0), m.group(0).lower(), m.group(0)[0].isupper()) for m in TOKEN.finditer(text)
    ]
    got = [(s, w if w != "#" else s.lower(), c) for s, w, c in _spans(text)]
    assert got == expected


def test_number_expressions_become_one_token_with_their_value() -> None:
    text = "Twenty-one people and 1-2 policemen, a dozen guards and dozens of others"
    tk = tokenize(text)
    numbers = [
        (text[a:b], q)
        for w, a, b, q in zip(tk.low, tk.start, tk.end, tk.qty, strict=True)
        if w == "#"
    ]
    assert [(s, (q.low, q.best, q.high)) for s, q in numbers] == [
        ("Twenty-one", (21, 21, 21)),
        ("1-2", (1, 1, 2)),
        ("a dozen", (12, 12, 12)),
        ("dozens of", (24, 24, 99)),
    ]
    assert tk.cap[0] is True and tk.low[1:3] == ["people", "and"]
    assert all(q is None for w, q in zip(tk.low, tk.qty, strict=True) if w != "#")


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("a 40-km road", 0),  # a number glued to a unit
        ("no one was hurt", 0),  # a negation
        ("a man and an officer", 0),  # articles alone
        ("the 3-day siege and 4 dead", 1),
    ],
)
def test_what_is_no_count(text: str, numbers: int) -> None:
    assert tokenize(text).low.count("#") == numbers


def test_figures_far_apart_in_a_long_sentence_are_all_found() -> None:
    """Item lists are found on demand left to right: a late cue still sees its subject."""
    text = (
        "Three soldiers were killed near the bridge, a police officer died in hospital, "
        "the convoy turned back and later 12 civilians were wounded by a second blast."
    )
    figs = match_sentence(Sentence("d", 0, 0, len(text), text), load_figure_lexicon())
    assert [(f.kind, f.text, f.best) for f in figs] == [
        ("killed", "Three soldiers", 3),
        ("killed", "a police officer", 1),
        ("injured", "12 civilians", 12),
    ]
