"""Places named by a shape of their own (rules/entities_places.yaml), not by a list:

- entity.route_name: a road or railway named by the places it joins, two or three characters
  before 高速 / 高速公路 / 铁路 (宁滨高速, 苏鲁高速公路, 沪宁铁路), and ring roads (西三环, 东四环);
- entity.place_region: a part of a province named by its one-character abbreviation and a
  direction (苏北, 陕南, 皖南), as one of jieba's words;
- a listed division's short form in a list of places (保山、大理、丽江) is that division, whatever
  tag jieba gave it (大理/n), like jieba's own place words;
- villages (柳家湾|村), kinds of places beside transliterations (城市|塔尔诺沃), and a name an
  article also writes with 市 (塔尔卡市 … 塔尔卡).

Each scan starts from a regex hit or a list mark, so a sentence without one costs one search.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re

from ...resources.place_names import full_name, is_short_form, listed_places
from ...resources.rulebook import load_rule_file
from ...support.regex_cache import compile_pattern
from ...tokenize.tokenizer import dictionary_count
from .data import lexicon_file
from .mention import Mention

_RARE = 50  # a word jieba's dictionary counts fewer times than this is no common word
_LIST_MARKS = frozenset(("、", "和", "与", "及"))
_DIRECTIONS = "东西南北"
_END = operator.attrgetter("end")


@functools.lru_cache(maxsize=1)
def _route_rule():
    rule = load_rule_file("entities_places").rule("entity.route_name")
    words = "|".join(re.escape(str(w)) for w in sorted(rule.get("route_words", ()), key=lambda w: -len(str(w))))
    # The pattern starts with the word itself (a literal), so the engine skips every other position;
    # the name before it is read backwards from the match.
    pattern = compile_pattern(rf"(?P<word>{words})|(?P<ring>[二三四五六七]环)")
    return pattern, frozenset(str(rule.get("function_characters", ""))), frozenset(str(w) for w in rule.get("not_names", ()))


def route_mentions(doc, sentence, tokens) -> list[Mention]:
    """宁滨高速, 沪宁铁路, 西三环: the name is the last two or three characters before the word that
    start none with a function character (但|宁滨高速) and are no common word (城际铁路, 高速发展)."""
    text = doc.text
    start, end = sentence.start, sentence.end
    if text.find("高速", start, end) < 0 and text.find("铁路", start, end) < 0 and text.find("环", start, end) < 0 and text.find("快速路", start, end) < 0:
        return []  # (str.find is much cheaper than the regex over a sentence without these words)
    pattern, function_characters, not_names = _route_rule()
    mentions = []
    starts: set[int] = set()
    following: dict = {}
    for match in pattern.finditer(text, sentence.start, sentence.end):
        if not following:  # (built on the first hit: most sentences have none)
            following = {token.start: token for token in tokens}
            starts = set(following)
        if match.group("ring"):
            if match.start() > sentence.start and text[match.start() - 1] in _DIRECTIONS:  # 西|三环
                mentions.append(Mention(match.start() - 1, match.end(), sentence.index, "entity.route_name", evidence=(("PLACE", 3.0),)))
            continue
        end = match.end()
        after = following.get(end)
        if match.group("word") == "高速" and after is not None and after.pos.startswith(("v", "u", "a")):
            continue  # 高速|发展, 高速|的: the adverb "at high speed"
        run_end = match.start()
        run_start = run_end
        while run_start > max(sentence.start, run_end - 3) and "\u4e00" <= text[run_start - 1] <= "\u9fff":
            run_start -= 1
        best = None
        for start in (run_end - 3, run_end - 2):
            if start < run_start:
                continue
            name = text[start:run_end]
            if name in not_names or not all(c in _city_characters() for c in name) or name[0] in function_characters:
                continue  # each character stands for a city or a province (济南 → 济, 青岛 → 青)
            if listed_places().get(name) is not None:
                continue  # 南昌|铁路: one place's railway, not a line between two
            if dictionary_count(name) >= _RARE and not all(c in _abbreviation_characters() for c in name):
                continue  # a common word (but 沪宁, 京津: two provinces' characters)
            if best is None or (start in starts and best not in starts):
                best = start
        if best is not None:
            mentions.append(Mention(best, end, sentence.index, "entity.route_name", evidence=(("PLACE", 3.0),)))
    return mentions


@functools.lru_cache(maxsize=1)
def _province_characters() -> frozenset[str]:
    return frozenset(_abbreviation_tables()[1])


@functools.lru_cache(maxsize=1)
def _city_characters() -> frozenset[str]:
    """First characters of provinces and prefecture-level cities, and the provinces' abbreviations:
    what a route's name is made of."""
    firsts = {name[0] for name, (kind, _) in listed_places().places.items() if kind in ("province", "prefecture")}
    return frozenset(firsts) | _abbreviation_characters()


