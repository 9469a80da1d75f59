"""Reading JSONL case files: one JSON object a line, checked on read, and the pieces of the
CEC report layout (a title line, a report-date line, then the body) the CEC scorers share."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError
from ..support.user_files import read_user_text

HEADER_LINES = 2  # a CEC report's title line and report-date line carry no annotation


def read_case_lines(path: str | Path, list_key: str, what: str = "a case") -> list[tuple[int, dict]]:
    """(line number, case) for every non-blank line; each case has 'text' (a string) and list_key (a list)."""
    path = Path(path)
    lines = read_user_text(path, "case file").splitlines()
    cases = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}: not JSON: {error.msg}") from None
        if not isinstance(case, dict) or not isinstance(case.get("text"), str) or not isinstance(case.get(list_key), list):
            raise InputError(f"{path}:{number}: {what} needs 'text' (a string) and '{list_key}' (a list)")
        cases.append((number, case))
    return cases


def extract_case(path: str | Path, case: dict, **options):
    """The ledger of one case's text, or None when the text has nothing to read (empty or only
    whitespace). A bad value in the case (a reference date that is no date) is the case file's
    error; a broken rule file stays the error it is, so a scorer never reports 0.000 for it."""
    from ..errors import UsageError
    from ..extraction import extract_text

    try:
        return extract_text(case["text"], **options)
    except InputError:
        return None
    except UsageError as error:
        raise InputError(f"{path}: case {case.get('id', '?')}: {error}") from None


def check_char_span(item: object, length: int, where: str) -> None:
    """A CEC mark: a mapping with integer char_start <= char_end inside a text of `length` characters."""
    if not isinstance(item, dict):
        raise InputError(f"{where}: a marked span must be a mapping")
    start, end = item.get("char_start"), item.get("char_end")
    valid = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end))
    if not valid or not 0 <= start <= end <= length:
        raise InputError(f"{where}: char_start and char_end must be integers within the text, not {start!r}, {end!r}")


def body_start(text: str) -> int:
    """Where a report's body begins: after its title and report-date lines (0 when it has no such header)."""
    position = 0
    for _ in range(HEADER_LINES):
        newline = text.find("\n", position)
        if newline < 0:
            return 0
        position = newline + 1
    return position


def category_of(case_id: object) -> str:
    """``cec-fire-53b5a8f9`` → ``fire``, ``cec-food_poisoning-…`` → ``food_poisoning``; else ``other``."""
    parts = str(case_id or "").split("-")
    return "-".join(parts[1:-1]) if len(parts) >= 3 else "other"
