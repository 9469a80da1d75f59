"""The event lexicon, loaded once: trigger rules and the cue lists the event extractor reads.

Trigger rules live in ``resources/rules/events*.yaml`` (kind ``event``; the rule
format of ``metaledger.resources.rulebook``), one rule per event type::

    - id: event.delay
      type: delay
      triggers: [推迟, 延期, {word: 跳票}]   # a trigger may carry its own context
      subject: [ORG, PERSON]                # entity types that can fill each role
      object: [PRODUCT, OTHER]
      agent: owner          # an implicit agent is the product's owner (Meta delays Avocado)
      source_from: [从]     # a speech verb's source is the one these govern (记者从警方获悉)
      figures: [money]      # the figure measures it takes (a result's amount); default: any
      not_before: '内部|人事'   # regexes on the text touching the trigger
      not_after: '会|率'
      examples: …

Cue lists (negators, hedges, passive markers, anonymous sources, anaphora heads,
metric nouns…) live in ``resources/lexicon/events_cues.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ...errors import ResourceError
from ...resources.rulebook import Rule, load_rule_file, rule_file_names
from ...support.regex_cache import compile_pattern
from .cues import Cues, load_cues
from .patterns import ENTITY_TYPES, alternation, compile_cue

FRAMES = frozenset({"first_hand", "second_hand", "denial"})
_CONTEXT_WINDOW = 20


@dataclass(frozen=True)
class TriggerSpec:
    """One trigger word of one rule, with the roles and context it needs."""

    word: str
    rule_id: str
    type: str
    subject_types: frozenset[str]
    object_types: frozenset[str]
    agent_from_owner: bool = False
    frame: str | None = None  # speech verbs open an attribution frame
    standalone: bool = False  # disasters and casualties stand without a named participant
    requires_subject: bool = False
    requires_figure: bool = False
    comitative: bool = False  # A 与 B 合作: B is the object
    change: str | None = None  # growth | decline: the type becomes METRIC_growth
    with_product: str | None = None  # the type when a product takes part (小米 SU7 上市 is a release)
    figure_measures: frozenset[str] = frozenset()  # the figures it takes (earnings: money); empty: any
    source_from: tuple[str, ...] = ()  # 从/向 before a learn verb governs the source (记者从警方获悉)
    before: re.Pattern | None = None
    after: re.Pattern | None = None
    not_before: re.Pattern | None = None
    not_after: re.Pattern | None = None

    def takes(self, measure: str) -> bool:
        return not self.figure_measures or measure in self.figure_measures

    def fits_context(self, text: str, start: int, end: int) -> bool:
        if self.before is not None or self.not_before is not None:
            left = text[max(0, start - _CONTEXT_WINDOW) : start]
            if self.before is not None and not self.before.search(left):
                return False
            if self.not_before is not None and self.not_before.search(left):
                return False
        if self.after is not None or self.not_after is not None:
            right = text[end : end + _CONTEXT_WINDOW]
            if self.after is not None and not self.after.match(right):
                return False
            if self.not_after is not None and self.not_after.match(right):
                return False
        return True


@dataclass(frozen=True)
class EventLexicon:
    specs: dict[str, TriggerSpec]
    pattern: re.Pattern  # every trigger word, longest first
    cues: Cues
    rules: dict[str, Rule] = field(default_factory=dict)


def _anchored(source: object, where: str, at_end: bool) -> re.Pattern | None:
    if source in (None, ""):
        return None
    return compile_cue(f"(?:{source})$" if at_end else f"(?:{source})", where)


def _types(rule: Rule, key: str) -> frozenset[str]:
    values = rule.get(key) or []
    if not isinstance(values, list) or not set(values) <= ENTITY_TYPES:
        raise ResourceError(f"{rule.source}: {rule.id}: {key} must be a list of {sorted(ENTITY_TYPES)}")
    return frozenset(values)


def _words(rule: Rule, key: str) -> tuple[str, ...]:
    values = rule.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise ResourceError(f"{rule.source}: {rule.id}: {key} must be a list of words")
    return tuple(values)


def _specs_of(rule: Rule) -> list[TriggerSpec]:
    where = f"{rule.source}: {rule.id}"
    if not rule.get("type") or not rule.get("triggers"):
        raise ResourceError(f"{where}: an event rule needs 'type' and 'triggers'")
    frame = rule.get("frame")
    if frame is not None and frame not in FRAMES:
        raise ResourceError(f"{where}: frame must be one of {sorted(FRAMES)}")
    base = dict(
        rule_id=rule.id,
        type=str(rule.get("type")),
        subject_types=_types(rule, "subject"),
        object_types=_types(rule, "object"),
        agent_from_owner=rule.get("agent") == "owner",
        frame=frame,
        standalone=bool(rule.get("standalone", False)),
        requires_subject=bool(rule.get("requires_subject", False)),
        requires_figure=bool(rule.get("requires_figure", False)),
        comitative=bool(rule.get("comitative", False)),
        change=rule.get("change"),
        with_product=rule.get("with_product"),
        figure_measures=frozenset(_words(rule, "figures")),
        source_from=_words(rule, "source_from"),
    )
    specs = []
    for raw in rule.get("triggers"):
        entry = raw if isinstance(raw, dict) else {"word": raw}
        word = str(entry.get("word") or "")
        if not word:
            raise ResourceError(f"{where}: a trigger needs a word")
        context = {}
        for key, at_end in (("before", True), ("after", False), ("not_before", True), ("not_after", False)):
            context[key] = _anchored(entry.get(key, rule.get(key)), f"{where}: {word}", at_end)
        specs.append(TriggerSpec(word=word, **base, **context))
    return specs


def _event_rules() -> list[Rule]:
    rules = []
    for name in rule_file_names():
        if name.startswith("events"):
            rule_file = load_rule_file(name)
            if rule_file.kind != "event":
                raise ResourceError(f"{rule_file.name}: an events*.yaml file must have kind: event")
            rules.extend(rule_file.rules)
    return rules


@functools.lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    """Every trigger of every events*.yaml rule file plus the cue lists; cached."""
    specs: dict[str, TriggerSpec] = {}
    rules = {}
    for rule in _event_rules():
        rules[rule.id] = rule
        for spec in _specs_of(rule):
            if spec.word in specs:
                other = specs[spec.word].rule_id
                raise ResourceError(f"{rule.source}: {rule.id}: trigger {spec.word!r} is already in {other}")
            specs[spec.word] = spec
    return EventLexicon(specs, compile_pattern(alternation(specs)), load_cues(), rules)