@functools.lru_cache(maxsize=1)
def _abbreviation_tables() -> tuple[dict, dict]:
    data = lexicon_file("place_abbreviations.yaml")
    return dict(data.get("countries", {})), dict(data.get("provinces", {}))


@functools.lru_cache(maxsize=1)
def _abbreviation_characters() -> frozenset[str]:
    countries, provinces = _abbreviation_tables()
    return frozenset(provinces) | frozenset(countries)


@functools.lru_cache(maxsize=1)
def _region_pattern() -> re.Pattern:
    return compile_pattern("[" + "".join(sorted(_province_characters())) + "][东西南北]")


def region_mentions(doc, sentence, tokens) -> list[Mention]:
    """苏北/ns, 皖南/ns: one word, a province's character and a direction (a regex finds the few
    candidates; each must be one of jieba's words)."""
    mentions = []
    for match in _region_pattern().finditer(doc.text, sentence.start, sentence.end):
        index = bisect.bisect_left(tokens, match.end(), key=_END)
        if index < len(tokens) and tokens[index].start == match.start() and tokens[index].end == match.end():
            if tokens[index].pos in ("ns", "j", "nz"):
                mentions.append(Mention(match.start(), match.end(), sentence.index, "entity.place_region", evidence=(("PLACE", 3.0),)))
    return mentions


def listed_in_a_list(tokens, sentence: int, mentions: list[Mention], gazetteer) -> list[Mention]:
    """保山、[大理]、丽江等: a division's short form next to a list mark with a place on the
    other side; jieba tags only some of them as places. Only the words beside a list mark
    that touches a place are read."""
    marks = [i for i, token in enumerate(tokens) if token.word in _LIST_MARKS]
    if not marks:
        return []
    places = [m for m in mentions if m.type == "PLACE"]
    ends = {m.end for m in places}
    starts = {m.start for m in places}
    beside = set()
    for index in marks:
        if tokens[index].start in ends or tokens[index].end in starts:
            beside.update((index - 1, index + 1))
    if not beside:
        return []
    lists = listed_places()
    mentions = []
    for index in sorted(i for i in beside if 0 <= i < len(tokens)):
        token = tokens[index]
        if token.start in starts or token.pos.startswith(("v", "p", "c", "u", "x", "m", "d", "r")):
            continue
        listed = lists.get(token.word)
        if listed is None or not is_short_form(token.word, listed) or listed[0] not in ("prefecture", "county") or len(token.word) < 2:
            continue
        before = index >= 2 and tokens[index - 1].word in _LIST_MARKS and tokens[index - 1].start in ends
        after = index + 2 < len(tokens) and tokens[index + 1].word in _LIST_MARKS and tokens[index + 2].start in starts
        if before or after:
            canonical = full_name(token.word, listed)
            entry = gazetteer.lookup(canonical) if gazetteer is not None else None
            if entry is not None and entry.type == "PLACE":
                canonical = entry.canonical
            mentions.append(Mention(token.start, token.end, sentence, "entity.place_list", "PLACE", canonical))
    return mentions


_VILLAGE_WORD = compile_pattern("[村庄屯寨铺]")
_NUMBERED = re.compile(r"[一二三四五六七八九十]+[里道家]")


