"""Casualty and displacement figures (stage ``figures.v1``).

A figure is a counted noun phrase ("at least 12 civilians", "1-2 policemen", "a police
officer") tied to a cue of one kind (killed, injured, displaced, detained, abducted) in one
of four positions:

* subject:  "7 members of the same family were killed", "68,000 civilians fled", "5 dead"
* object:   "killing 3 militants and 1-2 policemen", "shot and killed a civilian"
* of-noun:  "the beheading of 21 Christians", "the deaths of 5 people"
* toll:     "the death toll rose to 40"

Coordinated phrases each give one ``Figure`` (so ``who`` stays distinguishable: the
perpetrators a report counts among the dead are ``who="perpetrators"``); callers add them
up with ``total()``. "An unknown number of ..." gives nothing; "no casualties were
reported" gives a zero for killed and injured; "X was killed" with no count gives one.
Qualifier semantics are a data table (``data/qualifiers.json``); word lists are in
``data/figure_lexicon.json``.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Generic, NamedTuple, TypeVar

import ahocorasick

from fogofwar.errors import ResourceError
from fogofwar.extract.numbers import Quantity, parse_number
from fogofwar.model import AnnotatedDoc, Figure, FigureKind, Sentence

STAGE = "figures.v1"
_KINDS: tuple[FigureKind, ...] = ("killed", "injured", "displaced", "detained", "abducted")
_SINGULAR_DET = frozenset({"a", "an", "one", "another", "the", "his", "her"})
_UNKNOWN = (
    "an unknown number of",
    "an unspecified number of",
    "unknown number of",
    "an undisclosed number of",
    "an undetermined number of",
    "unspecified number of",
)
_CONNECTOR_FIRST = frozenset({"as", ",", "and", "&", "plus"})
_GATE_EXTRA = ("nobody", "toll")
# Common words never stand for a phrase in the gate: "have fled" is gated on "fled", else
# every sentence with "have" would be parsed for nothing.
_GATE_WEAK = frozenset("have has had were was their them the of to from out".split())
_CONNECTORS = (("as", "well", "as"), (",", "and"), (",", "as", "well", "as"), ("and",),
               (",",), ("&",), ("plus",))  # fmt: skip


V = TypeVar("V")


@dataclass(frozen=True)
class PhraseTable(Generic[V]):
    """Multi-word phrases looked up at a token position, indexed by their first word."""

    phrases: dict[tuple[str, ...], V]
    lengths: dict[str, tuple[int, ...]]  # first word -> phrase lengths, longest first

    @classmethod
    def build(cls, phrases: dict[tuple[str, ...], V]) -> PhraseTable[V]:
        lengths: dict[str, set[int]] = {}
        for p in phrases:
            lengths.setdefault(p[0], set()).add(len(p))
        return cls(phrases, {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()})

    def at(self, toks: list[Tok], i: int, end: int | None = None) -> tuple[int, V | None]:
        """(length, value) of the longest phrase starting at token ``i`` (0 when none)."""
        end = len(toks) if end is None else end
        for n in self.lengths.get(toks[i].low, ()):
            if i + n <= end:
                v = self.phrases.get(tuple([t.low for t in toks[i : i + n]]))
                if v is not None:
                    return n, v
        return 0, None


@dataclass(frozen=True)
class FigureLexicon:
    """Word lists of the figures stage, loaded from ``data/`` by ``load_figure_lexicon``."""

    qualifiers: PhraseTable[str]  # phrase -> side (floor, ceiling, ...)
    cues: PhraseTable[tuple[FigureKind, str]]  # phrase -> (kind, form)
    unknown: PhraseTable[bool]
    active_only: frozenset[str]
    passive_only: frozenset[str]
    who: PhraseTable[str]
    persons: frozenset[str]
    not_persons: frozenset[str]
    plural_persons: frozenset[str]
    stop: frozenset[str]
    aux: frozenset[str]
    negation: re.Pattern[str]
    negation_kinds: dict[str, tuple[FigureKind, ...]]
    gate: ahocorasick.Automaton  # cue and negation words: sentences without one are skipped


def _read_json(name: str) -> dict:  # type: ignore[type-arg]
    try:
        return json.loads(resources.files("fogofwar.data").joinpath(name).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"fogofwar/data/{name} is unreadable: {exc}") from exc


def _negation_regex(nouns: Iterable[str]) -> re.Pattern[str]:
    alt = "|".join(sorted((re.escape(n) for n in nouns), key=len, reverse=True))
    lead = (
        r"\b(?:no|neither|nor|zero|without(?:\s+\w+ing)?(?:\s+any)?"
        r"|(?:not|n't|never)\s+(?:\w+\s+){0,3}?any)"
    )
    return re.compile(
        rf"{lead}\s+(?:other\s+|further\s+|reported\s+|immediate\s+|reports\s+of\s+)*"
        rf"(?P<noun>{alt})\b|\b(?P<none>no\s*one|nobody|none)\s+(?:\w+\s+){{0,2}}?"
        r"(?:was|were|has been|have been)\s+(?:\w+\s+)?(?P<verb>killed|injured|hurt|wounded)\b",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def load_figure_lexicon() -> FigureLexicon:
    """Load ``qualifiers.json`` and ``figure_lexicon.json`` from the package data."""
    q, lex = _read_json("qualifiers.json"), _read_json("figure_lexicon.json")
    try:
        cues: dict[tuple[str, ...], tuple[FigureKind, str]] = {}
        for kind, forms in lex["cues"].items():
            for form, phrases in forms.items():
                for p in phrases:
                    # "killed" is listed as verb and adjective: the first form (verb) wins,
                    # and the linker still reads "5 killed" as a subject count.
                    cues.setdefault(_words(p), (kind, form))
        neg = {k: tuple(v) for k, v in lex["negation_nouns"].items()}
        return FigureLexicon(
            qualifiers=PhraseTable.build({_words(k): v for k, v in q["qualifiers"].items()}),
            cues=PhraseTable.build(cues),
            unknown=PhraseTable.build({_words(u): True for u in _UNKNOWN}),
            active_only=frozenset(lex["active_only"]),
            passive_only=frozenset(lex["passive_only"]),
            who=PhraseTable.build(
                {_words(w): label for label, ws in lex["who"].items() for w in ws}
            ),
            persons=frozenset(lex["persons"]) | {w for ws in lex["who"].values() for w in ws},
            not_persons=frozenset(lex["not_persons"]),
            plural_persons=frozenset(lex["plural_persons"]),
            stop=frozenset(lex["stop_after_count"]),
            aux=frozenset(lex["aux"]),
            negation=_negation_regex(neg),
            negation_kinds=neg,  # type: ignore[arg-type]
            # the longest word of each phrase ("to death" -> "death", "has died" -> "died")
            gate=_gate_automaton(
                [_gate_word(p) for p in [*cues, *map(_words, neg)]] + list(_GATE_EXTRA)
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"figure lexicon is malformed ({exc}); check fogofwar/data") from exc


# ---------------------------------------------------------------- tokens and tagging

# Words, numbers with their inner punctuation ("1,206", "10:30", "01/01/2021" stay one token,
# so clock times and dates never look like counts), and the punctuation the linker reads.
_TOKEN = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*|\d[\d,.:/]*\d|\d|[,;:()&–-]")
_NUMBERISH = frozenset(
    "a an and half of to or - – dozen dozens score scores hundred hundreds thousand thousands "
    "million millions billion tens several few handful couple pair number numerous one two three "
    "four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety".split()
)
_A_NEXT = frozenset("dozen few number hundred thousand handful couple pair".split())


class Tok(NamedTuple):
    start: int
    end: int
    low: str  # lower-cased text ("#" for a number)
    cap: bool = False
    qty: Quantity | None = None


_new = tuple.__new__


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(m.group(0).lower() for m in _TOKEN.finditer(phrase))


def tokenize(text: str) -> list[Tok]:
    """Words, punctuation and whole number expressions ("1-2", "twenty-one", "dozens of")."""
    # tuple.__new__ skips the NamedTuple constructor's Python-level call (hot: every word)
    raw = [
        _new(Tok, (m.start(), m.end(), (g := m.group(0)).lower(), g[0].isupper(), None))
        for m in _TOKEN.finditer(text)
    ]
    out: list[Tok] = []
    i = 0
    while i < len(raw):
        w = raw[i].low
        # cheap pre-check: only digits and number words can start a number expression
        num = _number_at(text, raw, i) if w[0].isdigit() or w in _NUMBERISH or "-" in w else None
        if num is None:
            out.append(raw[i])
            i += 1
        else:
            out.append(num[0])
            i += num[1]
    return out


def _number_at(text: str, raw: list[Tok], i: int) -> tuple[Tok, int] | None:
    """The longest number expression starting at raw token ``i`` and its token count."""
    t = raw[i]
    if not (t.low[0].isdigit() or _numberish(t.low)) or t.low in ("and", "of", "to", "or"):
        return None
    if t.low in ("a", "an") and (i + 1 >= len(raw) or raw[i + 1].low not in _A_NEXT):
        return None
    if i and raw[i - 1].low == "no":  # "no one was hurt" is a negation, not a count
        return None
    run = 1
    while (
        i + run < len(raw)
        and run < 7
        and (_numberish(raw[i + run].low) or raw[i + run].low[0].isdigit())
    ):
        run += 1
    for n in range(run, 0, -1):
        last = raw[i + n - 1]
        q = _parse_cached(text[t.start : last.end])
        if q is not None and not (n == 1 and t.low in ("a", "an")):
            if _compound_adjective(raw, i + n):
                return None
            return Tok(t.start, last.end, "#", t.cap, q), n
    return None


def _numberish(word: str) -> bool:
    return word in _NUMBERISH or ("-" in word and all(w in _NUMBERISH for w in word.split("-")))


def _compound_adjective(raw: list[Tok], j: int) -> bool:
    """'a 40-km road', '3-day siege': a number glued to a unit by a hyphen is no count."""
    return j + 1 < len(raw) and raw[j].low == "-" and raw[j].start == raw[j - 1].end


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> Quantity | None:
    return parse_number(text)


# ---------------------------------------------------------------- counted phrases


class Item(NamedTuple):
    """One counted noun phrase: tokens ``[i, j)``; ``qty`` None for 'an unknown number'."""

    i: int
    j: int
    qty: Quantity | None
    qualifier: str | None
    side: str | None
    who: str | None


def _who(toks: list[Tok], i: int, j: int, lex: FigureLexicon) -> str | None:
    for k in range(i, j):
        n, label = lex.who.at(toks, k, j)
        if n:
            return label
    return None


def _tail(toks: list[Tok], i: int, lex: FigureLexicon) -> int:
    """End of the noun words after a count: stops at stop words, cues and punctuation."""
    j = i
    skipped = 0
    while j < len(toks) and j - i - skipped < 7:
        t = toks[j]
        after_of = j > i and toks[j - 1].low == "of" and t.low in ("the", "a", "an", "their")
        if t.low == "(" and j > i and j + 2 < len(toks) and toks[j + 2].low == ")":
            if toks[j + 1].cap:  # an acronym inside the noun phrase: "a Security (NDS) member"
                j += 3
                skipped += 3
                continue
        if (t.low in lex.stop and not after_of) or t.low == "#" or not t.low[0].isalpha():
            break
        if (
            t.low in lex.cues.lengths
            and lex.cues.at(toks, j)[0]
            and not (t.low == "dead" and j == i)
        ):
            break
        j += 1
    while j > i and toks[j - 1].low in ("of", "the", "a", "an", "their"):
        j -= 1  # "members of" alone: the "of" belongs to what follows
    return j


def _is_person_tail(toks: list[Tok], i: int, j: int, lex: FigureLexicon) -> bool | None:
    """True person noun, False thing/unit, None when the tail has no noun we know."""
    for t in toks[i:j]:
        w = t.low.lower()
        if w in lex.not_persons or w.endswith("-year-old") or w.endswith("-old"):
            return False
        if w in lex.persons or w.rstrip("s") in lex.persons:
            return True
    return None


def _count_item(toks: list[Tok], i: int, lex: FigureLexicon) -> Item | None:
    """'at least 12 civilians', '1-2 policemen', 'an unknown number of assailants'."""
    w = toks[i].low
    n_unknown = lex.unknown.at(toks, i)[0] if w in lex.unknown.lengths else 0
    if n_unknown:
        j = _tail(toks, i + n_unknown, lex)
        return Item(i, j, None, "unknown", None, _who(toks, i, j, lex))
    nq, side = lex.qualifiers.at(toks, i) if w in lex.qualifiers.lengths else (0, None)
    k = i + nq
    if k >= len(toks) or toks[k].qty is None:
        return None
    if _yearlike(toks, k):
        return None
    j = _tail(toks, k + 1, lex)
    j = _of_them(toks, j)
    if _is_person_tail(toks, k + 1, j, lex) is False:
        return None
    qual = " ".join(t.low for t in toks[i:k]) if nq else None
    return Item(i, j, toks[k].qty, qual, side, _who(toks, k + 1, j, lex))


def _of_them(toks: list[Tok], j: int) -> int:
    """Swallow 'of them' / 'of whom' right after a count ("killing 9 of them")."""
    if j + 1 < len(toks) and toks[j].low == "of" and toks[j + 1].low in ("them", "whom", "us"):
        return j + 2
    return j


def _yearlike(toks: list[Tok], k: int) -> bool:
    q = toks[k].qty
    prev = toks[k - 1].low if k else ""
    if prev in ("aged", "age", "resolution", "number", "no", "article", "route", "highway"):
        return True
    return q is not None and q.low == q.high and q.low is not None and 1900 <= q.low <= 2100


def _singular_item(toks: list[Tok], i: int, lex: FigureLexicon) -> Item | None:
    """'a police officer', 'one informant', 'the driver' (the head must be a person)."""
    if toks[i].low not in _SINGULAR_DET:
        return None
    j = _tail(toks, i + 1, lex)
    if j == i + 1 or _is_person_tail(toks, j - 1, j, lex) is not True:
        return None
    head = toks[j - 1].low
    if (head.endswith("s") and not head.endswith("ss")) or head in lex.plural_persons:
        return None  # a plural head: "the soldiers" is no count
    one = Quantity(1, 1, 1)
    return Item(i, j, one, None, None, _who(toks, i + 1, j, lex))


def _name_item(toks: list[Tok], i: int) -> Item | None:
    """A personal name in a list ("Sarakil and three others"): one person."""
    if not toks[i].cap:
        return None
    j = i
    while j < len(toks) and toks[j].cap and toks[j].low.isalpha():
        j += 1
    return Item(i, j, Quantity(1, 1, 1), None, None, None) if j - i <= 4 else None


def _item_at(toks: list[Tok], i: int, lex: FigureLexicon, *, names: bool) -> Item | None:
    item = _count_item(toks, i, lex) or _singular_item(toks, i, lex)
    if item is None and names:
        item = _name_item(toks, i)
    return item


# ", including the driver," / ", most of them women," between a count and its verb
_ASIDE_OPENERS = frozenset({"including", "most", "many", "mostly", "among", "all", "both"})


def _skip_parenthetical(toks: list[Tok], j: int) -> int:
    """Skip ', including the assailant,' or '(including ...)' after an item."""
    if j + 1 < len(toks) and toks[j].low in (",", "(") and toks[j + 1].low in _ASIDE_OPENERS:
        close = "," if toks[j].low == "," else ")"
        for k in range(j + 2, min(len(toks), j + 12)):
            if toks[k].low == close:
                return k + 1
    if j < len(toks) and toks[j].low == "(":
        for k in range(j + 1, min(len(toks), j + 8)):
            if toks[k].low == ")":
                return k + 1
    return j


def _connector(toks: list[Tok], j: int) -> int:
    if j >= len(toks) or toks[j].low not in _CONNECTOR_FIRST:
        return 0
    for c in _CONNECTORS:
        if tuple(t.low for t in toks[j : j + len(c)]) == c:
            return len(c)
    return 0


def _is_apposition(toks: list[Tok], prev: Item, nxt: Item) -> bool:
    """A bare personal name right after a one-person phrase and a comma, not followed by
    "and", renames that person."""
    if prev.qty is None or prev.qty.high != 1 or nxt.qualifier or nxt.who:
        return False
    if not all(t.cap for t in toks[nxt.i : nxt.j]) or nxt.qty != Quantity(1, 1, 1):
        return False
    return nxt.j >= len(toks) or toks[nxt.j].low != "and"


def item_list(toks: list[Tok], i: int, lex: FigureLexicon) -> tuple[list[Item], int]:
    """Coordinated items starting at ``i`` and the token index just after the list.

    A personal name counts as one person only inside a list that also has a counted
    phrase ("Sarakil and three others were killed"), never on its own.
    """
    first = _item_at(toks, i, lex, names=True)
    if first is None:
        return [], i
    items, j = [first], _skip_parenthetical(toks, first.j)
    while (n := _connector(toks, j)) and j + n < len(toks):
        nxt = _item_at(toks, j + n, lex, names=True)
        if nxt is None:
            break
        if toks[j].low == "," and n == 1 and _is_apposition(toks, items[-1], nxt):
            break  # "a security officer, Arash Siyar," names the officer: one person
        items.append(nxt)
        j = _skip_parenthetical(toks, nxt.j)
    if all(toks[it.i].cap and it.qualifier is None and it.who is None for it in items):
        if _name_item(toks, first.i) == first:
            return [], i
    return items, j


# ---------------------------------------------------------------- linking to cues


@dataclass(frozen=True)
class _Cue:
    i: int
    j: int
    kind: FigureKind
    form: str


def _cues(toks: list[Tok], lex: FigureLexicon) -> list[_Cue]:
    out: list[_Cue] = []
    first_words = lex.cues.lengths
    i = 0
    while i < len(toks):
        n, val = lex.cues.at(toks, i) if toks[i].low in first_words else (0, None)
        if n and val:
            out.append(_Cue(i, i + n, val[0], val[1]))
            i += n
        else:
            i += 1
    return out


def _aux_before(toks: list[Tok], i: int, lex: FigureLexicon) -> tuple[int, bool, bool]:
    """Walk left over auxiliaries/adverbs: (index of the first, any aux seen, singular)."""
    k, seen, singular = i, False, False
    while k > 0 and toks[k - 1].low in lex.aux and i - k < 6:
        k -= 1
        if toks[k].low in ("was", "were", "is", "are", "been", "be", "being", "got", "get"):
            seen = True
            singular = singular or toks[k].low in ("was", "is") or _has_been(toks, k)
    return k, seen, singular


def _has_been(toks: list[Tok], k: int) -> bool:
    return toks[k].low == "been" and k > 0 and toks[k - 1].low == "has"


def _trim_and(toks: list[Tok], k: int, i: int) -> int:
    """Do not let 'and' join a new subject: 'killed and four officers were injured'."""
    for m in range(i - 1, k - 1, -1):
        if toks[m].low == "and" and (m == k or toks[m - 1].low not in ("shot", "stabbed")):
            return m + 1
    return k


def _list_ending_at(lists: dict[int, tuple[int, list[Item]]], end: int) -> list[Item] | None:
    hit = lists.get(end)
    return hit[1] if hit else None


def _link(
    toks: list[Tok], cue: _Cue, lists: dict[int, tuple[int, list[Item]]], lex: FigureLexicon
) -> tuple[list[Item], str] | None:
    """The items a cue counts and how they were found (subject/object/of/singular)."""
    word = " ".join(t.low for t in toks[cue.i : cue.j])
    k, has_aux, singular = _aux_before(toks, cue.i, lex)
    k = _trim_and(toks, k, cue.i) if has_aux else k
    before = _list_ending_at(lists, k)
    if cue.form in ("noun", "ing") and cue.j < len(toks) and toks[cue.j].low == "of":
        return _after(toks, cue.j + 1, lex), "of"
    if cue.form in ("adj", "noun", "intrans") or has_aux:
        if before and word not in lex.active_only:
            return before, "subject"
        if has_aux and singular and cue.form == "verb":
            return [], "singular"
        if cue.form != "verb":
            return None
    if has_aux or word in lex.passive_only:
        return None
    after = _after(toks, cue.j, lex)
    if after:
        return after, "object"
    return (before, "subject") if before and cue.form == "verb" else None


def _after(toks: list[Tok], i: int, lex: FigureLexicon) -> list[Item]:
    while i < len(toks) and toks[i].low in ("also", "reportedly", "allegedly", "up", "off"):
        i += 1
    return item_list(toks, i, lex)[0] if i < len(toks) else []


def _toll(toks: list[Tok], i: int, lex: FigureLexicon) -> list[Item]:
    """'death toll rose to 40' / 'toll of at least 12': the first count within 6 tokens."""
    for k in range(i, min(len(toks), i + 6)):
        items = item_list(toks, k, lex)[0]
        if items:
            return items[:1]
    return []


def _all_lists(toks: list[Tok], lex: FigureLexicon) -> dict[int, tuple[int, list[Item]]]:
    """Every maximal item list, keyed by the token index where it ends."""
    out: dict[int, tuple[int, list[Item]]] = {}
    quals, unknown = lex.qualifiers.lengths, lex.unknown.lengths
    i = 0
    while i < len(toks):
        t, w = toks[i], toks[i].low
        # inline pre-check (hot: every token of a cue sentence); _may_start_item decides
        if (
            not t.cap
            and w != "#"
            and w not in _SINGULAR_DET
            and w not in quals
            and (w not in unknown)
        ):
            i += 1
            continue
        if not _may_start_item(t, toks[i + 1] if i + 1 < len(toks) else None, lex):
            i += 1
            continue
        items, j = item_list(toks, i, lex)
        if items:
            out[j] = (i, items)
            out.setdefault(items[-1].j, (i, items))
            i = j
        else:
            i += 1
    return out


def _may_start_item(t: Tok, nxt: Tok | None, lex: FigureLexicon) -> bool:
    """Cheap filter: a count, qualifier, determiner, or a name followed by "and"."""
    w = t.low
    return (
        w == "#" or w in _SINGULAR_DET or w in lex.qualifiers.lengths or w in lex.unknown.lengths
        or (t.cap and nxt is not None and nxt.low == "and")
    )  # fmt: skip


# ---------------------------------------------------------------- figures


def bounds(qty: Quantity, side: str | None) -> tuple[int | None, int | None, int | None]:
    """(low, best, high) for a quantity under a qualifier side from ``qualifiers.json``."""
    if side == "floor":
        return qty.low, qty.low, None
    if side == "ceiling":
        return None, qty.high, qty.high
    if side == "below":
        return None, None, qty.high
    if side == "near":
        return None, qty.best, qty.high
    if side == "approx":
        return None, qty.best, None
    return qty.low, qty.best, qty.high


def _figure(
    sent: Sentence, toks: list[Tok], item: Item, kind: FigureKind, base: int
) -> Figure | None:
    if item.qty is None:
        return None
    a, b = toks[item.i].start + base, toks[item.j - 1].end + base
    low, best, high = bounds(item.qty, item.side)
    qual = item.qualifier or (_vague_word(sent.text, toks, item) if item.qty.vague else None)
    text = sent.text[a - base : b - base]
    return Figure(sent.doc_id, a, b, text, sent.index, kind, low, best, high, qual, item.who)


def _vague_word(text: str, toks: list[Tok], item: Item) -> str:
    t = next(t for t in toks[item.i : item.j] if t.qty is not None)
    word = text[t.start : t.end].lower()
    return word[:-3] if word.endswith(" of") else word


def _singular(sent: Sentence, toks: list[Tok], cue: _Cue, lex: FigureLexicon) -> Figure:
    k, _, _ = _aux_before(toks, cue.i, lex)
    a, b = toks[k].start, toks[cue.j - 1].end
    who = _who(toks, max(0, k - 6), k, lex)
    base = sent.start
    return Figure(
        sent.doc_id, a + base, b + base, sent.text[a:b], sent.index, cue.kind, 1, 1, 1, None, who
    )


def _negations(sent: Sentence, lex: FigureLexicon) -> list[Figure]:
    """'no casualties were reported' -> zero killed and zero injured."""
    out: list[Figure] = []
    for m in lex.negation.finditer(sent.text):
        if re.search(
            r"\b(?:unknown|unclear|not known)\b", sent.text[max(0, m.start() - 30) : m.start()]
        ):
            continue
        noun = (m["noun"] or "").lower()
        kinds = lex.negation_kinds.get(noun) or (
            ("killed",) if m["verb"] and m["verb"].lower() == "killed" else ("injured",)
        )
        a, b = m.start() + sent.start, m.end() + sent.start
        out.extend(
            Figure(sent.doc_id, a, b, m.group(0), sent.index, k, 0, 0, 0, "none") for k in kinds
        )
    return out


def match_sentence(sent: Sentence, lex: FigureLexicon) -> list[Figure]:
    """All figures in one sentence (pure)."""
    toks = tokenize(sent.text)
    lists = _all_lists(toks, lex)
    used: set[int] = set()
    out: list[Figure] = []
    for cue in _cues(toks, lex):
        linked = _link(toks, cue, lists, lex)
        if linked is None:
            continue
        items, how = linked
        if how == "singular":
            if not _negated_subject(toks, cue, lex):
                out.append(_singular(sent, toks, cue, lex))
            continue
        for it in items:
            if it.i in used:
                continue
            used.add(it.i)
            fig = _figure(sent, toks, it, cue.kind, sent.start)
            if fig is not None:
                out.append(fig)
    out.extend(_death_toll(sent, toks, lex, used))
    out.extend(_inclusions(sent, toks, lex, used, out))
    return out + _negations(sent, lex)


SUBCOUNT = "including"  # qualifier of a sub-count: already inside another figure's total


def _inclusions(
    sent: Sentence, toks: list[Tok], lex: FigureLexicon, used: set[int], found: list[Figure]
) -> list[Figure]:
    """ "1,206 civilians were killed by X, including 7 members of one family": the items after
    ", including" are a sub-count of the figure before, of the same kind. They are kept
    (qualifier ``including``) but never added to totals."""
    out: list[Figure] = []
    for k, t in enumerate(toks):
        if t.low != "including" or k == 0 or toks[k - 1].low not in (",", "("):
            continue
        prev = [f for f in found if f.end <= t.start + sent.start]
        if not prev:
            continue
        items, _ = item_list(toks, k + 1, lex)
        for it in items:
            fig = None if it.i in used else _figure(sent, toks, it, prev[-1].kind, sent.start)
            if fig is not None and it.qty is not None and not it.qty.vague:
                used.add(it.i)
                out.append(replace(fig, qualifier=SUBCOUNT))
    return out


def _negated_subject(toks: list[Tok], cue: _Cue, lex: FigureLexicon) -> bool:
    k, _, _ = _aux_before(toks, cue.i, lex)
    prev = " ".join(t.low for t in toks[max(0, k - 2) : k])
    return bool(re.search(r"\b(?:no one|nobody|none|no)$", prev))


def _death_toll(
    sent: Sentence, toks: list[Tok], lex: FigureLexicon, used: set[int]
) -> list[Figure]:
    out: list[Figure] = []
    for i, t in enumerate(toks):
        if t.low == "toll" and i and toks[i - 1].low in ("death", "casualty"):
            for it in _toll(toks, i + 1, lex):
                if it.i not in used:
                    used.add(it.i)
                    fig = _figure(sent, toks, it, "killed", sent.start)
                    out += [fig] if fig else []
    return out


def _gate_word(phrase: tuple[str, ...]) -> str:
    """The word a phrase is gated on: its longest word that is not a common one."""
    return max(phrase, key=lambda w: (w not in _GATE_WEAK, len(w)))


def _gate_automaton(words: Iterable[str]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for w in set(words):
        auto.add_word(w, w)
    auto.make_automaton()
    return auto


def cue_sentences(ad: AnnotatedDoc, lex: FigureLexicon) -> list[Sentence]:
    """The sentences holding a whole-word cue or negation word (one pass over the text).

    Parsing is the costly part, and in ordinary news most sentences hold no figure.
    """
    low = ad.doc.text.lower()
    if len(low) != len(ad.doc.text):  # a few Unicode capitals change length when lowered
        return list(ad.sentences)
    starts = [s.start for s in ad.sentences]
    hit: set[int] = set()
    for end, word in lex.gate.iter(low):
        a = end - len(word) + 1
        if (a == 0 or not low[a - 1].isalpha()) and not low[end + 1 : end + 2].isalpha():
            hit.add(bisect.bisect_right(starts, a) - 1)
    return [ad.sentences[i] for i in sorted(hit) if i >= 0]


def run(ad: AnnotatedDoc, *, res: object = None) -> AnnotatedDoc:
    """Assign ``figures``."""
    lex = getattr(res, "figures", None) or load_figure_lexicon()
    figs = tuple(f for s in cue_sentences(ad, lex) for f in match_sentence(s, lex))
    return replace(ad, figures=figs)


def total(figures: Iterable[Figure], kind: FigureKind) -> int | None:
    """Sum of ``best`` (else ``low``) over figures of one kind; None when there are none."""
    vals = [
        f.best if f.best is not None else f.low
        for f in figures
        if f.kind == kind and f.qualifier != SUBCOUNT
    ]
    known = [v for v in vals if v is not None]
    return sum(known) if known else None
