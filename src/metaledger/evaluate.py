"""Scoring a ledger against hand annotations (gold files) and development cases.

Gold files follow ../shared/gold/README.md: per section, one-to-one greedy
matching on overlapping spans (largest overlap first), and a pair counts as a
hit only when its values agree too. Case files (JSONL) follow ../shared/eval.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .models import Claim, DateClaim, EntityClaim, EventClaim, FigureClaim, Ledger

SECTIONS = ("entities", "dates", "figures", "events")
_KIND_OF_SECTION = {"entities": "entity", "dates": "date", "figures": "figure", "events": "event"}


@dataclass
class SectionScore:
    section: str
    gold: int
    predicted: int
    hits: int
    span_matches: int = 0
    agreement: dict[str, tuple[int, int]] = field(default_factory=dict)  # field → (agree, compared)
    unscored: int = 0  # predictions the gold does not cover (events only)
    misses: list[dict] = field(default_factory=list)
    false_alarms: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "section": self.section,
            "gold": self.gold,
            "predicted": self.predicted,
            "hits": self.hits,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "span_matches": self.span_matches,
            "unscored": self.unscored,
            "agreement": {k: {"agree": a, "compared": n} for k, (a, n) in self.agreement.items()},
            "misses": self.misses,
            "false_alarms": self.false_alarms,
        }


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def greedy_pairs(golds: list, preds: list, span_gold, span_pred, rank: Callable) -> list[tuple[int, int]]:
    """One-to-one pairs of overlapping items, best rank first (rank returns a sortable key, larger is better)."""
    candidates = []
    for gi, gold in enumerate(golds):
        g_start, g_end = span_gold(gold)
        for pi, pred in enumerate(preds):
            p_start, p_end = span_pred(pred)
            overlap = _overlap(g_start, g_end, p_start, p_end)
            if overlap or (g_start == p_start and g_end == p_end):
                candidates.append((rank(gold, pred, overlap), -gi, -pi, gi, pi))
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
            from .lexicon import packaged_gazetteer

            gazetteer = packaged_gazetteer()
        self.gazetteer = gazetteer

    def key(self, name: str | None) -> str | None:
        if name is None:
            return None
        entry = self.gazetteer.lookup(name)
        return (entry.canonical if entry else name).casefold().replace(" ", "")

    def same(self, a: str | None, b: str | None) -> bool:
        return self.key(a) == self.key(b)


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _agree_entity(names: NameMatcher) -> Callable:
    return lambda g, p: g["type"] == p.type and names.same(g["canonical"], p.canonical)


def _agree_date(g: dict, p: DateClaim) -> bool:
    return g.get("start_date") == p.start_date and g.get("end_date") == p.end_date


def _agree_figure(g: dict, p: FigureClaim) -> bool:
    return _same_number(g.get("value"), p.value) and g.get("unit") == p.unit and g.get("approx", "exact") == p.approx


def _agreements_for(section: str, names: NameMatcher) -> dict[str, Callable]:
    if section == "entities":
        return {"type": lambda g, p: g["type"] == p.type, "canonical": lambda g, p: names.same(g["canonical"], p.canonical)}
    if section == "dates":
        return {
            "start_end": _agree_date,
            "granularity": lambda g, p: g.get("granularity") == p.granularity,
            "relative": lambda g, p: g.get("relative") == p.relative,
        }
    if section == "figures":
        return {
            "value": lambda g, p: _same_number(g.get("value"), p.value),
            "unit": lambda g, p: g.get("unit") == p.unit,
            "approx": lambda g, p: g.get("approx", "exact") == p.approx,
            "measure": lambda g, p: g.get("kind") == p.measure,
        }
    return {
        "subject": lambda g, p: names.same(g.get("subject"), p.subject),
        "object": lambda g, p: names.same(g.get("object"), p.object),
        "certainty": lambda g, p: g.get("certainty") == p.certainty,
        "polarity": lambda g, p: g.get("polarity", "positive") == p.polarity,
        "attribution": lambda g, p: names.same(g.get("attribution"), p.attribution),
    }


def _brief_gold(record: dict) -> dict:
    keep = ("text", "trigger", "start", "end", "type", "canonical", "start_date", "end_date", "value", "unit", "approx", "subject", "object")
    return {k: record[k] for k in keep if k in record}


def _brief_claim(claim: Claim) -> dict:
    data = claim.model_dump(exclude={"article", "sentence", "rule", "kind"})
    return {k: v for k, v in data.items() if v not in (None, [], "")}


def score_section(section: str, golds: list[dict], preds: list[Claim], names: NameMatcher) -> SectionScore:
    gold_span = lambda g: (g["start"], g["end"])  # noqa: E731
    pred_span = lambda p: (p.start, p.end)  # noqa: E731
    if section == "entities":
        agree = _agree_entity(names)
    elif section == "dates":
        agree = _agree_date
    elif section == "figures":
        agree = _agree_figure
    else:
        agree = lambda g, p: names.same(g.get("subject"), p.subject)  # noqa: E731
    unscored = 0
    if section == "events":
        # Gold events are a curated set: predictions away from every gold trigger are unscored.
        scored = [p for p in preds if any(_overlap(p.start, p.end, g["start"], g["end"]) for g in golds)]
        unscored = len(preds) - len(scored)
        preds = scored

        def rank(g, p, overlap):
            return (agree(g, p), names.same(g.get("object"), p.object), overlap)
    else:

        def rank(g, p, overlap):
            return (agree(g, p), overlap)

    span_pairs = greedy_pairs(golds, preds, gold_span, pred_span, rank)
    hits = [(gi, pi) for gi, pi in span_pairs if agree(golds[gi], preds[pi])]
    score = SectionScore(section, len(golds), len(preds), len(hits), len(span_pairs), unscored=unscored)
    compared_pairs = hits if section == "events" else span_pairs
    for name, check in _agreements_for(section, names).items():
        agreeing = sum(1 for gi, pi in compared_pairs if check(golds[gi], preds[pi]))
        score.agreement[name] = (agreeing, len(compared_pairs))
    hit_gold = {gi for gi, _ in hits}
    hit_pred = {pi for _, pi in hits}
    score.misses = [_brief_gold(g) for gi, g in enumerate(golds) if gi not in hit_gold]
    score.false_alarms = [_brief_claim(p) for pi, p in enumerate(preds) if pi not in hit_pred]
    return score


def load_gold(path: str | Path) -> dict:
    from .yamlio import load_yaml

    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such gold file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read gold file: {getattr(error, 'strerror', None) or error}") from None
    data = load_yaml(raw, f"{path}: not a gold file", InputError)
    if not isinstance(data, dict) or not any(isinstance(data.get(s), list) for s in SECTIONS):
        raise InputError(f"{path}: not a gold file (needs lists under {', '.join(SECTIONS)})")
    for section in SECTIONS:
        for index, record in enumerate(data.get(section) or []):
            _check_record(record, _GOLD_FIELDS[section], f"{path}: {section}[{index}]")
    return data


# What scoring reads from each gold record (spans must be integers; values numbers).
_GOLD_FIELDS = {
    "entities": ("text", "type", "canonical"),
    "dates": ("text",),
    "figures": ("text",),
    "events": ("trigger",),
}


def _check_record(record: object, required: tuple[str, ...], where: str) -> None:
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


def _check_gold_text(ledger: Ledger, article_id: str, gold: dict, where: str) -> None:
    """Gold offsets only hold for the exact text: compare every gold span with the ledger's sentences."""
    article = ledger.article(article_id)
    for section in SECTIONS:
        for record in gold.get(section) or []:
            quoted = record.get("text", record.get("trigger"))
            for sentence in article.sentences:
                if sentence.start <= record["start"] and record["end"] <= sentence.end:
                    actual = sentence.text[record["start"] - sentence.start : record["end"] - sentence.start]
                    if actual != quoted:
                        raise InputError(
                            f"{where}: gold {section} span {record['start']}-{record['end']} reads {quoted!r} "
                            f"but the ledger's article {article_id!r} has {actual!r}: not the same text"
                        )
                    break


