"""metaledger conflicts: where reports disagree about the same fact, and how a figure evolved."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import EXIT_DIFFERENCES, UsageError
from .app import app
from .query import _LEDGERS_HELP, _LEXICON_HELP, _check_choices, _check_format, _date_range, _load_index

FORMATS = ("table", "json", "yaml", "markdown")


@app.command(
    epilog="Examples: metaledger conflicts | metaledger conflicts reports.yaml --timeline | "
    "metaledger conflicts reports.yaml --entity 四川 --kind magnitude --kind deaths --format markdown | "
    "metaledger conflicts archive.yaml --since 2008-05 --fail-on any --format json"
)
def conflicts(
    ledgers: list[Path] = typer.Argument(None, help=_LEDGERS_HELP, show_default=False),
    entity: str = typer.Option(None, "--entity", "-e", help="Only facts about this entity (canonical name or any alias, as in query): its place or a place within it, its actor, or its statements."),
    kinds: list[str] = typer.Option([], "--kind", help="Only these attributes: magnitude, deaths, injured, missing, affected, loss, onset… (repeatable)."),
    since: str = typer.Option(None, "--since", help="Only statements as of YYYY, YYYY-MM or YYYY-MM-DD or later (their 截至 date, else their report's date)."),
    until: str = typer.Option(None, "--until", help="Only statements as of this date or earlier (2008-05 means to 2008-05-31)."),
    timeline: bool = typer.Option(False, "--timeline", help="Every fact's statements in the order they were stated, with how each stands to the earlier ones."),
    output_format: str = typer.Option("table", "--format", help="table (default), json, yaml or markdown (a pull-request comment)."),
    fail_on: str = typer.Option("conflict", "--fail-on", help="What makes the exit code 1: conflict (default), any (conflicts and updates) or none."),
    context: int = typer.Option(40, "--context", help="Characters of sentence shown either side of a claim in table and markdown (-1: the whole sentence)."),
    lexicon: list[Path] = typer.Option([], "--lexicon", help=_LEXICON_HELP),
) -> None:
    """Find facts stated more than once that disagree; exit 1 when there are conflicts (like diff), 0 when none.

    A running count (deaths, injured…) that rises in a later report or as of a later 截至
    time is an update, not a conflict; --timeline shows how each fact's values evolved.
    """
    from ..conflicts import find_conflicts
    from ..conflicts.rules import fact_rules

    _check_format(output_format, FORMATS)
    _check_choices([fail_on], ("conflict", "any", "none"), "--fail-on")
    _check_choices(kinds, tuple(fact_rules().attributes), "--kind")
    since, until = _date_range(since, until, ("--since", "--until"))
    index = _load_index(ledgers, lexicon)
    if entity is not None:
        _check_entity(index, entity)
    report = find_conflicts(index, entity=entity, kinds=kinds, since=since, until=until)
    _render(report, fail_on, output_format, timeline, None if context < 0 else context)
    if report.failing(fail_on):
        raise typer.Exit(EXIT_DIFFERENCES)


def _check_entity(index, entity: str) -> None:
    """An unknown name is a usage error (exit 2): exit 1 means conflicts were found."""
    from ..query import closest_names, find_entity

    if find_entity(index, entity) is None:
        hints = [name if name == known else f"{name} ({known})" for name, known in closest_names(index, entity)]
        raise UsageError(f"--entity: no entity {entity!r} in the ledgers" + ("; closest: " + ", ".join(hints) if hints else ""))


def _render(report, fail_on: str, output_format: str, timeline: bool, width: int | None) -> None:
    from ..conflicts import render

    if output_format == "json":
        sys.stdout.write(render.conflicts_json(report, fail_on))
    elif output_format == "yaml":
        from ..ledger.store import dump_yaml

        sys.stdout.write(dump_yaml(render.report_data(report, fail_on)))
    elif output_format == "markdown":
        sys.stdout.write(render.conflicts_markdown(report, fail_on, timeline, width))
    else:
        from ..render import stdout_console

        from rich.text import Text

        console = stdout_console()
        for shown in render.conflicts_renderables(report, fail_on, timeline, width, marked=console.color_system is None):
            console.print(shown, soft_wrap=isinstance(shown, Text))  # lines stay whole for grep
