"""The reference date relative expressions resolve against: from evidence only, never the clock.

Order: an explicit option > front matter or sidecar ``date`` > a dateline in the
text (a date alone on a line under the title; 新华社北京3月5日电) > the article's
explicit statement of its year (今年是2016年, 今年（2016年）) > unknown. A reference
found only to the year is 'YYYY' (or 'YYYY-MM').

A year the text merely names is no evidence of when it was written: tech-style
articles name past events (2012 年，他跳槽到一家芯片公司) and plans (2026 年上市) far more than
their own year. So such a year is never used; it is recorded on the article as a
candidate, with why it was not used, and relative dates stay symbolic.
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
# 今年是2016年, 今年（2016年）, 今年，即2016年; 2016年也就是今年 (run on the matching copy: ASCII digits)
_EXPLICIT_YEAR = re.compile(
    r"今年[ \t]*(?:[，,][ \t]*)?(?:是|即|为|也就是|亦即)?[ \t]*[（(][ \t]*((?:19|20)[0-9]{2})[ \t]*年?[ \t]*[）)]"
    r"|今年[ \t]*(?:[，,][ \t]*)?(?:是|即|为|也就是|亦即)?[ \t]*((?:19|20)[0-9]{2})[ \t]*年(?![ \t]*(?:以来|来|以后|之后|后|以前|之前|前|起))"
    r"|((?:19|20)[0-9]{2})[ \t]*年[ \t]*[，,]?[ \t]*(?:也就是|即|亦即)今年"
)
# groups that name a year outright (2025 年, 二〇二五年, 07年, 2024年3-5月, 1990 年代, 19世纪)
_YEAR_GROUPS = ("year", "year_cn", "year_short", "year_of", "decade_full", "century")


@dataclass(frozen=True)
class ReferenceDate:
    value: str | None  # ISO date, or YYYY / YYYY-MM when only that is known
    source: str | None  # option | front_matter | sidecar | text | None
    evidence: str | None = None
    candidate: str | None = None  # a date the text suggests but does not state (not used)
    note: str | None = None  # why the candidate was not used


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
    stated = _stated_year(text)
    dateline = _dateline(text, sentences, mentions, stated)
    if dateline is not None:
        return dateline
    if stated is not None:
        return ReferenceDate(f"{stated[0]:04d}", "text", stated[1])
    if not any(_is_relative(m) for m in mentions):
        return ReferenceDate(None, None)
    named = _named_year_candidate(text, mentions)
    if named is None:
        return ReferenceDate(None, None)
    return ReferenceDate(None, None, candidate=f"{named[0]:04d}", note=f"{named[1]}: {_NOT_EVIDENCE}")


_NOT_EVIDENCE = "a year named in the text is not a statement of when it was written; not used"


def _is_relative(mention) -> bool:
    """A mention whose value depends on the reference (今年, 4 月, 上周), not one that names its year."""
    return not any(mention.groups.get(name) for name in _YEAR_GROUPS)


def _dateline(text: str, sentences: list[Sentence], mentions, stated) -> ReferenceDate | None:
    """A date alone on one of the first lines, or an agency dateline (新华社北京3月5日电); an
    agency dateline without its year takes only a stated year (今年是2009年), else it gives a
    candidate from the year the text names, not a reference."""
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
            if "month" in mention.groups and "day" in mention.groups:
                from ...normalize.dates.calendar import parse_date_number

                month, day = parse_date_number(mention.groups["month"]), parse_date_number(mention.groups["day"])
                if stated is not None:
                    return ReferenceDate(f"{stated[0]:04d}-{month:02d}-{day:02d}", "text", f"dateline '{line}'; {stated[1]}")
                named = _named_year_candidate(text, mentions)
                if named is not None:
                    return ReferenceDate(
                        None, None, candidate=f"{named[0]:04d}-{month:02d}-{day:02d}",
                        note=f"dateline '{line}' gives no year; {named[1]}: {_NOT_EVIDENCE}",
                    )
    return None


def _alone_on_line(text: str, sentence: Sentence, mention) -> bool:
    rest = text[sentence.start : mention.start] + text[mention.end : sentence.end]
    rest = _DATELINE_LABELS.sub("", rest)
    rest = re.sub(r"[\s:：|｜/·,，。()（）\[\]【】-]", "", rest)
    return len(rest) <= _DATELINE_REST


def _stated_year(text: str) -> tuple[int, str] | None:
    """(year, evidence) when the text states its own year: 今年是2025年, 今年（2025年）."""
    from .extractor import matching_text

    explicit = _EXPLICIT_YEAR.search(matching_text(text))
    if explicit is None:
        return None
    year = next(group for group in explicit.groups() if group)
    return int(year), f"'{text[explicit.start() : explicit.end()]}'"


def _named_year_candidate(text: str, mentions) -> tuple[int, str] | None:
    """(year, description) of the year the text names most often outside a future context
    (推迟至 2026 年, 将于 …), ties to the later year: only ever a candidate, never the reference."""
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
