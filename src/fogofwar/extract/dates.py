"""Date expressions resolved against the publication date (stage ``dates.v1``).

Each expression becomes a ``DateMention`` with the earliest and latest day it can mean and
a precision (day, week, month, year, range). Precompiled regexes handle the forms news and
NGO prose use; ``dateparser`` was measured at ~1 ms per call and is not needed for them.

Rules that are decisions, not syntax:

* A day and month without a year ("23 May") takes the publication year, or the year before
  when that would put it after publication, unless the clause is phrased as future
  ("will be held on 3 June").
* "on Monday" is the latest Monday on or before publication; "last Monday" is strictly before.
* Without a publication date, only expressions that carry their own year resolve; the rest
  are left out and one warning is added to ``AnnotatedDoc.warnings``.
* Bare numbers are never dates: a year needs a preposition ("in 2011"), a numeric date
  needs slashes ("01/01/2021"), so "1,206", "68,000", "Resolution 2254" and "10:30" pass.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from fogofwar.extract.sentences import starts as sentence_starts
from fogofwar.model import AnnotatedDoc, DateMention, DatePrecision, build, evolve

STAGE = "dates.v1"
NO_PUBLISHED_WARNING = "dates.v1: no publication date; relative dates were not resolved"

_MONTHS = (
    {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
    | {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?![a-z])"
)
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d(?![\d,.]\d)"
_FUTURE = re.compile(
    r"\b(?:will|would|shall|scheduled|planned|plans?|due|expected|set to|upcoming|next)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Resolved:
    first: date
    last: date
    precision: DatePrecision


class _Ctx(NamedTuple):  # a tuple: one is built per date expression
    published: date | None
    text: str
    start: int  # where the match starts, to look back for future phrasing
    anchor: date | None = None  # the last date with a stated year earlier in the text


Handler = Callable[[re.Match[str], _Ctx], Resolved | None]


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


@lru_cache(maxsize=1024)  # Resolved is immutable; calendar.monthrange is not cheap
def _month_range(y: int, m: int) -> Resolved:
    return Resolved(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month")


def _year_range(y: int) -> Resolved:
    return Resolved(date(y, 1, 1), date(y, 12, 31), "year")


def _is_future(ctx: _Ctx) -> bool:
    return bool(_FUTURE.search(ctx.text, max(0, ctx.start - 40), ctx.start))


def _infer_year(m: int, d: int, ctx: _Ctx) -> int | None:
    """The year for a day-month with none stated: not after publication unless future.

    After an explicit date ("On 28 April 2020 (from 27 - 28 April)") the year nearest to
    that date wins, since reports restate the event date before detailing it.
    """
    if ctx.anchor is not None:
        a = ctx.anchor
        return min((a.year - 1, a.year, a.year + 1), key=lambda y: abs((date(y, m, 1) - a).days))
    if ctx.published is None:
        return None
    y = ctx.published.year
    when = _day(y, m, min(d, 28)) if d else date(y, m, 1)
    if when and when > ctx.published and not _is_future(ctx):
        return y - 1
    return y


def _resolve_ymd(y: int | None, m: int, d: int, ctx: _Ctx) -> Resolved | None:
    year = y if y is not None else _infer_year(m, d, ctx)
    if year is None:
        return None
    day = _day(year, m, d)
    return Resolved(day, day, "day") if day else None


def _numeric(mt: re.Match[str], ctx: _Ctx) -> Resolved | None:
    """MM/DD/YYYY (GTD, US); DD/MM/YYYY when the first part cannot be a month."""
    a, b, y = int(mt["a"]), int(mt["b"]), int(mt["y"])
    month, day = (b, a) if a > 12 else (a, b)
    if not 1 <= month <= 12:
        return None
    if day == 0:  # GTD writes an unknown day as 00
        return _month_range(y, month)
    return _resolve_ymd(y, month, day, ctx)


def _iso(mt: re.Match[str], ctx: _Ctx) -> Resolved | None:
    return _resolve_ymd(int(mt["y"]), int(mt["m"]), int(mt["d"]), ctx)


def _day_month(mt: re.Match[str], ctx: _Ctx) -> Resolved | None:
    y = int(mt["y"]) if mt["y"] else None
    return _resolve_ymd(y, _month(mt["mon"]), int(mt["d"]), ctx)


def _day_range(mt: re.Match[str], ctx: _Ctx) -> Resolved | None:
    """'2-3 May', 'the night of 2-3 May 2016', 'between 30 April and 2 May', 'May 2-3';
    '25 or 26 May' (either day) is the two-day range too."""
    m2 = _month(mt["mon2"])
    m1 = _month(mt["mon1"]) if mt["mon1"] else m2
    y2 = int(mt["y"]) if mt["y"] else _infer_year(m2, int(mt["d2"]), ctx)
    if y2 is None:
        return None
    y1 = y2 - 1 if m1 > m2 else y2
    first, last = _day(y1, m1, int(mt["d1"])), _day(y2, m2, int(mt["d2"]))
    if not first or not last or last < first:
        return None
    return Resolved(first, last, "range")


def _month_year(mt: re.Match[str], ctx: _Ctx) -> Resolved | None:
    return _month_range(int(mt["y"]), _month(mt["mon"]))


def _month_only(mt: re.Match[str], ctx: _Ctx) -> Resolved | None:
    m = _month(mt["mon"])
    y = _infer_year(m, 0, ctx)
    if y is None:
        return None
    if mt["pre"].lower() == "since" and ctx.published:
        return Resolved(date(y, m, 1), ctx.published, "range")
    return _month_range(y, m)


def _year(mt: re.Match[str], ctx: _Ctx) -> Resolved | None:
    y = int(mt["y"])
    if mt["pre"].lower() == "since":
        if ctx.published is None or ctx.published.year < y:
            return None
        return Resolved(date(y, 1, 1), ctx.published, "range")
    return _year_range(y)


def _weekday(mt: re.Match[str], ctx: _Ctx) -> Resolved | None:
    if ctx.published is None:
        return None
    last = (mt["pre"] or "").lower() == "last"
    return _weekday_before(ctx.published, _WEEKDAYS[mt["wd"].lower()], last)


@lru_cache(maxsize=1024)  # a report names few weekdays, often the same one again
def _weekday_before(published: date, weekday: int, strictly: bool) -> Resolved:
    """The latest ``weekday`` on or (``strictly``) before ``published``."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly:
        back = 7
    day = published - timedelta(days=back)
    return Resolved(day, day, "day")


