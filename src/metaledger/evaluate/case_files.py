"""Development case files (JSONL): which format a file holds, and the scorer that reads it.

Each format has its own module with a ``score_*(path)`` function returning a report with
``path``, ``rows`` (Tally rows: the first is the whole set, others a breakdown such as
per type or per category), ``notes`` (further figures as lines), ``failures`` and
``as_dict()``. The format is told by the first record's keys, not the file name.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from . import cases, event_cases, ner_cases, time_spans


class UnscoredFormatError(InputError):
    """A case file of a format no scorer reads yet."""


def _figures_and_dates(record: dict) -> bool:
    return "expected" in record and not record.get("span_only") and "triggers" not in record


def _ner(record: dict) -> bool:
    return "entities" in record and "expected" not in record


def _time_spans(record: dict) -> bool:
    return bool(record.get("span_only")) and "expected" in record


def _events(record: dict) -> bool:
    return "triggers" in record


# (format name, test on the first record, scorer or None when not scored yet)
FORMATS: list[tuple[str, Callable[[dict], bool], Callable | None]] = [
    ("events (CEC triggers and arguments)", _events, event_cases.score_event_cases),
    ("time spans (CEC)", _time_spans, time_spans.score_time_spans),
    ("named entities (PER/LOC/ORG spans)", _ner, ner_cases.score_ner),
    ("figures and dates", _figures_and_dates, cases.score_cases),
]


def _first_record(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as error:
                        raise InputError(f"{path}:{number}: not JSON: {error.msg}") from None
                    if not isinstance(record, dict):
                        raise InputError(f"{path}:{number}: a case must be a JSON object")
                    return record
    except FileNotFoundError:
        raise InputError(f"{path}: no such case file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read case file: {error}") from None
    raise InputError(f"{path}: no cases in the file")


def case_format(path: str | Path) -> tuple[str, Callable | None]:
    """The format of a case file and its scorer (None: known format, not scored yet)."""
    record = _first_record(Path(path))
    for name, test, scorer in FORMATS:
        if test(record):
            return name, scorer
    raise InputError(f"{path}: unknown case format (first record has keys {', '.join(sorted(record))})")


def score_case_file(path: str | Path):
    """Score one case file with the scorer of its format."""
    name, scorer = case_format(path)
    if scorer is None:
        raise UnscoredFormatError(f"{path}: {name} cases are not scored yet")
    return scorer(path)
