"""Load and validate the event cue lists (resources/lexicon/events_cues.yaml)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...errors import ResourceError
from ...support.regex_cache import compile_pattern
from .patterns import ENTITY_TYPES, alternation, compile_cue, read_lexicon_file
from .phrases import PhraseCues

_WHERE = "lexicon/events_cues.yaml"
_LISTS = (
    "negators", "negation_gap", "hedges", "intents", "reported", "passive", "disposal",
    "self_published", "definite", "auxiliaries", "complement_verbs", "means_verbs",
    "cause_verbs", "occurrence", "occurs", "modifier_heads", "noun_heads", "complements", "advisories",
)
_PATTERNS = (
    "not_passive", "prepositions", "coordination", "elaboration",
    "role_nouns", "official", "documents", "back_reference", "demonstratives", "false_report",
    "cause_reference", "dateline", "byline",
)



@dataclass(frozen=True)
class AnonymousSource:
    pattern: re.Pattern
    label: str


@dataclass(frozen=True)
class Cues:
    negators: frozenset[str]
    negation_gap: frozenset[str]
    hedges: re.Pattern
    intents: re.Pattern
    reported: re.Pattern
    passive: frozenset[str]
    not_passive: re.Pattern
    disposal: frozenset[str]
    auxiliaries: frozenset[str]
    means_verbs: frozenset[str]
    complement_verbs: re.Pattern
    adjunct_openers: frozenset[str]
    adjunct_closers: frozenset[str]
    prepositions: re.Pattern
    coordination: re.Pattern
    elaboration: re.Pattern
    role_nouns: re.Pattern
    anonymous: tuple[AnonymousSource, ...]
    official: re.Pattern
    documents: re.Pattern
    self_published: frozenset[str]
    back_reference: re.Pattern
    false_report: re.Pattern
    cause_reference: re.Pattern
    dateline: re.Pattern
    byline: re.Pattern
    pronouns: dict[str, frozenset[str]]
    pronoun_pattern: re.Pattern  # any pronoun: a stretch without one has no pronoun token
    heads: dict[str, frozenset[str]]
    head_pattern: re.Pattern
    demonstratives: re.Pattern
    definite: frozenset[str]
    metrics: dict[str, str]
    metric_pattern: re.Pattern
    cause_verbs: frozenset[str]
    occurrence: frozenset[str]
    occurs: frozenset[str]
    modifier_heads: frozenset[str]
    noun_heads: frozenset[str]
    complements: frozenset[str]
    phrases: PhraseCues
    examples: tuple[dict, ...] = ()
    advisories: frozenset[str] = frozenset()

    @functools.cached_property
    def phrase_verbs(self) -> frozenset[str]:
        """Words that are verbs in a phrase reading whatever the tagger says (发生, 造成)."""
        return self.occurrence | self.cause_verbs

    @functools.cached_property
    def phrase_markers(self) -> frozenset[str]:
        """Words the phrase roles look for (被, 将, 造成, 发生, 我们): listed once per clause read."""
        return self.passive | self.disposal | self.cause_verbs | self.occurrence | self.phrases.first_person


def _words(data: dict, key: str) -> frozenset[str]:
    values = data.get(key)
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise ResourceError(f"{_WHERE}: {key} must be a list of words")
    return frozenset(values)


def _pattern(data: dict, key: str) -> re.Pattern:
    pattern = compile_cue(data.get(key), f"{_WHERE}: {key}")
    if pattern is None:
        raise ResourceError(f"{_WHERE}: {key} is missing")
    return pattern


def _typed_words(data: dict, key: str) -> dict[str, frozenset[str]]:
    table = data.get(key)
    if not isinstance(table, dict):
        raise ResourceError(f"{_WHERE}: {key} must map words to entity types")
    result = {}
    for word, types in table.items():
        if not isinstance(types, list) or not set(types) <= ENTITY_TYPES:
            raise ResourceError(f"{_WHERE}: {key}: {word}: types must be a list of {sorted(ENTITY_TYPES)}")
        result[str(word)] = frozenset(types)
    return result


def _anonymous(data: dict) -> tuple[AnonymousSource, ...]:
    entries = data.get("anonymous_sources")
    if not isinstance(entries, list):
        raise ResourceError(f"{_WHERE}: anonymous_sources must be a list")
    sources = []
    for entry in entries:
        if not isinstance(entry, dict) or not entry.get("pattern") or not entry.get("label"):
            raise ResourceError(f"{_WHERE}: each anonymous source needs a pattern and a label")
        sources.append(AnonymousSource(compile_cue(entry["pattern"], f"{_WHERE}: anonymous_sources"), str(entry["label"])))
    return tuple(sources)


def _metrics(data: dict) -> dict[str, str]:
    table = data.get("metrics")
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise ResourceError(f"{_WHERE}: metrics must map metric nouns to English names")
    return {str(k): v for k, v in table.items()}


def _word_pattern(words) -> re.Pattern:
    return compile_pattern(alternation(words))


def _tails(data: dict, key: str) -> tuple[str, ...]:
    """Words a phrase ends (or a word starts) with, longest first, for str.endswith/startswith."""
    return tuple(sorted(_words(data, key), key=lambda w: (-len(w), w)))


def _phrase_cues(data: dict) -> PhraseCues:
    table = data.get("phrases")
    if not isinstance(table, dict):
        raise ResourceError(f"{_WHERE}: phrases must be a mapping")
    return PhraseCues(
        prefixes=_words(table, "prefixes"),
        pronouns=_words(table, "pronouns"),
        abstract=_words(table, "abstract"),
        place_tails=_tails(table, "place_tails"),
        person_tails=_tails(table, "person_tails"),
        org_tails=_tails(table, "org_tails"),
        time=_pattern(table, "time"),
        coordination=_words(table, "coordination"),
        classifiers=_words(table, "classifiers"),
        adverbs=_words(table, "adverbs"),
        governors=_words(table, "governors"),
        amount_tail=_tails(table, "amount_tail"),
        time_heads=_tails(table, "time_heads"),
        existential=_words(table, "existential"),
        first_person=_words(table, "first_person"),
    )


def load_cues() -> Cues:
    data = read_lexicon_file("events_cues.yaml")
    if not isinstance(data, dict):
        raise ResourceError(f"{_WHERE}: expected a mapping")
    words = {key: _words(data, key) for key in _LISTS}
    patterns = {key: _pattern(data, key) for key in _PATTERNS}
    heads = _typed_words(data, "heads")
    pronouns = _typed_words(data, "pronouns")
    adjunct = data.get("adjunct")
    if not isinstance(adjunct, dict):
        raise ResourceError(f"{_WHERE}: adjunct needs openers and closers")
    metrics = _metrics(data)
    examples = data.get("examples") or []
    if not isinstance(examples, list) or not all(isinstance(e, dict) and "text" in e and "trigger" in e for e in examples):
        raise ResourceError(f"{_WHERE}: examples must be {{text, trigger, expect}} entries")
    return Cues(
        negators=words["negators"],
        negation_gap=words["negation_gap"],
        hedges=_word_pattern(words["hedges"]),
        intents=_word_pattern(words["intents"]),
        reported=_word_pattern(words["reported"]),
        passive=words["passive"],
        adjunct_openers=_words(adjunct, "openers"),
        adjunct_closers=_words(adjunct, "closers"),
        disposal=words["disposal"],
        auxiliaries=words["auxiliaries"],
        means_verbs=words["means_verbs"],
        complement_verbs=_word_pattern(words["complement_verbs"]),
        self_published=words["self_published"],
        definite=words["definite"],
        anonymous=_anonymous(data),
        pronouns=pronouns,
        pronoun_pattern=_word_pattern(pronouns),
        heads=heads,
        head_pattern=_word_pattern(heads),
        metrics=metrics,
        metric_pattern=_word_pattern(metrics),
        cause_verbs=words["cause_verbs"],
        occurrence=words["occurrence"],
        occurs=words["occurs"],
        modifier_heads=words["modifier_heads"],
        noun_heads=words["noun_heads"],
        complements=words["complements"],
        advisories=words["advisories"],
        phrases=_phrase_cues(data),
        examples=tuple(examples),
        **patterns,
    )
