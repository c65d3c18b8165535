"""Reconciling an event's claims: figure ranges, independent sources, a grade with reasons.

The rules (documented in docs/triangulation.md, tolerances in data/tolerances.json):

* Independent sources: documents of one publisher, and near-identical copies of a text
  from other publishers (syndication), are one source. A claimant quoted by two or more
  independent publishers ("Human Rights Watch said") is one source of its own, whoever
  publishes it; claimants only one publisher quotes ("medics there", "residents") and
  generic ones ("some reports") stay with their publisher.
* Figures per kind: each source contributes its largest stated figure (tolls rise as
  they are updated); ``best`` is the lower median of the sources' numbers, ``low`` the
  smallest stated lower bound, ``high`` the largest stated number (count words such as
  "dozens" bound ``low`` but give no number unless no source states one).
* Figure disagreement compares the numbers sources state ("at least 21" vs "up to 56":
  21 vs 56), widened by the kind's tolerance; count words keep their span ("dozens").
* Sources count only claims that tell the event itself (``tells_event``): a passing
  mention of another kind stays with the event but corroborates nothing.
* Grade: *denied* when every claim denies; *contested* when a claim denies what another
  asserts, figures disagree beyond tolerance, or perpetrators disagree; *confirmed* when
  a party to the event acknowledges it; *corroborated* with two or more independent
  non-party sources; otherwise *single source*.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from datetime import date

from fogofwar.triangulate.claims import disagree, point, side_of, similar, stated
from fogofwar.triangulate.linking import link_class, perpetrators, salience, same_side
from fogofwar.triangulate.records import (
    Claim,
    ClaimFigure,
    DocInfo,
    Event,
    FigureRange,
    Grade,
    Reconciled,
)
from fogofwar.triangulate.rules import Tolerances, default_tolerances


def _publisher_clusters(
    claims: Iterable[Claim], infos: Mapping[str, DocInfo], tol: Tolerances
) -> dict[str, str]:
    """doc_id → source label; one publisher's documents and syndicated copies merge."""
    docs = sorted({(c.doc_id, c.publisher) for c in claims})
    parent = {d: d for d, _ in docs}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    by_name: dict[str, list[str]] = {}
    for d, p in docs:
        by_name.setdefault(p.lower(), []).append(d)
    for same in by_name.values():  # one publisher's documents are one source
        for d in same[1:]:
            parent[find(d)] = find(same[0])
    ids = [d for d, _ in docs]
    for i, da in enumerate(ids):
        for db in ids[i + 1 :]:
            if find(da) != find(db) and _syndicated(da, db, infos, tol):
                parent[find(db)] = find(da)
    groups: dict[str, set[str]] = {}
    for d, p in docs:
        groups.setdefault(find(d), set()).add(p)
    return {d: " / ".join(sorted(groups[find(d)])) for d, _ in docs}


def _syndicated(da: str, db: str, infos: Mapping[str, DocInfo], tol: Tolerances) -> bool:
    a, b = infos.get(da), infos.get(db)
    if a is None or b is None:
        return False
    return similar(a.shingles, b.shingles, tol.syndication_threshold)


def is_generic(claimant: str, tol: Tolerances) -> bool:
    name = claimant.lower().strip()
    return name in tol.generic_claimants or name.startswith(("some ", "other", "unknown ("))


def source_units(
    claims: Iterable[Claim], infos: Mapping[str, DocInfo], tol: Tolerances | None = None
) -> dict[str, str]:
    """claim id → independent source label."""
    tol = tol or default_tolerances()
    claims = list(claims)
    doc_label = _publisher_clusters(claims, infos, tol)
    by_name = {c.publisher.lower(): doc_label[c.doc_id] for c in claims}
    # A claimant is a source of its own only when independent publishers both quote it
    # (HRW's statement carried by two outlets is one source). The people one outlet
    # quotes ("medics there", "residents") are that outlet's reporting: one source.
    quoted_by: dict[str, set[str]] = {}
    for c in claims:
        quoted_by.setdefault(c.claimant.lower(), set()).add(doc_label[c.doc_id])
    out = {}
    for c in claims:
        name = c.claimant.lower()
        if name in by_name:
            out[c.id] = by_name[name]  # the claimant is itself a publisher of this event
        elif is_generic(c.claimant, tol) or len(quoted_by[name]) < 2:
            out[c.id] = doc_label[c.doc_id]
        else:
            out[c.id] = c.claimant
    return out


