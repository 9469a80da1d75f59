"""entity.person_in_list: the other members of a list whose one member is a person (rules/entities_persons.yaml).

In 李振华、孙建|明、周|丽 the first name is found by its own evidence (a title, a speech word);
the names beside it are as much names, though jieba cut them into pieces no vote reads. A run
of one to three pieces between list marks (、 和 与 及), starting with a surname and shaped like
a Chinese name, next to a person already found, is a person too; the list is walked outward
from each found name, so one name carries the list.
"""

from __future__ import annotations

from ...support.regex_cache import compile_pattern
from ...tokenize.tokenizer import dictionary_count
from ...tokenize.tokens import token_edges
from .data import name_parts
from .mention import Mention
from .persons import ends_like_a_noun, list_rule, plausible_name

_MARKS = frozenset(("、", "和", "与", "及"))
_ANY_MARK = compile_pattern("[、和与及]")
# Tags no piece of a name has (的, 在, 他, numbers, punctuation, places' direction words).
_NOT_A_PIECE = ("u", "p", "c", "r", "m", "q", "e", "y", "o", "w", "f", "x")


def listed_persons(doc, sentence, tokens, persons: list[Mention]) -> list[Mention]:
    """Names in a list beside a person found by its own evidence (each member once)."""
    if not _ANY_MARK.search(doc.text, sentence.start, sentence.end):
        return []  # most sentences have no list mark (one regex search)
    seeds = [m for m in persons if _a_person(m)]
    if not seeds:
        return []
    starts, ends = token_edges(tokens)
    taken = {(m.start, m.end) for m in persons}
    found: list[Mention] = []
    queue = [(starts.get(m.start), ends.get(m.end)) for m in seeds]
    while queue:
        first, last = queue.pop()
        if first is None or last is None:
            continue
        for member in (_member_after(tokens, last), _member_before(tokens, first)):
            if member is None:
                continue
            start, end = tokens[member[0]].start, tokens[member[1]].end
            if any(s <= start and end <= e for s, e in taken):
                continue  # (a longer member replaces a shorter guess: 王立|华 → 王立华)
            taken.add((start, end))
            found.append(Mention(start, end, sentence.index, "entity.person_in_list", "PERSON"))
            queue.append(member)
    return found


def _member_after(tokens, last: int):
    """、|孙建|明|、: the pieces after a list mark, up to the next mark or the list's end."""
    if last + 2 >= len(tokens) or tokens[last + 1].word not in _MARKS:
        return None
    first = last + 2
    for end in range(first, min(first + 3, len(tokens))):
        if _is_name(tokens, first, end) and _closes(tokens, end + 1):
            return first, end
    return None


def _member_before(tokens, first: int):
    """、|周|丽|、李振华: the pieces before a list mark, from the list's start or the previous mark."""
    if first < 2 or tokens[first - 1].word not in _MARKS:
        return None
    last = first - 2
    for start in range(last, max(last - 3, -1), -1):
        if _is_name(tokens, start, last) and (start == 0 or tokens[start - 1].word in _MARKS or not tokens[start - 1].word.strip() or tokens[start - 1].pos in ("x", "w")):
            return start, last
    return None


def _is_name(tokens, first: int, last: int) -> bool:
    """Pieces that make a Chinese name: a surname first, two or three characters (four with a
    compound surname), no function word among them, not a word the dictionary knows well."""
    pieces = tokens[first : last + 1]
    surname_alone = len(pieces[0].word) == 1 and len(pieces) > 1  # 许/m|建明: jieba tags a lone surname anyhow
    if any(token.pos.startswith(_NOT_A_PIECE) and token.pos not in ("nr", "nrfg", "nrt") for token in pieces[surname_alone:]):
        return False
    text = "".join(token.word for token in pieces)
    parts, rule = name_parts(), list_rule()
    longest = 4 if text.startswith(parts.compound_surnames) else 3
    if not (2 <= len(text) <= longest) or not (text[0] in parts.surnames or text.startswith(parts.compound_surnames)):
        return False
    if ends_like_a_noun(text) and not any(token.pos in ("nr", "nrfg") for token in pieces):
        return False  # 林业局, 售票台: a body or a thing in a list of names (a name jieba tags as one stays)
    return plausible_name(text) and dictionary_count(text) < rule.frequent


def _closes(tokens, position: int) -> bool:
    """What ends a list member: the end, a mark, punctuation, 等, or a word that follows names."""
    if position >= len(tokens):
        return True
    token = tokens[position]
    return token.word in _MARKS or token.pos in ("x", "w") or token.word in list_rule().after or token.word in list_rule().groups


def _a_person(mention: Mention) -> bool:
    return mention.type == "PERSON" or (mention.type is None and any(kind == "PERSON" for kind, _ in mention.evidence))