def _days_back(first: int, last: int, precision: DatePrecision) -> Handler:
    """A relative expression covering ``published - first`` .. ``published - last`` days."""

    def handler(mt: re.Match[str], ctx: _Ctx) -> Resolved | None:
        if ctx.published is None:
            return None
        p = ctx.published
        return Resolved(p - timedelta(days=first), p - timedelta(days=last), precision)

    return handler


def _calendar_rel(unit: str, shift: int, upto_pub: bool = False) -> Handler:
    """'last week' / 'last month' / 'last year' / 'earlier this month' (to publication)."""

    def handler(mt: re.Match[str], ctx: _Ctx) -> Resolved | None:
        if ctx.published is None:
            return None
        r = _calendar_unit(ctx.published, unit, shift)
        return Resolved(r.first, ctx.published, "range") if upto_pub else r

    return handler


def _calendar_unit(p: date, unit: str, shift: int) -> Resolved:
    if unit == "week":
        monday = p - timedelta(days=p.weekday()) + timedelta(weeks=shift)
        return Resolved(monday, monday + timedelta(days=6), "week")
    if unit == "month":
        y, m = divmod(p.year * 12 + p.month - 1 + shift, 12)
        return _month_range(y, m + 1)
    return _year_range(p.year + shift)


@lru_cache(maxsize=256)  # the words of _N ("two", "a few", "12"): few, and parsed the same
def _ago_count(word: str) -> int | None:
    from fogofwar.extract.numbers import parse_number

    q = parse_number(word) if word.lower() not in ("a", "an") else None
    return 1 if q is None else q.best


def _ago(mt: re.Match[str], ctx: _Ctx) -> Resolved | None:
    """'two years ago' (year), 'three days ago' (day), 'a month ago' (month)."""
    if ctx.published is None:
        return None
    n = _ago_count(mt["n"])
    if n is None or n > 200:
        return None
    unit = mt["unit"].lower().rstrip("s")
    if unit == "day":
        day = ctx.published - timedelta(days=n)
        return Resolved(day, day, "day")
    if unit == "week":
        mid = ctx.published - timedelta(weeks=n)
        return Resolved(mid - timedelta(days=3), mid + timedelta(days=3), "week")
    return _calendar_unit(ctx.published, unit, -n)


