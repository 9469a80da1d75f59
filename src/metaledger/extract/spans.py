"""Helpers shared by the regex extractors: pick longest non-overlapping matches."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from ..resources.rulebook import Rule
from ..tokenize.document import Document


def rule_matches(doc: Document, rules: Iterable[Rule]) -> Iterator[tuple[Rule, re.Match, int]]:
    """Every match of every rule with a pattern, sentence by sentence: (rule, match, sentence index)."""
    rules = [rule for rule in rules if rule.pattern is not None]
    for sentence in doc.sentences:
        for rule in rules:
            for match in rule.pattern.finditer(doc.text, sentence.start, sentence.end):
                if match.end() > match.start():
                    yield rule, match, sentence.index


def longest_first(candidates: list, span=lambda c: c.span()) -> list:
    """Keep the longest of overlapping candidates (earlier one on ties), in text order.

    Taken characters are marked in a bytearray, so each check costs the span's
    length, not the number of spans kept so far (quadratic on a long article).
    """
    spans = [span(candidate) for candidate in candidates]
    if not spans:
        return []
    base = min(start for start, _ in spans)
    taken = bytearray(max(end for _, end in spans) - base)
    kept = []
    for position in sorted(range(len(candidates)), key=lambda i: (spans[i][0] - spans[i][1], spans[i][0])):
        start, end = spans[position][0] - base, spans[position][1] - base
        if taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append(position)
    return [candidates[i] for i in sorted(kept, key=lambda i: spans[i][0])]


class SpanSet:
    """Spans to test others against for overlap in log time (they may overlap each other)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self._starts, end) - 1
        return index >= 0 and self._ends[index] > start
