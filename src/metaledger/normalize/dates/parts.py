"""Resolvers for calendar parts: a year, month and day (2025年3月5日, 3月, 5日), a year's edge
(年初, 年底), half, quarter, and part of a month (上旬, 月底)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .calendar import (
    half_interval,
    month_interval,
    months_interval,
    quarter_interval,
    shift_month,
    shift_quarter,
    ten_day_interval,
    year_interval,
)
from .values import (
    Context,
    DateValue,
    YearPart,
    nearest_year,
    number,
    resolver,
    shift_of,
    shift_symbol,
    unresolved,
    value_of,
    year_part,
)


def _day_interval(year: int, month: int, day: int) -> tuple[dt.date, dt.date] | None:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return value, value


_MAX_DAY = {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}


# --- calendar: year, month, day ------------------------------------------------------------


@resolver("calendar")
def resolve_calendar(groups: dict, options: dict, context: Context) -> DateValue | None:
    month = number(groups, "month")
    day = number(groups, "day", "day_bare")
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= _MAX_DAY.get(month or 1, 31):
        return None
    if groups.get("month_rel") is not None:
        return _relative_month(groups, day, context)
    part = year_part(groups, context)
    if month is None and day is None:
        if part.year is None:
            return unresolved(part.symbol, "year", context.reference, "year")
        return value_of(*year_interval(part.year), "year", part.relative)
    if month is None:
        return _day_of_unknown_month(day, context)
    granularity = "day" if day else "month"
    period = (lambda y: _day_interval(y, month, day)) if day else (lambda y: month_interval(y, month))
    year = part.year if part.given or context.inherited else nearest_year(context, period)
    if year is not None and not part.given and context.not_before:
        # 2024 年 11 月至 2 月: the borrowed year moves on so the range runs forward
        while period(year) is None or period(year)[0] < context.not_before:
            year += 1
    if year is None:
        timex = f"{part.symbol}-{month:02d}" + (f"-{day:02d}" if day else "")
        return unresolved(timex, granularity, context.reference, "year")
    span = period(year)
    if span is None:  # 2019年2月29日
        return None
    return value_of(*span, granularity, part.relative)


def _relative_month(groups: dict, day: int | None, context: Context) -> DateValue | None:
    offset = shift_of(groups["month_rel"])
    part = year_part(groups, context)
    anchor = context.anchor("month")
    granularity = "day" if day else "month"
    if not anchor.month or (part.given and part.year is None):
        prefix = f"{part.symbol}-" if part.given else ""
        timex = prefix + shift_symbol("MONTH", offset) + (f"-{day:02d}" if day else "")
        return unresolved(timex, granularity, context.reference, "month")
    year, month = shift_month(anchor.year, anchor.month, offset)
    if part.given:
        year = part.year
    if day is None:
        return value_of(*month_interval(year, month), "month", True)
    span = _day_interval(year, month, day)
    return value_of(*span, "day", True) if span else None


def _day_of_unknown_month(day: int, context: Context) -> DateValue | None:
    if context.inherited and context.inherited.month:
        inherited = context.inherited
        span = _day_interval(inherited.year, inherited.month, day)
        return value_of(*span, "day", inherited.relative) if span else None
    anchor = context.anchor("month")
    if not anchor.month:
        return unresolved(f"XXXX-XX-{day:02d}", "day", context.reference, "month")
    step = 1 if context.future else -1
    year, month = anchor.year, anchor.month
    if anchor.day and (day > anchor.day if step < 0 else day < anchor.day):
        year, month = shift_month(year, month, step)  # nearest past (or coming) day
    for _ in range(14):
        span = _day_interval(year, month, day)
        if span and context.not_before and span[0] < context.not_before:
            step = 1
        elif span:
            return value_of(*span, "day", True)
        year, month = shift_month(year, month, step)
    return None


# --- parts of a year ---------------------------------------------------------------------------


def _year_of_part(groups: dict, context: Context, period: Callable[[int], tuple]) -> tuple[YearPart, int | None]:
    part = year_part(groups, context)
    if part.given or context.inherited:
        return part, part.year
    return part, nearest_year(context, period)


@resolver("year_edge")
def resolve_year_edge(groups: dict, options: dict, context: Context) -> DateValue | None:
    """年初 → Q1 (quarter), 年底/年末 → December (month), 年中 → June-July (range).

    A bare 年初/年底 is the anchor's own year: it names this year's start or end
    even when that lies ahead (年底前发布)."""
    edge = groups["edge"]
    part = year_part(groups, context)
    year = part.year if (part.given or context.inherited) else context.anchor("year").year
    symbol = part.symbol if (part.given or context.inherited) else "THIS_YEAR"
    if edge == "初":
        granularity, months, tail = "quarter", (1, 3), "Q1"
    elif edge == "中":
        granularity, months, tail = "range", (6, 7), "06/07"
    else:
        granularity, months, tail = "month", (12, 12), "12"
    if year is None:
        return unresolved(f"{symbol}-{tail}", granularity, context.reference, "year")
    return value_of(*months_interval(year, *months), granularity, part.relative)


@resolver("half")
def resolve_half(groups: dict, options: dict, context: Context) -> DateValue | None:
    if groups.get("half_rel"):
        anchor = context.anchor("month")
        offset = shift_of(groups["half_rel"])
        if not anchor.month:
            return unresolved(shift_symbol("HALF", offset), "half", context.reference, "month")
        index = anchor.year * 2 + (0 if anchor.month <= 6 else 1) + offset
        return value_of(*half_interval(index // 2, index % 2 + 1), "half", True)
    half = 1 if groups["half"] in ("上", "前", "1") else 2
    part, year = _year_of_part(groups, context, lambda y: half_interval(y, half))
    if year is None:
        return unresolved(f"{part.symbol}-H{half}", "half", context.reference, "year")
    return value_of(*half_interval(year, half), "half", part.relative)


@resolver("quarter")
def resolve_quarter(groups: dict, options: dict, context: Context) -> DateValue | None:
    quarter = 1 if groups.get("quarter_first") else number(groups, "quarter", "quarter_bare")
    if quarter is None or not 1 <= quarter <= 4:
        return None
    part, year = _year_of_part(groups, context, lambda y: quarter_interval(y, quarter))
    edge = groups.get("quarter_edge")  # 三季度末 = September, 一季度初 = January
    month = None if edge is None else 3 * quarter - 2 if edge == "初" else 3 * quarter
    if year is None:
        tail = f"Q{quarter}" if month is None else f"{month:02d}"
        return unresolved(f"{part.symbol}-{tail}", "quarter" if month is None else "month", context.reference, "year")
    if month is not None:
        return value_of(*month_interval(year, month), "month", part.relative)
    return value_of(*quarter_interval(year, quarter), "quarter", part.relative)


_QUARTER_SHIFT = {"上": -1, "最新": -1, "最近": -1, "本": 0, "这": 0, "下": 1}


@resolver("quarter_relative")
def resolve_quarter_relative(groups: dict, options: dict, context: Context) -> DateValue | None:
    """上一季度/最新一季度: the last quarter completed before the anchor's quarter began."""
    word = groups["quarter_rel"].rstrip("一个")
    offset = _QUARTER_SHIFT[word]
    point = context.link
    if point is None:
        anchor = context.anchor("month")
        point = anchor.interval()[0] if anchor.month else None
    if point is None:
        return unresolved(shift_symbol("QUARTER", offset), "quarter", context.reference, "month")
    return value_of(*quarter_interval(*shift_quarter(point, offset)), "quarter", True)


