"""Chinese names the gazetteer does not know, read from the sentence's jieba tokens.

Rules (rules/entities_chinese.yaml): entity.jieba_name (jieba's name tags, filtered),
entity.person_cue (CEO 黄仁勋), entity.transliterated (马克·扎克伯格), entity.titled_work (《…》)
and entity.quoted_document (「…宣言」); entity.org_suffix (name + 实验室/团队/部…) is in
organizations.py.
"""

from __future__ import annotations

import functools
import re

from ...resources.rulebook import load_rule_file
from ...support.regex_cache import compile_pattern
from ...tokenize.tokenizer import dictionary_count
from ...tokenize.tokens import token_edges
from .data import is_not_entity, name_parts
from .mention import Mention
from .organizations import organization_endings, organization_mentions, plain_organization_words
from .place_patterns import beside_a_kind_of_place
from .places import generic_place_word

_HAN = compile_pattern(r"[\u3400-\u9fff]+")
_WORDLIKE = compile_pattern(r"[\u3400-\u9fffA-Za-z0-9]")
_DOT = compile_pattern(r"[\u3400-\u9fff][·•・‧][\u3400-\u9fff]")
_PERSON_TAGS = {"nr", "nrt", "nrfg"}
_ANCHOR_TAGS = {"nr", "nrt", "nrfg", "ns", "nt"}
_RARE = 50  # jieba's dictionary counts a name fewer times than this (a phrase, more)
_PHRASE_ENTRY = 5  # …but its multi-word phrase entries (a generic phrase tagged nt, counted 3) fewer than this
_GENERIC_BODIES = ("政府", "公司", "组织", "中心", "机构", "单位", "部门", "企业")  # 上市公司, 主管部门: not one body
_FOREIGN_PLACE_ENDINGS = ("斯克", "茨克", "格勒", "堡", "城", "港")  # transliterated towns: 克拉马托尔斯克, 叶卡捷琳堡
_NAME_TOKEN_TAGS = {"nr", "nrt", "nrfg", "nz", "n", "ng", "nt", "ns", "j", "x"}
_ANY_DOT = re.compile(r"[·•・‧]")  # a transliterated name has one between its parts
_NOT_NAME_START = frozenset(("m", "x", "p", "u", "uj", "c", "d", "r", "f", "t"))  # (二九, 一|二九: dates, not names)
_MANY_PLACES = re.compile(r"[两三四五六七八九十几多各诸][大]?[国地岸洲省市县]")


@functools.lru_cache(maxsize=1)
def _rules():
    return load_rule_file("entities_chinese")


def _alternation(words) -> str:
    return "|".join(re.escape(str(w)) for w in sorted(set(words), key=lambda w: (-len(str(w)), str(w))))


@functools.lru_cache(maxsize=1)
def _person_cue_pattern() -> re.Pattern:
    rule = _rules().rule("entity.person_cue")
    parts = name_parts()
    surname = "(?:" + _alternation(parts.compound_surnames) + "|[" + "".join(sorted(parts.surnames)) + "])"
    roles = _alternation(rule.get("roles", ())) + "|" + str(rule.get("role_pattern"))
    followers = _alternation(rule.get("followers", ()))
    return compile_pattern(
        rf"(?:{roles})[ \t]*(?P<name>{surname}[\u4e00-\u9fff]{{1,2}}?)(?=[^\u4e00-\u9fff]|{followers}|$)"
    )


@functools.lru_cache(maxsize=1)
def _transliterated_pattern() -> re.Pattern:
    chars = "".join(sorted(name_parts().transliteration))
    return compile_pattern(rf"(?<![{chars}])[{chars}]{{1,6}}(?:[·•・‧][{chars}]{{1,8}})+")


@functools.lru_cache(maxsize=1)
def _place_words_not_names() -> frozenset[str]:
    return frozenset(str(word) for word in _rules().rule("entity.jieba_name").get("not_places", ()))


