"""Dates joined to their neighbours once resolved: a range (6月1日-30日, 10时至12时, 2020年至今,
今年以来), a list sharing its first part's year (2024 年 3 月和 4 月), 的 linking an anchor
(10 月的最新一季度), and a list closed by 之间 (2015年和2016年之间 → one range)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from ...ledger.models import Sentence
from ...normalize.dates.values import Context, DateValue, Inherited
from ...resources.rulebook import expand_macros, load_rule_file
from ...support.regex_cache import compile_pattern

_LIST_CONNECTOR = compile_pattern(r"^[ \t]*(?:、|和|与|及|或|以及|跟)[ \t]*$")
_INHERIT_FROM = {"day", "month", "year", "quarter", "half", "hour", "minute", "second"}
_DAY_LIKE = {"day", "hour", "minute", "second"}
NOT_JOINABLE = {"date.rolling", "date.present"}


@dataclass
class Resolved:
    mention: object  # the Unit (or Mention) the claim comes from
    value: DateValue
    start: int
    end: int
    rule_id: str


@functools.lru_cache(maxsize=1)
def range_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    rule_file = load_rule_file("dates_spans")
    rule = rule_file.rule("date.range")
    where = f"{rule_file.name}: {rule.id}"
    return tuple(
        compile_pattern(expand_macros(rule.get(key), rule_file.macros, where)) for key in ("connector", "from", "until_now", "between")
    )


def join_range(previous: Resolved | None, mention, context: Context, matching: str, sentence: Sentence) -> Resolved | None:
    """Two dates joined by a range connector (至, 到, -) → one range claim, or None."""
    if previous is None or not joinable(previous) or mention.rule.id in NOT_JOINABLE:
        return None
    if not range_patterns()[0].search(matching[previous.end : mention.start]):
        return None
    first = previous.value
    right_context = replace(
        context, inherited=_inherited(first), not_before=first.start, day=_one_day(first), part=_part_of(previous)
    )
    last = mention.resolve(right_context)
    if last is None or last.granularity in ("fuzzy", "range"):
        return None
    if first.resolved and last.resolved and (last.end, last.end_time or "") < (first.start, first.start_time or ""):
        return None
    value = _range_value(first, last)
    return Resolved(previous.mention, value, range_start(previous, matching, sentence), mention.end, "date.range")


def _part_of(item: Resolved) -> str | None:
    """The part of the day a range's start was read in (下午两点, 今晚8点, 17日下午)."""
    unit = item.mention
    clock = getattr(unit, "clock", None)
    if clock is not None and clock.groups.get("part"):
        return clock.groups["part"]
    day = getattr(unit, "day", None)
    if getattr(unit, "part", None) or day is None:
        return getattr(unit, "part", None)
    return day.resolve(Context()).part if day.rule.get("resolve") == "day_relative" else None


def join_between(previous: Resolved | None, item: Resolved, matching: str) -> Resolved | None:
    """A 和 Y之间 / X与Y间: two dates of a list that close with 之间 are one range."""
    if previous is None or not joinable(previous) or not joinable(item):
        return None
    if not _LIST_CONNECTOR.match(matching[previous.end : item.start]):
        return None
    between = range_patterns()[3].match(matching, item.end)
    first, last = previous.value, item.value
    if between is None or (first.resolved and last.resolved and last.end < first.start):
        return None
    return Resolved(previous.mention, _range_value(first, last), previous.start, between.end(), "date.range")


def _range_value(first: DateValue, last: DateValue) -> DateValue:
    timex = f"{first.timex}/{last.timex}"
    times = {"start_time": first.start_time, "end_time": last.end_time, "time_zone": first.time_zone or last.time_zone}
    if first.resolved and last.resolved:
        return DateValue(timex, first.start, last.end, "range", first.relative or last.relative, **times)
    return DateValue(timex, None, None, "range", True, first.note or last.note, **times)


def until_now(item: Resolved, matching: str, context: Context, sentence: Sentence) -> Resolved:
    """2020年至今, 今年以来: from the date through the reference date (or the frame's time)."""
    until = range_patterns()[2].match(matching, item.end)
    if until is None or item.rule_id in NOT_JOINABLE or item.rule_id == "date.range":
        return item  # a range of its own may start one (本月中旬以来): it runs from its start
    first, now = item.value, (context.frame or context.reference).interval()
    if first.resolved and now and now[1] >= first.start:
        value = DateValue(f"{first.timex}/PRESENT_REF", first.start, now[1], "range", True, start_time=first.start_time)
    else:
        value = DateValue(f"{first.timex}/PRESENT_REF", None, None, "range", True, first.note or "no reference date")
    return Resolved(item.mention, value, range_start(item, matching, sentence), until.end(), "date.range")


def range_start(first: Resolved, matching: str, sentence: Sentence) -> int:
    """A range opens at 从/自/由 right before its first date, if there is one."""
    opening = range_patterns()[1].search(matching, sentence.start, first.start)
    return opening.start() if opening else first.start


def joinable(item: Resolved) -> bool:
    return item.rule_id not in NOT_JOINABLE and item.rule_id != "date.range" and item.value.granularity != "range"


def _inherited(value: DateValue) -> Inherited | None:
    if not value.resolved or value.granularity not in _INHERIT_FROM:
        return None
    month = value.start.month if value.granularity == "month" or value.granularity in _DAY_LIKE else None
    return Inherited(value.start.year, month, value.relative)


def _one_day(value: DateValue):
    return value.end if value.resolved and value.start == value.end and value.granularity in _DAY_LIKE else None


def linked_context(previous: Resolved | None, mention, context: Context, matching: str) -> Context:
    """A list (3 月和 4 月) shares its first part's year; 的 links an anchor (10 月的最新一季度);
    a time in a list (14日3时10分和4时45分) keeps its first part's day."""
    if previous is None:
        return context
    gap = matching[previous.end : mention.start]
    if _LIST_CONNECTOR.match(gap) and joinable(previous):
        return replace(context, inherited=_inherited(previous.value), day=_one_day(previous.value) or context.day)
    if mention.rule.get("anchor_on_previous") and gap.strip(" \t") in ("", "的") and previous.value.resolved:
        return replace(context, link=previous.value.start)
    return context
