"""Regex helpers shared by the event lexicon and its cue lists: word alternations, cue patterns, lexicon files."""

from __future__ import annotations

import functools
import re
from importlib import resources

from ...errors import ResourceError
from ...support.regex_cache import compile_pattern
from ...support.yamlio import load_resource_yaml

ENTITY_TYPES = frozenset({"PERSON", "ORG", "PRODUCT", "PLACE", "OTHER"})


def alternation(words) -> str:
    """Words as one regex alternation, longest first (so 发布会 wins over 发布)."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in ordered)


def compile_cue(source: object, where: str) -> re.Pattern | None:
    """A cue pattern from a resource file, compiled; a bad one is a resource error naming where."""
    if source in (None, ""):
        return None
    try:
        return compile_pattern(str(source))
    except re.error as error:
        raise ResourceError(f"{where}: bad pattern {source!r}: {error}") from None


@functools.lru_cache(maxsize=16)
def any_word_pattern(words: frozenset[str]) -> re.Pattern:
    """One regex for a cue word list, built once: a stretch of text without a match has no
    token among the words, so a per-token scan can be skipped."""
    return compile_pattern("|".join(re.escape(word) for word in sorted(words)))


@functools.lru_cache(maxsize=16)
def word_start_pattern(words: frozenset[str]) -> re.Pattern:
    """Every position where one of the words begins (overlapping ones too), built once: a token
    among the words starts at one of them."""
    return compile_pattern("(?=" + "|".join(re.escape(word) for word in sorted(words)) + ")")


def read_lexicon_file(name: str) -> object:
    """A file of resources/lexicon/, parsed."""
    try:
        raw = resources.files("metaledger").joinpath("resources", "lexicon", name).read_text("utf-8")
    except FileNotFoundError:
        raise ResourceError(f"no lexicon file {name!r}") from None
    return load_resource_yaml(raw, f"lexicon/{name}", ResourceError)
