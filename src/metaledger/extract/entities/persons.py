"""Person names by local evidence, read from the sentence's tokens (rules/entities_persons.yaml).

entity.person_name: a Chinese name (surname + one or two characters; jieba's one word, or its
pieces: a surname and a given name), or a two-character foreign name (卢卡), is a person when votes agree: a title
before it, a speech or action word after it, another name beside it in a list, jieba's person
tag, and rarity in jieba's dictionary. Only tokens that start with a surname (or are tagged as
a name) are looked at, so the scan costs a set lookup per token.

entity.person_short_form: later uses of one part of a dotted foreign name (诺维科夫 after
伊万·诺维科夫), added once the article's names are known.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...resources.place_names import listed_places
from ...resources.rulebook import load_rule_file
from ...support.regex_cache import compile_pattern
from ...tokenize.tokenizer import dictionary_count
from .aliases import word_edges
from .data import is_not_entity, name_parts
from .match import build_matcher
from .mention import Mention, SpanSet

_HAN = compile_pattern(r"[\u4e00-\u9fff]+")
_PERSON_TAGS = frozenset(("nr", "nrfg", "nrt"))
# Tags a one-word name may have (jieba tags unknown names n, nz or j as often as nr).
_NAME_WORD_TAGS = frozenset(("nr", "nrfg", "nrt", "n", "nz", "j", "ng", "ns"))
# Tags a piece of a name cut in two may have (jieba reads a given name's characters as nouns, measure words …).
_PIECE_TAGS = frozenset(("nr", "nrfg", "nrt", "n", "nz", "ng", "a", "ag", "b", "j", "zg", "g", "q", "vg", "tg", "ns"))
_FOREIGN_TAGS = frozenset(("nr", "nrt", "nrfg", "nz", "ns"))
_CANDIDATE_TAGS = _NAME_WORD_TAGS | _PIECE_TAGS | _FOREIGN_TAGS
_CLAUSE_START = set("，。；：！？、“”「」『』（）(),;:!? \t\n")
_LIST_MARKS = frozenset(("、", "和", "与", "及", "／"))
_DOCTRINES = ("理论", "思想", "主义", "同志")


@dataclass(frozen=True)
class _PersonRule:
    titles: frozenset[str]
    after: frozenset[str]
    between: frozenset[str]
    not_last: frozenset[str]
    noun_endings: frozenset[str]
    honorifics: frozenset[str]
    not_names: frozenset[str]
    frequent: int
    rare: int


@functools.lru_cache(maxsize=1)
def _rule() -> _PersonRule:
    rule = load_rule_file("entities_persons").rule("entity.person_name")
    words = lambda key: frozenset(str(w) for w in rule.get(key, ()))  # noqa: E731
    return _PersonRule(
        titles=words("titles"),
        after=words("after"),
        between=words("between"),
        not_last=frozenset(str(rule.get("not_last", ""))),
        noun_endings=frozenset(str(rule.get("noun_endings", ""))),
        honorifics=words("honorifics"),
        not_names=words("not_names"),
        frequent=int(rule.get("frequent_count", 500)),
        rare=int(rule.get("rare_count", 50)),
    )


def person_mentions(doc, sentence, tokens) -> list[Mention]:
    """The sentence's person names by vote; each token starts at most one."""
    rule, parts = _rule(), name_parts()
    gazetteer = getattr(doc.original, "lexicon", None)
    mentions, index, count = [], 0, len(tokens)
    while index < count:
        token = tokens[index]
        if token.pos not in _CANDIDATE_TAGS:
            index += 1  # 的/uj, 在/p, 说/v: most words start no name (a set lookup each)
            continue
        word = token.word
        found = None
        if word[0] in parts.surnames or word.startswith(parts.compound_surnames):
            honored = _surname_and_honorific(tokens, index, rule, parts)
            if honored is not None:
                start, end, last, canonical = honored
                mentions.append(Mention(start, end, sentence.index, "entity.person_name", "PERSON", canonical))
                index = last + 1
                continue
            found = _chinese_name(tokens, index, rule, parts, gazetteer)
        if found is None and token.pos in _PERSON_TAGS and word.endswith(_DOCTRINES):
            found = _doctrine(tokens, index, parts, gazetteer)
        if found is None and token.pos in _FOREIGN_TAGS and 2 <= len(word) <= 6 and not word.endswith(_DOCTRINES):
            if parts.is_transliteration(word):
                found = _foreign_name(tokens, index, rule, subject=True)
            elif token.pos in _PERSON_TAGS and len(word) >= 3:
                found = _foreign_name(tokens, index, rule, subject=False)  # 铃木一郎|说
        if found is None:
            index += 1
            continue
        start, end, last = found
        mentions.append(Mention(start, end, sentence.index, "entity.person_name", "PERSON"))
        index = last + 1
    return mentions


