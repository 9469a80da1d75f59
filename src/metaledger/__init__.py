"""metaledger: a news claim extractor and fact ledger for Chinese news.

The public API (imported lazily so `metaledger --help` stays fast):
extract_text, extract_file, extract_files, load_ledger, dump_ledger, split_sentences;
diffing (metaledger.diff.changes, metaledger.diff.versions): diff_ledgers, diff_paths;
querying (metaledger.query): find_entity, query_claims, entity_index, claim_context,
combine_ledgers, LedgerIndex; conflicts between reports (metaledger.conflicts): find_conflicts,
ConflictReport.
"""

from __future__ import annotations

__version__ = "0.1.0"

_API = {
    "extract_text": "api",
    "extract_file": "api",
    "extract_files": "api",
    "split_sentences": "api",
    "diff_ledgers": "diff.changes",
    "diff_paths": "diff.versions",
    "find_conflicts": "conflicts",
    "ConflictReport": "conflicts",
    "LedgerDiff": "diff.changes",
    "ClaimChange": "diff.changes",
    "load_ledger": "ledger.store",
    "dump_ledger": "ledger.store",
    "parse_ledger": "ledger.store",
    "Ledger": "ledger.models",
    "MetaledgerError": "errors",
    "LedgerIndex": "query",
    "claim_context": "query",
    "combine_ledgers": "query",
    "entity_index": "query",
    "find_entity": "query",
    "query_claims": "query",
}

__all__ = sorted(_API) + ["__version__"]


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'metaledger' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
