"""Resolvers for dates counted from another date: 3天前 / 两个月前 (from the reference day),
3天后 / 1小时后 (from the day named before them), 前5个月 (the year so far), 上半月/下半月.

多/余 after the count (10多天前) means more than N but less than the next round count: the
value is the range between them (10多天前 = 10 to 20 days before). ``几`` counts nothing
definite and is not read.
"""

from __future__ import annotations

import datetime as dt
import re

from .calendar import add_units, month_interval, months_interval, week_interval, year_interval
from .parts import resolve_calendar
from .values import Context, DateValue, number, resolver, unresolved, value_of

_UNITS = {"天": "day", "周": "week", "星期": "week", "个星期": "week", "个月": "month", "年": "year"}
_TIME_UNITS = {"小时": 60, "个小时": 60, "钟头": 60, "个钟头": 60, "分钟": 1}


def _unit(groups: dict) -> tuple[str, bool]:
    """(unit word, 多 written inside it): 个多月 → (个月, True), 天 → (天, False)."""
    word = re.sub(r"[ \t多]", "", groups["unit"])
    return word, "多" in groups["unit"]


def _count(groups: dict, more_inside: bool = False) -> tuple[float | None, int]:
    """(count, spread): 10多 → (10, 10), 两个多 → (2, 1), 半 → (0.5, 0)."""
    if groups.get("count") == "半":
        return 0.5, 0
    count = number(groups, "count")
    if not count:
        return None, 0
    if not (groups.get("more") or more_inside):
        return count, 0
    return count, 10 if count >= 10 and count % 10 == 0 else 1


def _halved(count: float, unit: str) -> tuple[int, str] | None:
    """半年 is six months, 半个月 fifteen days; other halves are not read."""
    if count == int(count):
        return int(count), unit
    return {"year": (6, "month"), "month": (15, "day")}.get(unit) if count == 0.5 else None


def _period(day: dt.date, unit: str) -> tuple[dt.date, dt.date, str]:
    """The day, week, month or year that holds ``day``, with its granularity."""
    if unit == "week":
        return (*week_interval(day), "week")
    if unit == "month":
        return (*month_interval(day.year, day.month), "month")
    if unit == "year":
        return (*year_interval(day.year), "year")
    return day, day, "day"


@resolver("ago")
def resolve_ago(groups: dict, options: dict, context: Context) -> DateValue | None:
    """3天前 is the day three days before the reference day; 两周前 the week holding the day
    two weeks before; 两年前 that year; 10多天前 the range 10 to 20 days before."""
    word, more_inside = _unit(groups)
    count, spread = _count(groups, more_inside)
    whole = _halved(count, _UNITS[word]) if count is not None else None
    if whole is None:
        return None
    count, unit = whole
    day = context.anchor("day").date
    if day is None:
        timex = f"PAST_{count}{unit[0].upper()}" + ("+" if spread else "")
        return unresolved(timex, "day" if unit == "day" else unit, context.reference, "day")
    if spread:
        start = add_units(day, -(count + spread), unit)
        end = add_units(day, -count, unit)
        return value_of(start, end, "range", True)
    start, end, granularity = _period(add_units(day, -count, unit), unit)
    return value_of(start, end, granularity, True)


@resolver("after")
def resolve_after(groups: dict, options: dict, context: Context) -> DateValue | None:
    """3天后 / 1小时后: counted from the day (and time) named before it, not from the reference
    day: a report narrates what followed an event. With no day before it, unresolved."""
    unit_word, more_inside = _unit(groups)
    count, spread = _count(groups, more_inside)
    if count is None:
        return None
    if context.day is None:
        return DateValue(f"ANCHOR+P{count:g}{unit_word}", None, None, "day", True, "counted from an event the text does not date")
    if unit_word in _TIME_UNITS:
        return _after_time(context, count * _TIME_UNITS[unit_word], spread * _TIME_UNITS[unit_word])
    whole = _halved(count, _UNITS[unit_word])
    if whole is None:
        return None
    count, unit = whole
    if spread:
        return value_of(add_units(context.day, count, unit), add_units(context.day, count + spread, unit), "range", True)
    start, end, granularity = _period(add_units(context.day, count, unit), unit)
    return value_of(start, end, granularity, True)


def _after_time(context: Context, minutes: float, spread: float) -> DateValue:
    """1小时后 after 9时15分 is 10:15; after a day with no time, that day (or the next)."""
    from .times import TimeOfDay, with_time

    if context.time is None:
        days = int(minutes // (24 * 60))
        day = context.day + dt.timedelta(days=days)
        return value_of(day, day, "day", True)
    hours, _, rest = context.time.partition(":")
    moment = dt.datetime.combine(context.day, dt.time(int(hours), int(rest[:2]))) + dt.timedelta(minutes=minutes)
    text = moment.strftime("%H:%M")
    granularity = "hour" if minutes % 60 == 0 and context.time.endswith(":00") else "minute"
    timex = text if granularity == "minute" else text[:2]
    day = moment.date()
    time = TimeOfDay(text, text, granularity, timex, "at_least" if spread else "exact")
    return with_time(DateValue(day.isoformat(), day, day, "day", True), time)


@resolver("months_to_date")
def resolve_months_to_date(groups: dict, options: dict, context: Context) -> DateValue | None:
    """前5个月 with no year: in a release made just after those months (June: 前5个月) it is the
    year so far, January through May; at any other time, the N months before the reference day."""
    count = number(groups, "count")
    anchor = context.anchor("month")
    if not count or count > 12:
        return None
    if anchor.month is None:
        return unresolved(f"THIS_YEAR-M01/M{count:02d}", "range", context.reference, "month")
    if count in (anchor.month - 1, anchor.month):
        return value_of(*months_interval(anchor.year, 1, count), "range", True)
    day = context.anchor("day").date
    if day is None:
        return unresolved(f"PAST_P{count}M", "range", context.reference, "day")
    return value_of(add_units(day, -count, "month"), day - dt.timedelta(days=1), "range", True)


@resolver("half_month")
def resolve_half_month(groups: dict, options: dict, context: Context) -> DateValue | None:
    """上半月 / 下半月: days 1-15 or 16 to the end of the month named before it (this month alone)."""
    month_groups = {k: v for k, v in groups.items() if k != "half_month"}
    if not any(k in month_groups for k in ("month", "month_rel")):
        month_groups["month_rel"] = "本"
    month = resolve_calendar(month_groups, options, context)
    if month is None:
        return None
    first = groups["half_month"] in ("上半月", "前半月")
    if not month.resolved:
        return DateValue(f"{month.timex}/{'H1' if first else 'H2'}", None, None, "range", True, month.note)
    start, end = month_interval(month.start.year, month.start.month)
    if first:
        return value_of(start, start + dt.timedelta(days=14), "range", month.relative)
    return value_of(start + dt.timedelta(days=15), end, "range", month.relative)


@resolver("comparison_base")
def resolve_comparison_base(groups: dict, options: dict, context: Context) -> DateValue | None:
    """比上月 / 较上年: the period before the one the paragraph reports (context.frame: 5月份，…
    比上月 → April), else before the reference; resolved like 上月 and 上年."""
    return resolve_calendar(groups, options, context)
