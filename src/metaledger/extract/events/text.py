"""Sentence structure the event rules need: clauses, direct-speech quotes, adjunct phrases.

All offsets index the whole article text; nothing is rewritten.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from .patterns import word_start_pattern

# Clause marks, and brackets/quotes inside which a mark does not end a clause:
# 「Meta 超级智能实验室」(Meta Superintelligence Labs,MSL) is one piece.
_MARKS = re.compile(r"——|—|[，,；;：:！!？?。()（）「」『』“”《》【】]")
_OPENERS = frozenset("(（「『“《【")
_CLOSERS = frozenset(")）」』”》】")
_QUOTE = re.compile(r"「[^「」]{0,2000}」|“[^“”]{0,2000}”|『[^『』]{0,2000}』")
_SPEECH_INSIDE = re.compile(r"[，,。！!？?；;]")
_SPEECH_MIN_CHARS = 14
_BEFORE_SPEECH = re.compile(r"[:：,，]\s*$")
_ADJUNCT_MAX = 40
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！!？?]")


class Clause(NamedTuple):  # a tuple: cheap to make for every clause of every sentence
    start: int
    end: int
    index: int  # position within its sentence
    closer: str  # the mark that ends it; '' at the end of the sentence


def split_clauses(text: str, start: int, end: int) -> list[Clause]:
    """Clauses of text[start:end], cut at ，；：！？。 and dashes outside brackets and quotes."""
    pieces = _cut(text, start, end, respect_brackets=True)
    if pieces is None:  # an unbalanced bracket: cut everywhere rather than not at all
        pieces = _cut(text, start, end, respect_brackets=False)
    clauses = []
    for piece_start, piece_end, closer in pieces:
        if piece_end > piece_start and (text[piece_start] in _LEADING or text[piece_end - 1] in _TRAILING):
            piece_start, piece_end = _strip(text, piece_start, piece_end)  # most pieces need no strip
        if piece_end > piece_start:
            clauses.append(Clause(piece_start, piece_end, len(clauses), closer))
    return clauses


def _cut(text: str, start: int, end: int, respect_brackets: bool):
    depth, piece_start, pieces = 0, start, []
    for match in _MARKS.finditer(text, start, end):
        mark = match.group()
        if mark in _OPENERS or mark in _CLOSERS:
            if respect_brackets:
                depth = depth + 1 if mark in _OPENERS else depth - 1
                if depth < 0:
                    return None
            continue
        if depth:
            continue
        pieces.append((piece_start, match.start(), mark))
        piece_start = match.end()
    if depth:
        return None
    pieces.append((piece_start, end, ""))
    return pieces


_LEADING = " \t\u3000·•"  # stripped from the start of a clause
_TRAILING = " \t\u3000"  # and from its end


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _LEADING:
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def speech_quotes(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Direct quotations (a speaker's words), as opposed to scare quotes around a name or a phrase.

    A quote is speech when it follows a colon or comma (黄仁勋直言:「…」), holds clause
    punctuation, or is long; events inside it are the speaker's, not the article's.
    """
    quotes = []
    for match in _QUOTE.finditer(text, start, len(text) if end is None else end):
        inner = match.group()[1:-1]
        before = text[max(0, match.start() - 3) : match.start()]
        if _BEFORE_SPEECH.search(before) or _SPEECH_INSIDE.search(inner) or len(inner) >= _SPEECH_MIN_CHARS:
            quotes.append(match.span())
    return quotes


class SpanIndex:
    """Items with start/end offsets, in text order and not overlapping (a sentence's tokens, which
    tile it), looked up by bisection: the argument rules ask for the tokens of a stretch of the
    sentence tens of times per trigger."""

    def __init__(self, items: list) -> None:
        self.items = items
        self.starts = [item.start for item in items]
        self.ends = [item.end for item in items]

    def within(self, start: int, end: int) -> list:
        """The items inside [start, end), in order."""
        return self.items[bisect.bisect_left(self.starts, start) : bisect.bisect_right(self.ends, end)]

    def overlapping(self, start: int, end: int) -> list:
        """The items that share a character with [start, end), in order."""
        return self.items[bisect.bisect_right(self.ends, start) : bisect.bisect_left(self.starts, end)]

    def starting_at(self, position: int) -> int | None:
        """The index of the item that starts at position, if one does."""
        index = bisect.bisect_left(self.starts, position)
        return index if index < len(self.starts) and self.starts[index] == position else None

    def ending_by(self, position: int) -> list:
        """The items that end at or before position, in order."""
        return self.items[: bisect.bisect_right(self.ends, position)]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    for span_start, span_end in spans:  # a loop, not any(…): called tens of thousands of times, mostly on [] or one span
        if span_start <= start and end <= span_end:
            return True
    return False


def adjunct_spans(
    text: str, tokens: SpanIndex, clauses: list[Clause], openers: frozenset[str], closers: frozenset[str]
) -> list[tuple[int, int]]:
    """Setting phrases (在 Llama 4 翻车后, 在与 OpenAI 的较量中) inside the clauses of a sentence,
    from its tokens.

    The closer must be a whole token, or end a time/place token (会上), so 在纽约上市 is no adjunct.
    """
    spans: list[tuple[int, int]] = []
    if not tokens.items:
        return spans
    # An opener token starts where an opener word does: look only there, not at every token.
    for opener in word_start_pattern(openers).finditer(text, tokens.starts[0], tokens.ends[-1]):
        index = tokens.starting_at(opener.start())
        if index is None or tokens.items[index].word not in openers:
            continue
        token = tokens.items[index]
        clause_end = next((c.end for c in clauses if c.start <= token.start and token.end <= c.end), None)
        if clause_end is None:
            continue
        for later in tokens.items[index + 1 :]:
            if later.end > clause_end or later.end - token.start > _ADJUNCT_MAX or _CLAUSE_BREAK.fullmatch(later.word):
                break
            if later.word in closers or (later.pos in ("t", "f") and later.word[-1] in closers):
                spans.append((token.start, later.end))
                break
    return spans
