"""What was hit and where exactly: the target, sub-location and named victim a claim's
sentence states.

Distinct incidents of one day in one town differ in what was hit (a checkpoint, a mosque,
a market, a named person) and where exactly (a village, district or neighbourhood named
inside the town). ``read_details`` reads them from the mention's own sentence, with the
vocabulary of the ``details`` section of ``data/tolerances.json``; ``details_differ`` is
the linking test: two claims that both state a target, and share no target class (nor a
class listed as compatible with one of theirs), stay apart; so do two claims that both
name something of one kind (a locality, a district, a person) and no name of that kind
matches. A claim that states none stays compatible: reports differ in detail.

Example::

    d = read_details("A car bomb hit a checkpoint in the Karrada district of Baghdad.")
    d.targets, d.named   # frozenset({'checkpoint'}), (('district', ('karrada',)),)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

Named = tuple[tuple[str, tuple[str, ...]], ...]  # (kind, normalised names), kinds sorted


@dataclass(frozen=True)
class Details:
    """The targets (vocabulary classes) and what a sentence names of each kind (locality,
    district, person -> normalised names)."""

    targets: frozenset[str] = frozenset()
    named: Named = ()


NO_DETAILS = Details()


@dataclass(frozen=True, eq=False)
class DetailRules:
    """The ``details`` section of tolerances.json, compiled."""

    link_classes: frozenset[str]
    target_classes: dict[str, str]  # phrase (lower case) -> class ("" for a means phrase)
    target_partners: dict[str, frozenset[str]]  # class -> classes it may be (itself too)
    locality_nouns: tuple[str, ...]
    weak_nouns: frozenset[str]  # locality nouns that need the town after them
    district_nouns: tuple[str, ...]
    not_names: frozenset[str]
    similar: float
    cased: frozenset[str]  # words the vocabulary writes in capitals ("IDP")
    starts: dict[str, int]  # first word of a phrase -> words in its longest phrase
    start_forms: frozenset[str]  # those first words, with plural endings
    nouns: frozenset[str]  # the words of the area nouns
    area_res: tuple[tuple[str, re.Pattern[str]], ...]
    person_res: tuple[re.Pattern[str], ...]
    titles: frozenset[str]  # words of person titles ("deputy", "chairman")
    verb_probe: re.Pattern[str]  # a victim verb in the lower-cased sentence
    device_words: frozenset[str]  # a device named: its outcome is read
    disrupted: re.Pattern[str]  # "defused", "intercepted" in the lower-cased sentence
    went_off: re.Pattern[str]  # "exploded", "killed"


# A proper name as reports write places: capitalised words, with Arabic-style particles
# and numbers inside ("Bab al-Sharji", "Qala-e-Wahid", "Police District 13").
_WORD = r"[A-Z][\w'’]*(?:-[\w'’]+)*"
_NAME = rf"(?:(?:[Aa]l|[Ee]l)-)?{_WORD}(?: (?:{_WORD}|al-[\w'’]+|al|el|e|de|du|ul|\d+))*"
_BEFORE = re.compile(rf"(?P<name>{_NAME}), $")  # "in Bolan, " before the town
_ORDINALS = {
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
    "sixth": "6",
    "seventh": "7",
    "eighth": "8",
    "ninth": "9",
    "tenth": "10",
    "eleventh": "11",
    "twelfth": "12",
}
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_DROP = {"al", "el", "the", "a", "an", "of", "e", "ul"}


def _key(phrase: str) -> str:
    return " ".join(_TOKEN.findall(phrase.lower()))


def _starts(phrases: dict[str, str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for k in phrases:
        words = k.split()
        out[words[0]] = max(out.get(words[0], 0), len(words))
    return out


def parse_detail_rules(raw: dict[str, Any]) -> DetailRules:
    """Compile the ``details`` section of tolerances.json."""
    written: dict[str, str] = {}  # phrase as written (its case matters) -> class
    for cls, words in raw["targets"].items():
        if cls[0] != "_":
            written.update((w, cls) for w in words)
    written.update((w, "") for w in raw["means_phrases"])
    phrases = {_key(w): cls for w, cls in written.items()}
    cased = frozenset(t for w in written for t in _TOKEN.findall(w) if t.isupper())
    partners: dict[str, set[str]] = {c: {c} for c in set(phrases.values()) if c}
    for a, b in raw["compatible_targets"]:
        partners.setdefault(a, {a}).add(b)
        partners.setdefault(b, {b}).add(a)
    loc = tuple(raw["locality_nouns"])
    dist = tuple(raw["district_nouns"])
    nouns = "|".join(re.escape(n) for n in sorted(loc + dist, key=len, reverse=True))
    ords = "|".join(_ORDINALS)
    area_res = (
        # "Police District 13", "the 7th police district", "Fifth Police District"
        (
            "locality",
            re.compile(
                rf"\b(?:(?:police )?district (?P<num>\d+)"
                rf"|(?P<ord>\d+)(?:st|nd|rd|th) police district"
                rf"|(?P<word>{ords}) police district)\b",
                re.IGNORECASE,
            ),
        ),
        # "the Adam Kolo neighbourhood", "Haylan village", "Aliabad district"
        ("noun-after", re.compile(rf"(?P<name>{_NAME}) (?P<noun>(?i:{nouns}))\b")),
        # "the village of Haylan", "the district of Karrada" (not "Karrada district of
        # Baghdad": there the noun belongs to the name before it)
        ("noun-before", re.compile(rf"\b[Tt]he (?P<noun>(?i:{nouns})) of (?P<name>{_NAME})")),
    )
    titles = "|".join(re.escape(t) for t in sorted(raw["person_titles"], key=len, reverse=True))
    verbs = "|".join(raw["victim_verb_stems"])
    person = r"[A-Z][a-z'’]+(?:[ -](?:[A-Z][a-z'’]+|al-[A-Z][a-z'’]+)){1,2}"
    end = r"(?=[,.;:)]| (?:with|in|at|on|and|near|outside|who|from|as|while|after|was)\b|$)"
    person_res = (
        # "attacked the party's deputy chairman Ali Veli", "killed a judge, Ali Veli,"
        re.compile(
            rf"\b(?:{verbs})\w*\b[^.;:,]{{0,80}}?\b(?i:{titles})s?,? (?P<name>{person}){end}"
        ),
        # "killed Ali Veli, a judge"
        re.compile(rf"\b(?:{verbs})\w*(?: dead)?,? (?P<name>{person}), (?:a|an|the) "),
    )

    def words_re(words: list[str]) -> re.Pattern[str]:
        alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return re.compile(rf"\b(?:{alts})\b")

    return DetailRules(
        device_words=frozenset(raw["device_words"]),
        disrupted=words_re(raw["disrupted_words"]),
        went_off=words_re(raw["went_off_words"]),
        person_res=person_res,
        verb_probe=re.compile("|".join(re.escape(v.lower()) for v in raw["victim_verb_stems"])),
        titles=frozenset(w.lower() for t in raw["person_titles"] for w in t.split()),
        link_classes=frozenset(raw["link_classes"]),
        target_classes=phrases,
        target_partners={k: frozenset(v) for k, v in partners.items()},
        locality_nouns=loc,
        weak_nouns=frozenset(raw["weak_locality_nouns"]),
        district_nouns=dist,
        not_names=frozenset(w.lower() for w in raw["not_names"]),
        similar=float(raw["name_similarity"]),
        cased=cased,
        starts=_starts(phrases),
        start_forms=frozenset(w + e for w in _starts(phrases) for e in ("", "s", "es")),
        nouns=frozenset(_TOKEN.findall(" ".join(loc + dist).lower())),
        area_res=area_res,
    )


def _fold(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=4096)
def normalise_name(name: str) -> str:
    """A place name for comparing spellings: no accents, case, hyphens or particles
    ("Qala-e-Wahid" -> "qala wahid", "Al-Asfali" -> "asfali")."""
    words = re.split(r"[\s\-'’]+", _fold(name))
    return " ".join(_ORDINALS.get(w, w) for w in words if w and w not in _DROP)


def _targets(words: list[str], low: list[str], rules: DetailRules) -> frozenset[str]:
    """Target classes of the vocabulary phrases in a sentence, longest phrase first at each
    word ("police checkpoint" before "checkpoint"; "car bomb" is a means, not a car);
    "check-point" reads as "check point", plurals as singulars. A word counts in lower case
    or capitalised ("Mosque", "Air Base"), not in capitals unless the vocabulary writes it
    so: "CAR" is not a car. (Word n-grams looked up in a dict: a regular expression
    alternating over every phrase took several times longer.)"""
    classes, starts, found = rules.target_classes, rules.starts, set()
    i, n = 0, len(words)
    while i < n:
        w = low[i]
        if w not in rules.start_forms:  # most words open no phrase
            i += 1
            continue
        longest = starts.get(w) or starts.get(w[:-1]) or starts.get(w[:-2]) or 1
        step = 1
        for size in range(min(longest, n - i), 0, -1):
            key = " ".join(low[i : i + size]) if size > 1 else low[i]
            cls = classes.get(key)
            if cls is None and key.endswith("s"):
                cls = classes.get(key[:-1])
                if cls is None and key.endswith("es"):
                    cls = classes.get(key[:-2])
            if cls is not None and all(
                x.islower() or x.istitle() or x in rules.cased for x in words[i : i + size]
            ):
                if cls:
                    found.add(cls)
                step = size
                break
        i += step
    return frozenset(found)


def _clean_name(name: str, rules: DetailRules) -> str | None:
    words = name.split()
    for i, w in enumerate(words[:-1]):
        if w.endswith(("'s", "’s")):
            words = words[i + 1 :]  # "Mosul's al-Zanjili district" names al-Zanjili
            break
    while words and words[0].lower() in rules.not_names:
        words = words[1:]
    if not words:
        return None
    norm = normalise_name(" ".join(words))
    return norm or None


def _named(
    sentence: str,
    place: tuple[int, int] | None,
    place_name: str,
    rules: DetailRules,
    seen: set[str],
) -> Named:
    """Localities, districts and persons named. ``seen``: the sentence's words, lower
    case (each pattern runs only on sentences holding one of its words: most hold none)."""
    nouns = not rules.nouns.isdisjoint(seen)
    out: dict[str, set[str]] = {}
    town = normalise_name(place_name) if place_name else ""
    low = sentence.lower()
    for kind, rx in rules.area_res:
        if not nouns or (kind == "locality" and "district" not in seen):
            continue
        for m in rx.finditer(sentence):
            if kind == "locality":
                num = m.group("num") or m.group("ord") or _ORDINALS[m.group("word").lower()]
                out.setdefault("locality", set()).add(f"district {num}")
                continue
            name = _clean_name(m.group("name"), rules)
            noun = m.group("noun").lower()
            if name is None or name.endswith("police") or re.search(r"\w['’]s$", m.group("name")):
                continue  # "Police District 5" is read above; "Sirte's District 1" too
            if noun in rules.weak_nouns and kind == "noun-after":
                follows = sentence[m.end() : m.end() + 4]
                if not (follows.startswith(",") or follows == " of "):
                    continue  # "the Mosul area" is a region, not a part of a town
            if noun in rules.locality_nouns and not (
                town and names_match(name, town, rules.similar)
            ):
                out.setdefault("locality", set()).add(name)
            elif noun in rules.district_nouns:
                out.setdefault("district", set()).add(name)
    if place is not None:
        # "in Bolan, Lashkar Gah": a name just before ", <the claim's town>" lies in it
        m = _BEFORE.search(sentence, max(0, place[0] - 80), place[0])
        if m:
            name = _clean_name(m.group("name"), rules)
            if (
                name
                and not name.endswith("police")
                and not (town and names_match(name, town, rules.similar))
            ):
                last = name.split()[-1]
                if last not in rules.district_nouns and last not in rules.locality_nouns:
                    out.setdefault("locality", set()).add(name)
    # a victim verb, and a title ("the judge X") or an apposition ("X, a judge")
    persons = rules.verb_probe.search(low) is not None and (
        not rules.titles.isdisjoint(seen) or ", a" in low or ", the " in low
    )
    for rx in rules.person_res if persons else ():
        for m in rx.finditer(sentence):
            words = m.group("name").split()
            while len(words) > 1 and words[0].lower() in rules.titles:
                words = words[1:]  # "Deputy Chairman Ali Veli" names Ali Veli
            if not any(w.lower() in rules.not_names for w in words):
                out.setdefault("person", set()).add(normalise_name(" ".join(words)))
    return tuple(sorted((k, tuple(sorted(v))) for k, v in out.items()))


@lru_cache(maxsize=1 << 15)
def _read(
    sentence: str, place: tuple[int, int] | None, place_name: str, rules: DetailRules
) -> Details:
    # Most sentences hold no word that opens a target phrase or names an area, which
    # one set test over the sentence's words settles.
    lowered = sentence.lower()
    words, low = _TOKEN.findall(sentence), _TOKEN.findall(lowered)
    if len(low) != len(words):  # a letter whose lower case is two ("İ")
        low = [w.lower() for w in words]
    seen = set(low)
    targets = frozenset() if rules.start_forms.isdisjoint(seen) else _targets(words, low, rules)
    named = _named(sentence, place, place_name, rules, seen)
    outcome = None if rules.device_words.isdisjoint(seen) else _device_outcome(lowered, rules)
    if outcome is not None:
        named = tuple(sorted((*named, ("device", (outcome,)))))
    if not targets and not named:
        return NO_DETAILS
    return Details(targets, named)


def _device_outcome(lowered: str, rules: DetailRules) -> str | None:
    """ "went off" when the sentence tells of a blast or of casualties, "defused" when it
    tells only of the device's disruption, None when it tells neither. Kept with the
    names (kind "device"): two claims whose outcomes differ stay apart."""
    if rules.went_off.search(lowered):
        return "went off"
    return "defused" if rules.disrupted.search(lowered) else None


def read_details(
    sentence: str,
    place: tuple[int, int] | None = None,
    place_name: str = "",
    rules: DetailRules | None = None,
) -> Details:
    """The targets, areas and persons a sentence states. ``place`` is the span of the
    claim's place name in the sentence (when the sentence holds it) and ``place_name``
    its gazetteer name: a name just before ", <place>" is a locality in it."""
    if rules is None:
        from fogofwar.triangulate.rules import default_tolerances

        rules = default_tolerances().details
    return _read(sentence, place, place_name, rules)


def names_match(a: str, b: str, threshold: float) -> bool:
    """Two normalised names are one place: equal, one inside the other ("kaleri" and
    "kaleri ward"), or spellings alike (difflib ratio >= threshold), with equal numbers
    ("police district 1" is not "police district 10")."""
    if a == b:
        return True
    if re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return False
    if f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    x, y = sorted((a.replace(" ", ""), b.replace(" ", "")))  # ratio() is not symmetric
    return SequenceMatcher(None, x, y).ratio() >= threshold


def targets_differ(a: frozenset[str], b: frozenset[str], rules: DetailRules) -> bool:
    """Both state a target and no class of one is (or may be) a class of the other."""
    if not a or not b or a & b:
        return False
    partners = rules.target_partners
    return not any(partners.get(t, frozenset((t,))) & b for t in a)


def named_differ(a: Named, b: Named, threshold: float) -> bool:
    """Both name something of one kind (locality, district, person) and no name of that
    kind matches."""
    if not a or not b:
        return False
    other = dict(b)
    for kind, names in a:
        theirs = other.get(kind)
        if theirs and not any(names_match(x, y, threshold) for x in names for y in theirs):
            return True
    return False


def details_differ(a: Details, b: Details, rules: DetailRules) -> bool:
    """Whether two claims' stated targets or names show two distinct incidents."""
    return targets_differ(a.targets, b.targets, rules) or named_differ(
        a.named, b.named, rules.similar
    )
