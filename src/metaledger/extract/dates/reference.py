"""The reference date relative expressions resolve against. Never the clock.

Order: an explicit option > front matter or sidecar ``date`` > a dateline in the
text (a date alone on a line under the title; 新华社北京3月5日电) > the article's
own year (the year it names most, not counting years marked as future) > unknown.
A reference found only to the year is 'YYYY' (or 'YYYY-MM').
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ...ledger.models import Sentence
from ...text.load import SourceText

_DATELINE_SENTENCES = 4  # a dateline sits under the title: look no further than this
_DATELINE_LABELS = re.compile(r"发布时间|发布日期|发布于|更新时间|更新于|时间|日期|来源|编辑|作者|责编|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?")
_DATELINE_REST = 12  # characters a dateline line may hold besides its date (a source name)
_AGENCY_DATELINE = re.compile(r"(?:电|讯)")
_EXPLICIT_YEAR = re.compile(r"今年(?:是|即|为)?[ \t]*((?:19|20)[0-9]{2})[ \t]*年|((?:19|20)[0-9]{2})[ \t]*年[，,]?[ \t]*(?:也就是|即|亦即)今年")
# groups that name a year outright (2025 年, 二〇二五年, 07年, 2024年3-5月, 1990 年代, 19世纪)
_YEAR_GROUPS = ("year", "year_cn", "year_short", "year_of", "decade_full", "century")


@dataclass(frozen=True)
class ReferenceDate:
    value: str | None  # ISO date, or YYYY / YYYY-MM when only that is known
    source: str | None  # option | front_matter | sidecar | text | None
    evidence: str | None = None


def resolve_reference_date(source: SourceText, option: str | None, sentences: list[Sentence] = ()) -> ReferenceDate:
    if option:
        return ReferenceDate(option, "option")
    if source.metadata.get("date"):
        return ReferenceDate(source.metadata["date"], source.date_source)
    return reference_from_text(source.text, list(sentences))


def reference_from_text(text: str, sentences: list[Sentence]) -> ReferenceDate:
    """The reference date the article's own text gives, or an unknown one."""
    from .extractor import scan_mentions

    mentions = scan_mentions(text, sentences)
    year = _article_year(text, mentions)
    dateline = _dateline(text, sentences, mentions, year)
    if dateline is not None:
        return dateline
    if year is not None and any(_is_relative(m) for m in mentions):
        return ReferenceDate(f"{year[0]:04d}", "text", year[1])
    return ReferenceDate(None, None)


def _is_relative(mention) -> bool:
    """A mention whose value depends on the reference (今年, 4 月, 上周), not one that names its year."""
    return not any(mention.groups.get(name) for name in _YEAR_GROUPS)


def _dateline(text: str, sentences: list[Sentence], mentions, year) -> ReferenceDate | None:
    from ...normalize.dates.values import Context

    for mention in mentions:
        if mention.sentence >= _DATELINE_SENTENCES:
            break
        sentence = sentences[mention.sentence]
        value = mention.resolve(Context())
        if value is None:
            continue
        if value.resolved and value.granularity in ("day", "month") and _alone_on_line(text, sentence, mention):
            # resolved without any reference, so the line names its own year
            precision = 10 if value.granularity == "day" else 7
            line = text[sentence.start : sentence.end].strip()
            return ReferenceDate(value.start.isoformat()[:precision], "text", f"dateline '{line}'")
        if mention.rule.id == "date.ymd" and _AGENCY_DATELINE.match(text, mention.end):
            line = text[sentence.start : mention.end + 1]
            if value.resolved:
                return ReferenceDate(value.start.isoformat(), "text", f"dateline '{line}'")
            if year is not None and "month" in mention.groups:
                from ...normalize.dates.calendar import parse_date_number

                month, day = parse_date_number(mention.groups["month"]), parse_date_number(mention.groups["day"])
                return ReferenceDate(f"{year[0]:04d}-{month:02d}-{day:02d}", "text", f"dateline '{line}'; {year[1]}")
    return None


def _alone_on_line(text: str, sentence: Sentence, mention) -> bool:
    rest = text[sentence.start : mention.start] + text[mention.end : sentence.end]
    rest = _DATELINE_LABELS.sub("", rest)
    rest = re.sub(r"[\s:：|｜/·,，。()（）\[\]【】-]", "", rest)
    return len(rest) <= _DATELINE_REST


def _article_year(text: str, mentions) -> tuple[int, str] | None:
    """(year, evidence): a stated 今年是 2025 年, else the year named most often outside a
    future context (推迟至 2026 年, 将于 …), ties to the later year."""
    explicit = _EXPLICIT_YEAR.search(text)
    if explicit:
        return int(explicit.group(1) or explicit.group(2)), f"'{explicit.group()}'"
    from .extractor import future_cue, matching_text

    matching = matching_text(text)
    counts: Counter = Counter()
    for mention in mentions:
        year = _named_year(mention.groups)
        if year is None:
            continue
        start = _sentence_start(matching, mention.start)
        if future_cue(matching, start, mention.start):
            continue
        counts[year] += 1
    if not counts:
        return None
    year, count = max(counts.items(), key=lambda item: (item[1], item[0]))
    others = ", ".join(f"{y} ×{n}" for y, n in sorted(counts.items()) if y != year)
    evidence = f"'{year} 年' named {count}× (most often, not as a future date)" + (f"; also {others}" if others else "")
    return year, evidence


def _named_year(groups: dict) -> int | None:
    from ...normalize.dates.calendar import parse_date_number

    if groups.get("year"):
        return int(groups["year"])
    year = parse_date_number(groups["year_cn"]) if groups.get("year_cn") else None
    return year if year and year >= 1000 else None


def _sentence_start(matching: str, offset: int) -> int:
    return max(matching.rfind(mark, 0, offset) for mark in "。！？!?\n") + 1
