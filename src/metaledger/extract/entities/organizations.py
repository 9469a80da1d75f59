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
from ...tokenize.tokenizer import dictionary_count
from .mention import Mention, SpanSet
from .places import place_words

_HAN = compile_pattern(r"[\u3400-\u9fff]+")
_DIGITS = re.compile(r"[0-9０-９]+")
_NOUN_TAGS = ("n", "nt", "nz", "j")  # a noun that may end with a short suffix word (统计局)
_END = operator.attrgetter("end")
_NATIONAL_HEADS = frozenset(("国家", "中央", "全国"))
_INTERNATIONAL = "国际"
_RARE = 50  # a word jieba's dictionary counts fewer times than this is a name it made up
_PHRASE = 5  # …but its phrase entries are counted at most this often
_BRAND_TAGS = frozenset(("nz", "j", "nr", "nrt", "ns", "nt"))
_ORDINAL = re.compile(r"第?[0-9０-９一二三四五六七八九十百零〇]+")
_PERSONAL_UNITS = frozenset(("团队", "小组", "工作室", "办公室", "课题组", "研究组"))
_COUNTRIES = re.compile(r"[两三四五六七八九十几多各]+国")
_MANY = frozenset(("各", "每", "该", "诸", "其他", "其它", "一些", "有些", "部分", "各级", "两", "几"))  # 各|省委: not one committee


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
    international: frozenset[str]
    blocked_heads: frozenset[str]
    not_suffix_words: frozenset[str]
    branches: frozenset[str]
    committees: frozenset[str]  # a division's party committee, named by its level alone (市委)
    not_suffix_tails: tuple[str, ...]
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
        international=frozenset(str(word) for word in rule.get("international_suffixes", ())),
        blocked_heads=frozenset(str(word) for word in rule.get("blocked_heads", ())),
        not_suffix_words=frozenset(str(word) for word in rule.get("not_suffix_words", ())),
        branches=frozenset(str(word) for word in rule.get("branch_suffixes", ())),
        committees=frozenset(str(word) for word in rule.get("elliptical_committees", ())),
        not_suffix_tails=tuple(sorted(str(word) for word in rule.get("not_suffix_words", ()) if len(str(word)) >= 2)),
        limit=int(rule.get("max_modifiers", 3)),
        short=frozenset(word for word in suffixes if len(word) <= 2),
        last_character=compile_pattern("[" + "".join(sorted({re.escape(word[-1]) for word in suffixes} | {"长"})) + "]"),
    )


@functools.lru_cache(maxsize=1)
def organization_endings() -> tuple[str, ...]:
    """Every organization word, and the endings of parties, unions and armies (党, 团, 会, 军 …)."""
    return tuple(sorted(_org_suffix_rule().suffixes | {"党", "团", "会", "军", "协", "组织", "联邦", "联盟", "协会"}))


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
    persons = SpanSet((m.start, m.end) for m in anchors if m.type == "PERSON")
    places = {m.end: m for m in anchors if m.type == "PLACE" and m.known and m.end - m.start > 1}
    bodies = {m.end: m for m in anchors if m.type == "ORG" or any(t == "ORG" for t, _ in m.evidence)}
    facilities = place_words().suffixes
    mentions, made = [], {}
    for index, (first, suffix, end) in found:
        word = tokens[index].word
        if word in facilities or word in rule.not_suffix_words or word.endswith(rule.not_suffix_tails):
            continue  # 炼油厂 is a place (entity.place_name); 中南部, 好处, 年轻干部 are plain nouns
        if first == index and len(word) > len(suffix):
            stem = word[: len(word) - (tokens[index].end - end) - len(suffix)]
            if stem in rule.blocked_heads or _COUNTRIES.fullmatch(stem):
                continue  # 两国政府 (one word): bodies of many
            one = _one_word(tokens, index, stem, suffix, rule, places)
            if one is not None:
                mentions.append(Mention(one, end, sentence.index, "entity.org_suffix", evidence=(("ORG", 3.0),)))
                continue  # 巴西队, 市政协, 上海申花队: one word of jieba's
        head = _find_head(tokens, first, ends, rule, sentence.index, len(suffix) >= 2 and suffix not in rule.industry)
        if head is None and suffix in rule.committees and first == index and (index == 0 or tokens[index - 1].word not in _MANY):
            committee = Mention(tokens[index].start, end, sentence.index, "entity.org_suffix", evidence=(("ORG", 3.0),))
            mentions.append(committee)
            made[end] = ends[end] = committee  # (its office after it starts with it: 县委|办公室)
            continue  # 市委、市政府决定, 我们市委: the article's own division's committee (not 各省委)
        if head is None or head.sentence != sentence.index:
            continue
        head_word = doc.text[head.start : head.end]
        if doc.text[head.start : end] in rule.not_suffix_words:
            continue  # 高/a|处: a plain noun in two words
        if head_word in rule.blocked_heads or (head_word in _NATIONAL_HEADS and suffix not in rule.national):
            continue  # 两国使馆 (whose?); 国家 before no body of government
        if head_word == _INTERNATIONAL and suffix not in rule.international:
            continue  # 国际|游泳|联合会, but not 国际|金融|中心
        if (tokens[first].start, end) in complete and not _is_place(head, tokens):
            continue  # 经商|外交部: a whole name of its own (but 日本|外交部 is Japan's)
        if (head.known and head.type == "PERSON") or (suffix in _PERSONAL_UNITS and persons.overlaps(head.start, head.end)):
            continue  # 马斯克团队, 祁正阳团队: a person's team is not an organization's name (李嘉诚基金会 is)
        if head.known and head.type == "ORG" and suffix in rule.generic:
            if head.end == tokens[first].start and first == index and word == suffix:
                mentions.append(Mention(head.start, end, sentence.index, "entity.org_suffix", "ORG", head.canonical))
            continue  # 英伟达公司 (a known name + 公司) is 英伟达 with its 公司 attached; 英伟达新公司 is not 英伟达
        if suffix in rule.industry and _is_place(head, tokens):
            continue  # 中国电动汽车 is a kind of car
        start = _elliptical_start(tokens, head.start, rule)
        if start in places and not (head.known and head.type == "PLACE"):
            start = places[start].start  # 北京|华信文化传播公司: one name (but 浙江省|桐乡市第一中学: the province apart)
        body = bodies.get(start) or made.get(start)
        if suffix in rule.branches and body is not None and start == head.start:
            start = body.start  # 招商银行|深圳|分行, 新华社|四川|分社: a body's branch
        text = doc.text[start : tokens[first].start]
        mention = Mention(start, end, sentence.index, "entity.org_suffix", evidence=(("ORG", 3.0),), head=text.strip(" ·"))
        mentions.append(mention)
        made[end] = mention
    return mentions


