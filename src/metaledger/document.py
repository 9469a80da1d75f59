"""The read-only context every extractor works on: text, sentences, reference date, tokens."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .models import Sentence


@dataclass(frozen=True, slots=True)
class Token:
    """One jieba token with its part of speech and offsets into the whole text.

    Slotted: a long article holds millions of these (no per-instance dict).
    """

    word: str
    pos: str
    start: int
    end: int


@dataclass
class Document:
    article_id: str
    text: str
    sentences: list[Sentence]
    reference_date: str | None = None  # ISO date, or YYYY / YYYY-MM when only that is known
    lexicon: object | None = None  # metaledger.lexicon.Gazetteer; None means the packaged one
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _tokens: dict[int, list[Token]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._sentence_starts = [s.start for s in self.sentences]

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence containing offset, or None when it falls between sentences."""
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return index
        return None

    def tokens(self, index: int) -> list[Token]:
        """The tokens of sentence ``index``, tagged once and shared by every extractor."""
        cached = self._tokens.get(index)
        if cached is None:
            from .tokenize import tag_sentence

            sentence = self.sentences[index]
            cached = tag_sentence(sentence.text, sentence.start, self.lexicon)
            self._tokens[index] = cached
        return cached
