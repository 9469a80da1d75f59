"""Human-readable output with rich: summaries and tables. Data formats live in ledger/store.py."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .ledger.models import (
    CLAIM_KINDS,
    Claim,
    DateClaim,
    EntityClaim,
    EventClaim,
    FigureClaim,
    Ledger,
)


EXCERPT = 40  # characters of sentence either side of a quoted claim

# Characters that would break a Markdown table cell or turn into formatting.
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\|*_`[]#~"} | {"<": "&lt;", ">": "&gt;", "\n": " ", "\r": " "})


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).translate(_MD_SPECIAL)


def quote_claim(claim: Claim, sentence, mark: tuple[str, str] = ("", ""), width: int | None = EXCERPT) -> str:
    """The claim's sentence on one line, cut to width characters either side of the claim (None: whole),
    the claim wrapped in mark."""
    offset = claim.start - sentence.start
    text, end = sentence.text, offset + len(claim.text)
    width = len(text) if width is None else width
    head = "…" if offset > width else ""
    tail = "…" if end + width < len(text) else ""
    before, after = text[max(0, offset - width) : offset], text[end : end + width]
    return f"{head}{before}{mark[0]}{claim.text}{mark[1]}{after}{tail}".replace("\n", " ")


def md_quote(claim: Claim, sentence, width: int | None = EXCERPT) -> str:
    """quote_claim for a Markdown cell, the claim in bold."""
    return md_cell(quote_claim(claim, sentence, ("\x02", "\x03"), width)).replace("\x02", "**").replace("\x03", "**")


def describe_amount(claim: FigureClaim) -> str:
    """A figure's value as a few words: 600 person, 10000 person [at_most], 62 percent up yoy."""
    return _amount(claim)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=False)


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=False)


_SUMMARY_ROWS = 20  # a batch of thousands gets a short table and the totals


def summary_table(ledger: Ledger, title: str | None = None) -> Table:
    """Claims per kind and article."""
    counts = Counter((c.article, c.kind) for c in ledger.claims)
    return counts_table([article.id for article in ledger.articles], counts, title)


