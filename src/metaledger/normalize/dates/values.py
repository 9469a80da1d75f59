"""One date mention's named groups → an interval: the parser stage of date claims.

A rule names its resolver (``resolve: calendar``); the resolver reads the rule's
named groups and a ``Context`` (the reference date, a quoted report's time,
parts borrowed from the first half of a range) and returns a ``DateValue``, or
None when the text names no real date (2月30日). Without the reference a
relative expression keeps a symbolic timex (THIS_YEAR, XXXX-04) and null dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from .calendar import Reference, parse_date_number, timex_of


@dataclass(frozen=True)
class DateValue:
    timex: str
    start: dt.date | None
    end: dt.date | None
    granularity: str
    relative: bool
    note: str | None = None
    start_time: str | None = None  # a time of day on start (HH:MM[:SS[.f]]), see times.py
    end_time: str | None = None
    time_zone: str | None = None  # UTC+08:00 (北京时间), local (当地时间)
    time_approx: str | None = None  # exact | about | at_least, for a time
    part: str | None = None  # the part of the day (下午) a time-narrowed day is, before any clock

    @property
    def resolved(self) -> bool:
        return self.start is not None


@dataclass(frozen=True)
class Inherited:
    """Parts a date borrows from the date before it (6月1日-30日, 3月和4月)."""

    year: int
    month: int | None
    relative: bool


@dataclass(frozen=True)
class Context:
    reference: Reference = field(default_factory=Reference)
    frame: Reference | None = None  # the time of a quoted report (在 11 月的报告中…写道：)
    inherited: Inherited | None = None
    not_before: dt.date | None = None  # the second half of a range comes after the first
    link: dt.date | None = None  # a date joined by 的 (今年 10 月的最新一季度)
    future: bool = False  # a future cue (将, 计划 …) stands before the mention
    day: dt.date | None = None  # the day a time of day or 当天 falls on (the nearest day before it)
    time: str | None = None  # that day's time, when the day named before gave one (9时15分 … 1小时后)
    part: str | None = None  # the part of the day a bare hour reads in (下午两点到四点: 四点 is 16:00)

    def anchor(self, precision: str) -> Reference:
        """The frame when it is precise enough, else the article's reference."""
        if self.frame is not None and self.frame.knows(precision):
            return self.frame
        return self.reference


Resolver = Callable[[dict, dict, Context], "DateValue | None"]
RESOLVERS: dict[str, Resolver] = {}


def resolver(name: str):
    def register(function: Resolver) -> Resolver:
        RESOLVERS[name] = function
        return function

    return register


# --- shared pieces ----------------------------------------------------------------------------


def missing_note(reference: Reference, precision: str) -> str:
    if reference.precision is None:
        return "no reference date: pass --date or give the article a date"
    return f"the reference date {reference} does not give the {precision}"


def unresolved(timex: str, granularity: str, reference: Reference, precision: str) -> DateValue:
    return DateValue(timex, None, None, granularity, True, missing_note(reference, precision))


def shift_symbol(unit: str, offset: int) -> str:
    """THIS_YEAR, PREV_WEEK, NEXT_MONTH; YEAR-2 for larger shifts; TODAY/YESTERDAY/TODAY+2 for days."""
    if unit == "DAY":
        return {0: "TODAY", -1: "YESTERDAY", 1: "TOMORROW"}.get(offset, f"TODAY{offset:+d}")
    names = {0: "THIS", -1: "PREV", 1: "NEXT"}
    return f"{names[offset]}_{unit}" if offset in names else f"{unit}{offset:+d}"


def shift_of(word: str | None) -> int:
    """上上个 → -2, 下个 → +1, 这个/本/今 → 0."""
    return (word or "").count("下") - (word or "").count("上")


def value_of(start: dt.date, end: dt.date, granularity: str, relative: bool) -> DateValue:
    return DateValue(timex_of(start, end, granularity), start, end, granularity, relative)


def number(groups: dict, *names: str) -> int | None:
    for name in names:
        if groups.get(name):
            return parse_date_number(groups[name])
    return None


_YEAR_SHIFT = {"今": 0, "本": 0, "去": -1, "上": -1, "前": -2, "大前": -3, "明": 1, "后": 2, "大后": 3}


@dataclass(frozen=True)
class YearPart:
    year: int | None
    symbol: str
    relative: bool
    given: bool  # the text names the year (2025 年, 今年), rather than leaving it out


def year_part(groups: dict, context: Context) -> YearPart:
    if groups.get("year"):
        year = int(groups["year"])
        return YearPart(year, f"{year:04d}", False, True)
    if groups.get("year_cn") or groups.get("year_short"):
        year = number(groups, "year_cn", "year_short")
        if year < 100:  # 07年, 零七年
            year += 2000 if year < 50 else 1900
        return YearPart(year, f"{year:04d}", False, True)
    if groups.get("year_rel"):
        offset = _YEAR_SHIFT[groups["year_rel"]]
        anchor = context.anchor("year")
        year = anchor.year + offset if anchor.year else None
        return YearPart(year, shift_symbol("YEAR", offset), True, True)
    if context.inherited:
        inherited = context.inherited
        return YearPart(inherited.year, f"{inherited.year:04d}", inherited.relative, False)
    return YearPart(None, "XXXX", True, False)


def nearest_year(context: Context, period: Callable[[int], tuple[dt.date, dt.date] | None]) -> int | None:
    """The year of the nearest period that has begun by the anchor (past), or has not ended
    (after a future cue); with only the anchor's year known, that year."""
    anchor = context.anchor("year")
    if anchor.year is None:
        return None
    year = anchor.year
    if anchor.knows("month"):
        anchor_start, anchor_end = anchor.interval()
        for _ in range(8):  # 2月29日 may need a few years to find a leap year
            span = period(year)
            if span is None:
                year += 1 if context.future else -1
            elif context.future and span[1] < anchor_start:
                year += 1
            elif not context.future and span[0] > anchor_end:
                year -= 1
            else:
                break
    if context.not_before is not None:
        for _ in range(8):
            span = period(year)
            if span is not None and span[0] >= context.not_before:
                break
            year += 1
    return year if period(year) is not None else None
