"""Numerals as written → values: Arabic, Chinese (plain and formal), mixed, fractions, ranges.

Pure functions of one string; the figure extractor decides where a numeral is, this module
only says what it is worth. Arithmetic runs on ``fractions.Fraction`` so 2.3万 is exactly
23000 (binary floats would make it 22999.999…); results are ``int`` when integral.

- ``parse_number("四亿五千六百四十二万零一十五")`` → 456420015; ``parse_number("1.5万亿")`` →
  1500000000000; ``parse_number("负３分之负一百五十七")`` → 52.333…; invalid text → None.
- ``parse_quantity("一千多万")`` → Quantity(10000000, None, "at_least"); ``parse_quantity("3-5万")``
  → Quantity(30000, 50000, "range"). The vague part of a numeral (多/余/几/数/来) is kept as
  ``approx``, and the value is what the text commits to: 十几 → 10 at_least, 数百 → 100 at_least.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from fractions import Fraction

Number = int | float

# One canonical spelling per character: full-width digits, formal and traditional numerals.
_CANONICAL = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **dict.fromkeys("．", "."), **dict.fromkeys("，", ","), **dict.fromkeys("＋", "+"),
        **dict.fromkeys("－−‐–—―", "-"), **dict.fromkeys("／", "/"), **dict.fromkeys("％", "%"),
        **dict.fromkeys("〇", "零"), **dict.fromkeys("壹", "一"), **dict.fromkeys("贰貳两兩倆俩", "二"),
        **dict.fromkeys("叁參", "三"), **dict.fromkeys("肆", "四"), **dict.fromkeys("伍", "五"),
        **dict.fromkeys("陆陸", "六"), **dict.fromkeys("柒", "七"), **dict.fromkeys("捌", "八"),
        **dict.fromkeys("玖", "九"), **dict.fromkeys("拾", "十"), **dict.fromkeys("佰", "百"),
        **dict.fromkeys("仟", "千"), **dict.fromkeys("萬", "万"), **dict.fromkeys("億", "亿"),
        **dict.fromkeys("點", "点"), **dict.fromkeys("負", "负"), **dict.fromkeys("幾", "几"),
        **dict.fromkeys("數", "数"), **dict.fromkeys("餘", "余"),
    }
)
_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8, "兆": 10**12}
_FUZZY_DIGITS = "几数"
_FUZZY_MARKS = {"多": "at_least", "余": "at_least", "来": "about"}
_ARABIC_FULL = re.compile(
    r"(?P<sign>[-+]*)(?P<mantissa>(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+)"
    r"(?:[eE](?P<exp>[-+]?[0-9]+)|\^(?P<pow>[-+]*[0-9]+(?:\.[0-9]+)?))?(?P<suffix>[kKM])?"
)
_SUFFIX = {"k": 1000, "K": 1000, "M": 10**6}
# 1e308 is the edge of a float: a written number beyond it (1e5000, 3^100000) is no figure, and
# computing it exactly took unbounded time and made an integer too long to write.
_MAX_EXPONENT = 308
_LARGEST = 10**_MAX_EXPONENT
_MAX_POWER_BITS = 4096  # and an exact power no longer than this (1.0000001^99999999 is near 1, but huge)
_RANGE_SEPARATOR = re.compile(r"[~～\-至到]")
_ADJACENT_PAIRS = ("一二", "二三", "三四", "三五", "四五", "五六", "六七", "七八", "八九")  # 三五个: three to five


@dataclass(frozen=True)
class Quantity:
    """A numeral's value, its upper bound for ranges, and how exact the text is about it."""

    value: Number
    value_high: Number | None = None
    approx: str = "exact"  # exact | about | at_least | at_most | range


class _Invalid(ValueError):
    """The text is not a well-formed numeral."""


_MIXED_FRACTION_SPACE = re.compile(r"(?<=[0-9])\s+(?=[0-9]+\s*/)")


