"""`make scores`: the scoreboard script reads a shared folder and prints one row per figure."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys

from conftest import ROOT


def _scores():
    spec = importlib.util.spec_from_file_location("scores", ROOT / "scripts" / "scores.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["scores"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def _shared(tmp_path):
    shared = tmp_path / "shared"
    (shared / "gold" / "dev").mkdir(parents=True)
    (shared / "eval").mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "gold" / "meta-avocado.gold.yaml", shared / "gold")
    cases = (ROOT / "tests" / "fixtures" / "eval" / "numbers.dev.jsonl").read_text(encoding="utf-8").splitlines()[:5]
    (shared / "eval" / "numbers.dev.jsonl").write_text("\n".join(cases) + "\n", encoding="utf-8")
    (shared / "eval" / "someday.dev.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    return shared


def test_scoreboard_rows_cover_gold_sections_and_every_case_file(tmp_path, capsys):
    assert _scores().main(["--shared", str(_shared(tmp_path)), "--format", "json"]) == 0
    rows = {row["set"]: row for row in json.loads(capsys.readouterr().out)}
    for section in ("entities", "dates", "figures", "events"):
        assert rows[f"bundled gold {section}"]["f1"] >= 0.95
        assert rows[f"dev gold {section}"]["note"] == "no dev gold found"
    assert rows["numbers.dev.jsonl"]["cases"] == 5
    assert "unknown case format" in rows["someday.dev.jsonl"]["note"]


def test_scoreboard_table_and_a_missing_folder(tmp_path, capsys):
    scores = _scores()
    assert scores.main(["--shared", str(_shared(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "bundled gold entities" in out and "numbers.dev.jsonl" in out
    assert scores.main(["--shared", str(tmp_path / "nowhere")]) == 3
    assert "no such folder" in capsys.readouterr().err