def village_mentions(doc, sentence, tokens, places: list[Mention]) -> list[Mention]:
    """柳家湾|村, 王家屯|村: a place and the word for a village after it are one name; so are a
    number of li and the word (五里|村, 十里|铺), a common shape of village names."""
    ends = None
    mentions = []
    for match in _VILLAGE_WORD.finditer(doc.text, sentence.start, sentence.end):
        if ends is None:  # (built on the first hit: most sentences name no village)
            ends = {m.end: m for m in places if m.type == "PLACE" or m.rule == "entity.place_name"}
        index = bisect.bisect_left(tokens, match.end(), key=_END)
        if index == 0 or index >= len(tokens) or tokens[index].start != match.start() or tokens[index].end != match.end():
            continue  # the word alone (村/zg), not inside a longer one (村民)
        token, before = tokens[index], tokens[index - 1]
        if before.end in ends and ends[before.end].end - ends[before.end].start >= 2:
            mentions.append(Mention(ends[before.end].start, token.end, sentence.index, "entity.place_name", evidence=(("PLACE", 3.0),)))
        elif _NUMBERED.fullmatch(before.word):
            mentions.append(Mention(before.start, token.end, sentence.index, "entity.place_name", evidence=(("PLACE", 3.0),)))
    return mentions


@functools.lru_cache(maxsize=1)
def _kind_words() -> tuple[frozenset[str], frozenset[str]]:
    rule = load_rule_file("entities_places").rule("entity.place_kind")
    return frozenset(str(w) for w in rule.get("before", ())), frozenset(str(w) for w in rule.get("after", ()))


def beside_a_kind_of_place(tokens, first: int, last: int) -> bool:
    """保加利亚南部城市|塔尔诺沃, 第三大区|塔尔卡, 埃斯科德|小镇: a word for a kind of place
    right before or after a name makes the name a place, not a person."""
    before, after = _kind_words()
    return (first > 0 and tokens[first - 1].word in before) or (last + 1 < len(tokens) and tokens[last + 1].word in after)


_DIVISION_TAILS = ("市", "州", "省", "县")


def places_named_with_a_division_word(doc, mentions: list[Mention]) -> list[Mention]:
    """塔尔卡市 … 塔尔卡等城市: once an article writes a name with 市/州/省/县 as a place, the
    name alone is that place too, whatever the person rules guessed for it."""
    text = doc.text
    named = {text[m.start : m.end - 1] for m in mentions if m.rule == "entity.place_name" and text[m.end - 1] in _DIVISION_TAILS}
    if not named:
        return mentions
    return [
        m._replace(type=None, evidence=(("PLACE", 3.0),), rule="entity.place_name")
        if not m.known and m.rule in ("entity.person_name", "entity.jieba_name") and text[m.start : m.end] in named
        else m
        for m in mentions
    ]


def abbreviation_pair_words(tokens, sentence: int, gazetteer, taken: list[Mention]) -> list[Mention]:
    """中美/ns, 欧美/ns, 印巴/ns: one of jieba's place words made of two or three distinct country or
    province abbreviations (and no listed place itself: 中非 is a country) names each of them,
    whatever word follows (中美|加强合作, 欧美|金融业)."""
    countries, provinces = _abbreviation_tables()
    every = _abbreviation_characters()
    done = {m.start for m in taken}
    mentions = []
    for token in tokens:
        word = token.word
        if token.pos != "ns" or not 2 <= len(word) <= 3 or token.start in done:
            continue
        if not all(c in every for c in word) or len(set(word)) < len(word) or listed_places().get(word) is not None:
            continue
        if any(c in _DIRECTIONS for c in word) or dictionary_count(word) >= 200:
            continue  # 西南, 南美 (directions); 美德 (virtue), 中西: words of their own
        chinese = all(c in provinces for c in word) and not all(c in countries for c in word)
        for offset, character in enumerate(word):
            full = provinces.get(character) if chinese else countries.get(character) or provinces.get(character)
            entry = gazetteer.lookup(full) if gazetteer is not None else None
            canonical = entry.canonical if entry is not None and entry.type == "PLACE" else full
            mentions.append(Mention(token.start + offset, token.start + offset + 1, sentence, "entity.place_abbreviation", "PLACE", canonical))
    return mentions
