"""The read-only context every extractor works on: text, sentences, reference date, tokens."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..ledger.models import Sentence
from .tokens import Token


class SentenceWindow(Sequence):
    """The article's sentences as extractors see them when one part is analysed at a time.

    Iterating yields the part's sentences; indexing takes a sentence's own (article-wide)
    index, so ``doc.sentences[claim.sentence]`` and a look at the previous sentence keep
    working, and ``len()`` ends at the part's end, so "is there a following sentence"
    checks stop at the part boundary.
    """

    def __init__(self, sentences: Sequence[Sentence], start: int = 0, stop: int | None = None):
        self._all = sentences
        self._start = start
        self._stop = len(sentences) if stop is None else stop

    def __iter__(self):
        for position in range(self._start, self._stop):
            yield self._all[position]

    def __len__(self) -> int:
        return self._stop

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._stop))]
        if index < 0:
            index += self._stop
        if not 0 <= index < self._stop:
            raise IndexError(index)
        return self._all[index]

    @property
    def part(self) -> range:
        return range(self._start, self._stop)


@dataclass
class Document:
    article_id: str
    text: str
    sentences: Sequence[Sentence]  # a list, or a SentenceWindow when the article is analysed in parts
    reference_date: str | None = None  # ISO date, or YYYY / YYYY-MM when only that is known
    lexicon: object | None = None  # metaledger.resources.gazetteer.Gazetteer; None means the packaged one
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _tokens: dict[int, list[Token]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._sentence_starts = [self.sentences[i].start for i in range(len(self.sentences))]

    @property
    def span(self) -> tuple[int, int]:
        """Where this document's sentences start and end in the text: whole-text scans stay inside it."""
        part = getattr(self.sentences, "part", range(len(self.sentences)))
        if not part:
            return 0, 0
        return self.sentences[part.start].start, self.sentences[part.stop - 1].end

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
            from .tokenizer import tag_sentence

            sentence = self.sentences[index]
            cached = tag_sentence(sentence.text, sentence.start, self.lexicon)
            self._tokens[index] = cached
        return cached
