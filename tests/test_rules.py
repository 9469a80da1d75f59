"""Every example and negative of every rule file runs here: the rule files are the spec."""

from __future__ import annotations

import pytest

import metaledger
from metaledger.resources.rulebook import load_rule_file, parse_rule_file, rule_file_names
from metaledger.errors import ResourceError

RULE_FILES = [load_rule_file(name) for name in rule_file_names()]
RULES = [rule for rule_file in RULE_FILES for rule in rule_file.rules]
EXAMPLES = [(rule, i, example) for rule in RULES for i, example in enumerate(rule.examples)]
NEGATIVES = [(rule, i, negative) for rule in RULES for i, negative in enumerate(rule.negatives)]


def _claims(text: str, kind: str, reference_date: str | None):
    return [c for c in metaledger.extract_text(text, reference_date=reference_date).claims if c.kind == kind]


def test_rule_ids_are_unique_across_files():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_rule_has_an_example_and_a_namespaced_id(rule):
    assert rule.examples, f"{rule.id} has no example"
    assert rule.id.startswith(rule.kind + "."), f"{rule.id} should start with {rule.kind}."


@pytest.mark.parametrize("rule, index, example", EXAMPLES, ids=[f"{r.id}[{i}]" for r, i, _ in EXAMPLES])
def test_rule_example(rule, index, example):
    claims = _claims(example.text, rule.kind, example.reference_date)
    found = [c for c in claims if c.text == example.span]
    assert found, f"{rule.id}: no {rule.kind} claim {example.span!r} in {example.text!r}; got {[c.text for c in claims]}"
    claim = found[0]
    # a join (date.range, date.day_time) may own the claim an example of its parts ends in
    produced_by = example.expect.get("rule", rule.id)
    assert claim.rule == produced_by, f"{example.span!r} came from {claim.rule}, not {produced_by}"
    for field, expected in example.expect.items():
        assert getattr(claim, field) == expected, f"{rule.id}: {field} of {example.span!r} is {getattr(claim, field)!r}, expected {expected!r}"


@pytest.mark.parametrize("rule, index, negative", NEGATIVES, ids=[f"{r.id}[neg{i}]" for r, i, _ in NEGATIVES])
def test_rule_negative(rule, index, negative):
    claims = _claims(negative.text, rule.kind, negative.reference_date)
    if negative.this_rule_only:
        claims = [c for c in claims if c.rule == rule.id]
    if negative.span is None:
        assert not claims, f"{rule.id}: expected no {rule.kind} in {negative.text!r}, got {[c.text for c in claims]}"
    else:
        start = negative.text.index(negative.span)
        end = start + len(negative.span)
        overlapping = [c.text for c in claims if c.start < end and start < c.end]
        assert not overlapping, f"{rule.id}: expected nothing over {negative.span!r}, got {overlapping}"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"rules": []}, "needs 'kind'"),
        ({"kind": "figure", "rules": [{"pattern": "x"}]}, "needs an id"),
        ({"kind": "figure", "rules": [{"id": "a"}, {"id": "a"}]}, "duplicate rule id"),
        ({"kind": "figure", "rules": [{"id": "a", "pattern": "{NOPE}"}]}, "unknown macro"),
        ({"kind": "figure", "rules": [{"id": "a", "pattern": "("}]}, "bad pattern"),
        ({"kind": "figure", "rules": [{"id": "a", "examples": [{"text": "x", "span": "y"}]}]}, "not in"),
        ({"kind": "figure", "macros": {"A": "{A}"}, "rules": [{"id": "a", "pattern": "{A}"}]}, "too deep"),
    ],
)
def test_broken_rule_files_are_refused(data, message):
    with pytest.raises(ResourceError, match=message):
        parse_rule_file("test.yaml", data)


def test_macros_expand_nested_and_leave_counts_alone():
    rule_file = parse_rule_file(
        "t.yaml",
        {"kind": "figure", "macros": {"D": "[0-9]", "N": "{D}{2,3}"}, "rules": [{"id": "figure.t", "pattern": "{N}人"}]},
    )
    assert rule_file.rules[0].pattern.fullmatch("123人")
    assert not rule_file.rules[0].pattern.fullmatch("1人")
