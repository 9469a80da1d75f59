"""Many articles at once: in this process or in worker processes, results in input order.

Workers are forked after the tokenizer is loaded, so they share its dictionary
instead of each paying jieba's start-up; results come back in input order, so
`-j N` writes the same bytes as `-j 1`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path

from .models import Ledger

# Set in each worker by the pool initializer (fork copies it anyway; spawn needs it passed).
_WORKER_OPTIONS: dict = {}


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(options: dict) -> None:
    _WORKER_OPTIONS.clear()
    _WORKER_OPTIONS.update(options)


def _extract(path: Path, **options) -> Ledger:
    from .api import extract_file

    return extract_file(path, **options)


def _jsonl_lines(path: Path, **options) -> list[str]:
    from .api import stream_file_jsonl

    return list(stream_file_jsonl(path, **options))


def _in_worker(task: tuple) -> object:
    work, path = task
    return work(path, **_WORKER_OPTIONS)


def _warm_up(gazetteer) -> None:
    """Load the rules and the tagger once in the parent, before forking."""
    from .api import extract_text

    extract_text("预热：2025 年 1 月，谷歌营收增长 5%。", lexicon=gazetteer)


def _run(work, paths: list[Path], *, reference_date, lexicon, jobs: int) -> Iterator:
    """work(path, **options) for each path, in order; in worker processes when jobs > 1.

    A bad file raises its MetaledgerError as soon as its turn comes, as in a sequential run.
    """
    from .api import _lexicon

    options = {"reference_date": reference_date, "lexicon": _lexicon(lexicon)}
    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        for path in paths:
            yield work(path, **options)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if context.get_start_method() == "fork":
        _warm_up(options["lexicon"])
    with context.Pool(jobs, initializer=_init_worker, initargs=(options,)) as pool:
        yield from pool.imap(_in_worker, [(work, path) for path in paths], chunksize=1)


def iter_extracted(paths: list[Path], *, reference_date=None, lexicon=None, jobs: int = 1) -> Iterator[Ledger]:
    """One single-article Ledger per path, in the order of paths."""
    return _run(_extract, paths, reference_date=reference_date, lexicon=lexicon, jobs=jobs)


def iter_jsonl(paths: list[Path], *, reference_date=None, lexicon=None, jobs: int = 1) -> Iterator[str]:
    """JSON Lines records of every article, in the order of paths.

    With one job, claims stream part by part, so memory is bounded however large an
    article is; worker processes hand back one article's lines at a time.
    """
    if max(1, min(jobs, len(paths))) == 1:
        from .api import _lexicon, stream_file_jsonl

        gazetteer = _lexicon(lexicon)
        for path in paths:
            yield from stream_file_jsonl(path, reference_date=reference_date, lexicon=gazetteer)
        return
    for lines in _run(_jsonl_lines, paths, reference_date=reference_date, lexicon=lexicon, jobs=jobs):
        yield from lines


def jsonl_records(paths, *, reference_date=None, lexicon=None) -> list[str]:
    """JSON Lines records (without newlines) for a group of article paths, extracted here.

    The unit of work for distributed runs: a Dask bag partition, a Spark task or a
    queue job calls this on its share of paths (see scripts/dask_extract.py).
    """
    lines = iter_jsonl([Path(p) for p in paths], reference_date=reference_date, lexicon=lexicon)
    return [line.rstrip("\n") for line in lines]
