"""Times of day: a clock time (9时15分, 下午4点半, 22:05, 10时03分21.4秒) or a part of the day
(下午, 当晚) → a time on a date claim's day.

A time is written as HH:MM[:SS[.f]] at the precision the text gives (7时许 → 07:00, hour;
15时06分 → 15:06, minute); a part of the day is a span of hours (下午 → 12:00..17:59). A
part of the day before the hour says whether it is morning or evening: 下午4时 is 16:00,
下午15时10分 stays 15:10, 晚上12点 is 00:00 of the next day, 凌晨12点 is 00:00. Approximation
words (约, 许, 左右, 前后) make ``about``; 8点多 is ``at_least``. A time zone written before
it (北京时间, 当地时间) is kept beside it: ``UTC+08:00``, ``local``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .calendar import parse_date_number
from .values import Context, DateValue, resolver

# part of the day → (TIMEX3 part code, first, last, how an hour after it reads)
#   pm: an hour below 12 is afternoon or evening (下午3时 = 15:00); night: also, but 1-4 stay
#   (深夜2点); noon: 1-5 are after noon (中午1点 = 13:00); am: as written, 12 is midnight (凌晨12点)
_PARTS = {
    "凌晨": ("NI", "00:00", "05:59", "am"),
    "清晨": ("MO", "05:00", "07:59", "am"),
    "早晨": ("MO", "06:00", "08:59", "am"),
    "早上": ("MO", "06:00", "08:59", "am"),
    "早间": ("MO", "06:00", "08:59", "am"),
    "早": ("MO", "06:00", "08:59", "am"),
    "晨": ("MO", "05:00", "07:59", "am"),
    "上午": ("MO", "06:00", "11:59", "am"),
    "中午": ("MI", "11:00", "12:59", "noon"),
    "正午": ("MI", "11:00", "12:59", "noon"),
    "午间": ("MI", "11:00", "12:59", "noon"),
    "下午": ("AF", "12:00", "17:59", "pm"),
    "午后": ("AF", "12:00", "17:59", "pm"),
    "傍晚": ("EV", "17:00", "18:59", "pm"),
    "晚上": ("EV", "18:00", "23:59", "pm"),
    "晚间": ("EV", "18:00", "23:59", "pm"),
    "晚": ("EV", "18:00", "23:59", "pm"),
    "夜间": ("NI", "20:00", "23:59", "night"),
    "夜里": ("NI", "20:00", "23:59", "night"),
    "深夜": ("NI", "22:00", "23:59", "night"),
    "夜": ("NI", "20:00", "23:59", "night"),
}
_ZONES = {"北京时间": "UTC+08:00", "格林尼治时间": "UTC", "格林威治时间": "UTC", "协调世界时": "UTC", "世界时": "UTC"}
_ABOUT = ("约", "大约", "大概", "大致", "许", "左右", "前后", "上下")


@dataclass(frozen=True)
class TimeOfDay:
    start: str  # HH:MM[:SS[.f]]
    end: str
    granularity: str  # hour | minute | second
    timex: str  # the part after T: 10:20, 08, AF
    approx: str = "exact"  # exact | about | at_least
    next_day: bool = False  # 晚上12点: 00:00 of the day after


def part_of_day(word: str) -> TimeOfDay | None:
    """下午 → 12:00..17:59 (hour), timex AF; None for a word that is no part of the day."""
    entry = _PARTS.get(word)
    if entry is None:
        return None
    code, first, last, _ = entry
    return TimeOfDay(first, last, "hour", code)


def time_zone(written: str | None) -> str | None:
    """北京时间 → UTC+08:00; 当地时间 (of any place: 智利当地时间) → local; else None."""
    if not written:
        return None
    if written.endswith("当地时间"):
        return "local"
    return _ZONES.get(written)


def clock_time(groups: dict, part: str | None = None) -> TimeOfDay | None:
    """The time a clock match names, read with the part of the day before it (its own, or the
    day word's: 昨晚8时 is 20:00); None when it names no real time (25时, 61分)."""
    part = groups.get("part") or part
    pair = groups.get("hour_pair")  # 六七点钟
    hour = parse_date_number(pair[0]) if pair else _number(groups, "hour", "hour_cn")
    if hour is None or hour > 24:
        return None
    if groups.get("hour_cn") in ("一", "四") and "licensed" not in groups:
        if not any(groups.get(k) for k in ("minute_cn", "minute", "half", "quarter", "part", "tail", "lead")):
            return None  # 一时 (一时难以控制) and 四时 (四时八节) alone are no times
    minute = _number(groups, "minute", "minute_cn")
    second = groups.get("second")
    if groups.get("half"):
        minute = 30
    if groups.get("quarter"):  # 一刻 = 15, 三刻 = 45
        minute = 15 * parse_date_number(groups["quarter"])
    if minute is not None and minute > 59:
        return None
    hour, next_day = _on_the_clock(hour, part)
    if hour is None:
        return None
    if second is not None:
        whole, _, fraction = second.replace("．", ".").partition(".")
        if int(whole) > 59:
            return None
        text = f"{hour:02d}:{minute or 0:02d}:{int(whole):02d}" + (f".{fraction}" if fraction else "")
        time = TimeOfDay(text, text, "second", text)
    elif minute is not None:
        text = f"{hour:02d}:{minute:02d}"
        time = TimeOfDay(text, text, "minute", text)
    else:
        text = f"{hour:02d}:00"
        time = TimeOfDay(text, text, "hour", f"{hour:02d}")
    high = parse_date_number(pair[1]) if pair else None
    if high is not None:  # 六七点钟: from the first hour to the second
        high, _ = _on_the_clock(high, part)
        if high is None or high <= hour:
            return None
        time = replace(time, end=f"{high:02d}:00", timex=f"{hour:02d}/{high:02d}")
    return replace(time, approx=_approx(groups, high is not None), next_day=next_day)


def _number(groups: dict, *names: str) -> int | None:
    for name in names:
        if groups.get(name):
            return parse_date_number(groups[name])
    return None


def _on_the_clock(hour: int, part: str | None) -> tuple[int | None, bool]:
    """(24-hour hour, next day?) of an hour read after a part of the day."""
    reading = _PARTS[part][3] if part in _PARTS else None
    if hour == 24:
        return 0, True
    if reading == "am" and hour == 12:
        return 0, False
    if reading in ("pm", "night") and hour == 12:
        return 0, True
    if reading == "pm" and hour < 12 or reading == "night" and 5 <= hour < 12 or reading == "noon" and 1 <= hour <= 5:
        return hour + 12, False
    return hour, False


def _approx(groups: dict, ranged: bool) -> str:
    words = [groups.get(name) for name in ("lead", "lead2", "tail", "tail2")]
    if any(word in _ABOUT for word in words if word) or ranged:
        return "about"
    if "多" in words or (groups.get("oclock") or "").startswith("多"):
        return "at_least"
    return "exact"


def with_time(value: DateValue, time: TimeOfDay, zone: str | None = None, part: str | None = None) -> DateValue:
    """A day's value narrowed to a time of that day; ``part``: the part of the day it is (下午),
    when the time is one, so that a clock after it reads in that part (昨晚 + 8时 = 20:00)."""
    start, end = value.start, value.end
    if time.next_day and start is not None:
        start = end = start + dt.timedelta(days=1)
        timex = f"{start.isoformat()}T{time.timex}"
    else:
        timex = f"{value.timex}T{time.timex}"
    return replace(
        value, timex=timex, start=start, end=end, granularity=time.granularity, start_time=time.start,
        end_time=time.end, time_zone=zone or value.time_zone, time_approx=time.approx, part=part,
    )


def takes_time(value: DateValue) -> bool:
    """A value a clock time can narrow: one day (resolved or symbolic) with no time yet, or
    only a part of the day (昨晚, 17日下午)."""
    one_day = value.start is None or value.start == value.end
    return one_day and (value.granularity == "day" and value.start_time is None or value.part is not None)


def day_of(value: DateValue) -> DateValue:
    """The day a time-narrowed value falls on, without its time."""
    timex = value.timex.split("T")[0] if value.start is None else value.start.isoformat()
    return replace(value, timex=timex, granularity="day", start_time=None, end_time=None, time_approx=None, part=None)


def part_of_day_value(value: DateValue, word: str) -> DateValue | None:
    """A day narrowed to a part of it: 17日 + 下午."""
    time = part_of_day(word)
    return with_time(value, time, part=word) if time is not None else None


@resolver("clock")
def resolve_clock(groups: dict, options: dict, context: Context) -> DateValue | None:
    """A time with no day of its own: on the day the context gives (the nearest day before it,
    see extract/dates/anchors.py), else the reference day; unresolved without either."""
    time = clock_time(groups, context.part)
    if time is None:
        return None
    day = context.day or context.anchor("day").date
    if day is None:
        note = "no day for this time of day: pass --date or give the article a date"
        base = DateValue("XXXX-XX-XX", None, None, "day", True, note)
    else:
        base = DateValue(day.isoformat(), day, day, "day", True)
    return with_time(base, time, time_zone(groups.get("zone")))
