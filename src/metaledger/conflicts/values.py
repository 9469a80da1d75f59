"""What a stated value admits, as an interval: agreement at the coarser precision.

A figure or a clock time stands for every value that rounds to it: 7.8 admits 7.75–7.85 and
7.80 admits 7.795–7.805, so the two agree; 14:28 admits 14:27:30 up to the end of its minute
(rounded or truncated), so 14:27:57.9 agrees with it. Approximations widen the interval (约600,
近万), open-ended figures admit everything on their side (逾200), and 200多 admits 200 up to the
next step of its last written digit. Two statements agree when their intervals meet.

Times are seconds since 1970 on one line, so a day, a minute and a tenth of a second compare
alike. Rounding intervals are half-open (7.8 admits up to, not including, 7.85), so 7.8 and 7.9
never meet on their shared boundary; an interval's open end is stored a hair below it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ..ledger.models import DateClaim, FigureClaim
from ..query import parse_date_bound
from .rules import FactRules

DAY = 86400.0
_EPOCH = date(1970, 1, 1).toordinal()
_TICK = 0.001  # a time interval's open end, in seconds
_HAIR = 1e-6  # a figure interval's open end, as a share of its half-width
_DIGITS = re.compile(r"(\d+)(?:\.(\d+))?\s*[多余几来]?\s*(万亿|亿|万|千|百)?")
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_DECIMAL = re.compile(f"点([{_CN_DIGITS}]+)")
_MULTIPLIERS = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 10**3, "百": 10**2}
_CN_NUMERAL = f"[0-9{_CN_DIGITS}十百千万亿]"


@dataclass(frozen=True)
class Span:
    """An interval of admitted values (a number, or seconds for times), ends included.

    A count is whole (integral): two counts meet only on a whole number, so 十几 (10 up to 20)
    does not meet 20, though 20 as written admits 19.5 and up."""

    low: float
    high: float
    integral: bool = False

    def meets(self, other: Span) -> bool:
        low, high = max(self.low, other.low), min(self.high, other.high)
        if self.integral and other.integral:
            return math.isinf(low) or math.ceil(low) <= high
        return low <= high

    def before(self, other: Span) -> bool:
        """Wholly earlier (or smaller) than other."""
        return self.high < other.low

    def intersect(self, other: Span) -> Span:
        return Span(max(self.low, other.low), min(self.high, other.high), self.integral and other.integral)


EVERYTHING = Span(-math.inf, math.inf)


def written_precision(text: str) -> float:
    """The unit of the last digit a figure's text writes: 7.8 → 0.1, 1.5万 → 1000, 600 → 1, 两万 → 10000."""
    text = unicodedata.normalize("NFKC", text)
    match = _DIGITS.search(text)
    if match:
        decimals = len(match[2] or "")
        return _MULTIPLIERS.get(match[3], 1) * 10.0**-decimals
    decimal = _CN_DECIMAL.search(text)
    tail = re.search(f"{_CN_NUMERAL}*{_CN_NUMERAL}", text)
    multiplier = 1
    if tail and tail[0][-1] in "万亿":
        multiplier = _MULTIPLIERS["万亿" if tail[0].endswith("万亿") else tail[0][-1]]
    return multiplier * 10.0 ** -(len(decimal[1]) if decimal else 0)


def _step(value: float) -> float:
    """The largest power of ten dividing a whole number (200 → 100, 1200 → 100, 10 → 10)."""
    if value <= 0 or value != int(value):
        return 1.0
    step, number = 1, int(value)
    while number % (step * 10) == 0 and step * 10 <= number:
        step *= 10
    return float(step)


def figure_span(figure: FigureClaim, rules: FactRules) -> Span:
    """Every value the figure admits (whole numbers only, for a count)."""
    span = _figure_interval(figure, rules)
    return Span(span.low, span.high, figure.measure == "count")


def _figure_interval(figure: FigureClaim, rules: FactRules) -> Span:
    value, half = float(figure.value), written_precision(figure.text) / 2
    text = unicodedata.normalize("NFKC", figure.text)
    if figure.approx == "range" and figure.value_high is not None:
        return Span(value - half, float(figure.value_high) + half * (1 - _HAIR))
    if figure.approx == "about":
        spread = max(half, abs(value) * rules.about_tolerance)
        return Span(value - spread, value + spread * (1 - _HAIR))
    if figure.approx == "at_least":
        if re.match(f"\\s*(?:{'|'.join(map(re.escape, rules.bounded_times))})\\s*[十百千万亿]", text):
            return Span(value, value * 10 - _step(value) * _HAIR)  # 数百: 100 to 999
        if re.search(f"{_CN_NUMERAL}\\s*(?:{'|'.join(map(re.escape, rules.bounded_more))})", text):
            return Span(value, value + _step(value) * (1 - _HAIR))  # 200多: 200 to 299
        return Span(value, math.inf)
    if figure.approx == "at_most":
        if any(cue in text for cue in rules.near_cues):
            return Span(value * (1 - rules.near_tolerance), value)  # 近万: close below 10000
        return Span(min(0.0, value), value)
    return Span(value - half, value + half * (1 - _HAIR))


