"""The only module that reads and writes ledger files.

Writing is byte-stable (schema first, fixed key order, unicode as is, no
timestamps), streamed record by record (memory does not grow with a node graph
of the whole ledger) and atomic (a temporary file in the same folder, fsynced,
then renamed), under a lock on the folder so concurrent writers merge instead
of losing each other's articles. Reading is strict (see yamlio) and validates
every record; every refusal says what and where.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from pydantic import TypeAdapter, ValidationError

from ..errors import InputError, LedgerError
from ..support.yamlio import SKIPPED, line_of, load_yaml
from .atomic import (
    folder_lock,
    remove_stale_temporaries,
    write_atomic,
    write_text_atomic,
)
from .claim_ids import sort_claims
from .models import (
    SCHEMA,
    Article,
    Claim,
    DateClaim,
    EntityClaim,
    EventClaim,
    FigureClaim,
    Ledger,
    Sentence,
)
from .yaml_writer import write_yaml_records


def ledger_data(ledger: Ledger) -> dict:
    """The ledger as plain data in file order (schema first)."""
    data = ledger.model_dump(mode="json", by_alias=True)
    return {"schema": data["schema"], "articles": data["articles"], "claims": data["claims"]}


def write_ledger_yaml(ledger: Ledger, handle: TextIO) -> None:
    """Write the ledger as YAML to a text handle, one record at a time (memory does not grow
    with the ledger): schema first, then articles and claims in ledger order."""
    handle.write(f"schema: {SCHEMA}\n")
    write_yaml_records("articles", (article.model_dump(mode="json") for article in ledger.articles), handle)
    write_yaml_records("claims", (claim.model_dump(mode="json") for claim in ledger.claims), handle)


def dump_ledger(ledger: Ledger) -> str:
    """The ledger as YAML text; the same ledger always gives the same bytes."""
    buffer = io.StringIO()
    write_ledger_yaml(ledger, buffer)
    return buffer.getvalue()


def dump_yaml(data: object) -> str:
    """Plain data (query results, records) as YAML in the ledger's style: keys in order, unicode as is."""
    from .yaml_writer import dump_yaml as write

    return write(data)


# Characters a YAML reader folds or refuses even inside a quoted string (NEL, line and
# paragraph separators, C1 controls, BOM, non-characters). JSON leaves them raw; escaped,
# the JSON ledger is also YAML with the same meaning, so load_ledger reads it back exactly.
_YAML_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def dump_ledger_json(ledger: Ledger) -> str:
    text = json.dumps(ledger_data(ledger), ensure_ascii=False, indent=2) + "\n"
    return _YAML_UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def dump_jsonl(ledger: Ledger) -> Iterator[str]:
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
    text = json.dumps({"record": kind, **record.model_dump(mode="json")}, ensure_ascii=False) + "\n"
    return _YAML_UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


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


def parse_ledger(text: str | bytes, name: str = "<ledger>", *, skip_articles: Iterable[str] = ()) -> Ledger:
    """Validate ledger text; any problem raises LedgerError saying what and where (the
    cyclic garbage collector is paused meanwhile, see _cyclic_gc_paused)."""
    with _cyclic_gc_paused():
        return _parse_ledger(text, name, skip_articles=skip_articles)


