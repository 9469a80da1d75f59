"""Helpers shared by the regex extractors: pick longest non-overlapping matches."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..document import Document
from ..rules import Rule


def rule_matches(doc: Document, rules: Iterable[Rule]) -> Iterator[tuple[Rule, re.Match, int]]:
    """Every match of every rule with a pattern, sentence by sentence: (rule, match, sentence index)."""
    rules = [rule for rule in rules if rule.pattern is not None]
    for sentence in doc.sentences:
        for rule in rules:
            for match in rule.pattern.finditer(doc.text, sentence.start, sentence.end):
                if match.end() > match.start():
                    yield rule, match, sentence.index


def longest_first(candidates: list, span=lambda c: c.span()) -> list:
    """Keep the longest of overlapping candidates (earlier one on ties), in text order."""
    kept: list = []
    taken: list[tuple[int, int]] = []
    for candidate in sorted(candidates, key=lambda c: (-(span(c)[1] - span(c)[0]), span(c)[0])):
        start, end = span(candidate)
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        kept.append(candidate)
        taken.append((start, end))
    return sorted(kept, key=lambda c: span(c)[0])
