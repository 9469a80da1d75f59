"""Claim-level differences between two versions of articles or ledgers, and their renderers."""