def _parse_ledger(text: str | bytes, name: str, *, skip_articles: Iterable[str] = ()) -> Ledger:
    """Validate ledger text; any problem raises LedgerError saying what and where.

    Records are validated one at a time and their raw data dropped as they go,
    so a big ledger is not held twice. Articles in skip_articles (and their
    claims) are never even stored: a merge is about to replace them. text may
    be UTF-8 bytes (what load_ledger passes, sparing a decoded copy).
    """
    skip = frozenset(skip_articles)
    keep = (lambda section, record: not _owned_by(section, record, skip)) if skip else None
    data = load_yaml(text, f"{name}: not a valid ledger", LedgerError, keep)
    if data is None:
        raise LedgerError(f"{name}: not a metaledger ledger: the file is empty")
    if not isinstance(data, dict):
        raise LedgerError(f"{name}: not a metaledger ledger (expected a mapping with 'schema: {SCHEMA}')")
    schema = data.get("schema")
    if schema != SCHEMA:
        found = "no schema" if schema is None else f"schema {schema!r}"
        raise LedgerError(f"{name}: not a metaledger ledger: {found}, expected {SCHEMA!r}")
    for key in data:
        if key not in _SECTIONS:
            raise _invalid(name, text, (key,), f"unknown field {key!r}; a ledger has {', '.join(_SECTIONS)}")
    articles, article_lines = _validate_section(data, "articles", _ARTICLE, name, text)
    claims, claim_lines = _validate_section(data, "claims", _CLAIM, name, text)
    try:
        return Ledger.model_validate({"schema": SCHEMA, "articles": articles, "claims": claims})
    except ValidationError as error:  # cross-record checks: unique ids, spans inside their sentences
        problem = error.errors(include_url=False)[0]
        message = problem.get("msg", "invalid").removeprefix("Value error, ")
        where = _record_named(message, {"articles": (articles, article_lines), "claims": (claims, claim_lines)})
        raise _invalid(name, text, where, message) from None


_SECTIONS = ("schema", "articles", "claims")
_ARTICLE = TypeAdapter(Article)
_CLAIM = TypeAdapter(Claim)
_FIELD_NAMES = frozenset(
    name
    for model in (Article, Sentence, EntityClaim, DateClaim, FigureClaim, EventClaim)
    for name in model.model_fields
)


def _owned_by(section: object, record: object, articles: frozenset) -> bool:
    """Whether record (an article or a claim) belongs to one of articles."""
    if not isinstance(record, dict):
        return False
    owner = record.get("id") if section == "articles" else record.get("article") if section == "claims" else None
    return isinstance(owner, str) and owner in articles


def _validate_section(data: dict, section: str, adapter: TypeAdapter, name: str, text: str) -> tuple[list, list[int]]:
    """The section's records as models, with the index each had in the file."""
    records = data.get(section, [])
    if not isinstance(records, list):
        raise _invalid(name, text, (section,), f"must be a list, not {type(records).__name__}")
    validated, indexes = [], []
    for index, record in enumerate(records):
        records[index] = None  # free the raw record once it is a model
        if record is SKIPPED:
            continue
        try:
            model = adapter.validate_python(record)
        except ValidationError as error:
            raise _record_error(name, text, section, index, record, error) from None
        validated.append(model)
        indexes.append(index)
    return validated, indexes


def _record_error(name: str, text: str, section: str, index: int, record, error: ValidationError) -> LedgerError:
    problems = error.errors(include_url=False)
    fields = list(dict.fromkeys(_field_path(problem) for problem in problems))
    record_id = record.get("id") if isinstance(record, dict) else None
    message = problems[0].get("msg", "invalid").removeprefix("Value error, ").removeprefix(f"claim {record_id}: ")
    if problems[0].get("type") == "extra_forbidden":
        message = "unknown field (not part of the ledger format)"
    if len(fields) > 1:
        more = len(fields) - 1
        message += f" (and {more} more problem{'s' * (more > 1)} in this record)"
    return _invalid(name, text, (section, index, *fields[0]), message, record_id)


def _field_path(problem: dict) -> tuple:
    """Field names and list indexes of an error location, without the union members pydantic adds
    (the claim kind, 'int' / 'float' of a number); an unknown field keeps its own name."""
    location = problem.get("loc", ())
    path = tuple(part for part in location[:-1] if isinstance(part, int) or part in _FIELD_NAMES)
    last = location[-1:] if problem.get("type") == "extra_forbidden" else tuple(
        part for part in location[-1:] if isinstance(part, int) or part in _FIELD_NAMES
    )
    return path + last


def _invalid(name: str, text: str, location: tuple, message: str, record_id=None) -> LedgerError:
    """'NAME: invalid ledger: claims[3] (id X) field value: MESSAGE (line N)'."""
    where = ".".join(str(part) for part in location)
    if len(location) >= 2 and isinstance(location[1], int):
        where = f"{location[0]}[{location[1]}]" + (f" (id {record_id})" if record_id else "")
        if len(location) > 2:
            where += " field " + ".".join(str(part) for part in location[2:])
    line = (line_of(text, location) or line_of(text, location[:2])) if location else None
    suffix = f" (line {line})" if line else ""
    return LedgerError(f"{name}: invalid ledger: {where + ': ' if where else ''}{message}{suffix}")


