"""Ledger records rendered where they are extracted, and a ledger file written from them.

A batch used to send each article's Ledger back from its worker, then validate the merged
ledger twice and write all its YAML in the parent: on 400 articles a second and a half
of one core while the workers sat idle. A worker now writes its article's records as YAML
text (the same writer, so the same bytes) and sends that; the parent only orders the
pieces, merges them with what the file already holds and writes them out. The file is
byte-identical to save_ledger(target, merge_ledgers(...)) of the same results: a test
compares them.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..errors import LedgerError
from .atomic import remove_stale_temporaries, write_atomic
from .claim_ids import sort_claims
from .models import SCHEMA, Ledger
from .store import LedgerSnapshot, kept_base, ledger_lock
from .yaml_writer import record_yaml


@dataclass(frozen=True)
class RenderedArticle:
    """One extracted article for the ledger file: its records as text (rendered in a worker),
    or its one-article Ledger, written a record at a time (in-process: memory holds one
    record's text, however large the article)."""

    article_id: str
    claim_ids: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)  # claims per kind
    article_yaml: str | None = None
    claims_yaml: str | None = None
    ledger: Ledger | None = None

    def write_article(self, handle: TextIO) -> None:
        if self.ledger is None:
            handle.write(self.article_yaml)
        else:
            handle.write(record_yaml(self.ledger.articles[0].model_dump(mode="json")))

    def write_claims(self, handle: TextIO) -> None:
        if self.ledger is None:
            handle.write(self.claims_yaml)
            return
        for claim in self.ledger.claims:
            handle.write(record_yaml(claim.model_dump(mode="json")))


def render_article(ledger: Ledger, *, as_text: bool = True) -> RenderedArticle:
    """A one-article ledger for save_rendered: its records as the text the ledger writer would
    give them (as_text, to send from a worker), or the ledger itself to write later."""
    (article,) = ledger.articles
    ids = tuple(claim.id for claim in ledger.claims)
    counts = dict(Counter(claim.kind for claim in ledger.claims))
    if not as_text:
        return RenderedArticle(article.id, ids, counts, ledger=ledger)
    return RenderedArticle(
        article.id,
        ids,
        counts,
        article_yaml=record_yaml(article.model_dump(mode="json")),
        claims_yaml="".join(record_yaml(claim.model_dump(mode="json")) for claim in ledger.claims),
    )


@dataclass(frozen=True)
class WrittenLedger:
    """What a ledger file holds after save_rendered: its article ids in order and its number of claims."""

    article_ids: list[str]
    claims: int


def latest_by_id(rendered: Iterable[RenderedArticle]) -> dict[str, RenderedArticle]:
    """The articles by id; a later one wins an id (as merge_ledgers does)."""
    return {article.article_id: article for article in rendered}


def save_rendered(
    path: str | os.PathLike, rendered: dict[str, RenderedArticle], *, read_before: LedgerSnapshot | None = None
) -> WrittenLedger:
    """Write rendered articles to path, merged with the other articles already there (under a
    lock), as save_ledger does with the same articles as a Ledger."""
    with ledger_lock(path):
        remove_stale_temporaries(path)
        base = kept_base(Path(path), frozenset(rendered), read_before) if Path(path).exists() else Ledger()
        kept = {article.id: article for article in base.articles if article.id not in rendered}
        _check_claim_ids(base, kept, rendered)
        order = sorted({*kept, *rendered})
        claims_of: dict[str, list] = {}
        for claim in base.claims:
            if claim.article in kept:
                claims_of.setdefault(claim.article, []).append(claim)
        write_atomic(path, lambda handle: _write(handle, order, kept, claims_of, rendered))
    total = sum(len(claims) for claims in claims_of.values()) + sum(len(a.claim_ids) for a in rendered.values())
    return WrittenLedger(order, total)


def _check_claim_ids(base: Ledger, kept: dict, rendered: dict[str, RenderedArticle]) -> None:
    """Claim ids stay unique across kept and new articles (a hand-edited ledger may reuse one)."""
    new_ids = {claim_id for article in rendered.values() for claim_id in article.claim_ids}
    for claim in base.claims:
        if claim.article in kept and claim.id in new_ids:
            raise LedgerError(f"{claim.id}: this claim id is in the ledger already, under article {claim.article!r}")


def _write(handle: TextIO, order: list[str], kept: dict, claims_of: dict, rendered: dict[str, RenderedArticle]) -> None:
    handle.write(f"schema: {SCHEMA}\n")
    handle.write("articles:\n" if order else "articles: []\n")
    for article_id in order:
        if article_id in rendered:
            rendered[article_id].write_article(handle)
        else:
            handle.write(record_yaml(kept[article_id].model_dump(mode="json")))
    if not any(claims_of.values()) and not any(article.claim_ids for article in rendered.values()):
        handle.write("claims: []\n")
        return
    handle.write("claims:\n")
    for article_id in order:
        if article_id in rendered:
            rendered[article_id].write_claims(handle)
        else:
            for claim in sort_claims(claims_of.get(article_id, ())):  # a hand-edited file may have them in any order
                handle.write(record_yaml(claim.model_dump(mode="json")))
