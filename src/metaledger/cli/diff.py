"""metaledger diff: which claims changed between two versions (articles, folders or ledgers)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import EXIT_DIFFERENCES, UsageError
from .app import app
from .extract import _validate_date

FORMATS = ("table", "json", "markdown", "github")


@app.command(
    epilog="Examples: metaledger diff data/articles/meta-avocado.txt data/articles/meta-avocado-v2.txt --date 2025-12-11 | "
    "metaledger diff base.yaml claims.yaml --fail-on figure,date --format github | "
    "git show main:claims.yaml | metaledger diff - claims.yaml --format markdown"
)
def diff(
    old: str = typer.Argument(..., metavar="OLD", help="The old version: an article, a folder of articles, a ledger, or '-' for stdin.", show_default=False),
    new: str = typer.Argument(..., metavar="NEW", help="The new version (same kinds); line numbers in the output are NEW's.", show_default=False),
    date: str = typer.Option(None, "--date", callback=_validate_date, help="Reference date YYYY-MM-DD for articles on both sides (ledgers keep theirs)."),
    lexicon: list[Path] = typer.Option([], "--lexicon", help="Extra gazetteer YAML for articles on both sides (repeatable)."),
    article: str = typer.Option(None, "--article", help="Compare only this article id (a one-article side stands for it whatever its id)."),
    output_format: str = typer.Option("table", "--format", help="table, json, markdown (a pull-request comment) or github (workflow annotations)."),
    fail_on: str = typer.Option("all", "--fail-on", help="Changes that make the exit code 1: claim kinds (entity,date,figure,event) and/or changes (changed,added,removed); 'all' or 'none'."),
) -> None:
    """Compare claims between two versions; exit 1 when claims changed (like diff), 0 when none did.

    Moving a paragraph or rewording a sentence without changing what it claims is
    not a change: it shows as a 'moved' or 'reworded' note that never fails the run.
    """
    from ..diff.changes import parse_fail_on
    from ..diff.versions import diff_versions

    if output_format not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {output_format!r}")
    if old == "-" and new == "-":
        raise UsageError("only one side can be '-' (standard input)")
    policy = parse_fail_on(fail_on)
    gazetteer = None
    if lexicon:
        from ..resources.gazetteer import load_gazetteer

        gazetteer = load_gazetteer(tuple(lexicon))
    versions = [_load(side, date, gazetteer) for side in (old, new)]
    if (date or lexicon) and all(v.source == "ledger" for v in versions):
        sys.stderr.write("metaledger: note: --date and --lexicon apply to articles; both sides are ledgers\n")
    result = diff_versions(*versions, article=article)
    _render(result, policy, output_format)
    if policy.failing(result):
        raise typer.Exit(EXIT_DIFFERENCES)


def _load(side: str, date: str | None, gazetteer):
    from ..diff.versions import load_version, version_from_bytes

    if side == "-":
        return version_from_bytes(sys.stdin.buffer.read(), "<stdin>", reference_date=date, lexicon=gazetteer)
    return load_version(side, reference_date=date, lexicon=gazetteer)


def _render(result, policy, output_format: str) -> None:
    from ..diff import render as render_diff

    if output_format == "json":
        sys.stdout.write(render_diff.diff_json(result, policy))
    elif output_format == "markdown":
        sys.stdout.write(render_diff.diff_markdown(result, policy))
    elif output_format == "github":
        sys.stdout.write(render_diff.diff_github(result, policy))
    else:
        from ..render import stdout_console

        console = stdout_console()
        for table in render_diff.diff_tables(result, policy):
            console.print(table)
        console.print(render_diff.summary_line(result, policy), markup=False)
