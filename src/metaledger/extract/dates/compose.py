"""Date expressions made of adjacent mentions, joined before they are resolved.

- a day and its time of day: 今日9时15分左右, 12日下午, 昨晚7时许, 3月5日晚上8点 (rule
  ``date.day_time``: a clock mention right after a day, or a part of the day from its
  ``part_after`` pattern);
- a time zone before a day or a time: 当地时间4日16时52分, 北京时间5日5时52分 (``zone``);
- a date restated in brackets: 今天（9月3日）, 周四（12月4日）, 当地时间4日16时52分（北京时间
  5日5时52分） (rule ``date.apposition``): one claim, whose day is the bracketed one when it is
  a day in the same zone (it is the explicit one), else the first; the other is noted;
- a weekday after a day, in brackets or not (2015年3月3日（星期二）, 6月18日 周日): it names that
  day's weekday, not the weekday nearest the reference: one claim, the day's, noted if the
  weekday disagrees.

A ``Unit`` behaves like a mention for the extractor (start, end, sentence, rule, resolve), so
ranges (4月9日晚上11点至4月10日凌晨3点) and lists join units as they joined mentions.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from ...normalize.dates.relative import weekday_number
from ...normalize.dates.times import clock_time, day_of, part_of_day_value, takes_time, time_zone, with_time
from ...normalize.dates.values import Context, DateValue
from ...resources.rulebook import Rule, expand_macros, load_rule_file
from ...support.regex_cache import compile_pattern

_OPEN, _CLOSE = "（(", "）)"


@dataclass
class Unit:
    """One date expression: a day and/or a time, with its zone and a bracketed restatement."""

    day: object | None  # the Mention giving the day (None: a time with no day of its own)
    clock: object | None  # the clock Mention after the day, or the time alone
    start: int
    end: int
    sentence: int
    part: str | None = None  # a part of the day written after the day (17日下午)
    zone: str | None = None  # as written (当地时间, 北京时间)
    appositive: Unit | None = None

    @property
    def lead(self):
        return self.day or self.clock

    @property
    def rule(self) -> Rule:
        return self.lead.rule

    @property
    def groups(self) -> dict:
        return self.lead.groups

    @property
    def time_only(self) -> bool:
        return self.day is None and self.appositive is None

    @property
    def rule_id(self) -> str:
        if self.appositive is not None:
            return "date.apposition"
        if self.day is not None and (self.clock is not None or self.part or self.zone):
            return "date.day_time"
        return self.lead.rule.id

    def resolve(self, context: Context) -> DateValue | None:
        value = self._own(context)
        if value is None or self.appositive is None:
            return value
        if _bare_weekday(self.appositive):
            return _with_weekday(value, self.appositive.groups["weekday"])
        other = self.appositive._own(context)
        return _restated(value, other) if other is not None else value

    def _own(self, context: Context) -> DateValue | None:
        zone = time_zone(self.zone)
        if self.day is None:
            value = self.clock.resolve(context)
            return replace(value, time_zone=zone) if value is not None and zone else value
        value = self.day.resolve(context)
        if value is None:
            return None
        if self.part:
            value = part_of_day_value(value, self.part) or value
        if self.clock is not None:
            time = clock_time(self.clock.groups, value.part)
            if time is not None:
                value = with_time(day_of(value), time)
        return replace(value, time_zone=zone) if zone else value


_PRECISION = ["fuzzy", "range", "century", "decade", "year", "half", "quarter", "month", "week", "weekend", "day", "hour", "minute", "second"]


def _restated(first: DateValue, second: DateValue) -> DateValue:
    """The value of a date restated in brackets: 今天（9月3日） and 周四（12月4日） are the bracketed
    date (as precise and more explicit), keeping the first one's time (今天（12日）下午 → the
    12th, afternoon); a restatement in another zone (当地时间… （北京时间…）) or a coarser one
    only adds a note to the first."""
    def note(value: DateValue, text: str) -> DateValue:
        return replace(value, note="; ".join(n for n in (value.note, text) if n))

    first_precision = "day" if first.start_time is not None else first.granularity  # its date, without the time
    if second.time_zone != first.time_zone or _PRECISION.index(second.granularity) < _PRECISION.index(first_precision):
        return note(first, f"restated as {second.timex}" + (f" ({second.time_zone})" if second.time_zone else ""))
    if first.start_time is not None and second.start_time is None and takes_time(second):
        day = first.timex.split("T")[0]
        chosen = replace(first, timex=first.timex.replace(day, second.timex, 1), start=second.start, end=second.end)
    else:
        chosen = replace(second, relative=second.relative and first.relative)
    if first.resolved and second.resolved and (first.start, first.end) != (second.start, second.end):
        chosen = note(chosen, f"the text also gives {day_of(first).timex}")
    return chosen


def _bare_weekday(unit: Unit) -> bool:
    """周二, 星期二 alone: no week word (上周二), no time of its own."""
    day = unit.day
    return day is not None and day.rule.id == "date.weekday" and not day.groups.get("shift") and unit.clock is None


def _with_weekday(value: DateValue, written: str) -> DateValue:
    """A day followed by its weekday is that day; a weekday that is not its weekday is noted."""
    weekday = weekday_number(written)
    if value.start is None or value.start != value.end or weekday is None or value.start.weekday() == weekday:
        return value
    note = f"the text calls it 星期{written}, but {value.start.isoformat()} is a {value.start.strftime('%A')}"
    return replace(value, note="; ".join(n for n in (value.note, note) if n))


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    rule_file = load_rule_file("dates_times")
    rule = rule_file.rule("date.day_time")
    where = f"{rule_file.name}: {rule.id}"
    return tuple(compile_pattern(expand_macros(rule.get(key), rule_file.macros, where)) for key in ("part_after", "zone", "writing"))


def writing_time(matching: str, end: int) -> bool:
    """A time followed by 发稿/截稿 (截至下午6点发稿时) is the time of writing, not of the events."""
    return _patterns()[2].match(matching, end) is not None


def compose_units(mentions: list, matching: str, sentence_starts: dict[int, int]) -> list[Unit]:
    """The mentions of a text (in order) grouped into date expressions, in text order."""
    part_after, zone_before, _ = _patterns()
    units: list[Unit] = []
    for mention in mentions:
        previous = units[-1] if units and units[-1].sentence == mention.sentence else None
        if mention.rule.get("time_only"):
            if previous is not None and _takes_clock(previous, mention, matching):
                previous.clock, previous.end = mention, mention.end
                continue
            unit = Unit(None, mention, mention.start, mention.end, mention.sentence)
        else:
            unit = Unit(mention, None, mention.start, mention.end, mention.sentence)
            part = part_after.match(matching, unit.end)
            value = _day_value(mention) if part is not None else None
            if value is not None and takes_time(value):
                unit.part, unit.end = part.group("part"), part.end()
        zone = zone_before.search(matching, sentence_starts[mention.sentence], unit.start)
        if zone is not None:
            unit.zone, unit.start = zone.group("zone"), zone.start()
        units.append(unit)
    return _restatements(units, matching, part_after)


def _restatements(units: list[Unit], matching: str, part_after: re.Pattern) -> list[Unit]:
    """A unit alone in brackets right after another joins it (今天（9月3日）); a part of the
    day after the closing bracket belongs to both (今天（12日）下午)."""
    kept: list[Unit] = []
    for unit in units:
        previous = kept[-1] if kept and kept[-1].sentence == unit.sentence else None
        if previous is not None and _weekday_after(previous, unit, matching):
            previous.appositive, previous.end = unit, unit.end  # 2023年6月20日 星期二
            continue
        if previous is None or not _in_brackets(previous, unit, matching):
            kept.append(unit)
            continue
        previous.appositive, previous.end = unit, unit.end + 1
        if previous.day is not None and previous.clock is None and previous.part is None and unit.clock is None:
            part = part_after.match(matching, previous.end)
            if part is not None:
                previous.part, previous.end = part.group("part"), part.end()
    return _clocks_after_brackets(kept, matching)


def _clocks_after_brackets(units: list[Unit], matching: str) -> list[Unit]:
    """昨日（12月10日）凌晨3时许: the time after a restated day belongs to it."""
    kept: list[Unit] = []
    for unit in units:
        previous = kept[-1] if kept and kept[-1].sentence == unit.sentence else None
        if previous is not None and previous.appositive is not None and unit.time_only and unit.zone is None:
            if _takes_clock(previous, unit.clock, matching):
                previous.clock, previous.end = unit.clock, unit.end
                continue
        kept.append(unit)
    return kept


def _takes_clock(unit: Unit, clock, matching: str) -> bool:
    """A clock right after a day (spaces between at most) that has no clock yet."""
    if unit.day is None or unit.clock is not None or matching[unit.end : clock.start].strip(" \t"):
        return False
    if unit.appositive is not None:
        return True
    value = _day_value(unit.day)
    return value is not None and takes_time(value)


def _in_brackets(previous: Unit, unit: Unit, matching: str) -> bool:
    """今天（9月3日）: the unit stands alone in brackets right after the previous one."""
    gap = matching[previous.end : unit.start].strip(" \t")
    return (
        previous.appositive is None
        and len(gap) == 1
        and gap in _OPEN
        and unit.end < len(matching)
        and matching[unit.end] in _CLOSE
        and not (previous.time_only and not unit.time_only and unit.zone is None)
    )


def _weekday_after(previous: Unit, unit: Unit, matching: str) -> bool:
    """6月18日 周日, 2023年6月20日星期二: a bare weekday right after a day (spaces between at most)."""
    if previous.appositive is not None or previous.day is None or previous.clock is not None or previous.part is not None:
        return False
    if not _bare_weekday(unit) or unit.zone is not None or matching[previous.end : unit.start].strip(" \t\u3000"):
        return False
    value = _day_value(previous.day)
    return value is not None and value.granularity == "day" and value.start == value.end


def _day_value(mention) -> DateValue | None:
    """The mention's value with no reference: enough to know whether it is one day."""
    return mention.resolve(Context())
