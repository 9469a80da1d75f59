"""Matching predictions to annotations: one-to-one greedy pairs on overlapping spans,
entity names through the alias map, numbers within a tolerance, records checked on read."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import InputError
from ..ledger.models import Claim


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters two half-open spans share."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def greedy_pairs(golds: list, preds: list, span_gold, span_pred, rank: Callable) -> list[tuple[int, int]]:
    """One-to-one pairs of overlapping items, best rank first (rank returns a sortable key, larger is better)."""
    candidates = []
    for gi, gold in enumerate(golds):
        g_start, g_end = span_gold(gold)
        for pi, pred in enumerate(preds):
            p_start, p_end = span_pred(pred)
            shared = overlap(g_start, g_end, p_start, p_end)
            if shared or (g_start == p_start and g_end == p_end):
                candidates.append((rank(gold, pred, shared), -gi, -pi, gi, pi))
    candidates.sort(reverse=True)
    used_gold, used_pred, pairs = set(), set(), []
    for *_, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return pairs


class NameMatcher:
    """Compares entity names after mapping aliases to canonicals, case-insensitively."""

    def __init__(self, gazetteer=None):
        if gazetteer is None:
            from ..resources.gazetteer import packaged_gazetteer

            gazetteer = packaged_gazetteer()
        self.gazetteer = gazetteer

    def key(self, name: str | None) -> str | None:
        if name is None:
            return None
        entry = self.gazetteer.lookup(name)
        return (entry.canonical if entry else name).casefold().replace(" ", "")

    def same(self, a: str | None, b: str | None) -> bool:
        return self.key(a) == self.key(b)


def same_number(a, b) -> bool:
    """Equal within a relative tolerance of 1e-6 (both None counts as equal)."""
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def brief_gold(record: dict) -> dict:
    """The fields of an annotation worth showing in a list of misses."""
    keep = ("text", "trigger", "start", "end", "type", "canonical", "start_date", "end_date", "value", "unit", "approx", "subject", "object")
    return {k: record[k] for k in keep if k in record}


def brief_claim(claim: Claim) -> dict:
    """A claim without the fields that are noise in a list of false alarms."""
    data = claim.model_dump(exclude={"article", "sentence", "rule", "kind"})
    return {k: v for k, v in data.items() if v not in (None, [], "")}


def check_record(record: object, required: tuple[str, ...], where: str) -> None:
    """A gold or case record scoring can read: start <= end integers, required keys, numeric value."""
    if not isinstance(record, dict):
        raise InputError(f"{where}: a record must be a mapping")
    for key in ("start", "end", *required):
        if key not in record:
            raise InputError(f"{where}: missing {key!r}")
    start, end = record["start"], record["end"]
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or not 0 <= start <= end:
        raise InputError(f"{where}: start and end must be integers with 0 <= start <= end, not {start!r}, {end!r}")
    value = record.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise InputError(f"{where}: value must be a number, not {value!r}")


@dataclass
class Tally:
    """Counts behind one row of scores: expected items, predictions, hits; P, R and F1 from them."""

    label: str
    cases: int = 0
    expected: int = 0
    predicted: int = 0
    hits: int = 0

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, expected: int, predicted: int, hits: int, cases: int = 1) -> None:
        self.cases += cases
        self.expected += expected
        self.predicted += predicted
        self.hits += hits

    def as_dict(self) -> dict:
        return {
            "label": self.label, "cases": self.cases, "expected": self.expected, "predicted": self.predicted,
            "hits": self.hits, "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
        }

