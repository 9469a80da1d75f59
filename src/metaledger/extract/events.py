"""Events: who did what to whom (first pass: none yet; see issue 6)."""

from __future__ import annotations

from ..document import Document
from ..models import Claim, EventClaim


def extract_events(doc: Document, claims: list[Claim]) -> list[EventClaim]:
    return []
