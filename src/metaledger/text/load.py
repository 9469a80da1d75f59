"""Bytes to text: encodings, BOM, front matter and sidecar metadata.

Offsets everywhere are indices into the decoded text returned here (BOM
removed, line endings untouched), so a user can slice the file they opened.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

METADATA_KEYS = ("title", "date", "source", "url")
# Far beyond any news article; extraction holds about 75 bytes per input byte
# (README, hardening), so this keeps a stray dump or log file from eating the machine.
MAX_ARTICLE_BYTES = 64 * 1024 * 1024
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)
# What may precede the <html> of a saved page: an XML prolog, comments, a doctype.
_HTML_PREAMBLE = re.compile(r"\A\s*(?:(?:<\?xml[^>]{0,200}\?>|<!--.{0,2000}?-->)\s*)*", re.S)
_HTML_START = re.compile(r"<!doctype\s+html|<(?:html|head|body|meta|title)[\s>/]", re.I)
_HTML_TAGS = re.compile(
    r"</?(?:p|div|span|br|a|img|script|style|table|tr|td|li|ul|ol|h[1-6]|meta|link|head|body|html|title|section|article)\b[^<>]{0,500}>",
    re.I,
)
_HTML_TAGS_ENOUGH = 5
_SURROGATE = re.compile("[\ud800-\udfff]")  # a plain-text article may mention one or two tags, not five
# Formats a user may hand us by mistake, by their first bytes: named in the refusal.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive such as .docx or .epub"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document such as .doc"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)


@dataclass(frozen=True)
class SourceText:
    """A decoded article: its text and where its body and metadata came from."""

    text: str
    encoding: str
    sha256: str
    body_start: int = 0
    metadata: dict = field(default_factory=dict)
    date_source: str | None = None  # where metadata["date"] came from: front_matter | sidecar


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Return (text, encoding). UTF-8 (BOM or not), else GB18030, else Big5; never blank text."""
    text, encoding = _decode(data, name)
    if not text.strip():  # only a byte-order mark, or only Unicode spaces such as U+3000
        raise InputError(f"{name}: file is empty (only a byte-order mark)" if not text else f"{name}: file contains only whitespace")
    return text, encoding


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if not data.strip():
        raise InputError(f"{name}: file is empty" if not data else f"{name}: file contains only whitespace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
        if text is None or _common_han_ratio(text) < 0.5:
            raise InputError(f"{name}: cannot decode: starts with a UTF-16 byte-order mark but is not UTF-16 text")
        return text, "utf-16"
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{name}: binary file ({what}); expected plain text")
    if b"\x00" in data:
        if _looks_like_bomless_utf16(data):
            raise InputError(f"{name}: looks like UTF-16 without a byte-order mark; save it as UTF-8")
        raise InputError(f"{name}: binary file (contains NUL bytes); expected plain text")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise InputError(f"{name}: has a UTF-8 byte-order mark but invalid UTF-8 at byte {error.start + 3}") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding in ("gb18030", "big5"):
        try:
            candidates.append((data.decode(encoding), encoding))
        except UnicodeDecodeError:
            continue
    scored = [(_common_han_ratio(text), text, encoding) for text, encoding in candidates]
    plausible = [entry for entry in scored if entry[0] >= 0.5]
    if not plausible:
        raise InputError(f"{name}: cannot decode: not UTF-8, GB18030 (GBK/GB2312) or Big5 text")
    # GB18030 is tried first, so it wins ties; Big5 bytes mostly decode as GB18030 too,
    # but into rare characters, which is what the ratio catches.
    best = max(plausible, key=lambda entry: entry[0])
    return best[1], best[2]


def _looks_like_bomless_utf16(data: bytes) -> bool:
    """The head decodes as UTF-16 (LE or BE) into plausible text without NULs."""
    head = data[: min(len(data), 4096) // 2 * 2]
    if len(head) < 16:
        return False
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _common_han_ratio(text) >= 0.9:
            return True
    return False


@functools.lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """Frequent Han characters in both scripts: GB2312 level 1 and Big5 level 1."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            chars.update(bytes((lead, trail)).decode("gb2312", errors="ignore"))
    for lead in range(0xA4, 0xC7):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            chars.update(bytes((lead, trail)).decode("big5", errors="ignore"))
    return frozenset(chars)


def _common_han_ratio(text: str) -> float:
    """How much text looks like real writing: 0 when control, private-use or unassigned
    characters abound (a wrong guess decodes into those), else the share of Han
    characters that are common ones (1 for text without Han).

    Counts each distinct character once (Counter runs in C), so a 20 MB file
    costs one pass, not a Python loop per character.
    """
    import unicodedata

    counts = Counter(text)
    weird = sum(
        n
        for c, n in counts.items()
        if unicodedata.category(c) in ("Cn", "Co", "Cs", "Cf") or (unicodedata.category(c) == "Cc" and not c.isspace())
    )
    if weird > 0.02 * len(text):
        return 0.0
    han = {c: n for c, n in counts.items() if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"}
    if not han:
        printable = sum(n for c, n in counts.items() if c.isprintable() or c.isspace())
        return printable / max(1, len(text))
    common = _common_han()
    return sum(n for c, n in han.items() if c in common) / sum(han.values())


def parse_front_matter(text: str, name: str = "<text>") -> tuple[dict, int]:
    """Return (metadata, body_start) from a leading YAML block fenced by --- lines."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    return _validate_metadata(_safe_yaml(match.group(1), f"{name}: front matter"), f"{name}: front matter"), match.end()


def read_sidecar(path: Path) -> dict | None:
    """Metadata from NAME.meta.yaml beside NAME.txt, or None when there is none."""
    sidecar = path.with_name(path.stem + ".meta.yaml")
    if not sidecar.is_file():
        return None
    try:
        raw = sidecar.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{sidecar}: cannot read metadata: {error}") from None
    return _validate_metadata(_safe_yaml(raw, str(sidecar)), str(sidecar))


def _safe_yaml(raw: str, where: str) -> object:
    from ..support.yamlio import load_yaml

    return load_yaml(raw, where, InputError)


def _validate_metadata(data: object, where: str) -> dict:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(f"{where}: metadata must be a mapping of {', '.join(METADATA_KEYS)}")
    metadata: dict = {}
    for key in METADATA_KEYS:
        value = data.get(key)
        if value is None:
            continue
        if key == "date":
            value = parse_iso_date(value, where=f"{where}: date")
        elif not isinstance(value, (str, int, float)):
            raise InputError(f"{where}: {key} must be text")
        metadata[key] = str(value)
    return metadata


def parse_iso_date(value: object, where: str = "date") -> str:
    """Accept a date object or YYYY-MM-DD text; return the ISO string."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise InputError(f"{where}: {value!r} is not a valid date (expected YYYY-MM-DD)")


def refuse_html(text: str, name: str) -> None:
    """HTML is refused rather than guessed at: stripping tags would shift every offset.

    A page is recognized by how it starts (doctype, <html>, <head>…, after an
    optional XML prolog and comments) or by five or more common tags in its
    first 4096 characters; a lone "<" (营收 <5%, a<b, <<三体>>) is ordinary text.
    """
    head = text[:4096]
    start = _HTML_PREAMBLE.match(head).end()
    opening = _HTML_START.match(head, start)
    if opening:
        raise InputError(f"{name}: looks like HTML (starts with {opening.group().strip()}…); save the article as plain text first")
    tags = len(_HTML_TAGS.findall(head))
    if tags >= _HTML_TAGS_ENOUGH:
        raise InputError(f"{name}: looks like HTML ({tags} tags in the first 4096 characters); save the article as plain text first")


def source_from_text(text: str, name: str = "<text>") -> SourceText:
    """A SourceText for text already in memory (front matter honoured)."""
    if not text.strip():
        raise InputError(f"{name}: text is empty" if not text else f"{name}: text contains only whitespace")
    if "\x00" in text:
        raise InputError(f"{name}: text contains NUL characters at offset {text.index(chr(0))}")
    surrogate = _SURROGATE.search(text)
    if surrogate:
        raise InputError(
            f"{name}: text contains an unpaired surrogate (U+{ord(surrogate.group()):04X}) at offset {surrogate.start()}; not valid Unicode"
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    refuse_html(text, name)
    metadata, body_start = parse_front_matter(text, name)
    if not text[body_start:].strip():
        raise InputError(f"{name}: no article text after the front matter")
    return SourceText(
        text=text,
        encoding="utf-8",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        body_start=body_start,
        metadata=metadata,
        date_source="front_matter" if "date" in metadata else None,
    )


def _read_regular_file(path: Path, name: str) -> bytes:
    """The file's bytes; a device, pipe or oversized file is refused before reading it."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise InputError(f"{name}: not a regular file (a device, pipe or socket); expected an article file")
        if status.st_size > MAX_ARTICLE_BYTES:
            raise InputError(
                f"{name}: file is {_size(status.st_size)}; one article may be at most {_size(MAX_ARTICLE_BYTES)}: split it"
            )
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from None


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MiB" if count >= 2**20 else f"{count:,} bytes"


def read_article(path: str | os.PathLike) -> SourceText:
    """Read and decode an article file; front matter wins over a sidecar, key by key."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a directory, not an article file")
    data = _read_regular_file(path, name)
    text, encoding = decode_bytes(data, name)
    source = source_from_text(text, name)
    sidecar = read_sidecar(path)
    metadata, date_source = dict(source.metadata), source.date_source
    if sidecar:
        metadata = {**sidecar, **metadata}
        if date_source is None and "date" in sidecar:
            date_source = "sidecar"
    return SourceText(
        text=source.text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        body_start=source.body_start,
        metadata=metadata,
        date_source=date_source,
    )
