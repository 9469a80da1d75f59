"""The query benchmark's generated ledger is realistic and valid (its timings are never asserted)."""

from __future__ import annotations

import importlib.util
from collections import Counter

from metaledger.ledger.store import dump_ledger, parse_ledger
from metaledger.query import LedgerIndex, claim_context, find_entity, query_claims

from conftest import ROOT


def load_bench():
    spec = importlib.util.spec_from_file_location("query_bench", ROOT / "benchmarks" / "query_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_ledger_has_every_kind_valid_offsets_and_linked_events():
    ledger = load_bench().generate_ledger(2000, seed=3)
    assert len(ledger.claims) >= 2000 and len(ledger.articles) > 10
    kinds = Counter(claim.kind for claim in ledger.claims)
    assert set(kinds) == {"entity", "date", "figure", "event"}
    assert parse_ledger(dump_ledger(ledger)) == ledger  # spans match sentences, links resolve
    events = [c for c in ledger.claims if c.kind == "event"]
    assert any(e.date_ids for e in events) and any(e.figure_ids for e in events) and any(e.attribution for e in events)


def test_the_benchmark_query_finds_claims():
    index = LedgerIndex(load_bench().generate_ledger(3000, seed=7))
    assert find_entity(index, "英伟达") == "Nvidia"
    found = query_claims(index, entity="Nvidia", date_from="2025-01-01", date_to="2025-12-31")
    assert {c.kind for c in found} >= {"entity", "event"}
    assert claim_context(index, found[0].id).sentence.text
