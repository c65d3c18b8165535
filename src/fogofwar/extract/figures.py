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

One person without a count: the object of a killing, wounding, abducting or arresting verb
is a person, so any one-person phrase there counts one ("shot and killed a shopkeeper",
"... killed tribal leader Ali Musa", "beheaded him"); "Ali Musa, a former judge" is one
person, and so are names after a count ("Two people, A and B,"); "both brothers" are two;
someone "wounded ... and later died" is killed; "X's body was found" is one dead. A
one-person phrase that names again someone counted in an earlier sentence ("the doctor"
after "a doctor") is dropped. A count word ("dozens", "tens of thousands") gives its range
with no ``best``. Qualifier semantics are a data table (``data/qualifiers.json``); word
lists are in ``data/figure_lexicon.json``.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import Generic, NamedTuple, TypeVar

import ahocorasick

from fogofwar.errors import ResourceError
from fogofwar.extract.numbers import Quantity, parse_number
from fogofwar.model import AnnotatedDoc, Figure, FigureKind, Sentence, build, evolve

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
    words: dict[str, V]  # the one-word phrases by their word: no tuple to build (hot)

    @classmethod
    def build(cls, phrases: dict[tuple[str, ...], V]) -> PhraseTable[V]:
        lengths: dict[str, set[int]] = {}
        for p in phrases:
            lengths.setdefault(p[0], set()).add(len(p))
        return cls(
            phrases,
            {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()},
            {p[0]: v for p, v in phrases.items() if len(p) == 1},
        )

    def at(self, low: list[str], i: int, end: int | None = None) -> tuple[int, V | None]:
        """(length, value) of the longest phrase starting at word ``i`` of ``low`` (0: none)."""
        end = len(low) if end is None else end
        for n in self.lengths.get(low[i], ()):
            if i + n <= end:
                v = self.phrases.get(tuple(low[i : i + n])) if n > 1 else self.words.get(low[i])
                if v is not None:
                    return n, v
        return 0, None


@dataclass(frozen=True)
class FigureLexicon:
    """Word lists of the figures stage, loaded from ``data/`` by ``load_figure_lexicon``."""

    qualifiers: PhraseTable[str]  # phrase -> side (floor, ceiling, ...)
    cues: PhraseTable[tuple[FigureKind, str, str]]  # phrase -> (kind, form, its words joined)
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
    gate: ahocorasick.Automaton  # word -> GateWord: sentences with no whole one are skipped
    item_first: frozenset[str]  # words an item can start with (besides a name before "and")
    victim_verbs: frozenset[str]  # cue phrases whose object is a person whatever its noun
    collectives: frozenset[str]  # group nouns: never one victim ("a group of villagers")


def _read_json(name: str) -> dict:  # type: ignore[type-arg]
    try:
        return json.loads(resources.files("fogofwar.data").joinpath(name).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"fogofwar/data/{name} is unreadable: {exc}") from exc


_NEGATED_VERBS = ("killed", "injured", "hurt", "wounded")  # "nobody was hurt"
# Every explicit zero holds one of these, lower-cased: "no" (nor, not, none, nobody, no one),
# "ne" (neither, never), "zero", "without", "n't".
_NEGATION_LEADS = ("no", "ne", "zero", "without", "n't")
# Letters that a case-blind regex reads as ASCII letters although lower() keeps them (dotless
# i, long s): a text holding one may hold a negation that the lower-cased gate cannot see.
_FOLDS_TO_ASCII = ("\u0131", "\u017f")


