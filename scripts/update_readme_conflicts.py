#!/usr/bin/env python3
"""Rewrite the README's `metaledger conflicts` demo block (the 汶川 reports) from a real run.

    .venv/bin/python scripts/update_readme_conflicts.py          # rewrite the block in README.md
    .venv/bin/python scripts/update_readme_conflicts.py --check  # exit 1 if the block is stale

The reports are ../shared/articles/dev/wenchuan/*.txt (research data, not in the repository:
the demo quotes no sentence, --context 0). They are extracted into a temporary ledger, shown in
the README as wenchuan.yaml. tests/test_conflicts_wenchuan.py builds the same block through
typer's CliRunner and compares, and skips when the folder is absent.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from readme_demo import ROOT, Run, run_command  # noqa: E402
from readme_demo import main as _main  # noqa: E402
from readme_demo import current_block as _current_block  # noqa: E402

DEMO_BEGIN = "<!-- conflicts demo: begin (written by scripts/update_readme_conflicts.py from a real run; do not edit) -->"
DEMO_END = "<!-- conflicts demo: end -->"
REPORTS = "../shared/articles/dev/wenchuan/"
SHOWN_LEDGER = "wenchuan.yaml"
DEFAULT = ["--context", "0", "--format", "markdown"]
TIMELINE = [*DEFAULT, "--timeline", "--kind", "magnitude", "--kind", "onset"]


def reports_present() -> bool:
    return (ROOT / REPORTS).is_dir()


def build_block(run: Run, ledger: Path) -> str:
    """The demo block (markers included): extract the reports into ledger, run both views."""
    run(["extract", REPORTS, "-o", str(ledger)])
    default, default_code = run(["conflicts", str(ledger), *DEFAULT])
    timeline, _ = run(["conflicts", str(ledger), *TIMELINE])
    lines = [
        DEMO_BEGIN,
        "```sh",
        f"metaledger extract {REPORTS} -o {SHOWN_LEDGER}",
        f"metaledger conflicts {SHOWN_LEDGER} {' '.join(DEFAULT)}",
        "```",
        "",
        f"exits {default_code} and prints (shown as GitHub renders it):",
        "",
        default.rstrip("\n"),
        "",
        "Every statement of the magnitude and of the onset time, in the order they were stated:",
        "",
        "```sh",
        f"metaledger conflicts {SHOWN_LEDGER} {' '.join(TIMELINE)}",
        "```",
        "",
        timeline.rstrip("\n"),
        DEMO_END,
    ]
    return "\n".join(lines)


def current_block(readme: str) -> str:
    return _current_block(readme, DEMO_BEGIN, DEMO_END)


def _build() -> str:
    if not reports_present():
        sys.exit(f"{REPORTS} is not there: the demo needs the shared 汶川 reports")
    with tempfile.TemporaryDirectory() as folder:
        return build_block(run_command, Path(folder) / SHOWN_LEDGER)


def main(argv: list[str] | None = None) -> int:
    return _main(__doc__.splitlines()[0], "conflicts demo", DEMO_BEGIN, DEMO_END, _build, argv)


if __name__ == "__main__":
    sys.exit(main())
