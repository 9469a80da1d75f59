"""Scoring a ledger against hand annotations (gold files).

Gold files follow ../shared/gold/README.md: per section, one-to-one greedy
matching on overlapping spans (largest overlap first), and a pair counts as a
hit only when its values agree too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..ledger.models import Claim, DateClaim, FigureClaim, Ledger
from ..support.user_files import read_user_text
from .event_roles import EVENT_MATCHES, EventRoles
from .matching import (
    NameMatcher,
    brief_claim,
    brief_gold,
    check_record,
    greedy_pairs,
    overlap,
    same_number,
)
from .units import same_kind, same_unit

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


def _agree_entity(names: NameMatcher) -> Callable:
    return lambda g, p: g["type"] == p.type and names.same(g["canonical"], p.canonical)


def _agree_date(g: dict, p: DateClaim) -> bool:
    return g.get("start_date") == p.start_date and g.get("end_date") == p.end_date


def _agree_figure(g: dict, p: FigureClaim) -> bool:
    return same_number(g.get("value"), p.value) and same_unit(g.get("unit"), p.unit, p.text) and g.get("approx", "exact") == p.approx


def _agreements_for(section: str, names: NameMatcher, roles: EventRoles) -> dict[str, Callable]:
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
            "value": lambda g, p: same_number(g.get("value"), p.value),
            "unit": lambda g, p: same_unit(g.get("unit"), p.unit, p.text),
            "approx": lambda g, p: g.get("approx", "exact") == p.approx,
            "measure": lambda g, p: same_kind(g.get("kind"), p.measure),
        }
    return {
        "subject": roles.same_subject,
        "object": roles.same_object,
        "certainty": lambda g, p: g.get("certainty") == p.certainty,
        "polarity": lambda g, p: g.get("polarity", "positive") == p.polarity,
        "attribution": lambda g, p: names.same(g.get("attribution"), p.attribution),
    }


def score_section(
    section: str,
    golds: list[dict],
    preds: list[Claim],
    names: NameMatcher,
    *,
    event_match: str = "strict",
    roles: EventRoles | None = None,
) -> SectionScore:
    """One section's score. Events pair by trigger overlap and then must agree on arguments, by
    event_match (see evaluate.event_roles): ``strict`` = the same subject entity, ``consistent`` =
    some subject or object agrees with some gold one. roles carries the article's gold
    entities and predicted entity claims for that comparison."""
    if event_match not in EVENT_MATCHES:
        raise ValueError(f"event_match must be one of {EVENT_MATCHES}, not {event_match!r}")
    roles = roles or EventRoles(names)
    gold_span = lambda g: (g["start"], g["end"])  # noqa: E731
    pred_span = lambda p: (p.start, p.end)  # noqa: E731
    if section == "entities":
        agree = _agree_entity(names)
    elif section == "dates":
        agree = _agree_date
    elif section == "figures":
        agree = _agree_figure
    elif event_match == "consistent":
        agree = roles.consistent
    else:
        agree = roles.same_subject
    unscored = 0
    if section == "events":
        # Gold events are a curated set: predictions away from every gold trigger are unscored.
        scored = [p for p in preds if any(overlap(p.start, p.end, g["start"], g["end"]) for g in golds)]
        unscored = len(preds) - len(scored)
        preds = scored

        def rank(g, p, overlap):
            return (agree(g, p), roles.same_object(g, p), overlap)
    else:

        def rank(g, p, overlap):
            return (agree(g, p), overlap)

    span_pairs = greedy_pairs(golds, preds, gold_span, pred_span, rank)
    hits = [(gi, pi) for gi, pi in span_pairs if agree(golds[gi], preds[pi])]
    score = SectionScore(section, len(golds), len(preds), len(hits), len(span_pairs), unscored=unscored)
    compared_pairs = hits if section == "events" else span_pairs
    for name, check in _agreements_for(section, names, roles).items():
        agreeing = sum(1 for gi, pi in compared_pairs if check(golds[gi], preds[pi]))
        score.agreement[name] = (agreeing, len(compared_pairs))
    hit_gold = {gi for gi, _ in hits}
    hit_pred = {pi for _, pi in hits}
    score.misses = [brief_gold(g) for gi, g in enumerate(golds) if gi not in hit_gold]
    score.false_alarms = [brief_claim(p) for pi, p in enumerate(preds) if pi not in hit_pred]
    return score


def is_time_only(claim: DateClaim) -> bool:
    """A date claim for a time of day whose span names no day (9时50分, 下午4点): its rule says
    ``time_only: true`` in the rule files. 今日9时15分 names its day and is not time-only."""
    from ..resources.rulebook import time_only_rule_ids

    return claim.rule in time_only_rule_ids()


def load_gold(path: str | Path) -> dict:
    from ..support.yamlio import load_yaml

    path = Path(path)
    raw = read_user_text(path, "gold file")
    data = load_yaml(raw, f"{path}: not a gold file", InputError)
    if not isinstance(data, dict) or not any(isinstance(data.get(s), list) for s in SECTIONS):
        raise InputError(f"{path}: not a gold file (needs lists under {', '.join(SECTIONS)})")
    for section in SECTIONS:
        for index, record in enumerate(data.get(section) or []):
            check_record(record, _GOLD_FIELDS[section], f"{path}: {section}[{index}]")
    return data


# What scoring reads from each gold record (spans must be integers; values numbers).
_GOLD_FIELDS = {
    "entities": ("text", "type", "canonical"),
    "dates": ("text",),
    "figures": ("text",),
    "events": ("trigger",),
}


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
    ledger: Ledger,
    gold: dict,
    *,
    article_id: str | None = None,
    include_fuzzy: bool = True,
    include_times: bool = True,
    include_relative: bool = True,
    where: str = "gold",
    event_match: str = "strict",
) -> list[SectionScore]:
    """Per-section scores of one ledger article against one gold annotation.

    ``include_fuzzy=False`` leaves out fuzzy dates (目前, 如今) on both sides;
    ``include_times=False`` leaves out time-only date claims (9时50分 with no day word:
    ``is_time_only``), for gold whose conventions make clock times no dates;
    ``include_relative=False`` keeps only the dates that need no reference date (``relative:
    false`` on both sides): how an article reads when nobody says when it was written.
    Events are matched by ``event_match``: strict or consistent (see evaluate.event_roles)."""
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
    roles = EventRoles(names, gold.get("entities") or [], claims)
    scores = []
    for section in SECTIONS:
        golds = list(gold.get(section) or [])
        preds = [c for c in claims if c.kind == _KIND_OF_SECTION[section]]
        if section == "dates" and not include_fuzzy:
            golds = [g for g in golds if g.get("granularity") != "fuzzy"]
            preds = [p for p in preds if p.granularity != "fuzzy"]
        if section == "dates" and not include_times:
            preds = [p for p in preds if not is_time_only(p)]
        if section == "dates" and not include_relative:
            golds = [g for g in golds if g.get("relative") is False]
            preds = [p for p in preds if not p.relative]
        scores.append(score_section(section, golds, preds, names, event_match=event_match, roles=roles))
    return scores
