"""Person names by local evidence, read from the sentence's tokens (rules/entities_persons.yaml).

entity.person_name: a Chinese name (surname + one or two characters; jieba's one word, or its
pieces: a surname and a given name), or a two-character foreign name (卢卡), is a person when votes agree: a title
before it, a speech or action word after it, another name beside it in a list, jieba's person
tag, and rarity in jieba's dictionary. Only tokens that start with a surname (or are tagged as
a name) are looked at, so the scan costs a set lookup per token.

(entity.person_short_form, later uses of one part of a dotted foreign name, is in aliases.py.)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...resources.place_names import listed_places
from ...resources.rulebook import load_rule_file
from ...support.regex_cache import compile_pattern
from ...tokenize.tokenizer import dictionary_count
from .data import is_not_entity, name_parts
from .mention import Mention
from .place_patterns import beside_a_kind_of_place

_HAN = compile_pattern(r"[\u4e00-\u9fff]+")
_PERSON_TAGS = frozenset(("nr", "nrfg", "nrt"))
# Tags a one-word name may have (jieba tags unknown names n, nz or j as often as nr).
_NAME_WORD_TAGS = frozenset(("nr", "nrfg", "nrt", "n", "nz", "j", "ng", "ns"))
# Tags a piece of a name cut in two may have (jieba reads a given name's characters as nouns, measure words …).
_PIECE_TAGS = frozenset(("nr", "nrfg", "nrt", "n", "nz", "ng", "a", "ag", "b", "j", "zg", "g", "q", "vg", "tg", "ns"))
_FOREIGN_TAGS = frozenset(("nr", "nrt", "nrfg", "nz", "ns"))
_CANDIDATE_TAGS = _NAME_WORD_TAGS | _PIECE_TAGS | _FOREIGN_TAGS | {"z", "v", "d", "m"}
_FRAMED_ONLY = frozenset(("z", "v", "d", "m"))  # tags of words that start a name only between a title and a frame
# Tags no piece of a name has (的, 在, 和, 他, numbers, punctuation): a framed name stops there.
_NOT_A_PIECE = ("u", "p", "c", "r", "m", "q", "e", "y", "o", "w", "f")  # (x: only Han pieces are read)
_CLAUSE_START = set("，。；：！？、“”「」『』（）(),;:!? \t\n")
_LIST_MARKS = frozenset(("、", "和", "与", "及", "／"))
_DOCTRINES = ("理论", "思想", "主义", "同志")


@dataclass(frozen=True)
class _PersonRule:
    titles: frozenset[str]
    after: frozenset[str]
    before: frozenset[str]
    between: frozenset[str]
    not_last: frozenset[str]
    noun_endings: frozenset[str]
    honorifics: frozenset[str]
    not_names: frozenset[str]
    frequent: int
    rare: int
    given_word: int
    title_ends: frozenset[str]  # last characters of titles: a word ending otherwise is no title
    title_pairs: frozenset[str]  # last two characters of titles: where a word may straddle one (教|师范)
    japanese_firsts: frozenset[str]  # first characters of Japanese family names and compound surnames:
    compound_firsts: frozenset[str]  # a set lookup before the startswith over the whole list
    japanese_names: frozenset[str]  # the Japanese family names as a set (a word that is one alone)
    groups: frozenset[str]  # words that close a list of names (张三、李四夫妇): entity.person_in_list


@functools.lru_cache(maxsize=1)
def _rule() -> _PersonRule:
    rule = load_rule_file("entities_persons").rule("entity.person_name")
    words = lambda key: frozenset(str(w) for w in rule.get(key, ()))  # noqa: E731
    return _PersonRule(
        titles=words("titles"),
        after=words("after"),
        before=words("before"),
        between=words("between"),
        not_last=frozenset(str(rule.get("not_last", ""))),
        noun_endings=frozenset(str(rule.get("noun_endings", ""))),
        honorifics=words("honorifics"),
        not_names=words("not_names"),
        frequent=int(rule.get("frequent_count", 500)),
        rare=int(rule.get("rare_count", 50)),
        given_word=int(rule.get("given_word_count", 500)),
        title_ends=frozenset(str(w)[-1] for w in rule.get("titles", ()) if str(w)),
        title_pairs=frozenset(str(w)[-2:] for w in rule.get("titles", ()) if len(str(w)) >= 2),
        japanese_firsts=frozenset(name[0] for name in name_parts().japanese_surnames),
        compound_firsts=frozenset(name[0] for name in name_parts().compound_surnames),
        japanese_names=frozenset(name_parts().japanese_surnames),
        groups=frozenset(str(w) for w in load_rule_file("entities_persons").rule("entity.person_in_list").get("groups", ())),
    )


def list_rule() -> _PersonRule:
    """entity.person_name's word lists, for person_lists.py."""
    return _rule()


