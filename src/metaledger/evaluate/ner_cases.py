"""Scoring named-entity cases: JSONL sentences with PER/LOC/ORG spans (../shared/eval/ner.dev.jsonl).

Each case is extracted as an article of its own; its entity claims are compared with the
annotated spans by exact span and type. Our types map onto the corpus's three (PERSON → PER,
PLACE → LOC, ORG → ORG); PRODUCT and OTHER claims are not scored. The report has a row for
the whole set, then one per type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .case_lines import extract_case, read_case_lines
from .matching import Tally

NER_TYPES = ("PER", "LOC", "ORG")
_OURS_TO_CASES = {"PERSON": "PER", "PLACE": "LOC", "ORG": "ORG"}


@dataclass
class NerReport:
    """Exact span-and-type scores of one NER case file: all types, then one row per type."""

    path: str
    rows: list[Tally]
    failures: list[dict] = field(default_factory=list)

    @property
    def notes(self) -> list[str]:
        return []

    def as_dict(self) -> dict:
        rows = [row.as_dict() for row in self.rows]
        return {"path": self.path, **{k: v for k, v in rows[0].items() if k != "label"}, "types": rows[1:], "failures": self.failures}


def read_ner_cases(path: str | Path) -> list[dict]:
    """The cases of a file, each checked: text, and entities with span, start, end and a PER/LOC/ORG type."""
    cases = []
    for number, case in read_case_lines(path, "entities"):
        for index, entity in enumerate(case["entities"]):
            _check_entity(entity, case["text"], f"{path}:{number}: entities[{index}]")
        cases.append(case)
    return cases


def _check_entity(entity: object, text: str, where: str) -> None:
    if not isinstance(entity, dict):
        raise InputError(f"{where}: an entity must be a mapping")
    start, end = entity.get("start"), entity.get("end")
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)) or not 0 <= start < end <= len(text):
        raise InputError(f"{where}: start and end must be offsets into the text with start < end, not {start!r}, {end!r}")
    if entity.get("type") not in NER_TYPES:
        raise InputError(f"{where}: type must be one of {', '.join(NER_TYPES)}, not {entity.get('type')!r}")


def predicted_spans(claims) -> set[tuple[int, int, str]]:
    """(start, end, PER/LOC/ORG) of the entity claims the cases score."""
    return {(c.start, c.end, _OURS_TO_CASES[c.type]) for c in claims if c.kind == "entity" and c.type in _OURS_TO_CASES}


def score_ner_case(case: dict, predicted: set[tuple[int, int, str]], rows: dict[str, Tally]) -> dict | None:
    """Add one case's counts to rows (by type and "all"); its failure detail, or None when all agree."""
    expected = {(e["start"], e["end"], e["type"]) for e in case["entities"]}
    for label in NER_TYPES:
        gold = {e for e in expected if e[2] == label}
        ours = {p for p in predicted if p[2] == label}
        rows[label].add(len(gold), len(ours), len(gold & ours), cases=0)
    rows["all"].add(len(expected), len(predicted), len(expected & predicted))
    if expected == predicted:
        return None
    text = case["text"]
    show = lambda spans: [{"text": text[s:e], "start": s, "end": e, "type": t} for s, e, t in sorted(spans)]  # noqa: E731
    return {"id": case.get("id"), "text": text, "missed": show(expected - predicted), "wrong": show(predicted - expected)}


def score_ner(path: str | Path) -> NerReport:
    """Extract every sentence as an article and score its entities: exact span and type."""

    cases = read_ner_cases(path)
    rows = {label: Tally(label) for label in ("all", *NER_TYPES)}
    failures = []
    for case in cases:
        ledger = extract_case(path, case)
        claims = ledger.claims if ledger else []
        failure = score_ner_case(case, predicted_spans(claims), rows)
        if failure:
            failures.append(failure)
    for label in NER_TYPES:
        rows[label].cases = rows["all"].cases
    return NerReport(str(path), list(rows.values()), failures)
