"""Scoring marked time expressions (CEC's cec_times.dev.jsonl): spans only, no values.

Each case is one report: ``text`` (a title line, a report-date line, then the body),
``ref_date``, and ``expected`` time expressions ``{span, char_start, char_end, time_type}``
with ``span_only: true``. The predictions are the date claims of the report. A prediction
matches a marked expression when their spans overlap, one to one (largest overlap first).

Only the body is scored: the corpus leaves the title and the report-date line unmarked, so
both sides' spans that start before the third line are dropped (a text with fewer than three
lines is all body). Rows: the whole set, then one per category taken from the case id
(``cec-fire-53b5a8f9`` → ``fire``). Notes: recall per marked ``time_type`` and how many spans
the body-only rule left out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..ledger.models import Claim
from .case_lines import body_start, category_of, check_char_span, extract_case, read_case_lines
from .matching import Tally, greedy_pairs, overlap

_MAX_TEXT = 200  # characters of a report shown with its failures


@dataclass
class TimeSpanReport:
    path: str
    rows: list[Tally]
    notes: list[str] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.rows[0].precision

    @property
    def recall(self) -> float:
        return self.rows[0].recall

    @property
    def f1(self) -> float:
        return self.rows[0].f1

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            **{k: v for k, v in self.rows[0].as_dict().items() if k != "label"},
            "rows": [row.as_dict() for row in self.rows],
            "notes": self.notes,
            "failures": self.failures,
        }


def read_time_cases(path: str | Path) -> list[dict]:
    cases = []
    for number, case in read_case_lines(path, "expected"):
        for name in ("expected", "ignore"):
            for index, record in enumerate(case.get(name) or []):
                check_char_span(record, len(case["text"]), f"{path}:{number}: {name}[{index}]")
        cases.append(case)
    return cases


def score_report(case: dict, claims: list[Claim]) -> tuple[list[dict], list[Claim], list[tuple[int, int]], int, int]:
    """(scored marks, scored predictions, matched pairs, marks left out, predictions left out) of one report."""
    body = body_start(case["text"])
    ignores = case.get("ignore") or []
    marks = case["expected"]
    dates = [c for c in claims if c.kind == "date"]
    gold = [m for m in marks if m["char_start"] >= body]
    preds = [
        c for c in dates
        if c.start >= body and not any(overlap(c.start, c.end, i["char_start"], i["char_end"]) for i in ignores)
    ]
    pairs = greedy_pairs(
        gold, preds, lambda m: (m["char_start"], m["char_end"]), lambda c: (c.start, c.end), lambda m, c, shared: shared
    )
    left_out_preds = sum(1 for c in dates if c.start < body)
    return gold, preds, pairs, len(marks) - len(gold), left_out_preds


def score_time_spans(path: str | Path) -> TimeSpanReport:
    """Extract every report and score its date claims against the marked time expressions."""

    cases = read_time_cases(path)
    total = Tally("all")
    categories: dict[str, Tally] = {}
    by_type, found_by_type = Counter(), Counter()
    dropped_gold = dropped_pred = 0
    failures = []
    for case in cases:
        ledger = extract_case(path, case, reference_date=case.get("ref_date"))
        claims = ledger.claims if ledger else []
        gold, preds, pairs, gold_out, pred_out = score_report(case, claims)
        dropped_gold += gold_out
        dropped_pred += pred_out
        counted = len(preds) if case.get("complete", True) else len(pairs)
        category = category_of(case.get("id"))
        for tally in (total, categories.setdefault(category, Tally(category))):
            tally.add(len(gold), counted, len(pairs))
        hit_gold, hit_pred = {g for g, _ in pairs}, {p for _, p in pairs}
        for index, mark in enumerate(gold):
            by_type[mark.get("time_type") or "unmarked"] += 1
            found_by_type[mark.get("time_type") or "unmarked"] += index in hit_gold
        if len(pairs) != len(gold) or counted != len(pairs):
            failures.append({
                "id": case.get("id"),
                "text": case["text"][:_MAX_TEXT],
                "missed": [_brief_mark(m) for i, m in enumerate(gold) if i not in hit_gold],
                "wrong": [_brief_claim(c) for i, c in enumerate(preds) if i not in hit_pred] if counted != len(pairs) else [],
            })
    notes = [
        f"time_type {name}: {by_type[name]} marked, {found_by_type[name]} found (recall {found_by_type[name] / by_type[name]:.3f})"
        for name in sorted(by_type)
    ]
    notes.append(f"body only: {dropped_gold} marked and {dropped_pred} predicted spans in title or date lines left out")
    rows = [total] + [categories[name] for name in sorted(categories)]
    return TimeSpanReport(str(path), rows, notes, failures)


def _brief_mark(mark: dict) -> dict:
    return {k: mark[k] for k in ("span", "char_start", "char_end", "time_type") if k in mark}


def _brief_claim(claim: Claim) -> dict:
    keep = ("text", "start", "end", "start_date", "start_time", "granularity", "rule")
    return {k: getattr(claim, k) for k in keep if getattr(claim, k, None) is not None}
