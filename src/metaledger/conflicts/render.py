"""Output for `metaledger conflicts`: rich tables, JSON/YAML data, and Markdown for a pull request.

Every statement shown quotes its claim id, article (path and line), sentence, attribution and
certainty, so a reviewer can decide without opening the files. The default view details each
conflict, and each update as its timeline, and lists agreed facts in a line each; the timeline
view details every fact in the order its values were stated. Nothing here reads files or the clock.
"""

from __future__ import annotations

import json
import math

from ..ledger.models import DateClaim
from ..render import EXCERPT, describe_amount, md_cell, md_quote, quote_claim
from .report import ConflictReport, Fact, Statement
from .values import Span, time_bounds

SCHEMA = "metaledger-conflicts/1"
_MARKS = {"conflict": "❌", "update": "↗", "agreed": "✅"}


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def summary_line(report: ConflictReport, fail_on: str) -> str:
    """One line: facts by status, what was read, what was left out, and the verdict."""
    counts = [_plural(len(report.conflicts), "conflict"), _plural(len(report.updates), "update"),
              f"{len(report.agreed)} agreed"]
    text = f"{_plural(len(report.facts), 'fact')} stated more than once: {', '.join(counts)}"
    text += f"; {_plural(report.statements, 'statement')} read from {_plural(report.articles, 'article')}"
    if report.unplaced:
        text += f"; {len(report.unplaced)} not compared"
    failing = len(report.failing(fail_on))
    return f"{text}; {f'{failing} fail' if failing else 'none fail'} (--fail-on {fail_on})"


# --- one statement -------------------------------------------------------------------------------


def describe_statement_value(statement: Statement) -> str:
    """'7.8级 → 7.8 magnitude', '14时28分 → 2008-05-12 14:28'."""
    claim = statement.claim
    if isinstance(claim, DateClaim):
        when = claim.start_date + (f" {claim.start_time}" if claim.start_time else "")
        if claim.end_date != claim.start_date or (claim.end_time and claim.end_time != claim.start_time):
            when += f" – {claim.end_date}" + (f" {claim.end_time}" if claim.end_time else "")
        return f"{claim.text} → {when}"
    return f"{claim.text} → {describe_amount(claim)}"


def where(statement: Statement) -> str:
    return f"{statement.article_path or statement.article}:{statement.sentence.line}"


def _span_record(span: Span | None, time: bool) -> dict | None:
    if span is None:
        return None
    if time:
        return dict(zip(("from", "before"), time_bounds(span)))
    return {"from": None if math.isinf(span.low) else span.low, "to": None if math.isinf(span.high) else span.high}


def statement_record(statement: Statement, reading: str) -> dict:
    claim = statement.claim
    return {
        "claim": claim.id,
        "kind": claim.kind,
        "text": claim.text,
        "value": describe_statement_value(statement),
        "admits": _span_record(statement.value, statement.time),
        "reading": reading,
        "article": statement.article,
        "path": statement.article_path,
        "line": statement.sentence.line,
        "sentence": statement.sentence.text,
        "attribution": statement.attribution,
        "certainty": statement.certainty,
        "as_of": {"label": statement.as_of_label, "claim": statement.as_of_id, **(_span_record(statement.as_of, True) or {})},
        "event": statement.event.id if statement.event else None,
        "subject": statement.subject,
        "how": list(statement.how),
    }


def fact_record(fact: Fact) -> dict:
    return {
        "status": fact.status,
        "title": fact.title,
        "topic": fact.topic,
        "qualifier": fact.qualifier,
        "attribute": fact.attribute,
        "unit": fact.unit,
        "subject": fact.subject,
        "object": fact.object,
        "cumulative": fact.cumulative,
        "articles": list(fact.articles),
        "why": list(fact.why),
        "statements": [statement_record(s, r) for s, r in zip(fact.statements, fact.readings)],
        "relations": [{"kind": r.kind, "first": r.first, "second": r.second} for r in fact.relations],
    }


def report_data(report: ConflictReport, fail_on: str) -> dict:
    """The whole report as plain data (JSON and YAML print this)."""
    return {
        "schema": SCHEMA,
        "summary": {
            "facts": len(report.facts), "conflicts": len(report.conflicts), "updates": len(report.updates),
            "agreed": len(report.agreed), "statements": report.statements, "articles": report.articles,
            "not_compared": len(report.unplaced), "failing": len(report.failing(fail_on)), "fail_on": fail_on,
            "filters": report.filters,
        },
        "facts": [fact_record(fact) for fact in report.facts],
        "not_compared": [{**statement_record(u.statement, ""), "reason": u.reason} for u in report.unplaced],
    }


def conflicts_json(report: ConflictReport, fail_on: str) -> str:
    return json.dumps(report_data(report, fail_on), ensure_ascii=False, indent=2) + "\n"


# --- the shapes of a fact in a line ----------------------------------------------------------------


def _readings_text(fact: Fact) -> str:
    """'A 7.8级 ×2 (a, b) · B 7.6级 (c)': each reading, its first value as written and where."""
    parts = []
    for letter in dict.fromkeys(fact.readings):
        members = [s for s, r in zip(fact.statements, fact.readings) if r == letter]
        count = f" ×{len(members)}" if len(members) > 1 else ""
        articles = ", ".join(dict.fromkeys(s.article for s in members))
        parts.append(f"{letter} {describe_statement_value(members[0])}{count} ({articles})")
    return " · ".join(parts)


def fact_line(fact: Fact) -> str:
    """A fact in one line: its title and readings (agreed facts are shown so)."""
    return f"{fact.title}: {_readings_text(fact)}"