def score_ledger(
    ledger: Ledger, gold: dict, *, article_id: str | None = None, include_fuzzy: bool = True, where: str = "gold"
) -> list[SectionScore]:
    """Per-section scores of one ledger article against one gold annotation."""
    if article_id is None:
        article_id = Path(str(gold.get("article", ""))).stem or None
        if article_id is None or ledger.article(article_id) is None:
            if len(ledger.articles) != 1:
                known = ", ".join(a.id for a in ledger.articles) or "none"
                raise InputError(f"{where}: which article? pass --article (ledger has: {known})")
            article_id = ledger.articles[0].id
    if ledger.article(article_id) is None:
        raise InputError(f"{where}: the ledger has no article {article_id!r}")
    _check_gold_text(ledger, article_id, gold, where)
    names = NameMatcher()
    claims = ledger.claims_of(article_id)
    scores = []
    for section in SECTIONS:
        golds = list(gold.get(section) or [])
        preds = [c for c in claims if c.kind == _KIND_OF_SECTION[section]]
        if section == "dates" and not include_fuzzy:
            golds = [g for g in golds if g.get("granularity") != "fuzzy"]
            preds = [p for p in preds if p.granularity != "fuzzy"]
        scores.append(score_section(section, golds, preds, names))
    return scores


# --- development cases (../shared/eval/*.jsonl) -------------------------------------------