_N = r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few)"

# Each rule: pattern, handler, the trigger family that can start it, and how many words
# before the trigger it may start (so "between 30 April and 2 May" is tried from "between").
_RULES: tuple[tuple[str, Handler, str, int], ...] = (
    (r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})\b", _numeric, "slash", 1),
    (r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", _iso, "iso", 1),
    (
        rf"\b(?:(?:on )?the nights? of |between |from )?(?P<d1>\d{{1,2}}){_ORD}"
        rf"(?: (?P<mon1>{_MONTH}))?\s*(?:-|–|to|and|or)\s*(?P<d2>\d{{1,2}}){_ORD} "
        rf"(?P<mon2>{_MONTH})(?:,? (?P<y>{_YEAR}))?",
        _day_range,
        "month",
        8,
    ),
    (
        rf"\b(?P<mon2>{_MONTH}) (?P<d1>\d{{1,2}}){_ORD}\s*(?:-|–)\s*(?P<d2>\d{{1,2}}){_ORD}\b"
        rf"(?P<mon1>)(?:,? (?P<y>{_YEAR}))?",
        _day_range,
        "month",
        1,
    ),
    (
        rf"\b(?P<d>\d{{1,2}}){_ORD}(?: of)? (?P<mon>{_MONTH})(?:,? (?P<y>{_YEAR}))?",
        _day_month,
        "month",
        3,
    ),
    (
        rf"\b(?P<mon>{_MONTH}) (?P<d>\d{{1,2}}){_ORD}\b(?![:,]?\d)(?:,? (?P<y>{_YEAR}))?",
        _day_month,
        "month",
        1,
    ),
    (rf"\b(?P<mon>{_MONTH}),? (?:of )?(?P<y>{_YEAR})", _month_year, "month", 1),
    (
        rf"\b(?P<pre>[Ii]n|[Dd]uring|[Ss]ince|[Uu]ntil|[Bb]y|[Ee]arly|[Ll]ate|[Mm]id-?|[Ll]ast)"
        rf" (?P<mon>{_MONTH})(?! \d)",
        _month_only,
        "month",
        2,
    ),
    (
        rf"\b(?P<pre>in|during|since|until|by|throughout|from|early|late|mid-?|end of)"
        rf"(?: (?:early|late|mid-?|the (?:year|summer|winter|spring|autumn|fall) of))?"
        rf" (?P<y>{_YEAR})\b",
        _year,
        "year",
        5,
    ),
    (
        rf"\b(?:(?P<pre>on|last|this|since) (?:the night of )?)?(?P<wd>{_WEEKDAY})\b",
        _weekday,
        "weekday",
        4,
    ),
    (r"\bthe day before yesterday\b", _days_back(2, 2, "day"), "yesterday", 4),
    (r"\byesterday\b", _days_back(1, 1, "day"), "yesterday", 1),
    (r"\blast night\b", _days_back(1, 1, "day"), "night", 2),
    (r"\b(?:overnight|tonight)\b", _days_back(1, 0, "range"), "night", 1),
    (
        r"\b(?:today|this morning|this afternoon|this evening|earlier today)\b",
        _days_back(0, 0, "day"),
        "today",
        2,
    ),
    (
        r"\b(?:in )?(?:recent|the (?:past|last)) (?:few )?days\b",
        _days_back(7, 0, "range"),
        "days",
        4,
    ),
    (
        r"\b(?:in )?(?:recent|the (?:past|last)) (?:few )?weeks\b",
        _days_back(30, 0, "range"),
        "weeks",
        4,
    ),
    (
        r"\b(?:in )?(?:recent|the (?:past|last)) (?:few )?months\b",
        _days_back(183, 0, "range"),
        "months",
        4,
    ),
    (
        r"\b(?:in )?(?:recent|the (?:past|last)) (?:few )?years\b",
        _days_back(1096, 0, "range"),
        "years",
        4,
    ),
    (r"\blast week\b", _calendar_rel("week", -1), "weeks", 2),
    (r"\b(?:earlier )?this week\b", _calendar_rel("week", 0, upto_pub=True), "weeks", 3),
    (r"\blast month\b", _calendar_rel("month", -1), "months", 2),
    (r"\b(?:earlier )?this month\b", _calendar_rel("month", 0, upto_pub=True), "months", 3),
    (r"\blast year\b", _calendar_rel("year", -1), "years", 2),
    (r"\b(?:earlier )?this year\b", _calendar_rel("year", 0, upto_pub=True), "years", 3),
    (rf"\b{_N} (?P<unit>days?|weeks?|months?|years?) ago\b", _ago, "ago", 4),
)
# Month and weekday names must be capitalised ("may" is a verb), everything else is not case
# sensitive; those rules carry their own case alternatives above.
_COMPILED: tuple[tuple[re.Pattern[str], Handler, str, int], ...] = tuple(
    (re.compile(p, 0 if fam in ("month", "weekday") else re.IGNORECASE), h, fam, n)
    for p, h, fam, n in _RULES
)
_MONTH_KEYS = [m.lower() for m in calendar.month_name if m] + [
    f"{m.lower()}{sep}" for m in [*calendar.month_abbr[1:], "Sept"] for sep in (" ", ".")
]
# Trigger words found in one Aho-Corasick pass over the lower-cased text; a rule is only
# tried (anchored, never scanned) at word starts just before one of its triggers. Python's
# regex engine costs ~0.1 microseconds per character per pattern scanned, which 26 patterns
# over every document could not afford.
_FAMILIES: dict[str, list[str]] = {
    "month": _MONTH_KEYS,
    "weekday": [d.lower() for d in calendar.day_name],
    "slash": ["/"],
    "iso": ["-0", "-1"],
    "year": [" 19", " 20"],
    "yesterday": ["yesterday"],
    "night": ["night", "tonight", "overnight"],
    "today": ["today", "morning", "afternoon", "evening"],
    "ago": ["ago"],
}
# Every rule of a unit family ends in "<word> <unit>" with one of these words before the
# unit ("the past few days", "last week", "this year"), so the trigger is that word pair:
# "day", "week", "month" and "year" alone are common words that start no expression.
_UNIT_WORDS = ("recent", "past", "last", "few", "this")
for _unit in ("day", "week", "month", "year"):
    _FAMILIES[_unit + "s"] = [f"{w} {_unit}" for w in _UNIT_WORDS]
