"""A small, fast YAML writer for plain data (dicts, lists, strings, numbers, booleans, null).

PyYAML builds a node graph in Python before its C emitter runs, which made writing
the ledger cost as much as extracting it. A ledger is plain data of a fixed shape,
so we write block YAML directly: keys in the order given, strings plain only when
YAML cannot read them as anything else, otherwise double-quoted with JSON escapes
(valid YAML escapes) plus the few characters YAML treats as line breaks or refuses.
Every output loads back with yaml.safe_load to the same data (a property test).
"""

from __future__ import annotations

import re
from json.encoder import encode_basestring

# Plain only: starts with a letter, single inner spaces or colons (never ": " or " #"), no
# leading or trailing space, and not a YAML 1.1 bool or null word.
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_./+-]*(?:[: ][A-Za-z0-9_./+-]+)*")
_RESERVED = frozenset(
    "y Y n N yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL".split()
)
# Characters YAML reads as line breaks inside quotes, or refuses in a stream: escape them.
_UNSAFE_IN_QUOTES = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _quote(text: str) -> str:
    # What json.dumps(text, ensure_ascii=False) returns, without building an encoder per string.
    quoted = encode_basestring(text)
    return _UNSAFE_IN_QUOTES.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def scalar(value) -> str:
    if isinstance(value, str):
        if value in _PLAIN_WORDS:
            return value
        if _PLAIN.fullmatch(value) and value not in _RESERVED:
            if len(_PLAIN_WORDS) < _PLAIN_WORDS_MAX:
                _PLAIN_WORDS.add(value)
            return value
        return _quote(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if text in ("inf", "-inf", "nan"):
            return {"inf": ".inf", "-inf": "-.inf", "nan": ".nan"}[text]
        if "." not in text and "e" in text:
            text = text.replace("e", ".0e", 1)  # 1e+20 would read back as a string
        return text
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


# Keys, kinds, types and rule ids repeat in every record: remember the strings already found
# plain (a bounded set; a word not in it is simply checked again).
_PLAIN_WORDS: set[str] = set()
_PLAIN_WORDS_MAX = 4096


def _key_head(key) -> str:
    """``key:`` for a mapping key; string keys are remembered (1 and True would share a slot)."""
    head = _KEY_HEADS.get(key) if type(key) is str else None
    if head is None:
        head = scalar(key) + ":"
        if type(key) is str and len(_KEY_HEADS) < _PLAIN_WORDS_MAX:
            _KEY_HEADS[key] = head
    return head


_KEY_HEADS: dict[str, str] = {}
_BLOCK_TYPES = (dict, list)


def dump_yaml(data) -> str:
    """Block-style YAML for plain data, keys in insertion order, ending with a newline."""
    lines: list[str] = []
    _write(data, "", lines)
    return "\n".join(lines) + "\n"


def _write(data, indent: str, lines: list[str]) -> None:
    if isinstance(data, dict):
        if not data:
            lines.append(indent + "{}")
        for key, value in data.items():
            _write_entry(indent, indent, _key_head(key), value, lines)
    elif isinstance(data, list):
        if not data:
            lines.append(indent + "[]")
        for item in data:
            _write_item(indent, item, lines)
    else:
        lines.append(indent + scalar(data))


def _write_entry(prefix: str, indent: str, head: str, value, lines: list[str]) -> None:
    """One "key: value" whose first line starts with prefix and whose key column is indent."""
    if not isinstance(value, _BLOCK_TYPES):
        lines.append(f"{prefix}{head} {scalar(value)}")
    elif isinstance(value, dict) and value:
        lines.append(prefix + head)
        _write(value, indent + "  ", lines)
    elif isinstance(value, list) and value:
        lines.append(prefix + head)
        for item in value:  # a list under a key sits at the key's column (PyYAML's style too)
            _write_item(indent, item, lines)
    else:
        lines.append(f"{prefix}{head} {_inline(value)}")


def _write_item(indent: str, item, lines: list[str]) -> None:
    if isinstance(item, dict) and item:
        prefix = indent + "- "
        inner = indent + "  "
        heads, plain = _KEY_HEADS, _PLAIN_WORDS
        for key, value in item.items():
            head = heads.get(key) if type(key) is str else None
            if head is None:
                head = _key_head(key)
            kind = type(value)
            # Most values of a record are one line: the commonest cases are written here.
            if kind is str:
                lines.append(f"{prefix}{head} {value if value in plain else scalar(value)}")
            elif kind is int:
                lines.append(f"{prefix}{head} {value}")
            elif value is None:
                lines.append(f"{prefix}{head} null")
            elif isinstance(value, _BLOCK_TYPES):
                _write_entry(prefix, inner, head, value, lines)
            else:
                lines.append(f"{prefix}{head} {scalar(value)}")
            prefix = inner
    elif isinstance(item, list) and item:
        lines.append(indent + "-")
        _write(item, indent + "  ", lines)
    else:
        lines.append(f"{indent}- {_inline(item)}")


def _inline(value) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return scalar(value)


def record_yaml(record) -> str:
    """One record (a dict) as an item of a block list at the left margin: "- key: value" lines."""
    lines: list[str] = []
    _write_item("", record, lines)
    return "\n".join(lines) + "\n"


def write_yaml_records(key: str, records, handle) -> None:
    """``key:`` and a block list of records (dicts), written one record at a time, so memory
    holds one record's text however long the list; ``key: []`` when there are none."""
    empty = True
    for record in records:
        if empty:
            handle.write(f"{scalar(key)}:\n")
            empty = False
        handle.write(record_yaml(record))
    if empty:
        handle.write(f"{scalar(key)}: []\n")
