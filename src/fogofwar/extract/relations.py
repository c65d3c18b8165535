"""Actor relations stated in a sentence: who backs, allies with, fights or besieges whom.

Rules read the actor mentions of the actors stage plus bare country words ("backed by
Iran", "US-backed"), which the actors stage leaves to the places stage; a bare country is
read as its government ("government:IR"). Patterns:

- "US-backed forces", "Iranian-backed militias", "Turkish-supported rebels" -> backs
- "backed (up) by X, Y and Z", "supported by X", "with the backing of X",
  "with Russian airpower backing" -> backs, one edge per backer
- "allied with X", "in alliance with X" -> allied_with
- "fighting X", "clashed with X" -> fights; "besieged by X", "under siege by X" -> besieges
- "X, part of Y", "X, a faction of Y" -> part_of

The backed (or besieged) actor is the nearest actor the phrase modifies, together with
the actors coordinated with it ("the army and Shia militias, backed by ...").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from fogofwar.extract.actors import UNKNOWN, ActorDictionary
from fogofwar.extract.sentences import starts as sentence_starts
from fogofwar.model import ActorMention, AnnotatedDoc, Relation, RelationKind, Sentence, evolve
from fogofwar.resources import Resources

STAGE = "relations.v1"
_WINDOW = 60  # max characters between a phrase and the actor it attaches to
_PREFIXED = re.compile(r"-(?:backed|supported|sponsored|funded|armed|trained)\b")
_BACKED_BY = re.compile(
    r"\b(?:backed(?: up)?|supported|aided|assisted|armed|funded|sponsored) by\b"
    r"|\bwith the (?:backing|support) of\b|\bwith (?:the )?support from\b"
)
_WITH_BACKING = re.compile(r"\bwith ((?:[\w.'’-]+,? (?:and )?){1,6}?)(?:backing|support|cover)\b")
_BACKS = re.compile(r"\b(?:backs|backed|supports|supported|arms|armed|funds|funded)\b")
# Bare head nouns an armed group goes by: "US-backed forces" names no group.
_HEAD_NOUNS = "forces|fighters|militias|militiamen|groups|factions"
_BACKED_NOUN = re.compile(rf"\s*(?:{_HEAD_NOUNS})\b")
_ALLIED = re.compile(r"\b(?:allied with|in alliance with|aligned with|alongside)\b")
_FIGHTS = re.compile(
    r"\b(?:fighting|battling|fought|fight against|clash(?:ed|es|ing)? with|at war with)\b"
)
_BESIEGED_BY = re.compile(r"\b(?:besieged|encircled|surrounded) by\b|\bunder siege (?:by|from)\b")
_BESIEGING = re.compile(r"\b(?:besieging|besieged|laid siege to|laying siege to)\b")
_PART_OF = re.compile(
    r"\s*,\s*(?:which is |itself )?(?:a |an |the |one )?(?:\w+ )?"
    r"(?:part|member|faction|wing|affiliate|branch|unit|component|offshoot)s? of (?:the )?"
)
_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?")
_WORD = re.compile(r"(?:the\s+)?([A-Z][\w.'’]*(?:-[A-Z][\w]*)?)")
_CLAUSE_STOP = re.compile(r"[.;:]")
_THE = re.compile(r"\s*(?:the\s+)?")
# Between an active verb ("aligned with", "fighting") and the actor read as its subject: an
# infinitive or a bare head noun means the verb has another subject ("Isis in Sirte, to
# support forces aligned with the GNA": the forces are aligned, not Isis).
_SUBJECT_BREAK = re.compile(rf"\b(?:to|{_HEAD_NOUNS})\b")
# Words that end the noun phrase after "US-backed": the backed actor must come before them
# ("US-backed forces are fighting Isis" does not say the US backs Isis).
_PHRASE_END = re.compile(
    r"[,;:.()]|\b(?:are|is|was|were|have|has|had|be|been|to|who|which|that|and|or|in|on|at|"
    r"of|for|from|with|by|against|as|after|before|near)\b"
)
_MILITARY_WORDS = re.compile(
    r"\s*(?:air ?power|air|aerial|airstrikes|air strikes|military|forces|troops)\b", re.I
)


# A sentence is read only when it holds one of these substrings.
_TRIGGERS = (
    "-backed", "backed ", "backs ", "backing", "supported", "supports", "support of",
    "support from", "sponsored", "funded", "armed by", "trained by", "allied", "alliance",
    "aligned", "alongside", "fighting", "fought", "battling", "clash", "at war", "siege",
    "besieg", "encircled", "surrounded", "part of", "member of", "faction of", "wing of",
    "affiliate", "branch of", "unit of", "component of", "offshoot",
)  # fmt: skip
# Every match of a pattern starts with one of its anchors, so a pattern is only tried
# (anchored) where an anchor stands instead of being scanned over each sentence.
_ANCHORS: dict[re.Pattern[str], tuple[str, ...]] = {
    _PREFIXED: ("-backed", "-supported", "-sponsored", "-funded", "-armed", "-trained"),
    _BACKED_BY: (
        "backed", "supported", "aided", "assisted", "armed", "funded", "sponsored", "with ",
    ),
    _WITH_BACKING: ("with ",),
    _BESIEGED_BY: ("besieged", "encircled", "surrounded", "under siege"),
    _BACKS: ("backs", "backed", "supports", "supported", "arms", "armed", "funds", "funded"),
    _ALLIED: ("allied with", "in alliance with", "aligned with", "alongside"),
    _FIGHTS: ("fighting", "battling", "fought", "fight against", "clash", "at war with"),
    _BESIEGING: ("besieging", "besieged", "laid siege to", "laying siege to"),
}  # fmt: skip
_TRIGGER = None  # a key's role: a sentence trigger rather than a pattern's anchor


def _scanner() -> ahocorasick.Automaton:
    """One automaton for the triggers and every pattern's anchors."""
    roles: dict[str, list[re.Pattern[str] | None]] = {}
    for w in _TRIGGERS:
        roles.setdefault(w, []).append(_TRIGGER)
    for rx, anchors in _ANCHORS.items():
        for w in anchors:
            roles.setdefault(w, []).append(rx)
    auto = ahocorasick.Automaton()
    for w, rs in roles.items():
        auto.add_word(w, (len(w) - 1, tuple(rs)))
    auto.make_automaton()
    return auto


