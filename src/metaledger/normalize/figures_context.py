"""What a figure is about, read from its clause: direction, basis, subject and attribute.

英伟达营收同比暴涨 62% → direction up, basis yoy, subject Nvidia, attribute 营收. Only the clause
before the figure is read (from the last comma or clause mark), and a subject is linked only
when nothing but an attribute, a basis, adverbs and a verb stand between it and the figure.
The words live in rules/figures_lexicon.yaml (``context:``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import ResourceError
from ..support.regex_cache import compile_pattern

_CLAUSE_MARKS = "，,；;：:。！？!?、\n"
_NOT_IN_ATTRIBUTE = set("的了是在和与及对将被把从向于也还都又并而但")


@dataclass(frozen=True)
class ContextPatterns:
    direction: re.Pattern  # a change verb right before the figure (增长了 / 同比暴涨)
    basis: dict[str, str]  # basis word → yoy | qoq
    basis_pattern: re.Pattern
    subject_gap: re.Pattern  # what may stand between a subject and its figure
    verb_direction: dict[str, str]  # change verb → up | down


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=lambda w: (-len(w), w)))


def compile_context(data: dict) -> ContextPatterns:
    try:
        directions = {word: way for way, words in data["directions"].items() for word in words}
        basis = {word: kind for kind, words in data["bases"].items() for word in words}
        connectors, adverbs, amount = data["connectors"], data["adverbs"], data["amount_verbs"]
    except (KeyError, AttributeError, TypeError) as error:
        raise ResourceError(f"rules/figures_lexicon.yaml: context needs directions, bases, connectors, adverbs, amount_verbs ({error})") from None
    verbs, bases = _alternation(directions), _alternation(basis)
    direction = compile_pattern(rf"(?P<verb>{verbs})\s*了?\s*(?:幅度)?\s*(?:{_alternation(connectors)})?\s*$")
    gap = compile_pattern(
        rf"\s*(?:的|之)?\s*(?P<attribute>[^\s{re.escape(_CLAUSE_MARKS)}]{{1,8}}?)??\s*(?:{bases})?\s*"
        rf"(?:(?:{_alternation(adverbs)})\s*)*(?:(?P<verb>{verbs}|{_alternation(amount)})\s*了?\s*)?"
        rf"(?:(?:{_alternation(connectors)})\s*)*"
    )
    return ContextPatterns(direction, basis, compile_pattern(bases), gap, directions)


def describe_figure(
    doc, sentence: int, start: int, end: int, entities: Iterable, context: ContextPatterns, skip: Iterable = (),
    text: str | None = None,
) -> dict:
    """direction, basis, subject and attribute of the figure at [start, end) (None when unclear).

    ``skip`` spans (dates, guarded words) may stand between subject and attribute and are not
    part of the attribute: 阿里巴巴第三季度营收同比增长 5% → attribute 营收. ``text`` is the
    matching copy of the article (traditional characters simplified), doc.text by default.
    """
    text = doc.text if text is None else text
    sentence_start = doc.sentences[sentence].start
    before = text[sentence_start:start]
    cut = max(before.rfind(mark) for mark in _CLAUSE_MARKS)
    clause_start = sentence_start + cut + 1
    clause = text[clause_start:start]
    fields = {"direction": None, "basis": None, "subject": None, "attribute": None}
    change = context.direction.search(clause)
    if change:
        fields["direction"] = context.verb_direction[change.group("verb")]
        basis = context.basis_pattern.search(clause, 0, change.start() + len(change.group("verb")))
        fields["basis"] = context.basis[basis.group()] if basis else None
    subject = _nearest_entity(entities, clause_start, start)
    if subject is not None:
        gap_start = max([subject.end] + [e for s, e in skip if subject.end <= s and e <= start])
        gap = context.subject_gap.fullmatch(text, gap_start, start)
        if gap is not None:
            group = "attribute" if gap.group("attribute") else "verb"
            attribute = gap.group(group)
            if attribute and set(attribute) & _NOT_IN_ATTRIBUTE:
                return fields
            fields["subject"] = subject.canonical
            fields["attribute"] = doc.text[gap.start(group) : gap.end(group)] if attribute else attribute  # as written
    return fields


def _nearest_entity(entities: Iterable, clause_start: int, start: int):
    inside = [e for e in entities if clause_start <= e.start and e.end <= start]
    return max(inside, key=lambda e: e.end) if inside else None
