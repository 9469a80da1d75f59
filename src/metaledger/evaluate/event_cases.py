"""Scoring event cases: news reports with every event trigger, participant and object marked
(../shared/eval/cec_events.dev.jsonl, the CEC corpus), by the rule in that folder's README.

Triggers. Each report is extracted whole (its ``ref_date`` is the reference date). Event
claims on the same trigger span are one prediction (a coordinated list gives several claims
on one verb). Predictions and marked triggers pair one to one when their spans share a
character, the largest overlap first (ties: the nearest starts). P = pairs / predictions,
R = pairs / marked triggers.

The annotated region. A report's text is its title line, its report-date line and its body;
the corpus marks events in the body only, so predictions on the first two lines are neither
hits nor false alarms (as ``ignore`` spans are for figure cases). The notes give precision
with them counted too.

Argument agreement, on the matched pairs: the event's ``subject`` or ``object`` overlaps a
participant or object marked anywhere in the same report (the corpus does not tie arguments
to events). A subject or object is a canonical entity name or a phrase as written, so it is
first *located* in the report, nearest its trigger:

1. its written forms are the value itself and the text of every entity claim of the report
   with that canonical name (Chengdu → 成都);
2. among their occurrences in the trigger's sentence, a subject takes the nearest one ending
   at or before the trigger, an object the nearest one starting at or after it; failing
   that, the nearest one on the other side;
3. failing that (a pronoun or a description resolved to an entity named earlier), the
   nearest occurrence before the trigger's sentence.

The notes also give the stricter *containment* agreement: one span lies inside the other
(a blind window of characters beside the trigger overlaps a participant far more often than
it contains one or lies inside one).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..ledger.models import EntityClaim, EventClaim, Ledger
from .case_lines import body_start, category_of, check_char_span, extract_case, read_case_lines
from .matching import Tally, overlap


@dataclass
class _Prediction:
    start: int
    end: int
    arguments: list[tuple[int, int]] = field(default_factory=list)
    label: str = ""


@dataclass
class _Agreement:
    matched: int = 0
    overlapping: int = 0
    containing: int = 0

    def add(self, overlapping: bool, containing: bool) -> None:
        self.matched += 1
        self.overlapping += overlapping
        self.containing += containing


@dataclass
class EventCaseReport:
    path: str
    rows: list[Tally]
    agreement: dict[str, _Agreement]
    header_predictions: int  # predictions on the unannotated title and date lines
    failures: list[dict]

    @property
    def notes(self) -> list[str]:
        lines = []
        for name, kind in (("argument agreement", "overlapping"), ("argument agreement (containment)", "containing")):
            parts = [f"{label} {_ratio(getattr(a, kind), a.matched)}" for label, a in self.agreement.items()]
            lines.append(f"{name}: " + ", ".join(parts))
        whole = self.rows[0]
        counted = whole.predicted + self.header_predictions
        raw = whole.hits / counted if counted else 1.0
        lines.append(
            f"{self.header_predictions} predictions on title and date lines (not annotated) left unscored; "
            f"precision counting them: {raw:.3f}"
        )
        return lines

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "rows": [row.as_dict() for row in self.rows],
            "argument_agreement": {
                label: {"matched": a.matched, "overlap": a.overlapping, "containment": a.containing}
                for label, a in self.agreement.items()
            },
            "header_predictions": self.header_predictions,
            "notes": self.notes,
            "failures": self.failures,
        }


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "- (0/0)"


def read_event_cases(path: str | Path) -> list[dict]:
    cases = []
    for number, case in read_case_lines(path, "triggers", "an event case"):
        for key in ("triggers", "participants", "objects"):
            for index, item in enumerate(case.get(key) or []):
                check_char_span(item, len(case["text"]), f"{path}:{number}: {key}[{index}]")
        cases.append(case)
    return cases


def locate(value: str, role: str, event: EventClaim, body: str, sentences, forms: dict[str, set[str]]) -> tuple[int, int] | None:
    """Where a subject or object is written, nearest its trigger (the rule in the module notes).
    body: the article text; sentences: the article's sentences."""
    written = forms.get(value, set()) | {value}
    sentence = sentences[event.sentence]
    spans = _occurrences(body, written, sentence.start, sentence.end)
    before = [s for s in spans if s[1] <= event.start]
    after = [s for s in spans if s[0] >= event.end]
    nearest_before = max(before, key=lambda s: s[1], default=None)
    nearest_after = min(after, key=lambda s: s[0], default=None)
    first, second = (nearest_before, nearest_after) if role == "subject" else (nearest_after, nearest_before)
    if first or second:
        return first or second
    earlier = _occurrences(body, written, 0, sentence.start)
    return max(earlier, key=lambda s: s[1], default=None)


def _article_text(article) -> str:
    """The article text rebuilt from its sentences (offsets kept; gaps are blanks)."""
    pieces, cursor = [], 0
    for sentence in article.sentences:
        pieces.append(" " * (sentence.start - cursor))
        pieces.append(sentence.text)
        cursor = sentence.end
    return "".join(pieces)