_SCANNER = _scanner()


class _Ref(NamedTuple):
    """A party in a relation: an actor mention or a bare country word."""

    start: int
    end: int
    actor_id: str


def run(ad: AnnotatedDoc, *, res: Resources) -> AnnotatedDoc:
    """Assign ``relations`` from every sentence's phrases and actor mentions."""
    out: list[Relation] = []
    seen: set[tuple[str, str, str, int]] = set()
    lowered = ad.doc.text.lower()
    if len(lowered) != len(ad.doc.text):  # keep offsets aligned for rare characters
        lowered = "".join(ch.lower()[0] for ch in ad.doc.text)
    anchors = _scan(lowered, ad.sentences)
    if not anchors:
        return evolve(ad, relations=())
    by_sentence: dict[int, list[ActorMention]] = {}
    for m in ad.actors:
        by_sentence.setdefault(m.sentence, []).append(m)
    for k in sorted(anchors):
        sent = ad.sentences[k]
        mentions = by_sentence.get(sent.index, [])
        for rel in _sentence_relations(ad, lowered, sent, mentions, res.actors, anchors[k]):
            key = (rel.kind, rel.source, rel.target, rel.sentence)
            if rel.source != rel.target and key not in seen:
                seen.add(key)
                out.append(rel)
    return evolve(ad, relations=tuple(out))


_Anchors = dict[re.Pattern[str], list[int]]


def _scan(lowered: str, sentences: Sequence[Sentence]) -> dict[int, _Anchors]:
    """For each sentence holding a trigger: the anchor positions of each pattern in it.

    One Aho-Corasick pass over the whole text; most sentences hold no trigger.
    """
    starts = sentence_starts(sentences)
    triggered: set[int] = set()
    found: dict[int, _Anchors] = {}
    for last, (span, roles) in _SCANNER.iter(lowered):
        p = last - span
        k = bisect.bisect_right(starts, p) - 1
        if k < 0 or p >= sentences[k].end:
            continue
        for rx in roles:
            if rx is _TRIGGER:
                if last < sentences[k].end:
                    triggered.add(k)
            else:
                found.setdefault(k, {}).setdefault(rx, []).append(p)
    return {k: found.get(k, {}) for k in triggered}


