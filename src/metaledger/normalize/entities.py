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

import functools
import re
from array import array
from dataclasses import dataclass

# Whitespace and the middle dots that join transliterated names (马克·扎克伯格, 彭博 · 社).
_REMOVABLE = re.compile(r"[\s\u00b7\u2027\u2022\u30fb\u22c5]+")
_LATIN_OR_DIGIT = re.compile(r"[a-z0-9]")


@functools.lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """One character for one: simplified, half-width, lower-case ASCII."""
    from .script import traditional_table

    table = dict(traditional_table())
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table[code] = chr(code - 0xFEE0).lower()
    for letter in range(ord("A"), ord("Z") + 1):
        table[letter] = chr(letter + 32)
    table[0x3000] = " "  # ideographic space
    return table


@dataclass(frozen=True)
class MatchView:
    text: str
    origin: array  # origin[i] = offset in the original text of view character i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of view characters [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1


def match_view(text: str, start: int = 0, end: int | None = None) -> MatchView:
    """The view of text[start:end]; its origins are offsets in the whole text."""
    if start or end is not None:
        local = match_view(text[start:end])
        return MatchView(local.text, array("l", (offset + start for offset in local.origin)))
    folded = text.translate(fold_table())
    pieces: list[str] = []
    origin = array("l")
    position = 0
    for run in _REMOVABLE.finditer(folded):
        start, end = run.span()
        pieces.append(folded[position:start])
        origin.extend(range(position, start))
        before = folded[start - 1] if start else ""
        after = folded[end] if end < len(folded) else ""
        if _LATIN_OR_DIGIT.match(before) and _LATIN_OR_DIGIT.match(after) and not run.group().isalpha():
            if any(character.isspace() for character in run.group()):
                pieces.append(" ")  # Latin words keep one space between them
                origin.append(start)
        position = end
    pieces.append(folded[position:])
    origin.extend(range(position, len(folded)))
    return MatchView("".join(pieces), origin)


@functools.lru_cache(maxsize=65536)
def match_form(name: str) -> str:
    """A name as the match view writes it (what an alias is compared in)."""
    return match_view(name).text
