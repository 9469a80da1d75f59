"""Stable claim ids and the canonical order of claims.

An id is derived from content (article, kind, normalized key, occurrence),
never from position alone, so moving a paragraph does not rename its claims.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .models import CLAIM_KINDS, Claim, DateClaim, EntityClaim, EventClaim, FigureClaim

_SLUG_DROP = re.compile(r"[^\w.%+-]+", re.UNICODE)
_SLUG_MAX = 48
_KIND_ORDER = {kind: position for position, kind in enumerate(CLAIM_KINDS)}


def claim_key(claim: Claim) -> str:
    """The normalized content a claim's id is built from."""
    if isinstance(claim, EntityClaim):
        return claim.canonical
    if isinstance(claim, DateClaim):
        return claim.timex
    if isinstance(claim, FigureClaim):
        value = _number_text(claim.value)
        if claim.value_high is not None:
            value += "-" + _number_text(claim.value_high)
        return f"{value} {claim.unit or claim.measure}"
    if isinstance(claim, EventClaim):
        parts = [claim.type, claim.subject or "", claim.object or ""]
        return " ".join(part for part in parts if part)
    raise TypeError(f"not a claim: {claim!r}")


def _number_text(value: int | float) -> str:
    return str(value) if isinstance(value, int) else repr(value)


def slugify(key: str) -> str:
    slug = _SLUG_DROP.sub("-", key.strip().lower()).strip("-")
    return slug[:_SLUG_MAX].rstrip("-") or "x"


def assign_ids(claims: Iterable[Claim], seen: Counter | None = None) -> list[Claim]:
    """Give each claim its id; occurrences count in text order per (article, kind, slug).

    Pass the same ``seen`` counter for consecutive parts of one article so numbering
    continues across them.
    """
    ordered = sorted(claims, key=lambda c: (c.article, c.start, c.end, _KIND_ORDER[c.kind]))
    seen = Counter() if seen is None else seen
    for claim in ordered:
        slug = slugify(claim_key(claim))
        seen[(claim.article, claim.kind, slug)] += 1
        claim.id = f"{claim.article}:{claim.kind}:{slug}:{seen[(claim.article, claim.kind, slug)]}"
    return ordered


def sort_claims(claims: Iterable[Claim]) -> list[Claim]:
    """The ledger order: article, start, kind, id."""
    return sorted(claims, key=lambda c: (c.article, c.start, _KIND_ORDER[c.kind], c.id))
