"""A ledger file written from rendered articles equals the one save_ledger writes from Ledgers."""

from __future__ import annotations

import pytest

import metaledger
from metaledger.errors import LedgerError
from metaledger.ledger.store import load_ledger, merge_ledgers, save_ledger, write_ledger_file
from metaledger.ledger.models import Ledger
from metaledger.ledger.rendered import latest_by_id, render_article, save_rendered

from conftest import REFERENCE_DATE

TEXTS = {
    "alpha": "2025 年 3 月，谷歌营收增长 5%。小扎说 Meta 将裁员 600 人。",
    "beta": "你好。",  # no claims at all
    "gamma": "据彭博社报道，英伟达第三季度营收 570 亿美元，同比增长 62%。",
}


def one(article_id: str, text: str | None = None) -> Ledger:
    return metaledger.extract_text(text or TEXTS[article_id], reference_date=REFERENCE_DATE, article_id=article_id)


def both_ways(tmp_path, existing: Ledger | None, ledgers: list[Ledger], as_text: bool = True) -> tuple[bytes, bytes]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    if existing is not None:
        write_ledger_file(old, existing)
        write_ledger_file(new, existing)
    save_ledger(old, merge_ledgers(Ledger(), *ledgers))
    save_rendered(new, latest_by_id(render_article(ledger, as_text=as_text) for ledger in ledgers))
    return old.read_bytes(), new.read_bytes()


def test_a_new_file_is_written_alike(tmp_path):
    old, new = both_ways(tmp_path, None, [one("gamma"), one("alpha"), one("beta")])
    assert old == new
    assert load_ledger(tmp_path / "new.yaml").claims


def test_an_article_without_claims_alone_writes_an_empty_claims_list(tmp_path):
    old, new = both_ways(tmp_path, None, [one("beta")])
    assert old == new
    assert b"claims: []\n" in new


def test_kept_articles_are_merged_in_order_even_when_the_file_had_them_out_of_order(tmp_path):
    existing = merge_ledgers(Ledger(), one("alpha"), one("gamma"))
    shuffled = Ledger.model_construct(schema_version=existing.schema_version, articles=existing.articles[::-1], claims=existing.claims[::-1])
    old, new = both_ways(tmp_path, shuffled, [one("beta"), one("alpha", "谷歌说营收增长 7%。")])
    assert old == new


def test_a_later_article_of_the_same_id_wins(tmp_path):
    old, new = both_ways(tmp_path, None, [one("alpha"), one("alpha", "谷歌营收增长 9%。")])
    assert old == new
    assert b"9%" in new


def test_a_claim_id_already_used_by_a_kept_article_is_refused(tmp_path):
    kept = one("gamma")
    clash = render_article(one("alpha"))
    stolen = kept.claims[0].model_copy(update={"id": clash.claim_ids[0]})
    write_ledger_file(tmp_path / "l.yaml", Ledger(articles=kept.articles, claims=[stolen, *kept.claims[1:]]))
    before = (tmp_path / "l.yaml").read_bytes()
    with pytest.raises(LedgerError, match="claim id is in the ledger already"):
        save_rendered(tmp_path / "l.yaml", {"alpha": clash})
    assert (tmp_path / "l.yaml").read_bytes() == before


def test_articles_kept_as_ledgers_are_written_alike(tmp_path):
    existing = one("gamma")
    old, new = both_ways(tmp_path, existing, [one("beta"), one("alpha")], as_text=False)
    assert old == new


def test_one_job_keeps_each_ledger_to_write_it_a_record_at_a_time():
    """In-process, no article is held as one big string (a 20 MB article's claims would be)."""
    from metaledger.batch import iter_rendered

    from conftest import ARTICLE

    (rendered,) = iter_rendered([ARTICLE], reference_date=REFERENCE_DATE)
    assert rendered.ledger is not None and rendered.claims_yaml is None
    assert rendered.counts["entity"] == sum(1 for claim in rendered.ledger.claims if claim.kind == "entity")
