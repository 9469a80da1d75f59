"""Figures: every quantity with its unit and the article's own hedging.

Stages, sentence by sentence: every rule of rules/figures.yaml proposes spans (tables, guards
and idioms are in rules/figures_lexicon.yaml); each span is
read into a value (normalize/figures.py); spans over a guard (dates, versions, URLs, idioms),
an excluded span (dates, entity names) or a word that only looks numeric (四川, 一切, 第三方:
checked against the jieba tokens) are dropped, and so is a lone 一 that is an article (一款
模型) rather than a count; the longest of overlapping spans wins; then the counted noun (两个
重量级模型 → model) and the clause (同比暴涨, 英伟达营收) fill in unit, direction, basis and subject.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator

from ..ledger.models import EntityClaim, FigureClaim
from ..normalize.figures import FigureTables, Reading, figure_tables, read_match
from ..normalize.figures_context import describe_figure
from ..resources.rulebook import Rule, expand_macros, load_rule_file
from ..support.regex_cache import compile_pattern
from ..text.script import to_simplified
from ..tokenize.document import Document
from ..tokenize.tokens import Token
from .gates import GateIndex, gate
from .spans import longest_first

_CHINESE_NUMERAL = re.compile(r"[零〇一二三四五六七八九十百千万亿两俩倆兩壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億几幾数數半]")
_LONE_DIGIT = re.compile(r"\s*[零〇一二三四五六七八九十两俩倆兩壹贰貳叁參肆伍陆陸柒捌玖拾]\s*")
_NUMERAL_CHARS = set("零〇一二三四五六七八九十百千万亿两俩倆兩壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億点點 ")
_WORD_AFTER_LONE_DIGIT = {"c", "r", "d", "uj", "ul", "p", "y", "x", "zg"}  # 四不是五, 一这是, 三的
_NOUN_POS = ("n", "nz", "nt", "ns", "vn", "ng", "eng", "nr")
_MODIFIER_POS = {"a", "b", "an", "ad", "uj", "f"}  # 重量级 in 两个重量级模型
_NUMERAL_POS = {"m", "mq", "q", "t", "l"}  # 近九成 is one "l" token
# Every figure but 翻番 and 对折 holds one of these: each rule's pattern waits for one (gates.py).
_NUMERALS = "0123456789０１２３４５６７８９零〇一二三四五六七八九十拾百佰千仟万萬亿億兆两俩倆兩壹贰貳叁參肆伍陆陸柒捌玖几幾数數半"


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < s_end and s_start < end for s_start, s_end in spans)


def extract_figures(
    doc: Document, exclude: Iterable[tuple[int, int]] = (), entities: Iterable[EntityClaim] = ()
) -> list[FigureClaim]:
    """Quantities outside the excluded spans (dates, product names) and whose number lies
    outside entity names (an entity of numerals only, such as a misread 伍佰万, is no name)."""
    tables = figure_tables()
    entities = list(entities)
    text = to_simplified(doc.text)  # 超過12萬輛, 5.2級 match as simplified; one character for one
    guards = _guard_spans(text, *doc.span)
    amounts = {(e.start, e.end) for e in entities if _amount_pattern().match(text, e.start, e.end)}
    blocked = _SpanIndex([span for span in exclude if span not in amounts] + guards)  # RMB3 is no product name
    names = _SpanIndex([(e.start, e.end) for e in entities if _is_name(text[e.start : e.end])])
    # A figure's subject comes from its own sentence: group once, so a long article stays linear.
    entities_by_sentence: dict[int, list[EntityClaim]] = {}
    for entity in entities:
        entities_by_sentence.setdefault(entity.sentence, []).append(entity)
    claims = []
    for sentence in doc.sentences:
        guarded = blocked.within(sentence.start, sentence.end)
        named = names.within(sentence.start, sentence.end)
        candidates = []
        for rule, pattern in _matching_rules(text[sentence.start : sentence.end]):
            for match in pattern.finditer(text, sentence.start, sentence.end):
                if match.end() == match.start() or _overlaps(*match.span(), guarded):
                    continue  # a reading spans its match: a guarded one need not be read
                if named and _inside_name(match, named):
                    continue
                if not _after_holds(rule, text, sentence.start, match.start()):
                    continue
                reading = read_match(rule, match, tables)
                if reading is None:
                    continue
                if not _stands_as_quantity(doc, text, sentence.index, rule, reading, tables):
                    continue
                candidates.append((reading, rule))
        for reading, rule in longest_first(candidates, span=lambda c: (c[0].start, c[0].end)):
            nearby = entities_by_sentence.get(sentence.index, [])
            claims.append(_claim(doc, text, sentence.index, rule, reading, tables, nearby, guarded + named))
    return claims


def _is_name(text: str) -> bool:
    """An entity of numerals only (a misread 伍佰万) or an amount (RMB3, US$5) names nothing a figure must avoid."""
    return not set(text) <= _NUMERAL_CHARS and _amount_pattern().match(text) is None


@functools.lru_cache(maxsize=1)
def _amount_pattern() -> re.Pattern:
    rule_file = load_rule_file("figures")
    return compile_pattern(expand_macros("(?:{CURRENCY_SIGN})[ \t]*[0-9０-９]", rule_file.macros, "figures: amount"))


def _inside_name(match: re.Match, names: list[tuple[int, int]]) -> bool:
    """A number inside a name (三一重工, 北京2022冬奥会) is no figure. A name that only begins
    after the number's first character does not hold it: in 1亿新加坡元 the place is the
    currency's name, and a surname read into 200万林吉特 (万林吉特) takes no number away."""
    start, end = match.span()
    for name_start, name_end in names:
        if name_start < end and start < name_end:  # rare: only then find where the number starts
            groups = match.re.groupindex
            starts = [match.start(group) for group in ("low", "num") if group in groups and match.start(group) >= 0]
            if name_start <= (min(starts) if starts else start) < name_end:
                return True
    return False