def plausible_name(name: str) -> bool:
    """A run of Han characters that may be a Chinese name (no place, no listed non-name, a name's last character)."""
    return _plausible(name, _rule())


def ends_like_a_noun(word: str) -> bool:
    """积极性, 智能化, 售票台: the last character of a plain noun jieba's dictionary tags as a name."""
    return word[-1] in _rule().noun_endings


def is_title(word: str) -> bool:
    """A title or role of entity.person_name's list (首相, 总理, 记者)."""
    return word in _rule().titles


def person_mentions(doc, sentence, tokens) -> list[Mention]:
    """The sentence's person names by vote; each token starts at most one."""
    rule, parts = _rule(), name_parts()
    gazetteer = getattr(doc.original, "lexicon", None)
    surnames, title_ends, title_pairs = parts.surnames, rule.title_ends, rule.title_pairs
    japanese_firsts, compound_firsts = rule.japanese_firsts, rule.compound_firsts
    mentions, index, count = [], 0, len(tokens)
    while index < count:
        token = tokens[index]
        pos = token.pos
        if pos not in _CANDIDATE_TAGS:
            index += 1  # 的/uj, 在/p, 说/v: most words start no name (a set lookup each)
            continue
        word = token.word
        first = word[0]
        if pos in _FRAMED_ONLY:  # a verb, an adverb, a numeral: only a framed name starts with one
            found = None
            if first in surnames and index > 0 and tokens[index - 1].word[-1] in title_ends and _title_before(tokens, index, rule):
                found = _framed_name(tokens, index, token.start, rule, parts, gazetteer, titled=True)
            if found is None or beside_a_kind_of_place(tokens, index, found[2]):
                index += 1
                continue
            mentions.append(Mention(found[0], found[1], sentence.index, "entity.person_name", "PERSON"))
            index = found[2] + 1
            continue
        found = None
        if len(word) == 2 and index > 0 and tokens[index - 1].word[-1] + first in title_pairs and word[1] in surnames:
            found = _straddled_title(tokens, index, rule, parts)  # 教|师范|秀英: the title's last character is in the name's word
        if found is None and first in japanese_firsts and first not in surnames and word.startswith(parts.japanese_surnames):
            found = _framed_name(tokens, index, token.start, rule, parts, gazetteer)  # 选手|佐藤|美咲|，
        if found is None and (first in surnames or (first in compound_firsts and word.startswith(parts.compound_surnames))):
            honored = _surname_and_honorific(tokens, index, rule, parts)
            if honored is not None:
                start, end, last, canonical = honored
                mentions.append(Mention(start, end, sentence.index, "entity.person_name", "PERSON", canonical))
                index = last + 1
                continue
            if index > 0 and tokens[index - 1].word[-1] in title_ends:  # (the title check, cheap first)
                found = _framed_name(tokens, index, token.start, rule, parts, gazetteer)
            if found is None:
                found = _chinese_name(tokens, index, rule, parts, gazetteer)
        if found is None and first in japanese_firsts and word in rule.japanese_names and (_title_after(tokens, index, rule) or _word_after(tokens, index, rule)):
            found = token.start, token.end, index  # 田中|首相, 田中|还|表示: a Japanese family name alone
        if found is None and pos in _PERSON_TAGS and word.endswith(_DOCTRINES):
            found = _doctrine(tokens, index, parts, gazetteer)
        if found is None and pos in _FOREIGN_TAGS and 2 <= len(word) <= 6 and not word.endswith(_DOCTRINES):
            if parts.is_transliteration(word):
                found = _foreign_name(tokens, index, rule, subject=True)
            elif pos in _PERSON_TAGS and len(word) >= 3:
                found = _foreign_name(tokens, index, rule, subject=False)  # 铃木一郎|说
        if found is None or beside_a_kind_of_place(tokens, index, found[2]):
            index += 1  # (第三大区|塔尔卡: a place)
            continue
        start, end, last = found
        mentions.append(Mention(start, end, sentence.index, "entity.person_name", "PERSON"))
        index = last + 1
    return mentions


