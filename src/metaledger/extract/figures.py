"""Figures: Arabic-digit quantities with a percent sign, a measure word or a duration unit."""

from __future__ import annotations

from ..document import Document
from ..models import FigureClaim
from ..rules import load_rule_file
from .spans import SpanSet, longest_first, rule_matches


def extract_figures(doc: Document, exclude: list[tuple[int, int]] = ()) -> list[FigureClaim]:
    """Quantities outside the excluded spans (dates, product names)."""
    excluded = SpanSet(exclude)
    candidates = []
    for rule, match, sentence in rule_matches(doc, load_rule_file("figures").rules):
        if excluded.overlaps(*match.span()):
            continue
        candidates.append((match, rule, sentence))
    claims = []
    for match, rule, sentence in longest_first(candidates, span=lambda c: c[0].span()):
        unit = rule.get("unit") or (rule.get("units") or {}).get(match.groupdict().get("unit"))
        claims.append(
            FigureClaim(
                id="",
                article=doc.article_id,
                sentence=sentence,
                start=match.start(),
                end=match.end(),
                text=match.group(),
                rule=rule.id,
                value=float(match.group("number")),
                unit=unit,
                measure=rule.get("measure"),
            )
        )
    return claims
