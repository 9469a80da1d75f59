#!/usr/bin/env python3
"""Rewrite the README's `metaledger diff` demo block from a real run of the command.

    .venv/bin/python scripts/update_readme_diff.py          # rewrite the block in README.md
    .venv/bin/python scripts/update_readme_diff.py --check  # exit 1 if the block is stale

The block lies between the DEMO_BEGIN and DEMO_END markers inside the README's diff
section. tests/test_diff_readme.py builds the same block through typer's CliRunner and
compares, so the README always shows what the command really prints.
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
DEMO_BEGIN = "<!-- diff demo: begin (written by scripts/update_readme_diff.py from a real run; do not edit) -->"
DEMO_END = "<!-- diff demo: end -->"
DEMO_DIFF = ["diff", "data/articles/meta-avocado.txt", "data/articles/meta-avocado-v2.txt", "--date", "2025-12-11"]
MARKDOWN_ARGS = [*DEMO_DIFF, "--format", "markdown"]
GITHUB_ARGS = [*DEMO_DIFF, "--format", "github", "--fail-on", "figure,date"]

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


def build_block(run: Run) -> str:
    """The demo block (markers included) from running both demo commands with run."""
    markdown, markdown_code = run(MARKDOWN_ARGS)
    github, github_code = run(GITHUB_ARGS)
    lines = [
        DEMO_BEGIN,
        "```sh",
        f"metaledger {' '.join(MARKDOWN_ARGS)}",
        "```",
        "",
        f"exits {markdown_code} and prints this pull-request comment (shown as GitHub renders it):",
        "",
        markdown.rstrip("\n"),
        "",
        "The same diff as workflow annotations, failing only on figures and dates:",
        "",
        "```console",
        f"$ metaledger {' '.join(GITHUB_ARGS)}",
        github.rstrip("\n"),
        "$ echo $?",
        str(github_code),
        "```",
        DEMO_END,
    ]
    return "\n".join(lines)


def current_block(readme: str) -> str:
    """The block now in the README (markers included)."""
    begin, end = readme.find(DEMO_BEGIN), readme.find(DEMO_END)
    if begin < 0 or end < begin:
        raise SystemExit(f"{README.name}: the diff demo markers are missing")
    return readme[begin : end + len(DEMO_END)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the README block is stale; write nothing")
    options = parser.parse_args(argv)
    readme = README.read_text(encoding="utf-8")
    old, new = current_block(readme), build_block(run_command)
    if old == new:
        print(f"{README.name}: diff demo block is up to date")
        return 0
    if options.check:
        print(f"{README.name}: diff demo block is stale; run scripts/update_readme_diff.py", file=sys.stderr)
        return 1
    README.write_text(readme.replace(old, new), encoding="utf-8")
    print(f"{README.name}: diff demo block rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
