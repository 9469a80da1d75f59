"""Aliases an article defines for itself, its nicknames and short forms of dotted names
(rules entity.defined_alias, entity.nickname, entity.person_short_form).

「Meta 超级智能实验室」(Meta Superintelligence Labs,MSL) says three names are one entity;
代号为「Avocado」(牛油果) says 牛油果 is Avocado. Each bracketed name is linked to the name
before the bracket, and every later use of it in the article is a mention of that entity.
"""

from __future__ import annotations

import re

from ...normalize.entities import MatchView
from ...support.regex_cache import compile_pattern
from .data import is_not_entity
from .match import build_matcher
from .mention import Mention, SpanSet

# A bracket right after a name, past its closing quote: 「Avocado」(牛油果), TBD 实验室(TBD Lab)
_BRACKET = re.compile(r"[」”’』\"']?[ \t]*[(（](?P<inside>[^()（）\n]{1,60})[)）]")
_PIECE = re.compile(r"[^,，、;；/]+")
_PREFIX = re.compile(r"(?:以下简称|下称|简称|又称|又名|亦称|俗称|英文名|英文|全称|原名|原|即)[:：]?")
_QUOTES = " \t「」“”‘’『』\"'《》"
_DIGIT = re.compile(r"[0-9０-９]")
_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")
_HAN = compile_pattern(r"[\u3400-\u9fff]")
_HAN_WORD = compile_pattern(r"[\u4e00-\u9fff]+")


def bracket_aliases(doc, mentions: list[Mention]) -> tuple[list[Mention], list[tuple[Mention, Mention]]]:
    """Mentions for bracketed names (replacing rule guesses of the same span), and (name, alias) links."""
    by_span = {(m.start, m.end): m for m in mentions}
    taken = SpanSet(by_span)
    new, links = [], []
    for mention in sorted(mentions, key=lambda m: m.start):
        match = _BRACKET.match(doc.text, mention.end)
        if match is None or doc.sentence_index(match.end() - 1) != mention.sentence:
            continue
        for start, end in _pieces(doc.text, *match.span("inside")):
            existing = by_span.get((start, end))
            if existing is None and taken.overlaps(start, end):
                continue  # part of the bracket is another name (黄仁勋(英伟达 CEO))
            alias = existing if existing is not None and existing.known else None
            if alias is None:  # a rule's guess in the bracket gives way: the article says what it is
                alias = Mention(start, end, mention.sentence, "entity.defined_alias")
                new.append(alias)
            links.append((mention, alias))
    return new, links


def _pieces(text: str, start: int, end: int):
    for piece in _PIECE.finditer(text, start, end):
        begin, stop = _strip(text, *piece.span())
        prefix = _PREFIX.match(text, begin, stop)
        if prefix:
            begin, stop = _strip(text, prefix.end(), stop)
        name = text[begin:stop]
        if _looks_like_alias(name):
            yield begin, stop


def _strip(text: str, begin: int, stop: int) -> tuple[int, int]:
    while begin < stop and text[begin] in _QUOTES:
        begin += 1
    while stop > begin and text[stop - 1] in _QUOTES:
        stop -= 1
    return begin, stop


def _looks_like_alias(name: str) -> bool:
    if not name or len(name) > 30 or is_not_entity(name):
        return False
    if _DIGIT.search(name) and not _LATIN.search(name):
        return False  # 2024 年, 62%
    if _LATIN.search(name):
        return True
    return 2 <= len(name) <= 10 and all(_HAN.match(c) for c in name)


def repeated_aliases(doc, view: MatchView, aliases: list[Mention], taken: list[Mention]) -> list[Mention]:
    """Later uses of the bracketed names anywhere in the article (MSL, 「牛油果」AI 模型)."""
    if not aliases:
        return []
    matcher = build_matcher((doc.text[a.start : a.end], (a.start, a.end)) for a in aliases)
    seen = {(a.start, a.end) for a in aliases}
    guesses = {(m.start, m.end) for m in taken if not m.known}
    spans = SpanSet((m.start, m.end) for m in taken)
    found = []
    for start, end, sentence, target in matcher.finditer(doc, view):
        if (start, end) in seen or ((start, end) not in guesses and spans.overlaps(start, end)):
            continue  # a rule's guess of exactly this span gives way: the article said what it is
        if not word_edges(doc, sentence, start, end):
            continue
        found.append((Mention(start, end, sentence, "entity.defined_alias"), target))
    return found