def _matches(
    rx: re.Pattern[str], low: str, positions: list[int], end: int
) -> Iterator[re.Match[str]]:
    """What ``rx.finditer(low, start, end)`` yields, tried only at anchor ``positions``."""
    nxt = 0
    for p in sorted(set(positions)):
        if p >= nxt:
            m = rx.match(low, p, end)
            if m is not None:
                nxt = m.end()
                yield m


def _sentence_relations(
    ad: AnnotatedDoc,
    lowered: str,
    sent: Sentence,
    mentions: list[ActorMention],
    actors: ActorDictionary,
    anchors: _Anchors,
) -> Iterator[Relation]:
    ctx = _Ctx(
        ad.doc.id,
        ad.doc.text,
        lowered,
        sent,
        [_Ref(m.start, m.end, m.canonical_id) for m in mentions],
        actors,
        anchors,
    )
    # a pattern without an anchor in the sentence has no match there
    if _PREFIXED in anchors:
        yield from ctx.prefixed()
    if _BACKED_BY in anchors:
        yield from ctx.passive(_BACKED_BY, "backs")
    if _WITH_BACKING in anchors:
        yield from ctx.with_backing()
    if _BESIEGED_BY in anchors:
        yield from ctx.passive(_BESIEGED_BY, "besieges")
    if _BACKS in anchors:
        yield from ctx.active(_BACKS, "backs")
    if _ALLIED in anchors:
        yield from ctx.active(_ALLIED, "allied_with")
    if _FIGHTS in anchors:
        yield from ctx.active(_FIGHTS, "fights")
    if _BESIEGING in anchors:
        yield from ctx.active(_BESIEGING, "besieges")
    yield from ctx.part_of()


