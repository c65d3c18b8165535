"""numbers: digits, words, ranges and vague quantities."""

from __future__ import annotations

import pytest

from fogofwar.extract.numbers import Quantity, find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "low", "best", "high"),
    [
        ("1,206", 1206, 1206, 1206),
        ("68,000", 68000, 68000, 68000),
        ("2.5 million", 2_500_000, 2_500_000, 2_500_000),
        ("1-2", 1, 1, 2),
        ("10 to 15", 10, 10, 15),
        ("seven", 7, 7, 7),
        ("twenty-one", 21, 21, 21),
        ("Thirty two", 32, 32, 32),
        ("two hundred and five", 205, 205, 205),
        ("a dozen", 12, 12, 12),
        ("dozens", 24, 24, 99),
        ("dozens of", 24, 24, 99),
        ("hundreds", 200, 200, 999),
        ("thousands", 2000, 2000, 9999),
        ("scores", 40, 40, 99),
        ("several", 3, 3, 9),
        ("a few", 2, 2, 5),
        ("a number of", 2, 2, 9),
        ("one or two", 1, 1, 2),
    ],
)
def test_parse_number(text: str, low: int, best: int, high: int) -> None:
    q = parse_number(text)
    assert q is not None
    assert (q.low, q.best, q.high) == (low, best, high)


def test_vague_words_are_flagged() -> None:
    assert parse_number("hundreds") == Quantity(200, 200, 999, vague=True)
    assert parse_number("12") == Quantity(12, 12, 12, vague=False)


@pytest.mark.parametrize("text", ["people", "May", "", "one one", "a"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_find_numbers_spans_and_negatives() -> None:
    text = (
        "At 10:30 on 01/01/2021, 3 militants, 1-2 policemen and some 68,000 people; a 2.5km road."
    )
    found = find_numbers(text)
    assert [m.text for m in found] == ["3", "1-2", "68,000"]
    for m in found:
        assert text[m.start : m.end] == m.text
