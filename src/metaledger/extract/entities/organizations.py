"""Organizations no gazetteer entry names: a name, a few plain nouns, and an organization word
(rules/entities_chinese.yaml, entity.org_suffix).

杭州市消防支队, 华信文化传播公司, TBD 团队, 日本外交部: the name is a known mention (a place, an
organization, a Latin name) or a word jieba tags as a name; the longest name wins, so a city
right before the name belongs to it (北京|华信文化传播公司 is one), and a bare 市/县/省 before a
body (市公安局) makes an elliptical name the canonical step completes with the article's city.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from dataclasses import dataclass

from ...resources.place_names import listed_places
from ...resources.rulebook import load_rule_file
from ...support.regex_cache import compile_pattern
from .mention import Mention
from .places import place_words

_HAN = compile_pattern(r"[\u3400-\u9fff]+")
_DIGITS = re.compile(r"[0-9０-９]+")
_NOUN_TAGS = ("n", "nt", "nz", "j")  # a noun that may end with a short suffix word (统计局)
_END = operator.attrgetter("end")
_JOINS = 2  # places that may stand before an organization's name and belong to it (中国|北京|…公司)
_NATIONAL_HEADS = frozenset(("国家", "中央", "全国"))


def _listed_stem(stem: str) -> bool:
    """A country or division of the place lists (巴西 in 巴西队)."""
    listed = listed_places().get(stem)
    return listed is not None and listed[0] in ("country", "province", "prefecture", "county") and len(stem) >= 2


@dataclass(frozen=True)
class _OrgSuffixRule:
    """entity.org_suffix's word lists, read once, with the tables the token scan needs."""

    suffixes: frozenset[str]
    generic: frozenset[str]
    industry: frozenset[str]
    blocked: frozenset[str]
    head_words: frozenset[str]
    national: frozenset[str]
    blocked_heads: frozenset[str]
    not_suffix_words: frozenset[str]
    limit: int
    short: frozenset[str]  # suffix words of one or two characters, which a longer noun may end with
    last_character: re.Pattern  # any last character of a suffix word: where a suffix may end


@functools.lru_cache(maxsize=1)
def _org_suffix_rule() -> _OrgSuffixRule:
    rule = load_rule_file("entities_chinese").rule("entity.org_suffix")
    suffixes = frozenset(str(word) for word in rule.get("suffixes", ()) if str(word))
    return _OrgSuffixRule(
        suffixes=suffixes,
        generic=frozenset(rule.get("generic_suffixes", ())),
        industry=frozenset(rule.get("industry_suffixes", ())),
        blocked=frozenset(rule.get("blocked_tags", ())),
        head_words=frozenset(str(word) for word in rule.get("head_words", ())),
        national=frozenset(str(word) for word in rule.get("national_suffixes", ())),
        blocked_heads=frozenset(str(word) for word in rule.get("blocked_heads", ())),
        not_suffix_words=frozenset(str(word) for word in rule.get("not_suffix_words", ())),
        limit=int(rule.get("max_modifiers", 3)),
        short=frozenset(word for word in suffixes if len(word) <= 2),
        last_character=compile_pattern("[" + "".join(sorted({re.escape(word[-1]) for word in suffixes})) + "]"),
    )


@functools.lru_cache(maxsize=1)
def organization_endings() -> tuple[str, ...]:
    """Every organization word, and the endings of parties, unions and armies (党, 团, 会, 军 …)."""
    return tuple(sorted(_org_suffix_rule().suffixes | {"党", "团", "会", "军", "组织", "联邦", "联盟", "协会"}))


def plain_organization_words() -> frozenset[str]:
    """Words that end like an organization but are plain nouns (西部, 好处)."""
    return _org_suffix_rule().not_suffix_words