def _framed_name(tokens, index: int, start: int, rule: _PersonRule, parts, gazetteer, titled: bool = False):
    """记者|骆晴|　, 经济学家|白|建明|认为, 实习生|钟亚|男|昨晚: a name framed by a title right
    before it and a clause end, a list mark, a time word or a speech word right after it.

    Between those frames a surname and one or two characters are a name whatever tags jieba gave
    the pieces. One word alone must look like a name to jieba (a name tag, or rare in its
    dictionary): 干部|任用|， is a verb. Pieces start with the surname alone (白|建明).
    """
    if not titled and start == tokens[index].start and not _title_before(tokens, index, rule):
        return None  # (a name starting inside the word was checked by _straddled_title)
    first = tokens[index].word[start - tokens[index].start :]
    japanese = next((name for name in parts.japanese_surnames if first.startswith(name)), None)
    longest = len(japanese) + 3 if japanese else 4 if first.startswith(parts.compound_surnames) else 3
    if len(first) > 1 and first not in parts.compound_surnames and first != japanese and not (
        tokens[index].pos in _NAME_WORD_TAGS or tokens[index].pos == "z" or dictionary_count(first, gazetteer) < rule.rare
    ):
        return None  # a word (任用/v) and not a name: only as a whole name, checked below
    text, last, best = "", index, None
    while last < len(tokens):
        token = tokens[last]
        piece = token.word if last > index else first
        if last == index and token.pos.startswith(("u", "p", "c", "r", "e", "y", "o", "w", "f")):
            break  # (the first word may have a numeral's tag: 记者|X/m|报道; not 主任|和|…)
        if not _HAN.fullmatch(piece) or (last > index and token.pos.startswith(_NOT_A_PIECE) and piece != "一") or piece in rule.after:
            break  # (一 is a piece of many given names: 钱|一|鸣)
        text += piece
        if len(text) > longest:
            break
        if len(text) >= 2 and _frame_end(tokens, last + 1, rule):
            best = (last, text)
        last += 1
    if best is None:
        return None
    last, text = best
    rare_first = dictionary_count(first, gazetteer) < rule.rare
    if last == index and len(first) > 1 and not (tokens[index].pos in _NAME_WORD_TAGS or tokens[index].pos == "z" or rare_first):
        return None
    if last == index and dictionary_count(text, gazetteer) >= rule.frequent:
        return None  # 文明 after a title is still a word
    if last > index and len(first) != 1 and first not in parts.compound_surnames and first != japanese and tokens[index].pos not in _PERSON_TAGS and not rare_first:
        return None  # pieces start with the surname alone (白|建明) or a name of jieba's (钟亚/nr|男)
    if not _plausible(text, rule) or _word_given_name(text, rule, gazetteer):
        return None
    return start, tokens[last].end, last


def _frame_end(tokens, position: int, rule: _PersonRule) -> bool:
    """What may follow a framed name: the end, punctuation or a space, a list mark, a time word, a speech word."""
    if position >= len(tokens):
        return True
    token = tokens[position]
    word = token.word
    return (
        not word.strip()
        or word[0] in _CLAUSE_START
        or word[0] in "《0123456789"  # 记者X《…》, 职工X9岁
        or word in _LIST_MARKS
        or token.pos == "t"
        or _word_after(tokens, position - 1, rule)
    )


def _straddled_title(tokens, index: int, rule: _PersonRule, parts):
    """退休教|师范|秀英: jieba joins a title's last character and a surname into one word."""
    joined = tokens[index - 1].word + tokens[index].word[0]
    if not _HAN.fullmatch(joined) or not any(joined[-size:] in rule.titles for size in range(2, min(len(joined), 5) + 1)):
        return None
    return _framed_name(tokens, index, tokens[index].start + 1, rule, parts, None)


