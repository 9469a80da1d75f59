"""Rule files: patterns built from named macros, each rule with examples and negatives.

A rule file is YAML under ``resources/rules/`` (discovered, not registered):

    kind: figure                  # the claim kind its rules produce
    reference_date: '2025-12-11'  # what "today" is for the examples (optional)
    macros:                       # named regex pieces; {NAME} expands, nested allowed
      DIGITS: '[0-9０-９]+'
    rules:
    - id: figure.percent          # unique across all files
      why: 62% and 百分之六十二 are the same value
      pattern: '{DIGITS}\\s*%'    # optional: some rules are lexicons, not regexes
      ...                         # any other keys are the extractor's business
      examples:                   # each runs as a test through the public API
      - text: 营收同比暴涨 62%
        span: 62%                 # the claim's text (default: the whole example)
        expect: {value: 62, unit: percent}
        reference_date: '2025-12-11'   # optional, overrides the file's
      negatives:                  # text in which the kind's extractor finds nothing
      - 2025 年
      - {text: 第三方模型, span: 第三方}   # ... or nothing overlapping span
      - {text: 人口500万, span: 500万, this_rule_only: true}   # ... or nothing of this rule
                                  # there (a rule that re-reads what another finds: 损失上千万)

Only macro names in capitals expand, so regex counts such as {2,4} are untouched.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

from ..errors import ResourceError
from ..support.regex_cache import compile_pattern

_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_RESERVED = {"id", "why", "pattern", "examples", "negatives", "flags"}


@dataclass(frozen=True)
class Example:
    text: str
    span: str
    expect: dict
    reference_date: str | None = None


@dataclass(frozen=True)
class Negative:
    text: str
    span: str | None = None  # None: nothing at all of the kind in text
    reference_date: str | None = None
    this_rule_only: bool = False  # only this rule must find nothing there (another may read it)


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    source: str
    pattern: re.Pattern | None
    options: dict = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    negatives: tuple[Negative, ...] = ()
    why: str | None = None

    def get(self, key: str, default=None):
        return self.options.get(key, default)


@dataclass(frozen=True)
class RuleFile:
    name: str
    kind: str
    reference_date: str | None
    macros: dict
    rules: tuple[Rule, ...]
    data: dict  # other top-level keys (tables the extractor reads)

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise ResourceError(f"{self.name}: no rule {rule_id!r}")


def expand_macros(pattern: str, macros: dict, where: str, _depth: int = 0) -> str:
    if _depth > 20:
        raise ResourceError(f"{where}: macros nest too deep (a cycle?)")

    def substitute(match: re.Match) -> str:
        name = match.group(1)
        if name not in macros:
            raise ResourceError(f"{where}: unknown macro {{{name}}}")
        return "(?:" + expand_macros(str(macros[name]), macros, where, _depth + 1) + ")"

    return _MACRO.sub(substitute, pattern)


def parse_rule_file(name: str, data: object) -> RuleFile:
    """Validate a loaded rule file and compile its patterns."""
    if not isinstance(data, dict) or "rules" not in data or "kind" not in data:
        raise ResourceError(f"{name}: a rule file needs 'kind' and 'rules'")
    kind = data["kind"]
    macros = data.get("macros") or {}
    file_date = data.get("reference_date")
    rules, seen = [], set()
    for index, raw in enumerate(data["rules"] or []):
        where = f"{name}: rule #{index}"
        if not isinstance(raw, dict) or not raw.get("id"):
            raise ResourceError(f"{where}: every rule needs an id")
        rule_id = str(raw["id"])
        where = f"{name}: {rule_id}"
        if rule_id in seen:
            raise ResourceError(f"{where}: duplicate rule id")
        seen.add(rule_id)
        pattern = None
        if raw.get("pattern") is not None:
            source = expand_macros(str(raw["pattern"]), macros, where)
            try:
                pattern = compile_pattern(source, _flags(raw.get("flags", "")))
            except re.error as error:
                raise ResourceError(f"{where}: bad pattern: {error}") from None
        rules.append(
            Rule(
                id=rule_id,
                kind=kind,
                source=name,
                pattern=pattern,
                options={k: v for k, v in raw.items() if k not in _RESERVED},
                examples=tuple(_example(e, where, file_date) for e in raw.get("examples") or ()),
                negatives=tuple(_negative(n, where, file_date) for n in raw.get("negatives") or ()),
                why=raw.get("why"),
            )
        )
    extra = {k: v for k, v in data.items() if k not in {"kind", "rules", "macros", "reference_date"}}
    return RuleFile(name, kind, file_date, macros, tuple(rules), extra)


def _flags(spec: str) -> int:
    flags = 0
    for letter in str(spec or ""):
        flags |= {"i": re.I, "x": re.X, "s": re.S, "m": re.M}.get(letter.lower(), 0)
    return flags


def _example(raw: object, where: str, file_date: str | None) -> Example:
    if isinstance(raw, str):
        raw = {"text": raw}
    if not isinstance(raw, dict) or "text" not in raw:
        raise ResourceError(f"{where}: an example needs 'text'")
    text = str(raw["text"])
    span = str(raw.get("span", text))
    if span not in text:
        raise ResourceError(f"{where}: example span {span!r} is not in {text!r}")
    return Example(text, span, dict(raw.get("expect") or {}), raw.get("reference_date", file_date))


def _negative(raw: object, where: str, file_date: str | None) -> Negative:
    if isinstance(raw, str):
        return Negative(raw, None, file_date)
    if not isinstance(raw, dict) or "text" not in raw:
        raise ResourceError(f"{where}: a negative is text or {{text, span}}")
    span = raw.get("span")
    if span is not None and str(span) not in str(raw["text"]):
        raise ResourceError(f"{where}: negative span {span!r} is not in {raw['text']!r}")
    return Negative(
        str(raw["text"]), None if span is None else str(span), raw.get("reference_date", file_date), bool(raw.get("this_rule_only"))
    )


@functools.lru_cache(maxsize=None)
def load_rule_file(name: str) -> RuleFile:
    """Load a packaged rule file by name (``figures`` → resources/rules/figures.yaml); cached."""
    try:
        raw = resources.files("metaledger").joinpath("resources", "rules", f"{name}.yaml").read_text("utf-8")
    except FileNotFoundError:
        raise ResourceError(f"no rule file {name!r}") from None
    from ..support.yamlio import load_resource_yaml

    data = load_resource_yaml(raw, f"rules/{name}.yaml", ResourceError)
    return parse_rule_file(f"rules/{name}.yaml", data)


def rule_file_names() -> list[str]:
    """Every packaged rule file, discovered from the resources folder."""
    folder = resources.files("metaledger").joinpath("resources", "rules")
    return sorted(entry.name[:-5] for entry in folder.iterdir() if entry.name.endswith(".yaml"))


@functools.lru_cache(maxsize=1)
def time_only_rule_ids() -> frozenset[str]:
    """Ids of the date rules marked ``time_only: true``: their claims name a time of day but no
    day (9时50分); scoring may leave them out (``metaledger eval --no-times``)."""
    ids = set()
    for name in rule_file_names():
        rule_file = load_rule_file(name)
        if rule_file.kind == "date":
            ids.update(rule.id for rule in rule_file.rules if rule.get("time_only"))
    return frozenset(ids)
