"""Replacing a file so that nothing is ever half-written, and a lock for read-merge-write.

A writer fills a temporary file beside the target (``.NAME.XXXXXXXX.tmp``),
fsyncs it, renames it over the target and fsyncs the folder: readers and a
crash at any moment see the old file or the new one, never a mix. A process
killed before the rename leaves at most its temporary file, which the next
writer removes (safely: temporaries are only created under the folder lock,
so one found while holding the lock belongs to nobody).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ..errors import LedgerError

_TEMPORARY_NAME = "[a-z0-9_]{8}"  # what tempfile.mkstemp puts between prefix and suffix
# Folders this process holds: [thread lock, depth, descriptor]. The thread lock makes the
# lock re-entrant for its thread; between threads and processes, flock on separate
# descriptors does the excluding.
_held: dict[str, list] = {}
_held_guard = threading.Lock()


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


@contextlib.contextmanager
def folder_lock(path: str | os.PathLike):
    """Hold an exclusive lock on path's folder (flock; re-entrant within a thread).

    Locking the folder (not a lock file) leaves nothing behind. Two processes
    (or threads) writing the same file then run their read-merge-write one
    after the other.
    """
    folder = _folder(Path(path))
    key = os.path.realpath(folder)
    entry = _enter(key)
    try:
        if entry[1] == 0:
            entry[2] = _flock(folder, path)
        entry[1] += 1
        try:
            yield
        finally:
            entry[1] -= 1
            if entry[1] == 0 and entry[2] is not None:
                os.close(entry[2])  # closing the descriptor releases the flock
                entry[2] = None
    finally:
        if entry[1] == 0:
            with _held_guard:  # forget the folder: a long-running process must not collect them
                if _held.get(key) is entry:
                    del _held[key]
        entry[0].release()


def _enter(key: str) -> list:
    """The folder's entry, its thread lock held; taken again if it was retired while we waited."""
    while True:
        with _held_guard:
            entry = _held.setdefault(key, [threading.RLock(), 0, None])
        entry[0].acquire()
        with _held_guard:
            if _held.get(key) is entry:
                return entry
        entry[0].release()


def _flock(folder: Path, path) -> int | None:
    try:
        import fcntl
    except ImportError:  # no flock on this platform: run unlocked
        return None
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except FileNotFoundError:
        raise LedgerError(f"{path}: cannot write: folder {folder} does not exist") from None
    except OSError as error:
        raise LedgerError(f"{path}: cannot open its folder {folder}: {_reason(error)}") from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    except OSError:  # a file system without flock (some network mounts): run unlocked
        pass
    return descriptor


def remove_stale_temporaries(path: str | os.PathLike) -> list[Path]:
    """Delete temporaries a killed writer left beside path; call only under folder_lock."""
    path = Path(path)
    pattern = re.compile(rf"\.{re.escape(path.name)}\.{_TEMPORARY_NAME}\.tmp")
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(_folder(path)):
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def check_target(path: str | os.PathLike) -> None:
    """Refuse early a target write_atomic could not replace: a folder, a device, a missing folder, a read-only file."""
    path = Path(path)
    folder = _folder(path)
    if path.is_dir():
        raise LedgerError(f"{path}: is a directory, not a file to write")
    if path.exists() and not path.is_file():
        raise LedgerError(f"{path}: not a regular file; refusing to replace it")
    if not folder.is_dir():
        raise LedgerError(f"{path}: cannot write: folder {folder} does not exist")
    if path.exists() and not os.access(path, os.W_OK):
        raise LedgerError(f"{path}: cannot write: file is read-only (left unchanged)")


def write_atomic(path: str | os.PathLike, write: Callable[[TextIO], None]) -> None:
    """Replace path with what write(handle) writes (UTF-8, \\n line ends); old file kept on any failure."""
    path = Path(path)
    check_target(path)
    folder = _folder(path)
    with folder_lock(path):
        temporary = None
        try:
            descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
            os.replace(temporary, path)
            temporary = None
            _fsync_folder(folder)
        except OSError as error:
            raise LedgerError(f"{path}: cannot write: {_reason(error)} (left unchanged)") from None
        except UnicodeEncodeError as error:  # unpaired surrogates cannot be UTF-8
            raise LedgerError(
                f"{path}: cannot write: text holds a character UTF-8 cannot encode "
                f"({error.object[error.start:error.end]!r}) (left unchanged)"
            ) from None
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


def write_text_atomic(path: str | os.PathLike, content: str) -> None:
    """Replace path with content so readers see the old file or the new one, never a mix."""
    write_atomic(path, lambda handle: handle.write(content))


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