@functools.lru_cache(maxsize=1)
def _generic_org_heads() -> tuple[str, ...]:
    return tuple(str(word) for word in _rules().rule("entity.jieba_name").get("generic_org_heads", ()))


@functools.lru_cache(maxsize=1)
def _strong_place_endings() -> frozenset[str]:
    """Last characters that make a word jieba tags as a person a place (徐汇区/nr, 肯特郡/nr)."""
    return frozenset(str(_rules().rule("entity.jieba_name").get("person_tagged_place_endings", "")))


@functools.lru_cache(maxsize=1)
def _place_suffixes() -> str:
    return str(_rules().rule("entity.jieba_name").get("place_suffixes", ""))


def chinese_mentions(doc, sentence, anchors: list[Mention]) -> list[Mention]:
    """Every Chinese-script candidate in one sentence; anchors are names found so far (heads)."""
    tokens = doc.tokens(sentence.index)
    tagged = [index for index, token in enumerate(tokens) if token.pos in _ANCHOR_TAGS]
    mentions = _jieba_names(tokens, tagged, sentence.index, getattr(doc.original, "lexicon", None))
    mentions += organization_mentions(doc, sentence, tokens, anchors + mentions, tagged)
    mentions += _regex_names(doc, sentence, tokens)
    mentions += _named_events(tokens, sentence.index, anchors)
    return mentions


def _name_run_starts(tokens, tagged: list[int]) -> list[int]:
    """Where a name can begin: a name-tagged token, or a single character right before a person's.

    Any other token is neither a name nor the start of a transliterated run, so the scan
    visits only these (a few in a hundred tokens) instead of every token.
    """
    before = {i - 1 for i in tagged if i > 0 and tokens[i].pos in _PERSON_TAGS and len(tokens[i - 1].word) == 1}
    return sorted(before.union(tagged))


def _jieba_names(tokens, tagged: list[int], sentence: int, gazetteer=None) -> list[Mention]:
    parts = name_parts()
    place_suffixes = _place_suffixes()
    plain_words = plain_organization_words()
    org_endings = organization_endings()
    mentions, index = [], 0
    for first in _name_run_starts(tokens, tagged):
        if first < index:
            continue  # inside the run before
        index = _transliteration_end(tokens, first, parts)
        token = tokens[first] if index == first + 1 else _merged(tokens[first:index])
        word, start, end = token.word, token.start, token.end
        if token.pos not in _ANCHOR_TAGS or not _HAN.fullmatch(word) or len(word) < 2 or is_not_entity(word):
            continue
        if token.pos in _PERSON_TAGS and len(word) >= 3 and word[-1] in _strong_place_endings():
            mentions.append(Mention(start, end, sentence, "entity.jieba_name", evidence=(("PLACE", 1.0),)))
        elif token.pos in _PERSON_TAGS:
            if parts.is_transliteration(word) and len(word) >= 3:
                town = word.endswith(_FOREIGN_PLACE_ENDINGS) or beside_a_kind_of_place(tokens, first, index - 1)
                kind = "PLACE" if town else "PERSON"  # 克拉马托尔斯克 is a town; so is 城市|塔尔诺沃
                # 1.5: more than one vote from the words around it (比利时的 X reads X as owned)
                mentions.append(Mention(start, end, sentence, "entity.jieba_name", evidence=((kind, 1.5),)))
            # Chinese-style names are decided by persons.py on the sentence's own evidence.
        elif token.pos == "ns":
            if generic_place_word(word) or _MANY_PLACES.fullmatch(word) or word in _place_words_not_names():
                continue  # 沿海港口/ns: a kind of place; 两国/ns, 五大洲/ns: places of many; 朝野/ns
            sure = len(word) >= 3 and word[-1] in place_suffixes and not word.endswith("城市")  # not 上市, 文明城市
            mentions.append(
                Mention(start, end, sentence, "entity.jieba_name", evidence=(("PLACE", 1.0 if sure else 0.5),), needs_cue=not sure)
            )
        elif word not in plain_words:  # 中南部/nt is a part of a region, not an organization
            # jieba's dictionary tags phrases 党政机关, 公共财政 nt: a frequent one that ends with no
            # organization word needs a cue, like a place guess.
            count = dictionary_count(word, gazetteer)
            # jieba's dictionary lists many generic phrases nt with the lowest
            # counts (a phrase list, not text): such an entry needs a cue, like a frequent phrase.
            phrase = 0 < count <= _PHRASE_ENTRY and (not word.endswith(org_endings) or word.endswith(_GENERIC_BODIES))
            guess = phrase or (
                count >= _RARE and (not word.endswith(org_endings) or _generic_phrase(word, gazetteer))  # 党组织, 上市公司
            )
            mentions.append(Mention(start, end, sentence, "entity.jieba_name", evidence=(("ORG", 1.0),), needs_cue=guess))
    return mentions


