"""The day a time of day or an anaphoric day word falls on, from the days named before it.

- 当天 / 当日 / 同一天 / 次日 (rule ``date.anaphoric_day``) refer to the nearest day named
  before them anywhere in the article: a world brief names 6日 once and then says 当天 in its
  next sentence and its next paragraph.
- A clock time with no day of its own (9时50分，救援结束) falls on the nearest day named
  before it in the article, else on the reference day. Measured on the 74 bare times of the
  CEC development reports whose day differs by scope, the article's nearest day was right in
  all but one where the paragraph's or the sentence's was not: reports give the day once (12日
  上午发生…) and go on timing in the next paragraphs (早上7时10分左右，…). The exception is
  the time of writing (截至下午6点发稿时): a time followed by 发稿/截稿 is on the reference day.
- 3天后 / 1小时后 (rule ``date.after``) count from the nearest day (and its time) named
  before them in the article; with none they stay unresolved.
- 比上月 / 较上年 (rule ``date.comparison_base``) compare with the period before the one the
  paragraph reports (5月份，…比上月加快 → April): the nearest year, month or day named
  before them in their paragraph sets "now" for them.

Only a single-day value anchors a day (a resolved day, possibly with a time): not a month,
a range, or a fuzzy present (目前).
"""

from __future__ import annotations

import datetime as dt

from ...ledger.models import Sentence
from ...normalize.dates.calendar import Reference

_DAY_LIKE = {"day", "hour", "minute", "second"}


def anchor_day(resolved: list) -> tuple[dt.date, str | None] | None:
    """(day, time or None) of the nearest single-day claim before this one in the article.
    The time only when it is one moment."""
    for item in reversed(resolved):
        value = item.value
        if value.resolved and value.start == value.end and value.granularity in _DAY_LIKE:
            moment = value.start_time if value.start_time == value.end_time else None
            return value.start, moment
    return None


def anchor_period(resolved: list, sentence: int, sentences: list[Sentence]) -> Reference | None:
    """The year or month (a day gives its month) the paragraph of ``sentence`` last named
    before it, as a reference: 上月 then reads from that month, 上年 from that year."""
    line = sentences[sentence].line
    for item in reversed(resolved):
        if sentences[item.mention.sentence].line != line:
            return None
        value = item.value
        if item.mention.rule.get("comparison_base"):
            continue  # 比上月…比上月: both compare with the period before the reported one
        if value.resolved and value.granularity in _DAY_LIKE | {"month", "year"}:
            if value.granularity in _DAY_LIKE:
                return Reference(value.start.year, value.start.month)
            return Reference.of_interval(value.start, value.end)
    return None
