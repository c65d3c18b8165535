"""Score our extraction (and the baselines) against human-coded GTD / ACLED records.

For each record: build a ``Document`` from its text, run the normal pipeline, pick the
main event, and compare field by field with the gold codes. Gold unknowns are skipped;
the rules are documented in docs/benchmarks.md.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fogofwar.benchmark import baselines as bl
from fogofwar.benchmark.datasets import (
    Dataset,
    GoldRecord,
    load_attack_types,
    read_records,
    to_document,
)
from fogofwar.benchmark.names import (
    actor_key,
    country_key,
    fold,
    haversine_km,
    is_unidentified,
    same_admin1,
    strip_acled_period,
)
from fogofwar.benchmark.prediction import PredActor, Prediction, ours
from fogofwar.extract.pipeline import Pipeline, build
from fogofwar.model import AnnotatedDoc
from fogofwar.resources import Resources

FIELDS: dict[str, tuple[str, ...]] = {
    "acled": (
        "country", "admin1", "location_25km", "event_type", "sub_event_type",
        "actor1", "actor2", "fatalities", "fatalities_pm1", "date",
    ),
    "gtd": (
        "country", "admin1", "location_25km", "attack_type", "actor1",
        "fatalities", "fatalities_pm1", "wounded", "date",
    ),
}  # fmt: skip
SUBSETS: dict[str, frozenset[str]] = {"iraq_syria_libya": frozenset({"iraq", "syria", "libya"})}
LOCATION_KM = 25.0
OURS = "ours"


@dataclass(frozen=True)
class FieldResult:
    gold: Any
    ours: Any
    correct: bool | None  # None: the gold value is unknown, so the field is not scored
    km: float | None = None  # distance error, location only


@dataclass
class Tally:
    """Correct / scored counts per field for one system over a set of records."""

    correct: dict[str, int] = field(default_factory=dict)
    scored: dict[str, int] = field(default_factory=dict)
    km: list[float] = field(default_factory=list)

    def add(self, results: dict[str, FieldResult]) -> None:
        for name, res in results.items():
            if res.correct is None:
                continue
            self.scored[name] = self.scored.get(name, 0) + 1
            self.correct[name] = self.correct.get(name, 0) + int(res.correct)
            if res.km is not None:
                self.km.append(res.km)

    def fields(self, names: Iterable[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for name in names:
            k, n = self.correct.get(name, 0), self.scored.get(name, 0)
            out[name] = {"correct": k, "scored": n, "share": k / n if n else None}
        if "location_25km" in out:
            out["location_25km"]["median_km"] = statistics.median(self.km) if self.km else None
        return out


# ---- field rules ---------------------------------------------------------------------


def _exact(gold: str | None, ours_: str | None) -> FieldResult:
    if gold is None:
        return FieldResult(gold, ours_, None)
    return FieldResult(gold, ours_, ours_ is not None and fold(gold) == fold(ours_))


def _count(gold: int | None, ours_: int | None, tolerance: int = 0) -> FieldResult:
    if gold is None:
        return FieldResult(gold, ours_, None)
    return FieldResult(gold, ours_, ours_ is not None and abs(gold - ours_) <= tolerance)


def score_country(gold: GoldRecord, pred: Prediction, res: Resources) -> FieldResult:
    """Same country after normalising spelling, or the same ISO code in the gazetteer."""
    if gold.country is None:
        return FieldResult(None, pred.country, None)
    ok = country_key(gold.country) == country_key(pred.country)
    if not ok and pred.country:
        code = res.gazetteer.country_code(gold.country)
        ok = code is not None and code == res.gazetteer.country_code(pred.country)
    return FieldResult(gold.country, pred.country, ok)


def score_admin1(gold: GoldRecord, pred: Prediction, res: Resources) -> FieldResult:
    """Same spelling after normalisation, or the same unit of the gazetteer by any alias."""
    if gold.admin1 is None:
        return FieldResult(None, pred.admin1, None)
    ok = same_admin1(gold.admin1, pred.admin1) or _same_admin1_unit(gold, pred.admin1, res)
    return FieldResult(gold.admin1, pred.admin1, ok)


def _same_admin1_unit(gold: GoldRecord, ours_: str | None, res: Resources) -> bool:
    """Both names are spellings GeoNames records for one first-level unit of the country."""
    cc = res.gazetteer.country_code(gold.country) if gold.country else None
    if not cc or not ours_ or not gold.admin1:
        return False
    code = res.gazetteer.admin1_code(cc, gold.admin1)
    return code is not None and code == res.gazetteer.admin1_code(cc, ours_)


def score_location(gold: GoldRecord, pred: Prediction) -> FieldResult:
    """Within 25 km of the coded point; only records coded at town precision count."""
    if not gold.town_precision or gold.lat is None or gold.lon is None:
        return FieldResult(None, pred.place, None)
    gold_txt = f"{gold.location} ({gold.lat:.4f}, {gold.lon:.4f})"
    if pred.lat is None or pred.lon is None:
        return FieldResult(gold_txt, pred.place, False)
    km = haversine_km(gold.lat, gold.lon, pred.lat, pred.lon)
    ours_txt = f"{pred.place} [{pred.feature}] ({pred.lat:.4f}, {pred.lon:.4f})"
    return FieldResult(gold_txt, ours_txt, km <= LOCATION_KM, round(km, 1))


def score_attack_type(gold: GoldRecord, pred: Prediction) -> FieldResult:
    """GTD attack type, right when ours is one of the ACLED codings the table accepts."""
    accepted = load_attack_types().get(gold.attack_type or "", ())
    ours_ = f"{pred.event_type} / {pred.sub_event_type}" if pred.event_type else None
    if not accepted:
        return FieldResult(gold.attack_type, ours_, None)
    ok = any(_same_type(pred, event_type, sub) for event_type, sub in accepted)
    shown = "|".join(f"{t}/{s or '*'}" for t, s in accepted)
    return FieldResult(f"{gold.attack_type} -> {shown}", ours_, ok)


def _same_type(pred: Prediction, event_type: str, sub: str | None) -> bool:
    if pred.event_type is None or fold(pred.event_type) != fold(event_type):
        return False
    return sub is None or (
        pred.sub_event_type is not None and fold(pred.sub_event_type) == fold(sub)
    )


def score_date(gold: GoldRecord, pred: Prediction) -> FieldResult:
    if gold.event_date is None:
        return FieldResult(None, str(pred.date) if pred.date else None, None)
    ours_ = str(pred.date) if pred.date else None
    return FieldResult(str(gold.event_date), ours_, pred.date == gold.event_date)


def canonical_id(res: Resources, name: str, country: str | None) -> str | None:
    """The dictionary id of an actor name (ACLED period suffix removed), if it has one.

    ``country`` is the record's country name; generic actors ("police") take its code.
    """
    cc = res.actors.country_code(country) if country else None
    entry = res.actors.canonicalise(strip_acled_period(name), cc)
    return getattr(entry, "id", None) if entry is not None else None


def score_actor(
    gold: str | None, pred: PredActor | None, country: str | None, res: Resources
) -> FieldResult:
    """Same dictionary entry (or same folded name); "Unknown" is right only if we name no one."""
    ours_ = None if pred is None else f"{pred.name} [{pred.canonical_id}]"
    if gold is None:
        return FieldResult(None, ours_, None)
    if is_unidentified(gold):
        return FieldResult(gold, ours_, pred is None or is_unidentified(pred.name))
    if pred is None:
        return FieldResult(gold, ours_, False)
    gold_id = canonical_id(res, gold, country)
    ids = {pred.canonical_id, canonical_id(res, pred.name, country)} - {None}
    ok = (gold_id is not None and gold_id in ids) or actor_key(gold) == actor_key(pred.name)
    return FieldResult(f"{gold} [{gold_id}]", ours_, ok)


def score_record(gold: GoldRecord, pred: Prediction, res: Resources) -> dict[str, FieldResult]:
    """Every field of ``FIELDS[gold.dataset]`` for one system's prediction."""
    out = {
        "country": score_country(gold, pred, res),
        "admin1": score_admin1(gold, pred, res),
        "location_25km": score_location(gold, pred),
        "event_type": _exact(gold.event_type, pred.event_type),
        "sub_event_type": _exact(gold.sub_event_type, pred.sub_event_type),
        "attack_type": score_attack_type(gold, pred) if gold.dataset == "gtd" else None,
        "actor1": score_actor(gold.actor1, pred.actor1, gold.country, res),
        "actor2": score_actor(gold.actor2, pred.actor2, gold.country, res),
        "fatalities": _count(gold.fatalities, pred.fatalities),
        "fatalities_pm1": _count(gold.fatalities, pred.fatalities, tolerance=1),
        "wounded": _count(gold.wounded, pred.wounded),
        "date": score_date(gold, pred),
    }
    return {name: out[name] for name in FIELDS[gold.dataset]}  # type: ignore[misc]