def _generic_phrase(word: str, gazetteer) -> bool:
    """党|组织, 上市|公司: a generic word and a word jieba's dictionary knows well (not 新|四军)."""
    return any(word.startswith(head) and dictionary_count(word[len(head) :], gazetteer) >= _RARE for head in _generic_org_heads())


def _transliteration_end(tokens, index: int, parts) -> int:
    """End of a run of tokens that spell one transliterated name (扎克/nrt 伯格/nr, 苏/j 德曼/nrt).

    A run joins person-tagged tokens, and single characters next to them, while every
    character is a transliteration character.
    """
    end = index + 1
    if tokens[index].pos not in _PERSON_TAGS and (
        len(tokens[index].word) != 1 or end == len(tokens) or tokens[end].pos not in _PERSON_TAGS
    ):
        return end  # fast path: neither a name piece nor a single character before one
    while end < len(tokens):
        run = tokens[index : end + 1]
        if not any(t.pos in _PERSON_TAGS for t in run) or not parts.is_transliteration("".join(t.word for t in run)):
            break
        if not all(t.pos in _PERSON_TAGS or len(t.word) == 1 for t in run):
            break
        end += 1
    return end


def _merged(run):
    from ...tokenize.tokens import Token

    return Token("".join(t.word for t in run), "nrt", run[0].start, run[-1].end)


def _regex_names(doc, sentence, tokens) -> list[Mention]:
    mentions = []
    for match in _person_cue_pattern().finditer(doc.text, sentence.start, sentence.end):
        start, end = match.span("name")
        bounds = doc.bounds(sentence.index)
        if start in bounds and end in bounds and _name_like(tokens, start, end):
            mentions.append(Mention(start, end, sentence.index, "entity.person_cue", evidence=(("PERSON", 3.0),)))
    if _ANY_DOT.search(doc.text, sentence.start, sentence.end):  # most sentences have none: skip the scan
        dotted = _transliterated_names(doc, sentence)
        mentions += dotted + _dotted_words(doc, sentence, tokens, dotted)
    for rule_id, entity_type in (("entity.titled_work", "OTHER"), ("entity.quoted_document", "OTHER"), ("entity.named_storm", "OTHER")):
        for match in _rules().rule(rule_id).pattern.finditer(doc.text, sentence.start, sentence.end):
            name = match.group("name")
            start = match.start("name") + len(name) - len(name.lstrip())
            end = match.end("name") - len(name) + len(name.rstrip())
            if _WORDLIKE.search(name) and not is_not_entity(name):
                kind = "ORG" if rule_id == "entity.titled_work" and _newspaper(name) else entity_type
                mentions.append(Mention(start, end, sentence.index, rule_id, evidence=((kind, 3.0),)))
    return mentions