_CASE_KIND = {"money": "money", "percent": "percent", "ordinal": "ordinal"}
_PERCENT_UNITS = {"percent", "percentage_point", "%"}


def case_kind_of(claim: FigureClaim) -> str:
    """The eval files' figure kind for one of ours: every other measure is a plain number."""
    return _CASE_KIND.get(claim.measure, "number")


def _case_value_equal(expected: dict, claim: Claim) -> bool:
    if isinstance(claim, DateClaim):
        return expected.get("start_date") == claim.start_date and expected.get("end_date") == claim.end_date
    if not _same_number(expected.get("value"), claim.value):
        return False
    kind = expected.get("kind")
    if kind == "percent":
        return claim.unit in _PERCENT_UNITS
    if kind == "money":
        return expected.get("unit") == claim.unit
    return True


@dataclass
class CaseReport:
    path: str
    cases: int
    expected: int
    predicted: int
    hits: int
    failures: list[dict]

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "cases": self.cases,
            "expected": self.expected,
            "predicted": self.predicted,
            "hits": self.hits,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "failures": self.failures,
        }


def read_cases(path: str | Path) -> list[dict]:
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such case file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read case file: {error}") from None
    cases = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}: not JSON: {error.msg}") from None
        if not isinstance(case, dict) or not isinstance(case.get("text"), str) or not isinstance(case.get("expected"), list):
            raise InputError(f"{path}:{number}: a case needs 'text' (a string) and 'expected' (a list)")
        for field in ("expected", "ignore"):
            for index, record in enumerate(case.get(field) or []):
                _check_record(record, (), f"{path}:{number}: {field}[{index}]")
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
        if any(_overlap(claim.start, claim.end, i["start"], i["end"]) for i in ignores):
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
            "missed": [_brief_gold(e) for i, e in enumerate(expected) if i not in hit_e],
            "wrong": [_brief_claim(p) for i, p in enumerate(preds) if i not in hit_p] if counted != len(hits) else [],
        }
    return len(expected), counted, len(hits), failure


def score_cases(path: str | Path) -> CaseReport:
    """Extract every case and score it by the rule in ../shared/eval/README.md."""
    from .api import extract_text
    from .errors import MetaledgerError

    cases = read_cases(path)
    total_expected = total_predicted = total_hits = 0
    failures = []
    for case in cases:
        try:
            claims = extract_text(case["text"], reference_date=case.get("reference_date")).claims
        except MetaledgerError:
            claims = []  # e.g. whitespace-only text: nothing to find
        expected, predicted, hits, failure = score_case(case, claims)
        total_expected += expected
        total_predicted += predicted
        total_hits += hits
        if failure:
            failures.append(failure)
    return CaseReport(str(path), len(cases), total_expected, total_predicted, total_hits, failures)
