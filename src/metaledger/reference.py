"""The reference date relative expressions resolve against. Never the clock.

Order: an explicit option > front matter or sidecar date > unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from .load import SourceText


@dataclass(frozen=True)
class ReferenceDate:
    value: str | None  # ISO date, or YYYY / YYYY-MM when only that is known
    source: str | None  # option | front_matter | sidecar | text | None
    evidence: str | None = None


def resolve_reference_date(source: SourceText, option: str | None, body_start: int = 0) -> ReferenceDate:
    if option:
        return ReferenceDate(option, "option")
    if source.metadata.get("date"):
        return ReferenceDate(source.metadata["date"], source.date_source)
    return ReferenceDate(None, None)