def _unknown_name(token) -> bool:
    """A word jieba's dictionary barely knows, or made up itself, with a noun's or a name's tag:
    a brand (金帝尔, 雅鹿). Its phrase entries (counted 1–5: 妇女儿童) are not names."""
    count = dictionary_count(token.word)
    return token.pos in _BRAND_TAGS and len(token.word) >= 2 and (count == 0 or _PHRASE < count < _RARE) and bool(_HAN.fullmatch(token.word))


def _one_word(tokens, index: int, stem: str, suffix: str, rule: _OrgSuffixRule, places: dict) -> int | None:
    """Where an organization that is one word of jieba's starts, or None: a country or division
    and its team (巴西队; a province before it joins: 山东|泰山队), a bare 市/县/省 and a body
    (市政协), a listed place, a name and the word (上海申花队)."""
    token = tokens[index]
    start = places[token.start].start if token.start in places else token.start  # 中国|国家男篮
    if _listed_stem(stem):
        return start
    if stem in rule.head_words and token.pos in ("j", "nt") and (index == 0 or tokens[index - 1].pos not in ("m", "q", "r")):
        return start  # 市政协/j, 全国政协/j, 中央银行/nt (not 市政府/n, the city's government in general)
    for size in (3, 2):
        if len(stem) > size and _listed_stem(stem[:size]) and _HAN.fullmatch(stem[size:]):
            return token.start
    count = dictionary_count(token.word)
    if len(stem) >= 2 and len(suffix) >= 2 and (count == 0 or _PHRASE < count < _RARE) and dictionary_count(stem) < _RARE:
        if _HAN.fullmatch(stem) and token.pos != "n":
            # 雅鹿集团/nz: a name jieba barely knows and the word; a country before it is its
            # own only for a body of government (瑞士|联邦最高法院; not 美国|肯尼迪航天中心)
            return start if suffix in rule.national else token.start
    return None


def _elliptical_start(tokens, start: int, rule: _OrgSuffixRule) -> int:
    """市|公安局…: a bare 市, 县 or 省 right before the name is part of it (the article's own city)."""
    index = bisect.bisect_left(tokens, start, key=_END)  # the word ending where the name starts
    if index < len(tokens) and tokens[index].end == start:
        token = tokens[index]
        if len(token.word) == 1 and token.word in rule.head_words and (index == 0 or tokens[index - 1].pos not in ("m", "q", "r")):
            return token.start
    return start


