"""Date claims: find date mentions with the dates*.yaml rules, then resolve each to an interval.

Three stages (after Recognizers-Text): ``scan_mentions`` finds spans and their named
groups, context-free; ``compose_units`` (compose.py) joins adjacent mentions into one
expression (a day and its time of day, a zone, a date restated in brackets); then
``extract_dates`` resolves them in text order, because a date's neighbours matter: the
second half of a range borrows from the first (6月1日-30日, joins.py), a list shares its
year (2024 年 3 月和 4 月), a date joined by 的 anchors a relative quarter (10 月的最新一季度),
a dated speech frame (在 11 月的报告中，分析师写道：) sets "now" for the quote that follows,
and a bare time, 当天 or 比上月 take the day or month named before them (anchors.py).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from ...ledger.models import DateClaim, Sentence
from ...normalize.dates.calendar import Reference
from ...normalize.dates.resolve import resolve_groups
from ...normalize.dates.values import Context, DateValue
from ...resources.rulebook import Rule, expand_macros, load_rule_file, rule_file_names
from ...support.regex_cache import compile_pattern
from ...text.script import traditional_table
from ...tokenize.document import Document
from ..gates import GateIndex, gate
from ..spans import longest_first
from .anchors import anchor_day, anchor_period
from .compose import compose_units, writing_time
from .joins import Resolved, join_between, join_range, linked_context, until_now

# Characters date words need that the shared traditional table lacks, and full-width digits.
_MATCHING_EXTRA = str.maketrans("禮聖誕臘勞婦樹師紀曆擬０１２３４５６７８９", "礼圣诞腊劳妇树师纪历拟0123456789")
_TITLE = compile_pattern(r"《[^《》\n]*》")
_CLAUSE_END = compile_pattern(r"[，,。；;！!？?：:\n]")
# 会在/会于 is "will", not the 会 of a meeting (大会于5日开幕, 展会在京举行)
_FUTURE_CUE = compile_pattern(
    r"将|计划|预计|预期|拟|即将|有望|准备|定于|推迟|延期|延迟|延至|延后|(?<![大展峰年晚盛例舞酒协学员工商议国事览动讨布谈])会[在于]|要在|届时"
)
# 春节将至, 国庆临近: the date comes after these words, but it is still the coming one
_FUTURE_AFTER = compile_pattern(r"[ \t]*(?:将至|将近|临近|即将到来|即将来临|就要到了|快到了|到来之际|来临之际)")
_SPEECH_COLON = compile_pattern(r"(?:写道|表示|称|说|指出|认为|提到|强调|直言|透露|坦言|回应|宣布|介绍|解释|补充|预测|总结)[ \t]*[:：]")


def matching_text(text: str) -> str:
    """The copy of ``text`` that patterns run on: simplified characters, ASCII digits, same offsets."""
    return text.translate(_matching_table())


@functools.lru_cache(maxsize=1)
def _matching_table() -> dict[int, int | str]:
    """to_simplified, then _MATCHING_EXTRA, as one table: one pass over the text, not two
    (to_simplified is the traditional table's translation; it only skips it when it can)."""
    table: dict[int, int | str] = {code: _MATCHING_EXTRA.get(ord(simple), simple) for code, simple in traditional_table().items()}
    for code, replacement in _MATCHING_EXTRA.items():
        table.setdefault(code, replacement)
    return table


@functools.lru_cache(maxsize=1)
def date_rules() -> tuple[Rule, ...]:
    """Every rule of every dates*.yaml file (discovered, like all rule files)."""
    return tuple(rule for name in _date_rule_files() for rule in load_rule_file(name).rules)


@functools.lru_cache(maxsize=1)
def _gated_rules() -> GateIndex[Rule]:
    """The date rules with a pattern, each gated (extract/gates.py: same matches, found faster;
    a sentence lacking a character every match of a rule holds does not run it)."""
    return GateIndex((rule, gate(rule.pattern)) for rule in date_rules() if rule.pattern is not None)


def _date_rule_files() -> list[str]:
    return [name for name in rule_file_names() if name == "dates" or name.startswith("dates_")]


@functools.lru_cache(maxsize=1)
def _recurring_pattern() -> re.Pattern:
    """Text before a date that makes it no claim: 每年的 (it recurs), 康熙三年 (another calendar)."""
    rule_file = load_rule_file("dates")
    source = f"(?:{rule_file.data['recurring']})|(?:{rule_file.data['other_calendar']})"
    return compile_pattern(expand_macros(source, rule_file.macros, rule_file.name))


@dataclass(frozen=True)
class Mention:
    """A date span found by one rule, before resolution."""

    rule: Rule
    start: int
    end: int
    sentence: int
    groups: dict

    def resolve(self, context: Context) -> DateValue | None:
        return resolve_groups(self.rule.get("resolve"), self.groups, self.rule.options, context)


def scan_mentions(text: str, sentences: list[Sentence]) -> list[Mention]:
    """Longest non-overlapping date mentions, in text order; none inside 《book titles》
    and none that names no real day (2月30日)."""
    matching, titles = _matching_and_titles(text)
    recurring = _recurring_pattern()
    kept: list[Mention] = []
    for sentence in sentences:
        candidates = []
        for rule, pattern in _gated_rules().select(matching[sentence.start : sentence.end]):
            for match in pattern.finditer(matching, sentence.start, sentence.end):
                start, end = match.span()
                if end == start or titles.inside(start, end):
                    continue
                groups = {k: v for k, v in match.groupdict().items() if v is not None}
                candidates.append(Mention(rule, start, end, sentence.index, groups))
        for mention in longest_first(candidates, span=lambda m: (m.start, m.end)):
            # An impossible (2月30日) or recurring (每年的3月15日) date still took its span,
            # so its parts (2月, 30日) are not claimed either.
            if _excluded(mention, matching, sentence.start, recurring) or mention.resolve(Context()) is None:
                continue
            kept.append(mention)
    return kept


class _Titles:
    """《book titles》 of a text, non-overlapping and sorted: the one that could hold a span is found by bisection."""

    def __init__(self, matching: str):
        self.spans = [m.span() for m in _TITLE.finditer(matching)]
        self.starts = [start for start, _ in self.spans]

    def inside(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, start) - 1
        return index >= 0 and end < self.spans[index][1]


@functools.lru_cache(maxsize=1)
def _matching_and_titles(text: str) -> tuple[str, _Titles]:
    """Once per article, not once per part: a 20 MB article is 35 parts, and each used to
    convert and scan the whole text again (and test every candidate against every title)."""
    matching = matching_text(text)
    return matching, _Titles(matching)


def _excluded(mention: Mention, matching: str, sentence_start: int, recurring: re.Pattern) -> bool:
    """A recurring date or one of another calendar, or one whose rule refuses what stands
    before it (``not_after``)."""
    if recurring.search(matching, sentence_start, mention.start):
        return True
    not_after = _not_after_patterns().get(mention.rule.id)
    return bool(not_after and not_after.search(matching, sentence_start, mention.start))


@functools.lru_cache(maxsize=1)
def _not_after_patterns() -> dict[str, re.Pattern]:
    """Rule id → its compiled ``not_after`` pattern, for the rules that have one."""
    patterns = {}
    for rule_file in map(load_rule_file, _date_rule_files()):
        for rule in rule_file.rules:
            if rule.get("not_after"):
                where = f"{rule_file.name}: {rule.id}"
                patterns[rule.id] = compile_pattern(expand_macros(rule.get("not_after"), rule_file.macros, where))
    return patterns


def extract_dates(doc: Document) -> list[DateClaim]:
    reference = Reference.parse(doc.reference_date)
    matching = _matching_and_titles(doc.text)[0]
    mentions = scan_mentions(doc.text, doc.sentences)
    units = compose_units(mentions, matching, {s.index: s.start for s in doc.sentences})
    resolved: list[Resolved] = []
    for unit in units:
        sentence = doc.sentences[unit.sentence]
        previous = resolved[-1] if resolved and resolved[-1].mention.sentence == unit.sentence else None
        if previous is not None and unit.start < previous.end:
            continue  # taken by the range before it (2020年到现在)
        anchor = _anchor(unit, resolved, matching)
        context = Context(
            reference,
            frame=_frame(unit, resolved, matching, doc.sentences),
            future=future_cue(matching, sentence.start, unit.start) or _FUTURE_AFTER.match(matching, unit.end) is not None,
            day=anchor[0] if anchor else None,
            time=anchor[1] if anchor else None,
        )
        joined = join_range(previous, unit, context, matching, sentence)
        if joined is not None:
            resolved[-1] = joined
            continue
        if unit.rule.get("join_only"):
            continue  # 到十二日 is a day only as the end of a range
        context = linked_context(previous, unit, context, matching)
        value = unit.resolve(context)
        if value is None:
            continue
        item = Resolved(unit, value, unit.start, unit.end, unit.rule_id)
        between = join_between(previous, item, matching)
        if between is not None:
            resolved[-1] = between
            continue
        resolved.append(until_now(item, matching, context, sentence))
    return [_claim(doc, item) for item in resolved]


def _anchor(unit, resolved: list[Resolved], matching: str):
    """(day, time) a bare time, 当天 or 3天后 refers to: the nearest day before it (anchors.py);
    none for the time of writing (截至下午6点发稿时), which is on the reference day."""
    if unit.time_only and not writing_time(matching, unit.end) or unit.rule.get("anaphoric"):
        return anchor_day(resolved)
    return None


def _frame(unit, resolved: list[Resolved], matching: str, sentences: list[Sentence]):
    """What "now" is for this date: a dated speech frame, or for 比上月 the paragraph's month."""
    if unit.rule.get("comparison_base"):
        period = anchor_period(resolved, unit.sentence, sentences)
        if period is not None:
            return period
    return _speech_frame(unit, resolved, matching, sentences)


def future_cue(matching: str, sentence_start: int, start: int) -> bool:
    clause_starts = [m.end() for m in _CLAUSE_END.finditer(matching, sentence_start, start)]
    return bool(_FUTURE_CUE.search(matching, clause_starts[-1] if clause_starts else sentence_start, start))


def _speech_frame(mention, resolved: list[Resolved], matching: str, sentences: list[Sentence]):
    """A dated speech frame (在 11 月的报告中，分析师写道：) sets "now" for what follows its
    colon: the rest of its sentence, or the next sentence when the colon ends its own."""
    sentence = sentences[mention.sentence]
    colons = list(_SPEECH_COLON.finditer(matching, sentence.start, mention.start))
    if colons:
        return _frame_before(colons[-1].start(), mention.sentence, resolved)
    if mention.sentence == 0:
        return None
    previous = sentences[mention.sentence - 1]
    colons = list(_SPEECH_COLON.finditer(matching, previous.start, previous.end))
    if not colons or matching[colons[-1].end() : previous.end].strip(" \t「“\"'"):
        return None
    return _frame_before(colons[-1].start(), previous.index, resolved)


def _frame_before(offset: int, sentence: int, resolved: list[Resolved]) -> Reference | None:
    dated = [r for r in resolved if r.mention.sentence == sentence and r.end <= offset and r.value.resolved]
    if not dated:
        return None
    frame = Reference.of_interval(dated[-1].value.start, dated[-1].value.end)
    return frame if frame.precision else None


def _claim(doc: Document, item: Resolved) -> DateClaim:
    value = item.value
    return DateClaim(
        id="",
        article=doc.article_id,
        sentence=item.mention.sentence,
        start=item.start,
        end=item.end,
        text=doc.text[item.start : item.end],
        rule=item.rule_id,
        timex=value.timex,
        start_date=value.start.isoformat() if value.start else None,
        end_date=value.end.isoformat() if value.end else None,
        granularity=value.granularity,
        relative=value.relative,
        note=value.note,
        start_time=value.start_time,
        end_time=value.end_time,
        time_zone=value.time_zone,
        time_approx=value.time_approx,
    )
