"""Finding known names in the match view: gazetteer aliases and aliases an article defines.

Aliases are compiled into one regex shaped like a trie (shared prefixes are written once),
so matching costs one pass of the regex engine over the text whatever the lexicon's size.
The trie tries longer continuations before ending, so the longest alias wins at a position,
and a Latin alias must not sit inside a longer Latin word (Meta in Metabolism).

The pattern starts with a plain character or a class of them (the Latin guard is written
as a lookbehind *after* the first letter), so sre knows the set of characters an alias can
start with and skips every other position of the text without entering the pattern:
that is most of a Chinese article, and makes the scan several times faster.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ...normalize.entities import MatchView, match_form
from ...support.cache import results_cache
from ...support.regex_cache import compile_pattern
from .mention import in_one_sentence

_LATIN = re.compile(r"[a-z0-9]")
# A Latin alias right before "$" is a currency prefix (US$ 5 亿, HK$100), not the place.
_NOT_AFTER_LATIN = r"(?![a-z0-9]|\$)"


def _node_pattern(node: dict, depth: int) -> str:
    branches = []
    for character in sorted(key for key in node if key):
        literal = re.escape(character)
        if depth == 0:
            literal += _latin_guard(character)
        branches.append(literal + _node_pattern(node[character], depth + 1))
    if "" in node:
        branches.append(node[""])  # end of an alias, tried after every longer continuation
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def _latin_guard(first: str) -> str:
    """After an alias's first character: no Latin letter before it, if it is one."""
    return f"(?<![a-z0-9]{re.escape(first)})" if _LATIN.match(first) else ""


def _character_class(characters: list[str]) -> str:
    return "[" + "".join(re.escape(character) for character in characters) + "]"


def _grouped_pattern(trie: dict) -> str:
    """The trie with its first level in groups of _GROUP characters.

    A position where an alias may start enters the pattern, and sre tries the first-level
    branches one by one: hundreds for a gazetteer. Here the first character is read by one
    class, then a lookbehind class picks its group and a lookbehind literal its branch,
    about twice as fast. The matches are the same.
    """
    firsts = sorted(key for key in trie if key)
    groups = []
    for begin in range(0, len(firsts), _GROUP):
        group = firsts[begin : begin + _GROUP]
        branches = [
            f"(?<={re.escape(first)})" + _latin_guard(first) + _node_pattern(trie[first], 1) for first in group
        ]
        groups.append(f"(?<={_character_class(group)})(?:" + "|".join(branches) + ")")
    return _character_class(firsts) + "(?:" + "|".join(groups) + ")"


_GROUP = 32


def trie_pattern(forms: Iterable[str], *, keep: bool = False) -> re.Pattern | None:
    """One regex matching any of forms (already in match form), longest first.

    keep: compile through the user cache (the gazetteer's matcher, the same at every start);
    an article's own names are compiled in memory only, so they never fill that cache.
    """
    forms = sorted({form for form in forms if form})
    if keep:  # the gazetteer's source (a trie of 2,000 names) took 30 ms of every start to write
        source = _KEPT_SOURCES.get(tuple(forms))
        if source is None:
            source = _trie_source(forms)
            _KEPT_SOURCES.put(tuple(forms), source)
        return compile_pattern(source) if source else None
    source = _trie_source(forms)
    return re.compile(source) if source else None


def _trie_source(forms: list[str]) -> str:
    """The trie regex of forms ('' when there are none)."""
    trie: dict = {}
    for form in forms:
        node = trie
        for character in form:
            node = node.setdefault(character, {})
        node[""] = _NOT_AFTER_LATIN if _LATIN.match(form[-1]) else ""
    if not trie:
        return ""
    return _grouped_pattern(trie) if len(trie) > _GROUP else _node_pattern(trie, 0)


# Kept trie sources, by their forms; keyed by this module's source too, so a changed trie
# writer never reads an old answer.
_KEPT_SOURCES = results_cache("tries", __file__)


@dataclass(frozen=True)
class AliasMatcher:
    """Match-form aliases → what they name, and whether a match must show a capital letter."""

    pattern: re.Pattern | None
    targets: dict[str, object]
    capitalized: frozenset[str]  # forms every written variant of which has a capital (Meta, not meta)

    def finditer(self, doc, view: MatchView) -> Iterator[tuple[int, int, int, object]]:
        """(start, end, sentence, target) for every match inside one sentence of doc."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(view.text):
            start, end = view.span(*match.span())
            sentence = in_one_sentence(doc, start, end)
            if sentence is None:
                continue
            if match.group() in self.capitalized and not any(c.isupper() for c in doc.text[start:end]):
                continue  # "meta" or "apple" in running text is a word, not the name
            yield start, end, sentence, self.targets[match.group()]


def build_matcher(written: Iterable[tuple[str, object]], *, keep: bool = False) -> AliasMatcher:
    """From (alias as written, target) pairs; a later pair wins for the same form (keep: see trie_pattern)."""
    targets: dict[str, object] = {}
    lower_variant: set[str] = set()
    for alias, target in written:
        form = match_form(alias)
        if not form:
            continue
        targets[form] = target
        if not any(character.isupper() for character in alias):
            lower_variant.add(form)
    capitalized = frozenset(form for form in targets if any(c.isalpha() and c.isascii() for c in form)) - lower_variant
    return AliasMatcher(trie_pattern(targets, keep=keep), targets, capitalized)


@functools.lru_cache(maxsize=8)
def gazetteer_matcher(gazetteer) -> AliasMatcher:
    pairs = [(alias, entry) for entry in gazetteer.entries for alias in (entry.canonical, *entry.aliases)]
    by_form = {match_form(alias): gazetteer.lookup(alias) for alias, _ in pairs}
    return build_matcher(((alias, by_form[match_form(alias)]) for alias, _ in pairs), keep=True)
