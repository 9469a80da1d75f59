"""The two sides of a diff, read: a ledger file as is, or an article (or a folder of them,
or bytes from standard input) extracted first. Decided by content, not by file name."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import InputError, UsageError
from ..ledger.models import Ledger
from .changes import LedgerDiff, diff_ledgers

# A top-level `schema: metaledger/…` key (YAML), or `"schema": "metaledger/…"` (a JSON ledger).
_LEDGER_MARK = re.compile(r"""^[ \t]*\{?[ \t]*(?:schema|"schema"|'schema')[ \t]*:[ \t]*["']?metaledger/""", re.M)


@dataclass(frozen=True)
class Version:
    """One side of a diff: a ledger read from a file, or extracted from an article or a folder of them."""

    name: str
    ledger: Ledger
    source: Literal["ledger", "article", "folder"]


def ledger_from_bytes(data: bytes, name: str) -> Ledger | None:
    """The ledger in data, or None when data is not a ledger (so it is an article).

    Decided by content, not by file name: UTF-8 text with a top-level
    ``schema: metaledger/…`` key is a ledger, and then it must be a valid one.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if not _LEDGER_MARK.search(text):
        return None
    from ..ledger.store import parse_ledger

    return parse_ledger(text, name)


def load_version(path: str | os.PathLike, *, reference_date=None, lexicon=None) -> Version:
    """A ledger file as is; an article file or a folder of articles extracted."""
    from ..api import extract_file, extract_files

    path = Path(path)
    if path.is_dir():
        return Version(str(path), extract_files([path], reference_date=reference_date, lexicon=lexicon), "folder")
    if not path.exists():
        raise InputError(f"{path}: no such file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    ledger = ledger_from_bytes(data, str(path))
    if ledger is not None:
        return Version(str(path), ledger, "ledger")
    return Version(str(path), extract_file(path, reference_date=reference_date, lexicon=lexicon), "article")


def version_from_bytes(data: bytes, name: str, *, article_id: str = "stdin", reference_date=None, lexicon=None) -> Version:
    """Like load_version for bytes in memory (standard input): a ledger, or one article."""
    from ..extraction import extract_text
    from ..text.load import decode_bytes

    ledger = ledger_from_bytes(data, name)
    if ledger is not None:
        return Version(name, ledger, "ledger")
    text, _ = decode_bytes(data, name)
    return Version(name, extract_text(text, article_id=article_id, reference_date=reference_date, lexicon=lexicon), "article")


def diff_versions(old: Version, new: Version, *, article: str | None = None) -> LedgerDiff:
    """diff_ledgers, scoped: an article file compared with a ledger of several articles
    is compared with that ledger's article of the same id (or the one named by ``article``)."""
    if article is None:
        for single, other in ((old, new), (new, old)):
            if single.source == "article" and len(other.ledger.articles) > 1:
                article = single.ledger.articles[0].id
                if other.ledger.article(article) is None:
                    have = ", ".join(a.id for a in other.ledger.articles[:5])
                    more = ", …" if len(other.ledger.articles) > 5 else ""
                    raise UsageError(f"{other.name} has no article {article!r} (it has {have}{more}); choose one with --article")
                break
    return diff_ledgers(old.ledger, new.ledger, article=article)


def diff_paths(old: str | os.PathLike, new: str | os.PathLike, *, reference_date=None, lexicon=None, article: str | None = None) -> LedgerDiff:
    """Compare two files or folders; each is a ledger or an article (or folder of articles) to extract."""
    from ..extraction import resolve_lexicon

    gazetteer = resolve_lexicon(lexicon)
    old_version = load_version(old, reference_date=reference_date, lexicon=gazetteer)
    new_version = load_version(new, reference_date=reference_date, lexicon=gazetteer)
    return diff_versions(old_version, new_version, article=article)
