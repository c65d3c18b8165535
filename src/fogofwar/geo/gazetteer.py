"""The bundled gazetteer: GeoNames places, districts, first-level units and countries, plus a
matcher.

Built once by ``scripts/build_gazetteer.py`` into ``fogofwar/data/gazetteer``; loaded by
``load_gazetteer()`` and passed to the places stage. Entries are created lazily from the raw
rows so loading stays fast.

Example::

    gaz = load_gazetteer()
    [e.country_code for e in gaz.candidates("Tripoli")]   # ['LY', 'LB', 'GR', 'US']
    gaz.find("Clashes in Manbij and Raqqa.")              # [(12, 18, 'Manbij'), ...]
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from fogofwar.errors import ResourceError
from fogofwar.geo.normalize import fold_text, name_key

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "gazetteer"
MIN_KEY_LEN = 3
# Ranking of features when two entries share a name (and nothing else decides).
FEATURE_RANK = {"country": 0, "admin1": 1, "city": 2, "admin2": 3}


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer feature: a populated place, a district, a first-level unit or a country."""

    id: str  # "geonames:<id>", "admin2:<CC>.<admin1>.<n>", "admin1:<CC>.<code>", "country:<CC>"
    name: str
    country_code: str
    admin1_code: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    feature: str  # city | admin1 | admin2 | country


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    iso3: str
    name: str  # as ACLED writes it: "Syria", "Democratic Republic of Congo"
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    lat: float
    lon: float
    population: int


@dataclass(frozen=True)
class Admin1:
    country_code: str
    code: str
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    population: int
    # south, west, north, east of the unit's towns (None for a unit without towns)
    bbox: tuple[float, float, float, float] | None = None

    def near(self, lat: float, lon: float, margin: float = 0.2) -> bool:
        """True when the point lies in the unit's box of towns widened by ``margin``
        degrees (~20 km): a border town the report and GeoNames assign differently."""
        b = self.bbox
        return b is not None and (
            b[0] - margin <= lat <= b[2] + margin and b[1] - margin <= lon <= b[3] + margin
        )


def _with_article(text: str, start: int) -> int:
    """Widen a hit over a lower-case article glued before it: "al-Raqqa", "ar-Rutba"."""
    if start < 3 or text[start - 1] != "-":
        return start
    m = _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
    return m.start() if m else start


def _read_tsv(path: Path) -> Iterator[list[str]]:
    if not path.is_file():
        raise ResourceError(f"gazetteer file {path} is missing; run scripts/build_gazetteer.py")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        next(fh, None)
        for line in fh:
            yield line.rstrip("\n").split("\t")


def _read_lines(path: Path) -> frozenset[str]:
    with path.open(encoding="utf-8") as fh:
        return frozenset(ln.strip() for ln in fh if ln.strip() and not ln.startswith("#"))


def _read_lines_gz(path: Path) -> list[str]:
    """Every line after the header, read in one go (much faster than line iteration)."""
    if not path.is_file():
        raise ResourceError(f"gazetteer file {path} is missing; run scripts/build_gazetteer.py")
    with gzip.open(path, "rb") as fh:
        lines = fh.read().decode("utf-8").split("\n")
    return lines[1:-1] if lines and not lines[-1] else lines[1:]


def _read_names(path: Path) -> dict[str, str]:
    """name key -> space-separated refs, kept as text and parsed on lookup (fast load)."""
    lines = _read_lines_gz(path)
    return dict(line.split("\t", 1) for line in lines if line)


