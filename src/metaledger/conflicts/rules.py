"""The "same fact" rule as data: resources/lexicon/facts.yaml, loaded and validated once.

Attributes say what is measured (units, the event types and cue words that name it, whether it
is a running count); topics say what a fact is about (event types, place or actor, sub-classes
such as aftershocks, the time window). Nothing here looks at a ledger.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..errors import ResourceError
from ..extract.events.patterns import alternation, read_lexicon_file
from ..support.regex_cache import compile_pattern

_WHERE = "lexicon/facts.yaml"


@dataclass(frozen=True)
class Attribute:
    name: str
    units: frozenset[str]
    measures: frozenset[str]
    events: frozenset[str]
    triggers: frozenset[str]
    cues: tuple[str, ...]
    unitless: bool
    cumulative: bool
    time: bool

    def takes(self, unit: str | None, measure: str, cued: bool) -> bool:
        """Whether a figure of this unit and measure can state the attribute."""
        if self.time:
            return False
        if unit is None and measure in ("number", "count") and self.unitless and cued:
            return True
        return (unit is not None and unit in self.units) or measure in self.measures


@dataclass(frozen=True)
class Qualifier:
    name: str
    cues: tuple[str, ...]
    repeatable: bool


@dataclass(frozen=True)
class Topic:
    name: str
    events: frozenset[str]
    where: str  # "place" or "actor"
    qualifiers: tuple[Qualifier, ...]
    slack_days: int
    lookback_days: int
    attributes: tuple[str, ...]
    by_object: bool = False  # the event's object is part of what the event is

    def qualifier_of(self, text_before: str, trigger: str) -> Qualifier | None:
        """The sub-class a trigger names, by its own words or the few characters before it."""
        for qualifier in self.qualifiers:
            if any(cue in trigger or text_before.endswith(cue) for cue in qualifier.cues):
                return qualifier
        return None


@dataclass(frozen=True)
class FactRules:
    attributes: dict[str, Attribute]
    topics: dict[str, Topic]
    topic_of_event: dict[str, Topic]  # event type → topic
    as_of: re.Pattern  # an as-of word ending right before a date
    approx_time: re.Pattern  # an approximation word right after a clock time
    cues: re.Pattern  # every attribute cue word
    cue_attributes: dict[str, tuple[str, ...]]  # cue word → attributes it names
    about_tolerance: float
    near_tolerance: float
    near_cues: tuple[str, ...]
    bounded_more: frozenset[str]
    bounded_times: frozenset[str]
    place_suffixes: tuple[str, ...]
    referring_triggers: frozenset[str]
    examples: tuple[dict, ...]

    def attributes_of_event(self, event_type: str, trigger: str) -> list[Attribute]:
        """Attributes a figure linked to an event of this type states (伤亡 before 受伤)."""
        found = [a for a in self.attributes.values() if event_type in a.events and trigger in a.triggers]
        return found or [a for a in self.attributes.values() if event_type in a.events and not a.triggers]


def _list(data: dict, key: str, where: str, required: bool = False) -> list:
    value = data.get(key, [] if not required else None)
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise ResourceError(f"{_WHERE}: {where}: {key} must be a list of words")
    return value


def _mapping(data: object, where: str) -> dict:
    if not isinstance(data, dict):
        raise ResourceError(f"{_WHERE}: {where} must be a mapping")
    return data


def _attribute(name: str, raw: object) -> Attribute:
    raw = _mapping(raw, f"attributes.{name}")
    known = {"units", "measures", "events", "triggers", "cues", "unitless", "cumulative", "time"}
    if set(raw) - known:
        raise ResourceError(f"{_WHERE}: attributes.{name}: unknown keys {sorted(set(raw) - known)}")
    where = f"attributes.{name}"
    attribute = Attribute(
        name=name, units=frozenset(_list(raw, "units", where)), measures=frozenset(_list(raw, "measures", where)),
        events=frozenset(_list(raw, "events", where)), triggers=frozenset(_list(raw, "triggers", where)),
        cues=tuple(_list(raw, "cues", where)), unitless=bool(raw.get("unitless", False)),
        cumulative=bool(raw.get("cumulative", False)), time=bool(raw.get("time", False)),
    )
    if not attribute.time and not (attribute.units or attribute.measures):
        raise ResourceError(f"{_WHERE}: {where}: give units or measures (or time: true)")
    return attribute


def _topic(name: str, raw: object, attributes: dict[str, Attribute]) -> Topic:
    where = f"topics.{name}"
    raw = _mapping(raw, where)
    if raw.get("where") not in ("place", "actor"):
        raise ResourceError(f"{_WHERE}: {where}: where must be place or actor")
    window = _mapping(raw.get("window", {}), f"{where}.window")
    qualifiers = []
    for qualifier, spec in _mapping(raw.get("qualifiers", {}), f"{where}.qualifiers").items():
        spec = _mapping(spec, f"{where}.qualifiers.{qualifier}")
        qualifiers.append(Qualifier(qualifier, tuple(_list(spec, "cues", f"{where}.qualifiers.{qualifier}", True)),
                                    bool(spec.get("repeatable", False))))
    named = _list(raw, "attributes", where, True)
    unknown = [a for a in named if a not in attributes]
    if unknown:
        raise ResourceError(f"{_WHERE}: {where}: unknown attributes {unknown}")
    days = [window.get(key, 0) for key in ("slack_days", "lookback_days")]
    if not all(isinstance(day, int) and day >= 0 for day in days):
        raise ResourceError(f"{_WHERE}: {where}.window: days must be whole numbers ≥ 0")
    return Topic(name, frozenset(_list(raw, "events", where, True)), raw["where"], tuple(qualifiers),
                 days[0], days[1], tuple(named), bool(raw.get("object", False)))


def _fraction(data: dict, key: str) -> float:
    value = data.get(key)
    if not isinstance(value, (int, float)) or not 0 <= value < 1:
        raise ResourceError(f"{_WHERE}: {key} must be a number from 0 to 1")
    return float(value)


def parse_fact_rules(data: object) -> FactRules:
    data = _mapping(data, "the file")
    attributes = {name: _attribute(name, raw) for name, raw in _mapping(data.get("attributes"), "attributes").items()}
    topics = {name: _topic(name, raw, attributes) for name, raw in _mapping(data.get("topics"), "topics").items()}
    topic_of_event: dict[str, Topic] = {}
    for topic in topics.values():
        for event_type in topic.events:
            if event_type in topic_of_event:
                raise ResourceError(f"{_WHERE}: event type {event_type!r} is in topics {topic_of_event[event_type].name} and {topic.name}")
            topic_of_event[event_type] = topic
    cue_attributes: dict[str, list[str]] = {}
    for attribute in attributes.values():
        for cue in attribute.cues:
            cue_attributes.setdefault(cue, []).append(attribute.name)
    examples = data.get("examples", [])
    if not isinstance(examples, list):
        raise ResourceError(f"{_WHERE}: examples must be a list")
    return FactRules(
        attributes=attributes,
        topics=topics,
        topic_of_event=topic_of_event,
        as_of=compile_pattern(f"(?:{alternation(_list(data, 'as_of_cues', 'as_of_cues', True))})\\s*$"),
        approx_time=compile_pattern(f"^\\s*(?:{alternation(_list(data, 'approx_time_cues', 'approx_time_cues', True))})"),
        cues=compile_pattern(alternation(cue_attributes)),
        cue_attributes={cue: tuple(names) for cue, names in cue_attributes.items()},
        about_tolerance=_fraction(data, "about_tolerance"),
        near_tolerance=_fraction(data, "near_tolerance"),
        near_cues=tuple(_list(data, "near_cues", "near_cues", True)),
        bounded_more=frozenset(_list(data, "bounded_more", "bounded_more", True)),
        bounded_times=frozenset(_list(data, "bounded_times", "bounded_times", True)),
        place_suffixes=tuple(sorted(_list(data, "place_suffixes", "place_suffixes", True), key=len, reverse=True)),
        referring_triggers=frozenset(_list(data, "referring_triggers", "referring_triggers")),
        examples=tuple(examples),
    )


@functools.lru_cache(maxsize=1)
def fact_rules() -> FactRules:
    """The packaged rules, parsed once."""
    return parse_fact_rules(read_lexicon_file("facts.yaml"))
