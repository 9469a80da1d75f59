"""Rule patterns compiled once per machine instead of once per run.

The rule files expand to a few hundred patterns, some of several thousand characters
(every figure rule carries the numeral macro and its large character classes), and
compiling them took a quarter of a second of every start, more than extracting a
whole article. sre's compiled form is a list of integers; we keep it in the user cache
directory, keyed by the Python build and sre's version, and rebuild pattern objects
from it. sre validates that code when it builds the pattern, and anything unexpected
(another Python, a damaged file, changed internals) falls back to re.compile.
"""

from __future__ import annotations

import hashlib
import re
import sys

from .cache import CacheFile

try:  # CPython's regular expression engine; other Pythons simply compile every time
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover
    _sre = None


def _cache_name() -> str:
    build = f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}|{_sre.MAXREPEAT}"
    return f"regex-{hashlib.sha256(build.encode('utf-8')).hexdigest()[:16]}.marshal"


_compiled = CacheFile(_cache_name()) if _sre is not None else None


def compile_pattern(source: str, flags: int = 0) -> re.Pattern:
    """re.compile(source, flags), from the cache when this pattern was compiled before.

    Raises re.error for a bad pattern, exactly as re.compile does.
    """
    flags = int(flags)
    if _compiled is None:
        return re.compile(source, flags)
    key = (source, flags)
    entry = _compiled.get(key)
    if entry is not None:
        try:
            return _sre.compile(source, *entry)
        except Exception:  # a stale or damaged entry: compile it anew below
            _compiled.forget(key)
    try:
        entry = _compiled_form(source, flags)
        pattern = _sre.compile(source, *entry)
    except re.error:
        raise
    except Exception:  # sre's internals are not what this module expects
        return re.compile(source, flags)
    _compiled.put(key, entry)
    return pattern


def _compiled_form(source: str, flags: int) -> tuple:
    """What re._compiler.compile hands to _sre.compile, after the pattern itself."""
    parsed = _parser.parse(source, flags)
    code = list(map(int, _compiler._code(parsed, flags)))  # opcodes are int subclasses marshal refuses
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