# Place refs are row numbers; admin2, admin1 and country refs are offset past them.
_ADMIN2_BASE = 5_000_000
_ADMIN1_BASE = 10_000_000
_COUNTRY_BASE = 20_000_000
MAX_NAME_TOKENS = 6
_TOKEN = re.compile(r"[^\W_]+")
# A run of capitalised words, joined by single spaces/hyphens or by a short lower-case
# particle ("Deir ez-Zor", "Ras al-Ain", "Sar-e Pol", "Port-au-Prince", "Ribeirao das
# Neves"), optionally after an article
# ("al-Raqqa"). Names are only looked up inside runs.
_PARTICLE = (
    r"(?:al|ar|as|ad|an|az|at|ash|ath|adh|el|ed|es|et|er|ez|ul|e|i|de|du|des|la|le|di|da|do|"
    r"das|dos|del|della|los|las|au|aux|sur|les|of|the|and|bin|ibn|bani|abu|wa)"
)
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ſḀ-ỿ][\w'’`]*"
# Starting the pattern with the capital itself (then checking the character before it)
# scans twice as fast as a leading \b, which Python's re tries at every position.
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſḀ-ỿ"
_RUN = re.compile(rf"[{_UPPER}](?<!\w[{_UPPER}])[\w'’`]*(?:(?:[ -]{_PARTICLE}){{0,2}}[ -]{_CAP})*")
_ADMIN_WORDS = re.compile(
    r"\b(?:governorate|province|region|state|district|oblast|city|rayon|county|department|"
    r"prefecture|municipality|territory|capital|wilayah|muhafazat)\b",
    re.IGNORECASE,
)
_ARTICLES = frozenset("al ar as ad an az at ash ath adh ed es et er ul el".split())
_ARTICLE_BEFORE = re.compile(r"\b(?:al|ar|as|ad|an|az|at|ash|ath|adh|el|ed|es|et|er|ul)-$")


class Gazetteer:
    """Name lookup, country/admin1 tables and a word-bounded name matcher.

    The matcher looks up n-grams that start at a capitalised token in one dict keyed by
    normalised name. An Aho-Corasick automaton over the same 480k names was measured at
    1.1 s and ~100 MB extra to build on every load, for no gain: after folding punctuation
    to spaces both find exactly the word-bounded matches, and reports have few capitalised
    tokens, so the n-gram lookups cost ~0.1 ms per 500-word document.
    """

    def __init__(
        self,
        places: list[str],
        names: dict[str, str],
        admin1: list[Admin1],
        countries: list[Country],
        stopwords: frozenset[str] = frozenset(),
        cues: dict[str, frozenset[str]] | None = None,
        admin2: list[Admin1] | None = None,
    ) -> None:
        self.cues: dict[str, frozenset[str]] = cues or {}  # word lists for the places stage
        self._places = places  # raw TSV lines, parsed on demand
        self._index = names
        self._admin1_list = admin1
        self._admin1 = {(a.country_code, a.code): a for a in admin1}
        self._countries_list = countries
        self._countries = {c.code: c for c in countries}
        self._stop = stopwords
        self._country_names: dict[str, str] = {}
        self._admin1_names: dict[tuple[str, str], str] = {}
        self._demonyms: set[str] = set()
        # second-level units, as ``Admin1`` rows whose ``code`` is their parent's code
        self._admin2_list = admin2 or []
        self._index_admin1()
        self._index_admin2()
        self._index_countries()
        self._cache: dict[int, GazEntry] = {}
        self._by_key: dict[str, tuple[GazEntry, ...]] = {}
        self._run_memo: dict[str, tuple[tuple[int, int, str], ...]] = {}
        # First words of multi-word names: lets the matcher skip most n-gram lookups.
        self._heads = frozenset(k[: k.find(" ")] for k in self._index if " " in k)

    # -- building ---------------------------------------------------------------------
    def _add(self, name: str, ref: int, min_len: int = MIN_KEY_LEN) -> None:
        key = name_key(name)
        if len(key) < min_len:
            return
        have = self._index.get(key)
        if have is None:
            self._index[key] = str(ref)
        elif str(ref) not in have.split():
            self._index[key] = f"{have} {ref}"

    def _index_admin1(self) -> None:
        for i, a in enumerate(self._admin1_list):
            for name in (a.name, *a.aliases):
                self._add(name, _ADMIN1_BASE + i)
                self._admin1_names.setdefault((a.country_code, name_key(name)), a.code)

    def _index_admin2(self) -> None:
        for i, a in enumerate(self._admin2_list):
            for name in (a.name, *a.aliases):
                self._add(name, _ADMIN2_BASE + i)

    def _index_countries(self) -> None:
        for i, c in enumerate(self._countries_list):
            for name in (c.name, *c.aliases):
                self._add(name, _COUNTRY_BASE + i, min_len=2)  # "US", "UK"
                self._country_names[name_key(name)] = c.code
            for dem in c.demonyms:
                self._country_names.setdefault(name_key(dem), c.code)
                self._demonyms.add(name_key(dem))
            self._country_names.setdefault(name_key(c.iso3), c.code)

    # -- entries ----------------------------------------------------------------------
    def _entry(self, ref: int) -> GazEntry:
        entry = self._cache.get(ref)
        if entry is None:
            entry = self._cache[ref] = self._make_entry(ref)
        return entry

    def _make_entry(self, ref: int) -> GazEntry:
        if ref >= _COUNTRY_BASE:
            c = self._countries_list[ref - _COUNTRY_BASE]
            return GazEntry(
                f"country:{c.code}",
                c.name,
                c.code,
                None,
                None,
                c.lat,
                c.lon,
                c.population,
                "country",
            )
        if ref >= _ADMIN1_BASE:
            a = self._admin1_list[ref - _ADMIN1_BASE]
            return _unit_entry(f"admin1:{a.country_code}.{a.code}", a, a.name, "admin1")
        if ref >= _ADMIN2_BASE:
            d = self._admin2_list[ref - _ADMIN2_BASE]
            key = f"admin2:{d.country_code}.{d.code}.{ref - _ADMIN2_BASE}"
            return _unit_entry(key, d, self.admin1_name(d.country_code, d.code), "admin2")
        row = self._places[ref].split("\t")
        cc, code = row[6], row[7] or None
        return GazEntry(
            f"geonames:{row[0]}",
            row[1],
            cc,
            code,
            self.admin1_name(cc, code or ""),
            float(row[4]),
            float(row[5]),
            int(row[9] or 0),
            row[10] or "city",
        )

    # -- public API -------------------------------------------------------------------
    def candidates(self, name: str) -> list[GazEntry]:
        """Every entry called ``name`` (case, diacritics, hyphens and al-/ar- ignored)."""
        return list(self.entries_for_key(name_key(name)))

    def entries_for_key(self, key: str) -> tuple[GazEntry, ...]:
        """Entries under an already normalised key (as returned by ``find_keyed``)."""
        got = self._by_key.get(key)
        if got is None:
            refs = self._index.get(key)
            got = tuple(self._entry(int(r)) for r in refs.split()) if refs else ()
            if len(self._by_key) < 200_000:  # bounded: a long batch cannot grow it forever
                self._by_key[key] = got
        return got

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Longest non-overlapping capitalised gazetteer names and demonyms in ``text``.

        Example: ``find("Clashes near al-Raqqa.")`` -> ``[(13, 21, "al-Raqqa")]``.
        """
        return [(s, e, surface) for s, e, surface, _ in self.find_keyed(text)]

    def find_keyed(self, text: str) -> list[tuple[int, int, str, str]]:
        """Like ``find`` but each hit also carries its lookup key."""
        out: list[tuple[int, int, str, str]] = []
        memo = self._run_memo
        for run in _RUN.finditer(text):
            surface = run.group()
            found = memo.get(surface)
            if found is None:
                found = self._scan_surface(surface)
                if len(memo) < 200_000:  # bounded, like ``_by_key``
                    memo[surface] = found
            if found:
                base = run.start()
                for rs, re_, key in found:
                    s = base + rs
                    if rs == 0 and s >= 3 and text[s - 1] == "-":
                        s = _with_article(text, s)
                    out.append((s, base + re_, text[s : base + re_], key))
        return out

    def _scan_surface(self, surface: str) -> tuple[tuple[int, int, str], ...]:
        """Names inside one capitalised run, as (start, end, key) relative to the run.

        What a run holds depends on its characters only (folding is per character; the
        article glued before it is added by the caller), so results are memoised by run:
        reports repeat their capitalised words, and most runs are no place at all.
        """
        if not surface[0].isupper():  # the run's class also holds "ā", "ş", ...
            return ()
        key = fold_text(surface)
        if " " not in key:  # one word: the common case, no tokenising needed
            if (key in self._index or key in self._country_names) and self._single_ok(key, surface):
                return ((0, len(surface), key),)
            return ()
        index, countries, heads = self._index, self._country_names, self._heads
        if not any(w in heads or w in index or w in countries for w in key.split()):
            return ()  # "Human Rights Watch": no word of it starts or is a name
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(key)]
        out: list[tuple[int, int, str]] = []
        i = 0
        while i < len(toks):
            end, name = self._longest_at(toks, i, surface)
            if end < 0:
                i += 1
                continue
            out.append((toks[i][0], end, name))
            while i < len(toks) and toks[i][0] < end:
                i += 1
        return tuple(out)

    def _longest_at(self, toks: list[tuple[int, int, str]], i: int, text: str) -> tuple[int, str]:
        """End offset and key of the longest name starting at token ``i`` (-1 when none)."""
        first = toks[i][2]
        if not text[toks[i][0]].isupper():
            return -1, ""
        # "Al Fallujah" is Fallujah, but "El Alto" and "El Bouni" are whole names: Spanish
        # and French "el"/"le" are only dropped in the Arabic hyphenated form ("el-Fasher").
        arabic = first != "el" or text[toks[i][1] : toks[i][1] + 1] == "-"
        skip = 1 if first in _ARTICLES and arabic and i + 1 < len(toks) else 0
        words = [t[2] for t in toks[i + skip : i + MAX_NAME_TOKENS]]
        for n in range(len(words) if words[0] in self._heads else 1, 0, -1):
            key = " ".join(words[:n]) if n > 1 else words[0]
            if (key in self._index or key in self._country_names) and key not in self._stop:
                if n + skip > 1 or self._single_ok(key, text[toks[i][0] : toks[i][1]]):
                    return toks[i + skip + n - 1][1], key
        return -1, ""

    def _single_ok(self, key: str, surface: str) -> bool:
        """A one-word hit: not a common word, and an acronym ("ISIS") only if a country."""
        if key in self._stop:
            return False
        # "ISIS", "KMU", "JaS": acronyms are names of groups, not places, unless countries
        acronym = surface.isupper() or (len(surface) <= 4 and not surface[1:].islower())
        return not (acronym and len(surface) > 1) or key in self._country_names

    def country_by_code(self, cc: str) -> Country | None:
        return self._countries.get(cc.upper())

    def country_code(self, name_or_demonym: str) -> str | None:
        """ISO2 for a country name, alias, ISO3 code or demonym ("Syrian" -> "SY")."""
        return self._country_names.get(name_key(name_or_demonym))

    def country_name(self, cc: str) -> str:
        c = self._countries.get(cc.upper())
        return c.name if c else cc

    def admin1_name(self, cc: str, code: str) -> str | None:
        a = self._admin1.get((cc, code))
        return a.name if a else None

    def admin1(self, cc: str, code: str) -> Admin1 | None:
        return self._admin1.get((cc, code))

    def admin1_code(self, cc: str, name: str, *, fuzzy: bool = False) -> str | None:
        """The code of the unit of country ``cc`` called ``name`` in any known spelling.

        Example: ``admin1_code("IQ", "Nineveh") == admin1_code("IQ", "Ninawa Governorate")``.
        """
        got = self._admin1_names.get((cc, name_key(name)))
        if got is None:  # "Kiev City", "Sverdlovsk Oblast", "Idlib Governorate"
            bare = _ADMIN_WORDS.sub(" ", name).strip(" ,-")
            got = self._admin1_names.get((cc, name_key(bare))) if bare else None
        return got if got is not None or not fuzzy else self._admin1_fuzzy(cc, name)

    def _admin1_fuzzy(self, cc: str, name: str) -> str | None:
        """Closest spelling among the country's units ("Zaghwan" ~ "Zaghouan"), if clear."""
        key = name_key(_ADMIN_WORDS.sub(" ", name))
        scored = sorted(
            ((fuzz.ratio(key, k), code) for (c, k), code in self._admin1_names.items() if c == cc),
            reverse=True,
        )
        if not scored or scored[0][0] < 80:
            return None
        best = scored[0]
        rival = next((s for s in scored if s[1] != best[1]), None)
        return best[1] if rival is None or best[0] - rival[0] >= 5 else None

    def is_demonym_key(self, key: str) -> bool:
        """True when the normalised ``key`` is a country adjective ("syrian", "somali")."""
        return key in self._demonyms

    def is_demonym(self, surface: str) -> bool:
        """True for "Syrian", "Iraqi": a country adjective that is not itself a place name."""
        return name_key(surface) not in self._index and self.country_code(surface) is not None

    def __len__(self) -> int:
        return len(self._places) + len(self._admin2_list) + len(self._admin1) + len(self._countries)


def _unit_entry(key: str, a: Admin1, admin1: str | None, feature: str) -> GazEntry:
    """The entry of a first- or second-level unit (for the latter ``a.code`` is its
    parent's code)."""
    return GazEntry(
        key, a.name, a.country_code, a.code or None, admin1, a.lat, a.lon, a.population, feature
    )


def _unit_fields(r: list[str]) -> tuple[str, str, str, tuple[str, ...], float, float, int]:
    """cc, code, name, aliases, lat, lon, population: the columns units share."""
    aliases = tuple(filter(None, r[3].split("|")))
    return r[0], r[1], r[2], aliases, float(r[4]), float(r[5]), int(r[6] or 0)


def _read_admin1(path: Path) -> list[Admin1]:
    return [
        Admin1(*_unit_fields(r), _bbox(r[7]) if len(r) > 7 and r[7] else None)
        for r in _read_tsv(path)
    ]


def _bbox(cell: str) -> tuple[float, float, float, float]:
    s, w, n, e = (float(x) for x in cell.split())
    return s, w, n, e


def _read_admin2(path: Path) -> list[Admin1]:
    if not path.is_file():  # optional: a gazetteer without districts still works
        return []
    return [Admin1(*_unit_fields(r)) for r in _read_tsv(path)]


def _read_countries(path: Path) -> list[Country]:
    return [
        Country(
            r[0],
            r[1],
            r[2],
            tuple(filter(None, r[3].split("|"))),
            tuple(filter(None, r[4].split("|"))),
            float(r[5]),
            float(r[6]),
            int(r[7] or 0),
        )
        for r in _read_tsv(path)
    ]


def _read_cues(path: Path) -> dict[str, frozenset[str]]:
    if not path.is_file():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}


def load_gazetteer(path: Path | str | None = None) -> Gazetteer:
    """Load the gazetteer from ``path`` (a directory; default: the bundled one)."""
    root = Path(path) if path else DATA_DIR
    try:
        stop = root / "stopwords.txt"
        return Gazetteer(
            _read_lines_gz(root / "places.tsv.gz"),
            _read_names(root / "names.tsv.gz"),
            _read_admin1(root / "admin1.tsv.gz"),
            _read_countries(root / "countries.tsv.gz"),
            _read_lines(stop) if stop.is_file() else frozenset(),
            _read_cues(root / "cues.json"),
            _read_admin2(root / "admin2.tsv.gz"),
        )
    except (ValueError, IndexError, OSError) as exc:
        raise ResourceError(f"gazetteer at {root} is malformed: {exc}") from exc