def step_marks(fact: Fact) -> list[str]:
    """Per statement in timeline order, how it stands to what was stated before it."""
    reading_of = {s.claim.id: r for s, r in zip(fact.statements, fact.readings)}
    marks = []
    for position, statement in enumerate(fact.statements):
        mine = [r for r in fact.relations if r.second == statement.claim.id]
        conflicts = sorted({reading_of[r.first] for r in mine if r.kind == "conflict"})
        if not position:
            marks.append("first")
        elif conflicts:
            marks.append("≠ " + ", ".join(conflicts))
        elif mine:
            marks.append("↑ update")
        else:
            marks.append("= agrees")
    return marks


# --- Markdown --------------------------------------------------------------------------------------


def conflicts_markdown(report: ConflictReport, fail_on: str, timeline: bool = False, width: int | None = EXCERPT) -> str:
    mark = "❌" if report.failing(fail_on) else "✅"
    lines = [f"**metaledger conflicts** {mark} {md_cell(summary_line(report, fail_on))}", ""]
    for fact in report.facts if timeline else report.conflicts:
        lines += _md_fact(fact, width, timeline)
    if not timeline and report.updates:  # a running count that rose: its timeline, folded
        count = _plural(len(report.updates), "update of a running count", "updates of running counts")
        lines += [f"<details><summary>{count}</summary>", ""]
        for fact in report.updates:
            lines += _md_fact(fact, width, timeline=True)
        lines += ["</details>", ""]
    if not timeline and report.agreed:
        lines += [f"<details><summary>{_plural(len(report.agreed), 'agreed fact')}</summary>", ""]
        lines += [f"- {_MARKS['agreed']} {md_cell(fact_line(fact))}" for fact in report.agreed]
        lines += ["", "</details>", ""]
    if report.unplaced:
        lines += [f"<details><summary>{_plural(len(report.unplaced), 'statement')} not compared</summary>", ""]
        lines += [f"- `{u.statement.claim.id}` {md_cell(u.statement.claim.text)}: {md_cell(u.reason)}" for u in report.unplaced]
        lines += ["", "</details>", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_fact(fact: Fact, width: int | None, timeline: bool) -> list[str]:
    lines = [f"{_MARKS[fact.status]} **{fact.status}: {md_cell(fact.title)}** · {_plural(len(fact.articles), 'article')}", ""]
    lines += [f"- {md_cell(line)}" for line in fact.why] + [""]
    first = "step" if timeline else "reading"
    lines += [f"| {first} | value | as of | claim | per | certainty | sentence |", "|---|---|---|---|---|---|---|"]
    marks = step_marks(fact) if timeline else fact.readings
    for statement, reading, mark in zip(fact.statements, fact.readings, marks):
        label = f"{reading} {mark}" if timeline else reading
        claim = f"`{statement.claim.id}`<br>{md_cell(where(statement))}"
        lines.append(f"| {md_cell(label)} | {md_cell(describe_statement_value(statement))} | {md_cell(statement.as_of_label)} "
                     f"| {claim} | {md_cell(statement.attribution or '—')} | {statement.certainty} "
                     f"| {md_quote(statement.claim, statement.sentence, width)} |")
    return lines + [""]


# --- rich tables -----------------------------------------------------------------------------------


def conflicts_renderables(report: ConflictReport, fail_on: str, timeline: bool = False,
                          width: int | None = EXCERPT, marked: bool = False) -> list:
    """Tables and lines for the terminal (cells are plain text, never markup)."""
    from rich.text import Text

    shown = []
    for fact in report.facts if timeline else report.conflicts + report.updates:
        shown += _fact_view(fact, width, marked, timeline or fact.status == "update")
    if not timeline:
        shown += [Text(f"agreed   {fact_line(fact)}") for fact in report.agreed]
    for unplaced in report.unplaced:
        shown.append(Text(f"not compared: {unplaced.statement.claim.id} {unplaced.statement.claim.text}: {unplaced.reason}",
                          style="dim"))
    shown.append(Text(summary_line(report, fail_on)))
    return shown


def _fact_view(fact: Fact, width: int | None, marked: bool, timeline: bool) -> list:
    """A fact's heading, its statements as a table, and why they are one fact."""
    from rich.table import Table
    from rich.text import Text

    style = {"conflict": "bold red", "update": "yellow", "agreed": "green"}[fact.status]
    title = Text.assemble((fact.status.upper(), style), f"  {fact.title}  ({_plural(len(fact.articles), 'article')})")
    table = Table()
    for column in ("step" if timeline else "", "value", "as of", "claim", "per", "certainty", "sentence"):
        table.add_column(column, overflow="fold")
    marks = step_marks(fact) if timeline else fact.readings
    for statement, reading, mark in zip(fact.statements, fact.readings, marks):
        span = ("⟦", "⟧") if marked else ("\x02", "\x03")
        quote = quote_claim(statement.claim, statement.sentence, span, width)
        sentence = Text(quote) if marked else _highlighted(quote)
        cells = (f"{reading} {mark}" if timeline else reading, describe_statement_value(statement), statement.as_of_label,
                 f"{statement.claim.id}\n{where(statement)}", statement.attribution or "—", statement.certainty)
        table.add_row(*(Text(cell) for cell in cells), sentence)
    return [title, table, Text("\n".join(f"  {line}" for line in fact.why), style="dim"), Text("")]


def _highlighted(quote: str):
    from rich.text import Text

    before, _, rest = quote.partition("\x02")
    claim, _, after = rest.partition("\x03")
    return Text.assemble(before, (claim, "bold reverse"), after)