def counts_table(article_ids: list[str], counts: Counter, title: str | None = None) -> Table:
    """Claims per kind and article, from counts keyed by (article id, kind)."""
    table = Table(title=title, title_justify="left", show_footer=len(article_ids) > 1)
    table.add_column("article", footer="total")
    for kind in CLAIM_KINDS:
        table.add_column(kind, justify="right", footer=str(sum(n for (_, k), n in counts.items() if k == kind)))
    table.add_column("claims", justify="right", footer=str(sum(counts.values())))
    shown = article_ids if len(article_ids) <= _SUMMARY_ROWS else article_ids[: _SUMMARY_ROWS // 2]
    for article_id in shown:
        row = [counts[(article_id, kind)] for kind in CLAIM_KINDS]
        table.add_row(article_id, *map(str, row), str(sum(row)))
    if len(shown) < len(article_ids):
        table.add_row(f"… {len(article_ids) - len(shown)} more articles", *[""] * (len(CLAIM_KINDS) + 1))
    return table


def describe_value(claim: Claim, linked: dict[str, Claim] | None = None) -> str:
    """The normalized value of a claim in a few words (events read their linked claims from linked)."""
    if isinstance(claim, EntityClaim):
        return f"{claim.type} {claim.canonical}"
    if isinstance(claim, DateClaim):
        if claim.start_date is None:
            return " ".join(x for x in (claim.timex, _clock(claim), "(unresolved)") if x)
        qualifiers = [claim.granularity] + ([claim.time_approx] if claim.time_approx not in (None, "exact") else [])
        zone = f" {_ZONE_NAMES.get(claim.time_zone, claim.time_zone)}" if claim.time_zone else ""
        return f"{date_span(claim)}{zone} ({', '.join(qualifiers)})"
    if isinstance(claim, FigureClaim):
        parts = [_amount(claim)]
        if claim.subject:
            parts.append(f"of {claim.subject}" + (f" {claim.attribute}" if claim.attribute else ""))
        return " ".join(parts)
    if isinstance(claim, EventClaim):
        return describe_event(claim, linked)
    return ""


_ZONE_NAMES = {"local": "local time"}


def date_span(claim: DateClaim) -> str:
    """A date claim's interval with its times of day: 2009-04-19 10:20, 2025-12-09 12:00–17:59,
    2025-03-27 22:00..2025-03-28 02:00, 2025-01-01..2025-06-16."""
    start = " ".join(x for x in (claim.start_date, claim.start_time) if x)
    end = " ".join(x for x in (claim.end_date, claim.end_time) if x)
    if start == end:
        return start
    if claim.start_date == claim.end_date and claim.start_time and claim.end_time:
        return f"{start}–{claim.end_time}"
    return f"{start}..{end}"


def _clock(claim: DateClaim) -> str:
    """The time of day of an unresolved date claim (its day unknown): 08:00, 12:00–17:59."""
    if not claim.start_time:
        return ""
    return claim.start_time if claim.end_time in (None, claim.start_time) else f"{claim.start_time}–{claim.end_time}"


def _amount(claim: FigureClaim) -> str:
    value = f"{claim.value:g}" if isinstance(claim.value, float) else str(claim.value)
    if claim.value_high is not None:
        value += f"–{claim.value_high:g}" if isinstance(claim.value_high, float) else f"–{claim.value_high}"
    parts = [value, claim.unit or "", f"[{claim.approx}]" if claim.approx != "exact" else ""]
    if claim.direction:
        parts.append(f"{claim.direction} {claim.basis or ''}".strip())
    return " ".join(part for part in parts if part)


def _when(claim: DateClaim) -> str:
    if claim.start_date is None:
        return claim.text
    if claim.start_time or claim.granularity == "range":
        return date_span(claim)
    if claim.start_date == claim.end_date:
        return claim.start_date
    return claim.timex


def describe_event(claim: EventClaim, linked: dict[str, Claim] | None = None) -> str:
    """One event as a sentence a person can read: subject · type · object · when · where · how
    much · source · certainty, e.g. ``Nvidia · revenue_growth · 2025-11 · 62 percent up yoy · per Nvidia · asserted``.

    When, where and how much come from the linked date, place and figure claims (``linked``:
    claims by id); without them the links are left out. An object that is a linked figure as
    written (至少12人, 62%) is shown once, as the figure."""
    parts = [claim.subject or "?", claim.type if claim.polarity == "positive" else f"NOT {claim.type}"]
    linked = linked or {}
    figures = [linked[i] for i in claim.figure_ids if isinstance(linked.get(i), FigureClaim)]
    if claim.object and not any(claim.object == figure.text for figure in figures):
        parts.append(claim.object)
    dates = [_when(linked[i]) for i in claim.date_ids if isinstance(linked.get(i), DateClaim)]
    places = [linked[i].canonical for i in claim.place_ids if isinstance(linked.get(i), EntityClaim)]
    amounts = [_amount(figure) for figure in figures]
    if dates:
        parts.append(", ".join(dict.fromkeys(dates)))
    if places:
        parts.append("in " + ", ".join(dict.fromkeys(places)))
    if amounts:
        parts.append(", ".join(amounts))
    if claim.attribution:
        parts.append(f"per {claim.attribution}")
    parts.append(claim.certainty)
    return " · ".join(parts)


def claims_table(ledger: Ledger, claims: list[Claim] | None = None) -> Table:
    claims = ledger.claims if claims is None else claims
    linked = {claim.id: claim for claim in ledger.claims}
    table = Table(show_lines=False)
    for column in ("article", "sent", "kind", "text", "value", "rule"):
        table.add_column(column, justify="right" if column == "sent" else "left", overflow="fold")
    for claim in claims:
        cells = (claim.article, str(claim.sentence), claim.kind, claim.text, describe_value(claim, linked), claim.rule)
        table.add_row(*(Text(cell) for cell in cells))  # not markup: 14 percent [about] keeps its brackets
    return table


def eval_table(scores, title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("section", "gold", "predicted", "hits", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "section" else "right")
    for score in scores:
        table.add_row(
            score.section,
            str(score.gold),
            str(score.predicted),
            str(score.hits),
            f"{score.precision:.3f}",
            f"{score.recall:.3f}",
            f"{score.f1:.3f}",
        )
    return table


def agreement_lines(scores) -> list[str]:
    """Attribute agreement on matched pairs, one line per section."""
    lines = []
    for score in scores:
        parts = [f"{name} {agree}/{total}" for name, (agree, total) in score.agreement.items()]
        line = f"{score.section}: " + ", ".join(parts)
        if score.unscored:
            line += f" ({score.unscored} predictions away from gold triggers unscored)"
        lines.append(line)
    return lines
