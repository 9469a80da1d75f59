"""Entities in 50-odd news sentences written for these tests (tests/fixtures/entities/news_sentences.yaml):
politics, business, sport, disasters, science and local news, with invented people, companies and
villages. Every PERSON, PLACE and ORG mention must be found with its exact span and type, and
nothing else of those types; sentences of words shaped like names must give none."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

import metaledger

SENTENCES = yaml.safe_load((Path(__file__).parent / "fixtures" / "entities" / "news_sentences.yaml").read_text("utf-8"))["sentences"]
TYPES = ("PERSON", "PLACE", "ORG")


def _case(sentence):
    marks = [pytest.mark.xfail(reason=sentence["known_miss"], strict=True)] if sentence.get("known_miss") else []
    return pytest.param(sentence, id=sentence["text"][:16], marks=marks)


@pytest.mark.parametrize("sentence", [_case(s) for s in SENTENCES])
def test_news_sentence(sentence):
    ignored = set(sentence.get("ignore", []))
    claims = metaledger.extract_text(sentence["text"]).claims
    found = Counter((c.text, c.type) for c in claims if c.kind == "entity" and c.type in TYPES and c.text not in ignored)
    expected = Counter((text, entity_type) for text, entity_type in sentence["expect"])
    assert found == expected, f"missing {dict(expected - found)}, extra {dict(found - expected)}"


def test_the_sentences_cover_every_kind_of_news():
    assert len(SENTENCES) >= 40
    names = [text for s in SENTENCES for text, _ in s["expect"]]
    assert len(set(names)) >= 0.9 * len(names) >= 80  # many different names, not a few repeated
    assert sum(1 for s in SENTENCES if not s["expect"]) >= 4  # sentences with words shaped like names
    assert {t for s in SENTENCES for _, t in s["expect"]} == set(TYPES)


def test_every_expected_span_is_in_its_sentence():
    for sentence in SENTENCES:
        for text, entity_type in sentence["expect"]:
            assert text in sentence["text"] and entity_type in TYPES, (sentence["text"], text)