def canonical_text(text: str) -> str:
    """The numeral with one spelling per character and no spaces (the form the parser reads).

    The space of a mixed fraction (1 3/5) becomes 又 first: without it 13/5 would be read.
    """
    text = _MIXED_FRACTION_SPACE.sub("又", text.translate(_CANONICAL))
    return re.sub(r"\s+", "", text)


def parse_number(text: str) -> Number | None:
    """The exact value of one numeral, or None when it is not one (or is vague, like 十几)."""
    quantity = parse_quantity(text)
    if quantity is None or quantity.approx != "exact":
        return None
    return quantity.value


@functools.lru_cache(maxsize=8192)
def parse_quantity(text: str) -> Quantity | None:
    """Value, upper bound and approximation of a numeral, a vague numeral or a range (cached:
    articles repeat their numerals, and the result is immutable)."""
    body = canonical_text(text)
    if not body:
        return None
    try:
        quantity = _quantity(body)
    except (ValueError, ZeroDivisionError, OverflowError):  # _Invalid, or Fraction refusing a chunk
        return None
    return quantity if within_range(quantity) else None


def within_range(quantity: Quantity) -> bool:
    """Whether the values stay within a float's range: 5亿亿亿… (600 times) is no figure, and
    its exact integer would be too long to write."""
    return all(value is None or abs(value) <= _LARGEST for value in (quantity.value, quantity.value_high))


def to_number(value: Fraction | float) -> Number:
    if isinstance(value, Fraction):
        return int(value) if value.denominator == 1 else float(value)
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def _quantity(body: str) -> Quantity:
    pair = _adjacent_pair(body)
    if pair is not None:
        return pair
    parts = _split_range(body)
    if parts is not None:
        low_text, high_text = parts
        high, high_vague = _value(high_text)
        low, low_vague = _value(low_text)
        low = _scale_like(low, low_text, high_text)
        if low_vague or high_vague or low >= high:
            raise _Invalid(body)
        return Quantity(to_number(low), to_number(high), "range")
    value, vagueness = _value(body)
    return Quantity(to_number(value), None, vagueness or "exact")


def _split_range(body: str) -> tuple[str, str] | None:
    """三到五, 3-5万, 10至15: two numerals around one separator (a leading minus is a sign)."""
    for match in _RANGE_SEPARATOR.finditer(body):
        if match.start() == 0 or body[match.start() - 1] in "-+负e^E":
            continue
        low, high = body[: match.start()], body[match.end() :]
        if low and high and high[0] not in "-+":
            return low, high
    return None


def _scale_like(low: Fraction, low_text: str, high_text: str) -> Fraction:
    """3-5万: the low end borrows the high end's trailing 万/亿 when it has none of its own."""
    if any(ch in _BIG or ch in _SMALL for ch in low_text):
        return low
    trailing = re.search(r"[万亿兆]+$", high_text)
    if not trailing or not re.search(r"[0-9一二三四五六七八九十]", high_text[: trailing.start()] or "x"):
        return low
    for ch in trailing.group():
        low *= _BIG[ch]
    return low


def _adjacent_pair(body: str) -> Quantity | None:
    """七八个, 二三十, 三四百万: two neighbouring digits mean "one or the other"."""
    head = body[:2]
    if head not in _ADJACENT_PAIRS:
        return None
    tail = body[2:]
    if tail and not re.fullmatch(r"[十百千]?[万亿兆]*", tail):
        return None
    low, _ = _value(head[0] + tail)
    high, _ = _value(head[1] + tail)
    return Quantity(to_number(low), to_number(high), "range")


def _value(body: str) -> tuple[Fraction, str | None]:
    """The value of one numeral (sign, fraction, decimal, multipliers) and its vagueness."""
    negative = body.startswith("零下")  # 零下5 (below zero) is -5
    if negative:
        body = body[2:]
    while body[:1] in ("负", "-", "+", "正"):
        negative ^= body[0] in "负-"
        body = body[1:]
    if not body:
        raise _Invalid("sign alone")
    if "分之" in body or "/" in body:
        value, vagueness = _fraction(body), None
    else:
        value, vagueness = _plain(body)
    return (-value if negative else value), vagueness


