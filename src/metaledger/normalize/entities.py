"""The form names are matched in, with a map back to the original offsets.

A name is written many ways: 彭博 · 社 and 彭博社, ＭＥＴＡ and Meta, 輝達 and 辉达,
Scale  AI and Scale AI. The *match view* of a text folds those differences away:

- traditional characters become simplified, full-width ASCII becomes ASCII, ASCII letters
  become lower case (each one character for one, by ``str.translate``);
- spaces and middle dots disappear, except one space between two Latin letters or digits,
  so ``Llama 4`` stays two words and ``Meta2025`` is never confused with ``Meta 2025``.

Aliases are folded by the same function, so matching the view against folded aliases is
matching the text against every way of writing them. ``origin`` maps a view index back to
the text, so spans always keep the original characters.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from array import array
from dataclasses import dataclass

# Whitespace and the middle dots that join transliterated names (马克·扎克伯格, 彭博 · 社).
_DOTS = "\u00b7\u2027\u2022\u30fb\u22c5"
_REMOVABLE = re.compile(rf"([\s{_DOTS}]+)")  # captured: split keeps the runs between the texts
_LATIN_OR_DIGIT = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


@functools.lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """One character for one: simplified, half-width, lower-case ASCII."""
    from ..text.script import traditional_table

    table = dict(traditional_table())
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table[code] = chr(code - 0xFEE0).lower()
    for letter in range(ord("A"), ord("Z") + 1):
        table[letter] = chr(letter + 32)
    table[0x3000] = " "  # ideographic space
    return table


@dataclass(frozen=True)
class MatchView:
    """The folded text, and where each of its stretches comes from.

    A stretch is a run of view characters whose original offsets are consecutive: the view
    starting at starts[i] comes from the original at origins[i]. There is one stretch per
    removed run of spaces or dots, not one entry per character, so building a view costs
    one step per run and mapping a span back is a bisection.
    """

    text: str
    starts: array  # view offsets where stretches begin, increasing; starts[0] == 0
    origins: array  # original offset of each stretch's first character

    def origin(self, index: int) -> int:
        """The offset in the original text of view character index."""
        stretch = bisect.bisect_right(self.starts, index) - 1
        return self.origins[stretch] + index - self.starts[stretch]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of view characters [start, end) (origin of each end, inlined: asked per match)."""
        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_right(self.starts, end - 1, first) - 1
        return self.origins[first] + start - self.starts[first], self.origins[last] + end - self.starts[last]


def match_view(text: str, start: int = 0, end: int | None = None) -> MatchView:
    """The view of text[start:end]; its origins are offsets in the whole text."""
    folded = (text[start:end] if start or end is not None else text).translate(fold_table())
    parts = _REMOVABLE.split(folded)  # kept text, run, kept text, run, ..., kept text
    words = parts[0::2]
    pieces = parts[:]  # the view: the same kept texts, each run replaced by " " or ""
    pieces[1::2] = [
        " " if before[-1:] in _LATIN_OR_DIGIT and after[:1] in _LATIN_OR_DIGIT and run.strip(_DOTS) else ""
        for before, run, after in zip(words, parts[1::2], words[1:])
    ]  # Latin words keep one space between them (Llama 4), never a dot alone (gpt·oss)
    # One stretch per piece: a kept space comes from its run's first character.
    starts = array("l", itertools.accumulate(map(len, pieces[:-1]), initial=0))
    origins = array("l", itertools.accumulate(map(len, parts[:-1]), initial=start))
    return MatchView("".join(pieces), starts, origins)


@functools.lru_cache(maxsize=65536)
def match_form(name: str) -> str:
    """A name as the match view writes it (what an alias is compared in)."""
    return match_view(name).text
