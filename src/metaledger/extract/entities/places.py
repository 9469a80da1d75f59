"""Places no gazetteer entry names: from maintained lists, one-character abbreviations, and
names followed by a word for a place (rules/entities_places.yaml).

- entity.place_list: divisions, townships and world places (resources/place_names.py) matched
  on runs of whole tokens; a known type and canonical (the full name) when the list is sure.
- entity.place_abbreviation: 中美关系, 中方, 访华, 俄总统 (lexicon/place_abbreviations.yaml).
- entity.place_name: 希尔顿酒店, 湖滨路, 伊尔库茨克机场, 松阪市, 克拉马托尔斯克 (a name + a place word,
  or a transliteration that ends like a town).

Every scan visits tokens or regex hits, never every position of the text twice.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...errors import ResourceError
from ...resources.place_names import full_name, is_short_form, listed_places, township_names
from ...resources.rulebook import load_rule_file
from ...support.regex_cache import compile_pattern
from ...tokenize.tokenizer import dictionary_count
from .data import lexicon_file, name_parts
from .mention import Mention
from .persons import ends_like_a_noun

_HAN_WORD = compile_pattern(r"[\u4e00-\u9fff]+")
_PERSON_TAGS = frozenset(("nr", "nrt", "nrfg"))
_TOWNSHIP_ENDINGS = ("镇", "乡", "街道", "苏木")
_TOWNSHIP_LAST = frozenset(ending[-1] for ending in _TOWNSHIP_ENDINGS)
_PEOPLE_ENDINGS = frozenset("人族")  # 德国人, 阿尔巴尼亚族: a country's people in one word
_MAX_TOKENS = 4  # a listed name spans at most this many of jieba's words (新|巴尔虎|右旗)
# Tags of words no place name starts with (的, 在, 说, numbers, punctuation): skipped at once.
_NO_PLACE_TAGS = frozenset(("x", "m", "mq", "q", "uj", "ul", "uz", "ug", "uv", "ud", "u", "p", "c", "d", "r", "rr", "rz", "y", "e", "o", "v", "vn", "ad", "t"))
_RARE = 50  # jieba's dictionary counts a name fewer times than this (a word, more)
_DAY_DIGITS = set("0123456789０１２３４５６７８９〇零一二三四五六七八九十廿")
_NAME_TAGS = frozenset(("nr", "nrt", "nrfg", "ns", "nz", "nt", "j", "eng"))
_MODIFIER_TAGS = frozenset(("n", "nz", "ns", "nr", "nrt", "nrfg", "nt", "j", "vn", "eng", "b"))
_ONE_WORD_TAGS = frozenset(("ns", "nz", "nr", "nt", "j"))
# A division word after a name no list has: 松阪|市, 赫尔松|州 (jieba leaves the word apart).
_DIVISION_WORDS = frozenset(("市", "州", "省", "县", "区", "邦"))
# A transliterated town jieba cuts in pieces (克拉|马|托尔斯|克): foreign-name characters
# throughout, ending like a town.
_TOWN_ENDINGS = ("斯克", "格勒", "堡", "波尔")
_TOWN_LAST = frozenset(ending[-1] for ending in _TOWN_ENDINGS)


@functools.lru_cache(maxsize=1)
def _rules():
    return load_rule_file("entities_places")


def place_canonical(name: str, gazetteer) -> str:
    """A place's canonical: the gazetteer's, when it knows the place (中国 → China), else the name."""
    entry = gazetteer.lookup(name)
    return entry.canonical if entry is not None and entry.type == "PLACE" else name


# --- listed places -------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _generic_names() -> frozenset[str]:
    return frozenset(str(word) for word in _rules().rule("entity.place_list").get("generic_names", ()))


def listed_mentions(tokens, sentence: int, gazetteer) -> list[Mention]:
    """Listed places on runs of whole tokens, the longest at each start; townships by their ending."""
    lists = listed_places()
    places, prefixes = lists.places, lists.prefixes
    generic = _generic_names()
    mentions, count, index = [], len(tokens), 0
    while index < count:
        token = tokens[index]
        word = token.word
        if word[-1] in _PEOPLE_ENDINGS and word not in places and token.pos not in _NO_PLACE_TAGS:
            people = _country_of_people(token, places, sentence, gazetteer)
            if people is not None:
                mentions.append(people)
                index += 1
                continue
        if token.pos in _NO_PLACE_TAGS or (word not in prefixes and word not in places):
            index += 1
            continue
        best, run, last = None, word, index
        while True:
            if run in places:
                best = (last, run)
            if run not in prefixes or last + 1 >= min(count, index + _MAX_TOKENS):
                break
            last += 1
            run += tokens[last].word
        mention = _listed_mention(tokens, index, best, places, generic, sentence, gazetteer) if best else None
        if mention is not None:
            mentions.append(mention)
            index = best[0] + 1
        else:
            index += 1
    return mentions


def _country_of_people(token, places, sentence: int, gazetteer) -> Mention | None:
    """德国人, 阿尔巴尼亚族 (one word of jieba's): the country, as in 德国|人 (a country before a generic noun)."""
    stem = token.word[:-1]
    listed = places.get(stem)
    if listed is None or listed[0] != "country" or len(stem) < 2:
        return None
    return Mention(token.start, token.start + len(stem), sentence, "entity.place_list", "PLACE", place_canonical(full_name(stem, listed), gazetteer))


def _listed_mention(tokens, first: int, best, places, generic, sentence: int, gazetteer) -> Mention | None:
    last, name = best
    if not _HAN_WORD.fullmatch(name) or name in generic:
        return None
    listed = places[name]
    kind, full = listed[0], full_name(name, listed)
    start, end = tokens[first].start, tokens[last].end
    tag = tokens[first].pos if first == last else "ns"
    rule = "entity.place_list"
    if is_short_form(name, listed) or (kind == "city" and tag in _PERSON_TAGS):
        if tag == "ns":
            return Mention(start, end, sentence, rule, "PLACE", place_canonical(full, gazetteer))
        if tag in _PERSON_TAGS and kind in ("province", "prefecture", "city") and len(name) >= 2:
            return Mention(start, end, sentence, rule, evidence=(("PLACE", 1.0),))  # voted: 桂林/nr, 达尔文/nr
        return None  # 合作, 公安, 和平: plain words
    return Mention(start, end, sentence, rule, "PLACE", place_canonical(full, gazetteer))


def _township(tokens, index: int, sentence: int) -> Mention | None:
    """一个 …镇 of the list, in one word or two: ending with tokens[index] (the list is read on first need)."""
    token = tokens[index]
    for first in range(max(0, index - 2), index + 1):
        name = "".join(t.word for t in tokens[first : index + 1])
        if len(name) >= 3 and name in township_names():
            return Mention(tokens[first].start, token.end, sentence, "entity.place_list", "PLACE", name)
    return None


# --- one-character abbreviations -------------------------------------------------------------


@dataclass(frozen=True)
class _Abbreviations:
    pattern: re.Pattern
    countries: dict[str, str]
    provinces: dict[str, str]
    travel_places: str  # after a travel verb these are the Chinese places (京 沪 港), others countries


def _characters(data: dict, key: str) -> dict[str, str]:
    table = data.get(key)
    if not isinstance(table, dict) or not all(isinstance(k, str) and len(k) == 1 and isinstance(v, str) for k, v in table.items()):
        raise ResourceError(f"lexicon/place_abbreviations.yaml: '{key}' must map single characters to names")
    return table


def _class(characters) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(characters))) + "]"


