"""One figure match → value, upper bound, unit, measure and approximation.

The extractor (extract/figures.py) finds spans with the patterns of rules/figures.yaml; this
module reads one match using the tables of rules/figures_lexicon.yaml (units, currencies, approximation
words), so a new unit or currency is a data change, never a code change.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from fractions import Fraction

from ..errors import ResourceError
from ..resources.rulebook import Rule, expand_macros, load_rule_file
from ..support.regex_cache import compile_pattern
from .figures_context import ContextPatterns, compile_context
from .numerals import Quantity, canonical_text, parse_quantity, to_number, within_range

_TABLES = ("currencies", "currency_signs", "classifiers", "counted_nouns", "durations", "measures", "ordinal_units")
_SCALING_GROUPS = ("per", "half", "half_after", "jiao", "fen")
_APPROX_RANK = {"exact": 0, "about": 1, "at_least": 2, "at_most": 2, "range": 3}
_PER_SIGNS = {"‰": 1000, "‱": 10000}  # 3.5‰ is 3.5 per thousand


@dataclass(frozen=True)
class FigureTables:
    """The data of rules/figures_lexicon.yaml: tables, guards, idioms, context words."""

    units: dict[str, dict[str, str]]  # table name → word → unit
    approx: dict[str, str]  # approximation word → about | at_least | at_most
    scale: dict[str, Fraction]  # unit word → factor (打 counts dozens, 美分 are hundredths of a dollar)
    verbal: frozenset[str]  # classifiers that count events, not things: no counted noun
    one_counts: frozenset[str]  # classifiers after which 一 is a count, not "a" (一人死亡)
    focus: tuple[str, ...]  # words that make 一 a count (只…提了一次)
    guards: tuple[tuple[str, re.Pattern], ...]  # (id, pattern): spans no figure may overlap
    context: ContextPatterns  # direction, basis and subject words (normalize/figures_context.py)
    written_units: dict[str, str]  # the written word of a fixed-unit rule (%, 百分点, 倍) → its unit
    own_unit: frozenset[str] = frozenset()  # classifiers no counted noun changes (58岁的老人 is an age)

    def unit_of(self, table: str, word: str) -> str | None:
        return self.units.get(table, {}).get(re.sub(r"\s+", "", word))


@dataclass(frozen=True)
class Reading:
    """What one match says: the figure's fields before context (direction, subject) is added."""

    start: int
    end: int
    value: int | float
    value_high: int | float | None
    unit: str | None
    measure: str
    approx: str
    numeral: str  # the numeral as written (licensing of a lone 一 looks at it)
    unit_word: str | None


@functools.lru_cache(maxsize=1)
def figure_tables() -> FigureTables:
    rule_file, lexicon = load_rule_file("figures"), load_rule_file("figures_lexicon")
    data = lexicon.data
    missing = [name for name in _TABLES + ("approx_words", "guards") if name not in data]
    if missing:
        raise ResourceError(f"rules/figures_lexicon.yaml: missing tables {', '.join(missing)}")
    approx = {word: kind for kind, words in data["approx_words"].items() for word in words}
    return FigureTables(
        units={name: {str(k): str(v) for k, v in data[name].items()} for name in _TABLES},
        approx=approx,
        scale={
            str(k): Fraction(str(v))
            for table in ("classifier_scale", "currency_scale")
            for k, v in (data.get(table) or {}).items()
        },
        verbal=frozenset(data.get("verbal_classifiers") or ()),
        one_counts=frozenset(data.get("one_counts") or ()),
        focus=tuple(data.get("focus_words") or ()),
        guards=_compile_guards(data, rule_file.macros),
        context=compile_context(data.get("context") or {}),
        written_units={str(k): str(v) for k, v in (data.get("written_units") or {}).items()},
        own_unit=frozenset(data.get("own_unit_classifiers") or ()),
    )


def _compile_guards(data: dict, macros: dict) -> tuple[tuple[str, re.Pattern], ...]:
    """Guard patterns use the macros of figures.yaml ({CLASSIFIER}, {SP}…)."""
    guards = []
    for guard in data["guards"]:
        where = f"rules/figures_lexicon.yaml: guard {guard.get('id')}"
        try:
            guards.append((str(guard["id"]), compile_pattern(expand_macros(str(guard["pattern"]), macros, where))))
        except (KeyError, re.error) as error:
            raise ResourceError(f"{where}: {error}") from None
    idioms = sorted(data.get("idioms") or (), key=lambda word: (-len(word), word))
    if idioms:
        # Inside a longer numeral an idiom is no idiom: 三千万, 10万万, 五分之一.
        numeral = "零〇一二三四五六七八九十百千万亿两0-9０-９"
        first = "".join(sorted({re.escape(word[0]) for word in idioms}))
        # after 上/近/数/几 it is a count again (上千万, 数千万元), and 一番 after 翻 a doubling (翻了一番)
        pattern = (
            f"(?=[{first}])(?<![{numeral}分\\s上近逾超过破数几])(?<!翻)(?<!翻了)"
            f"(?:{'|'.join(map(re.escape, idioms))})(?![{numeral}]|\\s*分\\s*之)"
        )
        guards.append(("idiom", compile_pattern(pattern)))
    return tuple(guards)


