#!/usr/bin/env python3
"""Rewrite the README's `metaledger diff` demo block from a real run of the command.

    .venv/bin/python scripts/update_readme_diff.py          # rewrite the block in README.md
    .venv/bin/python scripts/update_readme_diff.py --check  # exit 1 if the block is stale

The block lies between the DEMO_BEGIN and DEMO_END markers inside the README's diff
section. tests/test_diff_readme.py builds the same block through typer's CliRunner and
compares, so the README always shows what the command really prints.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from readme_demo import Run, run_command  # noqa: E402
from readme_demo import main as _main  # noqa: E402
from readme_demo import current_block as _current_block  # noqa: E402

DEMO_BEGIN = "<!-- diff demo: begin (written by scripts/update_readme_diff.py from a real run; do not edit) -->"
DEMO_END = "<!-- diff demo: end -->"
DEMO_DIFF = ["diff", "data/articles/meta-avocado.txt", "data/articles/meta-avocado-v2.txt", "--date", "2025-12-11"]
MARKDOWN_ARGS = [*DEMO_DIFF, "--format", "markdown"]
GITHUB_ARGS = [*DEMO_DIFF, "--format", "github", "--fail-on", "figure,date"]


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
    return _current_block(readme, DEMO_BEGIN, DEMO_END)


def main(argv: list[str] | None = None) -> int:
    return _main(__doc__.splitlines()[0], "diff demo", DEMO_BEGIN, DEMO_END, lambda: build_block(run_command), argv)


if __name__ == "__main__":
    sys.exit(main())
