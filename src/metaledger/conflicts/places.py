"""Which places lie within which, learned from the ledgers' own addresses.

Chinese addresses run from the largest division to the smallest with nothing between:
四川省汶川县, 四川省攀枝花市仁和区. Two PLACE mentions that touch (one ends where the next
begins) say the second lies in the first, so a report that names the county and one that
names the province can state the same fact — while two counties never can. Names whose core
agrees once a division suffix is dropped are one place when one of them has no suffix and the
other is the only suffixed name of that core in the ledgers (汶川 / 汶川县); two suffixed names
are two places (白河县 is not 白河区).

Actors (Meta, Nvidia) have no nesting: they are compatible only with themselves.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from ..ledger.models import EntityClaim
from ..resources.gazetteer import normalize_alias
from ..support.regex_cache import compile_pattern


class Places:
    """Containment between place names, from touching mentions; names compared by their key."""

    def __init__(self, mentions: Iterable[EntityClaim], suffixes: tuple[str, ...]):
        self._suffixes = suffixes
        self._parents: dict[str, set[str]] = defaultdict(set)
        self.evidence: dict[tuple[str, str], str] = {}  # (outer, inner) → the inner mention's id
        self._ancestors: dict[str, frozenset[str]] = {}
        places = [m for m in mentions if m.type == "PLACE"]  # in ledger order: by article, then position
        suffixed: dict[str, set[str]] = defaultdict(set)
        for mention in places:
            name = normalize_alias(mention.canonical)
            core = self._core(name)
            if core != name:
                suffixed[core].add(name)
        self._named = {core: next(iter(names)) for core, names in suffixed.items() if len(names) == 1}
        # Every way the ledgers write a place (mention texts, canonical names, bare cores) → its key.
        self._written: dict[str, str] = {}
        self.names: dict[str, str] = {}  # key → the canonical name first seen for it
        for mention in places:
            self.names.setdefault(self.key(mention.canonical), mention.canonical)
            for form in (mention.text, mention.canonical):
                self._written[normalize_alias(form)] = self.key(mention.canonical)
        self._written.update((core, name) for core, name in self._named.items())
        self._written = {form: key for form, key in self._written.items() if len(form) >= 2}
        alternation = "|".join(re.escape(form) for form in sorted(self._written, key=lambda f: (-len(f), f)))
        self._pattern = compile_pattern(alternation) if alternation else None
        for previous, mention in zip(places, places[1:]):
            if previous.article == mention.article and previous.end == mention.start:
                self._learn(self.key(previous.canonical), self.key(mention.canonical), mention.id)

    def _core(self, name: str) -> str:
        for suffix in self._suffixes:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return name[: -len(suffix)]
        return name

    def key(self, name: str) -> str:
        """The form names of one place share: normalized; a name without a division suffix stands
        for the one suffixed name the ledgers have for it (汶川 → 汶川县)."""
        name = normalize_alias(name)
        return self._named.get(name, name)

    def _learn(self, outer: str, inner: str, where: str) -> None:
        if outer == inner or inner in self.ancestors(outer):
            return  # a cycle would make every place contain every other
        self._parents[inner].add(outer)
        self.evidence.setdefault((outer, inner), where)
        self._ancestors.clear()

    def ancestors(self, key: str) -> frozenset[str]:
        """Every place known to contain key."""
        if key not in self._ancestors:
            found: set[str] = set()
            stack = list(self._parents.get(key, ()))
            while stack:
                place = stack.pop()
                if place not in found:
                    found.add(place)
                    stack.extend(self._parents.get(place, ()))
            self._ancestors[key] = frozenset(found)
        return self._ancestors[key]

    def named_in(self, text: str) -> list[str]:
        """The keys of the places a phrase names, in its order (川西汶川 → 汶川县; 四川汶川 → Sichuan, 汶川县)."""
        if self._pattern is None or not text:
            return []
        return list(dict.fromkeys(self._written[m.group()] for m in self._pattern.finditer(normalize_alias(text))))

    def most_specific(self, keys: Iterable[str]) -> str | None:
        """The deepest of places that lie on one chain (四川 ⊃ 汶川县 → 汶川县); None when two of them
        are unrelated (a clause naming where a quake struck and where it was felt)."""
        keys = list(dict.fromkeys(keys))
        if not keys or any(not self.compatible(a, b) for a in keys for b in keys):
            return None
        return max(keys, key=self.depth)

    def depth(self, key: str | None) -> int:
        return -1 if key is None else len(self.ancestors(key))

    def compatible(self, one: str | None, other: str | None) -> bool:
        """Unknown fits anything; otherwise the same place or one within the other."""
        if one is None or other is None or one == other:
            return True
        return one in self.ancestors(other) or other in self.ancestors(one)

    def deeper(self, one: str | None, other: str | None) -> str | None:
        """The more specific of two compatible keys."""
        if one is None:
            return other
        if other is None:
            return one
        return other if one in self.ancestors(other) else one

    def chain(self, outer: str, inner: str) -> list[str]:
        """Mention ids that together show outer contains inner (empty when it is not known)."""
        if (outer, inner) in self.evidence:
            return [self.evidence[(outer, inner)]]
        for parent in sorted(self._parents.get(inner, ())):
            if parent == outer or outer in self.ancestors(parent):
                rest = self.chain(outer, parent)
                if rest:
                    return [*rest, self.evidence[(parent, inner)]]
        return []