_INSIDE_WORD_OK = {"slash", "iso", "year"}


def _trigger_offset(key: str) -> int:
    """Where in ``key`` the trigger position lies: after a leading space or unit word."""
    if key[0] == " ":
        return 1
    return key.index(" ") + 1 if " " in key else 0


def _trigger_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for fam, keys in _FAMILIES.items():
        for k in keys:
            _, fams = auto.get(k, (0, ()))
            auto.add_word(k, (len(k) - _trigger_offset(k), (*fams, fam)))
    auto.make_automaton()
    return auto


_TRIGGERS = _trigger_automaton()
# One number per distinct pattern object (re.compile hands the same object back for the same
# pattern): with a word start ``s`` it keys ``tried`` as one int, ``s * _N_RULES + number``.
_RULE_NO: dict[int, int] = {}
for _rx, *_ in _COMPILED:
    _RULE_NO.setdefault(id(_rx), len(_RULE_NO))
_N_RULES = len(_RULE_NO)
_BY_FAMILY: dict[str, list[tuple[re.Pattern[str], Handler, int, int]]] = {}
for _rx, _h, _fam, _n in _COMPILED:
    _BY_FAMILY.setdefault(_fam, []).append((_rx, _h, _n, _RULE_NO[id(_rx)]))
_FAMILY_WORDS = {fam: max(r[2] for r in rules) for fam, rules in _BY_FAMILY.items()}


class _Hit(NamedTuple):
    start: int
    end: int
    handler: Handler
    match: re.Match[str]


# In the reversed text, from just left of a position: the rest of a word leftwards, then
# the whitespace before it.
_WORD_BACK = re.compile(r"(\S*)(\s*)")


def _word_starts(text: str, pos: int, n: int, rev: str) -> list[int]:
    r"""Starts (first alphanumeric) of the word holding ``pos`` and of the n-1 words before.

    ``rev`` is ``text`` reversed: one anchored match there finds a word's start and the
    whitespace before it, where walking left one character at a time in Python cost most of
    the stage. (\s and [^\W_] test characters as str.isspace and str.isalnum do.)
    """
    out: list[int] = []
    size = len(text)
    i = pos
    while len(out) < n and i >= 0:
        m = _WORD_BACK.match(rev, size - i)  # rev[size - i] is text[i - 1]
        j = start = size - m.end(1)
        while j < pos and not text[j].isalnum():
            j += 1
        out.append(j)
        # the last character of the word before (never before 0), or -1 at the text start
        i = (size - m.end() - 1 if m.end() < size else 0) if start else -1
    return out


