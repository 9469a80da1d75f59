"""Resolvers for dates counted from the reference day: 昨天, 上周, 周三, 周末, 近三年, 目前."""

from __future__ import annotations

import datetime as dt

from .calendar import (
    add_months,
    nearest_weekday,
    rolling_interval,
    week_interval,
    weekday_in_week,
    weekend_interval,
)
from .times import part_of_day_value
from .values import (
    Context,
    DateValue,
    number,
    resolver,
    shift_of,
    shift_symbol,
    unresolved,
    value_of,
)

_DAY_SHIFT = {"大前天": -3, "前天": -2, "前日": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "大后天": 3}
# a day word with its part of the day: 昨晚 is yesterday evening
_DAY_AND_PART = {
    "昨晚": (-1, "晚"), "前晚": (-2, "晚"), "今晚": (0, "晚"), "明晚": (1, "晚"), "昨夜": (-1, "夜"), "今夜": (0, "夜"),
    "前夜": (-2, "夜"), "今晨": (0, "晨"), "昨晨": (-1, "晨"), "明晨": (1, "晨"), "今早": (0, "早"), "明早": (1, "早"),
}
# a day told from the day before it in the text (当天 = that day, 次日 = the day after it)
_ANAPHORIC = {
    "当天": (0, None), "当日": (0, None), "同一天": (0, None), "同日": (0, None), "是日": (0, None), "当晚": (0, "晚"),
    "当夜": (0, "夜"), "次日": (1, None), "翌日": (1, None), "第二天": (1, None), "第二日": (1, None), "隔天": (1, None),
    "次晨": (1, "晨"), "前一天": (-1, None), "前一日": (-1, None),
}
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6} | {str(d): d - 1 for d in range(1, 8)}


def _day(context: Context) -> dt.date | None:
    return context.anchor("day").date


@resolver("day_relative")
def resolve_day_relative(groups: dict, options: dict, context: Context) -> DateValue | None:
    word = groups["day_word"]
    offset, part = _DAY_AND_PART.get(word) or (_DAY_SHIFT[word], None)
    day = _day(context)
    if day is None:
        value = unresolved(shift_symbol("DAY", offset), "day", context.reference, "day")
    else:
        value = value_of(day + dt.timedelta(days=offset), day + dt.timedelta(days=offset), "day", True)
    return part_of_day_value(value, part) if part else value


_YEARS_AWAY = {"去": -1, "前": -2, "明": 1, "后": 2}


@resolver("year_today")
def resolve_year_today(groups: dict, options: dict, context: Context) -> DateValue | None:
    """去年的今天: the reference's month and day in the year the word names (2月29日 → 2月28日)."""
    offset = _YEARS_AWAY[groups["year_rel"]]
    day = _day(context)
    if day is None:
        return unresolved(f"{shift_symbol('YEAR', offset)}-TODAY", "day", context.reference, "day")
    moved = add_months(day, 12 * offset)
    return value_of(moved, moved, "day", True)


# 今明两天 = today and tomorrow; 明后两年 = next year and the year after (first, last offset)
_PAIRS = {"今明": (0, 1), "明后": (1, 2), "昨今": (-1, 0), "今明后": (0, 2)}


@resolver("adjacent_pair")
def resolve_adjacent_pair(groups: dict, options: dict, context: Context) -> DateValue | None:
    """今明两天, 明后天, 今明两年: the days (or years) the pair names, as one range."""
    first, last = _PAIRS[groups["pair"]]
    if groups.get("unit") == "年":
        anchor = context.anchor("year")
        if anchor.year is None:
            return unresolved(f"{shift_symbol('YEAR', first)}/{shift_symbol('YEAR', last)}", "range", context.reference, "year")
        start, end = dt.date(anchor.year + first, 1, 1), dt.date(anchor.year + last, 12, 31)
    else:
        day = _day(context)
        if day is None:
            return unresolved(f"{shift_symbol('DAY', first)}/{shift_symbol('DAY', last)}", "range", context.reference, "day")
        start, end = day + dt.timedelta(days=first), day + dt.timedelta(days=last)
    return DateValue(f"{start.isoformat()}/{end.isoformat()}", start, end, "range", True)


