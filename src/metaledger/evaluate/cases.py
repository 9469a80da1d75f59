"""Scoring development cases: JSONL files of short texts with expected figures or dates
(../shared/eval/numbers.dev.jsonl, dates.dev.jsonl), by the rule in that folder's README."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..ledger.models import Claim, DateClaim, FigureClaim
from .case_lines import extract_case, read_case_lines
from .matching import (
    Tally,
    brief_claim,
    brief_gold,
    check_record,
    greedy_pairs,
    overlap,
    same_number,
)

_CASE_KIND = {"money": "money", "percent": "percent", "ordinal": "ordinal"}
_PERCENT_UNITS = {"percent", "percentage_point", "%"}


def case_kind_of(claim: FigureClaim) -> str:
    """The eval files' figure kind for one of ours: every other measure is a plain number."""
    return _CASE_KIND.get(claim.measure, "number")


def _case_value_equal(expected: dict, claim: Claim) -> bool:
    if isinstance(claim, DateClaim):
        return expected.get("start_date") == claim.start_date and expected.get("end_date") == claim.end_date
    if not same_number(expected.get("value"), claim.value):
        return False
    kind = expected.get("kind")
    if kind == "percent":
        return claim.unit in _PERCENT_UNITS
    if kind == "money":
        return expected.get("unit") == claim.unit
    return True


@dataclass
class CaseReport(Tally):
    """Scores of one case file: the counts of a Tally, plus where they came from and what failed."""

    path: str = ""
    failures: list[dict] = field(default_factory=list)

    @property
    def rows(self) -> list[Tally]:
        """The report as rows of a scores table (one: these files have no breakdown)."""
        return [Tally("all", self.cases, self.expected, self.predicted, self.hits)]

    @property
    def notes(self) -> list[str]:
        return []

    def as_dict(self) -> dict:
        counts = {k: v for k, v in super().as_dict().items() if k != "label"}
        return {"path": self.path, **counts, "failures": self.failures}


def read_cases(path: str | Path) -> list[dict]:
    cases = []
    for number, case in read_case_lines(path, "expected"):
        for key in ("expected", "ignore"):
            for index, record in enumerate(case.get(key) or []):
                check_record(record, (), f"{path}:{number}: {key}[{index}]")
        cases.append(case)
    return cases


def score_case(case: dict, claims: Iterable[Claim]) -> tuple[int, int, int, dict | None]:
    """(expected, scored predictions, hits, failure detail or None) for one case."""
    is_date_case = "reference_date" in case or "complete" in case
    kind = "date" if is_date_case else "figure"
    scope = set(case.get("scope") or [])
    ignores = case.get("ignore") or []
    preds = []
    for claim in claims:
        if claim.kind != kind:
            continue
        if kind == "figure" and scope and case_kind_of(claim) not in scope:
            continue
        if any(overlap(claim.start, claim.end, i["start"], i["end"]) for i in ignores):
            continue
        preds.append(claim)
    expected = case["expected"]
    pairs = greedy_pairs(
        expected,
        preds,
        lambda e: (e["start"], e["end"]),
        lambda p: (p.start, p.end),
        lambda e, p, overlap: (_case_value_equal(e, p), overlap),
    )
    hits = [(ei, pi) for ei, pi in pairs if _case_value_equal(expected[ei], preds[pi])]
    counted = len(preds) if case.get("complete", True) else len(hits)
    failure = None
    if len(hits) != len(expected) or counted != len(hits):
        hit_e, hit_p = {e for e, _ in hits}, {p for _, p in hits}
        failure = {
            "id": case.get("id"),
            "text": case["text"],
            "missed": [brief_gold(e) for i, e in enumerate(expected) if i not in hit_e],
            "wrong": [brief_claim(p) for i, p in enumerate(preds) if i not in hit_p] if counted != len(hits) else [],
        }
    return len(expected), counted, len(hits), failure


def score_cases(path: str | Path) -> CaseReport:
    """Extract every case and score it by the rule in ../shared/eval/README.md."""

    cases = read_cases(path)
    total_expected = total_predicted = total_hits = 0
    failures = []
    for case in cases:
        ledger = extract_case(path, case, reference_date=case.get("reference_date"))
        claims = ledger.claims if ledger else []
        expected, predicted, hits, failure = score_case(case, claims)
        total_expected += expected
        total_predicted += predicted
        total_hits += hits
        if failure:
            failures.append(failure)
    return CaseReport("all", len(cases), total_expected, total_predicted, total_hits, path=str(path), failures=failures)
