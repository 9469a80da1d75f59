"""Many articles at once: in this process or in worker processes, results in input order.

Workers are forked after the tokenizer is loaded, so they share its dictionary
instead of each paying jieba's start-up; results come back in input order, so
`-j N` writes the same bytes as `-j 1`.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path

from .ledger.models import Ledger

# Set in each worker by the pool initializer (fork copies it anyway; spawn needs it passed).
_WORKER_OPTIONS: dict = {}
_IN_WORKER = False


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(options: dict) -> None:
    global _IN_WORKER
    _IN_WORKER = True
    _WORKER_OPTIONS.clear()
    _WORKER_OPTIONS.update(options)


def _extract(path: Path, **options) -> Ledger:
    from .extraction import extract_file

    return extract_file(path, **options)


def _rendered(path: Path, **options):
    from .extraction import extract_file
    from .ledger.rendered import render_article

    # A worker sends text (cheap to pickle, rendered in parallel); in-process the ledger is
    # kept and written a record at a time.
    return render_article(extract_file(path, **options), as_text=_IN_WORKER)


def _jsonl_lines(path: Path, **options) -> list[str]:
    from .extraction import stream_file_jsonl

    return list(stream_file_jsonl(path, **options))


def _in_worker(task: tuple) -> object:
    work, path = task
    return work(path, **_WORKER_OPTIONS)


def _warm_up(gazetteer) -> None:
    """Load the rules and the tagger once in the parent, before forking."""
    from .extraction import extract_text

    extract_text("预热：2025 年 1 月，谷歌营收增长 5%。", lexicon=gazetteer)


class SideTask:
    """A call to make alongside a batch: first, when the batch runs here; in a worker, when it has workers.

    Reading a large ledger before re-extracting into it is work a worker can do while the
    others extract. Its error is raised as soon as it is known, so a broken ledger still
    stops the batch early.
    """

    def __init__(self, function, *args, **kwargs):
        self._call = (function, args, kwargs)
        self._pending = None
        self._done = False
        self._value = None
        self._error: BaseException | None = None

    def run_here(self) -> None:
        function, args, kwargs = self._call
        self._value, self._done = function(*args, **kwargs), True

    def start_in(self, pool) -> None:
        function, args, kwargs = self._call
        self._pending = pool.apply_async(function, args, kwargs)

    def raise_if_failed(self) -> None:
        if self._pending is not None and self._pending.ready() and not self._pending.successful():
            self._pending.get()

    def settle(self) -> None:
        """Wait for the call and keep its outcome (result() returns or raises it): needed before
        its pool closes, since a pool that closes kills the call."""
        if self._done:
            return
        try:
            self._value = self._pending.get()
        except Exception as error:  # noqa: BLE001 - kept, and raised by result()
            self._error = error
        self._done, self._pending = True, None

    def result(self):
        self.settle()
        if self._error is not None:
            raise self._error
        return self._value


def _run(work, paths: list[Path], *, reference_date, lexicon, jobs: int, side_task: SideTask | None = None) -> Iterator:
    """work(path, **options) for each path, in order; in worker processes when jobs > 1.

    A bad file raises its MetaledgerError as soon as its turn comes, as in a sequential run.
    """
    from .extraction import resolve_lexicon

    options = {"reference_date": reference_date, "lexicon": resolve_lexicon(lexicon)}
    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        if side_task is not None:
            side_task.run_here()
        for path in paths:
            yield work(path, **options)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    forking = context.get_start_method() == "fork"
    if forking:
        _warm_up(options["lexicon"])
        # The tagger's dictionaries are millions of objects. Frozen, the garbage collectors
        # neither walk them nor write to their headers (which would copy every shared page
        # into every worker); the caller's process is unfrozen when the batch ends.
        gc.freeze()
    try:
        with context.Pool(jobs, initializer=_init_worker, initargs=(options,)) as pool:
            if side_task is not None:
                side_task.start_in(pool)
            try:
                for result in pool.imap(_in_worker, [(work, path) for path in paths], chunksize=1):
                    if side_task is not None:
                        side_task.raise_if_failed()
                    yield result
            except GeneratorExit:
                # The caller stopped reading (it had all its results, e.g. through zip()): the
                # side task may still be running, and leaving this block kills the workers.
                if side_task is not None:
                    side_task.settle()
                raise
            if side_task is not None:
                side_task.result()
    finally:
        if forking:
            gc.unfreeze()


def iter_extracted(paths: list[Path], *, reference_date=None, lexicon=None, jobs: int = 1, side_task: SideTask | None = None) -> Iterator[Ledger]:
    """One single-article Ledger per path, in the order of paths (side_task: see SideTask)."""
    return _run(_extract, paths, reference_date=reference_date, lexicon=lexicon, jobs=jobs, side_task=side_task)


def iter_rendered(paths: list[Path], *, reference_date=None, lexicon=None, jobs: int = 1, side_task: SideTask | None = None) -> Iterator:
    """One RenderedArticle (its ledger records as YAML text, rendered in the worker) per path, in order."""
    return _run(_rendered, paths, reference_date=reference_date, lexicon=lexicon, jobs=jobs, side_task=side_task)


def iter_jsonl(paths: list[Path], *, reference_date=None, lexicon=None, jobs: int = 1) -> Iterator[str]:
    """JSON Lines records of every article, in the order of paths.

    With one job, claims stream part by part, so memory is bounded however large an
    article is; worker processes hand back one article's lines at a time.
    """
    if max(1, min(jobs, len(paths))) == 1:
        from .extraction import resolve_lexicon, stream_file_jsonl

        gazetteer = resolve_lexicon(lexicon)
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
