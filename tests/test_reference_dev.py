"""The reference date of every development article (../shared/articles/dev and wenchuan/):
from a sidecar or a dateline, or none at all, never a year the text merely names (issue 16).

The articles are research data outside the repository: without the folder (CI) the tests
skip, saying so. SHARED=path points them elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import metaledger
from metaledger.extraction import extract_text

from conftest import ROOT

DEV = Path(os.environ.get("SHARED", ROOT.parent / "shared")) / "articles" / "dev"
pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason=f"no development articles at {DEV} (shared data; set SHARED)")

# article → (reference_date, source) as `metaledger extract` reads it (sidecars honoured),
# and what the text alone gives: (reference_date, source, candidate). A candidate is a year
# the text names; it is recorded, never used.
EXPECTED = {
    "cctv-20250616": (("2025-06-16", "sidecar"), (None, None, None)),
    "cctv-20250731": (("2025-07-31", "sidecar"), (None, None, None)),
    "cctv-20250914": (("2025-09-14", "sidecar"), (None, None, "2024")),
    "cctv-20251107": (("2025-11-07", "sidecar"), (None, None, None)),
    "cec-earthquake-b3fca93c": (("2014-04-11", "text"), ("2014-04-11", "text", None)),
    "cec-fire-53b5a8f9": (("2009-04-19", "text"), ("2009-04-19", "text", None)),
    "cec-food_poisoning-90312b24": (("2014-03-13", "text"), ("2014-03-13", "text", None)),
    "cec-terror-a0ffe85c": (("2008-09-21", "text"), ("2008-09-21", "text", None)),
    "cec-traffic-c7833896": (("2011-12-09", "text"), ("2011-12-09", "text", None)),
    "tech-007fd4c2": ((None, None), (None, None, "2015")),
    "tech-3a579280": ((None, None), (None, None, "2013")),
    "tech-57e633da": ((None, None), (None, None, None)),
    "tech-6fad327b": ((None, None), (None, None, None)),
    "tech-73b7c122": ((None, None), (None, None, "2016")),
    "tech-7f8d6779": ((None, None), (None, None, None)),
    "tech-be07746e": ((None, None), (None, None, None)),
    "wenchuan/cec-earthquake-60e382e1": (("2008-08-30", "sidecar"), ("2008-08-30", "text", None)),
    "wenchuan/cec-earthquake-65433e54": (("2008-05-12", "sidecar"), ("2008-05-12", "text", None)),
    "wenchuan/cec-earthquake-6caa17fb": (("2008-05-12", "sidecar"), ("2008-05-12", "text", None)),
    "wenchuan/cec-earthquake-756f2361": (("2008-05-12", "sidecar"), ("2008-05-12", "text", None)),
    "wenchuan/cec-earthquake-76a3a9af": (("2008-05-12", "sidecar"), ("2008-05-12", "text", None)),
    "wenchuan/cec-earthquake-c4a13111": (("2008-05-12", "sidecar"), ("2008-05-12", "text", None)),
    "wenchuan/cec-earthquake-ed40ba2d": (("2008-05-12", "sidecar"), ("2008-05-12", "text", None)),
}
# Rules whose value is the reference itself (今年, 目前): without a reference they must stay symbolic.
_FROM_THE_REFERENCE = {"date.year_relative", "date.present"}


def test_every_development_article_is_listed():
    found = {p.relative_to(DEV).with_suffix("").as_posix() for p in [*DEV.glob("*.txt"), *DEV.glob("wenchuan/*.txt")]}
    assert found == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reference_date_of_each_article(name):
    path = DEV / f"{name}.txt"
    (value, source), text_only = EXPECTED[name]
    ledger = metaledger.extract_file(path)
    article = ledger.articles[0]
    assert (article.reference_date, article.reference_date_source) == (value, source)
    alone = extract_text(path.read_text(encoding="utf-8"), article_id="alone").articles[0]
    assert (alone.reference_date, alone.reference_date_source, alone.reference_date_candidate) == text_only
    if alone.reference_date_candidate:
        assert "not used" in alone.reference_date_note
    if value is None:
        # no relative date resolved against a year the text only mentions
        guessed = [c.text for c in ledger.claims if c.kind == "date" and c.rule in _FROM_THE_REFERENCE and c.start_date]
        assert guessed == []
