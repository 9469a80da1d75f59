"""Benchmark: `conflicts` against `query` over the same 500-article ledger (target ≤ 2×).

    python benchmarks/conflicts_bench.py                  # 500 articles, 3 rounds
    python benchmarks/conflicts_bench.py --articles 2000 --runs 5 --keep big.yaml

The ledger is query_bench.py's generator with report templates added: earthquakes with their
magnitude, death tolls as of a date (截至…), fires with deaths and injuries on a medium's
authority, counties written after their province (江南省青山县) — so conflicts reads, groups and
judges thousands of statements, a few hundred of them the same facts. It times, as CPU seconds
of this process (best of interleaved rounds):

- query: what `metaledger query LEDGER --entity 英伟达 --from 2025-11 --to 2025-11 --format json` does
  (load_ledger, resolve the alias, query_claims, JSON);
- conflicts: what `metaledger conflicts LEDGER --format json` does (load_ledger, find_conflicts,
  the JSON report),

and prints conflicts / query. Nothing is asserted: the test suite never times.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import query_bench  # noqa: E402  (puts ../src on the path too)

from metaledger.ledger.store import dump_ledger, load_ledger  # noqa: E402

# Report sentences: (template, (event type, subject slot, object slot, attribution slot, certainty)).
REPORT_TEMPLATES = [
    ("{date}，{province}{place}发生{magnitude}<地震>。", ("earthquake", "place", None, None, "asserted")),
    ("{place}发生{magnitude}<地震>，多地震感强烈。", ("earthquake", "place", None, None, "asserted")),
    ("截至{date}，{place}<地震>已造成{toll}死亡。", ("earthquake", "place", None, None, "asserted")),
    ("据{media}报道，{place}<火灾>已造成{toll}死亡。", ("fire", "place", None, "media", "reported")),
    ("{place}一处仓库发生<火灾>，{toll}受伤。", ("fire", "place", None, None, "asserted")),
]


def conflicts_once(path: Path) -> str:
    """What `metaledger conflicts LEDGER --format json` does."""
    from metaledger.conflicts import find_conflicts
    from metaledger.conflicts.render import conflicts_json
    from metaledger.query import LedgerIndex

    return conflicts_json(find_conflicts(LedgerIndex(load_ledger(path))), "conflict")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500, help="articles in the generated ledger")
    parser.add_argument("--runs", type=int, default=3, help="timed rounds; the best of each measure is kept")
    parser.add_argument("--keep", type=Path, help="also write the generated ledger here")
    options = parser.parse_args()

    templates = query_bench.TEMPLATES + REPORT_TEMPLATES
    ledger = query_bench.generate_ledger(10**9, templates=templates, max_articles=options.articles)
    with tempfile.TemporaryDirectory() as folder:
        path = options.keep or Path(folder) / "reports.yaml"
        path.write_text(dump_ledger(ledger), encoding="utf-8")
        best = query_bench.best_times(options.runs, {
            "query": (lambda: query_bench.query_once(path, "英伟达"), False),
            "conflicts": (lambda: conflicts_once(path), False),
        })
        summary = json.loads(conflicts_once(path))["summary"]
        size = path.stat().st_size
    print(f"ledger: {len(ledger.claims):,} claims in {len(ledger.articles):,} articles, {size / 1e6:.1f} MB")
    print(f"conflicts found: {summary['statements']:,} statements, {summary['facts']} facts stated more than once "
          f"({summary['conflicts']} conflicts, {summary['updates']} updates, {summary['agreed']} agreed), "
          f"{summary['not_compared']} not compared")
    print(f"query total (load_ledger + query + JSON)          {best['query']:7.3f} s")
    print(f"conflicts total (load_ledger + conflicts + JSON)  {best['conflicts']:7.3f} s")
    print(f"ratio conflicts / query                           {best['conflicts'] / best['query']:7.2f}x  (target ≤ 2x)")


if __name__ == "__main__":
    main()
