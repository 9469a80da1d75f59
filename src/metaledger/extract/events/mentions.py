"""Entity mentions as event participants: which are heads, which are modifiers, which are coordinated.

Only the entity claims passed in are participants; pronouns and descriptions
(它, 这支新组建的团队) are resolved to one of them by ``discourse``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

from ...ledger.models import EntityClaim

_PAREN_OPEN = re.compile(r"[(（]")
_PAREN_CLOSE = re.compile(r"[)）]")
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！!？?、]|和|与|及|或")
_APPOSITION_MAX = 10


class Mention(NamedTuple):  # a tuple: made, hashed and compared thousands of times per article
    start: int
    end: int
    canonical: str
    type: str
    resolved_from: str | None = None  # the pronoun or description it stands for


def sentence_mentions(entities: list[EntityClaim], text: str) -> dict[int, list[Mention]]:
    """Mentions per sentence in text order; an alias in brackets after its name is the same mention."""
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for claim in sorted(entities, key=lambda c: (c.start, -c.end)):
        mention = Mention(claim.start, claim.end, claim.canonical, claim.type)
        kept = by_sentence[claim.sentence]
        if kept and (kept[-1].end > mention.start or _bracketed_alias(text, kept[-1], mention)):
            continue
        kept.append(mention)
    return dict(by_sentence)


def _bracketed_alias(text: str, previous: Mention, mention: Mention) -> bool:
    """TBD 实验室(TBD Lab), Avocado(牛油果), 「Meta 超级智能实验室」(Meta Superintelligence Labs,MSL)."""
    if previous.canonical != mention.canonical:
        return False
    between = text[previous.end : mention.start]
    opened = _PAREN_OPEN.search(between)
    return bool(opened) and not _PAREN_CLOSE.search(between, opened.end()) and len(between) <= 40


def modifiers(text: str, mentions: list[Mention], role_nouns: re.Pattern, heads: re.Pattern) -> set[Mention]:
    """Mentions that only modify a following mention: 阿里的 Qwen, Scale AI 创始人 Alexandr Wang,
    Meta 开源 AI 模型 Llama 4, OpenAI GPT-5."""
    found = set()
    for left, right in zip(mentions, mentions[1:]):
        between = text[left.end : right.start]
        if _CLAUSE_BREAK.search(between.replace("的", "")) or len(between.strip()) > _APPOSITION_MAX:
            continue
        core = between.strip()
        if core.startswith("的") or core.startswith("旗下"):
            found.add(left)
        elif not core:  # 四川省阿坝州汶川县, OpenAI GPT-5: the last name is the head
            found.add(left)
        elif _ends_with(role_nouns, core) or _ends_with(heads, core):
            found.add(left)
    return found


def _ends_with(pattern: re.Pattern, text: str) -> bool:
    return any(match.end() == len(text) for match in pattern.finditer(text))


def coordinated_groups(
    text: str, heads: list[Mention], dropped: set[Mention], coordination: re.Pattern
) -> list[list[Mention]]:
    """Consecutive heads joined only by 、/和/及/以及/与 (modifiers in between blanked out)."""
    groups: list[list[Mention]] = []
    dropped_spans = sorted((m.start, m.end) for m in dropped)
    for mention in heads:
        if groups:
            previous = groups[-1][-1]
            between = _without(text, previous.end, mention.start, dropped_spans)
            if coordination.fullmatch(between):
                if not _same_as_any(mention, groups[-1]):  # a repeated name is one participant
                    groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


def _same_as_any(mention: Mention, group: list[Mention]) -> bool:
    return any(m.canonical == mention.canonical for m in group)


def _without(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        pieces.append(text[cursor:span_start])
        cursor = max(cursor, span_end)
    pieces.append(text[cursor:end])
    return "".join(pieces)
