"""Resolvers for holidays (元旦, 春节, 清明 …) and lunar dates (农历八月十五, 腊月二十三).

Lunar months and solar terms come from lunar_python (MIT, pure Python, no data
downloaded): a lunar calendar is astronomical data we should not hand-type.
It is imported lazily, so articles without lunar dates never load it.
"""

from __future__ import annotations

import datetime as dt
import functools

from ...errors import ResourceError
from .calendar import parse_date_number
from .values import (
    Context,
    DateValue,
    nearest_year,
    resolver,
    unresolved,
    value_of,
    year_part,
)

_LUNAR_MONTH_NAMES = {"正": 1, "冬": 11, "腊": 12}
_KINDS = ("day", "nth_weekday", "easter", "lunar", "solar_term", "before_solar_term", "lunar_eve")
# lunar_python's key for a term its table holds twice (this lunar year's and the next one's)
_SOLAR_TERM_KEYS = {
    "清明": "QING_MING", "冬至": "DONG_ZHI", "大雪": "DA_XUE", "小寒": "XIAO_HAN", "大寒": "DA_HAN",
    "立春": "LI_CHUN", "雨水": "YU_SHUI", "惊蛰": "JING_ZHE",
}


@functools.lru_cache(maxsize=1)
def holiday_table() -> dict[str, dict]:
    """Holiday name → its row from dates_holidays.yaml (fixed month/day, lunar, solar term or eve)."""
    from ...resources.rulebook import load_rule_file

    rule_file = load_rule_file("dates_holidays")
    table: dict[str, dict] = {}
    for row in rule_file.data.get("holidays") or []:
        kinds = [k for k in _KINDS if k in row]
        if not row.get("names") or len(kinds) != 1:
            raise ResourceError(f"{rule_file.name}: holiday {row!r} needs names and one of {', '.join(_KINDS)}")
        for name in row["names"]:
            if name in table:
                raise ResourceError(f"{rule_file.name}: holiday name {name!r} is listed twice")
            table[name] = row
    return table


def lunar_to_solar(year: int, month: int, day: int, leap: bool = False) -> dt.date | None:
    """Gregorian date of a lunar date (leap month when ``leap``); None if there is no such day."""
    from lunar_python import Lunar

    try:
        solar = Lunar.fromYmd(year, -month if leap else month, day).getSolar()
    except Exception:  # lunar_python raises bare Exception for a day past the month's end
        return None
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def lunar_month_interval(year: int, month: int, leap: bool = False) -> tuple[dt.date, dt.date] | None:
    from lunar_python import LunarMonth

    lunar_month = LunarMonth.fromYm(year, -month if leap else month)
    first = lunar_to_solar(year, month, 1, leap)
    if lunar_month is None or first is None:
        return None
    return first, first + dt.timedelta(days=lunar_month.getDayCount() - 1)


def solar_term(year: int, name: str) -> dt.date | None:
    """The day of solar term ``name`` (清明, 冬至, 立春 …) in Gregorian ``year``."""
    from lunar_python import Solar

    keys = {name, _SOLAR_TERM_KEYS.get(name, name)}
    for month in (1, 6, 12):
        table = Solar.fromYmd(year, month, 1).getLunar().getJieQiTable()
        for key in keys:
            solar = table.get(key)
            if solar is not None and solar.getYear() == year:
                return dt.date(year, solar.getMonth(), solar.getDay())
    return None


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth ``weekday`` (0 = Monday) of a month: 母亲节 is the 2nd Sunday of May."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def easter(year: int) -> dt.date:
    """Western Easter Sunday of ``year`` (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own letter)
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return dt.date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def holiday_date(row: dict, year: int) -> dt.date | None:
    if "day" in row:
        month, day = row["day"]
        return dt.date(year, month, day)
    if "nth_weekday" in row:
        return nth_weekday(year, *row["nth_weekday"])
    if "easter" in row:
        return easter(year)
    if "before_solar_term" in row:  # 寒食节: the day before 清明
        term = solar_term(year, row["before_solar_term"])
        return term - dt.timedelta(days=1) if term else None
    if "lunar" in row:
        return lunar_to_solar(year, *row["lunar"])
    if "solar_term" in row:
        return solar_term(year, row["solar_term"])
    new_year = lunar_to_solar(year, 1, 1)  # 除夕: the eve of that year's 春节
    return new_year - dt.timedelta(days=1) if new_year else None


def _single_day(function):
    def period(year: int):
        if not 1901 <= year <= 2099:  # lunar_python's range is wider; keep to sure ground
            return None
        value = function(year)
        return (value, value) if value else None

    return period


@resolver("holiday")
def resolve_holiday(groups: dict, options: dict, context: Context) -> DateValue | None:
    name = groups["holiday"]
    row = holiday_table().get(name)
    if row is None:
        raise ResourceError(f"rules/dates_holidays.yaml: holiday {name!r} matches the pattern but has no row")
    period = _single_day(lambda year: holiday_date(row, year))
    part = year_part(groups, context)
    year = part.year if (part.given or context.inherited) else nearest_year(context, period)
    if year is None:
        fixed = f"XXXX-{row['day'][0]:02d}-{row['day'][1]:02d}" if "day" in row else f"{part.symbol}-{name}"
        return unresolved(fixed, "day", context.reference, "year")
    span = period(year)
    return value_of(*span, "day", part.relative) if span else None


def _lunar_number(text: str) -> int | None:
    text = text.removeprefix("初")
    return _LUNAR_MONTH_NAMES.get(text) or parse_date_number(text)


@resolver("lunar")
def resolve_lunar(groups: dict, options: dict, context: Context) -> DateValue | None:
    """农历八月十五 → the Gregorian day; a lunar month alone (农历腊月) → its days."""
    month_text = "正" if groups.get("new_year") else groups["lunar_month"]  # 大年初二: 正月初二
    leap = month_text.startswith("闰")
    month = _lunar_number(month_text.removeprefix("闰"))
    day = _lunar_number(groups["lunar_day"]) if groups.get("lunar_day") else None
    if not month or month > 12 or (day is not None and not 1 <= day <= 30):
        return None
    if day:
        period = _single_day(lambda year: lunar_to_solar(year, month, day, leap))
    else:
        period = lambda year: lunar_month_interval(year, month, leap) if 1901 <= year <= 2099 else None  # noqa: E731
    part = year_part(groups, context)
    year = part.year if (part.given or context.inherited) else nearest_year(context, period)
    granularity = "day" if day else "month"
    if year is None:
        tail = f"L{'L' if leap else ''}{month:02d}" + (f"-{day:02d}" if day else "")
        return unresolved(f"{part.symbol}-{tail}", granularity, context.reference, "year")
    span = period(year)
    if span is None:
        return None
    value = value_of(*span, granularity, part.relative)
    if granularity == "month":  # a lunar month is no calendar month: keep its interval as the timex
        return DateValue(f"{span[0].isoformat()}/{span[1].isoformat()}", *span, "month", part.relative)
    return value
