"""metaledger benchmark: every number as a median of several runs and as a ratio to a
reference measured in the same run on the same machine.

    python benchmarks/bench.py            # full run (make bench)
    python benchmarks/bench.py --quick    # smaller corpus and fewer runs, for a smoke test

Measures (see issue 10):
  1. extraction chars/s, overall and per stage, vs jieba.posseg.lcut (HMM on) on the same text;
  2. one-article `metaledger extract` wall time vs a bare jieba POS start;
  3. `metaledger --help` vs `python -c "import typer"`;
  4. `-j 2` vs `-j 1` on a batch of articles;
  5. peak memory (max RSS) extracting one large article.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REFERENCE_DATE = "2025-12-11"


def corpus_texts() -> list[str]:
    """The bundled articles and the test fixture articles (front matter and all)."""
    paths = sorted((ROOT / "data" / "articles").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def build_corpus(min_bytes: int) -> list[str]:
    texts, size = [], 0
    sources = corpus_texts()
    while size < min_bytes:
        for text in sources:
            texts.append(text)
            size += len(text.encode("utf-8"))
    return texts


class StageClock:
    """Exclusive time per stage: a wrapped function's time minus the wrapped calls inside it."""

    def __init__(self):
        self.totals: dict[str, float] = {}
        self._stack: list[float] = []

    def wrap(self, owner, attribute: str, stage: str) -> None:
        original = getattr(owner, attribute)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            self._stack.append(0.0)
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - started
                nested = self._stack.pop()
                self.totals[stage] = self.totals.get(stage, 0.0) + elapsed - nested
                if self._stack:
                    self._stack[-1] += elapsed

        setattr(owner, attribute, timed)


def instrument() -> StageClock:
    """Wrap each pipeline stage where the pipeline looks it up (module attributes)."""
    import metaledger.extraction as extraction
    import metaledger.extract.dates.extractor as dates
    import metaledger.extract.entities.extractor as entities
    import metaledger.extract.events.extractor as events
    import metaledger.extract.figures as figures
    import metaledger.pipeline as pipeline
    import metaledger.tokenize.tokenizer as tokenize

    clock = StageClock()
    clock.wrap(pipeline, "split_sentences", "segment")
    clock.wrap(tokenize, "tag_sentence", "tokenize")
    clock.wrap(entities, "extract_entities", "entities")
    clock.wrap(dates, "extract_dates", "dates")
    clock.wrap(figures, "extract_figures", "figures")
    clock.wrap(events, "extract_events", "events")
    clock.wrap(pipeline, "assign_ids", "claims")
    clock.wrap(pipeline, "sort_claims", "claims")
    clock.wrap(extraction, "build_ledger", "other")
    return clock


def measure_extraction(texts: list[str], runs: int) -> tuple[float, dict[str, float]]:
    """Median chars/s of extract_text + dump_ledger over the corpus, and median seconds per stage."""
    import metaledger
    from metaledger.ledger.store import dump_ledger

    metaledger.extract_text(texts[0], reference_date=REFERENCE_DATE)  # load rules and tagger outside the timing
    clock = instrument()
    chars = sum(len(t) for t in texts)
    overall, stages = [], []
    for _ in range(runs):
        clock.totals.clear()
        started = time.perf_counter()
        for index, text in enumerate(texts):
            ledger = metaledger.extract_text(text, reference_date=REFERENCE_DATE, article_id=f"a{index}")
            write_started = time.perf_counter()
            dump_ledger(ledger)
            clock.totals["ledger write"] = clock.totals.get("ledger write", 0.0) + time.perf_counter() - write_started
        overall.append(chars / (time.perf_counter() - started))
        stages.append(dict(clock.totals))
    median_stages = {name: statistics.median(s.get(name, 0.0) for s in stages) for name in stages[0]}
    return statistics.median(overall), median_stages


def measure_jieba(texts: list[str], runs: int) -> float:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.posseg.lcut("预热")
    chars = sum(len(t) for t in texts)
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        for text in texts:
            jieba.posseg.lcut(text)
        rates.append(chars / (time.perf_counter() - started))
    return statistics.median(rates)


# Commands are timed as an installed package runs: with its bytecode written. Some
# sandboxes set PYTHONDONTWRITEBYTECODE, which would make every timed run of an editable
# install recompile metaledger from source while jieba's bytecode came from pip.
_TIMING_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def wall(command: list[str], runs: int, cwd: Path = ROOT) -> float:
    """Median wall time of command, after one untimed warm-up run (bytecode, user cache)."""
    times = []
    for run in range(runs + 1):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_TIMING_ENV)
        if run:
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def metaledger_command(*args: str) -> list[str]:
    return [PYTHON, "-m", "metaledger", *args]