def _fraction(body: str) -> Fraction:
    """三分之一, 3又一千分之23, -3/2, 1 3/5 (the space is gone by now: 13/5 would be ambiguous)."""
    whole = Fraction(0)
    if "又" in body:
        whole_text, body = body.split("又", 1)
        whole = _exact(whole_text)
    if "分之" in body:
        denominator_text, numerator_text = body.split("分之", 1)
    elif "/" not in body:
        raise _Invalid("又 without a fraction")
    else:
        numerator_text, denominator_text = body.split("/", 1)
    numerator, denominator = _exact(numerator_text), _exact(denominator_text)
    if denominator == 0:
        raise _Invalid("zero denominator")
    part = numerator / denominator
    return whole + part if whole >= 0 else whole - part


def _exact(text: str) -> Fraction:
    value, vagueness = _value(text)
    if vagueness:
        raise _Invalid(text)
    return value


def _plain(body: str) -> tuple[Fraction, str | None]:
    arabic = _ARABIC_FULL.fullmatch(body)
    if arabic:
        return _arabic(arabic), None
    if "点" in body:
        return _chinese_decimal(body), None
    return _chinese(body)


def _arabic(match: re.Match) -> Fraction:
    value = Fraction(match.group("mantissa").replace(",", ""))
    if match.group("exp"):
        exponent = int(match.group("exp"))
        if abs(exponent) > _MAX_EXPONENT:
            raise _Invalid(match.group())
        value *= Fraction(10) ** exponent
    power = match.group("pow")
    if power:
        sign = -1 if power.count("-") % 2 else 1
        exponent = Fraction(power.lstrip("+-")) * sign
        if exponent.denominator != 1:
            value = Fraction(float(value) ** float(exponent))
        elif value and (
            abs(exponent.numerator * math.log10(abs(value))) > _MAX_EXPONENT
            or abs(exponent.numerator) * (value.numerator.bit_length() + value.denominator.bit_length()) > _MAX_POWER_BITS
        ):
            raise _Invalid(match.group())
        else:
            value = value**exponent.numerator
    if match.group("suffix"):
        value *= _SUFFIX[match.group("suffix")]
    return -value if match.group("sign").count("-") % 2 else value


def _chinese_decimal(body: str) -> Fraction:
    """四百点五, 两千三点一 (the 三 after 千 still means 300), 一点五万 (the 万 scales 1.5)."""
    integer_text, rest = body.split("点", 1)
    scale = re.search(r"[万亿兆]+$", rest)
    digits = rest[: scale.start()] if scale else rest
    if not digits or not all(ch in _DIGITS or ch.isdigit() for ch in digits):
        raise _Invalid(body)
    fraction = Fraction("0." + "".join(str(_DIGITS.get(ch, ch)) for ch in digits))
    integer, vagueness = _chinese(integer_text) if integer_text else (Fraction(0), None)
    if vagueness:
        raise _Invalid(body)
    value = integer + fraction
    for ch in scale.group() if scale else "":
        value *= _BIG[ch]
    return value


_TOKEN = re.compile(
    r"(?P<arabic>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<digit>[一二三四五六七八九])|(?P<zero>零)|(?P<small>[十百千])|(?P<big>[万亿兆])"
    r"|(?P<fuzzy>[几数])|(?P<half>半)|(?P<mark>[多余来])"
)


@dataclass
class _Reading:
    """The state of reading one integer numeral from left to right."""

    groups: list  # [value, scale] per big unit (万, 亿, 兆) already read
    section: Fraction = Fraction(0)  # the part below the current big unit
    digit: Fraction | None = None  # a digit waiting for its unit
    digit_is_chinese: bool = False
    digit_follows_unit: bool = False
    last_small: int | None = None  # units inside a section must decrease: 五十千 is no numeral
    last_unit: int | None = None  # for 四百五 = 450 (the trailing digit counts in tens)
    previous: str | None = None
    vagueness: str | None = None