def _chinese_name(tokens, index: int, rule: _PersonRule, parts, gazetteer):
    """(start, end, last token) of a Chinese name starting at tokens[index], or None."""
    token = tokens[index]
    word = token.word
    longest = 4 if word.startswith(parts.compound_surnames) else 3
    if 2 <= len(word) <= longest and token.pos in _NAME_WORD_TAGS and _plausible(word, rule):
        count = dictionary_count(word, gazetteer)
        titled = _title_before(tokens, index, rule)
        cued = titled + _word_after(tokens, index, rule)
        votes = cued + _in_a_list(tokens, index, index) + (token.pos in _PERSON_TAGS) + (count < rule.rare)
        if cued == 0 and count < rule.frequent and token.pos in _PERSON_TAGS and _opens_a_clause(tokens, index):
            votes += 1  # 王某某|在…指出: a name is the usual subject of a clause
        if word[-1] in rule.noun_endings:
            accepted = titled and votes >= 2  # 安全性: only right after a title
        elif token.pos == "ns":
            accepted = cued >= 1  # a name jieba tags as a place, no listed place, and a speech word
        elif count >= rule.frequent or _word_given_name(word, rule, gazetteer):
            accepted = cued >= 1 and votes >= 2  # 文明 (frequent), 高+水平: with a title or speech word
        else:
            accepted = votes >= 2
        if accepted:
            return _with_third_character(tokens, index, rule, cued)
    if len(word) <= 2 and token.pos in _PIECE_TAGS:
        return _pieces(tokens, index, longest, rule)
    return None


def _word_given_name(word: str, rule: _PersonRule, gazetteer) -> bool:
    """高|素质, 范|围广: a three-character word whose last two are a common word of the dictionary."""
    return len(word) == 3 and dictionary_count(word[1:], gazetteer) >= rule.frequent


def _with_third_character(tokens, index: int, rule: _PersonRule, cued: int):
    """刘建|新 经常…: jieba leaves a three-character name's last character apart.

    It joins when it is a single character that may end a name and what follows is a clause
    end, a list mark or a speech word (or an adverb, when a title stands before the name).
    """
    token = tokens[index]
    nxt = index + 1
    if len(token.word) != 2 or nxt + 1 >= len(tokens):
        return token.start, token.end, index
    piece, after = tokens[nxt], tokens[nxt + 1]
    if (
        len(piece.word) == 1
        and piece.pos in _PIECE_TAGS | {"v", "d"}
        and _HAN.fullmatch(piece.word)
        and piece.word not in rule.not_last
        and piece.word not in rule.after
        and piece.word not in rule.between
        and (
            after.word[-1] in _CLAUSE_START
            or after.word in _LIST_MARKS
            or after.word in rule.after
            or after.pos == "p"
            or (after.pos[:1] in ("d", "v") and cued and _title_before(tokens, index, rule))
        )
    ):
        return token.start, piece.end, nxt
    return token.start, token.end, index


def _surname_and_honorific(tokens, index: int, rule: _PersonRule, parts):
    """王先生, 陈老师/nr, 唐外长, 王某: the surname alone is the name, canonical with the honorific."""
    token = tokens[index]
    word = token.word
    if (
        len(word) >= 2
        and word[0] in parts.surnames
        and word[1:] in rule.honorifics
        and (token.pos in _PERSON_TAGS or (len(word) >= 3 and token.pos in _NAME_WORD_TAGS))
    ):  # 陈老师/nr, 王小姐; not 古老/a
        return token.start, token.start + 1, index, word
    if len(word) == 1 and token.pos in _PERSON_TAGS and index + 1 < len(tokens):
        following = tokens[index + 1]
        if following.word in rule.honorifics and len(following.word) >= 2:
            return token.start, token.end, index, word + following.word
    return None


