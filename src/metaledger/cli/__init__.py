"""The command line: a thin shell over the library API, one module per command.

``app`` holds the typer application and converts errors to exit codes; each command
module registers itself on it when imported here.
"""

from __future__ import annotations

from . import conflicts, diff, evaluate, extract, query  # noqa: F401  (importing a command module registers it)
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