@resolver("anaphoric_day")
def resolve_anaphoric_day(groups: dict, options: dict, context: Context) -> DateValue | None:
    """当天/当日/同一天 is the day of the nearest day named before it (context.day, found by
    extract/dates/anchors.py), else the reference day; 次日 the day after it, 当晚 its evening."""
    offset, part = _ANAPHORIC[groups["anaphor"]]
    day = context.day or _day(context)
    if day is None:
        symbol = "ANCHOR_DAY" + (f"{offset:+d}" if offset else "")
        value = DateValue(symbol, None, None, "day", True, "no day named before it and no reference date")
    else:
        value = value_of(day + dt.timedelta(days=offset), day + dt.timedelta(days=offset), "day", True)
    return part_of_day_value(value, part) if part else value


@resolver("week_relative")
def resolve_week_relative(groups: dict, options: dict, context: Context) -> DateValue | None:
    """上周 = the Monday..Sunday before the reference day's week."""
    offset = shift_of(groups.get("shift"))
    day = _day(context)
    if day is None:
        return unresolved(shift_symbol("WEEK", offset), "week", context.reference, "day")
    return value_of(*week_interval(day, offset), "week", True)


@resolver("weekend")
def resolve_weekend(groups: dict, options: dict, context: Context) -> DateValue | None:
    offset = shift_of(groups.get("shift"))
    day = _day(context)
    if day is None:
        return unresolved(shift_symbol("WEEK", offset) + "-WE", "weekend", context.reference, "day")
    return value_of(*weekend_interval(day, offset), "weekend", True)


def weekday_number(written: str) -> int | None:
    """一 → 0 (Monday) … 日/天/7 → 6: the weekday a 周X or 星期X names."""
    return _WEEKDAY.get(written)


@resolver("weekday")
def resolve_weekday(groups: dict, options: dict, context: Context) -> DateValue | None:
    """上周一 is in the week before; 周三 alone is the Wednesday nearest the reference day."""
    weekday = _WEEKDAY[groups["weekday"]]
    day = _day(context)
    if day is None:
        prefix = shift_symbol("WEEK", shift_of(groups["shift"])) if groups.get("shift") else "XXXX-WXX"
        return unresolved(f"{prefix}-{weekday + 1}", "day", context.reference, "day")
    if groups.get("shift"):
        value = weekday_in_week(day, weekday, shift_of(groups["shift"]))
    else:
        value = nearest_weekday(day, weekday)
    return value_of(value, value, "day", True)


_ROLLING_UNITS = {"年": "year", "个月": "month", "周": "week", "星期": "week", "个星期": "week", "礼拜": "week", "个礼拜": "week", "天": "day", "日": "day"}
_HALF = {"year": (6, "month"), "month": (15, "day")}


@resolver("rolling")
def resolve_rolling(groups: dict, options: dict, context: Context) -> DateValue | None:
    """近三年 / 过去十年 / 上2个月 end the day before the reference; 未来两天 starts the day after."""
    unit = _ROLLING_UNITS[groups["unit"]]
    if groups["count"] == "半":
        if unit not in _HALF:
            return None
        count, unit = _HALF[unit]
    else:
        count = number(groups, "count")
    if not count:
        return None
    direction = -1 if groups.get("past") else 1
    day = _day(context)
    if day is None:
        timex = f"{'PAST' if direction < 0 else 'FUTURE'}_P{count}{unit[0].upper()}"
        return unresolved(timex, "range", context.reference, "day")
    return value_of(*rolling_interval(day, count, unit, direction), "range", True)


@resolver("present")
def resolve_present(groups: dict, options: dict, context: Context) -> DateValue | None:
    """目前/如今/现在: fuzzy, at the reference date, or over the time of a quoted report."""
    span = (context.frame or context.reference).interval()
    if span is None:
        return unresolved("PRESENT_REF", "fuzzy", context.reference, "day")
    return DateValue("PRESENT_REF", span[0], span[1], "fuzzy", True)
