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


def trie_alternation(words) -> str:
    """Words as one regex shaped like a trie (shared prefixes written once), longer continuations
    tried before a word ends: the same matches as alternation(words), but sre tries one branch per
    character instead of every word at every position where some word may start (a class lexicon
    has over a thousand triggers). The first character is read by one class, then a lookbehind
    class picks its group of _GROUP and a lookbehind literal its branch, as the gazetteer's
    matcher does (extract/entities/match.py)."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(character) + emit(child) for character, child in sorted(node.items()) if character]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ("|" if "" in node else "") + ")"

    firsts = sorted(character for character in trie if character)
    if not firsts:
        return "(?!)"
    groups = []
    for begin in range(0, len(firsts), _GROUP):
        group = firsts[begin : begin + _GROUP]
        branches = [f"(?<={re.escape(first)})" + emit(trie[first]) for first in group]
        groups.append(f"(?<={_character_class(group)})(?:" + "|".join(branches) + ")")
    return _character_class(firsts) + "(?:" + "|".join(groups) + ")"


_GROUP = 32


def _character_class(characters: list[str]) -> str:
    return "[" + "".join(re.escape(character) for character in characters) + "]"


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