def word_edges(doc, sentence: int, start: int, end: int) -> bool:
    """A Chinese alias must begin and end where jieba's words do (牛油果 not inside 牛油果树)."""
    if not _HAN.match(doc.text[start]) and not _HAN.match(doc.text[end - 1]):
        return True
    bounds = doc.bounds(sentence)
    return (start in bounds or not _HAN.match(doc.text[start])) and (end in bounds or not _HAN.match(doc.text[end - 1]))


def nickname_mentions(doc, persons: dict[str, str], taken: list[Mention]) -> list[tuple[Mention, str]]:
    """小扎 / 老黄: 小 or 老 + the first character of exactly one person's Chinese name.

    persons maps a first character to a group key, only for characters one person has.
    """
    found = []
    if not persons:
        return found
    pattern = re.compile("[小老](?P<c>[" + "".join(sorted(persons)) + "])")
    spans = SpanSet((m.start, m.end) for m in taken)
    first, last = doc.part[0].start, doc.part[-1].end
    for match in pattern.finditer(doc.text, first, last):  # one scan of the article, not one per sentence
        start, end = match.span()
        sentence = doc.sentence_index(start)
        if sentence is None or spans.overlaps(start, end):
            continue
        bounds = doc.bounds(sentence)
        if start not in bounds or end not in bounds:
            continue  # 小时, 老虎: part of a longer word
        mention = Mention(start, end, sentence, "entity.nickname", type="PERSON")
        found.append((mention, persons[match.group("c")]))
    return found


def repeated_names(doc, view: MatchView, mentions: list[Mention]) -> list[Mention]:
    """Every other use of a Chinese name a rule found once (jieba tags the same word differently
    in different sentences: 谷歌 is nr in one and n in the next)."""
    found_once = [m for m in mentions if not m.known and m.rule != "entity.defined_alias" and _HAN.search(doc.text[m.start : m.end])]
    if not found_once:
        return []
    matcher = build_matcher((doc.text[m.start : m.end], m) for m in found_once)
    repeats = []
    spans = SpanSet((m.start, m.end) for m in mentions)
    for start, end, sentence, model in matcher.finditer(doc, view):
        if spans.overlaps(start, end) or not word_edges(doc, sentence, start, end):
            continue
        repeats.append(model._replace(start=start, end=end, sentence=sentence))
    return repeats


_PART_SPLIT = re.compile(r"[·•・‧]")


def short_form_mentions(doc, view, mentions: list[Mention]) -> list[Mention]:
    """Later uses of one part of a dotted person name (诺维科夫 after 伊万·诺维科夫), as whole words.

    Only parts of two or more Chinese characters; the resolver then joins each to the one full
    name it is a part of (a part two names share stays apart). jieba's guesses inside such a
    use (埃纳/ns) give way; the caller drops them.
    """
    parts = {}
    for mention in mentions:
        if mention.rule != "entity.transliterated":
            continue
        pieces = _PART_SPLIT.split(doc.text[mention.start : mention.end])
        for piece in (pieces[0].strip(), pieces[-1].strip()) if len(pieces) >= 2 else ():
            if len(piece) >= 2 and _HAN_WORD.fullmatch(piece):
                parts.setdefault(piece, mention)
    if not parts:
        return []
    matcher = build_matcher((piece, piece) for piece in parts)
    spans = SpanSet((m.start, m.end) for m in mentions if m.known or m.rule != "entity.jieba_name")
    found = []
    for start, end, sentence, _ in matcher.finditer(doc, view):
        if not spans.overlaps(start, end) and word_edges(doc, sentence, start, end):
            found.append(Mention(start, end, sentence, "entity.person_short_form", "PERSON"))
    return found
