"""The only module that reads and writes ledger files.

Writing is byte-stable (schema first, fixed key order, unicode as is, no
timestamps) and atomic (a temporary file in the same folder, then rename).
Reading is safe-only, refuses YAML aliases and validates every record.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import tempfile
from pathlib import Path

from pydantic import ValidationError

from .claims import sort_claims
from .errors import InputError, LedgerError
from .models import SCHEMA, Ledger
from .yamlio import load_yaml

def ledger_data(ledger: Ledger) -> dict:
    """The ledger as plain data in file order (schema first)."""
    data = ledger.model_dump(mode="json", by_alias=True)
    return {"schema": data["schema"], "articles": data["articles"], "claims": data["claims"]}


def dump_ledger(ledger: Ledger) -> str:
    """The ledger as YAML text; the same ledger always gives the same bytes."""
    return dump_yaml(ledger_data(ledger))


def dump_yaml(data: object) -> str:
    """Plain data (ledgers, query results, records) as YAML: keys in order, unicode as is, no folding."""
    from .yamlwrite import dump_yaml as write

    return write(data)


def dump_ledger_json(ledger: Ledger) -> str:
    return json.dumps(ledger_data(ledger), ensure_ascii=False, indent=2) + "\n"


def dump_jsonl(ledger: Ledger):
    """JSON Lines: each article record followed by its claims, one per line, each line
    tagged "record": "article" or "claim" (a streaming format for big corpora)."""
    claims_by_article: dict[str, list] = {}
    for claim in ledger.claims:
        claims_by_article.setdefault(claim.article, []).append(claim)
    for article in ledger.articles:
        yield jsonl_line(article, "article")
        for claim in claims_by_article.get(article.id, []):
            yield jsonl_line(claim, "claim")


def jsonl_line(record, kind: str) -> str:
    """One JSON Lines record (an Article or a claim) tagged with its kind."""
    return json.dumps({"record": kind, **record.model_dump(mode="json")}, ensure_ascii=False) + "\n"


@contextlib.contextmanager
def _cyclic_gc_paused():
    """Pause the cyclic garbage collector while a ledger is built.

    Parsing a 50,000-claim ledger allocates about a million containers, none of them
    cyclic; the collector would otherwise walk the growing heap hundreds of times and
    double the load time. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_ledger(text: str, name: str = "<ledger>") -> Ledger:
    """Validate ledger text; any problem raises LedgerError saying what and where."""
    with _cyclic_gc_paused():
        return _parse_ledger(text, name)


def _parse_ledger(text: str, name: str) -> Ledger:
    data = load_yaml(text, f"{name}: not a valid ledger", LedgerError)
    if not isinstance(data, dict):
        raise LedgerError(f"{name}: not a metaledger ledger (expected a mapping with 'schema: {SCHEMA}')")
    schema = data.get("schema")
    if schema != SCHEMA:
        found = "no schema" if schema is None else f"schema {schema!r}"
        raise LedgerError(f"{name}: not a metaledger ledger: {found}, expected {SCHEMA!r}")
    try:
        return Ledger.model_validate(data)
    except ValidationError as error:
        raise LedgerError(f"{name}: invalid ledger: {_describe(error, data, text)}") from None


def _describe(error: ValidationError, data: dict, text: str) -> str:
    first = error.errors(include_url=False)[0]
    location = first.get("loc", ())
    message = first.get("msg", "invalid").removeprefix("Value error, ")
    where, line = "", None
    if len(location) >= 2 and location[0] in ("claims", "articles") and isinstance(location[1], int):
        section, index = location[0], location[1]
        record = (data.get(section) or [None] * (index + 1))[index]
        record_id = record.get("id") if isinstance(record, dict) else None
        where = f"{section}[{index}]" + (f" (id {record_id})" if record_id else "")
        # The claim-kind tag pydantic adds to the location is noise for a user.
        field = [str(part) for part in location[2:] if part not in ("entity", "date", "figure", "event")]
        if field:
            where += " field " + ".".join(field)
        if record_id:
            line = _line_of(text, f"id: {record_id}")
    elif location:
        where = ".".join(str(part) for part in location)
    else:
        match = re.search(r"claim (\S+?):", message) or re.search(r"claim id '([^']+)'", message)
        if match:
            line = _line_of(text, f"id: {match.group(1)}")
    suffix = f" (line {line})" if line else ""
    return f"{where}: {message}{suffix}" if where else f"{message}{suffix}"


def _line_of(text: str, needle: str) -> int | None:
    position = text.find(needle)
    return text.count("\n", 0, position) + 1 if position >= 0 else None


def load_ledger(path: str | os.PathLike) -> Ledger:
    """Read and validate a ledger file."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such ledger file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a ledger file")
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise LedgerError(f"{path}: not a valid ledger: not UTF-8 text") from None
    return parse_ledger(text.removeprefix("\ufeff"), str(path))


def merge_ledgers(base: Ledger, *updates: Ledger) -> Ledger:
    """Base with each update's articles replacing any of the same id (later updates win); others kept."""
    articles = {article.id: article for article in base.articles}
    claims_by_article: dict[str, list] = {}
    for claim in base.claims:
        claims_by_article.setdefault(claim.article, []).append(claim)
    for update in updates:
        for article in update.articles:
            articles[article.id] = article
            claims_by_article[article.id] = []
        for claim in update.claims:
            claims_by_article[claim.article].append(claim)
    ordered = sorted(articles.values(), key=lambda a: a.id)
    claims = [claim for article in ordered for claim in claims_by_article.get(article.id, [])]
    return Ledger(articles=ordered, claims=sort_claims(claims))


def write_text_atomic(path: str | os.PathLike, content: str) -> None:
    """Replace path with content so readers see the old file or the new one, never a mix."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise LedgerError(f"{path}: is a directory")
    if path.exists() and not os.access(path, os.W_OK):
        raise LedgerError(f"{path}: cannot write: file is read-only (left unchanged)")
    temporary = None
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, path)
        temporary = None
        _fsync_folder(folder)
    except OSError as error:
        raise LedgerError(f"{path}: cannot write: {error.strerror or error} (left unchanged)") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def ledger_lock(path: str | os.PathLike):
    """Hold an exclusive lock on the ledger's folder while reading, merging and writing it.

    Locking the folder (not a lock file) leaves nothing behind; two extracts into
    the same ledger then run their read-merge-write one after the other.
    """
    try:
        import fcntl
    except ImportError:  # no flock on this platform: run unlocked
        yield
        return
    folder = Path(path).parent if str(Path(path).parent) else Path(".")
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError as error:
        raise LedgerError(f"{path}: cannot open its folder: {error.strerror or error}") from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def save_ledger(path: str | os.PathLike, ledger: Ledger, *, merge: bool = True) -> Ledger:
    """Write ledger to path, merged into what is already there (under a lock); return what was written."""
    with ledger_lock(path):
        if merge and Path(path).exists():
            ledger = merge_ledgers(load_ledger(path), ledger)
        write_text_atomic(path, dump_ledger(ledger))
    return ledger