@functools.lru_cache(maxsize=1)
def _gated_rules() -> GateIndex[tuple[Rule, tuple[str, ...]]]:
    """Each figure rule and its ``needs`` words, its pattern gated on numerals (gates.py)."""
    rules = [rule for rule in load_rule_file("figures").rules if rule.pattern is not None]
    return GateIndex(((rule, tuple(map(str, rule.get("needs") or ()))), gate(rule.pattern, (_NUMERALS,))) for rule in rules)


def _matching_rules(sentence: str) -> Iterator[tuple[Rule, re.Pattern]]:
    """The rules that may match in ``sentence`` (the matching copy), with the pattern to run:
    a rule missing all its ``needs`` words, or a character all its matches hold, is skipped."""
    for (rule, needs), pattern in _gated_rules().select(sentence):
        if not needs or any(word in sentence for word in needs):
            yield rule, pattern


_CLAUSE_BREAK = re.compile(r"[，,；;。！!？?：:\n]")


@functools.lru_cache(maxsize=1)
def _after_patterns() -> dict[str, re.Pattern]:
    """Rule id → its ``after`` pattern: what must end the clause text before a match (损失 before
    an amount in 万 that is yuan)."""
    rule_file = load_rule_file("figures")
    return {
        rule.id: compile_pattern(expand_macros(str(rule.get("after")), rule_file.macros, f"{rule_file.name}: {rule.id}"))
        for rule in rule_file.rules
        if rule.get("after")
    }


def _after_holds(rule: Rule, text: str, sentence_start: int, start: int) -> bool:
    after = _after_patterns().get(rule.id) if rule.get("after") else None
    if after is None:
        return True
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, sentence_start, start)]
    return after.search(text, breaks[-1] if breaks else sentence_start, start) is not None


@functools.lru_cache(maxsize=1)
def _gated_guards() -> GateIndex[str]:
    return GateIndex((guard_id, gate(pattern)) for guard_id, pattern in figure_tables().guards)


class _SpanIndex:
    """Spans sorted by start, so each sentence looks only at its own (no quadratic scan)."""

    _LONGEST = 512  # a span starting this far before a sentence cannot reach into it (URLs are shorter)

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        # No span reaches further back than the longest one: most are a few characters long.
        self.reach = min(self._LONGEST, max((end - start for start, end in self.spans), default=0))

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        low = bisect.bisect_left(self.starts, start - self.reach)
        high = bisect.bisect_left(self.starts, end)
        return [span for span in self.spans[low:high] if span[1] > start]


def _guard_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for _, pattern in _gated_guards().select(text[start:end]):
        spans.extend(m.span() for m in pattern.finditer(text, start, end) if m.end() > m.start())
    return spans


def _stands_as_quantity(
    doc: Document, text: str, sentence: int, rule: Rule, reading: Reading, tables: FigureTables
) -> bool:
    """Chinese numerals must be words of their own, and a lone 一 must count something (text is
    the matching copy: traditional characters simplified)."""
    if not _CHINESE_NUMERAL.search(reading.numeral):
        return True
    tokens = doc.tokens(sentence)
    # a rule whose pattern fixes the words around it (一死一伤, 两位数增长) may cross a jieba word
    if rule.get("word_check", True) and not _aligned(text, tokens, reading, tables):
        return False
    if not rule.get("single_digit") or not _LONE_DIGIT.fullmatch(reading.numeral):
        return True
    if reading.unit_word is None:
        return _lone_digit_is_a_word(tokens, reading)
    if reading.numeral.strip() not in ("一", "壹") or reading.unit_word in tables.one_counts:
        return True
    return _one_is_counted(doc, text, sentence, reading, tables)


