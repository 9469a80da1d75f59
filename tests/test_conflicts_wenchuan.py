"""The seven 汶川 reports (../shared/articles/dev/wenchuan, research data kept out of the
repository): what `conflicts` must get right on them, and the README demo built from them.
Skipped when the folder is absent."""

from __future__ import annotations

import pytest

import metaledger
from metaledger.conflicts import find_conflicts
from metaledger.conflicts.rules import fact_rules
from metaledger.conflicts.statements import StatementReader
from metaledger.query import LedgerIndex

from conftest import ROOT, load_script, readme_run

REPORTS = ROOT / ".." / "shared" / "articles" / "dev" / "wenchuan"
AUGUST = "cec-earthquake-60e382e1"  # the 30 August quake in 仁和区/会理县
pytestmark = pytest.mark.skipif(not REPORTS.is_dir(), reason="../shared/articles/dev/wenchuan is not there")


@pytest.fixture(scope="module")
def ledger():
    return metaledger.extract_files([REPORTS])


@pytest.fixture(scope="module")
def report(ledger):
    return find_conflicts(ledger)


def test_the_magnitude_7_8_is_agreed_by_the_reports_that_state_it(report):
    main = [f for f in report.facts if f.attribute == "magnitude" and f.qualifier is None]
    assert [f.status for f in main] == ["agreed"]
    assert {s.claim.value for s in main[0].statements} == {7.8}
    assert set(main[0].articles) >= {"cec-earthquake-76a3a9af", "cec-earthquake-c4a13111", "cec-earthquake-ed40ba2d"}


def test_the_main_shock_is_never_compared_with_aftershocks_or_the_august_quake(ledger, report):
    for fact in report.facts:
        triggers = {s.event.trigger for s in fact.statements}
        assert ("余震" in triggers) == (fact.qualifier == "aftershock"), fact.title
        articles = set(fact.articles)
        assert AUGUST not in articles or articles == {AUGUST}, fact.title
    read = StatementReader(LedgerIndex(ledger), fact_rules()).read()  # facts stated once included
    magnitudes = {s.claim.value: s.qualifier for s in read if s.attribute == "magnitude"}
    assert {value: magnitudes.get(value) for value in (6.0, 5.0, 4.4)} == {6.0: "aftershock", 5.0: "aftershock", 4.4: "aftershock"}


def test_onset_times_at_two_precisions_do_not_conflict(report):
    """14时27分57.9秒 in one report, 14时28分 in others: the same instant at two precisions."""
    for fact in report.facts:
        if fact.attribute != "onset":
            continue
        by_id = {s.claim.id: s for s in fact.statements}
        for relation in fact.relations:
            times = {by_id[relation.first].claim.start_time, by_id[relation.second].claim.start_time}
            assert not times <= {"14:27:57.9", "14:28"}, relation


def test_readme_demo_block_matches_a_real_run(runner, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    script = load_script("update_readme_conflicts")
    expected = script.build_block(readme_run(runner), tmp_path / "wenchuan.yaml")
    actual = script.current_block((ROOT / "README.md").read_text(encoding="utf-8"))
    assert actual == expected, "README conflicts demo is stale: run .venv/bin/python scripts/update_readme_conflicts.py"
