"""One article in, one ledger out: from text in memory or from a file, with the user's options.

The api module re-exports these; batch and diff call them for each article they read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError, UsageError
from .ledger.models import Ledger
from .pipeline import build_ledger
from .text.load import parse_iso_date, read_article, source_from_text


def reference_date_option(value) -> str | None:
    """A reference date as the user gave it (str or date), checked: a malformed one is a usage error."""
    if value is None:
        return None
    try:
        return parse_iso_date(value, where="reference date")
    except InputError as error:
        raise UsageError(str(error)) from None


def resolve_lexicon(lexicon):
    """None → the packaged gazetteer; paths → packaged merged with those files; a Gazetteer as is."""
    from .resources.gazetteer import Gazetteer, load_gazetteer

    if lexicon is None or isinstance(lexicon, Gazetteer):
        return lexicon
    if isinstance(lexicon, (str, os.PathLike)):
        lexicon = (lexicon,)
    return load_gazetteer(tuple(lexicon))


def extract_text(text: str, *, reference_date=None, article_id: str = "text", lexicon=None) -> Ledger:
    """Extract claims from text in memory (YAML front matter honoured)."""
    source = source_from_text(text, article_id)
    return build_ledger(
        source, article_id=article_id, reference_date=reference_date_option(reference_date), lexicon=resolve_lexicon(lexicon)
    )


def article_id_for(path: str | os.PathLike) -> str:
    """An article's id: its file name without the extension."""
    return Path(path).stem


def _display_path(path: Path) -> str:
    """The path as given, relative when it can be, with forward slashes: no machine-specific prefix."""
    if path.is_absolute():
        try:
            path = path.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            path = Path(path.name)
    return path.as_posix()


def stream_file_jsonl(path: str | os.PathLike, *, reference_date=None, lexicon=None) -> Iterator[str]:
    """An article's JSON Lines records, its claims yielded part by part as they are extracted.

    Memory stays bounded by one part of the article (pipeline.PART_CHARS), whatever its size.
    """
    from .ledger.store import jsonl_line
    from .pipeline import analyze_source

    path = Path(path)
    article, parts = analyze_source(
        read_article(path),
        article_id=article_id_for(path),
        path=_display_path(path),
        reference_date=reference_date_option(reference_date),
        lexicon=resolve_lexicon(lexicon),
    )
    yield jsonl_line(article, "article")
    del article  # its sentences can be freed while the claims stream
    for claims in parts:
        for claim in claims:
            yield jsonl_line(claim, "claim")


def extract_file(path: str | os.PathLike, *, reference_date=None, lexicon=None) -> Ledger:
    """Extract claims from one article file; metadata from front matter or NAME.meta.yaml."""
    path = Path(path)
    source = read_article(path)
    return build_ledger(
        source,
        article_id=article_id_for(path),
        path=_display_path(path),
        reference_date=reference_date_option(reference_date),
        lexicon=resolve_lexicon(lexicon),
    )


def expand_article_paths(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given; a folder stands for its *.txt files (sorted). Duplicate ids are an error."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not found:
                raise InputError(f"{path}: folder has no .txt articles")
            files.extend(found)
        elif not path.exists():
            raise InputError(f"{path}: no such file")
        else:
            files.append(path)
    seen: dict[str, Path] = {}
    for path in files:
        article_id = article_id_for(path)
        if article_id in seen and seen[article_id] != path:
            raise InputError(f"{path}: same article id {article_id!r} as {seen[article_id]}")
        seen[article_id] = path
    return list(dict.fromkeys(files))
