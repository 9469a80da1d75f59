"""The records a conflicts run returns: statements of facts, the facts, and the report.

A *statement* is one claim read as a value of one fact (a figure, or the date of an event), with
what it takes to judge it: its sentence, attribution, certainty, as-of time and how it was read.
A *fact* groups the statements about the same thing and says whether they agree, conflict, or
show a running count rising (an update).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..ledger.models import Claim, EventClaim, Sentence
from .values import Span

STATUSES = ("conflict", "update", "agreed")
FAIL_ON = ("conflict", "any", "none")


@dataclass(frozen=True)
class Statement:
    claim: Claim  # the figure, or the date of an event's onset
    sentence: Sentence
    article_path: str | None
    topic: str  # earthquake, fire, layoff … (facts.yaml topics)
    qualifier: str | None  # aftershock …; None for the main event
    attribute: str  # magnitude, deaths, onset …
    unit: str | None
    value: Span
    subject: str | None  # the place or actor as the ledger names it
    subject_key: str | None
    object: str | None  # the event's object, for topics told apart by it (deals); else None
    window: Span | None  # when the topic event happened, widened by the topic's slack
    moment: Span | None  # the topic event's own time of day (tells repeatable events apart)
    as_of: Span | None
    as_of_label: str
    as_of_id: str | None  # the 截至 date claim, None when the report's date stands in
    event: EventClaim | None  # the topic event
    source: EventClaim | None  # the event whose attribution and certainty the statement carries
    how: tuple[str, ...]  # how the claim was read as this statement

    @property
    def article(self) -> str:
        return self.claim.article

    @property
    def attribution(self) -> str | None:
        return self.source.attribution if self.source else None

    @property
    def certainty(self) -> str:
        return self.source.certainty if self.source else "asserted"

    @property
    def time(self) -> bool:
        return self.attribute == "onset"


@dataclass(frozen=True)
class Relation:
    """How two statements of one fact stand: agree, conflict, or update (earlier → later)."""

    kind: str
    first: str  # claim ids, in timeline order
    second: str


@dataclass(frozen=True)
class Fact:
    topic: str
    qualifier: str | None
    attribute: str
    unit: str | None
    subject: str | None
    status: str
    statements: tuple[Statement, ...]  # in timeline order: as-of time, then article and position
    readings: tuple[str, ...]  # per statement: A, B … (statements with one letter agree)
    relations: tuple[Relation, ...]  # conflicts and updates between statements
    why: tuple[str, ...]  # which keys matched, one line each
    cumulative: bool
    where: str = "place"  # the subject is where it happened (place) or who did it (actor)
    object: str | None = None

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.article for s in self.statements))

    @property
    def title(self) -> str:
        """'magnitude · earthquake at 汶川县', 'layoffs · layoff by Meta'."""
        topic = f"{self.topic} ({self.qualifier})" if self.qualifier else self.topic
        where = f" {'at' if self.where == 'place' else 'by'} {self.subject}" if self.subject else ""
        what = f" of {self.object}" if self.object else ""
        return f"{self.attribute} · {topic}{where}{what}"


@dataclass(frozen=True)
class Unplaced:
    """A statement read but not compared, and why (an aftershock with no time; a place that fits two facts)."""

    statement: Statement
    reason: str


@dataclass(frozen=True)
class ConflictReport:
    facts: tuple[Fact, ...]
    unplaced: tuple[Unplaced, ...] = ()
    statements: int = 0
    articles: int = 0
    filters: dict = field(default_factory=dict)

    def with_status(self, status: str) -> list[Fact]:
        return [fact for fact in self.facts if fact.status == status]

    @property
    def conflicts(self) -> list[Fact]:
        return self.with_status("conflict")

    @property
    def updates(self) -> list[Fact]:
        return self.with_status("update")

    @property
    def agreed(self) -> list[Fact]:
        return self.with_status("agreed")

    def failing(self, fail_on: str) -> list[Fact]:
        """The facts that make a run exit 1: conflicts; with 'any' updates too; with 'none' nothing."""
        if fail_on == "none":
            return []
        return [f for f in self.facts if f.status == "conflict" or (fail_on == "any" and f.status == "update")]