def _occurrences(text: str, forms: set[str], start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for form in forms:
        if not form:
            continue
        at = text.find(form, start, end)
        while at >= 0:
            spans.append((at, at + len(form)))
            at = text.find(form, at + 1, end)
    return spans


def predictions_of(ledger: Ledger) -> list[_Prediction]:
    """One prediction per trigger span, with the located spans of all its claims' arguments
    (a ledger of one article)."""
    claims = ledger.claims
    article = ledger.articles[0]
    body = _article_text(article)
    forms: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        if isinstance(claim, EntityClaim):
            forms[claim.canonical].add(claim.text)
    by_span: dict[tuple[int, int], _Prediction] = {}
    for claim in claims:
        if not isinstance(claim, EventClaim):
            continue
        prediction = by_span.setdefault((claim.start, claim.end), _Prediction(claim.start, claim.end, label=claim.text))
        for role in ("subject", "object"):
            value = getattr(claim, role)
            if value:
                span = locate(value, role, claim, body, article.sentences, forms)
                if span is not None and span not in prediction.arguments:
                    prediction.arguments.append(span)
    return sorted(by_span.values(), key=lambda p: (p.start, p.end))


def match_triggers(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping spans, largest overlap first."""
    candidates = []
    for gi, (g_start, g_end) in enumerate(gold):
        for pi, (p_start, p_end) in enumerate(predicted):
            shared = overlap(g_start, g_end, p_start, p_end)
            if shared:
                candidates.append((-shared, abs(g_start - p_start), gi, pi))
    candidates.sort()
    used_gold, used_pred, pairs = set(), set(), []
    for *_, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def _contains(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def score_event_case(case: dict, ledger: Ledger) -> tuple[Tally, list[tuple[bool, bool]], int, dict | None]:
    """(tally, (overlap, containment) agreement per matched pair, header predictions, failure) of one report."""
    body = body_start(case["text"])
    predictions = predictions_of(ledger)
    header = sum(1 for p in predictions if p.start < body)
    predictions = [p for p in predictions if p.start >= body]
    gold = [(t["char_start"], t["char_end"]) for t in case["triggers"]]
    marked = [(a["char_start"], a["char_end"]) for a in (case.get("participants") or []) + (case.get("objects") or [])]
    pairs = match_triggers(gold, [(p.start, p.end) for p in predictions])
    agreement = []
    for _, pi in pairs:
        arguments = predictions[pi].arguments
        agreement.append(
            (
                any(overlap(*a, *m) for a in arguments for m in marked),
                any(overlap(*a, *m) and _contains(a, m) for a in arguments for m in marked),
            )
        )
    tally = Tally(category_of(str(case.get("id", ""))), 1, len(gold), len(predictions), len(pairs))
    failure = None
    if len(pairs) != len(gold) or len(pairs) != len(predictions):
        hit_gold, hit_pred = {g for g, _ in pairs}, {p for _, p in pairs}
        text = case["text"]
        failure = {
            "id": case.get("id"),
            "text": text[body:],
            "missed": [{"trigger": text[s:e], "start": s, "end": e} for i, (s, e) in enumerate(gold) if i not in hit_gold],
            "wrong": [{"trigger": p.label, "start": p.start, "end": p.end} for i, p in enumerate(predictions) if i not in hit_pred],
        }
    return tally, agreement, header, failure


def score_event_cases(path: str | Path) -> EventCaseReport:
    """Extract every report and score its events (the rule in the module notes)."""

    cases = read_event_cases(path)
    whole = Tally("all")
    by_category: dict[str, Tally] = {}
    agreement = {"all": _Agreement()}
    header_total = 0
    failures = []
    for case in cases:
        ledger = extract_case(path, case, reference_date=case.get("ref_date"), article_id="case")
        if ledger is None or not ledger.articles:
            tally, agreeing, header, failure = _nothing_found(case)
        else:
            tally, agreeing, header, failure = score_event_case(case, ledger)
        whole.add(tally.expected, tally.predicted, tally.hits)
        row = by_category.setdefault(tally.label, Tally(tally.label))
        row.add(tally.expected, tally.predicted, tally.hits)
        for label in ("all", tally.label):
            counts = agreement.setdefault(label, _Agreement())
            for overlapping, containing in agreeing:
                counts.add(overlapping, containing)
        header_total += header
        if failure:
            failures.append(failure)
    rows = [whole] + [by_category[label] for label in sorted(by_category)]
    ordered = {"all": agreement["all"], **{label: agreement[label] for label in sorted(by_category)}}
    return EventCaseReport(str(path), rows, ordered, header_total, failures)


def _nothing_found(case: dict):
    triggers = case["triggers"]
    tally = Tally(category_of(str(case.get("id", ""))), 1, len(triggers), 0, 0)
    missed = [{"trigger": t.get("span"), "start": t["char_start"], "end": t["char_end"]} for t in triggers]
    return tally, [], 0, ({"id": case.get("id"), "text": case["text"], "missed": missed, "wrong": []} if missed else None)
