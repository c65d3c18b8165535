"""Spelling normalisation and distances used by the accuracy scorer.

Gold codes and our output spell the same thing differently ("Ninawa Governorate" vs
"Ninawa", "Democratic Republic of Congo" vs "DR Congo", "Military Forces of Syria
(2000-)" vs "Military Forces of Syria"); these helpers make such pairs compare equal
without making different places or actors equal.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as ir

from rapidfuzz import fuzz

from fogofwar.errors import ResourceError

_EARTH_KM = 6371.0088
_PUNCT = re.compile(r"[\u2018\u2019'`\".,()]")
_SPACES = re.compile(r"[\s\-_/]+")
# ACLED actor names carry the period of a government in brackets: "(2000-)", "(2014-2021)".
_ACLED_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
_UNIDENTIFIED = re.compile(r"^(?:unknown|unidentified|unattributed)\b", re.I)


@dataclass(frozen=True)
class NameTables:
    countries: dict[str, str]  # normalised spelling -> preferred name
    prefixes: frozenset[str]
    suffixes: frozenset[str]
    fuzzy_min: int


@lru_cache(maxsize=1)
def load_name_tables() -> NameTables:
    """Load ``fogofwar/data/bench_names.json`` (country spellings, admin1 affixes)."""
    try:
        raw = json.loads(ir.files("fogofwar.data").joinpath("bench_names.json").read_text())
    except (OSError, ValueError) as exc:
        raise ResourceError(f"bench_names.json is missing or malformed: {exc}") from exc
    countries = {fold(alias): group[0] for group in raw["countries"] for alias in group}
    return NameTables(
        countries=countries,
        prefixes=frozenset(raw["admin1_prefixes"]),
        suffixes=frozenset(raw["admin1_suffixes"]),
        fuzzy_min=int(raw["admin1_fuzzy_min_ratio"]),
    )


def fold(text: str) -> str:
    """Lower-case, strip diacritics and punctuation, unify hyphens and spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", _PUNCT.sub("", plain.lower())).strip()


def country_key(name: str | None) -> str | None:
    """A comparable key for a country name: "Cote d'Ivoire" and "Ivory Coast" agree."""
    if not name or not name.strip():
        return None
    folded = fold(name)
    return fold(load_name_tables().countries.get(folded, folded))


def admin1_key(name: str | None) -> str | None:
    """Folded admin1 name without "al-"-style article prefixes or "Province"-style suffixes."""
    if not name or not name.strip():
        return None
    tables = load_name_tables()
    words = fold(name).split()
    while len(words) > 1 and words[0] in tables.prefixes:
        words = words[1:]
    while len(words) > 1 and words[-1] in tables.suffixes:
        words = words[:-1]
    return "".join(words)  # spaces dropped: "Salah ad Din" == "Salahaddin"


def same_admin1(gold: str | None, ours: str | None) -> bool:
    """True when two admin1 names are the same spelling (rapidfuzz ratio >= the table's)."""
    a, b = admin1_key(gold), admin1_key(ours)
    if not a or not b:
        return False
    return a == b or fuzz.ratio(a, b) >= load_name_tables().fuzzy_min


def strip_acled_period(name: str) -> str:
    """'Military Forces of Syria (2000-)' -> 'Military Forces of Syria'."""
    return " ".join(_ACLED_PERIOD.sub("", name).split())


def is_unidentified(name: str | None) -> bool:
    """True for "Unknown", "Unidentified Armed Group (Mexico)" and the like."""
    return bool(name) and bool(_UNIDENTIFIED.match(name.strip()))  # type: ignore[union-attr]


def actor_key(name: str | None) -> str | None:
    """Folded actor name without ACLED periods: the fallback when the dictionary misses."""
    if not name or not name.strip():
        return None
    return fold(strip_acled_period(name))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))
