"""The documented triangulation rules (``data/tolerances.json``), loaded once into a record."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from fogofwar.errors import ResourceError
from fogofwar.triangulate.details import DetailRules, parse_detail_rules

Bounds = tuple[int | None, int | None, int | None]


@dataclass(frozen=True)
class FigureTolerance:
    abs: float
    rel: float

    def widen(self, value: float) -> float:
        """How far a value may be off before it disagrees with another."""
        return max(self.abs, self.rel * value)


@dataclass(frozen=True)
class Tolerances:
    version: str
    families: dict[str, str]
    family_by_sub: dict[str, str]
    means_by_sub: dict[str, str]
    link_class_by_sub: dict[str, str]
    link_class_by_plover_sub: dict[str, str]
    compatible_classes: frozenset[frozenset[str]]
    catch_all_classes: frozenset[str]
    non_perpetrator_kinds: frozenset[str]
    allowance_km: dict[int, float]
    grid_degrees: float
    slack_days: int
    vague_days: int
    period_days: int
    undated_days: int
    running_families: frozenset[str]
    qualifiers: dict[str, Bounds]
    figure_tolerance: dict[str, FigureTolerance]
    reconciled_kinds: tuple[str, ...]
    shingle: int
    syndication_threshold: float
    generic_claimants: frozenset[str]
    denial_modalities: frozenset[str]
    excluded_modalities: frozenset[str]
    details: DetailRules  # targets and sub-locations that keep incidents apart

    def family(self, event_type: str, sub_event_type: str) -> str:
        """ACLED grouping: political violence, demonstrations, displacement, strategic."""
        return self.family_by_sub.get(sub_event_type) or self.families.get(event_type, "other")

    def link_class(self, family: str, sub_event_type: str, plover_type: str = "") -> str:
        """The class of mentions that may tell one event: ``link_class_by_plover_and_sub``
        ("COERCE/Other": letting civilians leave or stopping them, which ACLED files under
        the catch-all "Other") before ``link_class_by_sub_event_type``."""
        if plover_type and self.link_class_by_plover_sub:
            cls = self.link_class_by_plover_sub.get(f"{plover_type}/{sub_event_type}")
            if cls is not None:
                return cls
        return self.link_class_by_sub.get(sub_event_type, family)

    def classes_compatible(self, a: str, b: str) -> bool:
        return a == b or frozenset((a, b)) in self.compatible_classes

    @cached_property
    def _partners(self) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = {}
        for pair in self.compatible_classes:
            for a in pair:
                out.setdefault(a, {a}).update(pair)
        return {k: frozenset(v) for k, v in out.items()}

    def class_partners(self, cls: str) -> frozenset[str]:
        """The link classes ``cls`` is compatible with, itself included."""
        return self._partners.get(cls) or frozenset((cls,))


def _bounds(v: list[Any]) -> Bounds:
    return (v[0], v[1], v[2])


def parse_tolerances(raw: dict[str, Any]) -> Tolerances:
    """Build ``Tolerances`` from the JSON object of ``tolerances.json``."""
    try:
        return Tolerances(
            version=raw["version"],
            families=dict(raw["families"]),
            family_by_sub=dict(raw["family_by_sub_event_type"]),
            means_by_sub=dict(raw["means_by_sub_event_type"]),
            link_class_by_sub=dict(raw["link_class_by_sub_event_type"]),
            link_class_by_plover_sub=dict(raw.get("link_class_by_plover_and_sub", {})),
            compatible_classes=frozenset(
                frozenset((a, b)) for a, b in raw["compatible_link_classes"]
            ),
            non_perpetrator_kinds=frozenset(raw["non_perpetrator_kinds"]),
            catch_all_classes=frozenset(raw["catch_all_link_classes"]),
            allowance_km={int(k): float(v) for k, v in raw["place"]["allowance_km"].items()},
            grid_degrees=float(raw["place"]["grid_degrees"]),
            slack_days=int(raw["time"]["slack_days"]),
            vague_days=int(raw["time"]["vague_days"]),
            period_days=int(raw["time"]["period_days"]),
            undated_days=int(raw["time"]["undated_days"]),
            running_families=frozenset(raw["time"]["running_families"]),
            qualifiers={k: _bounds(v) for k, v in raw["qualifiers"].items() if k[0] != "_"},
            figure_tolerance={
                k: FigureTolerance(float(v["abs"]), float(v["rel"]))
                for k, v in raw["figure_tolerance"].items()
                if k[0] != "_"
            },
            reconciled_kinds=tuple(raw["reconciled_kinds"]),
            shingle=int(raw["syndication"]["shingle"]),
            syndication_threshold=float(raw["syndication"]["threshold"]),
            generic_claimants=frozenset(c.lower() for c in raw["generic_claimants"]),
            denial_modalities=frozenset(raw["denial_modalities"]),
            excluded_modalities=frozenset(raw["excluded_modalities"]),
            details=parse_detail_rules(raw["details"]),
        )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ResourceError(f"tolerances.json is malformed ({exc!r}); restore it from git") from exc


def load_tolerances(path: Path | None = None) -> Tolerances:
    """Load the rules from ``path`` or the bundled ``fogofwar/data/tolerances.json``."""
    if path is None:
        text = resources.files("fogofwar").joinpath("data/tolerances.json").read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    return parse_tolerances(json.loads(text))


@lru_cache(maxsize=1)
def default_tolerances() -> Tolerances:
    """The bundled rules, loaded on first use and shared (read-only)."""
    return load_tolerances()
