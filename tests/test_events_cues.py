"""The examples of the event cue lists (resources/lexicon/events_cues.yaml) run as tests,
through the public API with the packaged gazetteer, like the rule examples do."""

from __future__ import annotations

import pytest

import metaledger
from metaledger.errors import ResourceError
from metaledger.extract.events.lexicon import event_lexicon

CUE_EXAMPLES = event_lexicon().cues.examples


@pytest.mark.parametrize("example", CUE_EXAMPLES, ids=[f"cue[{i}]" for i in range(len(CUE_EXAMPLES))])
def test_cue_example(example):
    claims = metaledger.extract_text(example["text"], reference_date="2025-12-11").claims
    found = [c for c in claims if c.kind == "event" and c.text == example["trigger"]]
    assert found, f"no event {example['trigger']!r} in {example['text']!r}; got {[c.text for c in claims if c.kind == 'event']}"
    for field, expected in (example.get("expect") or {}).items():
        assert getattr(found[0], field) == expected, f"{field} of {example['trigger']!r} in {example['text']!r}"


def test_every_cue_family_has_examples():
    expected = {field for example in CUE_EXAMPLES for field in example.get("expect", {})}
    assert {"certainty", "attribution", "polarity", "subject", "object"} <= expected


def test_a_trigger_word_has_at_most_one_plain_rule():
    lexicon = event_lexicon()
    for word, specs in lexicon.specs.items():
        assert all(spec.rule_id in lexicon.rules for spec in specs)
        assert sum(1 for spec in specs if not spec.conditional) <= 1, word
        assert all(spec.conditional for spec in specs[:-1]), word  # the plain one is tried last


@pytest.mark.parametrize(
    "rule, message",
    [
        ({"id": "event.x", "triggers": ["甲"]}, "needs 'type' and 'triggers'"),
        ({"id": "event.x", "type": "x", "triggers": ["甲"], "subject": ["ANIMAL"]}, "subject must be a list"),
        ({"id": "event.x", "type": "x", "triggers": ["甲"], "frame": "gossip"}, "frame must be one of"),
        ({"id": "event.x", "type": "x", "triggers": [{"word": "甲", "not_after": "("}]}, "bad pattern"),
        ({"id": "event.x", "type": "x", "triggers": ["甲"], "nomnial": True}, "unknown key"),
        ({"id": "event.x", "type": "x", "frames": [{"verb": "启动"}]}, "needs a verb and an object"),
    ],
)
def test_broken_event_rules_are_refused(rule, message):
    from metaledger.extract.events.lexicon import _specs_of
    from metaledger.resources.rulebook import parse_rule_file

    rule_file = parse_rule_file("events_test.yaml", {"kind": "event", "rules": [rule]})
    with pytest.raises(ResourceError, match=message):
        _specs_of(rule_file.rules[0])
