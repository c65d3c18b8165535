"""Actor mentions: a curated dictionary of named actors plus generic patterns for any country.

Named actors ("Isis", "Hashd al-Shaabi", "SDF") come from ``data/actors.json``. Generic
actors are built from a nationality or country followed by a head word ("Iraqi troops",
"Syria's army" -> ``military_forces:IQ`` / ``military_forces:SY``); a head word alone
("gunmen", "protesters") gives an id ending in ``?`` that the events stage fills with the
event place's country through :func:`with_country`.

Matching is one Aho-Corasick pass over the lower-cased text. Acronym-like aliases ("IS",
"US", "JeM") must match their exact case; other aliases match in any case ("Isis", "ISIS",
"isis"). The longest candidate wins, a curated name beats a generic one of equal length,
and no actor is reported inside another actor's span.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple, cast

import ahocorasick
from rapidfuzz import fuzz, process

from fogofwar.errors import ResourceError
from fogofwar.extract.sentences import starts as sentence_starts
from fogofwar.model import ActorKind, ActorMention, AnnotatedDoc, evolve
from fogofwar.resources import Resources

STAGE = "actors.v1"
UNKNOWN = "?"
_KINDS = frozenset(ActorKind.__args__)  # type: ignore[attr-defined]
_YEARS = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
_TRAILING_PAREN = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
_COORD = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)")
_NOT_ACTOR_NAMES = frozenset({"unknown", "none", "", "n/a", "other", "individual"})
_FUZZY_CUTOFF = 92.0
# ACLED names local militias "<name> Communal|Tribal|Clan Militia (<country>)"
_COMMUNAL_SUFFIXES = (" communal militia", " tribal militia", " clan militia", "communal militia")


@dataclass(frozen=True)
class ActorEntry:
    """One canonical actor: ``id`` is stable, ``name`` follows ACLED's naming where it has one."""

    id: str
    name: str
    kind: ActorKind
    country: str | None
    aliases: tuple[str, ...] = ()
    part_of: str | None = None
    cased: tuple[str, ...] = ()
    localise: tuple[tuple[str, str], ...] = ()  # (country code, more specific actor id)


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    article: bool = False  # "Military Forces of the United States"

    @property
    def of_name(self) -> str:
        return f"the {self.name}" if self.article else self.name


@dataclass(frozen=True)
class Category:
    """A generic actor family, e.g. military_forces -> "Military Forces of {of_country}"."""

    key: str
    template: str
    bare: str
    kind: ActorKind


# Found by the automaton, they tell whether the numbered-unit regex is worth running.
_UNIT_WORDS = tuple(
    w + n for w in ("brigade", "battalion", "division", "regiment") for n in ("", "s")
)
_NUMBERED_UNIT = re.compile(
    r"\b(?:\d{1,3}(?:st|nd|rd|th)|(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|eleventh|twelfth))\s+(?:(?:[A-Z][\w-]*|(?i:armou?red|infantry|mechani[sz]ed|"
    r"motori[sz]ed|air|defen[cs]e|special|light|airborne|marine|mountain|tank|artillery|"
    r"commando|border|guards?))\s+){0,3}?(?i:brigade|battalion|division|regiment)s?\b"
    r"|\b(?i:brigade|battalion|regiment)\s+\d{1,4}\b"
)
_UNIT_ID = "military_forces:?"
_UNIT_GAP = re.compile(r"[\s()]{1,3}")
_ROLES = ("actor", "mod", "head", "bare", "pfx", "ethnic", "ehead", "absorb", "unit")


class _Key(NamedTuple):
    """What one automaton key stands for: an actor alias, a modifier or a head word.

    A tuple, not a dataclass: the matcher reads a few of these per hit, and a tuple's
    fields sit in the object itself rather than in a separate ``__dict__``.
    """

    role: str  # one of _ROLES
    ref: str  # actor id, country code, category key or ethnic slug
    surface: str  # the alias as written in the data
    cased: bool


class _Cand(NamedTuple):
    """A candidate span (a tuple: built thousands of times per second)."""

    start: int
    end: int
    actor_id: str
    prio: int  # 2 curated, 1 generic


def _acronym_like(alias: str) -> bool:
    """Aliases written like acronyms ("IS", "US", "JeM", "CJTF-OIR") must match in exact case."""
    if " " in alias:
        return False
    return alias.isupper() or sum(c.isupper() for c in alias) >= 2


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


