"""Domain errors. Each carries the exit code the CLI uses for it.

The CLI converts these (and only these) into a one-line message; any other
exception is a bug and keeps its traceback.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_DIFFERENCES = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_RESOURCES = 4


class MetaledgerError(Exception):
    """Base class: a failure a user can act on, with its exit code."""

    exit_code = EXIT_INPUT


class InputError(MetaledgerError):
    """An input file is missing, unreadable, undecodable, empty or binary."""


class LedgerError(MetaledgerError):
    """A ledger file is broken, foreign or cannot be written."""


class UsageError(MetaledgerError):
    """An option value is invalid (a date that is not a date, an unknown format)."""

    exit_code = EXIT_USAGE


class ResourceError(MetaledgerError):
    """A rule file or lexicon shipped with the package (or given by the user) is broken."""

    exit_code = EXIT_RESOURCES
