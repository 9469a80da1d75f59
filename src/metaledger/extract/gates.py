"""Gates: let a rule pattern fail in one cheap step where it cannot match.

A rule pattern is tried at every position of a sentence. Where its first character fits,
sre explores every alternative of the large numeral macros before it gives up, about a
microsecond each time, and most such positions (不, 上, 大, 一 …) start no figure at all.
Every figure match holds a numeral, and the characters before its first numeral come from a
small alphabet (约, 超过, 人民币, 第, 负 …); every ``date.month`` match holds a 月. ``gate``
reads such facts off the pattern's parse tree and

- prepends lookaheads ``(?=[first])(?=[lead]{0,16}+[lead anchor])``: the run a match may
  have before its first anchor, then an anchor (or a run too long to follow). They are
  necessary conditions of a match, so matches and groups stay exactly the same, and they
  cost a short character-class run per position;
- keeps the character sets every match holds one of (``needs``), so a sentence lacking one
  is skipped without running the pattern at all.

Nothing here depends on the text: the analysis runs once per pattern.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Iterable, Set
from dataclasses import dataclass
from re import _compiler, _parser
from re import _constants as sre
from typing import Generic, TypeVar

from ..support.cache import results_cache
from ..support.regex_cache import compile_pattern

T = TypeVar("T")


@dataclass(frozen=True)
class GatedPattern:
    """A pattern with its gates in front (same matches), and the sets every match holds one of."""

    pattern: re.Pattern
    needs: tuple[frozenset[str], ...] = ()

    def may_match(self, chars: Set[str]) -> bool:
        """False when ``chars`` (those of a sentence) lack a needed set: no match there."""
        return all(not need.isdisjoint(chars) for need in self.needs)


class GateIndex(Generic[T]):
    """Which of many gated patterns may match in a sentence, from one look at its characters.

    Each needed set is a bit; each character maps to the bits of the sets holding it, so a
    sentence's bits are an OR over its distinct characters, and a pattern may match when
    its own bits are all there (the same answer as ``may_match``, for all patterns at once).
    """

    def __init__(self, entries: Iterable[tuple[T, GatedPattern]]):
        entries = list(entries)
        self._entries = [(item, gated.pattern) for item, gated in entries]
        bits: dict[frozenset[str], int] = {}
        self._masks = []
        for _, gated in entries:
            self._masks.append(sum({bits.setdefault(need, 1 << len(bits)) for need in gated.needs}))
        self._selected: dict[int, list[tuple[T, re.Pattern]]] = {}  # bits present → selection
        self._char_bits: dict[str, int] = {}
        for need, bit in bits.items():
            for char in need:
                self._char_bits[char] = self._char_bits.get(char, 0) | bit

    def select(self, text: str) -> list[tuple[T, re.Pattern]]:
        """The entries whose pattern may match in ``text``, with the gated pattern to run."""
        present = functools.reduce(operator.or_, map(self._char_bits.get, set(text), itertools.repeat(0)), 0)
        selected = self._selected.get(present)
        if selected is None:  # a few hundred bit combinations occur, not one per sentence
            selected = [entry for entry, mask in zip(self._entries, self._masks) if mask & present == mask]
            if len(self._selected) < _SELECTIONS_KEPT:
                self._selected[present] = selected
        return selected


# A run gate looks this far ahead at most: past it the run may go on (it lets the position
# through), so a long run of digits costs a bounded scan per position, never a quadratic one.
_RUN_LIMIT = 16
_SELECTIONS_KEPT = 4096  # distinct bit combinations remembered per index (memory stays bounded)


class _Unbounded(Exception):
    """The pattern consumes characters we do not enumerate (., [^…], \\w)."""


def gate(pattern: re.Pattern, anchors: tuple[str, ...] = ()) -> GatedPattern:
    """``pattern`` gated on its first character and on each anchor set every match holds (each
    of ``anchors`` that is one, and the smallest one found in the pattern itself)."""
    key = (pattern.pattern, int(pattern.flags), tuple(anchors))
    analysis = _ANALYSES.get(key)
    if analysis is None:
        analysis = _analyse(pattern, anchors)
        _ANALYSES.put(key, analysis)
    gated_source, needs = analysis
    needs_text = tuple(frozenset(need) for need in needs)
    if gated_source is None:
        return GatedPattern(pattern, needs_text)
    return GatedPattern(compile_pattern(gated_source, pattern.flags & ~re.UNICODE), needs_text)


# Parsing every rule pattern to gate it took a third of a second of every start, so the
# analysis (plain strings) is kept in the user cache, keyed by the Python build (sre's parser)
# and this module's own source (a changed analysis never reads an old answer).
_ANALYSES = results_cache("gates", __file__)


def _analyse(pattern: re.Pattern, anchors: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """(the gated pattern's source, or None to run the pattern as it is; the needed sets, each
    as a string of its characters)."""
    if pattern.flags & re.IGNORECASE:
        return None, ()
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        _, first, nullable = _sequence(parsed.data, None)
    except _Unbounded:
        return None, ()
    if nullable:
        return None, ()
    needs, runs = [first], []
    for anchor_set in [*(frozenset(map(ord, chars)) for chars in anchors), _required(parsed.data)]:
        run = _run_before_anchor(parsed.data, anchor_set) if anchor_set else None
        if run is not None:
            needs.append(run[1])
            runs.append(f"(?=[{_char_class(run[0])}]{{0,{_RUN_LIMIT}}}+[{_char_class(run[0] | run[1])}])")
    needs_text = tuple(dict.fromkeys("".join(sorted(map(chr, need))) for need in needs))
    # Without a run the first character alone rarely beats sre's own tests of each branch,
    # and a pattern that starts with a literal or a class is already searched for by sre.
    if not runs or _scans_by_prefix(parsed, pattern.flags):
        return None, needs_text
    gated = f"(?=[{_char_class(first)}])" + "".join(dict.fromkeys(runs)) + f"(?:{pattern.pattern})"
    try:
        compile_pattern(gated, pattern.flags & ~re.UNICODE)
    except re.error:  # a global inline flag such as (?x) must stay first
        return None, needs_text
    return gated, needs_text


def _run_before_anchor(items, anchors: frozenset[int]) -> tuple[set[int], set[int]] | None:
    """(characters a match may have before its first anchor, anchors that may come first), or
    None when some match holds no anchor, starts with one anyway, or is not enumerable."""
    try:
        lead, stops, free = _sequence(items, anchors)
    except _Unbounded:
        return None
    return None if free or not lead else (lead, stops)


def _scans_by_prefix(parsed, flags: int) -> bool:
    code = _compiler._code(parsed, flags)
    return code[0] == sre.INFO and bool(code[2] & (sre.SRE_INFO_PREFIX | sre.SRE_INFO_CHARSET))


def _sequence(items, anchors: frozenset[int] | None) -> tuple[set[int], set[int], bool]:
    """(characters consumed before the first anchor, anchors that may come first, whether a
    path consumes no anchor at all) for a sequence of parsed items. anchors=None makes every
    character an anchor: the second set is then the possible first characters."""
    lead: set[int] = set()
    stops: set[int] = set()
    for op, av in items:
        item_lead, item_stops, free = _item(op, av, anchors)
        lead |= item_lead
        stops |= item_stops
        if not free:
            return lead, stops, False
    return lead, stops, True


def _item(op, av, anchors) -> tuple[set[int], set[int], bool]:
    if op is sre.LITERAL or op is sre.IN:
        points = {av} if op is sre.LITERAL else _class_chars(av)
        lead = set() if anchors is None else points - anchors
        return lead, points - lead, bool(lead)
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT, sre.GROUPREF):
        # Zero width; a back reference repeats text whose characters came before it.
        return set(), set(), True
    if op is sre.SUBPATTERN or op is sre.ATOMIC_GROUP:
        if op is sre.SUBPATTERN and av[1] & sre.SRE_FLAG_IGNORECASE:
            raise _Unbounded
        return _sequence((av[3] if op is sre.SUBPATTERN else av).data, anchors)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = av
        if high == 0:
            return set(), set(), True
        lead, stops, free = _sequence(body.data, anchors)
        return lead, stops, free or low == 0
    if op is sre.BRANCH or op is sre.GROUPREF_EXISTS:
        lead, stops, free = set(), set(), False
        for items in _branches(op, av):
            branch_lead, branch_stops, branch_free = _sequence(items, anchors)
            lead, stops, free = lead | branch_lead, stops | branch_stops, free or branch_free
        return lead, stops, free
    raise _Unbounded


def _branches(op, av) -> list:
    if op is sre.BRANCH:
        return [branch.data for branch in av[1]]
    _, yes, no = av  # (?(group)yes|no)
    return [yes.data, no.data if no is not None else []]


def _required(items) -> frozenset[int] | None:
    """A small set of characters every match holds one of (None: none found): the smallest of
    the items of a sequence; for branches, the union of one from each."""
    best = None
    for op, av in items:
        found = _required_of(op, av)
        if found and (best is None or len(found) < len(best)):
            best = found
    return best


def _required_of(op, av) -> frozenset[int] | None:
    if op is sre.LITERAL:
        return frozenset((av,))
    if op is sre.IN:
        try:
            return frozenset(_class_chars(av))
        except _Unbounded:
            return None
    if op is sre.SUBPATTERN and av[1] & sre.SRE_FLAG_IGNORECASE:
        return None
    if op is sre.SUBPATTERN or op is sre.ATOMIC_GROUP:
        return _required((av[3] if op is sre.SUBPATTERN else av).data)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return _required(av[2].data) if av[0] > 0 else None
    if op is sre.BRANCH or op is sre.GROUPREF_EXISTS:
        found = [_required(items) for items in _branches(op, av)]
        return None if None in found else frozenset().union(*found)
    return None  # zero width, or a back reference


def _class_chars(items) -> set[int]:
    points: set[int] = set()
    for op, av in items:
        if op is sre.LITERAL:
            points.add(av)
        elif op is sre.RANGE:
            points.update(range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY (\d, \s, \w): not a set we spell out
            raise _Unbounded
    return points


def _char_class(points: set[int]) -> str:
    """A character class body for ``points``, runs written as ranges, every character escaped."""
    ordered = sorted(points)
    parts, start = [], 0
    for index in range(1, len(ordered) + 1):
        if index == len(ordered) or ordered[index] != ordered[index - 1] + 1:
            low, high = ordered[start], ordered[index - 1]
            parts.append(_escape(low) if low == high else f"{_escape(low)}-{_escape(high)}")
            start = index
    return "".join(parts)


def _escape(point: int) -> str:
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"