def _chinese_name(tokens, index: int, rule: _PersonRule, parts, gazetteer):
    """(start, end, last token) of a Chinese name starting at tokens[index], or None."""
    token = tokens[index]
    word = token.word
    longest = 4 if word.startswith(parts.compound_surnames) else 3
    if 2 <= len(word) <= longest and token.pos in _NAME_WORD_TAGS and _plausible(word, rule):
        count = dictionary_count(word, gazetteer)
        titled = _title_before(tokens, index, rule)
        cued = titled + _word_after(tokens, index, rule) + (index > 0 and tokens[index - 1].word in rule.before)
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
            return _with_third_character(tokens, index, rule, cued, gazetteer)
    if len(word) <= 2 and token.pos in _PIECE_TAGS:
        return _pieces(tokens, index, longest, rule)
    return None


def _word_given_name(word: str, rule: _PersonRule, gazetteer) -> bool:
    """高|素质, 范|围广: a three-character word whose last two are a common word of the dictionary."""
    return len(word) == 3 and dictionary_count(word[1:], gazetteer) >= rule.given_word


def _with_third_character(tokens, index: int, rule: _PersonRule, cued: int, gazetteer=None):
    """刘建|新 经常…: jieba leaves a three-character name's last character apart.

    It joins when it is a single character that may end a name and what follows is a clause
    end, a list mark or a speech word (or an adverb, when a title stands before the name).
    """
    token = tokens[index]
    nxt = index + 1
    if len(token.word) != 2 or nxt + 1 >= len(tokens):
        return token.start, token.end, index
    piece, after = tokens[nxt], tokens[nxt + 1]
    # A two-character name jieba made up itself (not in its dictionary) is most often the first two
    # characters of a three-character one: 褚振|连|独立, 吕宏|之|同志 (whatever tag the third has).
    made_up = token.pos in _PERSON_TAGS and dictionary_count(token.word, gazetteer) == 0
    if (
        len(piece.word) == 1
        and (piece.pos in _PIECE_TAGS | {"v", "d"} or made_up)
        and _HAN.fullmatch(piece.word)
        and piece.word not in rule.not_last
        and piece.word not in rule.after
        and piece.word not in rule.between
        and (
            after.word[-1] in _CLAUSE_START
            or after.word in _LIST_MARKS
            or after.word in rule.after
            or after.pos == "p"
            or (after.pos[:1] in ("d", "v") and ((cued and _title_before(tokens, index, rule)) or made_up))
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
            return token.start, token.end, index + 1, word + following.word  # 邹|阿姨: the honorific is read too
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
    alone = len(tokens[index].word) == 1 and _in_a_list(tokens, index, last)  # 刘/zg|金海/ns|、|周丽君/nr
    if strong >= 1 and (strong + tagged >= 2 or alone or (ends_clause and _title_before(tokens, index, rule))):
        return tokens[index].start, tokens[last].end, last  # 副厅长|郑|海峰|、: a title, and the name ends there
    if strong == 0 and _subject_pieces(tokens, index, last, text):
        return tokens[index].start, tokens[last].end, last  # ，|朱/nr|力行|已经…: a name jieba cut, as a clause's subject
    return None


def _foreign_name(tokens, index: int, rule: _PersonRule, subject: bool):
    """卢卡/nrt, 铃木一郎/nr: a foreign name jieba tags as a name, with a title or a speech word."""
    token = tokens[index]
    if not _plausible(token.word, rule, foreign=True):
        return None
    if not subject and token.word[-1] in rule.noun_endings:
        return None  # 宣传部/nr|部长: a body, not 铃木一郎
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
    if word[-1] not in rule.title_ends:
        return False  # (most words end with no title's last character: one set lookup)
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


def _subject_pieces(tokens, index: int, last: int, text: str) -> bool:
    """，|朱/nr|力行|已经, 从|蒋/nr|天才|的|悔悟: a surname jieba tags alone, then a given name, the
    whole no word of jieba's dictionary, as a clause's subject (a clause start before it, a verb
    or an adverb after) or as an owner (的 after it)."""
    first = tokens[index]
    if len(first.word) != 1 or first.pos not in ("nr", "ns") or last + 1 >= len(tokens):
        return False
    following = tokens[last + 1]
    if following.word == "的":
        framed = first.pos == "nr"
    else:
        opens = index == 0 or tokens[index - 1].word[-1] in _CLAUSE_START or tokens[index - 1].word[-1] == "—"
        framed = opens and following.pos[:1] in ("v", "d")
    return framed and not dictionary_count(text)  # (the dictionary last: the frames are cheaper)
