"""Calendar arithmetic for date claims: pure functions over ``datetime.date``.

Every interval is inclusive on both ends, so a month is its first to its last
day and a week is Monday to Sunday (ISO). Nothing here reads the clock: every
relative computation takes the reference date as an argument.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

Interval = tuple[dt.date, dt.date]

# --- numerals inside dates (二〇二五年, 八月十五, 廿三日, 两千年) ------------------------------

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2, "俩": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_TENS = {"廿": 20, "卅": 30}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def parse_date_number(text: str) -> int | None:
    """The integer a date part spells: '2025', '０３', '二〇二五', '十二', '廿三', '两千零五'.

    Digit-by-digit Chinese (二〇二五, no 十/百/千) reads like Arabic digits; positional
    Chinese (二十三, 两千零五) is summed by its units. None if it is not a number.
    """
    text = text.strip().translate(_FULLWIDTH)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if all(c in _DIGITS for c in text):
        return int("".join(str(_DIGITS[c]) for c in text))
    total, pending = 0, None
    for char in text:
        if char in _DIGITS:
            pending = _DIGITS[char]
        elif char in _TENS:
            total += _TENS[char]
            pending = None
        elif char in _UNITS:
            total += (1 if pending is None else pending) * _UNITS[char]
            pending = None
        else:
            return None
    return total + (pending or 0)


# --- the reference date, possibly known only to the year or month ---------------------------

_REFERENCE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Reference:
    """What "now" is for relative expressions: a day, or only a month or a year, or unknown."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> Reference:
        match = _REFERENCE.match(value or "")
        if not match:
            return cls()
        year, month, day = (int(g) if g else None for g in match.groups())
        return cls(year, month, day)

    @classmethod
    def of_interval(cls, start: dt.date, end: dt.date) -> Reference:
        """The coarsest reference an interval pins down: its day, month or year if it spans one."""
        if start == end:
            return cls(start.year, start.month, start.day)
        if (start.year, start.month) == (end.year, end.month):
            return cls(start.year, start.month)
        if start.year == end.year:
            return cls(start.year)
        return cls()

    @property
    def date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.day else None

    @property
    def precision(self) -> str | None:
        return "day" if self.day else "month" if self.month else "year" if self.year else None

    def knows(self, precision: str) -> bool:
        """True when the reference is at least as precise as ``precision`` (year < month < day)."""
        order = {None: 0, "year": 1, "month": 2, "day": 3}
        return order[self.precision] >= order[precision]

    def interval(self) -> Interval | None:
        """The span the reference stands for: its day, month or year."""
        if self.day:
            return self.date, self.date
        if self.month:
            return month_interval(self.year, self.month)
        if self.year:
            return year_interval(self.year)
        return None

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"] if self.year else []
        parts += [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)


# --- calendar units -------------------------------------------------------------------------


def year_interval(year: int) -> Interval:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def month_interval(year: int, month: int) -> Interval:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_interval(year: int, quarter: int) -> Interval:
    return dt.date(year, 3 * quarter - 2, 1), month_interval(year, 3 * quarter)[1]


def half_interval(year: int, half: int) -> Interval:
    return (dt.date(year, 1, 1), dt.date(year, 6, 30)) if half == 1 else (dt.date(year, 7, 1), dt.date(year, 12, 31))


def months_interval(year: int, first: int, last: int) -> Interval:
    """Months first..last of one year (年初 = 1..3, 前三季度 = 1..9)."""
    return dt.date(year, first, 1), month_interval(year, last)[1]


def ten_day_interval(year: int, month: int, part: int) -> Interval:
    """上旬 (1: days 1-10), 中旬 (2: 11-20), 下旬 (3: 21 to the month's end)."""
    last = calendar.monthrange(year, month)[1]
    first_day = 1 + 10 * (part - 1)
    return dt.date(year, month, first_day), dt.date(year, month, last if part == 3 else first_day + 9)


def iso_week_interval(year: int, week: int) -> Interval | None:
    """ISO week ``week`` of ``year`` (Monday..Sunday); None when the year has no such week."""
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return monday, monday + dt.timedelta(days=6)


def week_interval(day: dt.date, offset: int = 0) -> Interval:
    """The Monday..Sunday week ``offset`` weeks from the one containing ``day``."""
    monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=offset)
    return monday, monday + dt.timedelta(days=6)


