"""Output for `metaledger diff`: a rich table, JSON, Markdown (a pull-request comment) and
GitHub workflow annotations. Every renderer returns text or a rich renderable; nothing
here reads files or the clock, so the same diff always renders the same."""

from __future__ import annotations

import json
from collections import Counter
from itertools import groupby

from ..ledger.models import CLAIM_KINDS, EventClaim
from ..render import describe_value, md_cell, md_quote, quote_claim
from .alignment import plain_text
from .changes import (
    CHANGE_KINDS,
    CLAIM_CHANGES,
    ArticleDiff,
    ClaimChange,
    FailPolicy,
    FieldChange,
    LedgerDiff,
)

DIFF_SCHEMA = "metaledger-diff/1"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(diff: LedgerDiff, policy: FailPolicy) -> str:
    """One line: claim changes by change and kind, notes, unchanged claims, and the verdict."""
    counts = diff.counts()
    claim_changes = sum(n for (change, _), n in counts.items() if change in CLAIM_CHANGES)
    parts = []
    for change in CLAIM_CHANGES:
        by_kind = [f"{counts[(change, kind)]} {kind}" for kind in CLAIM_KINDS if counts[(change, kind)]]
        if by_kind:
            parts.append(f"{change}: {', '.join(by_kind)}")
    text = _plural(claim_changes, "claim change") if claim_changes else "no claim changes"
    if parts:
        text += f" ({'; '.join(parts)})"
    notes = {change: sum(n for (c, _), n in counts.items() if c == change) for change in ("reworded", "moved")}
    if any(notes.values()):
        text += f"; notes: {notes['reworded']} reworded, {notes['moved']} moved"
    unchanged = sum(article.unchanged for article in diff.articles)
    text += f"; {unchanged} unchanged in {_plural(len(diff.articles), 'article')}"
    failing = len(policy.failing(diff))
    verdict = f"{failing} fail" if failing else "none fail"
    return f"{text}; {verdict} (--fail-on {policy.describe()})"


# --- describing one change -------------------------------------------------------------------


