"""The scoreboard: every development figure the project tracks, in one table (`make scores`).

    .venv/bin/python scripts/scores.py                     # ../shared beside the project
    .venv/bin/python scripts/scores.py --shared /path/to/shared --format json

Rows: the bundled article against its gold (per section; events matched strictly: the same
subject entity), and its dates read with no date given (its text alone: the dates that need no
reference, `eval --no-relative`); the hand-checked dev articles of shared/gold/dev (per section,
micro-averaged over the articles), scored by their own conventions (present-time words and clock
times are not dates there: `eval --no-fuzzy --no-times`; events are a curated set matched by
consistent arguments, `eval --event-match consistent`: read recall); every shared/eval/*.dev.jsonl
set. A set whose case format no scorer reads yet says so. The development data stays
outside the package: this script only reads it, and prints figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from metaledger.errors import MetaledgerError  # noqa: E402
from metaledger.evaluate.gold import SECTIONS, load_gold, score_ledger  # noqa: E402
from metaledger.evaluate.matching import Tally  # noqa: E402


@dataclass
class Row(Tally):
    """A scoreboard row: a Tally, or only a note (a set not scored yet)."""

    note: str = ""

    @property
    def scored(self) -> bool:
        return not self.note

    def as_dict(self) -> dict:
        if not self.scored:
            return {"set": self.label, "note": self.note}
        return {"set": self.label, **{k: v for k, v in super().as_dict().items() if k != "label"}, "note": ""}


def _gold_rows(label: str, pairs: list[tuple[Path, Path]], **options) -> list[Row]:
    """One row per section, micro-averaged over (article, gold) pairs (options: score_ledger's)."""
    import metaledger

    totals = {section: Row(f"{label} {section}") for section in SECTIONS}
    if options.get("event_match", "strict") != "strict":
        totals["events"].label += f" ({options['event_match']})"
    for article, gold_path in pairs:
        ledger = metaledger.extract_file(article)
        scores = score_ledger(ledger, load_gold(gold_path), article_id=article.stem, where=str(gold_path), **options)
        for score in scores:
            totals[score.section].add(score.gold, score.predicted, score.hits)
    return list(totals.values())


def _bundled_rows(shared: Path) -> list[Row]:
    gold = shared / "gold" / "meta-avocado.gold.yaml"
    if not gold.exists():
        gold = ROOT / "tests" / "fixtures" / "gold" / "meta-avocado.gold.yaml"
    article = ROOT / "data" / "articles" / "meta-avocado.txt"
    return _gold_rows("bundled gold", [(article, gold)]) + [_no_date_row(article, gold)]


def _no_date_row(article: Path, gold: Path) -> Row:
    """The bundled article read with no date given (its text alone, no sidecar): the dates
    that need no reference date (`eval --no-relative`); the others stay unresolved."""
    import metaledger

    ledger = metaledger.extract_text(article.read_text(encoding="utf-8"), article_id=article.stem)
    dates = next(s for s in score_ledger(ledger, load_gold(gold), article_id=article.stem, include_relative=False) if s.section == "dates")
    row = Row("bundled dates, no date given")
    row.add(dates.gold, dates.predicted, dates.hits)
    return row


def _dev_gold_rows(shared: Path) -> list[Row]:
    pairs = []
    for gold in sorted((shared / "gold" / "dev").glob("*.gold.yaml")):
        article = shared / "articles" / "dev" / (gold.name.removesuffix(".gold.yaml") + ".txt")
        if article.exists():
            pairs.append((article, gold))
    if not pairs:
        return [Row(f"dev gold {section}", note="no dev gold found") for section in SECTIONS]
    # The dev gold's conventions: 目前/现在 and clock times are not dates; its events are roles as
    # written, a curated set (gold/dev/README.md).
    return _gold_rows(
        f"dev gold ({len(pairs)} articles)", pairs, include_fuzzy=False, include_times=False, event_match="consistent"
    )


def _case_rows(shared: Path) -> list[Row]:
    from metaledger.evaluate.case_files import UnscoredFormatError, score_case_file

    order = ["numbers.dev.jsonl", "dates.dev.jsonl", "ner.dev.jsonl", "cec_times.dev.jsonl", "cec_events.dev.jsonl"]
    found = sorted((shared / "eval").glob("*.dev.jsonl"), key=lambda p: (order.index(p.name) if p.name in order else len(order), p.name))
    rows = []
    for path in found:
        try:
            report = score_case_file(path)
        except UnscoredFormatError:
            rows.append(Row(path.name, note="not scored yet"))
            continue
        except MetaledgerError as error:
            rows.append(Row(path.name, note=f"error: {error}"))
            continue
        for index, tally in enumerate(report.rows):
            name = path.name if index == 0 else f"  {path.name} {tally.label}"
            rows.append(Row(name, tally.cases, tally.expected, tally.predicted, tally.hits))
        rows.extend(Row(f"  {path.name}", note=note) for note in report.notes)
    return rows


def scoreboard(shared: Path) -> list[Row]:
    return _bundled_rows(shared) + _dev_gold_rows(shared) + _case_rows(shared)


def _print_table(rows: list[Row]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="development scores (make scores)", title_justify="left")
    for column in ("set", "cases", "expected", "predicted", "hits", "P", "R", "F1", "note"):
        table.add_column(column, justify="left" if column in ("set", "note") else "right")
    show = lambda x: "" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))  # noqa: E731
    for row in rows:
        if not row.scored:
            table.add_row(row.label, *[""] * 7, row.note)
            continue
        table.add_row(
            row.label, show(row.cases), show(row.expected), show(row.predicted), show(row.hits),
            show(row.precision), show(row.recall), show(row.f1), "",
        )
    Console(width=160).print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (default: ../shared)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"scores: error: {args.shared}: no such folder (pass --shared)", file=sys.stderr)
        return 3
    rows = scoreboard(args.shared)
    if args.format == "json":
        print(json.dumps([row.as_dict() for row in rows], ensure_ascii=False, indent=2))
    else:
        _print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