def weekend_interval(day: dt.date, offset: int = 0) -> Interval:
    """Saturday..Sunday of the week ``offset`` weeks from the one containing ``day``."""
    monday, sunday = week_interval(day, offset)
    return monday + dt.timedelta(days=5), sunday


def weekday_in_week(day: dt.date, weekday: int, offset: int = 0) -> dt.date:
    """Weekday (0 = Monday) of the week ``offset`` weeks from the one containing ``day``."""
    return week_interval(day, offset)[0] + dt.timedelta(days=weekday)


def nearest_weekday(day: dt.date, weekday: int) -> dt.date:
    """The matching weekday closest to ``day`` (at most three days away, so never a tie)."""
    delta = (weekday - day.weekday()) % 7
    return day + dt.timedelta(days=delta if delta <= 3 else delta - 7)


def decade_interval(first_year: int) -> Interval:
    return dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31)


def century_interval(first_year: int) -> Interval:
    """A century as people say it: 二十世纪 = 1900..1999 (not the astronomers' 1901..2000)."""
    return dt.date(first_year, 1, 1), dt.date(first_year + 99, 12, 31)


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later (or earlier), clamped to the month's end (1-31 + 1 month = 2-28)."""
    year, month = shift_month(day.year, day.month, months)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_units(day: dt.date, count: int, unit: str) -> dt.date:
    """``day`` moved by count units: day, week, month or year (negative counts go back)."""
    if unit == "day":
        return day + dt.timedelta(days=count)
    if unit == "week":
        return day + dt.timedelta(weeks=count)
    if unit == "month":
        return add_months(day, count)
    if unit == "year":
        return add_months(day, 12 * count)
    raise ValueError(f"unknown unit {unit!r}")


def rolling_interval(reference: dt.date, count: int, unit: str, direction: int) -> Interval:
    """A window of count units next to the reference day, the reference itself excluded.

    Backward (近三年 on 2017-03-22) runs 2014-03-22..2017-03-21; forward (未来两天)
    runs from the day after the reference: 2017-03-23..2017-03-24.
    """
    if direction < 0:
        return add_units(reference, -count, unit), reference - dt.timedelta(days=1)
    return reference + dt.timedelta(days=1), add_units(reference, count, unit)


def shift_quarter(day: dt.date, offset: int) -> tuple[int, int]:
    """(year, quarter) ``offset`` quarters from the one containing ``day`` (-1: the last completed one)."""
    index = day.year * 4 + (day.month - 1) // 3 + offset
    return index // 4, index % 4 + 1


# --- timex ------------------------------------------------------------------------------------


def timex_of(start: dt.date, end: dt.date, granularity: str) -> str:
    """An ISO-like value for an interval: 2025, 2025-12, 2026-Q1, 2025-H1, 2025-W49, 2025-12-11,
    199X (decade), 19XX (century), 2025-W49-WE (weekend), else start/end."""
    if granularity == "day" and start == end:
        return start.isoformat()
    if granularity == "year" and (start, end) == year_interval(start.year):
        return f"{start.year:04d}"
    if granularity == "month" and (start, end) == month_interval(start.year, start.month):
        return f"{start.year:04d}-{start.month:02d}"
    if granularity == "quarter" and start.day == 1 and (start.month - 1) % 3 == 0:
        quarter = (start.month - 1) // 3 + 1
        if (start, end) == quarter_interval(start.year, quarter):
            return f"{start.year:04d}-Q{quarter}"
    if granularity == "half" and (start, end) in (half_interval(start.year, 1), half_interval(start.year, 2)):
        return f"{start.year:04d}-H{1 if start.month == 1 else 2}"
    if granularity in ("week", "weekend"):
        year, week, _ = start.isocalendar()
        suffix = "-WE" if granularity == "weekend" else ""
        return f"{year:04d}-W{week:02d}{suffix}"
    if granularity == "decade" and (start, end) == decade_interval(start.year):
        return f"{start.year // 10:03d}X"
    if granularity == "century" and (start, end) == century_interval(start.year):
        return f"{start.year // 100:02d}XX"
    return f"{start.isoformat()}/{end.isoformat()}"
