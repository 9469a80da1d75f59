"""Pair the claims of two versions of one article, whatever the editing did.

Ids cannot do this alone: an id ends with an occurrence counter per (kind,
key), so removing the first of two "Meta" mentions renames the second. And
offsets, sentence indices and line numbers all shift when a paragraph moves.
So claims are paired by what they say and where they stand in their
sentence:

1. exact: same kind, same claimed content (``claim_signature``) and the same
   sentence once spacing, punctuation and letter case are ignored;
2. fuzzy: the rest, by sentence similarity around the claim (character
   bigrams of the sentence with the claim cut out and digits folded, so
   "600 人裁员" and "700 人裁员" stand in the same place), plus how close the
   claimed content is (same canonical name, same unit, nearby value…);
3. unique: a claim left once among the removed and once among the added,
   with the same content, is one claim rewritten beyond recognition.

A pair whose signatures differ is a changed claim; a pair that kept its
content but not its place is moved (out of order with the other pairs) or
reworded (its sentence says other words, or the claim itself does: another
alias, numeral or trigger word).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict, deque
from dataclasses import dataclass, field
from itertools import accumulate

from ..ledger.models import Article, Claim

# What a claim claims, per kind: a change in any of these is a claim change.
# Surface text, rule, offsets, trigger words and the date's note are evidence
# or wording, not content. Event links are ids and are compared through the
# pairing instead (see diff.py).
COMPARED_FIELDS: dict[str, tuple[str, ...]] = {
    "entity": ("type", "canonical"),
    "date": ("timex", "start_date", "end_date", "granularity", "start_time", "end_time", "time_zone"),
    "figure": ("value", "value_high", "unit", "measure", "approx", "direction", "basis", "subject", "attribute"),
    "event": ("type", "subject", "object", "certainty", "polarity", "attribution"),
}

_NOT_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")
_MARK = "\x01"  # stands for the claim itself once the sentence is normalized
_NEAR = 8  # plain characters each side of a claim for its local context

# Thresholds on sentence similarity (Dice of character bigrams, 0..1).
_SAME_CONTENT_CONTEXT = 0.25  # same claim, sentence rewritten: still recognisably the same place
_SAME_CONTENT_NEAR = 0.5
_CHANGED_CONTEXT = 0.5  # a different value must stand in a clearly similar sentence
_CHANGED_IDENTITY = 0.3


def claim_signature(claim: Claim) -> tuple:
    return tuple(getattr(claim, name) for name in COMPARED_FIELDS[claim.kind])


def plain_text(text: str) -> str:
    """Text without spacing, punctuation or case: what an edit must change to be a rewording."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def _fold(plain: str) -> str:
    """Digits folded, so a changed number elsewhere in the sentence does not hide the place."""
    return _DIGITS.sub("0", plain)


