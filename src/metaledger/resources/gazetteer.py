"""The gazetteer: canonical entities with their type and aliases, as package data.

Users extend it with their own YAML files (same format); a user entry with the
same canonical name replaces the packaged one, and a user alias wins over a
packaged alias of another entity.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import InputError, ResourceError
from ..support.user_files import read_user_text
from ..support.yamlio import load_resource_yaml, load_yaml

ENTITY_TYPES = ("PERSON", "ORG", "PRODUCT", "PLACE", "OTHER")
_IGNORED_IN_ALIAS = re.compile(r"[\s·・•‧]+")


@dataclass(frozen=True)
class Entry:
    canonical: str
    type: str
    aliases: tuple[str, ...]


@functools.lru_cache(maxsize=65536)
def normalize_alias(name: str) -> str:
    """The form aliases are compared in: case-folded, without spaces or middle dots."""
    from ..text.script import to_simplified

    return _IGNORED_IN_ALIAS.sub("", to_simplified(name)).casefold()


class Gazetteer:
    def __init__(self, entries: list[Entry]):
        self.entries: tuple[Entry, ...] = tuple(entries)
        self._by_alias: dict[str, Entry] = {}
        for entry in self.entries:  # later entries win, so user files override
            for alias in (entry.canonical, *entry.aliases):
                self._by_alias[normalize_alias(alias)] = entry

    def lookup(self, name: str) -> Entry | None:
        return self._by_alias.get(normalize_alias(name))

    def aliases(self) -> dict[str, Entry]:
        """Every surface form (as written in the files) with the entry it names."""
        forms: dict[str, Entry] = {}
        for entry in self.entries:
            for alias in (entry.canonical, *entry.aliases):
                forms[alias] = self._by_alias[normalize_alias(alias)]
        return forms

    def merged(self, other: Gazetteer) -> Gazetteer:
        replaced = {entry.canonical for entry in other.entries}
        return Gazetteer([e for e in self.entries if e.canonical not in replaced] + list(other.entries))


def parse_gazetteer(data: object, where: str, error=ResourceError) -> Gazetteer:
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise error(f"{where}: a lexicon needs a list under 'entities'")
    entries = []
    for index, raw in enumerate(data["entities"]):
        if not isinstance(raw, dict) or not raw.get("canonical"):
            raise error(f"{where}: entity #{index} needs a 'canonical' name")
        entity_type = raw.get("type")
        if entity_type not in ENTITY_TYPES:
            raise error(f"{where}: {raw['canonical']}: type must be one of {', '.join(ENTITY_TYPES)}")
        aliases = raw.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, (str, int)) for a in aliases):
            raise error(f"{where}: {raw['canonical']}: aliases must be a list of names")
        entries.append(Entry(str(raw["canonical"]), entity_type, tuple(str(a) for a in aliases)))
    return Gazetteer(entries)


_PACKAGED_FOLDER = ("resources", "lexicon", "gazetteer")


@functools.lru_cache(maxsize=1)
def packaged_gazetteer() -> Gazetteer:
    """Every file of resources/lexicon/gazetteer/ (sorted by name), merged; cached."""
    folder = resources.files("metaledger").joinpath(*_PACKAGED_FOLDER)
    entries: list[Entry] = []
    for item in sorted(folder.iterdir(), key=lambda item: item.name):
        if item.name.endswith(".yaml"):
            where = "lexicon/gazetteer/" + item.name
            entries.extend(parse_gazetteer(load_resource_yaml(item.read_bytes(), where, ResourceError), where).entries)
    return Gazetteer(entries)


def load_gazetteer(user_files: tuple[str | os.PathLike, ...] = ()) -> Gazetteer:
    """The packaged gazetteer merged with the user's lexicon files (theirs win)."""
    gazetteer = packaged_gazetteer()
    for path in user_files:
        path = Path(path)
        raw = read_user_text(path, "lexicon file", encoding="utf-8-sig")
        data = load_yaml(raw, str(path), InputError)
        gazetteer = gazetteer.merged(parse_gazetteer(data, str(path), error=InputError))
    return gazetteer
