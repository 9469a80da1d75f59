"""Traditional to simplified Chinese, for matching only (spans keep the original text).

The table (resources/lexicon/traditional.txt) maps one character to one character, so a
converted text has the same length and every offset into it is an offset into the original.
Its header says where it comes from (OpenCC's dictionaries) and how it was derived.
"""

from __future__ import annotations

import functools
from importlib import resources

from ..errors import ResourceError
from ..support.regex_cache import compile_pattern


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
    """(basic-plane class, supplementary-plane class) of the table's traditional characters.

    Two classes, not one: sre checks a class of basic-plane characters against a bitmap in
    one step, but a class holding any supplementary character (𠵾) item by item, which made
    the "is there anything to convert" scan 20 times slower.
    """
    basic = "".join(chr(code) for code in traditional_table() if code <= 0xFFFF)
    supplementary = "".join(chr(code) for code in traditional_table() if code > 0xFFFF)
    return compile_pattern("[" + basic + "]"), compile_pattern("[" + supplementary + "]") if supplementary else None


_SUPPLEMENTARY = compile_pattern("[\U00010000-\U0010FFFF]")


def _has_traditional(text: str) -> bool:
    basic, supplementary = _traditional_characters()
    if basic.search(text):
        return True
    return supplementary is not None and _SUPPLEMENTARY.search(text) is not None and supplementary.search(text) is not None


def to_simplified(text: str) -> str:
    """Map traditional characters to simplified ones, one character for one (offsets stay valid).

    Text with no traditional character (most news) comes back as the same object, after a
    scan at regex speed; a long text is scanned and converted once however many extractors
    (and parts of a big article) ask for it.
    """
    if len(text) > _LONG:
        return _long_simplified(text)
    if text.isascii() or not _has_traditional(text):
        return text
    return text.translate(traditional_table())


_LONG = 10_000


@functools.lru_cache(maxsize=2)
def _long_simplified(text: str) -> str:
    # Keyed on the text itself: Python caches a string's hash, so a repeat lookup is cheap.
    if text.isascii() or not _has_traditional(text):
        return text
    return text.translate(traditional_table())