def read_match(rule: Rule, match: re.Match, tables: FigureTables) -> Reading | None:
    """The figure one rule match stands for, or None when its numeral does not parse."""
    groups = match.groupdict()
    numeral = groups.get("num") or groups.get("num_full") or ""  # num_full: 百分百
    quantity = _quantity(rule, groups, numeral, tables)
    if quantity is None:
        return None
    unit_word = groups.get("unit")
    unit = _unit(rule, groups, unit_word, tables)
    approx = _approx(quantity.approx, groups, tables)
    return Reading(
        start=match.start(),
        end=match.end(),
        value=quantity.value,
        value_high=quantity.value_high,
        unit=unit,
        measure=rule.get("measure", "number"),
        approx=approx,
        numeral=numeral,
        unit_word=unit_word,
    )


def _quantity(rule: Rule, groups: dict, numeral: str, tables: FigureTables) -> Quantity | None:
    if rule.get("fixed_value") is not None:  # 首次 is the first: its value is the rule's
        return Quantity(rule.get("fixed_value"))
    if rule.get("digit_count"):  # 两位数 (增长): a number of at least two digits, so at least 10
        digits = parse_quantity(numeral)
        return Quantity(10 ** (int(digits.value) - 1), None, "at_least") if digits else None
    if groups.get("half_only"):
        quantity = Quantity(Fraction(1, 2) if groups["half_only"] == "半" else 5)  # 半成 = 0.5 成; 对折 = 五折
    elif groups.get("doublings") is not None or (rule.get("doubling") and not numeral):
        doublings = parse_quantity(groups.get("doublings") or "一")
        return None if doublings is None else Quantity(2 ** int(doublings.value))
    elif numeral.strip() == "半":
        quantity = Quantity(Fraction(1, 2))
    elif rule.get("two_digits_are_tenths") and re.fullmatch(r"[一二三四五六七八九]{2}", canonical_text(numeral)):
        quantity = parse_quantity(canonical_text(numeral)[0] + "点" + canonical_text(numeral)[1])  # 三八折 = 3.8 折
    else:
        quantity = parse_quantity(numeral)
    if quantity is None:
        return None
    if groups.get("low"):
        quantity = parse_quantity(f"{groups['low']}-{numeral}")  # 3-5 万: the low end borrows 万
        if quantity is None:
            return None
    return _scaled(rule, groups, quantity, tables)


def _scaled(rule: Rule, groups: dict, quantity: Quantity, tables: FigureTables) -> Quantity | None:
    if not any(groups.get(key) for key in _SCALING_GROUPS) and rule.get("scale", 1) == 1 and "半" not in (groups.get("unit") or ""):
        if tables.scale.get(groups.get("unit") or "", 1) == 1:
            return quantity  # most figures: no Fraction arithmetic at all
    factor = Fraction(rule.get("scale", 1))
    extra = Fraction(0)
    if groups.get("per"):
        sign = _PER_SIGNS.get(groups["per"])
        denominator = Quantity(sign) if sign else parse_quantity(groups["per"])
        factor = Fraction(100) / Fraction(str(denominator.value)) if denominator else None
    if groups.get("half") or groups.get("half_after") or "半" in (groups.get("unit") or ""):
        extra = Fraction(1, 2)  # 两个半小时; 一个半月 (半 inside the unit word 个半月)
    if groups.get("jiao"):
        extra += Fraction(str(parse_quantity(groups["jiao"]).value)) / 10
    if groups.get("fen"):
        extra += Fraction(str(parse_quantity(groups["fen"]).value)) / 100
    if factor is None:
        return None
    factor *= tables.scale.get(groups.get("unit") or "", 1)
    if factor == 1 and not extra:
        return quantity

    def scale(value):
        return None if value is None else to_number((Fraction(str(value)) + extra) * factor)

    scaled = Quantity(scale(quantity.value), scale(quantity.value_high), quantity.approx)
    return scaled if within_range(scaled) else None


_GENERIC_YUAN = frozenset({"元", "块", "块钱"})


def _unit(rule: Rule, groups: dict, unit_word: str | None, tables: FigureTables) -> str | None:
    currency = groups.get("cur")
    if currency and not unit_word and rule.get("measure") == "money" and tables.unit_of("currencies", currency):
        return tables.unit_of("currencies", currency)  # 人民币5000
    if currency and unit_word in _GENERIC_YUAN and tables.unit_of("currencies", currency):
        return tables.unit_of("currencies", currency)  # 港币20亿元: 元 counts the currency written first
    if rule.get("units") and unit_word:
        unit = tables.unit_of(rule.get("units"), re.sub(r"[个多半]", "", unit_word) or unit_word)
        if unit is None:
            raise ResourceError(f"rules/figures_lexicon.yaml: {rule.id}: no {rule.get('units')} entry for {unit_word!r}")
        return unit
    if currency and rule.get("measure") == "money" and not rule.get("units"):
        return tables.unit_of("currency_signs", currency)
    return rule.get("unit")


def _approx(from_numeral: str, groups: dict, tables: FigureTables) -> str:
    """Range beats a marker word, and a marker word beats the numeral's own vagueness (十几)."""
    if from_numeral == "range":
        return "range"
    if "多" in (groups.get("unit") or "") or groups.get("more"):
        from_numeral = "at_least"  # 3 个多月
    for key in ("pre", "post"):
        word = groups.get(key)
        if word and tables.approx.get(word):
            return tables.approx[word]
    return from_numeral
