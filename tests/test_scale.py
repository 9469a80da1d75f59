"""The Dask example runs the library over a corpus with the synchronous scheduler."""

from __future__ import annotations

import importlib.util
import json

import pytest

import metaledger

from conftest import ARTICLE, REFERENCE_DATE, ROOT

pytest.importorskip("dask.bag")


def _load_script():
    spec = importlib.util.spec_from_file_location("dask_extract", ROOT / "scripts" / "dask_extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dask_bag_partitions_write_the_same_claims_as_extract(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(3):
        (corpus / f"copy{index}.txt").write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    paths = [str(p) for p in sorted(corpus.glob("*.txt"))]
    written = _load_script().extract_corpus(paths, str(tmp_path / "out"), workers=2, reference_date=REFERENCE_DATE, scheduler="synchronous")
    assert len(written) == 2
    records = [json.loads(line) for name in sorted(written) for line in open(name, encoding="utf-8")]
    expected = metaledger.extract_files(paths, reference_date=REFERENCE_DATE)
    assert [r["id"] for r in records if r["record"] == "article"] == ["copy0", "copy1", "copy2"]
    assert [r["id"] for r in records if r["record"] == "claim"] == [c.id for c in expected.claims]
