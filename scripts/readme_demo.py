"""Shared by the scripts that write README demo blocks from real runs of the command.

A block lies between a begin and an end marker in README.md; a script builds the block from
running `metaledger` (run_command, or typer's CliRunner in the tests) and rewrites or checks it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

Run = Callable[[list[str]], tuple[str, int]]


def run_command(args: list[str]) -> tuple[str, int]:
    """(stdout, exit code) of `metaledger ARGS` run from the repository root."""
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "metaledger", *args], cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8"
    )
    if done.returncode not in (0, 1):
        sys.exit(f"metaledger {' '.join(args)} failed with exit code {done.returncode}:\n{done.stderr}")
    return done.stdout, done.returncode


def current_block(readme: str, begin: str, end: str) -> str:
    """The block now in the README (markers included)."""
    start, stop = readme.find(begin), readme.find(end)
    if start < 0 or stop < start:
        raise SystemExit(f"{README.name}: the markers {begin!r} … {end!r} are missing")
    return readme[start : stop + len(end)]


def rewrite(name: str, begin: str, end: str, new: str, check: bool) -> int:
    """Write the block into the README, or with check say whether it is stale (exit status)."""
    readme = README.read_text(encoding="utf-8")
    old = current_block(readme, begin, end)
    if old == new:
        print(f"{README.name}: {name} block is up to date")
        return 0
    if check:
        print(f"{README.name}: {name} block is stale; run the script that writes it", file=sys.stderr)
        return 1
    README.write_text(readme.replace(old, new), encoding="utf-8")
    print(f"{README.name}: {name} block rewritten")
    return 0


def main(description: str, name: str, begin: str, end: str, build: Callable[[], str], argv: list[str] | None = None) -> int:
    """The scripts' command line: rewrite the block built by build(), or --check it."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="exit 1 if the README block is stale; write nothing")
    options = parser.parse_args(argv)
    return rewrite(name, begin, end, build(), options.check)
