"""metaledger extract: articles → ledger."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import typer

from ..errors import EXIT_DIFFERENCES, UsageError
from .app import app

FORMATS = ("yaml", "json", "jsonl", "table")
DEFAULT_LEDGER = "claims.yaml"
_DIFF_LINES = 40


def _validate_date(value: str | None) -> str | None:
    if value is None:
        return None
    from ..errors import InputError
    from ..text.load import parse_iso_date

    try:
        return parse_iso_date(value, where="--date")
    except InputError as error:
        raise typer.BadParameter(str(error).removeprefix("--date: ")) from None


@app.command(
    epilog="Examples: metaledger extract data/articles/meta-avocado.txt | "
    "metaledger extract data/articles/ --check | metaledger extract a.txt --date 2025-12-11 --format table"
)
def extract(
    paths: list[Path] = typer.Argument(..., help="Article files (.txt), or folders of them.", show_default=False),
    output: str = typer.Option(None, "-o", "--output", help="Ledger to write (merged: other articles are kept); '-' for stdout. [default: claims.yaml]", show_default=False),
    date: str = typer.Option(None, "--date", callback=_validate_date, help="Reference date YYYY-MM-DD for 今年, 上周…; wins over front matter and sidecar."),
    output_format: str = typer.Option(None, "--format", help="Print the ledger as yaml, json, jsonl (streamed: one record per line) or table to stdout instead of writing claims.yaml."),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 with a short diff if the ledger on disk differs from a fresh extraction."),
    lexicon: list[Path] = typer.Option([], "--lexicon", help="Extra gazetteer YAML (repeatable); its entries win over the packaged ones."),
    jobs: int = typer.Option(1, "-j", "--jobs", min=0, help="Worker processes for several articles; 0 means one per CPU. Output is identical to -j 1."),
) -> None:
    """Extract claims from articles into a YAML ledger (./claims.yaml by default)."""
    from ..batch import (
        SideTask,
        default_jobs,
        iter_extracted,
        iter_jsonl,
        iter_rendered,
    )
    from ..extraction import article_id_for, expand_article_paths
    from ..ledger.models import Ledger
    from ..ledger.store import load_ledger, merge_ledgers, read_ledger, save_ledger
    from ..resources.gazetteer import load_gazetteer

    if output_format is not None and output_format not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {output_format!r}")
    to_stdout = output == "-" or (output is None and output_format is not None)
    target = None if to_stdout else Path(output or DEFAULT_LEDGER)
    if output_format in ("table", "jsonl") and target is not None:
        raise UsageError(f"--format {output_format} prints to stdout; drop -o or use --format yaml/json")
    if check and target is None:
        raise UsageError("--check compares with a ledger file; give -o FILE or leave the default")
    files = expand_article_paths(paths)
    if target is not None and not check:
        from ..ledger.atomic import check_target

        check_target(target)  # a folder, a missing folder, a read-only file: say so before the work
    gazetteer = load_gazetteer(tuple(lexicon)) if lexicon else None
    existing = read_before = None
    if target is not None and target.exists():
        if check:
            existing = load_ledger(target)
        else:  # a broken ledger stops the work early; save_ledger reuses this reading if the file is unchanged
            read_before = SideTask(read_ledger, target, skip_articles=[article_id_for(path) for path in files])

    options = {"reference_date": date, "lexicon": gazetteer, "jobs": jobs or default_jobs()}
    if output_format == "jsonl":
        _stream_jsonl(iter_jsonl(files, **options))
        return
    if target is not None and not check and output_format in (None, "yaml"):
        # The common case, a YAML ledger file: workers hand back their articles as ledger text.
        from ..ledger.rendered import latest_by_id, save_rendered

        rendered = latest_by_id(_progress(iter_rendered(files, **options, side_task=read_before), files))
        written = save_rendered(target, rendered, read_before=read_before.result() if read_before else None)
        _summarize_rendered(rendered, target, written)
        return
    ledger = merge_ledgers(Ledger(), *_progress(iter_extracted(files, **options, side_task=read_before), files))

    if check:
        _check(target, existing, ledger)
        return
    if to_stdout:
        _print(ledger, output_format or "yaml")
        return
    merged = save_ledger(target, ledger, as_json=output_format == "json", read_before=read_before.result() if read_before else None)
    _summarize(ledger, target, merged)


def _stream_jsonl(lines) -> None:
    """Write records as they come: memory stays flat on big corpora and huge articles."""
    for line in lines:
        sys.stdout.write(line)
    sys.stdout.flush()


def _progress(results, files: list[Path]):
    """Yield results, advancing a progress bar on stderr when there are several files."""
    if len(files) < 2:
        yield from results
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ..render import stderr_console

    with Progress(
        TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
        console=stderr_console(), transient=True,
    ) as progress:
        task = progress.add_task("", total=len(files))
        for path, result in zip(files, results):
            progress.update(task, description=path.name)
            yield result
            progress.advance(task)
        yield from results  # nothing more: lets the batch finish its side task before the bar goes


def _print(ledger, output_format: str) -> None:
    from ..ledger.store import dump_ledger, dump_ledger_json

    if output_format == "yaml":
        sys.stdout.write(dump_ledger(ledger))
    elif output_format == "json":
        sys.stdout.write(dump_ledger_json(ledger))
    else:
        from ..render import claims_table, stdout_console

        stdout_console().print(claims_table(ledger))


def _summarize(extracted, target: Path, written) -> None:
    from ..render import summary_table

    _print_summary(summary_table(extracted), target, len(written.claims), len(written.articles))


def _summarize_rendered(rendered: dict, target: Path, written) -> None:
    from collections import Counter

    from ..render import counts_table

    counts = Counter({(article_id, kind): n for article_id, article in rendered.items() for kind, n in article.counts.items()})
    _print_summary(counts_table(sorted(rendered), counts), target, written.claims, len(written.article_ids))


def _print_summary(table, target: Path, claims: int, articles: int) -> None:
    from ..render import stderr_console

    console = stderr_console()
    console.print(table)
    console.print(f"wrote {target}: {claims} claims from {articles} article(s)")


def _check(target: Path, existing, extracted) -> None:
    from ..ledger.store import dump_ledger, merge_ledgers

    if existing is None:
        sys.stderr.write(f"metaledger: {target} does not exist; run without --check to create it\n")
        raise typer.Exit(EXIT_DIFFERENCES)
    expected = dump_ledger(merge_ledgers(existing, extracted))
    actual = target.read_text(encoding="utf-8")
    if expected == actual:
        sys.stderr.write(f"{target} is up to date ({len(extracted.articles)} article(s) checked)\n")
        return
    diff = list(difflib.unified_diff(actual.splitlines(), expected.splitlines(), f"{target} (on disk)", f"{target} (fresh extraction)", lineterm="", n=1))
    shown = diff[:_DIFF_LINES]
    sys.stdout.write("\n".join(shown) + "\n")
    if len(diff) > len(shown):
        sys.stdout.write(f"... {len(diff) - len(shown)} more diff lines\n")
    sys.stderr.write(f"metaledger: {target} is out of date; run 'metaledger extract' without --check to update it\n")
    raise typer.Exit(EXIT_DIFFERENCES)
