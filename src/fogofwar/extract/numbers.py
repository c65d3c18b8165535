"""Numbers as reporters write them: digits, words, ranges and vague quantities.

Every parse returns a ``Quantity`` (low, best, high). An exact number has all three equal;
a range "1-2" keeps both ends and takes the lower as ``best`` (ACLED's published rule:
code the most conservative figure); a vague word ("dozens", "several") has a range whose
``best`` is its lower end, for the same reason ("a few days ago" is two days). A casualty
figure given by such a word states no number, so the figures stage keeps its range with no
``best`` (``figures.bounds``). The vague ranges live in ``data/figure_lexicon.json`` so they
can be reviewed without reading code.

>>> parse_number("2.5 million").best
2500000
>>> parse_number("twenty-one").best
21
>>> parse_number("dozens")
Quantity(low=24, best=24, high=99, vague=True)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from fogofwar.errors import ResourceError

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


@dataclass(frozen=True)
class Quantity:
    """A number or a range of numbers; ``None`` marks an open end."""

    low: int | None
    best: int | None
    high: int | None
    vague: bool = False


@dataclass(frozen=True)
class NumberMatch:
    start: int
    end: int
    text: str
    quantity: Quantity


@lru_cache(maxsize=1)
def load_vague() -> dict[str, tuple[int, int | None]]:
    """Vague quantity words ("dozens", "a few") and their (low, high) from the lexicon."""
    try:
        raw = json.loads(
            resources.files("fogofwar.data").joinpath("figure_lexicon.json").read_text("utf-8")
        )
        return {
            k: (int(v[0]), None if v[1] is None else int(v[1])) for k, v in raw["vague"].items()
        }
    except (OSError, KeyError, ValueError, TypeError) as exc:
        raise ResourceError(f"fogofwar/data/figure_lexicon.json is unreadable: {exc}") from exc


_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_DIGIT = "one|two|three|four|five|six|seven|eight|nine"
# "twenty-one", "thirty two", or a unit/teen word; never two units in a row.
_UNDER100 = rf"(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{_DIGIT})\b)?|(?:{_UNIT}))"
_WORDNUM = rf"(?:(?:a|{_DIGIT})\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{_UNDER100})?|{_UNDER100})"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_SCALE = r"(?:\s+(?:million|billion|thousand|hundred))?"
_RANGE_SEP = r"\s*(?:-|–|—|to|or)\s*"


def _vague_pattern() -> str:
    words = sorted(load_vague(), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


@lru_cache(maxsize=1)
def number_regex() -> re.Pattern[str]:
    """One compiled pattern for every number form, longest alternatives first."""
    single = rf"(?:(?:{_DIGITS}){_SCALE}|{_WORDNUM}{_SCALE})"
    pat = (
        rf"(?<![\w.,/:])(?:(?:{_vague_pattern()})(?:\s+of)?"
        rf"|{single}(?:{_RANGE_SEP}{single})?)(?![\w/:]|[.,]\d)"
    )
    return re.compile(pat, re.IGNORECASE)


def _words_value(text: str) -> int | None:
    """'twenty-one' -> 21, 'two hundred and five' -> 205, 'a thousand' -> 1000.

    Malformed sequences ("one one", a bare "a") are not numbers.
    """
    words = re.split(r"[\s-]+", text.lower().replace(" and ", " "))
    if words in (["a"], ["an"]):
        return None
    total, current, prev = 0, 0, ""
    for w in words:
        if w in _UNITS and prev not in ("unit", "teen"):
            current += _UNITS[w]
            prev = "unit" if _UNITS[w] < 10 else "teen"
        elif w in _TENS and prev in ("", "scale"):
            current += _TENS[w]
            prev = "tens"
        elif w in ("a", "an") and prev == "":
            current, prev = 1, "unit"
        elif w in _SCALES and prev in ("unit", "teen", "tens"):
            current, total, prev = _apply_scale(current, total, _SCALES[w]), 0, "scale"
            if _SCALES[w] > 100:
                total, current = current, 0
        else:
            return None
    return total + current


def _apply_scale(current: int, total: int, scale: int) -> int:
    return total + max(current, 1) * scale


def _single_value(text: str) -> int | None:
    m = re.fullmatch(rf"({_DIGITS})\s*(million|billion|thousand|hundred)?", text.strip(), re.I)
    if m:
        base = float(m.group(1).replace(",", ""))
        scale = _SCALES[m.group(2).lower()] if m.group(2) else 1
        return int(round(base * scale))
    return _words_value(text.strip())


def _vague_value(text: str) -> Quantity | None:
    key = re.sub(r"\s+", " ", text.lower().strip())
    key = key[:-3] if key.endswith(" of") and key not in load_vague() else key
    if key not in load_vague():
        return None
    low, high = load_vague()[key]
    return Quantity(low, low, high, vague=True)


def parse_number(text: str) -> Quantity | None:
    """Parse one number expression ("1,206", "10 to 15", "a dozen", "thousands of")."""
    vague = _vague_value(text)
    if vague is not None:
        return vague
    # A hyphen splits a range only between digits ("1-2"); "twenty-one" is one number.
    parts = re.split(r"(?<=\d)\s*[-–—]\s*(?=\d)|\s+(?:to|or)\s+", text.strip(), maxsplit=1)
    values = [_single_value(p) for p in parts]
    if any(v is None for v in values):
        return None
    if len(values) == 2:
        lo, hi = sorted(v for v in values if v is not None)
        # "one or two" and "1-2": keep both ends, best = the conservative lower one.
        return Quantity(lo, lo, hi)
    v = values[0]
    return Quantity(v, v, v)


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number expression in ``text`` with its span and value.

    Numbers glued to other tokens ("10:30", "01/01/2021", "2.5km") are skipped; callers
    decide whether a year-like number is a count.
    """
    out: list[NumberMatch] = []
    for m in number_regex().finditer(text):
        q = parse_number(m.group(0))
        if q is not None:
            out.append(NumberMatch(m.start(), m.end(), m.group(0), q))
    return out
