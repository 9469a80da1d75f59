"""Noun phrases as written: who or what a clause names when no known name fills a role.

Real reports name their actors with noun phrases more often than with names: 30多家商户,
至少12人, 市消防支队, 一辆满载货物的卡车. A phrase is chunked from the jieba tokens of
a sentence, with each entity mention one unit (上海中心大厦 stays whole) and each date or
time of day one unit of time:

    phrase := [prefix…] part (的 part | 、/和/及/等 part)*      至少12人; 东城、西城等8个中队
    part   := numerals, classifiers, adjectives, nouns, names, pronouns ending in a noun,
              or a count alone (一死一伤 is no phrase; 3人, 40具 are)
    relative clause: [count] verb 的 phrase is one phrase   一辆满载乘客的大巴, 受伤的司机

A locative may stand between nouns (规模以上工业) or end a phrase (酒店外). A phrase has a
kind: ``time`` (21日晚, 当晚), ``place`` (ends in a place word or a locative: 北京市长安街,
酒店外), ``abstract`` (情况, 原因) or ``participant``. The cue lists live under ``phrases:``
in resources/lexicon/events_cues.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # names only: the cue loader imports this module, and needs no ledger models
    from ...tokenize.tokens import Token
    from .mentions import Mention

_NUMBER = re.compile(r"[0-9０-９.,．%％]+")
_NOUN_TAGS = ("n", "j", "eng", "vn", "an", "l")
_DETERMINERS = ("这", "那", "该", "此", "本", "某", "各", "每", "上述", "其他", "其余")
_FREQUENCY = frozenset("次回遍趟")  # 两次登上封面: how often, not who
_PLACE_PREPOSITIONS = frozenset({"在", "于", "到", "向", "往", "从", "自"})


class Unit(NamedTuple):
    start: int
    end: int
    word: str
    tag: str  # E name, N noun, M numeral, Q classifier, A modifier, F locative, S place, T time, R pronoun,
    #           P prefix (至少, 这起), DE 的, C coordination, ETC 等, V verb, X anything else
    mention: Mention | None = None
    pos: str = ""


class Phrase(NamedTuple):  # a tuple: made for every phrase of every clause a trigger reads
    start: int
    end: int
    text: str
    kind: str  # participant | place | time | abstract | ordinal
    first: int  # index of its first unit in the sentence's units (-1: not from units)
    last: int  # index of its last unit
    head: Mention | None = None  # the name that heads it (城南希尔顿酒店 → the hotel), if one does
    coordinated: bool = False  # 12辆消防车、60名消防员
    bare: bool = False  # an amount alone: 50亿美元, 62%, 400平方米 (not 120 人, a count of people)


@dataclass(frozen=True)
class PhraseCues:
    prefixes: frozenset[str]  # 至少, 约, 另, 不少 … before a count or a noun
    pronouns: frozenset[str]  # 他们, 双方 … pronouns that can be participants
    abstract: frozenset[str]  # 情况, 原因, 工作 … heads that name no participant
    place_tails: tuple[str, ...]  # 路, 镇, 现场, 附近 … at the end of a place (str.endswith)
    person_tails: tuple[str, ...]  # 人, 员, 者, 司机 … a phrase ending so names people
    org_tails: tuple[str, ...]  # 部门, 局, 公司 … a phrase ending so names a body
    time: re.Pattern  # 当晚, 9时许, 3个小时 … times the tagger does not tag t
    coordination: frozenset[str]
    classifiers: frozenset[str]  # 具, 顶, 辆 … measure words the tagger calls verbs after a number
    adverbs: frozenset[str]  # 全部, 同比, 一度 … words the tagger calls nouns or numerals that end a phrase
    governors: frozenset[str]  # prepositions: a phrase right after one is no subject or object
    amount_tail: tuple[str, ...]  # 元, %, 平方米 … an amount, not a count of people or things
    time_heads: tuple[str, ...]  # 时间, 时区: a place before them names a clock (北京时间)
    existential: frozenset[str]  # 有, 已有 … before a count: not part of the phrase as written
    first_person: frozenset[str]  # 我, 我们: a quoted speaker's words, not the article's
    tags: dict = field(default_factory=dict, compare=False, repr=False)  # (word, pos, after a count) → tag


def sentence_units(
    tokens: list[Token], mentions: list[Mention], times: list[tuple[int, int]], breaks, verbs: frozenset[str],
    cues: PhraseCues, modifiers=(), negators: frozenset[str] = frozenset(),
) -> list[Unit]:
    """The sentence's tokens as units (mentions, times, breaks and modifiers each in text order):
    a mention or a time is one unit; a trigger (breaks) and the
    light and cause verbs (verbs: 发生, 造成…) are verbs whatever the tagger says; a trigger word
    that only describes the noun after it (modifiers: 被困人员, 受损线路) is a modifier; a negator
    (没有人员伤亡) is no verb taking an object."""
    units: list[Unit] = []
    spans = [(m.start, m.end, "E", m) for m in mentions] + [(s, e, "T", None) for s, e in times]
    if mentions and times:
        spans.sort()
    n_spans, n_breaks, n_modifiers = len(spans), len(breaks), len(modifiers)
    index = at_break = at_modifier = 0  # pointers: tokens, spans, breaks and modifiers are in text order
    tags, append = cues.tags, units.append
    for token in tokens:
        word, start = token.word, token.start
        if word.isspace():
            continue  # 600 人: a space inside a phrase
        while index < n_spans and spans[index][1] <= start:
            index += 1
        while at_break < n_breaks and breaks[at_break][1] <= start:
            at_break += 1
        while at_modifier < n_modifiers and modifiers[at_modifier][1] <= start:
            at_modifier += 1
        broken = at_break < n_breaks and breaks[at_break][0] < token.end
        if broken and start < breaks[at_break][0]:
            # 另有1人失联 tagged 人失/联: the part of a token before a trigger is a word of its own
            lead = breaks[at_break][0]
            fragment = word[: lead - start]
            kind = "V" if fragment in verbs else "Q" if units and units[-1].tag == "M" and fragment in cues.classifiers else "N"
            units.append(Unit(start, lead, fragment, kind, None, "n"))
            units.append(Unit(lead, token.end, word[lead - start :], "V", None, "hit"))
            continue
        if index < n_spans and spans[index][0] < token.end and not broken:
            span_start, span_end, tag, mention = spans[index]
            if units and units[-1].start == span_start and units[-1].tag == tag:
                continue
            units.append(Unit(span_start, span_end, "", tag, mention, "nz" if tag == "E" else "t"))
            continue
        end, pos = token.end, token.pos
        described = at_modifier < n_modifiers and modifiers[at_modifier][0] <= start and end <= modifiers[at_modifier][1]
        if broken:
            tag, pos = "V", "hit"
        elif described:
            tag = "A"  # 被困/A 人员
        elif word in negators:
            tag = "X"  # 没有人员伤亡
        else:
            counted = bool(units) and units[-1].tag in ("M", "P")
            key = (word, pos, counted)
            tag = tags.get(key)
            if tag is None:  # words repeat across sentences: each is tagged once
                tag = tags[key] = _tag(token, verbs, "M" if counted else "", cues)
        if tag == "M" and len(word) > 1 and word[-1] in cues.classifiers and word[0] not in "第首":
            pos = "mq"  # 一辆, 两名: the tagger's m for a numeral with its classifier
        append(_new_unit(Unit, (start, end, word, tag, None, pos)))
    return units


# Unit(…) and Phrase(…) run NamedTuple's Python-level __new__; the tuple constructor makes the same
# tuple without that frame (one per token, and per phrase, of every clause a trigger reads).
_new_unit = _new_phrase = tuple.__new__


def _tag(token: Token, verbs, previous: str, cues: PhraseCues) -> str:
    word, pos = token.word, token.pos
    if word in verbs:
        return "V"
    if word in cues.adverbs:
        return "X"
    if word in cues.prefixes or _determiner(word, pos, cues):
        return "P"
    if word == "的":
        return "DE"
    if word in cues.coordination:
        return "C"
    if word in ("等", "等等"):
        return "ETC"
    if word in cues.pronouns:
        return "R"
    if pos in ("m", "mq") or (pos == "x" and _NUMBER.fullmatch(word)):
        return "M"
    if pos == "q" or (previous in ("M", "P") and word in cues.classifiers):
        return "Q"
    if pos == "t":
        return "T"
    if pos == "s":
        return "S"
    if pos == "f":
        return "F"
    if pos.startswith(_NOUN_TAGS):
        return "N"
    if pos in ("a", "b", "z"):
        return "A"
    if pos.startswith("v"):
        return "V"
    return "X"


def _determiner(word: str, pos: str, cues: PhraseCues) -> bool:
    """这, 该, 这位, 此次, 某: a demonstrative before a noun (the tagger's r, m or x)."""
    return word.startswith(_DETERMINERS) and len(word) <= 3 and not pos.startswith(("n", "v", "a")) and word not in cues.pronouns


_HEADS = frozenset({"N", "E", "R", "S"})
_COUNTS = frozenset({"M", "Q"})
_INNER = _HEADS | _COUNTS | {"A", "F"}
_STARTS = _INNER | {"P"}
_TIME_TAGS = frozenset({"T", "M", "Q"})  # 21日晚, 3个小时
_COUNT_TAGS = frozenset({"M", "Q", "P"})  # a count alone: 第5号, 两次


def _part(units: list[Unit], i: int) -> int | None:
    """The end (exclusive unit index) of a part starting at i, or None."""
    j, n = i, len(units)
    while j < n and units[j].tag == "P":
        j += 1
    if j >= n or units[j].tag not in _INNER:
        return None
    last_head = last_count = None
    k = j
    while k < n:
        unit = units[k]
        tag = unit.tag
        if k > j and unit.start - units[k - 1].end > 1:
            break  # a gap wider than a space
        if tag in _HEADS:
            if unit.pos == "vn" and last_head is not None and k + 1 < n and units[k + 1].tag in _HEADS:
                break  # 知情人士 提供 线索: a verb the tagger calls a noun, between two nouns
            last_head = k
        elif tag in _COUNTS:
            if last_head is not None and not (k + 1 < n and units[k + 1].tag in _INNER):
                break  # 两人一度: a count after the head is no part of it
            last_count = k
        elif tag == "P" and k + 1 < n and units[k + 1].tag == "M":
            pass  # 全市超过十万户居民
        elif tag == "F":
            if last_head is None:
                if k + 1 < n and units[k + 1].tag == "DE":
                    last_head = k  # 周边的居民
                break
            if not (k + 1 < n and units[k + 1].tag in _HEADS):
                last_head = k  # a locative ends it: 酒店外, 规模以上
                break
        elif tag == "A":
            if k + 1 < n and units[k + 1].word in ("被", "遭", "已", "已经") and last_head is None and len(unit.word) > 1:
                last_head = k  # 大火被扑灭: an adjective the tagger gave a noun
                k += 1
                break
            if k + 1 < n and units[k + 1].tag == "DE":
                last_head = k  # 一种全新的模式: 的 joins what follows
                k += 1
                break
            if not (k + 1 < n and units[k + 1].tag in _INNER):
                break
        else:
            break
        k += 1
    if last_head is not None:
        return last_head + 1
    if last_count is not None and _counted(units[j : last_count + 1]):
        return last_count + 1
    return None


def _counted(units: list[Unit]) -> bool:
    """A count alone is a phrase when it counts something: 3人, 40具, 一辆, 5.8% — not 多, 一些."""
    numerals = [u for u in units if u.tag == "M"]
    if not numerals:
        return False
    if any(u.tag == "Q" for u in units) or any(c.isdigit() for u in numerals for c in u.word):
        return True
    return any(u.pos == "mq" for u in numerals)  # 一辆, 两名: numeral and classifier in one token


def chunk(units: list[Unit], text: str, cues: PhraseCues, lo: int = 0, hi: int | None = None) -> list[Phrase]:
    """The phrases of units[lo:hi] (a clause, or the sentence), left to right."""
    phrases: list[Phrase] = []
    i = lo
    hi = len(units) if hi is None else hi
    while i < hi:
        tag = units[i].tag
        if tag == "T":
            phrases.append(_phrase(units, i, i + 1, text, cues, "time"))
            i += 1
            continue
        if tag not in _STARTS:  # most units start no phrase: no call for them
            i += 1
            continue
        end = _part(units, i)
        if end is None:
            i += 1
            continue
        end, coordinated = _joined(units, end)
        first = _relative_start(units, phrases, i, end, cues)
        while phrases and phrases[-1].first >= first:
            phrases.pop()  # inside the relative clause
        while first < end - 1 and _existential(units, first, cues):
            first += 1  # 已有至少12人, 另有1人: the count as written
        phrases.append(_phrase(units, first, end, text, cues, None, coordinated))
        i = end
    return phrases


def _joined(units: list[Unit], end: int) -> tuple[int, bool]:
    """Extend a part over 的 part, 、/和 part, 等 (count)."""
    coordinated = False
    while end < len(units) and units[end].tag in ("DE", "C", "ETC"):
        joiner = units[end].tag
        if joiner == "C" and units[end - 1].tag == "F":
            break  # 在公路上与另一辆汽车: a place phrase is not coordinated with what follows
        after = end + 1
        if joiner == "ETC" and (after >= len(units) or units[after].tag not in _INNER):
            end = after  # 东城、西城等 ends the list
            break
        following = _part(units, after) if after < len(units) else None
        if following is None:
            break
        coordinated = coordinated or joiner != "DE"
        end = following
    return end, coordinated


def _existential(units: list[Unit], index: int, cues: PhraseCues) -> bool:
    word = units[index].word
    return word in cues.existential or (word in ("另", "还", "仍", "尚", "共", "已") and units[index + 1].word in cues.existential)


def _relative_start(units: list[Unit], phrases: list[Phrase], i: int, end: int, cues: PhraseCues) -> int:
    """Where a phrase with a relative clause starts: 一辆满载乘客的大巴, 落水的3名儿童, 受伤的司机,
    停在路边的两辆汽车 — [count] verb [prep] [phrase] 的 phrase, the part at i..end."""
    k = i - 1
    if k >= 1 and units[k].tag == "DE":  # 落水 的 | 3名儿童
        k -= 1
        before = next((p for p in reversed(phrases) if p.last == k), None)
        if before is not None:  # 满载乘客 的: the verb's object
            k = before.first - 1
            if k >= 0 and units[k].pos == "hit":
                return i  # 冲向路边的人群: a trigger and its object
    elif "DE" not in {u.tag for u in units[i:end]} or (k >= 0 and units[k].pos == "hit"):
        return i  # no 的: no relative clause; 看到空中的火光: a trigger and its object
    if k >= 1 and units[k].word in _PLACE_PREPOSITIONS and units[k - 1].tag == "V" and units[k - 1].pos != "hit":
        k -= 1  # 停在 路边的…: a verb and its place
    if k < 0 or units[k].tag != "V" or units[k].end != units[k + 1].start and units[k + 1].start - units[k].end > 1:
        return i
    start = k
    while start > 0 and units[start - 1].tag in ("M", "Q", "P") and units[start].start - units[start - 1].end <= 1:
        start -= 1  # 一辆 满载…
    previous = next((p for p in reversed(phrases) if p.last == start - 1), None)
    if previous is not None and all(units[x].tag in ("M", "Q", "P", "S", "F") for x in range(previous.first, previous.last + 1)):
        start = previous.first  # 山上 采来…
    return start


def _phrase(units, first: int, end: int, text: str, cues: PhraseCues, kind: str | None, coordinated: bool = False) -> Phrase:
    start, stop = units[first].start, units[end - 1].end
    written = text[start:stop]
    last = units[end - 1]
    if last.tag == "F" and end - 1 > first:
        last = units[end - 2]  # 希尔顿酒店外: the hotel heads it
    members = units[first:end]
    tags = {u.tag for u in members}  # one pass: _kind and bare ask only which tags occur
    if kind is None:
        kind = _kind(members, tags, written, cues)
    bare = tags.isdisjoint(_HEADS) and written.endswith(cues.amount_tail)
    return _new_phrase(Phrase, (start, stop, written, kind, first, end - 1, last.mention, coordinated, bare))


def phrase_type(phrase: Phrase, cues: PhraseCues) -> str | None:
    """The entity type a phrase would have if it were a name: 600 人 and 两名工人 are people,
    消防部门 a body, 酒店外 a place; None when its words do not say."""
    if phrase.head is not None and not phrase.coordinated:
        return phrase.head.type
    if phrase.kind == "place":
        return "PLACE"
    if phrase.text.endswith(cues.person_tails) or phrase.text in cues.pronouns:
        return "PERSON"
    if phrase.text.endswith(cues.org_tails):
        return "ORG"
    return None


def _kind(units: list[Unit], tags: set[str], written: str, cues: PhraseCues) -> str:
    """tags: the set of the units' tags."""
    last = units[-1]
    if cues.time.fullmatch(written) or ("T" in tags and tags <= _TIME_TAGS):
        return "time"
    if tags <= _COUNT_TAGS:
        if written[-1] in _FREQUENCY:
            return "time"  # a frequency
        if written.startswith(("第", "首")):
            return "ordinal"  # 第5号, 首批: which one, not who
    if last.tag == "N" and last.word in cues.abstract:
        return "abstract"
    if written.endswith(cues.person_tails) or written.endswith(cues.org_tails):
        return "participant"
    if last.tag in ("S", "F") or (last.mention is not None and last.mention.type == "PLACE"):
        return "place"
    if written.endswith(cues.place_tails):
        return "place"
    return "participant"
