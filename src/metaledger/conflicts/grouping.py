"""Statements grouped into facts, and each fact judged: agreed, conflict, or update.

Statements are the same fact when they share the exact keys (topic, qualifier, attribute, unit)
and fit together on the loose ones: their places are one place or nested (汶川县 within
四川), their windows overlap, and — for repeatable events such as aftershocks — their times of
day meet. A fact's members fit *all* together, not just pairwise in a chain: a fact keeps its
most specific place and the intersection of its windows, so the May and August quakes in
Sichuan never meet through a report that says only 四川. The most specific statements are placed
first; one that fits two facts (a province-level statement on a day with quakes in two of its
counties) is left out and says so.

Two statements conflict when their values do not meet — except for a running count (deaths,
injured…) stated as of a later time with a larger value: that is an update.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from string import ascii_uppercase

from .places import Places
from .report import STATUSES, Fact, Relation, Statement, Unplaced
from .rules import FactRules
from .values import Span, show_instant, show_span


@dataclass
class _Cluster:
    members: list[Statement] = field(default_factory=list)
    key: str | None = None  # the most specific place or actor key so far
    subject: str | None = None
    window: Span | None = None
    moment: Span | None = None

    def add(self, statement: Statement, places: Places, repeatable: bool) -> None:
        self.members.append(statement)
        deeper = places.deeper(self.key, statement.subject_key)
        if deeper != self.key:
            self.key, self.subject = deeper, statement.subject
        self.window = _meet(self.window, statement.window)
        self.moment = _meet(self.moment, statement.moment) if repeatable else None


def _meet(one: Span | None, other: Span | None) -> Span | None:
    if one is None or other is None:
        return one or other
    return one.intersect(other)


def _fits(cluster: _Cluster, statement: Statement, places: Places, repeatable: bool) -> bool:
    if cluster.window and statement.window and not cluster.window.meets(statement.window):
        return False  # the cheap test first: most clusters of a large archive are other days
    if not places.compatible(cluster.key, statement.subject_key):
        return False
    return not repeatable or (cluster.moment is not None and cluster.moment.meets(statement.moment))


def _specificity(statement: Statement, places: Places):
    width = (statement.window.high - statement.window.low) if statement.window else math.inf
    return (-places.depth(statement.subject_key), statement.moment is None, width,
            statement.article, statement.claim.start)


def _timeline_key(statement: Statement):
    return (statement.as_of.low if statement.as_of else math.inf, statement.article, statement.claim.start)


def group_statements(statements: list[Statement], places: Places, rules: FactRules) -> tuple[list[Fact], list[Unplaced]]:
    buckets: dict[tuple, list[Statement]] = defaultdict(list)
    for statement in statements:
        key = (statement.topic, statement.qualifier or "", statement.attribute, statement.unit or "", statement.object or "")
        buckets[key].append(statement)
    facts, unplaced = [], []
    for key in sorted(buckets):
        topic = rules.topics[key[0]]
        repeatable = any(q.name == key[1] and q.repeatable for q in topic.qualifiers)
        clusters: list[_Cluster] = []
        for statement in sorted(buckets[key], key=lambda s: _specificity(s, places)):
            if repeatable and statement.moment is None:
                unplaced.append(Unplaced(statement, f"{key[1]}s are told apart by their time of day; this statement gives none"))
                continue
            fitting = [c for c in clusters if _fits(c, statement, places, repeatable)]
            if len(fitting) > 1:
                fitting = [c for c in fitting if c.key == statement.subject_key] or fitting
            if len(fitting) > 1:
                names = ", ".join(sorted({c.subject or "?" for c in fitting}))
                unplaced.append(Unplaced(statement, f"fits {len(fitting)} facts ({names}); not compared"))
                continue
            if not fitting:
                fitting = [_Cluster()]
                clusters.append(fitting[0])
            fitting[0].add(statement, places, repeatable)
        for cluster in clusters:
            if len(cluster.members) > 1:
                fact = _fact(cluster, rules, places, repeatable)
                if fact.status != "agreed" or len(fact.articles) > 1:
                    facts.append(fact)
    facts.sort(key=lambda f: (STATUSES.index(f.status), f.topic, f.qualifier or "", f.subject or "", f.attribute,
                              _timeline_key(f.statements[0])))
    return facts, unplaced


def _relations(ordered: list[Statement], readings: list[str], cumulative: bool) -> list[Relation]:
    """How each statement stands to the earlier ones: a conflict with the first statement of each
    earlier reading it disagrees with, and for a running count that rose, an update from the
    latest earlier statement it rose from. Linear in the statements for a few readings, where
    all pairs would be quadratic for a story reported five hundred times."""
    relations = []
    for position, second in enumerate(ordered):
        named, risen_from = set(), None
        for earlier, first in enumerate(ordered[:position]):
            if first.value.meets(second.value):
                continue
            if cumulative and first.as_of and second.as_of and first.as_of.before(second.as_of) \
                    and first.value.before(second.value):
                risen_from = first
            elif readings[earlier] not in named:
                named.add(readings[earlier])
                relations.append(Relation("conflict", first.claim.id, second.claim.id))
        if risen_from is not None:
            relations.append(Relation("update", risen_from.claim.id, second.claim.id))
    return relations


def _readings(ordered: list[Statement]) -> list[str]:
    """A letter per statement: statements whose values all meet share one (A first in the timeline)."""
    groups: list[tuple[Span, list[int]]] = []
    for position in sorted(range(len(ordered)), key=lambda i: (ordered[i].value.low, ordered[i].value.high)):
        value = ordered[position].value
        if groups and groups[-1][0].meets(value):
            groups[-1] = (groups[-1][0].intersect(value), groups[-1][1] + [position])
        else:
            groups.append((value, [position]))
    group_of = {position: number for number, (_, members) in enumerate(groups) for position in members}
    letters: dict[int, str] = {}
    for position in range(len(ordered)):
        letters.setdefault(group_of[position], ascii_uppercase[len(letters) % 26])
    return [letters[group_of[position]] for position in range(len(ordered))]


def _fact(cluster: _Cluster, rules: FactRules, places: Places, repeatable: bool) -> Fact:
    ordered = sorted(cluster.members, key=_timeline_key)
    first = ordered[0]
    attribute = rules.attributes[first.attribute]
    readings = _readings(ordered)
    relations = _relations(ordered, readings, attribute.cumulative)
    kinds = {relation.kind for relation in relations}
    status = "conflict" if "conflict" in kinds else "update" if kinds else "agreed"
    why = _why(cluster, ordered, rules, places, repeatable) + [_why_values(ordered, readings)]
    return Fact(
        topic=first.topic, qualifier=first.qualifier, attribute=first.attribute, unit=first.unit,
        subject=cluster.subject, status=status, statements=tuple(ordered), readings=tuple(readings),
        relations=tuple(relations), why=tuple(why), cumulative=attribute.cumulative, where=rules.topics[first.topic].where,
        object=first.object,
    )


def _why_values(ordered: list[Statement], readings: list[str]) -> str:
    """What each reading admits: the values every statement of it allows at its own precision."""
    admitted: dict[str, Span] = {}
    for statement, letter in zip(ordered, readings):
        admitted[letter] = admitted[letter].intersect(statement.value) if letter in admitted else statement.value
    time = ordered[0].time
    if len(admitted) == 1:
        return f"values: all admit {show_span(next(iter(admitted.values())), time)} (agreement at the coarser precision)"
    shown = " · ".join(f"{letter} admits {show_span(span, time)}" for letter, span in admitted.items())
    return f"values: {shown}; they do not meet"


def _why(cluster: _Cluster, ordered: list[Statement], rules: FactRules, places: Places, repeatable: bool) -> list[str]:
    first = ordered[0]
    topic = rules.topics[first.topic]
    if first.qualifier:
        cues = next(q.cues for q in topic.qualifiers if q.name == first.qualifier)
        lines = [f"event class: {topic.name}, {first.qualifier} (trigger or the words before it say {'/'.join(cues)})"]
    elif topic.qualifiers:
        cues = "/".join(c for q in topic.qualifiers for c in q.cues)
        lines = [f"event class: {topic.name}, the main event (not {cues})"]
    else:
        lines = [f"event class: {topic.name}"]
    lines.append(_why_subject(cluster, ordered, topic.where, places))
    if topic.by_object:
        lines.append(f"object: {first.object}" if first.object else "object: none named by any")
    if repeatable:
        lines.append(f"time of day: the {first.qualifier}'s times meet: {show_span(cluster.moment, True)}")
    elif cluster.window is not None:
        lines.append(f"dates: the statements' windows overlap on {show_instant(cluster.window.low, False)} … "
                     f"{show_instant(cluster.window.high, False)}")
    else:
        lines.append("dates: no statement is dated")
    running = "; a running count: larger as of a later time is an update" if rules.attributes[first.attribute].cumulative else ""
    lines.append(f"attribute: {first.attribute}" + (f" (unit {first.unit})" if first.unit else "") + running)
    return lines


def _why_subject(cluster: _Cluster, ordered: list[Statement], where: str, places: Places) -> str:
    label = "place" if where == "place" else "actor"
    if cluster.key is None:
        return f"{label}: none stated; the only {label}-less fact of its class in its window"
    notes = []
    for name, key in dict.fromkeys((s.subject, s.subject_key) for s in ordered if s.subject_key not in (None, cluster.key)):
        evidence = places.chain(key, cluster.key)
        notes.append(f"{name} contains it" + (f" ({', '.join(evidence)})" if evidence else ""))
    written = [s.event.subject for s in ordered if s.subject_key == cluster.key and s.event and s.event.subject]
    written = [w for w in dict.fromkeys(written) if w != cluster.subject and places.named_in(w)]
    if written:
        notes.append("also written " + ", ".join(written))
    unnamed = sum(1 for s in ordered if s.subject is None)
    if unnamed:
        notes.append(f"{unnamed} statement(s) name no {label}")
    return f"{label}: {cluster.subject}" + (f"; {'; '.join(notes)}" if notes else "")
