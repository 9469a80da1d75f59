"""resources/lexicon/facts.yaml: its examples read by the real extractor, and its validation."""

from __future__ import annotations

import copy

import pytest

import metaledger
from metaledger.conflicts.rules import fact_rules, parse_fact_rules
from metaledger.conflicts.statements import StatementReader
from metaledger.errors import ResourceError
from metaledger.extract.events.lexicon import event_lexicon
from metaledger.extract.events.patterns import read_lexicon_file
from metaledger.query import LedgerIndex

RULES = fact_rules()


def _read(text: str) -> list[dict]:
    ledger = metaledger.extract_text(text, reference_date="2025-12-11")
    statements = StatementReader(LedgerIndex(ledger), RULES).read()
    return [{"claim": s.claim.text, "value": getattr(s.claim, "value", None), "attribute": s.attribute,
             "topic": s.topic + (f"/{s.qualifier}" if s.qualifier else "")} for s in statements if s.attribute != "onset"]


@pytest.mark.parametrize("example", RULES.examples, ids=[e["text"] for e in RULES.examples])
def test_every_example_reads_as_its_statements(example):
    found = _read(example["text"])
    assert [{key: statement[key] for key in expected} for statement, expected in zip(found, example["expect"])] == example["expect"]
    assert len(found) == len(example["expect"])


def test_every_event_type_named_is_an_event_rule_type():
    types = {rule.get("type") for rule in event_lexicon().rules.values()}
    named = {t for topic in RULES.topics.values() for t in topic.events}
    named |= {t for attribute in RULES.attributes.values() for t in attribute.events}
    assert named <= types, f"not event types: {sorted(named - types)}"


def test_every_topic_attribute_and_cue_is_known():
    for topic in RULES.topics.values():
        assert set(topic.attributes) <= set(RULES.attributes)
    assert RULES.cue_attributes["死亡"] == ("deaths",)


@pytest.mark.parametrize("edit, message", [
    (lambda d: d["attributes"]["deaths"].update(colour="red"), "attributes.deaths: unknown keys ['colour']"),
    (lambda d: d["topics"]["fire"].update(where="sky"), "topics.fire: where must be place or actor"),
    (lambda d: d["topics"]["fire"]["attributes"].append("height"), "topics.fire: unknown attributes ['height']"),
    (lambda d: d["topics"]["fine"]["events"].append("fire"), "event type 'fire' is in topics fire and fine"),
    (lambda d: d.update(about_tolerance=2), "about_tolerance must be a number from 0 to 1"),
    (lambda d: d["attributes"]["loss"].pop("measures"), "attributes.loss: give units or measures"),
])
def test_a_broken_rule_file_names_what_and_where(edit, message):
    data = copy.deepcopy(read_lexicon_file("facts.yaml"))
    edit(data)
    with pytest.raises(ResourceError, match="lexicon/facts.yaml: " + message.replace("[", r"\[").replace("]", r"\]")):
        parse_fact_rules(data)