def _words(words) -> str:
    return "|".join(re.escape(str(w)) for w in sorted(set(words), key=lambda w: (-len(str(w)), str(w))))


@functools.lru_cache(maxsize=1)
def _abbreviations() -> _Abbreviations:
    data = lexicon_file("place_abbreviations.yaml")
    countries, provinces = _characters(data, "countries"), _characters(data, "provinces")
    rule = _rules().rule("entity.place_abbreviation")
    every = _class({*countries, *provinces})
    pattern = (
        rf"(?P<pair>{every}(?:、?{every}){{1,3}})(?={_words(rule.get('pair_followers', ()))})"
        rf"|(?P<side>{_class(rule.get('side_characters', ''))})方"
        rf"|{_class(rule.get('travel_verbs', ''))}(?P<travel>{_class(rule.get('travel_targets', ''))})"
        rf"|(?P<state>{_class(rule.get('state_characters', ''))})(?P<state_word>{_words(rule.get('state_words', ()))})"
    )
    return _Abbreviations(compile_pattern(pattern), countries, provinces, "京沪港澳台津渝")


def abbreviation_mentions(doc, sentence, tokens, gazetteer) -> list[Mention]:
    table = _abbreviations()
    starts: dict = {}
    ends: dict = {}
    found = []
    for match in table.pattern.finditer(doc.text, sentence.start, sentence.end):
        if not starts:  # (the word tables are built on the first hit only)
            starts = {t.start: t for t in tokens}
            ends = {t.end: t for t in tokens}
        if match.group("pair"):
            found += _pair(doc.text, match, starts, ends, table)
        elif match.group("side"):
            found += _side(match, starts)
        elif match.group("travel"):
            found += _travel(match, starts, ends, table)
        else:
            found += _state(match, starts, doc.text, gazetteer)
    mentions = []
    for position, full in found:
        canonical = place_canonical(full, gazetteer)
        mentions.append(Mention(position, position + 1, sentence.index, "entity.place_abbreviation", "PLACE", canonical))
    return mentions


