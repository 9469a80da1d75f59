"""Traditional to simplified Chinese, for matching only (spans keep the original text).

The table (resources/lexicon/traditional.txt) maps one character to one character, so a
converted text has the same length and every offset into it is an offset into the original.
Its header says where it comes from (OpenCC's dictionaries) and how it was derived.
"""

from __future__ import annotations

import functools
from importlib import resources

from ..errors import ResourceError
from ..regex_cache import compile_pattern


@functools.lru_cache(maxsize=1)
def traditional_table() -> dict[int, str]:
    raw = resources.files("metaledger").joinpath("resources", "lexicon", "traditional.txt").read_text("utf-8")
    table: dict[int, str] = {}
    for number, line in enumerate(raw.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        traditional, _, simplified = line.partition("\t")
        if len(traditional) != 1 or len(simplified) != 1:
            raise ResourceError(f"lexicon/traditional.txt:{number}: expected one character, a tab, one character")
        table[ord(traditional)] = simplified
    return table


@functools.lru_cache(maxsize=1)
def _traditional_characters():
    return compile_pattern("[" + "".join(map(chr, traditional_table())) + "]")


def to_simplified(text: str) -> str:
    """Map traditional characters to simplified ones, one character for one (offsets stay valid).

    Text with no traditional character (most news) comes back as the same object, after a
    scan at regex speed; a long text is scanned and converted once however many extractors
    (and parts of a big article) ask for it.
    """
    if len(text) > _LONG:
        return _long_simplified(text)
    if text.isascii() or not _traditional_characters().search(text):
        return text
    return text.translate(traditional_table())


_LONG = 10_000


@functools.lru_cache(maxsize=2)
def _long_simplified(text: str) -> str:
    # Keyed on the text itself: Python caches a string's hash, so a repeat lookup is cheap.
    if text.isascii() or not _traditional_characters().search(text):
        return text
    return text.translate(traditional_table())
