"""Traditional to simplified Chinese, for matching only (spans keep the original text)."""

from __future__ import annotations

import functools
from importlib import resources


@functools.lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    raw = resources.files("metaledger").joinpath("resources", "lexicon", "traditional.txt").read_text("utf-8")
    table: dict[int, str] = {}
    for line in raw.splitlines():
        if line and not line.startswith("#"):
            traditional, simplified = line.split("\t")
            table[ord(traditional)] = simplified
    return table


def to_simplified(text: str) -> str:
    """Map traditional characters to simplified ones, one character for one (offsets stay valid)."""
    if text.isascii():
        return text
    return text.translate(_table())
