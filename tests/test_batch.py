"""Batches: worker processes give the same bytes as one process; JSONL streams records."""

from __future__ import annotations

import json

import metaledger
from metaledger.cli import app

from conftest import REFERENCE_DATE

TEXTS = {
    "a": "谷歌在 2024 年发布了 Gemini,营收增长 12%。",
    "b": "英伟达营收同比暴涨 62%。黄仁勋表示满意。",
    "c": "阿里巴巴宣布裁员 600 人。",
}


def _batch(folder):
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_jobs_give_byte_identical_ledgers(runner, workdir):
    _batch(workdir / "articles")
    for jobs, name in (("1", "one.yaml"), ("2", "two.yaml"), ("0", "all.yaml")):
        result = runner.invoke(app, ["extract", "articles", "-j", jobs, "--date", REFERENCE_DATE, "-o", name])
        assert result.exit_code == 0, result.output
    one = (workdir / "one.yaml").read_bytes()
    assert one == (workdir / "two.yaml").read_bytes() == (workdir / "all.yaml").read_bytes()
    assert [a.id for a in metaledger.load_ledger(workdir / "one.yaml").articles] == ["a", "b", "c", "meta-avocado"]


def test_jsonl_streams_article_then_claim_records(runner, workdir):
    _batch(workdir / "articles")
    result = runner.invoke(app, ["extract", "articles", "-j", "2", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    articles = [r["id"] for r in records if r["record"] == "article"]
    assert articles == ["a", "b", "c", "meta-avocado"]
    ledger = metaledger.extract_files([workdir / "articles"])
    assert sum(r["record"] == "claim" for r in records) == len(ledger.claims)
    current = None
    for record in records:  # every claim follows its own article's record
        if record["record"] == "article":
            current = record["id"]
        else:
            assert record["article"] == current


def test_a_bad_file_in_a_parallel_batch_is_one_line_exit_3(runner, workdir):
    _batch(workdir / "articles")
    (workdir / "articles" / "bad.txt").write_bytes(b"\x00\x01")
    result = runner.invoke(app, ["extract", "articles", "-j", "2", "-o", "x.yaml"])
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines()[-1].startswith("metaledger: error: articles/bad.txt: binary")
    assert not (workdir / "x.yaml").exists()


def test_missing_file_fails_before_any_work(runner, workdir):
    result = runner.invoke(app, ["extract", "articles/meta-avocado.txt", "nope.txt"])
    assert result.exit_code == 3
    assert "nope.txt: no such file" in result.stderr


def test_library_extract_files_with_jobs(workdir):
    _batch(workdir / "articles")
    serial = metaledger.extract_files([workdir / "articles"], reference_date=REFERENCE_DATE)
    parallel = metaledger.extract_files([workdir / "articles"], reference_date=REFERENCE_DATE, jobs=2)
    assert metaledger.dump_ledger(serial) == metaledger.dump_ledger(parallel)


def test_a_parallel_batch_leaves_the_callers_garbage_collector_as_it_was(workdir):
    import gc

    _batch(workdir / "articles")
    assert gc.get_freeze_count() == 0
    metaledger.extract_files([workdir / "articles"], reference_date=REFERENCE_DATE, jobs=2)
    assert gc.get_freeze_count() == 0  # frozen only while the workers ran


def test_re_extracting_in_parallel_keeps_the_other_articles_of_the_ledger(runner, workdir):
    _batch(workdir / "articles")
    (workdir / "other.txt").write_text("苹果公司在 2023 年裁员 50 人。", encoding="utf-8")
    assert runner.invoke(app, ["extract", "other.txt", "articles", "--date", REFERENCE_DATE, "-o", "l.yaml"]).exit_code == 0
    before = (workdir / "l.yaml").read_bytes()
    (workdir / "articles" / "c.txt").write_text("阿里巴巴宣布裁员 700 人。", encoding="utf-8")
    for jobs in ("2", "1"):
        result = runner.invoke(app, ["extract", "articles", "-j", jobs, "--date", REFERENCE_DATE, "-o", "l.yaml"])
        assert result.exit_code == 0, result.output
        ledger = metaledger.load_ledger(workdir / "l.yaml")
        assert [a.id for a in ledger.articles] == ["a", "b", "c", "meta-avocado", "other"]
        assert any(c.text == "700 人" for c in ledger.claims) and not any(c.text == "600 人" and c.article == "c" for c in ledger.claims)
    assert (workdir / "l.yaml").read_bytes() != before


def test_a_broken_ledger_stops_a_parallel_batch_and_stays_as_it_was(runner, workdir):
    _batch(workdir / "articles")
    (workdir / "l.yaml").write_text("schema: metaledger/1\narticles: [\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "articles", "-j", "2", "-o", "l.yaml"])
    assert result.exit_code == 3
    assert len(result.stderr.strip().splitlines()) == 1 and "l.yaml: not a valid ledger" in result.stderr
    assert (workdir / "l.yaml").read_text(encoding="utf-8") == "schema: metaledger/1\narticles: [\n"


def _slow_answer():
    import time

    time.sleep(1.0)
    return 42


def test_a_side_task_slower_than_the_batch_survives_a_caller_that_stops_reading():
    """Reading a big ledger can outlast extracting a few articles; a caller that takes its
    results through zip() abandons the batch, whose pool then closes: the side task's
    outcome must be kept first (this hung -j 2 runs into a large ledger)."""
    import gc

    from metaledger.batch import SideTask, iter_extracted

    from conftest import ARTICLE, FIXTURES

    task = SideTask(_slow_answer)
    paths = [ARTICLE, sorted((FIXTURES / "articles").glob("*.txt"))[0]]
    results = iter_extracted(paths, reference_date="2025-12-11", jobs=2, side_task=task)
    assert len([ledger for _, ledger in zip(paths, results)]) == 2
    results.close()  # what dropping the last reference does
    gc.collect()
    assert task._done  # settled before the pool closed, not left waiting on dead workers
    assert task.result() == 42


def test_two_articles_in_parallel_into_a_large_ledger_finish(workdir):
    """Reading the ledger (40 kept articles) outlasts extracting two short ones; the run used
    to wait forever on a side task its closed pool had killed."""
    import subprocess
    import sys

    from metaledger.ledger.store import save_ledger

    from conftest import ARTICLE

    big = workdir / "big"
    big.mkdir()
    text = ARTICLE.read_text(encoding="utf-8")
    for index in range(40):
        (big / f"kept{index:02d}.txt").write_text(text, encoding="utf-8")
    save_ledger(workdir / "l.yaml", metaledger.extract_files(sorted(big.glob("*.txt")), reference_date=REFERENCE_DATE, jobs=2))
    _batch(workdir / "articles")
    command = [sys.executable, "-m", "metaledger", "extract", "articles/a.txt", "articles/c.txt", "-j", "2", "--date", REFERENCE_DATE, "-o", "l.yaml"]
    done = subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(metaledger.load_ledger(workdir / "l.yaml").articles) == 42