def peak_rss_mb(command: list[str]) -> float:
    """Max RSS of command, measured in a fresh interpreter so nothing else counts."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
        "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run([PYTHON, "-c", probe, *command], capture_output=True, text=True, check=True, cwd=ROOT)
    return int(done.stdout.strip()) / 1024


def report(name: str, value: str, reference: str, ratio: str, target: str) -> None:
    print(f"{name:<44} {value:>16}   ref {reference:>16}   {ratio:>9}   target {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small corpus, fewer runs")
    parser.add_argument("--corpus-mb", type=float, default=2.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=40, help="articles in the -j batch")
    parser.add_argument("--more-batches", type=int, nargs="*", default=[400], help="further -j batch sizes (start-up weighs less)")
    parser.add_argument("--big-mb", type=float, default=20.0, help="size of the large article for peak memory")
    options = parser.parse_args()
    if options.quick:
        options.corpus_mb, options.runs, options.batch, options.more_batches, options.big_mb = 0.2, 1, 8, [], 1.0

    texts = build_corpus(int(options.corpus_mb * 1024 * 1024))
    chars = sum(len(t) for t in texts)
    print(f"corpus: {len(texts)} articles, {chars:,} chars, {sum(len(t.encode()) for t in texts) / 2**20:.1f} MB; "
          f"median of {options.runs} runs; python {sys.version.split()[0]}, {os.cpu_count()} CPUs\n")

    rate, stages = measure_extraction(texts, options.runs)
    jieba_rate = measure_jieba(texts, options.runs)
    report("extraction throughput (chars/s)", f"{rate:,.0f}", f"{jieba_rate:,.0f}", f"{rate / jieba_rate:.2f}x", ">= 1.0x jieba.posseg.lcut")
    total = sum(stages.values())
    for stage, seconds in sorted(stages.items(), key=lambda item: -item[1]):
        stage_rate = chars / seconds if seconds else float("inf")
        report(f"  stage {stage} ({100 * seconds / total:.0f}% of time)", f"{stage_rate:,.0f}", f"{jieba_rate:,.0f}", f"{stage_rate / jieba_rate:.2f}x", "-")

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        article = ROOT / "data" / "articles" / "meta-avocado.txt"
        jieba_start = wall([PYTHON, "-c", "import jieba.posseg as p; p.lcut('测试')"], max(3, options.runs + 2))
        one = wall(metaledger_command("extract", str(article), "-o", str(folder / "one.yaml")), max(3, options.runs + 2))
        report("one-article extract wall (s)", f"{one:.3f}", f"{jieba_start:.3f}", f"{one / jieba_start:.2f}x", "<= 0.8x bare jieba POS start")

        typer_start = wall([PYTHON, "-c", "import typer"], 5)
        help_time = wall(metaledger_command("--help"), 5)
        report("metaledger --help (s)", f"{help_time:.3f}", f"{typer_start:.3f}", f"+{help_time - typer_start:.3f}s", "<= +0.1 s over import typer")

        sources = corpus_texts()
        for size in sorted({options.batch, *options.more_batches}):
            batch = folder / f"batch{size}"
            batch.mkdir()
            for index in range(size):
                (batch / f"article{index:04d}.txt").write_text(sources[index % len(sources)], encoding="utf-8")
            one_job, two_jobs = folder / f"j1-{size}.yaml", folder / f"j2-{size}.yaml"
            serial = wall(metaledger_command("extract", str(batch), "-j", "1", "--date", REFERENCE_DATE, "-o", str(one_job)), options.runs)
            parallel = wall(metaledger_command("extract", str(batch), "-j", "2", "--date", REFERENCE_DATE, "-o", str(two_jobs)), options.runs)
            same = one_job.read_bytes() == two_jobs.read_bytes()
            report(f"-j 2 speed-up on {size} articles", f"{parallel:.2f}s", f"{serial:.2f}s", f"{serial / parallel:.2f}x", f">= 1.7x (identical output: {same})")

        big = folder / "big.txt"
        with big.open("w", encoding="utf-8") as handle:
            size = 0
            while size < options.big_mb * 2**20:
                for text in sources:
                    body = text.split("\n---\n", 1)[-1] if text.startswith("---\n") else text
                    handle.write(body + "\n")
                    size += len(body.encode("utf-8")) + 1
        baseline = peak_rss_mb([PYTHON, "-c", "import metaledger.cli, jieba.posseg as p; p.lcut('测试')"])
        started = time.perf_counter()
        peak = peak_rss_mb(metaledger_command("extract", str(big), "--date", REFERENCE_DATE, "--format", "jsonl"))
        seconds = time.perf_counter() - started
        report(f"peak RSS, {size / 2**20:.0f} MB article, jsonl (MB)", f"{peak:,.0f}", f"{baseline:,.0f}", f"{peak / baseline:.2f}x", f"bounded ({seconds:.0f} s)")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