def organization_mentions(doc, sentence, tokens, anchors: list[Mention], tagged: list[int]) -> list[Mention]:
    """Name + suffix word (TBD 实验室, 国家统计局); a name is an anchor or a name-tagged token."""
    rule = _org_suffix_rule()
    hits = [(index, _suffix_at(tokens, index, rule)) for index in _suffix_ends(doc, sentence, tokens, rule)]
    found = [(index, hit) for index, hit in hits if hit is not None]
    if not found:
        return []
    ends: dict[int, Mention] = {}
    for anchor in anchors + [Mention(tokens[i].start, tokens[i].end, sentence.index, "") for i in tagged]:
        ends.setdefault(anchor.end, anchor)
    complete = {(m.start, m.end) for m in anchors if m.known}
    places = {m.end: m for m in anchors if m.type == "PLACE" and m.known and m.end - m.start > 1}
    facilities = place_words().suffixes
    mentions = []
    for index, (first, suffix) in found:
        word = tokens[index].word
        if word in facilities or word in rule.not_suffix_words:
            continue  # 炼油厂 is a place (entity.place_name); 中南部, 好处 are plain nouns
        if first == index and len(word) > len(suffix) and _listed_stem(word[: -len(suffix)]):
            mentions.append(Mention(tokens[index].start, tokens[index].end, sentence.index, "entity.org_suffix", evidence=(("ORG", 3.0),)))
            continue  # 巴西队: one word of jieba's, a country and its team
        head = _find_head(tokens, first, ends, rule, sentence.index)
        if head is None or head.sentence != sentence.index:
            continue
        head_word = doc.text[head.start : head.end]
        if head_word in rule.blocked_heads or (head_word in _NATIONAL_HEADS and suffix not in rule.national):
            continue  # 两国使馆 (whose?); 国家 before no body of government
        if (tokens[first].start, tokens[index].end) in complete and not _is_place(head, tokens):
            continue  # 经商|外交部: a whole name of its own (but 日本|外交部 is Japan's)
        if head.known and (head.type == "PERSON" or (head.type == "ORG" and suffix in rule.generic)):
            continue  # 马斯克团队 is not an organization's name; Meta 公司 is Meta
        if suffix in rule.industry and _is_place(head, tokens):
            continue  # 中国电动汽车 is a kind of car
        start = _elliptical_start(tokens, head.start, rule)
        for _ in range(_JOINS):
            if start not in places:
                break
            start = places[start].start  # 北京|华信文化传播公司, 杭州市|消防支队: one name
        text = doc.text[start : tokens[first].start]
        mentions.append(
            Mention(start, tokens[index].end, sentence.index, "entity.org_suffix", evidence=(("ORG", 3.0),), head=text.strip(" ·"))
        )
    return mentions


def _elliptical_start(tokens, start: int, rule: _OrgSuffixRule) -> int:
    """市|公安局…: a bare 市, 县 or 省 right before the name is part of it (the article's own city)."""
    index = bisect.bisect_left(tokens, start, key=_END)  # the word ending where the name starts
    if index < len(tokens) and tokens[index].end == start:
        token = tokens[index]
        if len(token.word) == 1 and token.word in rule.head_words and (index == 0 or tokens[index - 1].pos not in ("m", "q", "r")):
            return token.start
    return start


def _suffix_at(tokens, index: int, rule: _OrgSuffixRule) -> tuple[int, str] | None:
    """(index of the first token, suffix word) of an organization suffix ending with tokens[index]."""
    word = tokens[index].word
    if index > 0 and tokens[index - 1].word + word in rule.suffixes:
        return index - 1, tokens[index - 1].word + word  # 资本 + 市场, 消防 + 支队
    if word in rule.suffixes:
        return index, word
    if len(word) >= 3 and tokens[index].pos in _NOUN_TAGS:
        for suffix in (word[-3:], word[-2:], word[-1:]):  # the longest short suffix the noun ends with
            if suffix in rule.short or (len(suffix) == 3 and suffix in rule.suffixes and len(word) > 3):
                return index, suffix  # 统计局, 外交部, 电动汽车, 消防总队
    return None


def _suffix_ends(doc, sentence, tokens, rule: _OrgSuffixRule) -> list[int]:
    """Indexes of the tokens that may end a suffix word (_suffix_at decides): those ending with
    one's last character. A regex finds those characters in the sentence (a few in a hundred),
    so the tokens are looked up by bisection instead of all read one by one."""
    indexes = []
    for character in rule.last_character.finditer(doc.text, sentence.start, sentence.end):
        index = bisect.bisect_left(tokens, character.end(), key=_END)
        if index < len(tokens) and tokens[index].end == character.end():
            indexes.append(index)
    return indexes


def _is_place(head: Mention, tokens) -> bool:
    if head.known or head.evidence:
        return head.type == "PLACE" or any(t == "PLACE" for t, _ in head.evidence)
    return any(t.start == head.start and t.end == head.end and t.pos == "ns" for t in tokens)


def _find_head(tokens, first: int, ends: dict, rule: _OrgSuffixRule, sentence: int) -> Mention | None:
    """Walk back from the suffix over at most `limit` plain nouns (or numbers: 公安局|110|指挥中心)
    to a name ending there, or to a head word (国家, 市: 国家|体育总局, 市|公安局)."""
    position, index, modifiers = tokens[first].start, first - 1, 0
    while True:
        while index >= 0 and not tokens[index].word.strip(" \t·•・‧"):
            position, index = tokens[index].start, index - 1  # spaces and dots between name and suffix
        if position in ends:
            return ends[position]
        if index < 0 or modifiers >= rule.limit:
            return None
        token = tokens[index]
        if token.word in rule.head_words and (index == 0 or tokens[index - 1].pos not in ("m", "q", "r")):
            return Mention(token.start, token.end, sentence, "")
        if _DIGITS.fullmatch(token.word):
            position, index, modifiers = token.start, index - 1, modifiers + 1
            continue
        if token.pos in rule.blocked or not _HAN.fullmatch(token.word):
            return None
        position, index, modifiers = token.start, index - 1, modifiers + 1
