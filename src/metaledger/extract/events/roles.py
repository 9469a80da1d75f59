"""An event's subject and object as the ledger writes them: the canonical name when a named
entity fills the role, else the noun phrase as written (with its quantifier: 至少12人).

The entity rules (arguments.py) know names: the topic chain, pronouns, descriptions, a
product's owner, coordinated lists. The phrase rules (phrase_roles.py) know the clause's
noun phrases and the cause frame of casualties. They are merged role by role:

- an incident noun's subject is the phrase before it (酒店外发生爆炸: the hotel);
- a stated cause (爆炸造成至少12人死亡) is the subject, the victims the object, whatever
  the entity rules found;
- a name the entity rules found fills its role (阿里的模型 → Alibaba, the owner standing in
  for what it owns, as the business rules have it), unless it is a place inside the phrase
  that fills it (北京一栋居民楼发生坍塌: the building collapsed, Beijing is where);
- else the phrase fills it: by its head's canonical name when a name heads it
  (城南希尔顿酒店 → the hotel), else as written.
"""

from __future__ import annotations

from .arguments import Arguments
from .mentions import Mention
from .phrase_roles import PhraseRoles
from .phrases import Phrase, phrase_type

Pair = tuple[str | None, str | None]


def _written(phrase: Phrase | None) -> str | None:
    if phrase is None:
        return None
    if phrase.head is not None and not phrase.coordinated:
        return phrase.head.canonical
    return phrase.text


def _names(mentions: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.canonical for m in mentions))


def role_values(args: Arguments, phrases: PhraseRoles | None, spec, cues) -> tuple[list[str | None], list[str | None]]:
    """(subjects, objects) to pair up: names of the entity rules or one phrase each. An incident
    noun's subject is the phrase of what it happened to (希尔顿酒店外发生爆炸: the hotel,
    not the country named first), when there is one. cues: the event cue lists."""
    phrases = _fitting(phrases or PhraseRoles(), args, spec)
    if spec.nominal and phrases.subject is not None and not phrases.carried:
        return [_written(phrases.subject)], [None]
    if args.subjects and args.carried and phrases.subject is not None and not phrases.carried and not phrases.cause:
        # a name carried over from an earlier clause gives way to the clause's own subject phrase
        # when the rule takes such a subject (12辆消防车、60名消防员赶赴现场), else the phrase is
        # what the rule acts on (Meta…600 人裁员: the company lays off 600 people)
        kind = phrase_type(phrases.subject, cues.phrases)
        described = cues.head_pattern.search(phrases.subject.text[-4:]) is not None  # 网传公司: the company named before
        if kind is not None and kind in spec.subject_types and not described:
            return [_written(phrases.subject)], (_names(args.objects) or [_written(phrases.object)])
        if kind in spec.object_types and not args.objects and phrases.object is None:
            return _names(args.subjects), [_written(phrases.subject)]
    if phrases.cause:
        subjects = [_written(phrases.subject)]
        objects = [_written(phrases.object)] if phrases.object else _names(args.objects)
        return subjects, objects or [None]
    subjects = _names(args.subjects) if _stands(args.subjects, phrases.subject) else [_written(phrases.subject)]
    objects = _names(args.objects) if _stands(args.objects, phrases.object) else [_written(phrases.object)]
    if args.objects_carried and all(m.type == "PLACE" for m in args.objects) and phrases.subject is not None and not phrases.carried:
        objects = [_written(phrases.object)]  # 当地…伤者均已送医: a place carried over is a setting, not what is acted on
    return subjects, objects


def _fitting(phrases: PhraseRoles, args: Arguments, spec) -> PhraseRoles:
    """Entity types decide the roles of names (iPhone 17 将推迟发布: the product is what is put off):
    a phrase headed by a name that the rule does not take in that role fills no role, and a name
    the entity rules already placed fills no other."""
    placed = {m.start for m in args.subjects + args.objects}

    def keep(phrase: Phrase | None, types) -> Phrase | None:
        if phrase is not None and phrase.bare and types is spec.object_types and types:
            return None  # 投资50亿美元: an amount is a figure of the event, not what it acts on
        if phrase is None or phrase.head is None or phrase.coordinated:
            return phrase
        if phrase.head.start in placed or phrase.head.type not in types:
            return None
        return phrase

    subject = phrases.subject if phrases.cause else keep(phrases.subject, spec.subject_types)
    obj = phrases.object if phrases.cause else keep(phrases.object, spec.object_types)
    if subject is phrases.subject and obj is phrases.object:
        return phrases
    return PhraseRoles(subject, obj, phrases.carried, phrases.cause, phrases.first_person)


def _stands(mentions: list[Mention], phrase: Phrase | None) -> bool:
    """The names fill the role, unless they are places inside the phrase that does without heading
    it (北京一栋居民楼: the building; 市消防支队: the brigade). A company or a person inside a
    phrase stands for what it owns (阿里的模型 → Alibaba)."""
    if not mentions:
        return False
    if phrase is None or phrase.coordinated:
        return True
    inside = all(phrase.start <= m.start and m.end <= phrase.end for m in mentions)
    heads = phrase.head is not None and any(m.start == phrase.head.start for m in mentions)
    return not (inside and not heads and all(m.type == "PLACE" for m in mentions))


def needs_phrases(hit, args: Arguments) -> bool:
    """Whether the phrases of the clause can change what the names say: not when names of the
    clause fill both roles, nor for a named speaker whose verb takes no object."""
    spec = hit.spec
    if spec.nominal or spec.casualty:
        return True
    named = bool(args.subjects) and not args.carried and all(m.resolved_from != "owner" for m in args.subjects)
    if named and spec.frame and not spec.object_types:
        return False  # 黄仁勋表示，…: what a named speaker says is no object
    return not (named and args.objects and not args.objects_carried)


def has_own_subject(args: Arguments, phrases: PhraseRoles | None) -> bool:
    """A subject in the trigger's own clause: a name not carried over, or a phrase not the topic."""
    named = [m for m in args.subjects if m.resolved_from != "owner" and not args.carried]
    return bool(named) or (phrases is not None and phrases.subject is not None and not phrases.carried)


def participant_pairs(subjects: list[str | None], objects: list[str | None]) -> list[Pair]:
    """One (subject, object) per coordinated participant; a value in both roles keeps the subject."""
    pairs: list[Pair] = []
    for subject in subjects or [None]:
        for obj in objects or [None]:
            pair = (subject, obj)
            if pair[0] is not None and pair[0] == pair[1]:
                pair = (pair[0], None)
            if pair not in pairs:
                pairs.append(pair)
    return pairs
