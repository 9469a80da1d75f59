"""Big inputs finish in memory linear in their size (peak RSS measured in a child process).

The bound asserted here is looser than what the README reports (the table
printed by running this file as a script), so it catches a quadratic
structure or a doubled copy, not noise. No timing is asserted; a quadratic pass would make
these tests run for hours instead of seconds.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

try:
    from conftest import ARTICLE
except ImportError:  # run as a script: python tests/test_hardening_memory.py
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from conftest import ARTICLE

BASELINE_MIB = 200  # interpreter, pydantic, yaml, rich, the CLI, jieba's dictionary (about 170 measured)
MIB_PER_MB = 100  # allowed peak per MB of article into a YAML ledger (about 85 measured)

_MEASURE = textwrap.dedent(
    """
    import runpy, sys
    sys.argv = ["metaledger", *sys.argv[1:]]
    try:
        runpy.run_module("metaledger", run_name="__main__")
    except SystemExit as done:
        code = done.code
    # VmHWM is this program's own peak; ru_maxrss would also count the parent's memory
    # at the fork that started it (it survives exec on Linux).
    status = open("/proc/self/status").read()
    peak_kib = int(status.split("VmHWM:")[1].split()[0])
    print(code, peak_kib / 1024, file=sys.stderr)
    """
)


def _extract_peak(folder: Path, *args: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, "extract", *args, "--date", "2025-12-11"], cwd=folder, capture_output=True, text=True, timeout=1800
    )
    code, peak = done.stderr.strip().splitlines()[-1].split()
    assert code in ("0", "None"), done.stderr
    return float(peak)


def _bound(path: Path) -> float:
    return BASELINE_MIB + MIB_PER_MB * path.stat().st_size / 1e6


@pytest.mark.skipif(sys.platform != "linux", reason="reads the peak from /proc/self/status")
def test_a_megabyte_line_without_punctuation_finishes_in_bounded_memory(tmp_path):
    line = tmp_path / "line.txt"
    line.write_text("中文没有标点的很长一行" * 100_000, encoding="utf-8")  # 1.1 M characters, 3.3 MB
    peak = _extract_peak(tmp_path, "line.txt")
    assert peak < _bound(line), f"peak {peak:.0f} MiB"
    import metaledger

    article = metaledger.load_ledger(tmp_path / "claims.yaml").articles[0]
    assert len(article.sentences) >= 1_100_000 // 1000  # cut into bounded sentences


@pytest.mark.skipif(sys.platform != "linux", reason="reads the peak from /proc/self/status")
def test_a_big_article_extracts_and_reextracts_in_linear_memory(tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(text * (500_000 // len(text.encode("utf-8"))), encoding="utf-8")  # about 0.5 MB
    fresh = _extract_peak(tmp_path, "big.txt")
    again = _extract_peak(tmp_path, "big.txt")  # merges into the ledger that already holds it
    assert fresh < _bound(big), f"fresh: peak {fresh:.0f} MiB"
    assert again < _bound(big), f"re-extract: peak {again:.0f} MiB"


def main(sizes_mb: list[int]) -> None:
    """Print the README's table: `python tests/test_hardening_memory.py 1 5 20` (wall time is shown, never asserted)."""
    import tempfile
    import time

    folder = Path(tempfile.mkdtemp(prefix="metaledger-limits-"))
    text = ARTICLE.read_text(encoding="utf-8").encode("utf-8")
    inputs = {"1.1 M-character line, no punctuation": lambda: ("中文没有标点的很长一行" * 100_000).encode("utf-8")}
    for size in sizes_mb:
        inputs[f"{size} MB article"] = lambda size=size: (text * (size * 1_000_000 // len(text) + 1))[: size * 1_000_000].decode("utf-8", "ignore").encode("utf-8")
    print("| input | run | size | wall time | peak RSS | ledger |")
    print("|---|---|---:|---:|---:|---:|")
    for label, make in inputs.items():
        path = folder / "article.txt"
        path.write_bytes(make())
        size = path.stat().st_size
        (folder / "claims.yaml").unlink(missing_ok=True)
        for run in ("fresh", "re-extract into its ledger"):
            started = time.perf_counter()
            peak = _extract_peak(folder, path.name)
            seconds = time.perf_counter() - started
            ledger = (folder / "claims.yaml").stat().st_size / 1e6
            print(f"| {label} | {run} | {size / 1e6:.1f} MB | {seconds:.1f} s | {peak:.0f} MiB | {ledger:.1f} MB |", flush=True)


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [1, 5, 20])
