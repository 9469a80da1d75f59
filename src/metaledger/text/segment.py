"""Sentences with half-open [start, end) offsets into the original text.

Offsets are computed once, on the original text: nothing is rewritten or
searched for again (the pySBD trap of placeholder symbols).
"""

from __future__ import annotations

import bisect
import re

from ..ledger.models import Sentence

# Longer sentences are cut at a clause mark so one runaway line (a 1 MB line
# with no punctuation) cannot become a single megabyte-long piece of evidence.
MAX_SENTENCE_CHARS = 1000

_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x85\x0b\x0c]")
_END_MARKS = "。！？!?；;"
_ELLIPSIS_CHARS = "…⋯"
_CLOSERS = "」』”’）)】〕〉》\"'"
_BULLETS = "·•●▪◆■▶►◇○・"
_CANDIDATE = re.compile(r"[。！？!?；;]+|[…⋯]+|\.{3,}|\.")
# The e-mail local part starts only where a run of its characters starts and is at
# most 64 long (RFC 5321): unanchored, [\w.+-]+@ retried at every position of a
# megabyte line without "@" took quadratic time.
_URL = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s\u3000-\u303f\uff00-\uffef「」『』“”《》<>]+"
    r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
    re.I,
)
_QUOTE_PAIRS = {"「": "」", "『": "』", "“": "”", "‘": "’", "《": "》", "〈": "〉"}
_QUOTE_CHAR = re.compile("[" + "".join(_QUOTE_PAIRS) + "".join(_QUOTE_PAIRS.values()) + "]")
_TERMINAL_INSIDE_QUOTE = set(_END_MARKS) | set(_ELLIPSIS_CHARS) | {"."}
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof inc ltd co corp st jr sr no vs etc e.g i.e u.s u.k jan feb mar apr jun jul aug sep sept oct nov dec fig al".split()
)
_CLAUSE_MARKS = re.compile(r"[，,、：:]\s*")
_CLOSER_RUN = re.compile("[" + re.escape(_CLOSERS + _END_MARKS) + "]*")
_AFTER_ELLIPSIS = re.compile(r"[ \t\u3000]*(.)", re.S)
_AFTER_SPACE = re.compile(r"\s*(.)", re.S)
_WORD_LOOKBACK = 16  # longer than any abbreviation; enough to tell a word
_WORD_OR_DOTS = re.compile(r"(?:[^\W\d_]|\.)*")  # letters (any script) and dots


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
    marks = [
        match.end()
        for match in _CANDIDATE.finditer(text, start, end)
        if not _inside(protected, match.start()) and _ends_sentence(text, match, end)
    ]
    marks += [closer for closer in quote_ends if not _inside(protected, closer)]
    cuts = _extend_closers(text, marks, end)
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
        following = _next_char(text, after, line_end, _AFTER_ELLIPSIS)
        return following is None or following in _CLOSERS
    return _latin_full_stop(text, match.start(), after, line_end)


def _latin_full_stop(text: str, dot: int, after: int, line_end: int) -> bool:
    """A '.' ends a sentence only after a Latin word that is no abbreviation, before a capital or Han."""
    # Look back a bounded stretch: "a.a.a.…" a megabyte long must not be rescanned at every dot.
    backwards = text[max(0, dot - _WORD_LOOKBACK) : dot][::-1]
    word = _WORD_OR_DOTS.match(backwards).group()[::-1]
    if len(word) < 2 or not word.isascii() or word.lower().rstrip(".") in _ABBREVIATIONS:
        return False
    if after >= line_end:
        return True
    if not text[after].isspace():
        return False
    following = _next_char(text, after, line_end, _AFTER_SPACE)
    return following is not None and (following.isupper() or "\u4e00" <= following <= "\u9fff")


def _next_char(text: str, position: int, line_end: int, pattern: re.Pattern) -> str | None:
    """The first character at or after position that pattern skips to, or None at the line end."""
    match = pattern.match(text, position, line_end)
    return match.group(1) if match else None


def _extend_closers(text: str, positions: list[int], line_end: int) -> set[int]:
    """Each position moved past the closing quotes and end marks that follow it.

    Positions inside one run of closers all reach the same end, which is computed
    once: re-walking "。」。」…" from every mark in it took quadratic time.
    """
    cuts: set[int] = set()
    run_start, run_end = -1, -1
    for position in sorted(positions):
        if not run_start <= position <= run_end:
            run_start = position
            run_end = _CLOSER_RUN.match(text, position, line_end).end()
        cuts.add(run_end)
    return cuts


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