class ActorDictionary:
    """Curated actors, countries and generic patterns, compiled into one automaton."""

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        countries: Iterable[Country],
        categories: Iterable[Category],
        generic: dict[str, Any],
    ) -> None:
        self.entries: dict[str, ActorEntry] = {e.id: e for e in entries}
        self.countries: dict[str, Country] = {c.code: c for c in countries}
        self.categories: dict[str, Category] = {c.key: c for c in categories}
        self.ethnic_groups: dict[str, tuple[str, ...]] = {
            k: tuple(v) for k, v in generic.get("ethnic_groups", {}).items()
        }
        # "unknown men", "armed individuals": a civilian noun behind one of its category's
        # prefixes names an armed group, not civilians
        self._prefixed_as: dict[str, str] = {
            cat: spec["prefixed_as"]
            for cat, spec in generic["heads"].items()
            if spec.get("prefixed_as") in self.categories
        }
        self._country_by_name = self._index_country_names()
        self._alias_index = self._index_aliases()
        self._automaton = self._build_automaton(generic)
        self._fuzzy_keys = list(self._alias_index)
        self._generic_cache: dict[str, ActorEntry] = {}

    # ---- indexes -------------------------------------------------------------------------
    def _index_country_names(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for c in self.countries.values():
            for n in (c.name, *c.aliases, *c.demonyms):
                out.setdefault(n.lower(), c.code)
        return out

    def _index_aliases(self) -> dict[str, list[tuple[str, str]]]:
        out: dict[str, list[tuple[str, str]]] = {}
        for e in self.entries.values():
            for a in (e.name, *e.aliases):
                out.setdefault(a.lower(), []).append((a, e.id))
        return out

    def _build_automaton(self, generic: dict[str, Any]) -> ahocorasick.Automaton:
        keys: dict[str, list[_Key]] = {}

        def add(surface: str, role: str, ref: str, cased: bool | None = None) -> None:
            c = _acronym_like(surface) if cased is None else cased
            keys.setdefault(surface.lower().replace("\u2019", "'"), []).append(
                _Key(role, ref, surface, c)
            )

        for e in self.entries.values():
            for a in e.aliases:
                add(a, "actor", e.id, True if a in e.cased else None)
        for c in self.countries.values():
            for n in (c.name, *c.aliases):
                for form in (n, f"{n}'s", f"{n}\u2019s"):
                    add(form, "mod", c.code)
            for d in c.demonyms:
                add(d, "mod", c.code)
        for cat, spec in generic["heads"].items():
            for h in spec.get("bare", []):
                add(h, "bare", cat, False)
            for h in spec.get("modified", []):
                add(h, "head", cat, False)
            for p in spec.get("prefixes", []):
                add(p, "pfx", cat, False)
        for slug, names in self.ethnic_groups.items():
            for n in names:
                add(n, "ethnic", slug)
        for h in generic.get("ethnic_heads", []):
            add(h, "ehead", "ethnic_militia", False)
        for w in generic.get("absorb", []):
            add(w, "absorb", "", False)
        for w in _UNIT_WORDS:
            add(w, "unit", "", False)
        # Keys are stored with every non-alphanumeric character made a space and padded
        # with a space on each side, and are matched in the text made the same way: a key
        # can then only match whole words, and the scan leaves the root at word starts
        # only (about a quarter less time in the automaton than a raw scan, and half as
        # many hits to filter). Keys whose spelling the padding blurs ("al-Qaeda" vs "al
        # Qaeda") keep their exact form to check.
        # Each key's entries are (role, key, the surface it must have or None).
        groups: dict[str, list[tuple[str | None, tuple[tuple[str, _Key, str | None], ...]]]] = {}
        for k, v in keys.items():
            padded = f" {_words_only(k)} "
            exact = None if k.isalnum() else k
            entries = tuple((x.role, x, x.surface if x.cased else None) for x in v)
            groups.setdefault(padded, []).append((exact, entries))
        auto = ahocorasick.Automaton()
        for padded, forms in groups.items():
            auto.add_word(padded, (len(padded) - 2, tuple(forms)))
        auto.make_automaton()
        return auto

    # ---- lookup --------------------------------------------------------------------------
    def get(self, actor_id: str) -> ActorEntry | None:
        """The entry for ``actor_id``; generic ids ("police_forces:AF", "civilians:?") too."""
        if actor_id in self.entries:
            return self.entries[actor_id]
        cached = self._generic_cache.get(actor_id)
        if cached is None:
            cached = self._generic_get(actor_id)
            if cached is not None:
                self._generic_cache[actor_id] = cached  # memo only: entries never change
        return cached

    def _generic_get(self, actor_id: str) -> ActorEntry | None:
        parts = actor_id.split(":")
        if parts[0] == "ethnic_militia" and len(parts) == 3:
            return self.generic_entry("ethnic_militia", _none_if_unknown(parts[2]), parts[1])
        if parts[0] in self.categories and len(parts) == 2:
            cc = _none_if_unknown(parts[1])
            if cc is None or cc in self.countries:
                return self.generic_entry(parts[0], cc)
        return None

    def generic_entry(self, category: str, cc: str | None, group: str = "") -> ActorEntry:
        """Build the entry of a generic actor, e.g. ("protesters", "IN") -> Protesters (India)."""
        cat = self.categories[category]
        label = self._group_label(group)
        suffix = f"{group}:{cc or UNKNOWN}" if category == "ethnic_militia" else cc or UNKNOWN
        actor_id = f"{category}:{suffix}"
        if actor_id in self.entries:
            return self.entries[actor_id]
        country = self.countries.get(cc) if cc else None
        if country is None:
            name = cat.bare.format(group=label)
        else:
            name = cat.template.format(
                country=country.name, of_country=country.of_name, group=label
            )
        return ActorEntry(actor_id, name, cat.kind, cc)

    def _group_label(self, group: str) -> str:
        names = self.ethnic_groups.get(group)
        return names[0] if names else group.replace("_", " ").title()

    def country_code(self, name: str) -> str | None:
        """ISO2 code for a country name, alias or demonym ("Iraqi" -> "IQ"), else None."""
        s = name.strip()
        if s.lower().startswith("the "):
            s = s[4:]
        return self._country_by_name.get(s.lower())

    def lineage(self, actor_id: str) -> tuple[str, ...]:
        """``actor_id`` followed by what it is part of, e.g. ("ypj", "ypg", "sdf")."""
        out = [actor_id]
        entry = self.entries.get(actor_id)
        while entry is not None and entry.part_of and entry.part_of not in out:
            out.append(entry.part_of)
            entry = self.entries.get(entry.part_of)
        return tuple(out)

    def localise(self, actor_id: str, cc: str | None) -> str:
        """The more specific actor meant in country ``cc`` ("isis" in Nigeria -> "iswap")."""
        entry = self.entries.get(actor_id)
        if entry is None or cc is None:
            return actor_id
        return dict(entry.localise).get(cc, actor_id)

    # ---- canonicalise free names (GTD gname, ACLED actor1) -------------------------------
    def canonicalise(self, name: str, country: str | None = None) -> ActorEntry | None:
        """Map a free actor name to our canonical entry, or None when it names no actor.

        Example: ``canonicalise("Military Forces of Syria (2000-)")`` -> military_forces:SY;
        ``canonicalise("Protesters (India)")`` -> protesters:IN;
        ``canonicalise("Islamic State of Iraq and the Levant (ISIL)")`` -> isis.
        """
        s = " ".join(name.split())
        if s.lower() in _NOT_ACTOR_NAMES:
            return None
        entry = self._canonical_exact(s) or self._canonical_by_matching(s)
        entry = entry or self._state_unit(s) or self._canonical_fuzzy(s)
        return self._fill_country(entry, country) if entry else None

    def _state_unit(self, s: str) -> ActorEntry | None:
        """ACLED names a unit of a state force after the force and its period: "Military
        Forces of Turkey (2016-) Gendarmerie", "Police Forces of Brazil (2019-) Civil
        Police". A unit the dictionary does not know is read as the force it belongs to."""
        for key, cat in self.categories.items():
            prefix = cat.template.split("{")[0]
            if "{of_country}" not in cat.template or not s.lower().startswith(prefix.lower()):
                continue
            words = s[len(prefix) :].split()
            for n in range(len(words) - 1, 0, -1):  # the longest country name, a unit after
                code = self.country_code(" ".join(words[:n]))
                if code is not None:
                    return self.generic_entry(key, code)
        return None

    def _canonical_exact(self, s: str) -> ActorEntry | None:
        for variant in _variants(s):
            entry = self._exact_alias(variant) or self._generic_name(variant)
            if entry is not None:
                return entry
        return None

    def _exact_alias(self, s: str) -> ActorEntry | None:
        hits = self._alias_index.get(s.lower())
        if not hits:
            return None
        exact = [aid for surface, aid in hits if surface == s]
        return self.entries[(exact or [hits[0][1]])[0]]

    def _generic_name(self, s: str) -> ActorEntry | None:
        """Parse ACLED-style generic names: "Police Forces of X", "Rioters (X)", ..."""
        m = _TRAILING_PAREN.match(s)
        head, cc = (m.group(1), self.country_code(m.group(2))) if m else (s, None)
        for key, cat in self.categories.items():
            if key == "ethnic_militia":
                continue
            if head.lower() == cat.bare.lower():
                return self.generic_entry(key, cc)
            prefix = cat.template.split("{")[0]
            if "{of_country}" in cat.template and s.lower().startswith(prefix.lower()):
                code = self.country_code(s[len(prefix) :])
                return self.generic_entry(key, code) if code else None
        if head.lower().endswith(_COMMUNAL_SUFFIXES):  # "Hawiye Clan Militia (Somalia)"
            return self.generic_entry("communal_militia", cc)
        if head.lower().endswith(" ethnic militia"):
            group = head[: -len(" ethnic militia")]
            slug = self._ethnic_slug(group)
            return self.generic_entry("ethnic_militia", cc, slug)
        return None

    def _ethnic_slug(self, group: str) -> str:
        for slug, names in self.ethnic_groups.items():
            if group.lower() in (n.lower() for n in names):
                return slug
        return _slug(group)

    def _canonical_by_matching(self, s: str) -> ActorEntry | None:
        """Fall back on the mention matcher: the actor covering most of the name wins."""
        cands = self._select(self._candidates(s, self._hits(s)), bytearray(len(s)))
        if not cands:
            return None
        best = max(cands, key=lambda c: (c.prio, c.end - c.start))
        covered = (best.end - best.start) / max(1, len(s))
        if best.prio == 2:
            return self.get(best.actor_id)
        if covered < 0.5:
            return None
        cat = self.categories.get(best.actor_id.split(":")[0])
        if cat and "{of_country}" not in cat.template and s[best.end :].lower().startswith(" of "):
            # "Children of Fire": a generic noun that a name goes on to qualify is the
            # name's head, not the generic actor ("Military Forces of ..." are named so)
            return None
        return self.get(best.actor_id)

    def _canonical_fuzzy(self, s: str) -> ActorEntry | None:
        hit = process.extractOne(s.lower(), self._fuzzy_keys, scorer=fuzz.ratio)
        if hit is None or hit[1] < _FUZZY_CUTOFF:
            return None
        return self.entries[self._alias_index[hit[0]][0][1]]

    def _fill_country(self, entry: ActorEntry, cc: str | None) -> ActorEntry:
        if cc is None:
            return entry
        if entry.id.endswith(":" + UNKNOWN):
            parts = entry.id.split(":")
            group = parts[1] if len(parts) == 3 else ""
            return self.generic_entry(parts[0], cc if cc in self.countries else None, group)
        local = self.localise(entry.id, cc)
        return self.entries[local] if local != entry.id else entry

    # ---- matching ------------------------------------------------------------------------
    def match(self, text: str) -> list[tuple[int, int, ActorEntry]]:
        """All actor spans in ``text`` as (start, end, entry), left to right, non-overlapping."""
        hits = self._hits(text)
        occupied = bytearray(len(text))
        chosen = self._select(self._candidates(text, hits), occupied)
        if hits["mod"]:
            chosen += self._coordinated(text, chosen, hits["mod"], occupied)
        chosen.sort()  # chosen spans do not overlap: their starts differ
        out = []
        entries, get = self.entries, self.get
        for start, end, actor_id, _prio in chosen:
            entry = entries.get(actor_id) or get(actor_id)
            if entry is not None:
                out.append((start, end, entry))
        return out

    def _hits(self, text: str) -> dict[str, list[tuple[int, int, _Key]]]:
        """Every key found in ``text``, by role: {role: [(start, end, key), ...]}."""
        # Curly and straight apostrophes are one key (same length, so offsets hold).
        lowered = text.lower().replace("\u2019", "'")
        if len(lowered) != len(text):  # rare characters whose lower case is longer
            lowered = "".join(ch.lower()[0] for ch in text)
        hits: dict[str, list[tuple[int, int, _Key]]] = {role: [] for role in _ROLES}
        # padded[i + 1] is lowered[i]: a hit ending at padded index ``last`` (its closing
        # space) ends at ``last - 1`` in the text.
        for last, (length, forms) in self._automaton.iter(f" {_words_only(lowered)} "):
            end = last - 1
            start = end - length
            for exact, entries in forms:
                if exact is not None and not lowered.startswith(exact, start):
                    continue
                for role, k, surface in entries:
                    if surface is None or text[start:end] == surface:
                        hits[role].append((start, end, k))
        return hits

    def _candidates(self, text: str, hits: dict[str, list[tuple[int, int, _Key]]]) -> list[_Cand]:
        new = tuple.__new__  # skips the NamedTuple constructor's Python-level call
        cands = []
        if hits["actor"]:
            # "Isis militants", "Peshmerga forces": a following generic noun joins the name.
            absorb = {s: e for s, e, _ in hits["absorb"]}
            for s, e, k in hits["actor"]:
                nxt = absorb.get(e + 1)
                if nxt is not None and text[e] == " ":
                    e = nxt
                cands.append(new(_Cand, (s, e, k.ref, 2)))
        mods = {e: (s, k) for s, e, k in hits["mod"]}
        pfx = {e: s for s, e, _ in hits["pfx"]}
        for role in ("head", "bare"):
            for s, e, k in hits[role]:
                # "Iraqi| |troops": a modifier ending one space before the head word
                mod = mods.get(s - 1)
                if mod is not None and text[s - 1] == " ":
                    cands.append(new(_Cand, (mod[0], e, f"{k.ref}:{mod[1].ref}", 1)))
                if role == "bare":
                    first = pfx.get(s - 1)
                    if first is None or text[s - 1] != " ":
                        first = s
                    cat = k.ref
                    if first != s and cat in self._prefixed_as:
                        own = any(p[0] == first and p[2].ref == cat for p in hits["pfx"])
                        cat = self._prefixed_as[cat] if own else cat
                    cands.append(new(_Cand, (first, e, f"{cat}:{UNKNOWN}", 1)))
        if hits["ehead"]:
            ethnic = {e: (s, k) for s, e, k in hits["ethnic"]}
            for s, e, _k in hits["ehead"]:
                eth = ethnic.get(s - 1)
                if eth is not None and text[s - 1] == " ":
                    aid = f"ethnic_militia:{eth[1].ref}:{UNKNOWN}"
                    cands.append(new(_Cand, (eth[0], e, aid, 1)))
        if hits["unit"]:
            # "the 30th brigade", "22nd Armored Brigade", "Battalion 537": numbered
            # formations are state forces' (curated names such as "Qassam Brigades" are
            # longer or curated, and win)
            named = [(s, e, k.ref) for s, e, k in hits["actor"]]
            for m in _NUMBERED_UNIT.finditer(text):
                start, end = m.span()
                # "KIA Battalion 26 (Brigade 9)", "6th Southern Resistance Brigade": a unit
                # named with a group belongs to it
                owner = next(
                    (
                        n
                        for n in named
                        if start <= n[0] < end or _UNIT_GAP.fullmatch(text, n[1], start)
                    ),
                    None,
                )
                if owner is not None:
                    named.append((start, end, owner[2]))
                    first = owner[0] if owner[1] == start - 1 else start  # "KIA Battalion 26"
                    cands.append(new(_Cand, (min(start, first), end, owner[2], 2)))
                else:
                    cands.append(new(_Cand, (start, end, _UNIT_ID, 1)))
        if "nti-" in text:
            # "anti-Houthi forces", "anti-government fighters" oppose the actor they name
            cands = [c for c in cands if text[max(0, c[0] - 5) : c[0]].lower() != "anti-"]
        return cands

    def _select(self, cands: list[_Cand], occupied: bytearray) -> list[_Cand]:
        """Longest first, curated before generic; ``occupied`` marks the characters taken."""
        chosen: list[_Cand] = []
        # (-length, -priority, start, position): the order of a stable sort on the first three
        order = sorted([(c[0] - c[1], -c[3], c[0], i) for i, c in enumerate(cands)])
        for _, _, _, i in order:
            c = cands[i]
            start, end = c[0], c[1]
            if occupied.find(1, start, end) == -1:
                occupied[start:end] = b"\x01" * (end - start)
                chosen.append(c)
        return chosen

    def _coordinated(
        self,
        text: str,
        chosen: list[_Cand],
        hits: list[tuple[int, int, _Key]],
        occupied: bytearray,
    ) -> list[_Cand]:
        """ "US, Australian and British airstrikes": each nationality gets the head's actor."""
        starts = {c.start: c for c in chosen if c.prio == 1 and not c.actor_id.endswith(UNKNOWN)}
        extra: list[_Cand] = []
        for s, e, k in sorted(hits, key=lambda h: -h[0]):
            if occupied.find(1, s, e) != -1:
                continue
            m = _COORD.match(text, e)
            nxt = starts.get(m.end()) if m else None
            if nxt is None:
                continue
            cand = _Cand(s, e, f"{nxt.actor_id.split(':')[0]}:{k.ref}", 1)
            starts[s] = cand
            occupied[s:e] = b"\x01" * (e - s)
            extra.append(cand)
        return extra


# Non-alphanumeric ASCII characters to spaces, one for one (str.translate on ASCII is fast)
_ASCII_WORDS = bytes(c if chr(c).isalnum() else 32 for c in range(128)) + bytes(range(128, 256))
_NOT_ALNUM = re.compile(r"[\W_]")  # the same for any text: \w is isalnum() plus "_"


def _words_only(text: str) -> str:
    """``text`` with every character that is not alphanumeric made a space (same length)."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORDS).decode("ascii")
    return _NOT_ALNUM.sub(" ", text)


def _none_if_unknown(code: str) -> str | None:
    return None if code == UNKNOWN else code


def _variants(s: str) -> list[str]:
    """Spellings to try for a free name: as is, without ACLED year spans, parts of it."""
    out = [s]
    m = _YEARS.search(s)
    if m:
        tail = s[m.end() :].strip()
        if tail:
            out.append(tail)  # "Military Forces of Iraq (2014-) Popular Mobilization Forces"
        out.append(_YEARS.sub("", s[: m.end()]).strip())
    for v in list(out):
        if " and/or " in v:
            out.append(v.split(" and/or ")[0].strip())
        if ": " in v:
            out.extend(p.strip() for p in v.split(": ", 1))
        p = _TRAILING_PAREN.match(v)
        if p:
            out.extend((p.group(1), p.group(2)))
    return [v for v in out if v]


def with_country(mention: ActorMention, cc: str, country_name: str) -> ActorMention:
    """Fill a generic mention's unknown country: "protesters:?" -> "Protesters (India)"."""
    if not mention.canonical_id.endswith(":" + UNKNOWN):
        return mention
    new_id = mention.canonical_id[: -len(UNKNOWN)] + cc
    country = _load_countries().get(cc)
    of_name = country.of_name if country is not None else country_name
    if mention.name.startswith(("Military Forces", "Police Forces", "Government")):
        name = f"{mention.name} of {of_name}"
    else:
        name = f"{mention.name} ({country_name})"
    # Built directly, not with dataclasses.replace (which re-inspects the fields on every
    # call: ~5% of the events stage's time went there).
    return ActorMention(
        mention.doc_id,
        mention.start,
        mention.end,
        mention.text,
        mention.sentence,
        new_id,
        name,
        mention.kind,
        cc,
        mention.stage,
    )


# ---- loading -----------------------------------------------------------------------------
def _data_path(name: str) -> Path:
    return Path(str(resources.files("fogofwar") / "data" / name))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return cast(dict[str, Any], json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"cannot read actor data {path}: {exc}; reinstall fogofwar") from exc


@lru_cache(maxsize=4)
def _load_countries(path: Path | None = None) -> dict[str, Country]:
    raw = _read_json(path or _data_path("demonyms.json"))["countries"]
    return {
        cc: Country(
            cc, v["name"], tuple(v["aliases"]), tuple(v["demonyms"]), v.get("article", False)
        )
        for cc, v in raw.items()
    }


def _entry(raw: dict[str, Any], path: Path) -> ActorEntry:
    if raw.get("kind") not in _KINDS or not raw.get("id") or not raw.get("name"):
        raise ResourceError(f"{path}: bad actor entry {raw!r}; fix kind/id/name")
    return ActorEntry(
        id=raw["id"],
        name=raw["name"],
        kind=raw["kind"],
        country=raw.get("country"),
        aliases=tuple(raw.get("aliases", ())),
        part_of=raw.get("part_of"),
        cased=tuple(raw.get("cased", ())),
        localise=tuple(sorted(raw.get("localise", {}).items())),
    )


def load_actor_dictionary(
    path: Path | None = None, countries_path: Path | None = None
) -> ActorDictionary:
    """Load ``data/actors.json`` (and ``data/demonyms.json``) into an :class:`ActorDictionary`."""
    path = path or _data_path("actors.json")
    raw = _read_json(path)
    try:
        generic = raw["generic"]
        cats = [
            Category(k, v["name"], v["bare"], v["kind"]) for k, v in generic["categories"].items()
        ]
        entries = [_entry(e, path) for e in raw["actors"]]
    except (KeyError, TypeError) as exc:
        raise ResourceError(f"{path}: missing field {exc}; see data/README.md") from exc
    countries = _load_countries(countries_path).values()
    return ActorDictionary(entries, countries, cats, generic)


# ---- the stage ---------------------------------------------------------------------------
def run(ad: AnnotatedDoc, *, res: Resources) -> AnnotatedDoc:
    """Assign ``actors``: every actor mention in the document, with its sentence."""
    text, doc_id, sents = ad.doc.text, ad.doc.id, ad.sentences
    starts = sentence_starts(sents)
    mentions = []
    new = object.__new__
    for start, end, entry in res.actors.match(text):
        idx = bisect_right(starts, start) - 1
        # model.build, inlined (a call less per mention): the frozen dataclass's __init__
        # sets its 10 fields one object.__setattr__ at a time (as much as finding the
        # mention); tests/test_actors_speed.py checks the result equals one __init__ builds.
        m = new(ActorMention)
        m.__dict__.update(
            doc_id=doc_id, start=start, end=end, text=text[start:end],
            sentence=sents[idx].index if idx >= 0 else 0, canonical_id=entry.id,
            name=entry.name, kind=entry.kind, country=entry.country, stage=STAGE,
        )  # fmt: skip
        if entry.id.endswith(_GENERIC_SUFFIX) and text.startswith(" of ", end):
            m, after = _of_country(m, text, res.actors)
            mentions.append(m)
            # "military forces of India and Pakistan": the forces of each country
            if after and text.startswith(" and ", after):
                second = _and_country(m, entry, text, after, res.actors)
                if second is not None:
                    mentions.append(second)
            continue
        mentions.append(m)
    return evolve(ad, actors=tuple(mentions))


_GENERIC_SUFFIX = ":" + UNKNOWN
_OF_COUNTRY = re.compile(r" of (?:the )?([A-Z][\w'-]+(?: [A-Z][\w'-]+){0,3})")


def _of_country(
    m: ActorMention, text: str, actors: ActorDictionary
) -> tuple[ActorMention, int | None]:
    """ "military forces of Armenia", "the police of Lebanon": the country follows the noun.
    Returns the mention and where the country's name ends (None if none was read)."""
    if not m.canonical_id.endswith(":" + UNKNOWN):
        return m, None
    hit = _OF_COUNTRY.match(text, m.end)
    if hit is None:
        return m, None
    found = _country_words(hit.group(1), actors)
    if found is None:
        return m, None
    cc, name = found
    # The span stays on the noun: the country name after it is still a place.
    return with_country(m, cc, name), hit.start(1) + len(name)


def _country_words(words_text: str, actors: ActorDictionary) -> tuple[str, str] | None:
    """(code, name) of the longest country name opening ``words_text`` ("Central African
    Republic" before "Central")."""
    words = words_text.split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        cc = actors.country_code(name)
        if cc is not None:
            return cc, name
    return None


_AND_COUNTRY = re.compile(r" and (?:the )?([A-Z][\w'-]+(?: [A-Z][\w'-]+){0,3})")


def _and_country(
    first: ActorMention, entry: ActorEntry, text: str, pos: int, actors: ActorDictionary
) -> ActorMention | None:
    """The second country's forces in "military forces of India and Pakistan", on the
    second country's name (a distinct actor of the same kind)."""
    hit = _AND_COUNTRY.match(text, pos)
    found = _country_words(hit.group(1), actors) if hit else None
    if hit is None or found is None or found[0] == first.country:
        return None
    cc, name = found
    start = hit.start(1)
    generic = ActorMention(
        first.doc_id, start, start + len(name), name, first.sentence, entry.id,
        entry.name, entry.kind, None, first.stage,
    )  # fmt: skip
    return with_country(generic, cc, name)
