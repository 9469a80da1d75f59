"""metaledger eval: score a ledger against a gold file, or score development cases."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from ..errors import UsageError
from .app import app


@app.command(
    "eval",
    epilog="Examples: metaledger eval claims.yaml ../shared/gold/meta-avocado.gold.yaml | "
    "metaledger eval --cases ../shared/eval/numbers.dev.jsonl",
)
def evaluate(
    ledger: Path = typer.Argument(None, help="Ledger to score (claims.yaml).", show_default=False),
    gold: Path = typer.Argument(None, help="Gold annotation YAML (../shared/gold format).", show_default=False),
    article: str = typer.Option(None, "--article", help="Article id in the ledger [default: from the gold file]."),
    cases: list[Path] = typer.Option([], "--cases", help="Score JSONL development cases instead (repeatable)."),
    output_format: str = typer.Option("table", "--format", help="table or json."),
    no_fuzzy: bool = typer.Option(False, "--no-fuzzy", help="Leave out fuzzy dates (目前, 如今) on both sides."),
    no_times: bool = typer.Option(
        False, "--no-times", help="Leave out time-only date claims (9时50分 with no day word), for gold without clock times."
    ),
    no_relative: bool = typer.Option(
        False, "--no-relative", help="Keep only dates that need no reference date (relative: false on both sides)."
    ),
    misses: bool = typer.Option(False, "--misses", help="Also list misses and false alarms."),
    event_match: str = typer.Option(
        "strict", "--event-match",
        help="How events must agree once their triggers overlap: strict (the same subject entity) or "
        "consistent (some subject or object agrees; a phrase agrees when one text contains the other).",
    ),
) -> None:
    """Score a ledger against hand annotations: precision, recall and F1 per section."""
    if output_format not in ("table", "json"):
        raise UsageError(f"--format must be table or json, not {output_format!r}")
    if event_match not in ("strict", "consistent"):
        raise UsageError(f"--event-match must be strict or consistent, not {event_match!r}")
    if cases:
        _cases(cases, output_format, misses)
        return
    if ledger is None or gold is None:
        raise UsageError("give LEDGER and GOLD, or --cases FILE.jsonl")
    from ..evaluate.gold import load_gold, score_ledger
    from ..ledger.store import load_ledger

    scores = score_ledger(
        load_ledger(ledger), load_gold(gold), article_id=article, include_fuzzy=not no_fuzzy, include_times=not no_times,
        include_relative=not no_relative, where=str(gold), event_match=event_match,
    )
    if output_format == "json":
        payload = [score.as_dict() for score in scores]
        if not misses:
            for entry in payload:
                entry.pop("misses")
                entry.pop("false_alarms")
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    from ..render import agreement_lines, eval_table, stdout_console

    console = stdout_console()
    console.print(eval_table(scores, f"{ledger} vs {gold}"))
    console.print("agreement on span-matched pairs (events: on hits):")
    for line in agreement_lines(scores):
        console.print("  " + line)
    if misses:
        for score in scores:
            for miss in score.misses:
                console.print(f"[{score.section}] miss: {miss}")
            for alarm in score.false_alarms:
                console.print(f"[{score.section}] false alarm: {alarm}")


def _cases(paths: list[Path], output_format: str, misses: bool) -> None:
    from ..evaluate.case_files import score_case_file

    reports = [score_case_file(path) for path in paths]
    if output_format == "json":
        payload = [report.as_dict() for report in reports]
        if not misses:
            for entry in payload:
                entry.pop("failures", None)
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.table import Table

    from ..render import stdout_console

    table = Table(title="development cases", title_justify="left")
    for column in ("file", "rows", "cases", "expected", "predicted", "hits", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column in ("file", "rows") else "right")
    for report in reports:
        for index, row in enumerate(report.rows):
            table.add_row(
                report.path if index == 0 else "", row.label, str(row.cases), str(row.expected), str(row.predicted),
                str(row.hits), f"{row.precision:.3f}", f"{row.recall:.3f}", f"{row.f1:.3f}",
            )
    console = stdout_console()
    console.print(table)
    for report in reports:
        for note in report.notes:
            console.print(f"{report.path}: {note}")
    if misses:
        for report in reports:
            for failure in report.failures:
                console.print(f"{failure['id']}: {failure['text']!r} missed={failure['missed']} wrong={failure['wrong']}")
