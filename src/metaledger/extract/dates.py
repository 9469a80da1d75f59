"""Date expressions: absolute years, months and days written with Arabic digits."""

from __future__ import annotations

import calendar
import datetime as dt

from ..document import Document
from ..models import DateClaim
from ..rules import load_rule_file
from .spans import longest_first, rule_matches


def _interval(rule_granularity: str, year: int, month: int | None, day: int | None):
    if rule_granularity == "day":
        value = dt.date(year, month, day)
        return value.isoformat(), value.isoformat(), value.isoformat()
    if rule_granularity == "month":
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    return f"{year:04d}", f"{year:04d}-01-01", f"{year:04d}-12-31"


def extract_dates(doc: Document) -> list[DateClaim]:
    candidates = []
    for rule, match, sentence in rule_matches(doc, load_rule_file("dates").rules):
        groups = match.groupdict()
        try:
            timex, start, end = _interval(
                rule.get("granularity"),
                int(groups["year"]),
                int(groups["month"]) if groups.get("month") else None,
                int(groups["day"]) if groups.get("day") else None,
            )
        except ValueError:  # 2月30日: no such day, so no date
            continue
        candidates.append((match.span(), rule, sentence, timex, start, end))
    claims = []
    for (start, end), rule, sentence, timex, start_date, end_date in longest_first(candidates, span=lambda c: c[0]):
        claims.append(
            DateClaim(
                id="",
                article=doc.article_id,
                sentence=sentence,
                start=start,
                end=end,
                text=doc.text[start:end],
                rule=rule.id,
                timex=timex,
                start_date=start_date,
                end_date=end_date,
                granularity=rule.get("granularity"),
                relative=False,
            )
        )
    return claims
