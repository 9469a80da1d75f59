"""The library facade: what the CLI calls and what users import.

    import metaledger
    ledger = metaledger.extract_file("data/articles/meta-avocado.txt")
    print(metaledger.dump_ledger(ledger))
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from .extraction import (
    article_id_for,
    expand_article_paths,
    extract_file,
    extract_text,
    stream_file_jsonl,
)
from .ledger.models import Ledger, Sentence
from .ledger.store import dump_ledger, load_ledger, merge_ledgers
from .text.segment import split_sentences as _split_sentences

__all__ = [
    "article_id_for",
    "expand_article_paths",
    "dump_ledger",
    "extract_file",
    "extract_files",
    "extract_text",
    "load_ledger",
    "split_sentences",
    "stream_file_jsonl",
]


def extract_files(paths: Iterable[str | os.PathLike], *, reference_date=None, lexicon=None, jobs: int = 1) -> Ledger:
    """One ledger for several articles (folders expand to their .txt files); jobs > 1 uses worker processes."""
    from .batch import iter_extracted

    files = expand_article_paths(paths)
    return merge_ledgers(Ledger(), *iter_extracted(files, reference_date=reference_date, lexicon=lexicon, jobs=jobs))


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of text with start, end and text (front matter, if any, is skipped)."""
    from .text.load import parse_front_matter

    _, body_start = parse_front_matter(text)
    return _split_sentences(text, body_start)
