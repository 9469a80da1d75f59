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

Further keys, for general news:

      nominal: true         # an incident noun (火灾, 事故): a new event only at the first mention
                            # of its type or after an occurrence word (发生, 一起); takes no object
      casualty: true        # the stated cause is the subject, the victims or damage the object
                            # (爆炸造成至少12人死亡); with no cause, the victims are the subject
      state: true           # right before a noun it describes the noun and is no event
                            # (被困人员, 受伤群众, 受损线路)
      frames:               # verb–object frames: the verb is a trigger only before such an object
      - {verb: 启动, object: '应急响应|应急预案'}

A word may be a trigger of several rules when each of them but one carries a context
(a frame, before/after…): the first whose context fits the text wins, the plain one last.

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
from .patterns import ENTITY_TYPES, compile_cue, trie_alternation

FRAMES = frozenset({"first_hand", "second_hand", "denial"})
_CONTEXT_WINDOW = 20
_FRAME_GAP = "[^，,。；;！!？?：:]{0,16}?"  # what may stand between a frame's verb and its object
_KEYS = frozenset({
    "type", "triggers", "frames", "subject", "object", "agent", "frame", "standalone", "requires_subject",
    "requires_figure", "comitative", "change", "with_product", "figures", "source_from", "nominal", "casualty",
    "state", "before", "after", "not_before", "not_after",
})


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
    nominal: bool = False  # an incident noun: a new event at its type's first mention or after 发生
    casualty: bool = False  # cause → subject, victims or damage → object
    state: bool = False  # a state (受伤, 被困, 受损): right before a noun it describes it, no event
    after_greedy: re.Pattern | None = None  # a frame's object pattern reaching its last object word
    before: re.Pattern | None = None
    after: re.Pattern | None = None
    not_before: re.Pattern | None = None
    not_after: re.Pattern | None = None

    @property
    def conditional(self) -> bool:
        """A frame or a required context (before/after); guards (not_before/not_after) do not count."""
        return self.before is not None or self.after is not None

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
    specs: dict[str, tuple[TriggerSpec, ...]]  # by word: conditional ones first, at most one plain one last
    pattern: re.Pattern  # every trigger word, longest first
    cues: Cues
    rules: dict[str, Rule] = field(default_factory=dict)

    def spec_at(self, word: str, text: str, start: int, end: int) -> TriggerSpec | None:
        """The rule of a trigger word at text[start:end]: the first whose context fits."""
        for spec in self.specs[word]:
            if spec.fits_context(text, start, end):
                return spec
        return None


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


def _frame_triggers(rule: Rule, where: str) -> list[dict]:
    """frames: [{verb: 启动, object: '应急响应|应急预案'}] as triggers whose context is the object."""
    entries = rule.get("frames") or []
    if not isinstance(entries, list):
        raise ResourceError(f"{where}: frames must be a list of {{verb, object}}")
    triggers = []
    for entry in entries:
        if not isinstance(entry, dict) or not entry.get("verb") or not entry.get("object"):
            raise ResourceError(f"{where}: a frame needs a verb and an object pattern")
        triggers.append({
            "word": str(entry["verb"]), "after": f"{_FRAME_GAP}(?:{entry['object']})",
            "greedy": f"{_FRAME_GAP.rstrip('?')}(?:{entry['object']})",
        })
    return triggers


def _specs_of(rule: Rule) -> list[TriggerSpec]:
    where = f"{rule.source}: {rule.id}"
    if not rule.get("type") or not (rule.get("triggers") or rule.get("frames")):
        raise ResourceError(f"{where}: an event rule needs 'type' and 'triggers'")
    unknown = set(rule.options) - _KEYS
    if unknown:
        raise ResourceError(f"{where}: unknown key {sorted(unknown)[0]!r}")
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
        nominal=bool(rule.get("nominal", False)),
        casualty=bool(rule.get("casualty", False)),
        state=bool(rule.get("state", False)),
    )
    specs = []
    triggers = rule.get("triggers") or []
    if not isinstance(triggers, list):
        raise ResourceError(f"{where}: triggers must be a list")
    for raw in triggers + _frame_triggers(rule, where):
        entry = raw if isinstance(raw, dict) else {"word": raw}
        word = str(entry.get("word") or "")
        if not word:
            raise ResourceError(f"{where}: a trigger needs a word")
        context = {}
        for key, at_end in (("before", True), ("after", False), ("not_before", True), ("not_after", False)):
            context[key] = _anchored(entry.get(key, rule.get(key)), f"{where}: {word}", at_end)
        greedy = _anchored(entry.get("greedy"), f"{where}: {word}", False)
        specs.append(TriggerSpec(word=word, **base, **context, after_greedy=greedy))
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
    by_word: dict[str, list[TriggerSpec]] = {}
    rules = {}
    for rule in _event_rules():
        rules[rule.id] = rule
        for spec in _specs_of(rule):
            same = by_word.setdefault(spec.word, [])
            plain = next((s for s in same if not s.conditional), None)
            if plain is not None and not spec.conditional:
                raise ResourceError(f"{rule.source}: {rule.id}: trigger {spec.word!r} is already in {plain.rule_id}")
            same.append(spec)
    specs = {word: tuple(sorted(same, key=lambda s: not s.conditional)) for word, same in by_word.items()}
    return EventLexicon(specs, compile_pattern(trie_alternation(specs)), load_cues(), rules)
