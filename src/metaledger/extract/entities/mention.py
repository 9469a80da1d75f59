"""A candidate entity mention, before types are voted and canonical names chosen."""

from __future__ import annotations

import bisect
from typing import NamedTuple

ENTITY_TYPE_ORDER = ("ORG", "PRODUCT", "PERSON", "PLACE", "OTHER")  # tie-break when votes are equal


class Mention(NamedTuple):
    """Named tuple rather than frozen dataclass: an article makes thousands of candidates, and a
    frozen dataclass spends a microsecond setting each one's nine fields."""

    start: int
    end: int
    sentence: int
    rule: str
    type: str | None = None  # fixed (gazetteer, defined alias); None: decided by the article's votes
    canonical: str | None = None  # fixed; None: the longest form of its group in the article
    evidence: tuple[tuple[str, float], ...] = ()  # (type, weight) votes from the name's own shape
    needs_cue: bool = False  # jieba's place or organization guess, kept only if some mention has a type cue
    head: str | None = None  # the name part of "TBD 团队": mentions sharing it may be one unit

    @property
    def known(self) -> bool:
        return self.canonical is not None

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end


def in_one_sentence(doc, start: int, end: int) -> int | None:
    """The sentence index holding [start, end), or None when the span crosses a boundary."""
    index = doc.sentence_index(start)
    if index is None or end > doc.sentence(index).end:
        return None
    return index


class SpanSet:
    """Non-overlapping spans kept sorted, so an overlap query is one bisection."""

    def __init__(self, spans=()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, end)  # spans starting before `end` are [0, index)
        return index > 0 and self.ends[index - 1] > start

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)


class FoldedDocument:
    """The document as the name rules read it: simplified characters, same offsets and sentences.

    Rules, cue lists and name parts are written in simplified Chinese; reading a traditional
    article through this view lets them apply unchanged. Claims still quote the original text.
    """

    def __init__(self, doc):
        from ...text.script import to_simplified
        from ...tokenize.tokens import Token

        self.original = doc
        self.article_id = doc.article_id
        self.text = to_simplified(doc.text)
        self.sentences = doc.sentences
        part = getattr(doc.sentences, "part", range(len(doc.sentences)))
        # The sentences to read in a plain list: the document's window checks every index it is given.
        self.part = [doc.sentences[index] for index in part]
        self._first = part.start
        self._starts = [sentence.start for sentence in self.part]
        self._ends = [sentence.end for sentence in self.part]
        self._same = self.text == doc.text
        self._token = Token
        self._tokens: dict[int, list] = {}
        self._bounds: dict[int, set[int]] = {}

    def sentence(self, index: int):
        """The sentence with this (article-wide) index."""
        position = index - self._first
        return self.part[position] if position >= 0 else self.original.sentences[index]

    def sentence_index(self, offset: int) -> int | None:
        """As Document.sentence_index, searching this part's sentences."""
        position = bisect.bisect_right(self._starts, offset) - 1
        if position < 0:
            return self.original.sentence_index(offset)  # before this part
        return position + self._first if offset < self._ends[position] else None

    def tokens(self, index: int) -> list:
        tokens = self.original.tokens(index)
        if self._same:
            return tokens
        if index not in self._tokens:
            self._tokens[index] = [self._token(self.text[t.start : t.end], t.pos, t.start, t.end) for t in tokens]
        return self._tokens[index]

    def bounds(self, index: int) -> set[int]:
        """Offsets where sentence index's tokens start or end (asked once per gazetteer match)."""
        bounds = self._bounds.get(index)
        if bounds is None:
            tokens = self.original.tokens(index)
            bounds = self._bounds[index] = {token.start for token in tokens} | {token.end for token in tokens}
        return bounds
