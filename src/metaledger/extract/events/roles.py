"""An event's subject and object as the ledger writes them: the canonical name when a named
entity fills the role, else the noun phrase as written (with its quantifier: 至少60人).

The entity rules (arguments.py) know names: the topic chain, pronouns, descriptions, a
product's owner, coordinated lists. The phrase rules (phrase_roles.py) know the clause's
noun phrases and the cause frame of casualties. They are merged role by role:

- an incident noun's subject is the phrase before it (酒店外发生爆炸: the hotel);
- a stated cause (爆炸造成至少60人死亡) is the subject, the victims the object, whatever
  the entity rules found;
- a name the entity rules found fills its role (阿里的模型 → Alibaba, the owner standing in
  for what it owns, as the business rules have it), unless it is a place inside the phrase
  that fills it (北京一栋居民楼发生坍塌: the building collapsed, Beijing is where);
- else the phrase fills it: by its head's canonical name when a name heads it
  (伊斯兰堡万豪酒店 → the hotel), else as written.
"""

from __future__ import annotations

from .arguments import Arguments
from .mentions import Mention
from .phrase_roles import PhraseRoles
from .phrases import Phrase

Pair = tuple[str | None, str | None]


def _written(phrase: Phrase | None) -> str | None:
    if phrase is None:
        return None
    if phrase.head is not None and not phrase.coordinated:
        return phrase.head.canonical
    return phrase.text


def _names(mentions: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.canonical for m in mentions))


def role_values(args: Arguments, phrases: PhraseRoles | None, nominal: bool = False) -> tuple[list[str | None], list[str | None]]:
    """(subjects, objects) to pair up: names of the entity rules or one phrase each. An incident
    noun's subject is the phrase of what it happened to (伊斯兰堡万豪酒店外发生爆炸: the hotel,
    not the country named first), when there is one."""
    phrases = phrases or PhraseRoles()
    if nominal and phrases.subject is not None and not phrases.carried:
        return [_written(phrases.subject)], [None]
    if phrases.cause:
        subjects = [_written(phrases.subject)]
        objects = _names(args.subjects + args.objects) if not phrases.object else [_written(phrases.object)]
        return subjects, objects or [None]
    subjects = _names(args.subjects) if _stands(args.subjects, phrases.subject) else [_written(phrases.subject)]
    objects = _names(args.objects) if _stands(args.objects, phrases.object) else [_written(phrases.object)]
    return subjects, objects


def _stands(mentions: list[Mention], phrase: Phrase | None) -> bool:
    """The names fill the role, unless they are places inside the phrase that does without heading
    it (北京一栋居民楼: the building; 南京市消防支队: the brigade). A company or a person inside a
    phrase stands for what it owns (阿里的模型 → Alibaba)."""
    if not mentions:
        return False
    if phrase is None or phrase.coordinated:
        return True
    inside = all(phrase.start <= m.start and m.end <= phrase.end for m in mentions)
    heads = phrase.head is not None and any(m.start == phrase.head.start for m in mentions)
    return not (inside and not heads and all(m.type == "PLACE" for m in mentions))


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