def _day(iso: str) -> float:
    return (date.fromisoformat(iso).toordinal() - _EPOCH) * DAY


def _clock(text: str) -> tuple[float, float]:
    """(seconds of the day, precision in seconds) of HH:MM[:SS[.f]]."""
    parts = text.split(":")
    seconds = int(parts[0]) * 3600 + int(parts[1]) * 60 + (float(parts[2]) if len(parts) > 2 else 0)
    if len(parts) == 2:
        return seconds, 60.0
    fraction = parts[2].partition(".")[2]
    return seconds, 10.0 ** -len(fraction)


def date_span(claim: DateClaim, approximate: bool = False) -> Span | None:
    """The instants a resolved date claim admits: a day is the whole day; a clock time the
    interval from half a unit before it to the end of its unit (14:28 admits 14:27:30–14:28:59.9),
    one unit wider either side when the text calls it approximate (14时28分左右)."""
    if claim.start_date is None:
        return None
    if claim.start_time is None:
        return Span(_day(claim.start_date), _day(claim.end_date) + DAY - _TICK)
    start, precision = _clock(claim.start_time)
    if claim.granularity == "hour":
        precision = 3600.0
    low = _day(claim.start_date) + start
    high = low
    if claim.end_time is not None:
        end, end_precision = _clock(claim.end_time)
        high = _day(claim.end_date) + end + end_precision - precision
    widen = precision if approximate else 0.0
    return Span(low - precision / 2 - widen, high + precision - _TICK + widen)


def as_of_span(claim: DateClaim) -> Span | None:
    """The moment a count is stated as of (截至 12日18时): the end of the date claim."""
    if claim.start_date is None:
        return None
    if claim.end_time or claim.start_time:
        moment = _day(claim.end_date) + _clock(claim.end_time or claim.start_time)[0]
        return Span(moment, moment)
    return Span(_day(claim.end_date), _day(claim.end_date) + DAY - _TICK)


def reference_span(reference_date: str | None) -> Span | None:
    """A report's date (YYYY, YYYY-MM or YYYY-MM-DD) as the instants it covers."""
    if not reference_date:
        return None
    low, high = parse_date_bound(reference_date), parse_date_bound(reference_date, end=True)
    return Span(_day(low), _day(high) + DAY - _TICK)


def days_span(start: str, end: str, slack_days: int = 0) -> Span:
    return Span(_day(start) - slack_days * DAY, _day(end) + (slack_days + 1) * DAY - _TICK)


def show_instant(seconds: float, precise: bool = True) -> str:
    """2008-05-12, or 2008-05-12 14:27:57.85 (to the millisecond, trailing zeros dropped)."""
    millis = round(seconds * 1000)
    days, rest = divmod(millis, 86_400_000)
    day = date.fromordinal(days + _EPOCH).isoformat()
    if not precise:
        return day
    hours, rest = divmod(rest, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    clock = f"{hours:02d}:{minutes:02d}"
    if rest:
        clock += f":{rest // 1000:02d}" + (f".{rest % 1000:03d}".rstrip("0") if rest % 1000 else "")
    return f"{day} {clock}"


def time_bounds(span: Span) -> tuple[str, str]:
    """(first instant admitted, first instant after): a time interval's ends as people write them."""
    return show_instant(span.low), show_instant(span.high + _TICK)


def show_number(value: float) -> str:
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.4g}"


def show_span(span: Span, time: bool = False) -> str:
    """The admitted interval as people read it: 7.75–7.85, ≥ 200, 14:27:30–14:28:59."""
    if time:
        return "{} up to {}".format(*time_bounds(span))
    low, high = span.low, span.high
    if span.integral:  # the whole numbers it admits
        low, high = math.ceil(low), high if math.isinf(high) else math.floor(high)
    if math.isinf(high):
        return f"≥ {show_number(low)}"
    return show_number(low) if low == high else f"{show_number(low)}–{show_number(high)}"
