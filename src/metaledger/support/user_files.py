"""Reading a file the user named: one wording for the two ways it fails."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError


def read_user_text(path: str | Path, what: str, encoding: str = "utf-8") -> str:
    """The text of a file the user named, or an InputError: 'no such <what>' or 'cannot read <what>: why'."""
    path = Path(path)
    try:
        return path.read_text(encoding=encoding)
    except FileNotFoundError:
        raise InputError(f"{path}: no such {what}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read {what}: {getattr(error, 'strerror', None) or error}") from None
