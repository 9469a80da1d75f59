"""YAML in and out for every file we read (ledgers, metadata, lexicons, rules) and the ledger we write.

Reading builds plain data straight from libyaml's parse events instead of
PyYAML's node graph. That is several times faster on a big ledger, needs no
recursion however deep the nesting, and lets every refusal happen before any
expansion, each with its line:

- aliases (``*name``) are refused where they occur, so an expansion bomb
  ("billion laughs", also through mapping keys or merge keys) costs nothing;
- merge keys (``<<``), duplicate keys and non-scalar keys are refused;
- only the plain tags are accepted (str, int, float, bool, null, seq, map):
  ``!!python/...``, ``!!binary``, ``!!set``… are refused;
- dates stay text, so 2025-12-11 and '2025-12-11' mean the same and a bad
  date is our error to word.

Writing emits events for plain data one record at a time (no node graph of
the whole ledger in memory); scalars are resolved the way PyYAML's safe
dumper resolves them, so the bytes are those ``yaml.safe_dump`` would write.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode

MAX_DEPTH = 1000  # nesting a ledger, rule file or lexicon never comes near

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Emitter = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_WIDTH = 2**31 - 1  # never fold long sentences: a ledger line is a record line

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + name for name in ("str", "int", "float", "bool", "null"))
_MERGE, _VALUE, _TIMESTAMP = _TAG + "merge", _TAG + "value", _TAG + "timestamp"
_SEQ, _MAP = _TAG + "seq", _TAG + "map"

# Plain-scalar resolution tables by first character: what a dumper quotes (with
# timestamps, so a date-like string is written quoted for any YAML reader) and
# what we read (without them).
_DUMP_RESOLVERS = {first: list(pairs) for first, pairs in yaml.resolver.Resolver.yaml_implicit_resolvers.items()}
_LOAD_RESOLVERS = {
    first: [(tag, regexp) for tag, regexp in pairs if tag != _TIMESTAMP] for first, pairs in _DUMP_RESOLVERS.items()
}
_SAFE = SafeConstructor()
_REPRESENTER = yaml.representer.SafeRepresenter()
_NOTHING = object()
SKIPPED = type("Skipped", (), {"__repr__": lambda self: "SKIPPED"})()  # an item build_data's keep left out


class StrictLoader(_Parser):
    """The loader whose parser we drive (kept public for callers that parse events themselves)."""


def _plain_tag(value: str, resolvers: dict) -> str:
    for tag, regexp in resolvers.get(value[:1], ()):
        if regexp.match(value):
            return tag
    for tag, regexp in resolvers.get(None, ()):
        if regexp.match(value):
            return tag
    return STR


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def _refuse(message: str, mark) -> ConstructorError:
    return ConstructorError(None, None, message, mark)


def _typed_scalar(tag: str, value: str, mark) -> object:
    try:
        if tag == STR or tag == _VALUE:
            return value
        if tag == INT:
            return _SAFE.construct_yaml_int(ScalarNode(tag, value))
        if tag == FLOAT:
            return _SAFE.construct_yaml_float(ScalarNode(tag, value))
        if tag == NULL:
            return None
        if tag == BOOL:
            return SafeConstructor.bool_values[value.lower()]
    except (ValueError, KeyError):
        raise _refuse(f"{value!r} is not a valid {tag.removeprefix(_TAG)}", mark) from None
    if tag == _MERGE:
        raise _refuse("merge keys (<<) are not allowed here", mark)
    raise _refuse(f"tag {_short(tag)} is not allowed here", mark)


def _scalar(event: ScalarEvent) -> object:
    tag = event.tag
    if tag is None and event.implicit[0]:
        tag = _plain_tag(event.value, _LOAD_RESOLVERS)
        if tag == STR:
            return event.value
    elif tag is None or tag == "!":
        return event.value
    return _typed_scalar(tag, event.value, event.start_mark)


def _collection(event, default_tag: str, depth: int) -> list | dict:
    if event.tag not in (None, "!", default_tag):
        raise _refuse(f"tag {_short(event.tag)} is not allowed here", event.start_mark)
    if depth >= MAX_DEPTH:
        raise _refuse(f"nested deeper than {MAX_DEPTH} levels", event.start_mark)
    return {} if default_tag == _MAP else []


def build_data(events: Iterable, keep: Callable[[object, object], bool] | None = None) -> object:
    """Plain data (dict, list, str, int, float, bool, None) from parse events; None for an empty stream.

    keep(section, item), when given, decides for each item of a list under a
    top-level key whether it is kept; one left out is stored as SKIPPED (so
    positions stay as in the file), and a reader skipping most of a big file
    holds one of its records at a time.
    """
    # Per open collection: [container, pending key or _NOTHING, list to add it to on close, its key in its parent].
    stack: list[list] = [[[], _NOTHING, None, None]]  # a list holding the document
    documents = 0
    for event in events:
        kind = type(event)
        if kind is ScalarEvent:
            _attach(stack, _scalar(event), False, event, keep)
        elif kind is MappingStartEvent:
            _attach(stack, _collection(event, _MAP, len(stack) - 1), True, event, keep)
        elif kind is SequenceStartEvent:
            _attach(stack, _collection(event, _SEQ, len(stack) - 1), True, event, keep)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            closed = stack.pop()
            if closed[2] is not None:
                closed[2].append(closed[0] if keep(stack[2][3], closed[0]) else SKIPPED)
        elif kind is AliasEvent:
            raise _refuse("YAML aliases (*name) are not allowed here", event.start_mark)
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _refuse("expected a single document, found another one", event.start_mark)
    document = stack[0][0]
    return document[0] if document else None


def _attach(stack: list[list], value: object, opened: bool, event, keep) -> None:
    """Put a finished scalar or a new collection into the innermost open collection."""
    frame = stack[-1]
    container = frame[0]
    deferred = key = None
    if type(container) is list:
        if keep is not None and len(stack) == 3 and type(stack[1][0]) is dict:
            if opened:
                deferred = container  # kept or not once the item is complete
            else:
                container.append(value if keep(stack[2][3], value) else SKIPPED)
        else:
            container.append(value)
    elif frame[1] is _NOTHING:
        if opened:
            raise _refuse("a mapping key must be a plain value, not a list or mapping", event.start_mark)
        if value in container:
            raise _refuse(f"duplicate key {value!r}", event.start_mark)
        frame[1] = value
    else:
        key = frame[1]
        container[key] = value
        frame[1] = _NOTHING
    if opened:
        stack.append([value, _NOTHING, deferred, key])


def load_yaml(text: str | bytes, where: str, error: type[Exception], keep: Callable[[object, object], bool] | None = None) -> object:
    """Parse text; any problem raises error("WHERE: invalid YAML at line N: problem"). See build_data for keep."""
    try:
        return build_data(yaml.parse(text, Loader=StrictLoader), keep)
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None) or getattr(problem, "context_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        detail = getattr(problem, "problem", None) or str(problem).splitlines()[0]
        raise error(f"{where}: invalid YAML{line}: {detail}") from None
    except (ValueError, TypeError) as problem:  # e.g. text with characters YAML cannot hold
        raise error(f"{where}: invalid YAML: {problem}") from None


_parsed_resources = None


def load_resource_yaml(text: str | bytes, where: str, error: type[Exception]) -> object:
    """load_yaml for the package's own rule and lexicon files, remembered across runs.

    Parsing them took a tenth of a second of every start. The parsed data is kept in the
    user cache directory under the SHA-256 of the file's bytes, so an edited file is
    simply parsed again.
    """
    global _parsed_resources
    if _parsed_resources is None:
        from .cache import CacheFile

        _parsed_resources = CacheFile(f"resources-{sys.implementation.cache_tag}.marshal")
    key = hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()
    stored = _parsed_resources.get(key)
    if stored is not None:
        try:
            return marshal.loads(stored)
        except (ValueError, EOFError, TypeError):
            _parsed_resources.forget(key)
    data = load_yaml(text, where, error)
    try:
        _parsed_resources.put(key, marshal.dumps(data))
    except ValueError:  # a value marshal cannot hold: parse it every time
        pass
    return data


def line_of(text: str | bytes, path: tuple) -> int | None:
    """The 1-based line where the value at path (mapping keys and list indexes) starts.

    Only called to word an error, so it re-parses rather than keeping marks for every value.
    """
    trail: list = []  # per open collection: [is_mapping, key or index, expecting a key]
    try:
        for event in yaml.parse(text, Loader=StrictLoader):
            kind = type(event)
            if kind in (MappingEndEvent, SequenceEndEvent):
                trail.pop()
                continue
            if kind not in (ScalarEvent, MappingStartEvent, SequenceStartEvent, AliasEvent):
                continue
            if trail and trail[-1][0] and trail[-1][2]:  # a key: remember it, not a value
                trail[-1][1], trail[-1][2] = event.value if kind is ScalarEvent else None, False
                if kind is not ScalarEvent:
                    return None
                continue
            if trail:
                frame = trail[-1]
                if frame[0]:
                    frame[2] = True
                else:
                    frame[1] += 1
            if tuple(_plain_path(trail)) == path:
                return event.start_mark.line + 1
            if kind is MappingStartEvent:
                trail.append([True, None, True])
            elif kind is SequenceStartEvent:
                trail.append([False, -1, False])
    except yaml.YAMLError:
        return None
    return None


def _plain_path(trail: list) -> Iterator:
    for is_mapping, key, _ in trail:
        yield _key_value(key) if is_mapping else key


def _key_value(key: object) -> object:
    if isinstance(key, str):
        tag = _plain_tag(key, _LOAD_RESOLVERS)
        return key if tag == STR else _typed_scalar(tag, key, None)
    return key


# --- writing ------------------------------------------------------------------------------


def scalar_event(value: object) -> ScalarEvent:
    """The event PyYAML's safe dumper would emit for one plain value."""
    if isinstance(value, str):
        tag, text = STR, value
    elif value is None:
        tag, text = NULL, "null"
    elif isinstance(value, bool):
        tag, text = BOOL, "true" if value else "false"
    elif isinstance(value, int):
        tag, text = INT, str(value)
    elif isinstance(value, float):
        tag, text = FLOAT, _REPRESENTER.represent_float(value).value
    else:
        raise TypeError(f"cannot write {type(value).__name__} as YAML")
    return ScalarEvent(None, tag, (_plain_tag(text, _DUMP_RESOLVERS) == tag, tag == STR), text)


def data_events(data: object) -> Iterator:
    """Events for plain data (dicts keep their order; block style)."""
    if isinstance(data, dict):
        yield MappingStartEvent(None, None, True, flow_style=False)
        for key, value in data.items():
            yield scalar_event(key)
            yield from data_events(value)
        yield MappingEndEvent()
    elif isinstance(data, (list, tuple)):
        yield SequenceStartEvent(None, None, True, flow_style=False)
        for item in data:
            yield from data_events(item)
        yield SequenceEndEvent()
    else:
        yield scalar_event(data)


def document_events(body: Iterable) -> Iterator:
    """Wrap the events of one value into a stream of one implicit document."""
    yield StreamStartEvent()
    yield DocumentStartEvent(explicit=False)
    yield from body
    yield DocumentEndEvent(explicit=False)
    yield StreamEndEvent()


def emit_yaml(events: Iterable, handle: TextIO) -> None:
    """Write a stream of events to a text handle: block style, unicode as is, no line folding."""
    emitter = _Emitter(handle, indent=2, width=_WIDTH, allow_unicode=True)
    try:
        for event in events:
            emitter.emit(event)
    finally:
        emitter.dispose()