def _pair(text: str, match, starts: dict, ends: dict, table: _Abbreviations) -> list[tuple[int, str]]:
    """中美|关系, 中|、|俄|两国, 中美关系 (one word): the run starts a word, and every word in it
    ends inside the run or at the end of the word of relations after it."""
    start, end = match.span("pair")
    positions = [p for p in range(start, end) if text[p] != "、"]
    characters = [text[p] for p in positions]
    if start not in starts or len(set(characters)) < len(characters) or listed_places().get(text[start:end]) is not None:
        return []  # (越南战争: 越南 is one country, not two)
    position = start
    while position < end:
        token = starts.get(position)
        if token is None:
            return []
        if token.end > end and not _ends_a_follower(text, end, token.end):
            return []  # 中美洲 (Central America), 中巴车 (a minibus)
        position = token.end
    chinese = all(c in table.provinces for c in characters) and not all(c in table.countries for c in characters)
    names = [table.provinces.get(c) if chinese else table.countries.get(c) or table.provinces.get(c) for c in characters]
    return list(zip(positions, names))


def _ends_a_follower(text: str, run_end: int, token_end: int) -> bool:
    return bool(re.fullmatch(_words(_rules().rule("entity.place_abbreviation").get("pair_followers", ())), text[run_end:token_end]))


def _side(match, starts: dict) -> list[tuple[int, str]]:
    """中方, 美|方: the character starts a word that is it or it + 方 (not 以|方便)."""
    position = match.start("side")
    token = starts.get(position)
    if token is None or token.end not in (position + 1, position + 2):
        return []
    if token.end == position + 1 and (position + 1 not in starts or starts[position + 1].end != position + 2):
        return []
    full = _abbreviations().countries.get(match.group("side")) or _abbreviations().provinces.get(match.group("side"))
    return [(position, full)]


def _travel(match, starts: dict, ends: dict, table: _Abbreviations) -> list[tuple[int, str]]:
    """访华, 在|京: the place ends its word, which is it alone (after the verb alone) or verb + it."""
    verb, position = match.start(), match.start("travel")
    token = ends.get(position + 1)
    if token is None or token.start not in (verb, position):
        return []
    if token.start == position and (verb not in starts or starts[verb].end != position):
        return []
    character = match.group("travel")
    full = table.provinces[character] if character in table.travel_places else table.countries.get(character)
    return [(position, full)] if full else []