def _unit_figures(
    claims: Iterable[Claim], units: Mapping[str, str], kind: str
) -> dict[str, ClaimFigure]:
    """Each source's largest figure of ``kind`` (sources update tolls upwards)."""
    best: dict[str, ClaimFigure] = {}
    for c in claims:
        for f in c.figures:
            p = point(f)
            if f.kind != kind or p is None:
                continue
            u = units[c.id]
            if u not in best or p > (point(best[u]) or 0):
                best[u] = f
    return best


def figure_range(
    claims: Iterable[Claim], units: Mapping[str, str], kind: str, tol: Tolerances
) -> FigureRange | None:
    """low/best/high of one figure kind over independent sources, and whether they clash."""
    per = _unit_figures(claims, units, kind)
    if not per:
        return None
    figs = [per[u] for u in sorted(per)]
    # A count word ("dozens", "tens of thousands") gives a span, not a number: it bounds
    # ``low`` but sets ``best`` and ``high`` only when no source states a number.
    numbers = [f for f in figs if not is_count_word(f, tol)] or figs
    points = [p for f in numbers if (p := point(f)) is not None]
    lows = [v for f in figs if (v := f.low if f.low is not None else f.best) is not None]
    ft = tol.figure_tolerance.get(kind)
    clash = ft is not None and any(
        disagree(stated(a), stated(b), ft.widen) for i, a in enumerate(figs) for b in figs[i + 1 :]
    )
    return FigureRange(
        kind=kind,  # type: ignore[arg-type]
        low=min(lows) if lows else None,
        best=int(statistics.median_low(points)),
        high=max(points),
        sources=len(figs),
        contested=clash,
    )


def is_count_word(f: ClaimFigure, tol: Tolerances) -> bool:
    """A figure given by a count word of the ``qualifiers`` table, with no number."""
    qual = (f.qualifier or "").lower().strip()
    return qual in tol.qualifiers and f.low is not None and f.high is not None and f.low < f.high


def _actor_clash(claims: list[Claim], tol: Tolerances) -> bool:
    known = [c for c in claims if perpetrators(c, tol)]
    return any(not same_side(a, b, tol) for i, a in enumerate(known) for b in known[i + 1 :])


def _says(c: Claim) -> str:
    who = c.claimant if c.claimant == c.publisher else f"{c.claimant} (in {c.publisher})"
    return f"{who}{' [party]' if c.is_party else ''}"


def _ack(c: Claim, sides: frozenset[str]) -> bool:
    """A party to *this* event speaks: its own action (or its unit's, its state's organ's),
    not an accusation of its enemy."""
    return (
        c.is_party and c.claimant_actor is not None and bool(set(side_of(c.claimant_actor)) & sides)
    )


def _figure_reason(r: FigureRange) -> str:
    rng = f"{r.low}–{r.high}" if r.low != r.high else f"{r.best}"
    return f"{r.kind} figures disagree beyond tolerance: {rng} across {r.sources} sources"


def tells_event(c: Claim, seed: Claim, tol: Tolerances) -> bool:
    """Whether a claim reports the event itself and so counts as a source: a mention of
    the kind the event was seeded with (its link class), one its report leads with or
    counts, a statement of a named claimant, or a denial. A passing mention of another
    kind (the fighting around a struck village, in the reporter's own words) stays with
    the event but corroborates nothing."""
    return (
        link_class(c, tol) == link_class(seed, tol)
        or salience(c) > 0
        or c.modality in tol.denial_modalities
        or (c.claimant != c.publisher and not is_generic(c.claimant, tol))
    )


