"""Sentences with half-open [start, end) offsets into the original text.

Offsets are computed once, on the original text: nothing is rewritten or
searched for again (the pySBD trap of placeholder symbols).
"""

from __future__ import annotations

import bisect
import re

from .models import Sentence

# Longer sentences are cut at a clause mark so one runaway line (a 1 MB line
# with no punctuation) cannot become a single megabyte-long piece of evidence.
MAX_SENTENCE_CHARS = 1000

_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x85\x0b\x0c]")
_END_MARKS = "。！？!?；;"
_ELLIPSIS_CHARS = "…⋯"
_CLOSERS = "」』”’）)】〕〉》\"'"
_BULLETS = "·•●▪◆■▶►◇○・"
_CANDIDATE = re.compile(r"[。！？!?；;]+|[…⋯]+|\.{3,}|\.")
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s\u3000-\u303f\uff00-\uffef「」『』“”《》<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_QUOTE_PAIRS = {"「": "」", "『": "』", "“": "”", "‘": "’", "《": "》", "〈": "〉"}
_QUOTE_CHAR = re.compile("[" + "".join(_QUOTE_PAIRS) + "".join(_QUOTE_PAIRS.values()) + "]")
_TERMINAL_INSIDE_QUOTE = set(_END_MARKS) | set(_ELLIPSIS_CHARS) | {"."}
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof inc ltd co corp st jr sr no vs etc e.g i.e u.s u.k jan feb mar apr jun jul aug sep sept oct nov dec fig al".split()
)
_CLAUSE_MARKS = re.compile(r"[，,、：:]\s*")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Split text[start:end] into sentences; offsets index the whole text."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for line_start, line_end in _lines(text, start, end):
        for piece_start, piece_end in _split_line(text, line_start, line_end):
            trimmed = _trim(text, piece_start, piece_end)
            if trimmed:
                spans.extend(_cap_length(text, *trimmed))
    line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text, 0, end)]
    return [
        Sentence(index=i, start=s, end=e, line=bisect.bisect_right(line_starts, s), text=text[s:e])
        for i, (s, e) in enumerate(spans)
    ]


def _lines(text: str, start: int, end: int):
    position = start
    for match in _LINE_BREAK.finditer(text, start, end):
        yield position, match.start()
        position = match.end()
    yield position, end


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    protected, quote_ends = _protected_ranges(text, start, end)
    cuts: set[int] = set()
    for match in _CANDIDATE.finditer(text, start, end):
        if _inside(protected, match.start()) or not _ends_sentence(text, match, end):
            continue
        cuts.add(_extend_closers(text, match.end(), end))
    for closer in quote_ends:
        if not _inside(protected, closer):
            cuts.add(_extend_closers(text, closer, end))
    pieces, previous = [], start
    for cut in sorted(cuts):
        if previous < cut < end:
            pieces.append((previous, cut))
            previous = cut
    pieces.append((previous, end))
    return pieces


def _protected_ranges(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], list[int]]:
    """Ranges never split inside: URLs, 《》 titles and quotations that end with an end mark.

    Also returns, for each such quotation, the offset just past its closing quote,
    where the sentence ends.
    """
    ranges = [(m.start(), m.end()) for m in _URL.finditer(text, start, end)]
    quote_ends: list[int] = []
    stack: list[tuple[str, int]] = []
    for match in _QUOTE_CHAR.finditer(text, start, end):
        char, position = match.group(), match.start()
        if stack and char == _QUOTE_PAIRS[stack[-1][0]]:
            opener, open_at = stack.pop()
            if opener in "《〈":
                ranges.append((open_at + 1, position))
            elif _quote_ends_with_mark(text, open_at + 1, position):
                ranges.append((open_at + 1, position))
                quote_ends.append(position + 1)
        elif char in _QUOTE_PAIRS:
            stack.append((char, position))
    ranges.sort()
    return _merge(ranges), quote_ends


def _quote_ends_with_mark(text: str, inner_start: int, inner_end: int) -> bool:
    position = inner_end - 1
    while position >= inner_start and text[position].isspace():
        position -= 1
    return position >= inner_start and text[position] in _TERMINAL_INSIDE_QUOTE


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in ranges:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _inside(ranges: list[tuple[int, int]], position: int) -> bool:
    index = bisect.bisect_right(ranges, (position, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= position < ranges[index][1]


def _ends_sentence(text: str, match: re.Match, line_end: int) -> bool:
    mark = match.group()
    after = match.end()
    if mark[0] in _END_MARKS:
        return True
    if mark[0] in _ELLIPSIS_CHARS or mark.startswith("..."):
        # …… ends a sentence only at the end of a line or before a closing quote;
        # inside a sentence it is a pause ("支持 Gemini、Thinking Machines…… 我们").
        rest = text[after:line_end].lstrip(" \t\u3000")
        return not rest or rest[0] in _CLOSERS
    return _latin_full_stop(text, match.start(), after, line_end)


def _latin_full_stop(text: str, dot: int, after: int, line_end: int) -> bool:
    """A '.' ends a sentence only after a Latin word that is no abbreviation, before a capital or Han."""
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot]
    if len(word) < 2 or not word.isascii() or word.lower().rstrip(".") in _ABBREVIATIONS:
        return False
    if after >= line_end:
        return True
    if not text[after].isspace():
        return False
    rest = text[after:line_end].lstrip()
    return bool(rest) and (rest[0].isupper() or "\u4e00" <= rest[0] <= "\u9fff")


def _extend_closers(text: str, position: int, line_end: int) -> int:
    while position < line_end and (text[position] in _CLOSERS or text[position] in _END_MARKS):
        position += 1
    return position


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (text[start].isspace() or text[start] in _BULLETS):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _cap_length(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = None
        for match in _CLAUSE_MARKS.finditer(text, start + MAX_SENTENCE_CHARS // 2, limit):
            cut = match.end()
        if cut is None:
            space = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, limit)
            cut = space + 1 if space > 0 else limit
        trimmed = _trim(text, start, cut)
        if trimmed:
            pieces.append(trimmed)
        start = cut
    trimmed = _trim(text, start, end)
    if trimmed:
        pieces.append(trimmed)
    return pieces