_ID_IN_MESSAGE = (
    re.compile(r"duplicate (claim|article) id '([^']+)'"),
    re.compile(r"()claim (\S+?):"),
)


def _record_named(message: str, sections: dict[str, tuple[list, list[int]]]) -> tuple:
    """(section, file index) of the record a whole-ledger message names; for a duplicate, its second copy."""
    for pattern in _ID_IN_MESSAGE:
        match = pattern.search(message)
        if not match:
            continue
        section = "articles" if match.group(1) == "article" else "claims"
        records, indexes = sections[section]
        found = [indexes[i] for i, record in enumerate(records) if record.id == match.group(2)]
        if found:
            return (section, found[1] if match.group(1) and len(found) > 1 else found[0])
    return ()


@dataclass(frozen=True)
class LedgerSnapshot:
    """A ledger file as read: its records (without the skipped articles) and the digest of its bytes.

    Lets a writer that read the file before its work reuse that reading under the lock
    when the bytes are still the same, instead of parsing a large ledger twice.
    """

    ledger: Ledger
    digest: str
    skipped: frozenset[str]


def _ledger_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such ledger file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a ledger file")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file (a device or pipe?); expected a ledger file")
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None


def read_ledger(path: str | os.PathLike, *, skip_articles: Iterable[str] = ()) -> LedgerSnapshot:
    """Read and validate a ledger file (see parse_ledger for skip_articles), with its digest."""
    path = Path(path)
    raw = _ledger_bytes(path)
    try:
        raw.decode("utf-8")  # checked here for a clear message; the parser reads the bytes themselves
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise LedgerError(f"{path}: not a valid ledger: not UTF-8 text (byte {error.start}, line {line})") from None
    skipped = frozenset(skip_articles)
    ledger = parse_ledger(raw, str(path), skip_articles=skipped)
    return LedgerSnapshot(ledger, hashlib.sha256(raw).hexdigest(), skipped)


def load_ledger(path: str | os.PathLike, *, skip_articles: Iterable[str] = ()) -> Ledger:
    """Read and validate a ledger file (see parse_ledger for skip_articles)."""
    return read_ledger(path, skip_articles=skip_articles).ledger


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


def ledger_lock(path: str | os.PathLike):
    """Hold the ledger's folder lock while reading, merging and writing it (re-entrant)."""
    return folder_lock(path)


def write_ledger_file(path: str | os.PathLike, ledger: Ledger, *, as_json: bool = False) -> None:
    """Atomically replace path with the ledger (YAML streamed record by record, or JSON)."""
    if as_json:
        write_text_atomic(path, dump_ledger_json(ledger))
    else:
        write_atomic(path, lambda handle: write_ledger_yaml(ledger, handle))


def save_ledger(
    path: str | os.PathLike, ledger: Ledger, *, merge: bool = True, as_json: bool = False, read_before: LedgerSnapshot | None = None
) -> Ledger:
    """Write ledger to path, merged into what is already there (under a lock); return what was written.

    A broken ledger on disk raises LedgerError and stays as it is: it is never
    silently replaced. Temporaries left by a killed writer are removed. read_before is
    a reading of path from before the work (read_ledger, skipping ledger's articles):
    used when the file still has the same bytes, so a large ledger is parsed once.
    """
    with ledger_lock(path):
        remove_stale_temporaries(path)
        if merge and Path(path).exists():
            replaced = frozenset(article.id for article in ledger.articles)
            ledger = merge_ledgers(kept_base(Path(path), replaced, read_before), ledger)
        write_ledger_file(path, ledger, as_json=as_json)
    return ledger


def kept_base(path: Path, replaced: frozenset[str], read_before: LedgerSnapshot | None) -> Ledger:
    """What path holds besides the replaced articles; from read_before if the file has not changed since."""
    if read_before is not None and read_before.skipped == replaced:
        if hashlib.sha256(_ledger_bytes(path)).hexdigest() == read_before.digest:
            return read_before.ledger
    return load_ledger(path, skip_articles=replaced)
