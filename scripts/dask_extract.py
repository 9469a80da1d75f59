"""Extract a corpus with Dask bags: one partition per worker, JSON Lines out.

    pip install -e '.[scale]'
    python scripts/dask_extract.py data/articles/ out/ --workers 4
    python scripts/dask_extract.py /shared/articles/ out/ --scheduler tcp://scheduler:8786

Each partition calls metaledger.batch.jsonl_records on its share of the paths and
writes out/part-NNN.jsonl (article records followed by their claims). The function
is plain Python with no shared state, so the same code runs on a laptop
(processes), in tests (the synchronous scheduler) or on a cluster: point
--scheduler at a dask.distributed scheduler and make metaledger importable on the
workers (the same wheel in the worker image). Paths must be readable from the workers.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def extract_corpus(paths: list[str], out_dir: str, *, workers: int = 2, reference_date: str | None = None, scheduler: str = "processes") -> list[str]:
    """Write one JSONL file per partition into out_dir; return their names."""
    import dask
    import dask.bag as db

    from metaledger.batch import jsonl_records

    bag = db.from_sequence(sorted(paths), npartitions=max(1, min(workers, len(paths))))
    records = bag.map_partitions(lambda share: jsonl_records(list(share), reference_date=reference_date))
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    target = str(Path(out_dir) / "part-*.jsonl")
    name = lambda index: f"{index:03d}"  # noqa: E731
    if scheduler.startswith("tcp://"):
        from dask.distributed import Client

        with Client(scheduler):
            return records.to_textfiles(target, name_function=name, encoding="utf-8")
    with dask.config.set(scheduler=scheduler):
        return records.to_textfiles(target, name_function=name, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="a folder of .txt articles")
    parser.add_argument("out_dir")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--date", default=None, help="reference date for every article (YYYY-MM-DD)")
    parser.add_argument("--scheduler", default="processes", help="processes | threads | synchronous | tcp://host:port")
    options = parser.parse_args()
    paths = [str(p) for p in sorted(Path(options.source).glob("*.txt"))]
    written = extract_corpus(paths, options.out_dir, workers=options.workers, reference_date=options.date, scheduler=options.scheduler)
    print(f"{len(paths)} articles -> {len(written)} files in {options.out_dir}")


if __name__ == "__main__":
    main()