def _chinese(body: str) -> tuple[Fraction, str | None]:
    """An integer numeral with 十百千万亿兆, Arabic chunks (2千零30万), 零, 几/数/多/余/来, 半百."""
    reading = _Reading(groups=[])
    position = 0
    for match in _TOKEN.finditer(body):
        if match.start() != position:
            raise _Invalid(body)
        position = match.end()
        _read(reading, match.lastgroup, match.group())
        reading.previous = match.lastgroup
    if position != len(body) or reading.previous is None:
        raise _Invalid(body)
    return _finish(reading), reading.vagueness


def _read(reading: _Reading, kind: str, text: str) -> None:
    if reading.previous == "mark" and kind != "big":
        raise _Invalid("only 万/亿 may follow 多/余: 一千多万")
    if kind in ("arabic", "digit", "fuzzy", "half"):
        if reading.digit is not None or reading.previous in ("arabic", "digit", "fuzzy", "half"):
            raise _Invalid("two digits in a row")
        if kind == "fuzzy":
            reading.vagueness = "at_least"
            reading.digit = Fraction(0)
        elif kind == "half":
            reading.digit = Fraction(1, 2)
        else:
            reading.digit = Fraction(text.replace(",", "")) if kind == "arabic" else Fraction(_DIGITS[text])
        reading.digit_is_chinese = kind == "digit"
        reading.digit_follows_unit = reading.previous in ("small", "big")
    elif kind == "zero":
        if reading.digit is not None:
            raise _Invalid("a digit before 零")
    elif kind == "small":
        _read_small(reading, _SMALL[text])
    elif kind == "big":
        _read_big(reading, _BIG[text])
    elif kind == "mark":
        if reading.previous not in ("small", "big", "arabic") or (reading.previous == "arabic" and reading.last_unit):
            raise _Invalid("多/余 follows a unit or a bare Arabic number: 二十余, 20多")
        reading.vagueness = reading.vagueness or _FUZZY_MARKS[text]


def _read_small(reading: _Reading, unit: int) -> None:
    if reading.last_small is not None and unit >= reading.last_small:
        raise _Invalid("units must decrease")
    digit = reading.digit
    if reading.previous == "fuzzy" or (digit is None and reading.previous is None) or (digit is None and unit == 10):
        digit = Fraction(1)  # 几十 / 数百 (at least one ten), 上千 (leading unit), 十五 / 零十二
    if digit is None:
        raise _Invalid("a unit without its digit")
    reading.section += digit * unit
    reading.digit, reading.last_small, reading.last_unit = None, unit, unit


def _read_big(reading: _Reading, unit: int) -> None:
    chunk = reading.section + (reading.digit or 0)
    if reading.previous == "fuzzy":
        chunk = reading.section if reading.section else Fraction(1)  # 数万 = at least 10 000
    if chunk == 0 and reading.previous == "big":
        value, scale = reading.groups[-1]
        reading.groups[-1] = [value * unit, scale * unit]  # 万亿, 四万万
    elif chunk == 0 and reading.previous is None:
        reading.groups.append([Fraction(unit), unit])  # a leading unit: 上万, 百分之百 reads 万 as 1万
    else:
        if any(scale == unit for _, scale in reading.groups):
            raise _Invalid("the same big unit twice")
        lower = sum((value for value, scale in reading.groups if scale < unit), Fraction(0))
        reading.groups = [group for group in reading.groups if group[1] > unit]
        reading.groups.append([(lower + chunk) * unit, unit])
    reading.section, reading.digit, reading.last_small, reading.last_unit = Fraction(0), None, None, unit


def _finish(reading: _Reading) -> Fraction:
    section = reading.section
    if reading.previous in ("half", "fuzzy") and not section and not reading.groups:
        raise _Invalid("半 or 几 alone")
    if reading.digit is not None:
        abbreviated = reading.digit_is_chinese and reading.digit_follows_unit and (reading.last_unit or 0) > 10
        section += reading.digit * (reading.last_unit // 10 if abbreviated else 1)
    return sum((value for value, _ in reading.groups), Fraction(0)) + section