def _pieces(tokens, index: int, longest: int, rule: _PersonRule):
    """A name jieba cut in two or three (surname|given name): a title or a speech word and a second vote."""
    text, last = tokens[index].word, index
    while last + 1 < len(tokens) and len(text) + len(tokens[last + 1].word) <= longest:
        following = tokens[last + 1]
        if following.pos not in _PIECE_TAGS or not _HAN.fullmatch(following.word) or following.word in rule.after:
            break
        text, last = text + following.word, last + 1
        if len(text) >= 3 or last > index:
            break
    if last == index or not _plausible(text, rule):
        return None
    strong = _strong_votes(tokens, index, last, rule)
    tagged = any(tokens[i].pos in _PERSON_TAGS for i in range(index, last + 1))
    ends_clause = last + 1 == len(tokens) or tokens[last + 1].word[-1] in _CLAUSE_START
    if strong >= 1 and (strong + tagged >= 2 or (ends_clause and _title_before(tokens, index, rule))):
        return tokens[index].start, tokens[last].end, last  # 副厅长|郑|海峰|、: a title, and the name ends there
    return None


def _foreign_name(tokens, index: int, rule: _PersonRule, subject: bool):
    """卢卡/nrt, 铃木一郎/nr: a foreign name jieba tags as a name, with a title or a speech word."""
    token = tokens[index]
    if not _plausible(token.word, rule, foreign=True):
        return None
    strong = _strong_votes(tokens, index, index, rule)
    if subject and token.pos in _PERSON_TAGS and not strong and _opens_a_clause(tokens, index):
        strong = 1  # 卢卡|是…: a transliterated name as the subject
    titled = subject and (_title_before(tokens, index, rule) or _title_after(tokens, index, rule))
    if titled or (strong and strong + (token.pos in _PERSON_TAGS) >= 2):
        return token.start, token.end, index  # 教练|X/ns, X/ns|总统: a title makes a transliteration a person
    return None


def _doctrine(tokens, index: int, parts, gazetteer):
    """X理论/nr, X思想/nr: the person before a doctrine word, when the dictionary knows the name."""
    token = tokens[index]
    for tail in _DOCTRINES:
        if token.word.endswith(tail):
            head = token.word[: -len(tail)]
            if 2 <= len(head) <= 4 and parts.starts_with_surname(head) and dictionary_count(head, gazetteer):
                return token.start, token.start + len(head), index
    return None


def _plausible(name: str, rule: _PersonRule, foreign: bool = False) -> bool:
    places = listed_places()
    return (
        bool(_HAN.fullmatch(name))
        and not (name[-1] == "人" and places.get(name[:-1]) is not None)  # 德国人: the people of a place
        and (foreign or name[-1] not in rule.not_last)
        and name not in rule.not_names
        and not is_not_entity(name)
        and places.get(name) is None
    )


def _strong_votes(tokens, first: int, last: int, rule: _PersonRule) -> int:
    return _title_before(tokens, first, rule) + _word_after(tokens, last, rule) + _in_a_list(tokens, first, last)


def _title_before(tokens, first: int, rule: _PersonRule) -> bool:
    """记者|郑海峰, 县委副书记|沈建华: the word before ends with a title."""
    if first == 0:
        return False
    word = tokens[first - 1].word
    return any(word[-size:] in rule.titles for size in range(2, min(len(word), 5) + 1)) or word in rule.titles


def _title_after(tokens, last: int, rule: _PersonRule) -> bool:
    """X|女士, X|总统: a title right after the name."""
    return last + 1 < len(tokens) and tokens[last + 1].word in rule.titles


def _word_after(tokens, last: int, rule: _PersonRule) -> bool:
    """郑海峰|说, 李四|今天|表示: a speech or action word, or a title, right after."""
    following = last + 1
    if following < len(tokens) and tokens[following].word in rule.between:
        following += 1
    if following >= len(tokens):
        return False
    word = tokens[following].word
    return word in rule.after or word[:2] in rule.after or word[:3] in rule.after


def _in_a_list(tokens, first: int, last: int) -> bool:
    """张三、|李四: a list mark beside the name, with a person-tagged word on its other side."""
    before = first >= 2 and tokens[first - 1].word in _LIST_MARKS and tokens[first - 2].pos in _PERSON_TAGS
    after = last + 2 < len(tokens) and tokens[last + 1].word in _LIST_MARKS and tokens[last + 2].pos in _PERSON_TAGS
    return before or after


def _opens_a_clause(tokens, first: int) -> bool:
    """At the start of a clause, with a verb, adverb or preposition after it."""
    if first > 0 and tokens[first - 1].word[-1] not in _CLAUSE_START:
        return False
    return first + 1 < len(tokens) and tokens[first + 1].pos[:1] in ("v", "d", "p")


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
            if len(piece) >= 2 and _HAN.fullmatch(piece):
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
