"""metaledger query / entities / show: read ledgers, never write them.

Each command loads the ledgers, asks metaledger.query, and renders the answer as a
rich table (the default), JSON, YAML or CSV on stdout. A name, article, type or claim
id the ledgers do not know exits 1 with the closest ones on stderr; JSON and YAML
then still print an empty list and CSV its header, so a script's parser never breaks.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import typer

from ..errors import EXIT_DIFFERENCES, UsageError
from .app import app

FORMATS = ("table", "json", "yaml", "csv")
DEFAULT_LEDGER = Path("claims.yaml")
_LEDGERS_HELP = "Ledger files, combined [default: claims.yaml]."
_FORMAT_HELP = "table (default), json, yaml or csv."
_LEXICON_HELP = "Extra gazetteer YAML for resolving names (repeatable), as in extract."


def _claim_columns() -> list[str]:
    """Every claim field once, in file order: the CSV header of claim listings."""
    from ..ledger.models import DateClaim, EntityClaim, EventClaim, FigureClaim

    columns: dict[str, None] = {}
    for model in (EntityClaim, DateClaim, FigureClaim, EventClaim):
        columns.update(dict.fromkeys(model.model_fields))
    return list(columns)


ENTITY_COLUMNS = ["canonical", "type", "mentions", "articles", "events", "aliases"]


def _check_format(output_format: str, allowed=FORMATS) -> str:
    if output_format not in allowed:
        raise UsageError(f"--format must be one of {', '.join(allowed)}, not {output_format!r}")
    return output_format


def _load_index(paths: list[Path] | None, lexicon: list[Path]):
    from ..ledger.store import load_ledger
    from ..query import LedgerIndex, combine_ledgers
    from ..resources.gazetteer import load_gazetteer

    paths = list(dict.fromkeys(paths or [DEFAULT_LEDGER]))
    ledgers = [load_ledger(path) for path in paths]
    gazetteer = load_gazetteer(tuple(lexicon)) if lexicon else None
    return LedgerIndex(combine_ledgers(ledgers, [str(p) for p in paths]), gazetteer)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ";".join(map(str, value))
    return str(value)


def _write_data(records: list[dict], output_format: str, columns: list[str]) -> None:
    """JSON, YAML or CSV of plain records on stdout."""
    if output_format == "json":
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif output_format == "yaml":
        from ..ledger.store import dump_yaml

        sys.stdout.write(dump_yaml(records))
    else:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(record.get(column)) for column in columns] for record in records)


def _not_found(message: str, hints: list[str], output_format: str, columns: list[str]) -> None:
    """Say what was not found and what is close; keep machine formats parseable; exit 1."""
    if output_format != "table":
        _write_data([], output_format, columns)
    line = f"metaledger: {message}"
    if hints:
        line += "; closest: " + ", ".join(hints)
    sys.stderr.write(line + "\n")
    raise typer.Exit(EXIT_DIFFERENCES)


def _closest(wanted: str, known, limit: int = 5) -> list[str]:
    import difflib

    return difflib.get_close_matches(wanted, sorted(known), n=limit, cutoff=0.4)


def _check_choices(values: list[str], allowed: tuple[str, ...], option: str) -> None:
    for value in values:
        if value not in allowed:
            raise UsageError(f"{option} must be one of {', '.join(allowed)}, not {value!r}")


def _check_known(index, articles: list[str], types: list[str], output_format: str, columns: list[str]) -> None:
    for article in articles:
        if article not in index.articles_by_id:
            _not_found(f"no article {article!r} in the ledger", _closest(article, index.articles_by_id), output_format, columns)
    for claim_type in types:
        if claim_type.casefold() not in index.types:
            _not_found(f"no claims of type {claim_type!r}", _closest(claim_type.casefold(), index.types), output_format, columns)


@app.command(
    epilog="Examples: metaledger query --entity 小扎 | metaledger query --entity 英伟达 --kind figure "
    "--from 2025-11 --to 2025-11 --format json | metaledger query a.yaml b.yaml --type layoff --certainty reported"
)
def query(
    ledgers: list[Path] = typer.Argument(None, help=_LEDGERS_HELP, show_default=False),
    entity: str = typer.Option(None, "--entity", "-e", help="Claims about this entity: canonical name or any alias (小扎, 谷歌, Google, 穀歌). Without it: all claims that pass the other filters."),
    kinds: list[str] = typer.Option([], "--kind", help="entity, date, figure or event (repeatable: any of them)."),
    types: list[str] = typer.Option([], "--type", help="Event type (layoff) or entity type (PERSON), case-insensitive (repeatable)."),
    date_from: str = typer.Option(None, "--from", help="Claims dated on or after YYYY, YYYY-MM or YYYY-MM-DD (interval overlap)."),
    date_to: str = typer.Option(None, "--to", help="Claims dated on or before YYYY, YYYY-MM or YYYY-MM-DD (2025-11 means to 2025-11-30)."),
    articles: list[str] = typer.Option([], "--article", help="Only this article id (repeatable)."),
    certainties: list[str] = typer.Option([], "--certainty", help="Events stated as asserted, reported or hedged (repeatable)."),
    output_format: str = typer.Option("table", "--format", help=_FORMAT_HELP),
    lexicon: list[Path] = typer.Option([], "--lexicon", help=_LEXICON_HELP),
) -> None:
    """List the claims about an entity (or all claims), filtered by kind, type, dates, article, certainty."""
    from ..ledger.models import CLAIM_KINDS
    from ..query import closest_names, find_entity, query_claims

    _check_format(output_format)
    _check_choices(kinds, CLAIM_KINDS, "--kind")
    _check_choices(certainties, ("asserted", "reported", "hedged"), "--certainty")
    low, high = _date_range(date_from, date_to)
    columns = _claim_columns()
    index = _load_index(ledgers, lexicon)
    canonical = None
    if entity is not None:
        canonical = find_entity(index, entity)
        if canonical is None:
            hints = [name if name == known else f"{name} ({known})" for name, known in closest_names(index, entity)]
            _not_found(f"no claims for {entity!r}", hints, output_format, columns)
    _check_known(index, articles, types, output_format, columns)
    claims = query_claims(index, entity=canonical, kinds=kinds, types=types, date_from=low, date_to=high,
                          articles=articles, certainties=certainties)
    if output_format != "table":
        _write_data([claim.model_dump(mode="json") for claim in claims], output_format, columns)
    else:
        _print_claims(claims, canonical)


def _date_range(date_from: str | None, date_to: str | None, options: tuple[str, str] = ("--from", "--to")) -> tuple[str | None, str | None]:
    """Inclusive ISO days from two partial dates (YYYY, YYYY-MM, YYYY-MM-DD), named in errors by their options."""
    from ..query import parse_date_bound

    low = parse_date_bound(date_from, where=options[0]) if date_from else None
    high = parse_date_bound(date_to, end=True, where=options[1]) if date_to else None
    if low and high and low > high:
        raise UsageError(f"{options[0]} {date_from} is after {options[1]} {date_to}")
    return low, high


def _print_claims(claims, canonical: str | None) -> None:
    """The claims as a table on stdout, how many and where on stderr."""
    from ..render import stderr_console, stdout_console

    if claims:
        stdout_console().print(_claims_table(claims))
    about = f" about {canonical}" if canonical else ""
    spread = len({claim.article for claim in claims})
    stderr_console().print(f"{len(claims)} claim(s){about} in {spread} article(s)", markup=False)


def _claims_table(claims):
    from rich.table import Table
    from rich.text import Text

    from ..render import describe_value

    table = Table()  # the id names the article and kind, and is what `show` takes
    for column in ("id", "sent", "text", "value"):
        table.add_column(column, justify="right" if column == "sent" else "left", overflow="fold")
    for claim in claims:
        cells = (claim.id, str(claim.sentence), claim.text, describe_value(claim))
        table.add_row(*(Text(cell) for cell in cells))
    return table


def _entity_record(info) -> dict:
    return {
        "canonical": info.canonical,
        "type": info.type,
        "mentions": info.mentions,
        "articles": list(info.articles),
        "events": info.events,
        "aliases": dict(info.aliases),
    }


@app.command(epilog="Examples: metaledger entities | metaledger entities --type PERSON --format csv")
def entities(
    ledgers: list[Path] = typer.Argument(None, help=_LEDGERS_HELP, show_default=False),
    types: list[str] = typer.Option([], "--type", help="PERSON, ORG, PRODUCT, PLACE or OTHER (repeatable)."),
    articles: list[str] = typer.Option([], "--article", help="Count only mentions in this article (repeatable)."),
    output_format: str = typer.Option("table", "--format", help=_FORMAT_HELP),
) -> None:
    """List the entities mentioned: canonical name, type, aliases seen, mentions, articles, events."""
    from ..query import entity_index
    from ..resources.gazetteer import ENTITY_TYPES

    _check_format(output_format)
    _check_choices([t.upper() for t in types], ENTITY_TYPES, "--type")
    index = _load_index(ledgers, [])
    for article in articles:
        if article not in index.articles_by_id:
            hints = _closest(article, index.articles_by_id)
            _not_found(f"no article {article!r} in the ledger", hints, output_format, ENTITY_COLUMNS)
    infos = entity_index(index, types=types, articles=articles)
    if output_format != "table":
        records = [_entity_record(info) for info in infos]
        if output_format == "csv":  # one cell per list: names joined by ';', aliases without counts
            records = [dict(r, aliases=list(r["aliases"])) for r in records]
        _write_data(records, output_format, ENTITY_COLUMNS)
        return
    from rich.table import Table
    from rich.text import Text

    from ..render import stderr_console, stdout_console

    table = Table()
    for column in ("canonical", "type", "mentions", "articles", "events", "aliases seen"):
        table.add_column(column, justify="right" if column in ("mentions", "articles", "events") else "left")
    for info in infos:
        aliases = "\n".join(f"{text} ×{count}" for text, count in info.aliases)  # one per line: never split
        table.add_row(Text(info.canonical), info.type, str(info.mentions), str(len(info.articles)),
                      str(info.events), Text(aliases))
    if infos:
        stdout_console().print(table)
    stderr_console().print(f"{len(infos)} entities", markup=False)


@app.command(epilog="Examples: metaledger show meta-avocado:entity:mark-zuckerberg:1 | "
             "metaledger show news:event:layoff-meta:1 archive.yaml --format json")
def show(
    claim_id: str = typer.Argument(..., help="The claim's id, as listed by query.", show_default=False),
    ledgers: list[Path] = typer.Argument(None, help=_LEDGERS_HELP, show_default=False),
    output_format: str = typer.Option("table", "--format", help="table (default), json or yaml."),
) -> None:
    """Show one claim in its sentence, span highlighted, with its linked claims."""
    from ..query import claim_context, closest_claim_ids

    _check_format(output_format, ("table", "json", "yaml"))
    index = _load_index(ledgers, [])
    context = claim_context(index, claim_id)
    if context is None:
        if output_format != "table":
            _write_record(None, output_format)
        sys.stderr.write(f"metaledger: no claim {claim_id!r}" + _hint(closest_claim_ids(index, claim_id)) + "\n")
        raise typer.Exit(EXIT_DIFFERENCES)
    if output_format == "table":
        from ..render import stdout_console

        console = stdout_console()
        console.print(_context_view(context, marked=console.color_system is None))
    else:
        _write_record(_context_record(context), output_format)


def _write_record(record: dict | None, output_format: str) -> None:
    if output_format == "json":
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    else:
        from ..ledger.store import dump_yaml

        sys.stdout.write(dump_yaml(record))


def _hint(ids: list[str]) -> str:
    return "; closest: " + ", ".join(ids) if ids else ""


def _brief(claim) -> dict:
    from ..render import describe_value

    return {"id": claim.id, "kind": claim.kind, "text": claim.text, "value": describe_value(claim)}


def _context_record(context) -> dict:
    claim, article, sentence = context.claim, context.article, context.sentence
    return {
        "claim": claim.model_dump(mode="json"),
        "article": {"id": article.id, "title": article.title, "path": article.path,
                    "reference_date": article.reference_date},
        "sentence": {"index": sentence.index, "line": sentence.line, "start": sentence.start,
                     "end": sentence.end, "text": sentence.text},
        "highlight": {"before": context.before, "text": claim.text, "after": context.after},
        "dates": [c.model_dump(mode="json") for c in context.dates],
        "figures": [c.model_dump(mode="json") for c in context.figures],
        "places": [c.model_dump(mode="json") for c in context.places],
        "linked_from": [c.model_dump(mode="json") for c in context.linked_from],
        "entity": _entity_record(context.entity) if context.entity else None,
        "same_sentence": [_brief(c) for c in context.same_sentence],
    }


def _context_view(context, marked: bool):
    """The claim as a terminal page: facts, its sentence with the span highlighted, its links.

    Without colours (a pipe, NO_COLOR) the span is marked ⟦like this⟧ instead.
    """
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from ..render import describe_value

    claim, article, sentence = context.claim, context.article, context.sentence
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("claim", Text(claim.id))
    facts.add_row("kind", Text(f"{claim.kind} (rule {claim.rule})"))
    facts.add_row("value", Text(describe_value(claim)))
    title = f" — {article.title}" if article.title else ""
    facts.add_row("article", Text(f"{article.id}{title}"))
    source = ", ".join(x for x in (article.path, article.reference_date and f"dated {article.reference_date}") if x)
    if source:
        facts.add_row("", Text(source))
    facts.add_row("where", Text(f"sentence {sentence.index}, line {sentence.line}, characters {claim.start}–{claim.end}"))
    span = Text(f"⟦{claim.text}⟧") if marked else Text(claim.text, style="bold reverse")
    quote = Text.assemble("  ", context.before, span, context.after)
    links = Table.grid(padding=(0, 2))
    links.add_column(style="bold")
    links.add_column()
    for label, claims in (
        ("dates", context.dates), ("places", context.places), ("figures", context.figures), ("linked from", context.linked_from),
    ):
        for position, linked in enumerate(claims):
            links.add_row(label if position == 0 else "", Text(f"{linked.id}  {linked.text} → {describe_value(linked)}"))
    if context.entity:
        info = context.entity
        aliases = ", ".join(f"{text} ×{count}" for text, count in info.aliases)
        links.add_row("entity", Text(f"{info.canonical} ({info.type}): {info.mentions} mention(s) in "
                                     f"{len(info.articles)} article(s), {info.events} event(s); as {aliases}"))
    for position, other in enumerate(context.same_sentence):
        links.add_row("same sentence" if position == 0 else "", Text(f"{other.id}  {other.text}"))
    return Group(facts, Text(""), quote, Text(""), links)
