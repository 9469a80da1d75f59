"""find_conflicts: the library entry point behind `metaledger conflicts`."""

from __future__ import annotations

from collections.abc import Iterable

from ..query import LedgerIndex, Source, find_entity, ledger_index
from ..resources.gazetteer import normalize_alias
from .grouping import group_statements
from .places import Places
from .report import ConflictReport, Fact
from .rules import FactRules, fact_rules
from .statements import StatementReader
from .values import days_span


def find_conflicts(
    source: Source,
    *,
    entity: str | None = None,
    kinds: Iterable[str] = (),
    since: str | None = None,
    until: str | None = None,
    rules: FactRules | None = None,
) -> ConflictReport:
    """Facts stated more than once in the ledgers, each agreed, in conflict, or updated over time.

    entity is any name of an entity (as in query): only facts about it (its place or a place
    within it, or it as the actor), or stated on its authority; an unknown name finds nothing.
    kinds are attribute names (magnitude, deaths, onset …); since and until are inclusive ISO
    days bounding each statement's as-of time (its 截至 date, else its report's date).
    """
    index = ledger_index(source)
    rules = rules or fact_rules()
    kinds = set(kinds)
    filters = {"entity": entity, "kinds": sorted(kinds), "since": since, "until": until}
    canonical = find_entity(index, entity) if entity is not None else None
    if entity is not None and canonical is None:
        return ConflictReport(facts=(), filters=filters)
    reader = StatementReader(index, rules)
    statements = reader.read()
    if kinds:
        statements = [s for s in statements if s.attribute in kinds]
    if since or until:
        period = days_span(since or "0001-01-01", until or "9999-12-30")
        statements = [s for s in statements if s.as_of is not None and s.as_of.meets(period)]
    facts, unplaced = group_statements(statements, reader.places, rules)
    if canonical is not None:
        facts = [fact for fact in facts if _about(fact, canonical, index, reader.places)]
        unplaced = [u for u in unplaced if u.statement.subject == canonical]
    return ConflictReport(
        facts=tuple(facts), unplaced=tuple(unplaced), statements=len(statements),
        articles=len({s.article for s in statements}), filters=filters,
    )


def _about(fact: Fact, canonical: str, index: LedgerIndex, places: Places) -> bool:
    """A fact is about an entity that is its actor or place, or contains its place, or is a source of it."""
    key = places.key(canonical)
    for statement in fact.statements:
        subject = statement.subject_key
        if subject is not None and (subject == key or key in places.ancestors(subject)):
            return True
        if statement.attribution and index.resolve(statement.attribution) == canonical:
            return True
    return fact.subject is not None and normalize_alias(fact.subject) == normalize_alias(canonical)
