"""One token of the text: a word, its part of speech and its offsets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, unsafe_hash=True)
class Token:
    """One jieba token with its part of speech and offsets into the whole text; read-only by contract.

    Slotted: a long article holds millions of these (no per-instance dict). Not frozen: a
    frozen dataclass sets each field through object.__setattr__, which made building the
    tokens five times slower; nothing assigns to a token's fields.
    """

    word: str
    pos: str
    start: int
    end: int


def token_edges(tokens: list[Token]) -> tuple[dict[int, int], dict[int, int]]:
    """The index of the token starting at each offset, and of the token ending at each offset."""
    return {t.start: i for i, t in enumerate(tokens)}, {t.end: i for i, t in enumerate(tokens)}