def _state(match, starts: dict, text: str, gazetteer) -> list[tuple[int, str]]:
    """俄总统 (one word), 黎|南部, 俄|称: the character starts a word that is it, or it + the title;
    not a day (5日称) and not a word of the dictionary (美称, a good name)."""
    position, word_end = match.start("state"), match.end("state_word")
    token = starts.get(position)
    if token is None or (position > 0 and text[position - 1] in _DAY_DIGITS):
        return []
    if token.end == position + 1:
        following = starts.get(position + 1)
        if following is None or following.end != word_end:
            return []  # 日|称号, 以|称为
    elif token.end != word_end or (len(match.group("state_word")) < 2 and dictionary_count(token.word, gazetteer)):
        return []  # 美称 (a good name) is a word; 叙称/nr is jieba's guess
    full = _abbreviations().countries.get(match.group("state"))
    return [(position, full)] if full else []


def short_form_full_name(name: str) -> str | None:
    """The full name of a listed division's short form (浙江 → 浙江省), else None."""
    listed = listed_places().get(name)
    return full_name(name, listed) if listed is not None and is_short_form(name, listed) else None


# --- names followed by a word for a place -------------------------------------------------


@dataclass(frozen=True)
class _PlaceWords:
    suffixes: frozenset[str]
    longest: int
    generic_heads: frozenset[str]
    last_characters: frozenset[str]  # of every word the scan looks for: a word ending otherwise is skipped


@functools.lru_cache(maxsize=1)
def place_words() -> _PlaceWords:
    rule = _rules().rule("entity.place_name")
    suffixes = frozenset(str(word) for word in rule.get("suffixes", ()))
    ends = {word[-1] for word in suffixes} | set(_DIVISION_WORDS) | set(_TOWNSHIP_LAST) | set(_TOWN_LAST)
    return _PlaceWords(suffixes, max(map(len, suffixes)), frozenset(str(w) for w in rule.get("generic_heads", ())), frozenset(ends))


_GENERIC_TAILS = frozenset(("乡镇", "地区", "城镇", "城市", "村镇", "城区", "市区", "县城", "港口", "口岸"))


def generic_place_word(word: str) -> bool:
    """沿海|港口, 各|乡镇, 新建|大楼: a generic word before a word for a place, and nothing else."""
    words = place_words()
    for size in range(1, len(word) - 1):
        head, tail = word[:size], word[size:]
        if head in words.generic_heads and (tail in words.suffixes or tail in _GENERIC_TAILS):
            return True
    return False


def named_place_mentions(tokens, sentence: int, known: list[Mention], gazetteer=None) -> list[Mention]:
    """Name + place word (希尔顿|酒店, 金鹰|国际|大厦), or one word of jieba's that is both (长江大桥/ns)."""
    words = place_words()
    names_at = {m.end: m for m in known}
    mentions = []
    for index, token in enumerate(tokens):
        word = token.word
        last = word[-1]
        if last not in words.last_characters:
            continue  # most words end with no place word's last character
        if last in _TOWNSHIP_LAST and word.endswith(_TOWNSHIP_ENDINGS):
            mention = _township(tokens, index, sentence)
            if mention is not None:
                mentions.append(mention)
                continue
        if last in _TOWN_LAST and word.endswith(_TOWN_ENDINGS):
            mention = _foreign_town(tokens, index, sentence)
            if mention is not None:
                mentions.append(mention)
                continue
        if word in _DIVISION_WORDS and index > 0:
            mention = _division_name(tokens, index, sentence, gazetteer)
        elif word in words.suffixes:
            mention = _named_place(tokens, index, sentence, words, names_at, gazetteer)
        elif len(word) >= 3 and token.pos in _ONE_WORD_TAGS and _ends_with_suffix(word, token.pos, words) and _HAN_WORD.fullmatch(word):
            if (token.pos != "ns" and dictionary_count(word, gazetteer) >= _RARE) or generic_place_word(word):
                continue  # 阳关大道: words, not names; 沿海港口/ns: a kind of place
            mention = Mention(token.start, token.end, sentence, "entity.place_name", evidence=(("PLACE", 3.0),))
        else:
            continue
        if mention is not None:
            mentions.append(mention)
    return mentions