def _lower(text: str) -> str:
    """``text`` lower-cased with its offsets kept (rare characters lower to longer strings)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(ch.lower()[0] for ch in text)


def _triggers(text: str) -> list[tuple[int, str]]:
    """(position, family) of every trigger word in ``text``."""
    low = _lower(text)
    out: list[tuple[int, str]] = []
    for end, (tail, fams) in _TRIGGERS.iter(low):
        pos = end - tail + 1  # the key's start, or where its unit word starts
        inside = pos > 0 and low[pos - 1].isalpha()
        for fam in fams:
            if not inside or fam in _INSIDE_WORD_OK:
                out.append((pos, fam))
    return out


def _candidates(text: str) -> list[_Hit]:
    """Anchored rule matches near triggers, then the leftmost-longest that do not overlap."""
    tried: set[int] = set()  # s * _N_RULES + rule number: rules tried at word start s
    hits: list[_Hit] = []
    starts: dict[int, list[int]] = {}  # word starts before a trigger, computed once
    rev = text[::-1]
    new = tuple.__new__  # skips the NamedTuple constructor's Python-level call
    for pos, fam in _triggers(text):
        need = _FAMILY_WORDS[fam]
        before = starts.get(pos)
        if before is None or len(before) < need:
            before = starts[pos] = _word_starts(text, pos, need, rev)
        for rx, h, n, r in _BY_FAMILY[fam]:
            # _word_starts(text, pos, n) is always a prefix of the longer list
            for s in before[:n]:
                key = s * _N_RULES + r
                if key in tried:
                    continue
                tried.add(key)
                m = rx.match(text, s)
                if m:
                    hits.append(new(_Hit, (m.start(), m.end(), h, m)))
    hits.sort(key=lambda h: (h.start, h.start - h.end))
    kept: list[_Hit] = []
    for h in hits:
        if not kept or h.start >= kept[-1].end:
            kept.append(h)
    return kept


_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")


def match(text: str, published: date | None) -> list[tuple[int, int, Resolved | None]]:
    """Pure matching: ``(start, end, Resolved)`` for every date expression in ``text``.

    ``Resolved`` is None where the expression needs a publication date that is missing.

    >>> match("On 27 April 2020, police ...", None)[0][2].first
    datetime.date(2020, 4, 27)
    """
    out: list[tuple[int, int, Resolved | None]] = []
    anchor: date | None = None
    new = tuple.__new__  # skips the NamedTuple constructor's Python-level call
    for start, end, handler, mt in _candidates(text):
        r = handler(mt, new(_Ctx, (published, text, start, anchor)))
        out.append((start, end, r))
        if r is not None and _YEAR_DIGITS.search(mt.group(0)):
            anchor = r.first
    return out


def run(ad: AnnotatedDoc, *, res: object = None) -> AnnotatedDoc:
    """Assign ``dates``; warn when relative dates could not be resolved."""
    text, doc = ad.doc.text, ad.doc
    starts = sentence_starts(ad.sentences)
    found = match(text, doc.published)
    mentions = []
    for a, b, r in found:
        if r is not None:
            k = bisect.bisect_right(starts, a) - 1
            mentions.append(_mention(doc.id, a, b, text[a:b], k if k > 0 else 0, r))
    warnings = ad.warnings
    if doc.published is None and any(r is None for _, _, r in found):
        warnings = (*warnings, NO_PUBLISHED_WARNING)
    return evolve(ad, dates=tuple(mentions), warnings=warnings)


def _mention(doc_id: str, a: int, b: int, text: str, sentence: int, r: Resolved) -> DateMention:
    """A ``DateMention``, filled in without the frozen dataclass's ``__init__`` (which sets
    its fields one ``object.__setattr__`` at a time); tests/test_dates.py checks it equals
    one ``__init__`` builds."""
    return build(
        DateMention, doc_id=doc_id, start=a, end=b, text=text, sentence=sentence,
        first=r.first, last=r.last, precision=r.precision, stage=STAGE,
    )  # fmt: skip