def format_value(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return "[" + ", ".join(map(format_value, value)) + "]"
    return str(value)


def describe_field(field: FieldChange) -> str:
    return f"{field.field}: {format_value(field.old)} → {format_value(field.new)}"


def describe_fields(change: ClaimChange) -> str:
    return "; ".join(describe_field(field) for field in change.fields)


def describe_events(change: ClaimChange) -> str:
    """'event 推迟 (Meta · delay · Avocado)': the events that link a changed, added or removed
    date or figure, so a fact-checker sees what the date or figure is the date or figure of."""
    if not change.events:
        return ""
    label = "event" if len(change.events) == 1 else "events"
    described = [f"{event.text} ({event_roles(event)})" for event in change.events]
    return f"{label} {', '.join(dict.fromkeys(described))}"


def event_roles(event: EventClaim) -> str:
    """'Meta · hire · Alexandr Wang': who did what to whom (the trigger alone is ambiguous when
    one word carries several events, as 招致麾下 does for three hires)."""
    return " · ".join(part for part in (event.subject or "?", event.type, event.object) if part)


def describe_change(change: ClaimChange) -> str:
    """The fields old → new of a changed claim, the value of an added or removed one, then
    the events that link it; 'sentence unchanged' when the words are the same and only the
    reading changed (a pronoun or relative date now read against moved text, another
    reference date, lexicon or extractor version), so nobody hunts for an edit that is not there."""
    parts = [describe_fields(change) if change.change == "changed" else describe_value(change.claim), describe_events(change)]
    if change.change == "changed" and plain_text(change.old_sentence.text) == plain_text(change.new_sentence.text):
        parts.append("sentence unchanged")
    return "; ".join(part for part in parts if part)


def claim_texts(change: ClaimChange) -> str:
    """'600 人 → 700 人' for a changed claim, the claim's text otherwise; a changed event also
    says who did what to whom as it stands now."""
    text = change.claim.text
    if change.change == "changed" and change.old.text != change.new.text:
        text = f"{change.old.text} → {change.new.text}"
    if change.change == "changed" and isinstance(change.claim, EventClaim):
        text += f" ({event_roles(change.claim)})"
    return text


def excerpt(change: ClaimChange, mark: tuple[str, str] = ("", "")) -> str:
    """The claim's sentence, cut to a readable length around the claim, the claim wrapped in mark."""
    return quote_claim(change.claim, change.sentence, mark)


def _note_groups(changes: list[ClaimChange]):
    """Notes grouped by (kind of note, NEW line): one line per reworded or moved sentence."""
    notes = sorted((c for c in changes if c.is_note), key=lambda c: (c.line or 0, c.change))
    for (line, change), group in groupby(notes, key=lambda c: (c.line, c.change)):
        yield line, change, list(group)


def _note_parts(change: str, group: list[ClaimChange]) -> tuple[str, str]:
    """(the claims' texts, what happened to them)."""
    claims = ", ".join(dict.fromkeys(c.claim.text for c in group))
    if change == "moved":
        return claims, f"same claims, moved from old line {group[0].old_line}"
    return claims, "same claims, sentence reworded"


def _note_text(change: str, group: list[ClaimChange]) -> str:
    return ": ".join(_note_parts(change, group))


# --- JSON ------------------------------------------------------------------------------------


def diff_json(diff: LedgerDiff, policy: FailPolicy) -> str:
    counts = diff.counts()
    data = {
        "schema": DIFF_SCHEMA,
        "summary": {
            **{change: sum(n for (c, _), n in counts.items() if c == change) for change in CHANGE_KINDS},
            "unchanged": sum(article.unchanged for article in diff.articles),
            "failing": len(policy.failing(diff)),
            "fail_on": {"kinds": list(policy.kinds), "changes": list(policy.changes)},
        },
        "articles": [article.model_dump(mode="json") for article in diff.articles],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- Markdown (a pull-request comment) -------------------------------------------------------

md = md_cell


def _md_excerpt(change: ClaimChange) -> str:
    return md_quote(change.claim, change.sentence)


def diff_markdown(diff: LedgerDiff, policy: FailPolicy) -> str:
    failing = len(policy.failing(diff))
    lines = [f"**metaledger diff** {'❌' if failing else '✅'} {md(summary_line(diff, policy))}", ""]
    for article in diff.articles:
        if article.changes:
            lines += _md_article(article, policy)
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_article(article: ArticleDiff, policy: FailPolicy) -> list[str]:
    where = f" · `{article.path}`" if article.path else ""
    lines = [f"**{md(article.label)}**{where} · {article.old_claims} → {article.new_claims} claims{_reference_note(article)}", ""]
    changed = [c for c in article.changes if c.change == "changed"]
    if changed:
        lines += ["| line | kind | old → new | fields | fails |", "|---:|---|---|---|---|"]
        lines += [
            f"| {c.line} | {c.kind} | {md(claim_texts(c))} | {md(describe_change(c))} | {'yes' if policy.fails(c) else 'no'} |"
            for c in changed
        ]
        lines.append("")
    for change in ("added", "removed"):
        group = [c for c in article.changes if c.change == change]
        if group:
            lines += _md_details(change, group, policy)
    notes = list(_note_groups(article.changes))
    if notes:
        count = sum(len(group) for *_, group in notes)
        lines += [f"<details><summary>{_plural(count, 'note')}: same claims, reworded or moved (never fail)</summary>", ""]
        lines += ["| line | note | claims |", "|---:|---|---|"]
        lines += [f"| {line} | {change} | {md(_note_text(change, group))} |" for line, change, group in notes]
        lines += ["", "</details>", ""]
    return lines


def _md_details(change: str, group: list[ClaimChange], policy: FailPolicy) -> list[str]:
    line_header = "line" if change == "added" else "old line"
    lines = [f"<details><summary>{_plural(len(group), change + ' claim')}</summary>", ""]
    lines += [f"| {line_header} | kind | claim | value | sentence | fails |", "|---:|---|---|---|---|---|"]
    for c in group:
        line = c.line if change == "added" else c.old_line
        fails = "yes" if policy.fails(c) else "no"
        lines.append(f"| {line} | {c.kind} | {md(c.claim.text)} | {md(describe_change(c))} | {_md_excerpt(c)} | {fails} |")
    return lines + ["", "</details>", ""]


# --- GitHub workflow annotations -------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _reference_note(article: ArticleDiff) -> str:
    """Relative dates move with the reference date: say so when it differs between versions."""
    if article.old_article is None or article.new_article is None or article.old_reference_date == article.new_reference_date:
        return ""
    old, new = article.old_reference_date or "unknown", article.new_reference_date or "unknown"
    return f" · reference date {old} → {new}"


def _annotation(level: str, path: str | None, line: int | None, title: str, message: str) -> str:
    properties = []
    if path:
        properties.append(f"file={_escape_property(path)}")
        if line:
            properties.append(f"line={line}")
    properties.append(f"title={_escape_property(title)}")
    return f"::{level} {','.join(properties)}::{_escape_data(message)}"


def diff_github(diff: LedgerDiff, policy: FailPolicy) -> str:
    """One `::error` per failing change, `::warning` per other change, `::notice` per note line."""
    lines = []
    for article in diff.articles:
        if article.old_article is None or article.new_article is None:
            lines.append(_whole_article_annotation(article, policy))
            continue
        for change in (c for c in article.changes if not c.is_note):
            level = "error" if policy.fails(change) else "warning"
            lines.append(_annotation(level, article.path, change.line, f"{change.kind} {change.change}", _github_message(change)))
        for line, change, group in _note_groups(article.changes):
            lines.append(_annotation("notice", article.path, line, f"claims {change}", _note_text(change, group)))
    lines.append(f"metaledger diff: {summary_line(diff, policy)}")
    return "\n".join(lines) + "\n"


def _whole_article_annotation(article: ArticleDiff, policy: FailPolicy) -> str:
    """One annotation for an article found on one side only, not one per claim."""
    level = "error" if any(policy.fails(c) for c in article.changes) else "warning"
    counts = [f"{n} {kind}" for kind, n in sorted(Counter(c.kind for c in article.changes).items(), key=_kind_order) if n]
    added = article.old_article is None
    what = "article added" if added else "article removed"
    detail = f"{_plural(len(article.changes), 'claim')} {'added' if added else 'removed'}"
    if counts:
        detail += f" ({', '.join(counts)})"
    return _annotation(level, article.path if added else None, 1 if added else None, what, f"{article.label}: {detail}")


def _kind_order(item: tuple[str, int]) -> int:
    return CLAIM_KINDS.index(item[0])


def _github_message(change: ClaimChange) -> str:
    message = f"{claim_texts(change)} ({describe_change(change)})"
    if change.change == "changed":
        return message
    if change.change == "removed":
        return f"{message}, was at old line {change.old_line}: {excerpt(change)}"
    return message


# --- rich table ------------------------------------------------------------------------------


def diff_tables(diff: LedgerDiff, policy: FailPolicy) -> list:
    """One rich Table per article with changes or notes (cells are plain text, never markup)."""
    from rich.table import Table
    from rich.text import Text

    tables = []
    for article in diff.articles:
        if not article.changes:
            continue
        where = f"  ({article.path})" if article.path else ""
        table = Table(title=Text(f"{article.label}{where}{_reference_note(article)}"), title_justify="left")
        table.add_column("line", justify="right")
        for column in ("change", "kind", "claim", "detail"):
            table.add_column(column, overflow="fold")
        for change in (c for c in article.changes if not c.is_note):
            style = "bold red" if policy.fails(change) else "yellow"
            detail = describe_change(change)
            if change.change == "removed":
                detail += f" (old line {change.old_line})"
            line = Text(str(change.line or ""))
            table.add_row(line, Text(change.change, style=style), Text(change.kind), Text(claim_texts(change)), Text(detail))
        for line, change, group in _note_groups(article.changes):
            kinds = ", ".join(dict.fromkeys(c.kind for c in group))
            claims, detail = _note_parts(change, group)
            table.add_row(*(Text(cell) for cell in (str(line or ""), change, kinds, claims, detail)), style="dim")
        tables.append(table)
    return tables