def _division_name(tokens, index: int, sentence: int, gazetteer) -> Mention | None:
    """A name (jieba's name tag, a transliteration, or a word rare in its dictionary) + 市/州/县…"""
    head = tokens[index - 1]
    word = head.word
    if len(word) < 2 or not _HAN_WORD.fullmatch(word):
        return None
    if head.pos in ("ns", "nr", "nrt", "nz") or name_parts().is_transliteration(word) or dictionary_count(word, gazetteer) < _RARE:
        return Mention(head.start, tokens[index].end, sentence, "entity.place_name", evidence=(("PLACE", 3.0),))
    return None


def _ends_with_suffix(word: str, tag: str, words: _PlaceWords) -> bool:
    """长江大桥/ns, 胜利油田/nt; one-character place words only on jieba's places (黄龙山/ns, not
    刘青山/nr) and on foreign names (康哥莱斯路/nr)."""
    shortest = 1 if tag == "ns" or name_parts().is_transliteration(word[:-1]) else 2
    return any(word[-size:] in words.suffixes for size in range(shortest, min(words.longest, len(word) - 1) + 1))


def _rare_word(token, gazetteer) -> bool:
    """喜来登/i: a word jieba's dictionary barely knows is a name, whatever its tag."""
    return token.pos in ("i", "l", "n", "nz", "b") and len(token.word) >= 2 and dictionary_count(token.word, gazetteer) < _RARE


def _named_place(tokens, index: int, sentence: int, words: _PlaceWords, names_at: dict, gazetteer) -> Mention | None:
    """Walk back from the place word over at most two plain nouns to a name; a known place right
    before that name stays apart (开罗|希尔顿酒店), a known place right before the word joins it."""
    end, first, modifiers = tokens[index].end, index - 1, 0
    while first >= 0:
        token = tokens[first]
        if not _HAN_WORD.fullmatch(token.word):
            return None
        known = names_at.get(token.end)
        if known is not None and known.start <= token.start:
            if known.end - known.start == 1:
                return None  # 伊|炼油厂: an abbreviation names the country, not the facility
            start = known.start
            if known.type == "PLACE" and first < index - 1:
                if any(ends_like_a_noun(t.word) for t in tokens[first + 1 : index]):
                    return None  # 全省|新建/ns|现代化|煤矿: a kind of mine, no name between the place and the word
                start = tokens[first + 1].start  # 开罗 | 希尔顿酒店
            return Mention(start, end, sentence, "entity.place_name", evidence=(("PLACE", 3.0),))
        if (
            (token.pos in _NAME_TAGS or _rare_word(token, gazetteer))
            and token.word not in words.generic_heads
            and not (token.pos in _PERSON_TAGS and ends_like_a_noun(token.word))  # 智能化/nr|煤矿
        ):
            if len(token.word) < 2:
                return None  # 伊|炼油厂: one character names no facility
            return Mention(token.start, end, sentence, "entity.place_name", evidence=(("PLACE", 3.0),))
        if token.pos not in _MODIFIER_TAGS or modifiers >= 2 or len(tokens[index].word) == 1:
            return None  # 一家|五星级|酒店: no name before the plain words; 人民|路: too plain for 路
        first, modifiers = first - 1, modifiers + 1
    return None


def _foreign_town(tokens, index: int, sentence: int) -> Mention | None:
    """克拉|马|托尔斯|克: transliteration pieces ending like a town, four characters or more."""
    parts = name_parts()
    token = tokens[index]
    if not parts.is_transliteration(token.word):
        return None
    first = index
    while first > 0 and index - first < 2 and parts.is_transliteration(tokens[first - 1].word):
        first -= 1
    name = "".join(t.word for t in tokens[first : index + 1])
    if first < index and len(name) >= 4 and _HAN_WORD.fullmatch(name):
        return Mention(tokens[first].start, token.end, sentence, "entity.place_name", evidence=(("PLACE", 2.0),))
    return None
