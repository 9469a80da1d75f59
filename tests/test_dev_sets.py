"""The development yardsticks of issue 16 on the shared data (../shared; SHARED=path): the six
hand-checked dev articles (dates F1 >= 0.85, figures >= 0.90, scored by their conventions:
no present-time words, no clock times) and CEC's marked time expressions (body span F1 >=
0.85). The data is research material outside the repository: without it the tests skip."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import metaledger
from metaledger.evaluate.gold import load_gold, score_ledger
from metaledger.evaluate.matching import Tally

from conftest import ROOT

SHARED = Path(os.environ.get("SHARED", ROOT.parent / "shared"))
DEV_GOLD = SHARED / "gold" / "dev"
CEC_TIMES = SHARED / "eval" / "cec_times.dev.jsonl"


@pytest.mark.skipif(not DEV_GOLD.is_dir(), reason=f"no dev gold at {DEV_GOLD} (shared data; set SHARED)")
def test_dev_gold_dates_and_figures():
    totals = {"dates": Tally("dates"), "figures": Tally("figures")}
    for gold_path in sorted(DEV_GOLD.glob("*.gold.yaml")):
        article = SHARED / "articles" / "dev" / (gold_path.name.removesuffix(".gold.yaml") + ".txt")
        ledger = metaledger.extract_file(article)
        scores = score_ledger(ledger, load_gold(gold_path), article_id=article.stem, include_fuzzy=False, include_times=False)
        for score in scores:
            if score.section in totals:
                totals[score.section].add(score.gold, score.predicted, score.hits)
                print(f"\n{article.stem} {score.section}: F1 {score.f1:.3f} ({score.hits}/{score.gold}, {score.predicted} predicted)")
    assert totals["dates"].cases >= 6
    assert totals["dates"].f1 >= 0.85 and totals["figures"].f1 >= 0.90, {k: round(v.f1, 3) for k, v in totals.items()}


@pytest.mark.skipif(not CEC_TIMES.is_file(), reason=f"no {CEC_TIMES} (shared data; set SHARED)")
def test_cec_time_spans():
    from metaledger.evaluate.time_spans import score_time_spans

    report = score_time_spans(CEC_TIMES)
    for row in report.rows:
        print(f"\n{row.label}: P {row.precision:.3f} R {row.recall:.3f} F1 {row.f1:.3f}")
    assert report.f1 >= 0.85
