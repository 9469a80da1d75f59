"""Calendar arithmetic and numerals (normalize/dates.py): pure functions, no clock."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from metaledger.normalize.dates.calendar import (
    Reference,
    add_months,
    iso_week_interval,
    nearest_weekday,
    parse_date_number,
    rolling_interval,
    shift_quarter,
    timex_of,
    week_interval,
    weekend_interval,
)

days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


@pytest.mark.parametrize(
    "text, value",
    [
        ("2025", 2025), ("０３", 3), ("二〇二五", 2025), ("二零零四", 2004), ("零七", 7), ("十", 10),
        ("十二", 12), ("二十三", 23), ("廿三", 23), ("卅一", 31), ("三十一", 31), ("两千", 2000),
        ("两千零五", 2005), ("二千零一十", 2010), ("一百二十", 120), ("", None), ("abc", None),
    ],
)
def test_parse_date_number(text, value):
    assert parse_date_number(text) == value


@pytest.mark.parametrize(
    "value, parts, precision",
    [("2025-12-11", (2025, 12, 11), "day"), ("2025-12", (2025, 12, None), "month"), ("2025", (2025, None, None), "year"),
     (None, (None, None, None), None), ("soon", (None, None, None), None)],
)
def test_reference_parse(value, parts, precision):
    reference = Reference.parse(value)
    assert (reference.year, reference.month, reference.day) == parts
    assert reference.precision == precision
    assert str(reference) == (value if precision else "")


def test_reference_knows_and_interval():
    assert Reference.parse("2025-12").knows("year") and not Reference.parse("2025-12").knows("day")
    assert Reference.parse("2024-02").interval() == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert Reference.of_interval(dt.date(2025, 11, 1), dt.date(2025, 11, 30)) == Reference(2025, 11)


def test_iso_weeks():
    assert iso_week_interval(2021, 2) == (dt.date(2021, 1, 11), dt.date(2021, 1, 17))
    assert iso_week_interval(2020, 53) == (dt.date(2020, 12, 28), dt.date(2021, 1, 3))
    assert iso_week_interval(2021, 53) is None


def test_month_arithmetic_clamps_to_month_end():
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 2, 29), -12) == dt.date(2023, 2, 28)


def test_rolling_windows_exclude_the_reference_day():
    assert rolling_interval(dt.date(2018, 7, 24), 10, "year", -1) == (dt.date(2008, 7, 24), dt.date(2018, 7, 23))
    assert rolling_interval(dt.date(2017, 3, 22), 2, "day", 1) == (dt.date(2017, 3, 23), dt.date(2017, 3, 24))


def test_shift_quarter():
    assert shift_quarter(dt.date(2025, 10, 15), -1) == (2025, 3)
    assert shift_quarter(dt.date(2026, 1, 20), -1) == (2025, 4)
    assert shift_quarter(dt.date(2025, 12, 31), 1) == (2026, 1)


@pytest.mark.parametrize(
    "start, end, granularity, timex",
    [
        ("2025-01-01", "2025-12-31", "year", "2025"),
        ("2025-12-01", "2025-12-31", "month", "2025-12"),
        ("2026-01-01", "2026-03-31", "quarter", "2026-Q1"),
        ("2025-07-01", "2025-12-31", "half", "2025-H2"),
        ("2025-12-01", "2025-12-07", "week", "2025-W49"),
        ("2025-12-13", "2025-12-14", "weekend", "2025-W50-WE"),
        ("1990-01-01", "1999-12-31", "decade", "199X"),
        ("1900-01-01", "1999-12-31", "century", "19XX"),
        ("2025-12-11", "2025-12-11", "day", "2025-12-11"),
        ("2016-06-01", "2016-06-30", "range", "2016-06-01/2016-06-30"),
    ],
)
def test_timex(start, end, granularity, timex):
    assert timex_of(dt.date.fromisoformat(start), dt.date.fromisoformat(end), granularity) == timex


@given(days, st.integers(-60, 60))
def test_weeks_run_monday_to_sunday(day, offset):
    monday, sunday = week_interval(day, offset)
    assert monday.weekday() == 0 and sunday - monday == dt.timedelta(days=6)
    assert (monday - week_interval(day)[0]).days == 7 * offset
    saturday, sunday2 = weekend_interval(day, offset)
    assert saturday.weekday() == 5 and sunday2 == sunday


@given(days, st.integers(0, 6))
def test_nearest_weekday_is_within_three_days(day, weekday):
    found = nearest_weekday(day, weekday)
    assert found.weekday() == weekday and abs((found - day).days) <= 3


@given(days, st.integers(1, 40), st.sampled_from(["day", "week", "month", "year"]), st.sampled_from([-1, 1]))
def test_rolling_windows_are_ordered_and_touch_the_reference(day, count, unit, direction):
    start, end = rolling_interval(day, count, unit, direction)
    assert start <= end
    assert (end == day - dt.timedelta(days=1)) if direction < 0 else (start == day + dt.timedelta(days=1))
