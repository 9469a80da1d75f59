"""Entity mentions: names the gazetteer knows, longest match first, no nesting."""

from __future__ import annotations

import functools
import re

from ..document import Document
from ..lexicon import Gazetteer, packaged_gazetteer
from ..models import EntityClaim


@functools.lru_cache(maxsize=8)
def _alias_pattern(gazetteer: Gazetteer) -> re.Pattern:
    # Longest alias first so "阿里巴巴" wins over "阿里"; spaces inside an alias match any run of spaces.
    aliases = sorted(gazetteer.aliases(), key=lambda alias: (-len(alias), alias))
    pieces = [r"\s*".join(re.escape(part) for part in alias.split()) for alias in aliases]
    return re.compile("|".join(pieces))


def _latin_boundary_ok(text: str, start: int, end: int) -> bool:
    """A Latin alias must not be part of a longer Latin word (Meta in Metabolism)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if text[start].isascii() and text[start].isalnum() and before.isascii() and before.isalnum():
        return False
    if text[end - 1].isascii() and text[end - 1].isalnum() and after.isascii() and after.isalnum():
        return False
    return True


def extract_entities(doc: Document) -> list[EntityClaim]:
    gazetteer = doc.lexicon or packaged_gazetteer()
    pattern = _alias_pattern(gazetteer)
    claims = []
    for sentence in doc.sentences:
        for match in pattern.finditer(doc.text, sentence.start, sentence.end):
            start, end = match.span()
            if not _latin_boundary_ok(doc.text, start, end):
                continue
            entry = gazetteer.lookup(match.group())
            if entry is None:
                continue
            claims.append(
                EntityClaim(
                    id="",
                    article=doc.article_id,
                    sentence=sentence.index,
                    start=start,
                    end=end,
                    text=match.group(),
                    rule="entity.gazetteer",
                    type=entry.type,
                    canonical=entry.canonical,
                )
            )
    return claims
