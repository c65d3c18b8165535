"""Stage places.v1: find place names and geocode them from document context.

``match`` finds gazetteer names and keeps those that read as places (not a person's name,
not inside an actor's name); ``resolve`` picks one gazetteer entry per name using the
countries the document talks about; ``run`` assigns the resulting ``PlaceMention``s.

Example::

    ad = run(ad, res=res)   # "Clashes in Tripoli, the Libyan capital" -> Tripoli, Libya
    main_place(ad)          # the most specific, most salient place of the document
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from fogofwar.geo.gazetteer import GazEntry, Gazetteer
from fogofwar.model import AnnotatedDoc, PlaceMention
from fogofwar.resources import Resources

STAGE = "places.v1"
SPECIFICITY = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+")
_WORDS_AFTER = re.compile(r"^[\s,]*([A-Za-z-]+)(?:\s+([A-Za-z-]+))?")


@dataclass(frozen=True)
class Hit:
    """A gazetteer name found in the text, with what its surroundings say about it."""

    start: int
    end: int
    text: str
    entries: tuple[GazEntry, ...]
    demonym: str | None = None  # country code when the hit is "Syrian", "Iraqi", ...
    in_actor: bool = False
    after: str = ""  # next word(s), lower-case: "province", "district", "said"
    before: str = ""  # previous words, lower-case


# -- matching -------------------------------------------------------------------------
def match(text: str, gaz: Gazetteer, actor_spans: Sequence[tuple[int, int]] = ()) -> list[Hit]:
    """Gazetteer names in ``text`` with their context words (no resolution yet)."""
    hits = []
    for start, end, surface in gaz.find(text):
        entries = tuple(gaz.candidates(surface))
        demonym = None if entries else gaz.country_code(surface)
        if not entries and demonym is None:
            continue
        hits.append(
            Hit(
                start,
                end,
                surface,
                entries,
                demonym,
                in_actor=any(s <= start and end <= e for s, e in actor_spans),
                after=_after(text, end),
                before=" ".join(_WORD.findall(text[max(0, start - 40) : start])[-3:]).lower(),
            )
        )
    return hits


def _after(text: str, end: int) -> str:
    m = _WORDS_AFTER.match(text[end : end + 40])
    if not m:
        return ""
    return " ".join(w for w in m.groups() if w).lower()


def is_person(hit: Hit, text: str, cues: dict[str, frozenset[str]]) -> bool:
    """'Mr Jordan', 'Haider al-Abadi', 'Abadi said': a person, not a place."""
    prev = hit.before.split()[-1:] or [""]
    if prev[0].rstrip(".") in cues.get("titles", ()):
        return True
    if _capitalised_name_before(hit, text, cues):
        return True
    nxt = hit.after.split()[:1] or [""]
    towns_only = all(e.feature == "city" for e in hit.entries)
    if towns_only and nxt[0] in cues.get("speech_verbs", ()) and text[hit.end : hit.end + 1] == " ":
        return True
    return (
        towns_only
        and text[hit.end : hit.end + 2] in ("'s", "’s")
        and (hit.after.split()[1:2] in (["spokesman"], ["office"], ["wife"], ["son"], ["family"]))
    )


def _capitalised_name_before(hit: Hit, text: str, cues: dict[str, frozenset[str]]) -> bool:
    """A capitalised word glued before the name ("Haider al-Abadi") marks a person."""
    head = text[max(0, hit.start - 30) : hit.start]
    m = re.search(r"([A-Z][a-z]+)(?: (?:al|el|bin|ibn|abu)[- ]| )$", head)
    if not m:
        return False
    word = m.group(1).lower()
    stop = cues.get("directions", frozenset()) | cues.get("locative", frozenset())
    sentence_start = re.search(r"(^|[.!?:;\n]\s*|\"\s*)$", head[: m.start()]) is not None
    return not sentence_start and word not in stop and word not in cues.get("titles", ())


# -- resolution -----------------------------------------------------------------------
def country_context(hits: list[Hit], actor_countries: Sequence[str]) -> Counter[str]:
    """How strongly the document points at each country (ISO2 -> weight)."""
    ctx: Counter[str] = Counter()
    for cc in actor_countries:
        ctx[cc] += 2
    for h in hits:
        if h.demonym:
            ctx[h.demonym] += 1
            continue
        ccs = {e.country_code for e in h.entries}
        if any(e.feature == "country" for e in h.entries):
            ctx[next(e.country_code for e in h.entries if e.feature == "country")] += 3
        elif len(ccs) == 1 and not h.in_actor:
            ctx[next(iter(ccs))] += 1
    return ctx


def _score(
    e: GazEntry,
    hit: Hit,
    ctx: Counter[str],
    total: int,
    after: GazEntry | None,
    cues: dict[str, frozenset[str]],
) -> float:
    score = 4.0 * ctx[e.country_code] / total if total else 0.0
    score += 0.35 * math.log10(e.population + 10)
    if after is not None:  # "X, Y": Y is X's admin1 or country
        same_cc = after.country_code == e.country_code
        same_a1 = after.feature != "admin1" or after.admin1_code == e.admin1_code
        score += 6.0 * same_cc + 2.0 * (same_cc and same_a1)
    word = hit.after.split()[:1]
    if word and word[0] in cues.get("admin1_words", ()):
        score += 3.0 if e.feature == "admin1" else 0.0
    elif e.feature == "country":
        score += 2.0  # "Jordan" alone means the country far more often than a US town
    elif e.feature == "city":
        score += 0.5
    return score


def resolve(hits: list[Hit], ctx: Counter[str], cues: dict[str, frozenset[str]]) -> list[GazEntry]:
    """One entry per hit, consistent for repeated names."""
    total = sum(ctx.values())
    chosen: dict[str, GazEntry] = {}
    out = []
    for i, h in enumerate(hits):
        after = _qualifier(hits, i)
        key = f"{h.text.lower()}|{after.id if after else ''}|{h.after[:8]}"
        if key not in chosen:
            chosen[key] = max(h.entries, key=lambda e: _score(e, h, ctx, total, after, cues))
        out.append(chosen[key])
    return out


def _qualifier(hits: list[Hit], i: int) -> GazEntry | None:
    """For "Tal Salman, Raqqah, Syria": the best containing unit named right after."""
    h = hits[i]
    if i + 1 >= len(hits) or not h.after or hits[i + 1].start - h.end > 3:
        return None
    nxt = hits[i + 1]
    wider = [e for e in nxt.entries if e.feature in ("admin1", "country")]
    ccs = {e.country_code for e in h.entries}
    fitting = [e for e in wider if e.country_code in ccs]
    return max(fitting, key=lambda e: SPECIFICITY[e.feature] * -1) if fitting else None


def precision(hit: Hit, e: GazEntry, cues: dict[str, frozenset[str]]) -> int:
    """1 the town itself, 2 near it or its district, 3 only a region or country."""
    if e.feature in ("admin1", "country"):
        return 3
    if e.feature == "admin2":
        return 2
    words = hit.after.split()
    if words and (
        words[0] in cues.get("district_words", ())
        or " ".join(words) in cues.get("district_words", ())
    ):
        return 2
    before = hit.before
    near = cues.get("near", frozenset())
    if any(before.endswith(n) or before.endswith(n + " the") for n in near):
        return 2
    return 1


# -- stage ----------------------------------------------------------------------------
def run(ad: AnnotatedDoc, *, res: Resources) -> AnnotatedDoc:
    """Assign ``places``: every place name in the document, geocoded."""
    gaz = res.gazetteer
    text = ad.doc.text
    hits = match(text, gaz, [(a.start, a.end) for a in ad.actors])
    cues = gaz.cues
    ctx = country_context(hits, [a.country for a in ad.actors if a.country])
    kept = [h for h in hits if h.entries and not h.in_actor and not is_person(h, text, cues)]
    kept = [h for h in kept if not _actor_prefix(h, text)]
    entries = resolve(kept, ctx, cues)
    starts = [s.start for s in ad.sentences]
    places = tuple(
        _mention(ad, h, e, gaz, precision(h, e, cues), starts)
        for h, e in zip(kept, entries, strict=True)
    )
    return replace(ad, places=places)


def _actor_prefix(hit: Hit, text: str) -> bool:
    """'Islamic State of Iraq', 'State of Libya' style names when no actor span covers them."""
    return bool(
        re.search(
            r"\b(?:State|Front|Army|Party) (?:of|in|for) (?:the )?$",
            text[max(0, hit.start - 20) : hit.start],
        )
    )


def _mention(
    ad: AnnotatedDoc, h: Hit, e: GazEntry, gaz: Gazetteer, prec: int, starts: list[int]
) -> PlaceMention:
    sentence = max(0, bisect_right(starts, h.start) - 1) if starts else 0
    return PlaceMention(
        doc_id=ad.doc.id,
        start=h.start,
        end=h.end,
        text=h.text,
        sentence=sentence,
        name=e.name,
        gazetteer_id=e.id,
        country=gaz.country_name(e.country_code),
        country_code=e.country_code,
        admin1=e.admin1,
        lat=e.lat,
        lon=e.lon,
        geo_precision=prec,
        feature=e.feature,
        stage=STAGE,
    )


def main_place(ad: AnnotatedDoc) -> PlaceMention | None:
    """The document's most specific, most salient place (used to geocode its main event).

    Towns beat districts beat provinces beat countries; among equals the earliest mention
    wins, the first sentence counting most, and a place in the dominant country is preferred.
    """
    if not ad.places:
        return None
    counts = Counter(p.country_code for p in ad.places)

    def rank(p: PlaceMention) -> tuple[float, ...]:
        first = 0 if p.sentence == 0 else 1
        return (SPECIFICITY.get(p.feature, 3), -counts[p.country_code] // 2, first, p.start)

    return min(ad.places, key=rank)
