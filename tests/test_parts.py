"""Huge articles are analysed in parts of whole sentences, with ids numbered across parts."""

from __future__ import annotations

import json
from collections import Counter

import metaledger
import metaledger.pipeline as pipeline

from conftest import ARTICLE, REFERENCE_DATE


def _key(claim):
    return (claim.kind, claim.start, claim.text, getattr(claim, "canonical", None), getattr(claim, "value", None))


def test_parts_find_what_one_pass_finds(monkeypatch):
    text = (ARTICLE.read_text(encoding="utf-8") + "\n") * 3
    whole = metaledger.extract_text(text, reference_date=REFERENCE_DATE)
    monkeypatch.setattr(pipeline, "PART_CHARS", 3200)  # one copy of the article per part
    parts = metaledger.extract_text(text, reference_date=REFERENCE_DATE)
    assert len(list(pipeline.sentence_parts(parts.articles[0].sentences))) == 3
    # Entities, dates and figures need no context from another copy: identical.
    non_events = lambda ledger: Counter(_key(c) for c in ledger.claims if c.kind != "event")  # noqa: E731
    assert non_events(parts) == non_events(whole)
    # Ids keep counting across parts: the third copy's first Meta is the same occurrence number.
    assert [c.id for c in parts.claims if c.kind == "entity"] == [c.id for c in whole.claims if c.kind == "entity"]


def test_sentence_parts_cover_every_sentence_once():
    sentences = metaledger.split_sentences("第一句。" * 50)
    ranges = list(pipeline.sentence_parts(sentences, limit=17))
    assert [i for r in ranges for i in r] == list(range(len(sentences)))
    assert all(sum(len(sentences[i].text) for i in r) <= 17 for r in ranges)


def test_jsonl_stream_equals_the_ledger(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "PART_CHARS", 3200)
    big = tmp_path / "big.txt"
    big.write_text((ARTICLE.read_text(encoding="utf-8") + "\n") * 3, encoding="utf-8")
    lines = list(metaledger.api.stream_file_jsonl(big, reference_date=REFERENCE_DATE))
    ledger = metaledger.extract_file(big, reference_date=REFERENCE_DATE)
    records = [json.loads(line) for line in lines]
    assert records[0]["record"] == "article" and records[0]["id"] == "big"
    assert [r["id"] for r in records[1:]] == [c.id for c in ledger.claims]
