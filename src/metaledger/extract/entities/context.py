"""Votes from a mention's surroundings: type cues, possession and coordination.

- cues (lexicon/type_cues.yaml): 创始人 before a name votes PERSON, 模型 after it PRODUCT;
- possession: in "谷歌的 Gemma" the owner votes ORG and the owned name PRODUCT, and a cue
  before the owner belongs to the whole phrase (集成了阿里的 Qwen: 集成了 is about Qwen);
- a chain of places: a name right after a known place is a place in it (加州伯克利);
- coordination: names joined by 、和 与 及 are usually of one kind (亚马逊和谷歌), so each
  votes for its partners' type once those are known (Resolver does that second pass).
"""

from __future__ import annotations

import re

from .data import type_cues
from .mention import Mention

_CUE_WINDOW = 12
_POSSESSIVE = re.compile(r"[ \t]*的[ \t]*")
_COORDINATION = re.compile(r"[ \t]*(?:、|和|与|及|以及|跟)[ \t]*")


def context_votes(doc, mentions: list[Mention]) -> list[list[tuple[str, float]]]:
    """For each mention (sorted by start), its votes from cues and possession; none for known names."""
    starts = {m.start for m in mentions}
    ends = {m.end for m in mentions}
    places_end = {m.end for m in mentions if m.type == "PLACE"}
    cues = type_cues()
    votes = []
    for mention in mentions:
        if mention.known:
            votes.append([])
            continue
        sentence = doc.sentence(mention.sentence)
        owner = _POSSESSIVE.match(doc.text, mention.end, sentence.end)
        is_owner = owner is not None and owner.end() in starts
        found = [("ORG", 1.0)] if is_owner else []
        if _owned(doc.text, mention.start, ends, sentence.start):
            found.append(("PRODUCT", 1.0))
        if mention.start in places_end:
            found.append(("PLACE", 2.0))  # 美国加州|伯克利: a name right after a place is a smaller place
        for entity_type in cues.before:
            window = max(sentence.start, mention.start - _CUE_WINDOW)
            if not is_owner and cues.before[entity_type].search(doc.text, window, mention.start):
                found.append((entity_type, 1.0))
            if cues.after[entity_type].match(doc.text, mention.end, min(sentence.end, mention.end + _CUE_WINDOW)):
                found.append((entity_type, 1.0))
        votes.append(found)
    return votes


def _owned(text: str, start: int, ends: set[int], floor: int) -> bool:
    """Is the mention at start right after "<name> 的"?"""
    position = start
    while position > floor and text[position - 1] in " \t":
        position -= 1
    if position <= floor or text[position - 1] != "的":
        return False
    position -= 1
    while position > floor and text[position - 1] in " \t":
        position -= 1
    return position in ends


def coordinated(doc, mentions: list[Mention]) -> list[list[int]]:
    """For each mention, the indexes of the mentions joined to it by 、和 与 及.

    In "谷歌的 Gemma、OpenAI 的 gpt-oss" the joined phrases are headed by Gemma and gpt-oss:
    an owner stands for the name it owns.
    """
    by_start = {m.start: i for i, m in enumerate(mentions)}
    partners: list[list[int]] = [[] for _ in mentions]
    for i, mention in enumerate(mentions):
        joint = _COORDINATION.match(doc.text, mention.end)
        j = by_start.get(joint.end()) if joint else None
        while j is not None:  # follow owner → owned
            owned = _POSSESSIVE.match(doc.text, mentions[j].end)
            k = by_start.get(owned.end()) if owned else None
            if k is None:
                break
            j = k
        if j is not None and mentions[j].sentence == mention.sentence:
            partners[i].append(j)
            partners[j].append(i)
    return partners
