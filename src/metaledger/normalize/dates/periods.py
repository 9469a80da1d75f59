"""Resolvers for counted periods: weeks and months of a year, spans of years or months,
decades and centuries."""

from __future__ import annotations

import datetime as dt

from .calendar import (
    add_units,
    century_interval,
    decade_interval,
    iso_week_interval,
    month_interval,
    months_interval,
    year_interval,
)
from .values import (
    Context,
    DateValue,
    nearest_year,
    number,
    resolver,
    unresolved,
    value_of,
    year_part,
)

_UNITS = {"天": "day", "日": "day", "周": "week", "个星期": "week", "个月": "month"}


@resolver("year_week")
def resolve_year_week(groups: dict, options: dict, context: Context) -> DateValue | None:
    """第N周 of a year: the ISO week (2021年的第二周 = 2021-01-11..17)."""
    part = year_part(groups, context)
    week = number(groups, "count")
    if not week or week > 53:
        return None
    if part.year is None:
        return unresolved(f"{part.symbol}-W{week:02d}", "week", context.reference, "year")
    span = iso_week_interval(part.year, week)
    return value_of(*span, "week", part.relative) if span else None


@resolver("year_nth_month")
def resolve_year_nth_month(groups: dict, options: dict, context: Context) -> DateValue | None:
    part = year_part(groups, context)
    month = number(groups, "count")
    if not month or month > 12:
        return None
    if part.year is None:
        return unresolved(f"{part.symbol}-{month:02d}", "month", context.reference, "year")
    return value_of(*month_interval(part.year, month), "month", part.relative)


@resolver("year_first")
def resolve_year_first(groups: dict, options: dict, context: Context) -> DateValue | None:
    """前10天 / 最后两个月 of a year."""
    part = year_part(groups, context)
    count, unit = number(groups, "count"), _UNITS[groups["unit"]]
    if not count:
        return None
    first = groups["which"] in ("前", "头")
    if part.year is None:
        tail = f"{'FIRST' if first else 'LAST'}{count}{unit[0].upper()}"
        return unresolved(f"{part.symbol}-{tail}", "range", context.reference, "year")
    year_start, year_end = year_interval(part.year)
    if first:
        span = year_start, add_units(year_start, count, unit) - dt.timedelta(days=1)
    else:
        span = add_units(year_end + dt.timedelta(days=1), -count, unit), year_end
    if span[1] > year_end or span[0] < year_start:
        return None
    return value_of(*span, "range", part.relative)


@resolver("year_span")
def resolve_year_span(groups: dict, options: dict, context: Context) -> DateValue | None:
    first, last = int(groups["year"]), int(groups["year2"])
    if last <= first:
        return None
    return DateValue(f"{first:04d}/{last:04d}", year_interval(first)[0], year_interval(last)[1], "range", False)


@resolver("five_year_plan")
def resolve_five_year_plan(groups: dict, options: dict, context: Context) -> DateValue | None:
    """“十四五”时期 is the 14th five-year plan, 2021-2025: from the third (1966-1970) on, the
    plans follow one another every five years (the first two ran 1953-1962)."""
    plan = number(groups, "plan")
    if plan is None or plan < 3:
        return None
    first = 1966 + 5 * (plan - 3)
    return DateValue(f"{first:04d}/{first + 4:04d}", year_interval(first)[0], year_interval(first + 4)[1], "range", False)


@resolver("month_span")
def resolve_month_span(groups: dict, options: dict, context: Context) -> DateValue | None:
    first, last = number(groups, "month", "month_cn"), number(groups, "month2", "month2_cn")
    if first is None or last is None or not (1 <= first < last <= 12):
        return None
    if groups.get("year_of"):
        year, relative = int(groups["year_of"]), False
    elif groups.get("year_rel"):
        year, relative = year_part(groups, context).year, True
    else:
        year, relative = nearest_year(context, lambda y: months_interval(y, first, last)), True
    if year is None:
        return unresolved(f"XXXX-{first:02d}/XXXX-{last:02d}", "range", context.reference, "year")
    start, end = months_interval(year, first, last)
    return DateValue(f"{year:04d}-{first:02d}/{year:04d}-{last:02d}", start, end, "range", relative)


def _century_start(groups: dict, context: Context) -> tuple[int | None, bool, str | None]:
    """(first year of the century, relative?, symbol) from 19世纪 / 十九世纪 / 上世纪 / 本世纪."""
    if groups.get("century"):
        century = number(groups, "century")
        return ((century - 1) * 100 if century else None), False, None
    if groups.get("century_rel"):
        offset = -1 if groups["century_rel"] == "上" else 0
        anchor = context.anchor("year")
        symbol = "PREV_CENTURY" if offset else "THIS_CENTURY"
        if anchor.year is None:
            return None, True, symbol
        return (anchor.year // 100 + offset) * 100, True, symbol
    return None, False, None


@resolver("decade")
def resolve_decade(groups: dict, options: dict, context: Context) -> DateValue | None:
    """90 年代 = 1990s; 00-20 年代 take the latest century not past the reference year."""
    if groups.get("decade_full"):
        return value_of(*decade_interval(int(groups["decade_full"])), "decade", False)
    decade = 0 if groups.get("decade_cn") == "零零" else number(groups, "decade", "decade_cn")
    if decade is None or decade % 10 or decade > 90:
        return None
    century, relative, symbol = _century_start(groups, context)
    if symbol and century is None:
        return unresolved(f"{symbol}-{decade // 10}X", "decade", context.reference, "year")
    if century is None:
        anchor_year = context.anchor("year").year
        if decade >= 30:
            century = 1900
        else:
            century = 2000 if anchor_year is None or 2000 + decade <= anchor_year else 1900
            relative = anchor_year is not None
    first = number(groups, "decade_from")
    if first:  # 八九十年代: the eighties through the nineties
        start, end = decade_interval(century + 10 * first)[0], decade_interval(century + decade)[1]
        timex = f"{(century + 10 * first) // 10:03d}X/{(century + decade) // 10:03d}X"
        return DateValue(timex, start, end, "range", relative)
    return value_of(*decade_interval(century + decade), "decade", relative)


@resolver("century")
def resolve_century(groups: dict, options: dict, context: Context) -> DateValue | None:
    century, relative, symbol = _century_start(groups, context)
    if century is None:
        return unresolved(symbol, "century", context.reference, "year") if symbol else None
    return value_of(*century_interval(century), "century", relative)


@resolver("day_span")
def resolve_day_span(groups: dict, options: dict, context: Context) -> DateValue | None:
    """3月5-7日: the last day resolves like any date; the first is the same month's day."""
    from .parts import resolve_calendar

    first = number(groups, "day_from")
    last = resolve_calendar({k: v for k, v in groups.items() if k != "day_from"}, options, context)
    if last is None or not first or first >= number(groups, "day"):
        return None
    if not last.resolved:
        return DateValue(f"{last.timex}/{first:02d}", None, None, "range", True, last.note)
    start = last.start.replace(day=first)
    return DateValue(f"{start.isoformat()}/{last.end.isoformat()}", start, last.end, "range", last.relative)
