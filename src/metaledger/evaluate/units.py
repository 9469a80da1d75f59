"""Figure units as annotators write them, compared with the ledger's.

The ledger writes a unit as an English noun or an ISO code (person, floor, percent, CNY);
hand annotations often write the measure word as it stands in the text (人, 层, %, 百分点,
辆). Both are right, so scoring compares them through the package's own lexicon:
``figures_lexicon.yaml`` maps every measure word, counted noun, duration, measure, ordinal
unit and currency to its unit (tables ``classifiers``, ``counted_nouns``, ``durations``,
``measures``, ``ordinal_units``, ``currencies``, ``currency_signs``, and ``written_units`` for
the words of rules with a fixed unit: %, 百分点, 倍). A written unit stands for every unit a
table gives it (名 is ``person`` as a count, ``rank`` as an ordinal).

A classifier the annotation gives also agrees when the ledger names the counted noun after
it instead (12辆消防车: gold 辆, ledger ``fire_engine``), provided the classifier is written in
the predicted span: both then describe the same words.
"""

from __future__ import annotations

import functools

_KIND_ALIASES = {"percent_point": "percent", "ratio": "multiple"}


@functools.lru_cache(maxsize=1)
def _written_units() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """Written word → the units it may stand for; and the classifiers (measure words)."""
    from ..normalize.figures import figure_tables

    tables = figure_tables()
    aliases: dict[str, set[str]] = {}
    for table in tables.units.values():
        for word, unit in table.items():
            aliases.setdefault(word, set()).add(unit)
    for word, unit in tables.written_units.items():
        aliases.setdefault(word, set()).add(unit)
    return {word: frozenset(units) for word, units in aliases.items()}, frozenset(tables.units["classifiers"])


def same_unit(gold_unit: str | None, predicted_unit: str | None, predicted_text: str = "") -> bool:
    """True when a gold unit and a predicted one name the same unit (see the module docstring)."""
    if gold_unit == predicted_unit:
        return True
    if gold_unit is None or predicted_unit is None:
        return False
    aliases, classifiers = _written_units()
    if predicted_unit in aliases.get(gold_unit, ()):
        return True
    return gold_unit in classifiers and gold_unit in predicted_text


def same_kind(gold_kind: str | None, measure: str) -> bool:
    """A gold figure kind against the ledger's measure (percent_point is a percent measure, ratio a multiple)."""
    return _KIND_ALIASES.get(gold_kind, gold_kind) == measure
