"""Gated patterns find exactly what their patterns find, and skip only what cannot match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from metaledger.extract.gates import GateIndex, gate
from metaledger.normalize.figures import figure_tables
from metaledger.resources.rulebook import load_rule_file, rule_file_names

NUMERALS = "0123456789一二三四五六七八九十百千万亿两半"
FILE_NAMES = [name for name in rule_file_names() if name.startswith(("figures", "dates"))]
PATTERNS = [(rule.id, rule.pattern) for name in FILE_NAMES for rule in load_rule_file(name).rules if rule.pattern is not None]
PATTERNS += [(f"guard.{name}", pattern) for name, pattern in figure_tables().guards]
GATED = {name: gate(pattern, (NUMERALS,)) for name, pattern in PATTERNS}
EXAMPLES = [example.text for name in FILE_NAMES for rule in load_rule_file(name).rules for example in rule.examples]
# Pieces of real examples, spliced at random: they make matches, near misses and long runs.
PIECES = sorted({text[i : i + size] for text in EXAMPLES for size in (1, 2, 5) for i in range(0, len(text), size)})


def _found(pattern: re.Pattern, text: str, start: int, end: int) -> list:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text, start, end)]


@pytest.mark.parametrize("name, pattern", PATTERNS, ids=[name for name, _ in PATTERNS])
@settings(max_examples=60, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=40), cut=st.tuples(st.integers(0, 30), st.integers(0, 30)))
def test_gated_pattern_finds_the_same_matches(name, pattern, pieces, cut):
    text = "".join(pieces)
    start, end = min(cut[0], len(text)), max(len(text) - cut[1], 0)
    gated = GATED[name]
    assert _found(gated.pattern, text, start, end) == _found(pattern, text, start, end)
    if not gated.may_match(set(text[start:end])):
        assert _found(pattern, text, start, end) == []


@pytest.mark.parametrize("name, pattern", PATTERNS, ids=[name for name, _ in PATTERNS])
def test_gated_pattern_matches_every_rule_example(name, pattern):
    gated = GATED[name]
    for text in EXAMPLES:
        assert _found(gated.pattern, text, 0, len(text)) == _found(pattern, text, 0, len(text))
        if pattern.search(text):
            assert gated.may_match(set(text))


def test_a_figure_rule_waits_for_a_numeral_and_its_unit():
    gated = gate(re.compile(r"(?:约|超过)?[ ]*[0-9]+[ ]*(?:个|家)"), ("0123456789",))
    assert gated.pattern.pattern != r"(?:约|超过)?[ ]*[0-9]+[ ]*(?:个|家)"
    assert [m.group() for m in gated.pattern.finditer("超过 12 家，约3个，约上个")] == ["超过 12 家", "约3个"]
    assert not gated.may_match(set("超过十二家"))  # no ASCII digit: the rule cannot match
    assert not gated.may_match(set("约 12 人"))  # no 个 or 家
    assert gated.may_match(set("约 12 个"))


def test_every_branch_of_a_top_level_alternation_is_gated_alike():
    pattern = re.compile(r"(?<!x)[ab]+1|c+2")
    gated = gate(pattern, ("12",))
    assert [m.span() for m in gated.pattern.finditer("ab1 cc2 cc a2")] == [m.span() for m in pattern.finditer("ab1 cc2 cc a2")]


@pytest.mark.parametrize("source", [r"a?", r"x.y", r"x[^y]z", r"\d+年", r"(?i)ab1"])
def test_patterns_that_cannot_be_enumerated_or_may_be_empty_stay_as_they_are(source):
    pattern = re.compile(source)
    gated = gate(pattern, ("1",))
    assert gated.pattern is pattern
    if source == "a?":
        assert gated.needs == () and gated.may_match(set())


def test_long_runs_before_the_anchor_stay_linear():
    # The pattern is linear (it only starts a run); an unbounded run gate would scan the
    # rest of the run from every position, 2·10^10 steps.
    gated = gate(re.compile(r"(?<![0-9 ])[0-9 ]+年"), ())
    assert gated.pattern.pattern.startswith("(?=")
    text = "1234567890 " * 20_000  # no 年 anywhere
    assert list(gated.pattern.finditer(text)) == []


@given(pieces=st.lists(st.sampled_from(PIECES), max_size=30))
@settings(max_examples=200, deadline=None)
def test_an_index_selects_exactly_the_patterns_that_may_match(pieces):
    index = GateIndex(GATED.items())
    text = "".join(pieces)
    expected = [(name, gated.pattern) for name, gated in GATED.items() if gated.may_match(set(text))]
    assert index.select(text) == expected
    assert index.select(text) == expected  # the remembered selection is the same


def test_a_cached_analysis_gives_the_same_gates_as_a_fresh_one(monkeypatch):
    """The analysis is kept in the user cache as marshal data; read back, it gates alike."""
    import marshal

    from metaledger.extract import gates

    gated_somewhere = False
    for name, pattern in PATTERNS:
        stored = marshal.loads(marshal.dumps(gates._analyse(pattern, (NUMERALS,))))
        gated_somewhere = gated_somewhere or stored[0] is not None
        monkeypatch.setattr(gates._ANALYSES, "get", lambda key, stored=stored: stored)
        from_cache = gate(pattern, (NUMERALS,))
        monkeypatch.setattr(gates._ANALYSES, "get", lambda key: None)
        monkeypatch.setattr(gates._ANALYSES, "put", lambda key, value: None)
        computed = gate(pattern, (NUMERALS,))
        assert from_cache.pattern.pattern == computed.pattern.pattern, name
        assert from_cache.needs == computed.needs == GATED[name].needs, name
    assert gated_somewhere
