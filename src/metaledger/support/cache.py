"""The user cache directory: derived data that makes later runs start fast.

Everything here can be rebuilt from the package and its dependencies, so a missing,
unwritable or damaged cache costs time, never correctness.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import sys
from pathlib import Path


def cache_dir() -> Path:
    """$METALEDGER_CACHE, else $XDG_CACHE_HOME/metaledger, else ~/.cache/metaledger."""
    explicit = os.environ.get("METALEDGER_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "metaledger"


def write_cache_file(path: Path, data: bytes) -> None:
    """Best effort: a concurrent reader sees the old file or the whole new one; no cache is fine."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError:
        pass


class CacheFile:
    """A dict in one marshal file of the cache directory: read on first use, written at exit if it grew.

    Values must be what marshal holds (plain data); a damaged or foreign file reads as empty.
    Keys unused for a while pile up as the package changes, so once the file passes
    max_bytes it is rewritten with only the entries this process used.
    """

    def __init__(self, name: str, max_bytes: int = 8 * 1024 * 1024):
        self.name, self.max_bytes = name, max_bytes
        self._path: Path | None = None  # fixed at the first read: saved where it was read from
        self._stored: dict | None = None
        self._used: dict = {}
        self._grown = False

    def get(self, key):
        if self._stored is None:
            self._stored = self._read()
            atexit.register(self.save)
        value = self._stored.get(key)
        if value is not None:
            self._used[key] = value
        return value

    def put(self, key, value) -> None:
        self._used[key] = value
        self._grown = True

    def forget(self, key) -> None:
        self._used.pop(key, None)

    def _read(self) -> dict:
        self._path = cache_dir() / self.name
        try:
            data = marshal.loads(self._path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return {}
        return data if isinstance(data, dict) else {}

    def save(self) -> None:
        if not self._grown:
            return
        self._grown = False
        try:
            data = marshal.dumps({**(self._stored or {}), **self._used})
            if len(data) > self.max_bytes:
                data = marshal.dumps(self._used)
        except ValueError:  # something marshal cannot hold: no cache this time
            return
        write_cache_file(self._path or cache_dir() / self.name, data)


def results_cache(prefix: str, module_file: str) -> CacheFile:
    """A CacheFile for what a module derives from its inputs, named after the Python build and
    the module's own source: when the deriving code changes, old answers are never read."""
    digest = hashlib.sha256(sys.version.encode() + Path(module_file).read_bytes()).hexdigest()[:16]
    return CacheFile(f"{prefix}-{digest}.marshal")