def _suffix_at(tokens, index: int, rule: _OrgSuffixRule) -> tuple[int, str, int] | None:
    """(index of the first token, suffix word, end) of an organization suffix ending with tokens[index]
    (or inside it: 医院院长 is a hospital and its head)."""
    token = tokens[index]
    word = token.word
    if len(word) >= 4 and word[-1] == "长" and word[-2] == word[-3]:
        word = word[:-2]  # 医院|院长, 公安局|局长: jieba joined the body and its head's title
    end = token.start + len(word)
    if index > 0:
        joined = tokens[index - 1].word + word
        if joined in rule.suffixes:
            return index - 1, joined, end  # 资本 + 市场, 消防 + 支队
        for size in (3, 4):  # 有线电视|台/q: the word begins inside the word before
            if len(joined) > size > len(word) and joined[-size:] in rule.suffixes:
                return index - 1, joined[-size:], end
    if word in rule.suffixes:
        return index, word, end
    if len(word) >= 3 and (token.pos in _NOUN_TAGS or dictionary_count(word) < _RARE):
        for suffix in (word[-3:], word[-2:], word[-1:]):  # the longest short suffix the noun ends with
            if suffix in rule.short or (len(suffix) == 3 and suffix in rule.suffixes and len(word) > 3):
                return index, suffix, end  # 统计局, 外交部, 电动汽车, 消防总队; X署/v (a name jieba does not know, tagged as a verb)
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


def _find_head(tokens, first: int, ends: dict, rule: _OrgSuffixRule, sentence: int, bodies: bool = False) -> Mention | None:
    """Walk back from the suffix over at most `limit` plain nouns (or numbers: 公安局|110|指挥中心)
    to a name ending there, or to a head word (国家, 市: 国家|体育总局, 市|公安局)."""
    position, index, modifiers = tokens[first].start, first - 1, 0
    while True:
        while index >= 0 and not tokens[index].word.strip(" \t·•・‧"):
            position, index = tokens[index].start, index - 1  # spaces and dots between name and suffix
        if position in ends:
            return ends[position]
        if index < 0:
            return None
        token = tokens[index]
        if _unknown_name(token) or (tokens[first].word == "队" and token.pos == "n" and index == first - 1 and _PHRASE < dictionary_count(token.word) < _RARE):
            return Mention(token.start, token.end, sentence, "")  # 金帝尔|队, 雅鹿|集团: a brand jieba barely knows (松日/n|队)
        if token.word in rule.head_words and (index == 0 or tokens[index - 1].pos not in ("m", "q", "r")):
            if not (token.word == _INTERNATIONAL and (token.start in ends or (index > 0 and tokens[index - 1].pos[:1] in ("n", "j")))):
                return Mention(token.start, token.end, sentence, "")  # (a head word may stand past the limit: 县|防汛|抗旱|指挥部|办公室)
            # (利富|国际|有限公司: 国际 is part of a name before it)
        if modifiers >= rule.limit:
            return None
        if _DIGITS.fullmatch(token.word) or (index == first - 1 and _ORDINAL.fullmatch(token.word)):
            position, index, modifiers = token.start, index - 1, modifiers + 1
            continue  # 公安局|110|指挥中心; 第一|中学 (an ordinal right before the word: not 第三|大|银行)
        verb_of_the_name = index == first - 1 and token.pos == "v" and len(token.word) == 2 and bodies  # 协调|委员会, 管理|中心
        if (token.pos in rule.blocked and not verb_of_the_name) or not _HAN.fullmatch(token.word):
            return None
        if token.word in rule.blocked_heads or _COUNTRIES.fullmatch(token.word):
            return None  # 巴西和阿根廷|两国|政府, 四国|男篮: bodies of many
        position, index, modifiers = token.start, index - 1, modifiers + 1


def _is_body(mention: Mention) -> bool:
    if mention.known or mention.type:
        return mention.type == "ORG"
    return not mention.needs_cue and any(t == "ORG" and weight >= 1.0 for t, weight in mention.evidence)


def joined_bodies(doc, mentions: list[Mention]) -> list[Mention]:
    """中共|浙江省委, 中国银行|湖州分行, 新华日报社|影视中心: two bodies written side by side with
    nothing between them are one, the second a part of the first (mentions sorted by start).
    Two known names are not joined (丰田丰田, a repeat), nor a Chinese and a Latin name (大疆DJI:
    one company in two scripts)."""
    text = doc.text
    result: list[Mention] = []
    for mention in mentions:
        last = result[-1] if result else None
        if (
            last is not None
            and last.end == mention.start
            and last.sentence == mention.sentence
            and _is_body(last)
            and _is_body(mention)
            and not (last.known and mention.known)
            and (_is_han(text[last.end - 1]) == _is_han(text[mention.start]) or _is_han(text[mention.end - 1]))
        ):  # (耶鲁大学|GRAB实验室 is a unit: the second name ends with a body's word)
            result[-1] = Mention(last.start, mention.end, mention.sentence, "entity.org_suffix", evidence=(("ORG", 3.0),))
        else:
            result.append(mention)
    return result


def _is_han(character: str) -> bool:
    return "\u3400" <= character <= "\u9fff"