def _negation_regex(nouns: Iterable[str]) -> re.Pattern[str]:
    alt = "|".join(sorted((re.escape(n) for n in nouns), key=len, reverse=True))
    lead = (
        r"\b(?:no|neither|nor|zero|without(?:\s+\w+ing)?(?:\s+any)?"
        r"|(?:not|n't|never)\s+(?:\w+\s+){0,3}?any)"
    )
    return re.compile(
        rf"{lead}\s+(?:other\s+|further\s+|reported\s+|immediate\s+|reports\s+of\s+)*"
        rf"(?P<noun>{alt})\b|\b(?P<none>no\s*one|nobody|none)\s+(?:\w+\s+){{0,2}}?"
        rf"(?:was|were|has been|have been)\s+(?:\w+\s+)?(?P<verb>{'|'.join(_NEGATED_VERBS)})\b",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def load_figure_lexicon() -> FigureLexicon:
    """Load ``qualifiers.json`` and ``figure_lexicon.json`` from the package data."""
    q, lex = _read_json("qualifiers.json"), _read_json("figure_lexicon.json")
    try:
        cues: dict[tuple[str, ...], tuple[FigureKind, str, str]] = {}
        for kind, forms in lex["cues"].items():
            for form, phrases in forms.items():
                for p in phrases:
                    # "killed" is listed as verb and adjective: the first form (verb) wins,
                    # and the linker still reads "5 killed" as a subject count.
                    words = _words(p)
                    cues.setdefault(words, (kind, form, " ".join(words)))
        neg = {k: tuple(v) for k, v in lex["negation_nouns"].items()}
        q_phrases = {_words(k): v for k, v in q["qualifiers"].items()}
        unknown = {_words(u): True for u in _UNKNOWN}
        return FigureLexicon(
            qualifiers=PhraseTable.build(q_phrases),
            cues=PhraseTable.build(cues),
            unknown=PhraseTable.build(unknown),
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
            gate=_gate_automaton(list(cues), [*map(_words, neg), *map(_words, _NEGATED_VERBS)]),
            item_first=frozenset(
                {"#", "both", *_SINGULAR_DET, *(q[0] for q in q_phrases), *(u[0] for u in unknown)}
            ),
            victim_verbs=frozenset(" ".join(_words(v)) for v in lex["victim_verbs"]),
            collectives=frozenset(lex["collectives"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"figure lexicon is malformed ({exc}); check fogofwar/data") from exc


# ---------------------------------------------------------------- tokens and tagging

# Words, numbers with their inner punctuation ("1,206", "10:30", "01/01/2021" stay one token,
# so clock times and dates never look like counts), and the punctuation the linker reads.
# (Possessive "++" and "*+": a word never gives letters back, so no backtracking to try.)
# It is r"[A-Za-z]++(?:['’-][A-Za-z]++)*+|\d[\d,.:/]*\d|\d|[,;:()&–-]" with the first
# character of every branch taken out in front: a pattern opening with one character class
# lets the regex engine skip to where a token can start instead of trying each branch at
# every space (tests/test_figures_tokens.py checks the tokens against the plain form).
_TOKEN = re.compile(
    r"[A-Za-z\d,;:()&–-](?:(?<=[A-Za-z])[A-Za-z]*+(?:['’-][A-Za-z]++)*+|(?<=\d)(?:[\d,.:/]*\d)?|)"
)
# Splitting on the same pattern, captured, gives [gap, token, gap, ..., token, gap]: running
# sums of the parts' lengths are every token's offsets, with no match object per token.
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_NUMBERISH = frozenset(
    "a an and half of to or - – dozen dozens score scores hundred hundreds thousand thousands "
    "million millions billion tens several few handful couple pair number numerous one two three "
    "four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety".split()
)
_A = ("a", "an")
# Words a number expression starts with; "a"/"an" only before _A_NEXT ("a dozen", "a few").
_NUMBER_START = _NUMBERISH - {"and", "of", "to", "or", *_A}
_A_NEXT = frozenset("dozen few number hundred thousand handful couple pair".split())


@dataclass(slots=True)  # not frozen: a frozen __init__ pays a call per field (hot)
class Tokens:
    """A sentence's tokens as parallel lists: token ``i`` is ``low[i]``, ``start[i]``, ...

    Parallel lists rather than one object per token: building a tuple per word was about
    half of the stage's time, and the linker reads little but ``low``.
    """

    low: list[str]  # lower-cased text ("#" for a number expression)
    start: list[int]  # character offsets in the sentence text
    end: list[int]
    cap: list[bool]  # starts with a capital
    qty: list[Quantity | None]  # the value of a number expression, else None
    text: str = ""  # the sentence text


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(m.group(0).lower() for m in _TOKEN.finditer(phrase))


def tokenize(text: str) -> Tokens:
    """Words, punctuation and whole number expressions ("1-2", "twenty-one", "dozens of")."""
    lowered = text.lower()
    if len(lowered) == len(text) and "\u212a" not in text:
        # Lower-casing moved no offset and made no new token letter (only KELVIN SIGN lowers
        # to an ASCII letter), so the tokens of the lower-cased text are the lower-cased tokens.
        parts = _TOKEN_SPLIT.split(lowered)
        low = parts[1::2]
    else:
        parts = _TOKEN_SPLIT.split(text)
        low = [w.lower() for w in parts[1::2]]
    offsets = list(accumulate(map(len, parts)))
    start = offsets[0:-1:2]
    caps = list(map(str.isupper, map(text.__getitem__, start)))  # of each first letter
    tk = Tokens(low, start, offsets[1::2], caps, [None] * len(low), text)
    starts = _number_starts(low)
    merges: list[tuple[int, int, Quantity]] = []
    after = 0  # the first token not inside a number expression found so far
    for i in starts:
        if i >= after and (num := _number_at(text, tk, i)) is not None:
            merges.append((i, *num))
            after = i + num[0]
    for i, n, q in reversed(merges):  # right to left: earlier indices stay valid
        low[i : i + n] = ["#"]
        tk.qty[i : i + n] = [q]
        tk.end[i : i + n] = [tk.end[i + n - 1]]
        del tk.start[i + 1 : i + n], tk.cap[i + 1 : i + n]
    return tk


def _number_starts(low: list[str]) -> list[int]:
    """Cheap pre-check: the tokens a number expression may start at (number words, digits,
    hyphenated number words, and "a"/"an" before "dozen", "few", ...)."""
    # A token starts with a digit when it sorts between "/" and ":" (ASCII) or after "\x7f"
    # (the other tokens starting beyond ASCII are digits and the dash "–").
    starts = [
        i
        for i, w in enumerate(low)
        if w in _NUMBER_START or "/" < w < ":" or w > "\x7f" or ("-" in w and _numberish(w))
    ]
    if _A_NEXT.isdisjoint(low):
        return starts
    articles = [j - 1 for j in range(1, len(low)) if low[j] in _A_NEXT and low[j - 1] in _A]
    return sorted(starts + articles)


def _number_at(text: str, tk: Tokens, i: int) -> tuple[int, Quantity] | None:
    """Token count and value of the longest number expression starting at token ``i``."""
    low = tk.low
    w = low[i]
    if not (w[0].isdigit() or _numberish(w)) or w in ("and", "of", "to", "or"):
        return None
    if w in ("a", "an") and (i + 1 >= len(low) or low[i + 1] not in _A_NEXT):
        return None
    if i and low[i - 1] == "no":  # "no one was hurt" is a negation, not a count
        return None
    run = 1
    while (
        i + run < len(low) and run < 7 and (_numberish(low[i + run]) or low[i + run][0].isdigit())
    ):
        run += 1
    for n in range(run, 0, -1):
        q = _parse_cached(text[tk.start[i] : tk.end[i + n - 1]])
        if q is not None and not (n == 1 and w in ("a", "an")):
            if _compound_adjective(tk, i + n):
                return None
            return n, q
    return None


def _numberish(word: str) -> bool:
    return word in _NUMBERISH or ("-" in word and all(w in _NUMBERISH for w in word.split("-")))


def _compound_adjective(tk: Tokens, j: int) -> bool:
    """'a 40-km road', '3-day siege': a number glued to a unit by a hyphen is no count."""
    return j + 1 < len(tk.low) and tk.low[j] == "-" and tk.start[j] == tk.end[j - 1]


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


def _who(low: list[str], i: int, j: int, lex: FigureLexicon) -> str | None:
    first_words = lex.who.lengths
    for k in range(i, j):
        if low[k] in first_words:
            n, label = lex.who.at(low, k, j)
            if n:
                return label
    return None


_OF_DET = ("the", "a", "an", "their", "his", "her", "its", "our")
_OF_OR_DET = ("of", *_OF_DET)


def _tail(tk: Tokens, i: int, lex: FigureLexicon) -> int:
    """End of the noun words after a count: stops at stop words, cues and punctuation."""
    low, n = tk.low, len(tk.low)
    stop, cue_first = lex.stop, lex.cues.lengths
    j = i
    skipped = 0
    while j < n and j - i - skipped < 7:
        w = low[j]
        if w == "(" and j > i and j + 2 < n and low[j + 2] == ")":
            if tk.cap[j + 1]:  # an acronym inside the noun phrase: "a Security (NDS) member"
                j += 3
                skipped += 3
                continue
        if w in stop and not (j > i and low[j - 1] == "of" and w in _OF_DET):
            if not (w == "and" and _and_in_name(tk, i, j)):
                break
        if w == "#" or not w[0].isalpha():
            break
        if w in cue_first and lex.cues.at(low, j)[0] and not (w == "dead" and j == i):
            break
        j += 1
    while j > i and low[j - 1] in _OF_OR_DET:
        j -= 1  # "members of" alone: the "of" belongs to what follows
    return j


def _and_in_name(tk: Tokens, i: int, j: int) -> bool:
    """'and' at ``j`` inside the name of an "of" phrase: "the head of the Public Order and
    Safety Office" (capitals on both sides)."""
    return j > i and tk.cap[j - 1] and j + 1 < len(tk.low) and tk.cap[j + 1] and "of" in tk.low[i:j]


def _is_person_tail(low: list[str], i: int, j: int, lex: FigureLexicon) -> bool | None:
    """True person noun, False thing/unit, None when the tail has no noun we know."""
    for w in low[i:j]:
        if w in lex.not_persons or w.endswith("-year-old") or w.endswith("-old"):
            return False
        if w in lex.persons or w.rstrip("s") in lex.persons:
            return True
    return None


def _count_item(tk: Tokens, i: int, lex: FigureLexicon) -> Item | None:
    """'at least 12 civilians', '1-2 policemen', 'an unknown number of assailants'."""
    low = tk.low
    w = low[i]
    n_unknown = lex.unknown.at(low, i)[0] if w in lex.unknown.lengths else 0
    if n_unknown:
        j = _tail(tk, i + n_unknown, lex)
        return Item(i, j, None, "unknown", None, _who(low, i, j, lex))
    nq, side = lex.qualifiers.at(low, i) if w in lex.qualifiers.lengths else (0, None)
    k = i + nq
    if k >= len(low) or tk.qty[k] is None:
        return None
    if _yearlike(tk, k):
        return None
    j = _tail(tk, k + 1, lex)
    j = _of_them(low, j)
    if _is_person_tail(low, k + 1, j, lex) is False:
        return None
    qual = " ".join(low[i:k]) if nq else None
    return Item(i, j, tk.qty[k], qual, side, _who(low, k + 1, j, lex))


def _of_them(low: list[str], j: int) -> int:
    """Swallow 'of them' / 'of whom' right after a count ("killing 9 of them")."""
    if j + 1 < len(low) and low[j] == "of" and low[j + 1] in ("them", "whom", "us"):
        return j + 2
    return j


_NOT_A_COUNT_AFTER = frozenset(
    ("aged", "age", "resolution", "number", "no", "article", "route", "highway")
)


def _yearlike(tk: Tokens, k: int) -> bool:
    q = tk.qty[k]
    if k and tk.low[k - 1] in _NOT_A_COUNT_AFTER:
        return True
    return q is not None and q.low == q.high and q.low is not None and 1900 <= q.low <= 2100


_ONE = Quantity(1, 1, 1)


def _head(low: list[str], i: int, j: int) -> int:
    """The head word of the noun words ``[i, j)``: the one before "of" ("an employee of the
    bank", "the head of the department"), else the last."""
    for k in range(i + 1, j):
        if low[k] == "of":
            return k - 1
    if j - i > 3 and low[j - 1] == ")" and low[j - 3] == "(":
        return j - 4  # "a Territorial Defense Volunteers (TDV)"
    return j - 1


def _plural(word: str, lex: FigureLexicon) -> bool:
    return (word.endswith("s") and not word.endswith("ss")) or word in lex.plural_persons


def _singular_item(tk: Tokens, i: int, lex: FigureLexicon) -> Item | None:
    """'a police officer', 'one informant', 'the driver' (the head must be a person)."""
    low = tk.low
    if low[i] not in _SINGULAR_DET:
        return None
    j = _tail(tk, i + 1, lex)
    if j == i + 1:
        return None
    h = _head(low, i + 1, j)
    if _is_person_tail(low, h, h + 1, lex) is not True or _plural(low[h], lex):
        return None  # no person, or a plural head: "the soldiers" is no count
    return Item(i, j, _ONE, None, None, _who(low, i + 1, j, lex))


_TWO = Quantity(2, 2, 2)


def _both_item(tk: Tokens, i: int, lex: FigureLexicon) -> Item | None:
    """'both brothers', 'both assailants': two people (not 'both soldiers and civilians')."""
    low = tk.low
    if low[i] != "both":
        return None
    j = _tail(tk, i + 1, lex)
    if j == i + 1 or (j < len(low) and low[j] == "and"):
        return None
    h = _head(low, i + 1, j)
    if _is_person_tail(low, h, h + 1, lex) is not True or not _plural(low[h], lex):
        return None
    return Item(i, j, _TWO, None, None, _who(low, i + 1, j, lex))


def _name_item(tk: Tokens, i: int) -> Item | None:
    """A personal name in a list ("Sarakil and three others"): one person."""
    if not tk.cap[i]:
        return None
    j = i
    while j < len(tk.low) and tk.cap[j] and tk.low[j].isalpha():
        j += 1
    return Item(i, j, _ONE, None, None, None) if j - i <= 4 else None


def _item_at(tk: Tokens, i: int, lex: FigureLexicon, *, names: bool) -> Item | None:
    if not tk.cap[i] and tk.low[i] not in lex.item_first:
        return None  # no count, qualifier, determiner or name starts here
    item = _count_item(tk, i, lex) or _singular_item(tk, i, lex) or _both_item(tk, i, lex)
    if item is None and names:
        item = _name_item(tk, i)
    return item


# ", including the driver," / ", most of them women," between a count and its verb
_ASIDE_OPENERS = frozenset({"including", "most", "many", "mostly", "among", "all", "both"})
_RELATIVE = frozenset({"who", "whom", "whose", "which", "that"})


def _verb_at(low: list[str], k: int, lex: FigureLexicon) -> bool:
    """Whether token ``k`` opens a predicate: an auxiliary ("were", "was") or a cue."""
    if k >= len(low):
        return False
    w = low[k]
    return w in _BE or w in lex.aux or (w in lex.cues.lengths and lex.cues.at(low, k)[0] > 0)


def _skip_parenthetical(low: list[str], j: int, lex: FigureLexicon) -> int:
    """Skip ', including the assailant,' or '(including ...)' after an item.

    A comma aside ends at the comma before the verb when there is one ("Two people,
    including a farmer and a former member of a militia, Ali Musa, were killed"), else at
    its first comma; with no comma at all it runs to the verb ("Three people, including
    two soldiers were killed")."""
    n = len(low)
    if j + 1 < n and low[j] == "," and low[j + 1] in _ASIDE_OPENERS:
        first = 0
        for k in range(j + 2, min(n, j + 20)):
            w = low[k]
            if w == ",":
                if _verb_at(low, k + 1, lex):
                    return k + 1
                if not first and k < j + 12:
                    first = k + 1
            elif w in _RELATIVE:
                break
            elif w in _BE and not first:
                return k
        if first:
            return first
    elif j + 1 < n and low[j] == "(" and low[j + 1] in _ASIDE_OPENERS:
        for k in range(j + 2, min(n, j + 12)):
            if low[k] == ")":
                return k + 1
    if j < n and low[j] == "(":
        for k in range(j + 1, min(n, j + 16)):
            if low[k] == ")":
                return k + 1
    return j


def _connector(low: list[str], j: int) -> int:
    if j >= len(low) or low[j] not in _CONNECTOR_FIRST:
        return 0
    for c in _CONNECTORS:
        if tuple(low[j : j + len(c)]) == c:
            return len(c)
    return 0


def _is_name(tk: Tokens, it: Item) -> bool:
    """A bare personal name: capitalised words counted as one, no determiner or label."""
    return (
        it.qty == _ONE
        and it.qualifier is None
        and it.who is None
        and tk.low[it.i] not in _SINGULAR_DET
        and all(tk.cap[it.i : it.j])
    )


def _apposition_end(tk: Tokens, prev: Item, nxt: Item, lex: FigureLexicon) -> int | None:
    """Where an apposition after ``prev`` and a comma ends, when ``nxt`` starts one:

    * a bare name after a one-person phrase, not followed by "and" ("a security officer,
      Arash Siyar,");
    * one-person phrases with an article after a name ("Ali Musa, a former councillor",
      "Ali Musa, a farmer and an elder of the village,"), or "the" after "a" ("a man, the
      director of the school,");
    * names after a count of more than one ("Two people, Ali Musa and Omar Said,").
    """
    low = tk.low
    if prev.qty is None:
        return None
    if prev.qty.high == 1 and _is_name(tk, nxt):
        if nxt.j < len(low) and low[nxt.j] == "and":
            return None
        return nxt.j
    if nxt.qty == _ONE and (
        (_is_name(tk, prev) and low[nxt.i] in ("a", "an", "the"))
        or (prev.qty == _ONE and low[prev.i] in ("a", "an") and low[nxt.i] == "the")
    ):
        return _closing_comma(low, nxt.j, lex)
    if (prev.qty.low or 0) > 1 and not prev.qty.vague and _is_name(tk, nxt):
        j = nxt.j
        while (n := _connector(low, j)) and j + n < len(low):
            name = _name_item(tk, j + n)
            if name is None:
                break
            j = name.j
        return j if j >= len(low) or low[j] in (",", ")") or _verb_at(low, j, lex) else None
    return None


def _closing_comma(low: list[str], j: int, lex: FigureLexicon) -> int:
    """The comma closing an apposition that runs on from ``j`` ("a social leader and an
    official of the mayor's office, and his son"), if one comes before any verb; else ``j``."""
    for k in range(j, min(len(low), j + 15)):
        w = low[k]
        if w == ",":
            return k
        if w in (";", ")", "#") or w in _BE or w in _RELATIVE or w in lex.cues.lengths:
            break
    return j


def _bare_item(tk: Tokens, i: int, lex: FigureLexicon) -> Item | None:
    """A singular person noun with no determiner after "and", sharing the one before it:
    "his sister and aunt"."""
    low = tk.low
    if tk.cap[i] or not low[i][0].isalpha() or low[i] in lex.stop:
        return None
    j = _tail(tk, i, lex)
    if j == i:
        return None
    h = _head(low, i, j)
    if _is_person_tail(low, h, h + 1, lex) is not True or _plural(low[h], lex):
        return None
    return Item(i, j, _ONE, None, None, _who(low, i, j, lex))


def item_list(
    tk: Tokens, i: int, lex: FigureLexicon, *, victims: bool = False
) -> tuple[list[Item], int]:
    """Coordinated items starting at ``i`` and the token index just after the list.

    A personal name counts as one person only inside a list that also has a counted
    phrase ("Sarakil and three others were killed"), never on its own, except with
    ``victims`` (the object of a killing verb: "shot and killed Ali Musa", where any
    singular noun phrase or name is one person, see ``_victim_at``).
    """
    first = _victim_at(tk, i, lex) if victims else _item_at(tk, i, lex, names=True)
    if first is None:
        return [], i
    low = tk.low
    items, j = [first], _skip_parenthetical(low, first.j, lex)
    while (n := _connector(low, j)) and j + n < len(low):
        nxt = _victim_at(tk, j + n, lex) if victims else _item_at(tk, j + n, lex, names=True)
        if nxt is None and n == 1 and low[j] == "and" and low[items[-1].i] in _SINGULAR_DET:
            nxt = _bare_item(tk, j + n, lex)
        if nxt is None:
            break
        if low[j] == "," and n == 1 and (end := _apposition_end(tk, items[-1], nxt, lex)):
            # the apposition renames the item before it: skip it, and the comma closing it
            j = (
                end + 1
                if end < len(low) and low[end] == "," and _verb_at(low, end + 1, lex)
                else end
            )
            continue
        items.append(nxt)
        j = _skip_parenthetical(low, nxt.j, lex)
    if not victims and tk.cap[i]:
        if all(tk.cap[it.i] and it.qualifier is None and it.who is None for it in items) and (
            _name_item(tk, first.i) == first
        ):
            return [], i
    return items, j


_PARTICLES = frozenset("al el bin ibn bint de da del der van von la le dos das du ul abu".split())
_NAME_PREFIXES = ("al-", "el-", "ad-", "ar-", "as-", "an-", "az-", "at-", "ash-", "ul-")
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split()
)
_HIM_HER = ("him", "her")


def _victim_at(tk: Tokens, i: int, lex: FigureLexicon) -> Item | None:
    """One item in the object of a killing or wounding verb: a count or a known person
    phrase as anywhere, else any one-person phrase (killing verbs take people as objects):
    "a shopkeeper", "an employee of the bank", "traditional leader Ali Musa", "Ali Musa",
    "him". Group nouns and non-persons are not one victim."""
    item = _item_at(tk, i, lex, names=False)
    if item is not None:
        return item
    low = tk.low
    w = low[i]
    if w in _HIM_HER:
        if i + 1 == len(low) or not low[i + 1][0].isalpha() or low[i + 1] in lex.stop:
            return Item(i, i + 1, _ONE, None, None, None)
        return None
    if w in _A:  # "the harvest", "his crops": only known person nouns after other determiners
        j = _tail(tk, i + 1, lex)
        if j == i + 1:
            return None
        head = low[_head(low, i + 1, j)]
        if not head[0].isalpha() or head in lex.not_persons or head in lex.collectives:
            return None
        return None if head.endswith("-old") else Item(i, j, _ONE, None, None, None)
    return _named_victim(tk, i, lex)


def _named_victim(tk: Tokens, i: int, lex: FigureLexicon) -> Item | None:
    """'Ali Musa', 'Dr Ali Musa', 'tribal leader Ali Musa', 'Ali Musa (Abu Omar)': one person.

    Not a plural word ("Kurds"), a known group ("Taliban"), a word in capitals ("ISIS"), a
    day or month, nor capitalised words that qualify a noun after them ("Afghan soldiers")."""
    low, cap, n = tk.low, tk.cap, len(tk.low)
    k = i
    while k < n and k - i < 4 and not cap[k] and low[k][0].isalpha():
        if (
            low[k] in lex.stop
            or low[k] in lex.cues.lengths
            or low[k] in _PARTICLES
            or low[k] == "of"
        ):
            break
        k += 1
    if k > i and (_plural(low[k - 1], lex) or low[k - 1] in lex.not_persons):
        return None  # "civilians Ali and Omar": a plural title is no one person
    m = k
    while m < n and m - k < 6:
        w = low[m]
        if cap[m] and w[0].isalpha():
            m += 1
        elif m > k and (w in _PARTICLES or w.startswith(_NAME_PREFIXES)):
            m += 1
        else:
            break
    while m > k and not cap[m - 1] and low[m - 1] in _PARTICLES:
        m -= 1
    if m == k:
        return None
    last = low[m - 1]
    if last in lex.persons or last in lex.plural_persons or last in _CALENDAR:
        return None
    word = tk.text[tk.start[m - 1] : tk.end[m - 1]]
    if m - k == 1 and (word.isupper() and len(word) > 1 or (k == i and _plural(last, lex))):
        return None
    e = m
    if e < n and low[e] == "(":
        e = next((c + 1 for c in range(e + 1, min(n, e + 8)) if low[c] == ")"), e)
    if e < n and low[e][0].isalpha() and low[e] not in lex.stop and low[e] not in lex.cues.lengths:
        return None  # "Afghan soldiers": the capitals qualify the noun after them
    return Item(i, m, _ONE, None, None, None)


# ---------------------------------------------------------------- linking to cues


class _Cue(NamedTuple):
    i: int
    j: int
    kind: FigureKind
    form: str
    phrase: str  # its words joined by spaces


def _cues(low: list[str], lex: FigureLexicon) -> list[_Cue]:
    """Cue phrases left to right, longest first, never overlapping."""
    first_words = lex.cues.lengths
    out: list[_Cue] = []
    after = 0
    for i in [i for i, w in enumerate(low) if w in first_words]:
        if i < after:
            continue  # inside the cue before
        n, val = lex.cues.at(low, i)
        if n and val:
            out.append(_Cue(i, i + n, *val))
            after = i + n
    return out


_BE = frozenset(("was", "were", "is", "are", "been", "be", "being", "got", "get"))


def _aux_before(low: list[str], i: int, lex: FigureLexicon) -> tuple[int, bool, bool]:
    """Walk left over auxiliaries/adverbs: (index of the first, any aux seen, singular)."""
    k, seen, singular = i, False, False
    while k > 0 and low[k - 1] in lex.aux and i - k < 6:
        k -= 1
        if low[k] in _BE:
            seen = True
            singular = singular or low[k] in ("was", "is") or _has_been(low, k)
    return k, seen, singular


def _has_been(low: list[str], k: int) -> bool:
    return low[k] == "been" and k > 0 and low[k - 1] == "has"


def _trim_and(low: list[str], k: int, i: int) -> int:
    """Do not let 'and' join a new subject: 'killed and four officers were injured'."""
    for m in range(i - 1, k - 1, -1):
        if low[m] == "and" and (m == k or low[m - 1] not in ("shot", "stabbed")):
            return m + 1
    return k


class _Lists:
    """A sentence's maximal item lists, looked up by the token index where they end.

    Found on demand, left to right, each scan resuming where the last stopped. A list is
    keyed past its first token and the scan only moves right, so scanning the starts before
    ``k`` answers for ``k`` exactly as a scan of the whole sentence would; most cues look
    for no list before them, and the others mostly near the start of the sentence.
    """

    def __init__(self, tk: Tokens, lex: FigureLexicon) -> None:
        self.tk, self.lex = tk, lex
        self.found: dict[int, list[Item]] = {}
        self.starts: list[int] | None = None  # where a list may start, on the first lookup
        self.next_start = 0  # index into starts of the first start not scanned yet
        self.after = 0  # the first token not inside a list found so far
        self.ends: list[int] = []  # where the lists found so far end, ascending

    def ending_at(self, k: int) -> list[Item] | None:
        if self.starts is None:
            self.starts = _item_starts(self.tk, self.lex)
        starts = self.starts
        while self.next_start < len(starts) and starts[self.next_start] < k:
            i = starts[self.next_start]
            self.next_start += 1
            if i < self.after:
                continue
            items, j = item_list(self.tk, i, self.lex)
            if items:
                self.found[j] = items
                self.found.setdefault(items[-1].j, items)
                self.after = j
                self.ends.append(j)
        return self.found.get(k)

    def subject_of(self, k: int) -> list[Item] | None:
        """The list ending at ``k``, else the last one before it when only a modifier of
        it lies between ("About 65,000 residents of the city and its outskirts have fled",
        "Five people in the market were killed"): words that are no verb, no person, no
        clause opener and no punctuation."""
        found = self.ending_at(k)
        if found is not None or not self.ends:
            return found
        at = bisect.bisect_left(self.ends, k) - 1
        if at < 0 or k - self.ends[at] > 6:
            return None
        low, lex = self.tk.low, self.lex
        for w in low[self.ends[at] : k]:
            if (
                not w[0].isalpha()
                or w in _GAP_STOP
                or w in _BE
                or w in lex.cues.lengths
                or w in lex.persons
                or w in lex.plural_persons
                or (w.endswith("ed") and w not in lex.stop)
            ):
                return None
        return self.found[self.ends[at]]


# Words that open a clause of their own between a subject and its verb.
_GAP_STOP = frozenset(
    "who whom whose which that where when while because after before since as if than but or "
    "has have had said says say".split()
)


def _item_starts(tk: Tokens, lex: FigureLexicon) -> list[int]:
    """Cheap filter: a count, qualifier, determiner, or a name followed by "and"."""
    low, cap = tk.low, tk.cap
    first = lex.item_first
    last = len(low) - 1
    return [
        i for i, w in enumerate(low) if w in first or (cap[i] and i < last and low[i + 1] == "and")
    ]


def _link(
    tk: Tokens, cue: _Cue, lists: _Lists, lex: FigureLexicon
) -> tuple[list[Item], str] | None:
    """The items a cue counts and how they were found (subject/object/of/singular)."""
    low = tk.low
    k, has_aux, singular = _aux_before(low, cue.i, lex)
    k = _trim_and(low, k, cue.i) if has_aux else k
    if cue.form in ("noun", "ing") and cue.j < len(low) and low[cue.j] == "of":
        return _after(tk, cue.j + 1, lex), "of"
    if cue.phrase == "died" and cue.j < len(low) and low[cue.j] in _PHRASAL:
        return None  # "the fighting died down"
    if cue.form in ("adj", "noun", "intrans") or has_aux:
        if cue.phrase not in lex.active_only and (before := lists.subject_of(k)):
            return before, "subject"
        if has_aux and singular and cue.form == "verb":
            if k and low[k - 1] in lex.not_persons:
                return None  # "a cow was killed"
            return [], "singular"
        if cue.form == "intrans" and cue.kind == "killed" and (name := _name_before(tk, k, lex)):
            return [name], "subject"  # "Major Ali Musa succumbed to his injuries"
        if cue.phrase == "body" and (one := _one_body(tk, cue, lex)):
            return [one], "subject"
        if cue.form != "verb":
            return None
    if has_aux or cue.phrase in lex.passive_only:
        return None
    after = _after(tk, cue.j, lex, victims=cue.phrase in lex.victim_verbs)
    if after:
        return after, "object"
    if cue.form == "verb" and (before := lists.ending_at(k)):
        return before, "subject"
    return None


_PHRASAL = frozenset(("down", "out", "away", "off"))


def _after(tk: Tokens, i: int, lex: FigureLexicon, *, victims: bool = False) -> list[Item]:
    low = tk.low
    while i < len(low) and low[i] in ("also", "reportedly", "allegedly", "up", "off"):
        i += 1
    return item_list(tk, i, lex, victims=victims)[0] if i < len(low) else []


def _one_body(tk: Tokens, cue: _Cue, lex: FigureLexicon) -> Item | None:
    """One dead person: "a body was found", "Ali Musa's (dead) body was recovered"."""
    low = tk.low
    p = cue.i - 1
    if p >= 0 and low[p] == "dead":
        p -= 1
    if p < 0 or (cue.j < len(low) and low[cue.j][0].isalpha() and low[cue.j] not in lex.stop):
        return None  # "a body blow", "a regional body"
    if low[p] in ("a", "one", "another"):
        return Item(p, cue.j, _ONE, None, None, None)
    if not (tk.cap[p] and low[p].endswith(("'s", "’s"))) or low[p][:-2] in lex.persons:
        return None
    i = p
    while i > 0 and p - i < 4 and tk.cap[i - 1] and low[i - 1][0].isalpha():
        i -= 1
    return None if low[i] in _NOT_NAMES else Item(i, p + 1, _ONE, None, None, None)


_BEFORE_NAME = frozenset({",", ";", "and", "but", "while", "when", "after", "then"})
# Capitalised words opening a sentence that are no name: "He died", "Many died".
_NOT_NAMES = frozenset(
    "he she it they we i you this that these those there the a an his her their its our my "
    "many some most all few none nobody everyone everybody both each others another several "
    "one who which what".split()
)


def _name_before(tk: Tokens, k: int, lex: FigureLexicon) -> Item | None:
    """A personal name that is the whole subject ending at token ``k``: capitalised words
    opening the sentence or a clause ("Ali Musa died", "..., and Ali Musa died")."""
    low, cap = tk.low, tk.cap
    i = k
    while i > 0 and k - i < 5 and cap[i - 1] and low[i - 1][0].isalpha():
        i -= 1
    if i == k or (i > 0 and low[i - 1] not in _BEFORE_NAME) or low[i] in _NOT_NAMES:
        return None
    item = _named_victim(tk, i, lex)
    return item if item is not None and item.j == k else None


def _toll(tk: Tokens, i: int, lex: FigureLexicon) -> list[Item]:
    """'death toll rose to 40' / 'toll of at least 12': the first count within 6 tokens."""
    for k in range(i, min(len(tk.low), i + 6)):
        items = item_list(tk, k, lex)[0]
        if items:
            return items[:1]
    return []


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
    if qty.vague and qty.low != qty.high:
        # a count word ("dozens", "tens of thousands") spans a range but states no number
        # (docs/triangulation.md, data/tolerances.json "qualifiers")
        return qty.low, None, qty.high
    return qty.low, qty.best, qty.high


def _figure(sent: Sentence, tk: Tokens, item: Item, kind: FigureKind) -> Figure | None:
    if item.qty is None:
        return None
    a, b = tk.start[item.i], tk.end[item.j - 1]
    low, best, high = bounds(item.qty, item.side)
    qual = item.qualifier or (_vague_word(sent.text, tk, item) if item.qty.vague else None)
    base = sent.start
    # model.build: the frozen dataclass's __init__ sets its 12 fields one at a time
    return build(
        Figure, doc_id=sent.doc_id, start=a + base, end=b + base, text=sent.text[a:b],
        sentence=sent.index, kind=kind, low=low, best=best, high=high, qualifier=qual,
        who=item.who, stage=STAGE,
    )  # fmt: skip


def _vague_word(text: str, tk: Tokens, item: Item) -> str:
    t = next(t for t in range(item.i, item.j) if tk.qty[t] is not None)
    word = text[tk.start[t] : tk.end[t]].lower()
    return word[:-3] if word.endswith(" of") else word


def _singular(sent: Sentence, tk: Tokens, cue: _Cue, lex: FigureLexicon) -> Figure:
    k, _, _ = _aux_before(tk.low, cue.i, lex)
    a, b = tk.start[k], tk.end[cue.j - 1]
    who = _who(tk.low, max(0, k - 6), k, lex)
    base = sent.start
    return build(
        Figure, doc_id=sent.doc_id, start=a + base, end=b + base, text=sent.text[a:b],
        sentence=sent.index, kind=cue.kind, low=1, best=1, high=1, qualifier=None, who=who,
        stage=STAGE,
    )  # fmt: skip


_UNKNOWN_BEFORE = re.compile(r"\b(?:unknown|unclear|not known)\b")


def _negations(sent: Sentence, lex: FigureLexicon) -> list[Figure]:
    """'no casualties were reported' -> zero killed and zero injured."""
    out: list[Figure] = []
    for m in lex.negation.finditer(sent.text):
        # on a slice, not with pos=: "\b" must see the slice's start as a text start
        if _UNKNOWN_BEFORE.search(sent.text[max(0, m.start() - 30) : m.start()]):
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


def match_sentence(sent: Sentence, lex: FigureLexicon, *, negations: bool = True) -> list[Figure]:
    """All figures in one sentence (pure); ``negations=False`` skips looking for explicit
    zeros (for a sentence known to hold no word they need)."""
    tk = tokenize(sent.text)
    lists = _Lists(tk, lex)
    used: set[int] = set()
    out: list[Figure] = []
    injured_from = -1  # where the figures of the last cue start in ``out``, if it was injured
    for cue in _cues(tk.low, lex):
        linked = _link(tk, cue, lists, lex)
        if linked is None:
            if injured_from >= 0 and _later_died(tk.low, cue, lex):
                # "One soldier was injured in the blast and later died": killed, not injured
                out[injured_from:] = [replace(f, kind="killed") for f in out[injured_from:]]
            injured_from = -1
            continue
        injured_from = len(out) if cue.kind == "injured" else -1
        items, how = linked
        if how == "singular":
            if not _negated_subject(tk.low, cue, lex):
                out.append(_singular(sent, tk, cue, lex))
            continue
        for it in items:
            if it.i in used:
                continue
            used.add(it.i)
            fig = _figure(sent, tk, it, cue.kind)
            if fig is not None:
                out.append(fig)
    if "toll" in tk.low:
        out.extend(_death_toll(sent, tk, lex, used))
    if out and "including" in tk.low:
        out.extend(_inclusions(sent, tk, lex, used, out))
    return out + _negations(sent, lex) if negations else out


SUBCOUNT = "including"  # qualifier of a sub-count: already inside another figure's total


def _inclusions(
    sent: Sentence, tk: Tokens, lex: FigureLexicon, used: set[int], found: list[Figure]
) -> list[Figure]:
    """ "1,206 civilians were killed by X, including 7 members of one family": the items after
    ", including" are a sub-count of the figure before, of the same kind. They are kept
    (qualifier ``including``) but never added to totals."""
    out: list[Figure] = []
    low = tk.low
    for k, w in enumerate(low):
        if w != "including" or k == 0 or low[k - 1] not in (",", "("):
            continue
        prev = [f for f in found if f.end <= tk.start[k] + sent.start]
        if not prev:
            continue
        items, _ = item_list(tk, k + 1, lex)
        for it in items:
            fig = None if it.i in used else _figure(sent, tk, it, prev[-1].kind)
            if fig is not None and it.qty is not None and not it.qty.vague:
                used.add(it.i)
                out.append(replace(fig, qualifier=SUBCOUNT))
    return out


_DIED = frozenset({"died", "succumbed", "has died", "have died", "perished"})


def _later_died(low: list[str], cue: _Cue, lex: FigureLexicon) -> bool:
    """A death verb sharing the subject of the cue before it: "... and later died"."""
    if cue.phrase not in _DIED:
        return False
    k, _, _ = _aux_before(low, cue.i, lex)
    return low[k] == "and" and k < cue.i


def _negated_subject(low: list[str], cue: _Cue, lex: FigureLexicon) -> bool:
    k, _, _ = _aux_before(low, cue.i, lex)
    prev = " ".join(low[max(0, k - 2) : k])
    return bool(re.search(r"\b(?:no one|nobody|none|no)$", prev))


def _death_toll(sent: Sentence, tk: Tokens, lex: FigureLexicon, used: set[int]) -> list[Figure]:
    out: list[Figure] = []
    low = tk.low
    for i, w in enumerate(low):
        if w == "toll" and i and low[i - 1] in ("death", "casualty"):
            for it in _toll(tk, i + 1, lex):
                if it.i not in used:
                    used.add(it.i)
                    fig = _figure(sent, tk, it, "killed")
                    out += [fig] if fig else []
    return out


def _gate_word(phrase: tuple[str, ...]) -> str:
    """The word a phrase is gated on: its longest word that is not a common one."""
    return max(phrase, key=lambda w: (w not in _GATE_WEAK, len(w)))


class GateWord(NamedTuple):
    """A word of the gate and what seeing it means."""

    word: str
    negation: bool  # an explicit zero ("no casualties", "nobody was hurt") needs one
    # The other words of each cue phrase gated on it ("to", "death" for "burnt to death"),
    # or None when it alone is worth parsing the sentence for (a one-word cue, "toll").
    rest: tuple[tuple[str, ...], ...] | None


def _gate_automaton(
    cues: list[tuple[str, ...]], negations: list[tuple[str, ...]]
) -> ahocorasick.Automaton:
    """The gate word of each cue and negation phrase, and "nobody" and "toll"."""
    rest: dict[str, list[tuple[str, ...]] | None] = {w: [] for w in _GATE_EXTRA}
    rest["toll"] = None  # "death toll": read on tokens, no cue
    for p in cues:
        g = _gate_word(p)
        if len(p) == 1:
            rest[g] = None
        elif (have := rest.setdefault(g, [])) is not None:
            k = p.index(g)
            have.append(p[:k] + p[k + 1 :])
    neg = {_gate_word(p) for p in negations}
    for g in neg:
        rest.setdefault(g, [])
    auto = ahocorasick.Automaton()
    for g, r in rest.items():
        auto.add_word(g, GateWord(g, g in neg, None if r is None else tuple(r)))
    auto.make_automaton()
    return auto


def cue_sentences(ad: AnnotatedDoc, lex: FigureLexicon) -> list[tuple[Sentence, bool]]:
    """The sentences worth parsing, each with whether it may hold an explicit zero.

    One pass of the gate over the text. A sentence is parsed when it holds a gate word as a
    whole word, and parsing it can give something: it holds a negation word, "toll", a
    one-word cue, or every word of a longer cue phrase (tokens are substrings of the text, so
    this never skips a figure; "burnt" alone, as in "burnt-out cars", gives nothing without
    "death"). Parsing is the costly part, and in ordinary news most sentences hold no figure.
    """
    text = ad.doc.text
    low = text.lower()
    if len(low) != len(text):  # a few Unicode capitals change length when lowered
        return [(s, True) for s in ad.sentences]
    sents = ad.sentences
    starts = [s.start for s in sents]
    whole: set[int] = set()  # sentences holding a whole gate word
    negation: set[int] = set()  # ... a whole negation word
    fruitful: set[int] = set()  # ... a one-word cue or all words of a longer one
    partial: dict[int, list[tuple[tuple[str, ...], ...]]] = {}  # ... a word of a longer one
    for end, g in lex.gate.iter(low):
        a = end - len(g.word) + 1
        i = bisect.bisect_right(starts, a) - 1
        if i < 0:
            continue
        if not ((a and low[a - 1].isalpha()) or low[end + 1 : end + 2].isalpha()):
            whole.add(i)
            if g.negation:
                negation.add(i)
        if g.rest is None:
            fruitful.add(i)
        elif g.rest:
            partial.setdefault(i, []).append(g.rest)
    negation = {i for i in negation if any(_holds(low, sents[i], w) for w in _NEGATION_LEADS)}
    if any(c in low for c in _FOLDS_TO_ASCII):
        negation = whole
    for i in whole - fruitful - negation:  # the rest of a phrase is looked for only here
        rests = (r for rest in partial.get(i, ()) for r in rest)
        if any(all(_holds(low, sents[i], w) for w in r) for r in rests):
            fruitful.add(i)
    return [(sents[i], i in negation) for i in sorted(whole & (fruitful | negation))]


def _holds(low: str, sent: Sentence, word: str) -> bool:
    """Whether ``word`` is a substring of the sentence in ``low`` (the lower-cased text)."""
    return low.find(word, sent.start, sent.end) >= 0


def run(ad: AnnotatedDoc, *, res: object = None) -> AnnotatedDoc:
    """Assign ``figures``."""
    lex = getattr(res, "figures", None) or load_figure_lexicon()
    figs = [f for s, neg in cue_sentences(ad, lex) for f in match_sentence(s, lex, negations=neg)]
    return evolve(ad, figures=tuple(_once_per_person(figs)))


_FIG_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _unpossessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _once_per_person(figs: list[Figure]) -> list[Figure]:
    """Drop a one-person figure that names again someone counted in an earlier sentence:
    "the doctor" after "a doctor", "Musa" after "Ali Musa" (same kind)."""
    ones = [f for f in figs if f.low == 1 and f.high == 1]
    if len(ones) < 2 or ones[0].sentence == ones[-1].sentence:
        return figs
    drop: set[int] = set()
    for n, f in enumerate(ones):
        words = [_unpossessive(w) for w in _FIG_WORD.findall(f.text)]
        if not words or not (words[0].lower() == "the" or all(w[0].isupper() for w in words)):
            continue
        low = [w.lower() for w in words]
        head = low[low.index("of") - 1] if "of" in low[1:] else low[-1]
        if any(
            e.sentence < f.sentence
            and e.kind == f.kind
            and head in (_unpossessive(w).lower() for w in _FIG_WORD.findall(e.text))
            for e in ones[:n]
        ):
            drop.add(id(f))
    return [f for f in figs if id(f) not in drop] if drop else figs


def total(figures: Iterable[Figure], kind: FigureKind) -> int | None:
    """Sum of ``best`` (else ``low``) over figures of one kind; None when there are none."""
    vals = [
        f.best if f.best is not None else f.low
        for f in figures
        if f.kind == kind and f.qualifier != SUBCOUNT
    ]
    known = [v for v in vals if v is not None]
    return sum(known) if known else None
