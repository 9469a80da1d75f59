"""Typed records, claim ids, and the YAML ledger: read, merge, atomic write."""