@resolver("quarters_through")
def resolve_quarters_through(groups: dict, options: dict, context: Context) -> DateValue | None:
    count = number(groups, "count")
    if not count or count > 4:
        return None
    part, year = _year_of_part(groups, context, lambda y: months_interval(y, 1, 3 * count))
    if year is None:
        return unresolved(f"{part.symbol}-Q1/Q{count}", "range", context.reference, "year")
    return value_of(*months_interval(year, 1, 3 * count), "range", part.relative)


_TEN_DAYS = {"上旬": 1, "初": 1, "中旬": 2, "中": 2, "下旬": 3, "底": 3, "末": 3}


@resolver("month_part")
def resolve_month_part(groups: dict, options: dict, context: Context) -> DateValue | None:
    month_groups = {k: v for k, v in groups.items() if k != "part"}
    if "month" not in month_groups and "month_rel" not in month_groups:
        month_groups["month_rel"] = "本"  # 月初, 月底 with no month: this month's
    month = resolve_calendar(month_groups, options, context)
    if month is None:
        return None
    part = _TEN_DAYS[groups["part"]]
    if not month.resolved:
        return DateValue(f"{month.timex}/T{part}", None, None, "range", True, month.note)
    return value_of(*ten_day_interval(month.start.year, month.start.month, part), "range", month.relative)