def _aligned(text: str, tokens: list[Token], reading: Reading, tables: FigureTables) -> bool:
    """No token may straddle the span unless its outside part is numeral or a unit (九台 → 九),
    and a lone digit that jieba reads as one word with what follows must be read as a numeral
    (拾起 is a verb, 三国 a name; 上百人 may be a noun)."""
    lone = _LONE_DIGIT.fullmatch(reading.numeral) is not None
    for token in tokens:
        if lone and (token.start, token.end) == (reading.start, reading.end) and token.pos not in _NUMERAL_POS:
            if not _is_money_or_measure(reading.unit_word, tables):  # 五毛钱 is one word, and money
                return False
        if token.end <= reading.start or token.start >= reading.end:
            continue
        before = text[token.start : reading.start] if token.start < reading.start else ""
        after = text[reading.end : token.end] if token.end > reading.end else ""
        if before and not set(before) <= _NUMERAL_CHARS:
            return False
        if after and not (set(after) <= _NUMERAL_CHARS or _is_unit_word(after, tables)):
            return False
    return True


def _is_money_or_measure(word: str | None, tables: FigureTables) -> bool:
    return bool(word) and any(word.strip() in tables.units[name] for name in ("currencies", "measures"))


def _is_unit_word(word: str, tables: FigureTables) -> bool:
    return any(word in table for table in tables.units.values())


def _lone_digit_is_a_word(tokens: list[Token], reading: Reading) -> bool:
    """答案是四不是五: a lone digit is a number when jieba reads it alone and a function word follows."""
    own = [t for t in tokens if t.start < reading.end and reading.start < t.end]
    if len(own) != 1 or (own[0].start, own[0].end) != (reading.start, reading.end):
        return False
    following = [t for t in tokens if t.start >= reading.end and t.word.strip()]
    return not following or following[0].pos in _WORD_AFTER_LONE_DIGIT or not following[0].word[0].isalnum()


def _one_is_counted(doc: Document, text: str, sentence: int, reading: Reading, tables: FigureTables) -> bool:
    """一次 in 只…提了一次 is a count; 一款 in 研发一款模型 is the article "a"."""
    clause = _clause_before(doc, text, sentence, reading.start)
    if any(word in clause for word in tables.focus):
        return True
    return bool(re.match(r"\s*[也都]\s*[没不未无]", text[reading.end : reading.end + 4]))


def _clause_before(doc: Document, text: str, sentence: int, offset: int) -> str:
    before = text[doc.sentences[sentence].start : offset]
    return re.split(r"[，,；;：:。！？!?、\n]", before)[-1]


def _counted_noun(doc: Document, sentence: int, end: int) -> str | None:
    """The head noun right after a classifier: 两个重量级模型 → 模型, 23 部消防车 → 消防车."""
    head = None
    for token in doc.tokens(sentence):
        word = token.word.strip()
        if token.start < end or not word:
            continue
        if token.pos.startswith(_NOUN_POS):
            head = word
        elif head is not None or token.pos not in _MODIFIER_POS:
            break
    return head


def _noun_unit(noun: str | None, tables: FigureTables) -> str | None:
    if not noun:
        return None
    nouns = tables.units["counted_nouns"]
    for cut in range(len(noun)):
        if noun[cut:] in nouns:
            return nouns[noun[cut:]]
    return None


def _claim(doc, text, sentence, rule, reading, tables, entities, skip) -> FigureClaim:
    unit = reading.unit
    if rule.get("counted_noun") and reading.unit_word not in tables.verbal and reading.unit_word not in tables.own_unit:
        noun_unit = _noun_unit(_counted_noun(doc, sentence, reading.end), tables)
        if rule.get("measure") == "ordinal" and reading.unit_word and reading.unit_word.strip() == "号":
            unit = f"{noun_unit}_number" if noun_unit else unit
        elif noun_unit:
            unit = noun_unit
    context = describe_figure(doc, sentence, reading.start, reading.end, entities, tables.context, skip, text)
    return FigureClaim(
        id="",
        article=doc.article_id,
        sentence=sentence,
        start=reading.start,
        end=reading.end,
        text=doc.text[reading.start : reading.end],
        rule=rule.id,
        value=reading.value,
        value_high=reading.value_high,
        unit=unit,
        measure=reading.measure,
        approx=reading.approx,
        **context,
    )
