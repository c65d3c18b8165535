"""Baselines scored by the accuracy harness in the same run, on the same records.

* ``naive``: the first gazetteer name in the text with its most populous match; a
  constant event type (bench_baselines.json); the first number before "killed" (and
  before "wounded"/"injured"); the first capitalised actor-dictionary match as actor1;
  the first day-precise date our date stage finds.
* ``geotext``: the best offline peers we could install: geotext 0.4.0 for places (its
  first city, looked up in our gazetteer within geotext's own country) and quantulum3 for
  numbers (the quantity nearest before "killed" / "wounded"); the rest as ``naive``.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from importlib import resources as ir
from typing import Any

from fogofwar.benchmark.prediction import PredActor, Prediction
from fogofwar.errors import ResourceError
from fogofwar.model import AnnotatedDoc
from fogofwar.resources import Resources

Baseline = Callable[[AnnotatedDoc, Resources, str], Prediction]
_KILLED = re.compile(r"\b(?:killed|killing|dead)\b", re.I)
_WOUNDED = re.compile(r"\b(?:wounded|injured|wounding|injuring)\b", re.I)


@lru_cache(maxsize=1)
def _constants() -> dict[str, Any]:
    try:
        raw = ir.files("fogofwar.data").joinpath("bench_baselines.json").read_text()
        return json.loads(raw)  # type: ignore[no-any-return]
    except (OSError, ValueError) as exc:
        raise ResourceError(f"bench_baselines.json is missing or malformed: {exc}") from exc


@lru_cache(maxsize=1)
def _number_re() -> re.Pattern[str]:
    words = "|".join(sorted(_constants()["number_words"], key=len, reverse=True))
    return re.compile(rf"\b(\d[\d,]*|{words})\b", re.I)


def _as_int(token: str) -> int | None:
    token = token.replace(",", "").lower()
    if token.isdigit():
        return int(token)
    return _constants()["number_words"].get(token)


def first_number_before(text: str, trigger: re.Pattern[str]) -> int:
    """The last number in the same sentence before the first trigger word; 0 if none."""
    hit = trigger.search(text)
    if hit is None:
        return 0
    before = re.split(r"[.!?]\s", text[: hit.start()])[-1]
    numbers = [n for n in (_as_int(m.group(1)) for m in _number_re().finditer(before)) if n]
    return numbers[-1] if numbers else 0


# ---- gazetteer access (the geo stage's interface) ---------------------------------------


def most_populous(res: Resources, name: str, country_code: str | None = None) -> Any:
    """The most populous gazetteer candidate for ``name`` (within ``country_code`` if any)."""
    found = list(res.gazetteer.candidates(name))
    if country_code:
        found = [c for c in found if c.country_code == country_code] or found
    return max(found, key=lambda c: c.population, default=None)


def _place_fields(entry: Any, res: Resources) -> dict[str, Any]:
    if entry is None:
        return {}
    return {
        "country": res.gazetteer.country_name(entry.country_code),
        "admin1": entry.admin1,
        "place": entry.name,
        "feature": entry.feature,
        "lat": entry.lat,
        "lon": entry.lon,
    }


def first_gazetteer_place(res: Resources, text: str) -> Any:
    """The most populous match of the first gazetteer name found in ``text``."""
    for _start, _end, name in res.gazetteer.find(text):
        entry = most_populous(res, name)
        if entry is not None:
            return entry
    return None


# ---- the baselines ---------------------------------------------------------------------


def _first_actor(ad: AnnotatedDoc) -> PredActor | None:
    for m in sorted(ad.actors, key=lambda a: a.start):
        if m.text[:1].isupper():
            return PredActor(name=m.name, canonical_id=m.canonical_id)
    return None


def naive(ad: AnnotatedDoc, res: Resources, dataset: str) -> Prediction:
    text = ad.doc.text
    event_type, sub_event_type = _constants()["event_type"][dataset]
    day = next(
        (d.first for d in sorted(ad.dates, key=lambda d: d.start) if d.precision == "day"), None
    )
    return Prediction(
        **_place_fields(first_gazetteer_place(res, text), res),
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=_first_actor(ad),
        fatalities=first_number_before(text, _KILLED),
        wounded=first_number_before(text, _WOUNDED),
        date=day,
    )


def _geotext_place(res: Resources, text: str) -> dict[str, Any]:
    from geotext import GeoText

    found = GeoText(text)
    codes = list(found.country_mentions)
    entry = None
    for city in found.cities:
        entry = most_populous(res, city, codes[0] if codes else None)
        if entry is not None:
            break
    fields = _place_fields(entry, res)
    if found.countries:
        fields["country"] = found.countries[0]
    return fields


def _quantity_before(text: str, trigger: re.Pattern[str]) -> int:
    """quantulum3's last quantity before the first trigger word, in the same sentence."""
    hit = trigger.search(text)
    if hit is None:
        return 0
    sentence_start = max(text.rfind(". ", 0, hit.start()) + 1, 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns that its optional classifier is absent
        from quantulum3 import parser

        quantities = parser.parse(text[sentence_start : hit.start()])
    values = [q.value for q in quantities if q.unit.name == "dimensionless" and q.value >= 1]
    return int(values[-1]) if values and float(values[-1]).is_integer() else 0


def geotext_peer(ad: AnnotatedDoc, res: Resources, dataset: str) -> Prediction:
    text = ad.doc.text
    base = naive(ad, res, dataset)
    place = {k: None for k in ("country", "admin1", "place", "feature", "lat", "lon")}
    place.update(_geotext_place(res, text))
    return replace(
        base,
        **place,
        fatalities=_quantity_before(text, _KILLED),
        wounded=_quantity_before(text, _WOUNDED),
    )


BASELINES: dict[str, Baseline] = {"naive": naive, "geotext": geotext_peer}