@dataclass(slots=True)  # not frozen: built once per sentence read, and private
class _Ctx:
    doc_id: str
    text: str
    low: str  # the lower-cased text, same length: the trigger patterns are lower case
    sent: Sentence
    refs: Sequence[_Ref]
    actors: ActorDictionary
    anchors: _Anchors  # pattern -> where its matches may start in this sentence

    def _finditer(self, rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
        return _matches(rx, self.low, self.anchors[rx], self.sent.end)

    # ---- patterns --------------------------------------------------------------------------
    def prefixed(self) -> Iterator[Relation]:
        """ "US-backed forces": the backer is the word before the hyphen."""
        for m in self._finditer(_PREFIXED):
            backer = self._ref_ending_at(m.start())
            target = self._prefixed_head(m.end())
            if backer is not None and target is not None:
                yield self._rel("backs", backer, target, m.start(), m.end())

    def passive(self, pattern: re.Pattern[str], kind: RelationKind) -> Iterator[Relation]:
        """ "<targets> backed by <sources>", "<target> besieged by <source>"."""
        for m in self._finditer(pattern):
            for src in self._list_after(m.end()):
                for tgt in self._chain_before(m.start()):
                    yield self._rel(kind, src, tgt, m.start(), m.end())

    def with_backing(self) -> Iterator[Relation]:
        """ "<target> ... with Russian airpower backing"."""
        for m in self._finditer(_WITH_BACKING):
            for src in self._list_after(m.start(1)):
                if src.end <= m.end(1) + 1:
                    for tgt in self._chain_before(m.start()):
                        yield self._rel("backs", src, tgt, m.start(), m.end())

    def active(self, pattern: re.Pattern[str], kind: RelationKind) -> Iterator[Relation]:
        """ "<source> allied with|fighting|besieging <targets>"."""
        for m in self._finditer(pattern):
            if m.start() > 0 and self.low[m.start() - 1] == "-":
                continue  # "US-supported YPG": the prefixed form, read by ``prefixed``
            sources = self._chain_before(m.start()) or self._country_before(m.start())
            if sources and _SUBJECT_BREAK.search(self.low, sources[0].end, m.start()):
                continue
            for tgt in self._list_after(m.end()):
                for src in sources:
                    yield self._rel(kind, src, tgt, m.start(), m.end())

    def part_of(self) -> Iterator[Relation]:
        """ "Raqqa Revolutionaries Front, part of the SDF"."""
        for ref in self.refs:
            m = _PART_OF.match(self.low, ref.end, self.sent.end)
            whole = self._starting_at(m.end()) if m else None
            if m is not None and whole is not None:
                yield self._rel("part_of", ref, whole, m.start(), m.end())

    # ---- finding the parties ---------------------------------------------------------------
    def _rel(self, kind: RelationKind, src: _Ref, tgt: _Ref, p0: int, p1: int) -> Relation:
        start, end = min(src.start, tgt.start, p0), max(src.end, tgt.end, p1)
        return Relation(
            doc_id=self.doc_id,
            start=start,
            end=end,
            text=self.text[start:end],
            sentence=self.sent.index,
            kind=kind,
            source=src.actor_id,
            target=tgt.actor_id,
            stage=STAGE,
        )

    def _starting_at(self, pos: int) -> _Ref | None:
        for r in self.refs:
            if r.start == pos:
                return r
        ref = self._country_at(pos)
        if ref is not None and self.low.startswith("-", ref.end):
            # "a component of the US-backed SDF": the country modifies the actor after it;
            # "the US-inspired SDF", "Saudi-led strikes": a modifier, never the party
            m = _PREFIXED.match(self.low, ref.end)
            return self._prefixed_head(m.end()) if m is not None else None
        return ref

    def _prefixed_head(self, pos: int) -> _Ref | None:
        """The actor "US-backed" (ending at ``pos``) modifies: the actor holding or right
        after it, within its noun phrase ("US-backed Kurdish Peshmerga forces"), else a
        bare head noun ("US-backed forces") as an unidentified armed group."""
        inside = self._containing(pos)
        if inside is not None:
            return inside
        for r in self.refs:
            if pos <= r.start <= pos + 40:
                gap = self.low[pos : r.start]
                if len(gap.split()) <= 3 and not _PHRASE_END.search(gap):
                    return r
                break
        return self._backed_noun(pos)

    def _country_at(self, pos: int) -> _Ref | None:
        """A bare country word at ``pos`` ("Iran", "US", "Turkish") as its government."""
        m = _WORD.match(self.text, pos, self.sent.end)
        if m is None:
            return None
        cc = self.actors.country_code(m.group(1).rstrip(".,"))
        if cc is None:
            return None
        family = "military_forces" if _MILITARY_WORDS.match(self.text, m.end()) else "government"
        return _Ref(m.start(1), m.start(1) + len(m.group(1).rstrip(".,")), f"{family}:{cc}")

    def _ref_ending_at(self, pos: int) -> _Ref | None:
        for r in self.refs:
            if r.end == pos:
                return r
        start = pos
        while start > self.sent.start and not self.text[start - 1].isspace():
            start -= 1
        ref = self._country_at(start)
        return ref if ref is not None and ref.end == pos else None

    def _country_before(self, pos: int) -> list[_Ref]:
        """ "Iran backs ...": a bare country word right before the verb."""
        end = pos
        while end > self.sent.start and self.text[end - 1].isspace():
            end -= 1
        ref = self._ref_ending_at(end) if end < pos else None
        return [ref] if ref is not None else []

    def _backed_noun(self, pos: int) -> _Ref | None:
        """ "US-backed forces" with no named actor: an unidentified armed group."""
        m = _BACKED_NOUN.match(self.text, pos, self.sent.end)
        if m is None:
            return None
        return _Ref(pos + 1, m.end(), f"unidentified_armed_group:{UNKNOWN}")

    def _containing(self, pos: int) -> _Ref | None:
        for r in self.refs:
            if r.start < pos < r.end:
                return r
        return None

    def _list_after(self, pos: int) -> list[_Ref]:
        """ "X, Y and Z": the actors or countries listed from ``pos`` on."""
        out: list[_Ref] = []
        pos = _skip_the(self.text, pos)
        while pos < self.sent.end:
            ref = self._starting_at(pos)
            if ref is None:
                break
            out.append(ref)
            sep = _SEP.match(self.text, ref.end, self.sent.end)
            if sep is None:
                break
            pos = sep.end()
        return out

    def _chain_before(self, pos: int) -> list[_Ref]:
        """The nearest actor ending before ``pos`` and the actors coordinated with it."""
        before = [r for r in self.refs if r.end <= pos and pos - r.end <= _WINDOW]
        if not before:
            return []
        chain = [before[-1]]
        if _CLAUSE_STOP.search(self.text, chain[0].end, pos):
            return []
        for r in reversed(before[:-1]):
            if not _SEP.fullmatch(self.text, r.end, chain[-1].start):
                break
            chain.append(r)
        return chain


def _skip_the(text: str, pos: int) -> int:
    m = _THE.match(text, pos)
    return m.end() if m else pos