def _newspaper(name: str) -> bool:
    """《东海晨报》 is a paper, a body like 香港文汇报 (not 《…学报》, a journal, nor 《…公报》, a document)."""
    rule = _rules().rule("entity.titled_work")
    return name.endswith("报") and not name.endswith(tuple(rule.get("not_newspapers", ())))


@functools.lru_cache(maxsize=1)
def _event_words() -> frozenset[str]:
    return frozenset(str(word) for word in _rules().rule("entity.named_event").get("event_words", ()))


def _named_events(tokens, sentence: int, anchors: list[Mention]) -> list[Mention]:
    """东京|奥运会, 联合国教科文组织|大会: a known place or organization right before an event word."""
    words = _event_words()
    heads = {m.end: m for m in anchors if m.known and m.type in ("PLACE", "ORG") and m.sentence == sentence}
    if not heads:
        return []
    mentions = []
    for index, token in enumerate(tokens):
        if token.word not in words:
            continue
        first = index
        while first > 0 and index - first < 2 and tokens[first].start not in heads and tokens[first - 1].pos in ("n", "vn", "nz"):
            first -= 1  # 联合国|气候变化|大会: a topic or two between the name and the word
        if tokens[first].start in heads:
            mentions.append(Mention(heads[tokens[first].start].start, token.end, sentence, "entity.named_event", evidence=(("OTHER", 3.0),)))
    return mentions


def _transliterated_names(doc, sentence) -> list[Mention]:
    """马克·扎克伯格: the dotted run, moved in to where jieba's words begin and end (…·…|希望: a word after the name)."""
    mentions = []
    for match in _transliterated_pattern().finditer(doc.text, sentence.start, sentence.end):
        start, end, bounds = match.start(), match.end(), doc.bounds(sentence.index)
        while start not in bounds and start < end:
            start += 1
        while end not in bounds and end > start:
            end -= 1
        if _DOT.search(doc.text, start, end):  # still two parts after moving to word edges
            mentions.append(Mention(start, end, sentence.index, "entity.transliterated", evidence=(("PERSON", 2.0),)))
    return mentions


def _dotted_words(doc, sentence, tokens, found: list[Mention]) -> list[Mention]:
    """拉·甘地, 彼得·皮奥, 塞·威廉姆斯: a dot between two of jieba's words whose characters are
    mostly those of transliterations (地, 得 and 廉 are not all in the list) joins them into one
    foreign name, with the name's further pieces after it (瓦尔特·沙佛尔|霍夫)."""
    chars = name_parts().transliteration
    starts, ends = token_edges(tokens)
    mentions = []
    for dot in _ANY_DOT.finditer(doc.text, sentence.start, sentence.end):
        left, right = ends.get(dot.start()), starts.get(dot.end())
        if left is None or right is None or any(m.start < dot.end() and dot.start() < m.end for m in found):
            continue
        last = right
        while last + 1 < len(tokens) and tokens[last + 1].pos in _PERSON_TAGS and all(c in chars for c in tokens[last + 1].word):
            last += 1  # (沙佛尔|霍夫/nrt: more pieces of the family name)
        first_name, family = tokens[left].word, "".join(t.word for t in tokens[right : last + 1])
        if not (_HAN.fullmatch(first_name) and _HAN.fullmatch(family) and len(first_name) <= 4 and 2 <= len(family) <= 8):
            continue
        letters = first_name + family
        if sum(c in chars for c in letters) >= 0.6 * len(letters) and tokens[right].pos not in _NOT_NAME_START:
            mentions.append(Mention(tokens[left].start, tokens[last].end, sentence.index, "entity.transliterated", evidence=(("PERSON", 2.0),)))
    return mentions


def _name_like(tokens, start: int, end: int) -> bool:
    inside = [token for token in tokens if start <= token.start and token.end <= end]
    return bool(inside) and all(token.pos in _NAME_TOKEN_TAGS or len(token.word) == 1 for token in inside) and not any(
        token.pos.startswith(("v", "d", "p", "c", "u", "r")) for token in inside
    )