def _grade(
    asserts: list[Claim], denials: list[Claim], units: Mapping[str, str], contested: list[str]
) -> tuple[Grade, list[str]]:
    sides = frozenset(s for c in asserts for a in c.actors for s in a.side or (a.canonical_id,))
    acks = [c for c in asserts if _ack(c, sides)]
    independent = sorted({units[c.id] for c in asserts if not c.is_party})
    if not asserts:
        return "denied", ["only denials: " + "; ".join(sorted({_says(c) for c in denials}))]
    if contested:
        return "contested", contested
    if acks:
        return "confirmed", [
            "acknowledged by a party: " + "; ".join(sorted({_says(c) for c in acks}))
        ]
    if len(independent) >= 2:
        return "corroborated", [
            f"{len(independent)} independent non-party sources: " + "; ".join(independent)
        ]
    parties = not independent
    return "single source", [
        "only party sources" if parties else f"one independent source: {independent[0]}"
    ]


def reconcile(
    event: Event, infos: Mapping[str, DocInfo] | None = None, tol: Tolerances | None = None
) -> Reconciled:
    """Figures, source count and grade (with reasons) for one linked event."""
    tol = tol or default_tolerances()
    units = source_units(event.claims, infos or {}, tol)
    telling = [c for c in event.claims if tells_event(c, event.claims[0], tol)]
    asserts = [c for c in telling if c.modality not in tol.denial_modalities]
    denials = [c for c in telling if c.modality in tol.denial_modalities]
    given = {f.kind for c in asserts for f in c.figures}
    figures = tuple(
        r
        for k in tol.reconciled_kinds
        if k in given and (r := figure_range(asserts, units, k, tol)) is not None
    )
    contested_on, why = _contested(asserts, denials, figures, tol)
    grade, reasons = _grade(asserts, denials, units, why)
    extra = _notes(event.claims, units, asserts)
    counted = {units[c.id] for c in telling}
    passing = sorted({units[c.id] for c in event.claims} - counted)
    if passing:
        extra.append("mentioned in passing, not counted as sources: " + "; ".join(passing))
    first, last = _window(event.claims)
    return Reconciled(
        event_id=event.id,
        grade=grade,
        reasons=tuple(reasons + extra),
        sources=len(counted),
        publishers=tuple(sorted({c.publisher for c in event.claims})),
        contested=bool(contested_on),
        contested_on=tuple(contested_on),
        figures=figures,
        first=first,
        last=last,
    )


def _window(claims: Iterable[Claim]) -> tuple[date | None, date | None]:
    """The dates every claim allows (intersection); when the claims' windows do not all
    overlap, the span they cover together (union), so ``first <= last`` always holds."""
    claims = list(claims)
    firsts = [c.first for c in claims if c.first]
    lasts = [c.last for c in claims if c.last]
    if not firsts or not lasts:
        return (min(firsts) if firsts else None), (max(lasts) if lasts else None)
    if max(firsts) <= min(lasts):
        return max(firsts), min(lasts)
    return min(firsts), max(lasts)


def _contested(
    asserts: list[Claim], denials: list[Claim], figures: tuple[FigureRange, ...], tol: Tolerances
) -> tuple[list[str], list[str]]:
    on: list[str] = []
    why: list[str] = []
    if asserts and denials:
        on.append("occurrence")
        why.append("asserted by " + "; ".join(sorted({_says(c) for c in asserts})))
        why.append("denied by " + "; ".join(sorted({_says(c) for c in denials})))
    for r in figures:
        if r.contested:
            on.append(f"figures:{r.kind}")
            why.append(_figure_reason(r))
    if _actor_clash(asserts, tol):
        on.append("actor1")
        names = sorted(
            {a.name for c in asserts for a in c.actors if a.canonical_id in perpetrators(c, tol)}
        )
        why.append("sources name different perpetrators: " + ", ".join(names))
    return on, why


def _notes(claims: Iterable[Claim], units: Mapping[str, str], asserts: list[Claim]) -> list[str]:
    notes = []
    merged = sorted({u for u in units.values() if " / " in u})
    if merged:
        notes.append("syndicated or same-publisher copies counted once: " + "; ".join(merged))
    alleged = sorted({_says(c) for c in asserts if c.modality == "alleged"})
    if alleged:
        notes.append("alleged, not established, by " + "; ".join(alleged))
    return notes


def reconcile_all(
    events: Iterable[Event],
    infos: Mapping[str, DocInfo] | None = None,
    tol: Tolerances | None = None,
) -> tuple[Reconciled, ...]:
    return tuple(reconcile(e, infos, tol) for e in events)