# ---- the run -------------------------------------------------------------------------


@dataclass
class AccuracyRun:
    dataset: Dataset
    records: int = 0
    seconds: float = 0.0  # time spent in our extraction only
    tallies: dict[str, Tally] = field(default_factory=dict)  # system -> all records
    subsets: dict[str, dict[str, Tally]] = field(default_factory=dict)  # subset -> system -> tally

    @property
    def records_per_s(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0

    def tally(self, system: str, subset: str | None = None) -> Tally:
        table = self.tallies if subset is None else self.subsets.setdefault(subset, {})
        return table.setdefault(system, Tally())


def _record_line(gold: GoldRecord, scored: dict[str, dict[str, FieldResult]]) -> dict[str, Any]:
    mine = scored[OURS]
    return {
        "id": gold.id,
        "country": gold.country,
        "text": gold.text,
        "fields": {
            name: {"gold": r.gold, "ours": r.ours, "correct": r.correct}
            | ({"km": r.km} if r.km is not None else {})
            for name, r in mine.items()
        },
        "baselines": {
            system: {name: r.correct for name, r in results.items()}
            for system, results in scored.items()
            if system != OURS
        },
    }


System = Callable[[AnnotatedDoc, Resources, str], Prediction]


def _ours(ad: AnnotatedDoc, res: Resources, dataset: str) -> Prediction:
    return ours(ad)


def default_systems() -> dict[str, System]:
    """Ours first, then every baseline."""
    return {OURS: _ours, **bl.BASELINES}


def run_accuracy(
    dataset: Dataset,
    path: str | Path,
    *,
    res: Resources,
    limit: int | None = None,
    on_record: Callable[[dict[str, Any]], None] | None = None,
    pipeline: Pipeline | None = None,
    systems: dict[str, System] | None = None,
) -> AccuracyRun:
    """Score ours and every baseline on the records of ``path``; ``on_record`` sees each line.

    ``records_per_s`` counts only our extraction and main-event choice, not the baselines.
    """
    pipe = pipeline or build()
    systems = systems or default_systems()
    run = AccuracyRun(dataset)
    for gold in read_records(dataset, path, limit=limit):
        started = time.perf_counter()
        ad = pipe(AnnotatedDoc(to_document(gold)), res=res)
        predictions = {OURS: systems[OURS](ad, res, dataset)}
        run.seconds += time.perf_counter() - started
        predictions |= {name: fn(ad, res, dataset) for name, fn in systems.items() if name != OURS}
        scored = {system: score_record(gold, p, res) for system, p in predictions.items()}
        _tally(run, gold, scored)
        if on_record is not None:
            on_record(_record_line(gold, scored))
    return run


def _tally(run: AccuracyRun, gold: GoldRecord, scored: dict[str, dict[str, FieldResult]]) -> None:
    run.records += 1
    key = country_key(gold.country)
    for system, results in scored.items():
        run.tally(system).add(results)
        for subset, countries in SUBSETS.items():
            if key in countries:
                run.tally(system, subset).add(results)


def to_json(run: AccuracyRun) -> dict[str, Any]:
    """The ``--json`` summary object (shape documented in docs/benchmarks.md)."""
    names = FIELDS[run.dataset]
    systems = [s for s in run.tallies if s != OURS]
    return {
        "dataset": run.dataset,
        "records": run.records,
        "records_per_s": round(run.records_per_s, 1),
        "fields": run.tally(OURS).fields(names),
        "subsets": {s: {"fields": run.tally(OURS, s).fields(names)} for s in SUBSETS},
        "baselines": {
            b: {
                "fields": run.tally(b).fields(names),
                "subsets": {s: {"fields": run.tally(b, s).fields(names)} for s in SUBSETS},
            }
            for b in systems
        },
    }


def confusions(
    lines: Iterable[dict[str, Any]], field_name: str, *, top: int = 20
) -> list[tuple[str, str, int]]:
    """The most frequent (gold, ours) pairs among the records where ``field_name`` is wrong."""
    pairs: dict[tuple[str, str], int] = {}
    for line in lines:
        result = line["fields"].get(field_name)
        if result is None or result["correct"] is not False:
            continue
        key = (str(result["gold"]), str(result["ours"]))
        pairs[key] = pairs.get(key, 0) + 1
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [(gold, ours_, n) for (gold, ours_), n in ranked]


def records_path(json_out: str | Path) -> Path:
    """Where the per-record lines go: ``OUT`` with ``.records.jsonl`` for its suffix."""
    out = Path(json_out)
    return (
        out.with_name(out.stem + ".records.jsonl") if out.suffix else Path(f"{out}.records.jsonl")
    )


def write_json(run: AccuracyRun, json_out: str | Path) -> None:
    Path(json_out).write_text(json.dumps(to_json(run), indent=2) + "\n", encoding="utf-8")