class _Vocabulary:
    """Character bigrams as bits of an int, shared by both sides, so that the overlap of two
    contexts is one AND and a popcount (the fuzzy pass compares many pairs)."""

    def __init__(self) -> None:
        self.bits: dict[str, int] = {}
        self.contents: dict[tuple, int] = {}

    def bigrams(self, text: str) -> tuple[int, int]:
        """(bit set, number of distinct bigrams) of text."""
        grams = {text[i : i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text} - {""}
        bits = 0
        for gram in grams:
            bit = self.bits.setdefault(gram, len(self.bits))
            bits |= 1 << bit
        return bits, len(grams)

    def content(self, claim: Claim) -> int:
        """A small number standing for the claim's kind and signature."""
        return self.contents.setdefault((claim.kind, claim_signature(claim)), len(self.contents))


def dice(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Dice coefficient of two bigram sets given as (bits, size)."""
    if not a[1] and not b[1]:
        return 1.0
    return 2 * (a[0] & b[0]).bit_count() / (a[1] + b[1])


@dataclass(frozen=True)
class Pair:
    old: Claim
    new: Claim
    moved: bool = False
    reworded: bool = False


@dataclass
class Alignment:
    pairs: list[Pair] = field(default_factory=list)
    removed: list[Claim] = field(default_factory=list)
    added: list[Claim] = field(default_factory=list)
    # old sentence index → new sentence index, for sentences known to correspond
    sentence_map: dict[int, int] = field(default_factory=dict)


class _Side:
    """One version's claims with their sentences, normalized once."""

    def __init__(self, article: Article, claims: list[Claim]):
        self.article = article
        self.claims = sorted(claims, key=lambda c: (c.start, c.end, c.kind))
        self.plain = [plain_text(s.text) for s in article.sentences]
        self.wording = _wording(article, self.claims, self.plain)
        self.stream = "".join(self.wording)  # the article's wording without sentence breaks
        self.stream_starts = list(accumulate((len(w) for w in self.wording), initial=0))
        self.plain_stream = "".join(self.plain)
        self.plain_starts = list(accumulate((len(p) for p in self.plain), initial=0))
        self.length = max(1, article.length)

    def around(self, index: int, margin: int) -> str:
        """The article's wording over a sentence and ``margin`` characters either side."""
        start, end = self.stream_starts[index], self.stream_starts[index + 1]
        return self.stream[max(0, start - margin) : end + margin]

    def sentence_of(self, claim: Claim):
        return self.article.sentences[claim.sentence]

    def features(self, claim: Claim, vocabulary: _Vocabulary) -> _Context:
        sentence = self.sentence_of(claim)
        a, b = claim.start - sentence.start, claim.end - sentence.start
        text = sentence.text
        head = plain_text(text[:a])
        around = _fold(head) + _MARK + _fold(plain_text(text[b:]))
        # The near context runs across sentence breaks: a split sentence can leave a claim
        # alone in a short one, with its old neighbours next door.
        start = self.plain_starts[claim.sentence] + len(head)
        end = start + len(plain_text(claim.text))
        near = _fold(self.plain_stream[max(0, start - _NEAR) : start]) + _MARK + _fold(self.plain_stream[end : end + _NEAR])
        place = claim.start / self.length
        return _Context(vocabulary.bigrams(around), vocabulary.bigrams(near), place, vocabulary.content(claim))


@dataclass(frozen=True)
class _Context:
    """What stands around a claim, as character bigrams (the claim itself cut out, digits folded)."""

    sentence: tuple[int, int]  # the rest of its sentence
    near: tuple[int, int]  # _NEAR characters either side in the running text
    place: float  # relative position in the article, 0..1
    content: int  # what the claim says (kind and signature), as a number


def _wording(article: Article, claims: list[Claim], plain: list[str]) -> list[str]:
    """Each sentence's plain text with its claims cut out: what is left when the claims are set aside."""
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for claim in claims:
        spans[claim.sentence].append((claim.start, claim.end))
    wording = list(plain)
    for index, claim_spans in spans.items():
        sentence = article.sentences[index]
        pieces, cursor = [], sentence.start
        for start, end in sorted(claim_spans):
            if start >= cursor:
                pieces.append(plain_text(sentence.text[cursor - sentence.start : start - sentence.start]))
            cursor = max(cursor, end)
        pieces.append(plain_text(sentence.text[cursor - sentence.start :]))
        wording[index] = _MARK.join(pieces)
    return wording


def align_claims(old_article: Article, old_claims: list[Claim], new_article: Article, new_claims: list[Claim]) -> Alignment:
    """Pair old and new claims of one article; the rest are removed or added."""
    old, new = _Side(old_article, old_claims), _Side(new_article, new_claims)
    matched = _match_exact(old, new)
    matched += _match_fuzzy(old, new, {id(p[0]) for p in matched}, {id(p[1]) for p in matched})
    matched.sort(key=lambda p: (p[0].start, p[0].end, p[0].kind))
    sentence_map, moved = _sentence_correspondence(old, new, matched)
    alignment = Alignment(sentence_map=sentence_map)
    for old_claim, new_claim in matched:
        reworded = _reworded(old, old_claim.sentence, new, new_claim.sentence) or _reworded_claim(old_claim, new_claim)
        is_moved = (old_claim.sentence, new_claim.sentence) in moved
        alignment.pairs.append(Pair(old_claim, new_claim, moved=is_moved, reworded=reworded))
    paired_old = {id(p.old) for p in alignment.pairs}
    paired_new = {id(p.new) for p in alignment.pairs}
    alignment.removed = [c for c in old.claims if id(c) not in paired_old]
    alignment.added = [c for c in new.claims if id(c) not in paired_new]
    return alignment


def _match_exact(old: _Side, new: _Side) -> list[tuple[Claim, Claim]]:
    """Same content in the same sentence (up to spacing and punctuation), paired in text order."""
    waiting: dict[tuple, deque[Claim]] = defaultdict(deque)
    for claim in new.claims:
        waiting[(claim.kind, claim_signature(claim), new.plain[claim.sentence])].append(claim)
    pairs = []
    for claim in old.claims:
        queue = waiting.get((claim.kind, claim_signature(claim), old.plain[claim.sentence]))
        if queue:
            pairs.append((claim, queue.popleft()))
    return pairs


def _match_fuzzy(old: _Side, new: _Side, taken_old: set[int], taken_new: set[int]) -> list[tuple[Claim, Claim]]:
    """Greedy best-first pairing of the leftovers of each kind by a similarity score."""
    left_old = [c for c in old.claims if id(c) not in taken_old]
    left_new = [c for c in new.claims if id(c) not in taken_new]
    vocabulary = _Vocabulary()
    new_by_kind: dict[str, list[tuple[int, Claim, _Context]]] = defaultdict(list)
    for j, claim in enumerate(left_new):
        new_by_kind[claim.kind].append((j, claim, new.features(claim, vocabulary)))
    candidates = []
    for i, old_claim in enumerate(left_old):
        old_context = old.features(old_claim, vocabulary)
        for j, new_claim, new_context in new_by_kind.get(old_claim.kind, ()):
            score = _pair_score(old_claim, new_claim, old_context, new_context)
            if score is not None:
                candidates.append((-score, i, j))
    candidates.sort()
    used_old, used_new, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((left_old[i], left_new[j]))
    rest_old = [c for i, c in enumerate(left_old) if i not in used_old]
    rest_new = [c for j, c in enumerate(left_new) if j not in used_new]
    return pairs + _match_unique(rest_old, rest_new)


def _match_unique(old_claims: list[Claim], new_claims: list[Claim]) -> list[tuple[Claim, Claim]]:
    """The last leftovers: a claim said exactly once among the removed and once among the
    added is the same claim, only rewritten beyond recognition or moved far away."""
    old_by_content: dict[tuple, list[Claim]] = defaultdict(list)
    new_by_content: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in old_claims:
        old_by_content[(claim.kind, claim_signature(claim))].append(claim)
    for claim in new_claims:
        new_by_content[(claim.kind, claim_signature(claim))].append(claim)
    return [
        (claims[0], new_by_content[content][0])
        for content, claims in old_by_content.items()
        if len(claims) == 1 and len(new_by_content.get(content, ())) == 1
    ]


def _pair_score(old: Claim, new: Claim, old_context: _Context, new_context: _Context) -> float | None:
    """How likely new is old after editing, or None when they should not be paired at all."""
    context = dice(old_context.sentence, new_context.sentence)
    if old_context.content == new_context.content:
        near = dice(old_context.near, new_context.near)
        if context < _SAME_CONTENT_CONTEXT and near < _SAME_CONTENT_NEAR:
            return None
        identity = 1.0
    else:
        if context < _CHANGED_CONTEXT:
            return None
        identity = content_similarity(old, new)
        if identity < _CHANGED_IDENTITY:
            return None
        near = dice(old_context.near, new_context.near)
    place = 1 - abs(old_context.place - new_context.place)
    return 0.55 * context + 0.15 * near + 0.25 * identity + 0.05 * place


def content_similarity(old: Claim, new: Claim) -> float:
    """0..1: how much two claims of one kind say the same thing."""
    if old.kind == "entity":
        return 1.0 if old.canonical == new.canonical else 0.5 if old.type == new.type else 0.0
    if old.kind == "figure":
        same_unit = old.unit == new.unit
        same_measure = old.measure == new.measure
        return 0.4 * same_unit + 0.2 * same_measure + 0.4 * _closeness(old.value, new.value)
    if old.kind == "date":
        same_granularity = old.granularity == new.granularity
        return 0.5 + 0.2 * same_granularity + 0.3 * _date_closeness(old.start_date, new.start_date)
    if old.kind == "event":
        return 0.4 * (old.type == new.type) + 0.3 * (old.subject == new.subject) + 0.3 * (old.object == new.object)
    return 0.0


def _closeness(a: float, b: float) -> float:
    if a == b:
        return 1.0
    scale = max(abs(a), abs(b))
    return max(0.0, 1 - abs(a - b) / scale) if scale else 1.0


def _date_closeness(a: str | None, b: str | None) -> float:
    if a is None or b is None:
        return 0.5 if a == b else 0.0
    import datetime as dt

    days = abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    return 1 / (1 + days / 365)


def _reworded(old: _Side, old_index: int, new: _Side, new_index: int) -> bool:
    """Other words around the claims. A change of a claim itself is not a rewording (it is a
    change), nor is a sentence split or merged or re-punctuated: then each side's wording
    still stands in the other article's wording at that place, sentence breaks aside."""
    old_wording, new_wording = old.wording[old_index], new.wording[new_index]
    if old_wording == new_wording:
        return False
    return old_wording not in new.around(new_index, len(old_wording)) or new_wording not in old.around(
        old_index, len(new_wording)
    )


def _reworded_claim(old: Claim, new: Claim) -> bool:
    """The same claim said in other words: another alias (小扎 → 扎克伯格), numeral (600 → 六百)
    or trigger (推迟 → 延期). The sentence test cannot see it: it sets the claims aside."""
    return claim_signature(old) == claim_signature(new) and plain_text(old.text) != plain_text(new.text)


def _sentence_correspondence(old: _Side, new: _Side, matched: list[tuple[Claim, Claim]]):
    """(old sentence → new sentence, the correspondences that moved).

    Sentences correspond when they are equal (in order, as difflib finds them) or
    hold a pair of claims. The longest run of correspondences that keeps the
    order stays put; the rest moved — the smaller part of the text, like diff(1).
    Sentences without claims count too, so a moved paragraph is seen as moved
    even when it holds the article's only claims.
    """
    from difflib import SequenceMatcher

    links: set[tuple[int, int]] = set()
    for block in SequenceMatcher(None, old.plain, new.plain, autojunk=False).get_matching_blocks():
        links.update((block.a + offset, block.b + offset) for offset in range(block.size))
    links.update((old_claim.sentence, new_claim.sentence) for old_claim, new_claim in matched)
    ordered = sorted(links)
    kept = _longest_ordered_run([new_index for _, new_index in ordered])
    moved = {link for position, link in enumerate(ordered) if position not in kept}
    mapping: dict[int, int] = {}
    for old_index, new_index in ordered:
        if (old_index, new_index) not in moved:
            mapping.setdefault(old_index, new_index)
    return mapping, moved


def _longest_ordered_run(values: list[int]) -> set[int]:
    """Positions of a longest non-decreasing subsequence of values (patience sorting)."""
    tails: list[int] = []  # smallest last value of a run of each length
    tail_at: list[int] = []  # position of that last value
    previous: list[int] = [-1] * len(values)
    for position, value in enumerate(values):
        length = bisect.bisect_right(tails, value)
        previous[position] = tail_at[length - 1] if length else -1
        if length == len(tails):
            tails.append(value)
            tail_at.append(position)
        else:
            tails[length] = value
            tail_at[length] = position
    kept = set()
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        kept.add(position)
        position = previous[position]
    return kept
