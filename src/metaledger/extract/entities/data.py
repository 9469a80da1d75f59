"""The word lists the entity rules read: stoplists, parts of names, type cues (package data).

Each file is validated when first read and cached; a broken file is a ResourceError that
names the file and the key.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from ...errors import ResourceError
from ...resources.gazetteer import ENTITY_TYPES, normalize_alias
from ...support.regex_cache import compile_pattern
from ...support.yamlio import load_resource_yaml


def lexicon_file(name: str) -> dict:
    where = f"lexicon/{name}"
    raw = resources.files("metaledger").joinpath("resources", "lexicon", name).read_text("utf-8")
    data = load_resource_yaml(raw, where, ResourceError)
    if not isinstance(data, dict):
        raise ResourceError(f"{where}: expected a mapping of lists")
    return data


def _words(data: dict, key: str, where: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(word, (str, int)) for word in value):
        raise ResourceError(f"lexicon/{where}: '{key}' must be a list of words")
    return [str(word) for word in value]


def _alternation(words: list[str]) -> str:
    """A regex alternation, longest first; a space in a cue matches any run of spaces."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "|".join(r"\s*".join(re.escape(part) for part in word.split()) for word in ordered)


@functools.lru_cache(maxsize=1)
def not_entities() -> frozenset[str]:
    """Every stoplisted word, in the form normalize_alias gives (case-folded, no spaces)."""
    data = lexicon_file("not_entities.yaml")
    words = set()
    for key in ("latin", "chinese", "pronouns", "roles", "annotations"):
        words.update(normalize_alias(word) for word in _words(data, key, "not_entities.yaml"))
    return frozenset(words)


def is_not_entity(text: str) -> bool:
    return normalize_alias(text) in not_entities()


@dataclass(frozen=True)
class NameParts:
    surnames: frozenset[str]  # single characters
    compound_surnames: tuple[str, ...]
    latin_surnames: frozenset[str]
    given_names: frozenset[str]
    transliteration: frozenset[str]
    japanese_surnames: tuple[str, ...] = ()

    def starts_with_surname(self, name: str) -> bool:
        return bool(name) and (name[0] in self.surnames or name.startswith(self.compound_surnames))

    def is_transliteration(self, name: str) -> bool:
        return bool(name) and all(character in self.transliteration for character in name)


@functools.lru_cache(maxsize=1)
def name_parts() -> NameParts:
    data = lexicon_file("name_parts.yaml")
    surnames = data.get("surnames")
    if not isinstance(surnames, dict) or not isinstance(surnames.get("single"), str):
        raise ResourceError("lexicon/name_parts.yaml: 'surnames' needs 'single' (a string of characters)")
    return NameParts(
        surnames=frozenset(surnames["single"].replace(" ", "")),
        compound_surnames=tuple(_words(surnames, "compound", "name_parts.yaml: surnames")),
        latin_surnames=frozenset(_words(data, "latin_surnames", "name_parts.yaml")),
        given_names=frozenset(_words(data, "given_names", "name_parts.yaml")),
        transliteration=frozenset(str(data.get("transliteration", "")).replace(" ", "")),
        japanese_surnames=tuple(_words(data, "japanese_surnames", "name_parts.yaml")),
    )


@dataclass(frozen=True)
class TypeCues:
    """Per type, a regex for a cue ending right before a name and one starting right after it."""

    before: dict[str, re.Pattern]
    after: dict[str, re.Pattern]


@functools.lru_cache(maxsize=1)
def type_cues() -> TypeCues:
    data = dict(lexicon_file("type_cues.yaml"))
    between = _alternation(_words(data, "between", "type_cues.yaml")) if "between" in data else ""
    data.pop("between", None)
    gap = rf"[ \t]*(?:(?:{between})[ \t]*)?" if between else r"[ \t]*"
    before, after = {}, {}
    for entity_type, cues in data.items():
        where = f"type_cues.yaml: {entity_type}"
        if entity_type not in ENTITY_TYPES or not isinstance(cues, dict):
            raise ResourceError(f"lexicon/{where}: types are {', '.join(ENTITY_TYPES)}, each with before/after lists")
        pieces = [_alternation(_words(cues, "before", where))]
        if cues.get("before_pattern"):
            pieces.append(str(cues["before_pattern"]))
        try:
            before[entity_type] = compile_pattern(r"(?:" + "|".join(pieces) + r")[ \t]*$")
            after[entity_type] = compile_pattern(gap + "(?:" + _alternation(_words(cues, "after", where)) + ")")
        except re.error as error:
            raise ResourceError(f"lexicon/{where}: bad pattern: {error}") from None
    return TypeCues(before, after)
