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
