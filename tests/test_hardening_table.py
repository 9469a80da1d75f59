"""Every bad-input class in the README table, run through the CLI as a user would.

The table in the README's hardening section is the source of truth for the
message shape and exit code; this module only knows how to build each case.
A row without a builder, or a builder without a row, fails the suite, so the
documentation and the behaviour cannot drift apart.

Every case also checks what a failure must never do: print a traceback, print
more than one line, or change any file (an old ledger stays byte-identical
and no temporary file is left behind).
"""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import metaledger
from metaledger.cli import app

from conftest import GOLD, ROOT

README = ROOT / "README.md"
_SECTION = re.compile(r"<!-- section: hardening \(issue 9\) -->(.*?)<!-- end section: hardening -->", re.S)
_ROW = re.compile(r"^\| `([a-z0-9-]+)` \| [^|]+ \| `(metaledger: error: [^`]+)` \| (\d) \|$", re.M)
_PLACEHOLDERS = {"<path>": r"\S+", "<n>": r"\d+", "…": ".*"}

ARTICLE = "articles/meta-avocado.txt"
OTHER = "other.txt"  # a second article, so a broken ledger's meta-avocado records are not ones being replaced


@dataclass
class Invocation:
    args: list[str]
    env: dict[str, str] = field(default_factory=dict)  # set: run in a subprocess with this environment


def readme_rows() -> dict[str, tuple[str, int]]:
    section = _SECTION.search(README.read_text(encoding="utf-8"))
    assert section, "README has no hardening section"
    rows = {}
    for case_id, shape, code in _ROW.findall(section.group(1)):
        assert case_id not in rows, f"README lists {case_id} twice"
        rows[case_id] = (shape, int(code))
    return rows


def shape_pattern(shape: str) -> re.Pattern:
    pattern = re.escape(shape)
    for placeholder, regex in _PLACEHOLDERS.items():
        pattern = pattern.replace(re.escape(placeholder), regex)
    return re.compile(pattern)


CASES: dict[str, Callable[[Path, pytest.MonkeyPatch], Invocation]] = {}


def case(case_id: str):
    def register(build):
        CASES[case_id] = build
        return build

    return register


def _write(path: str, content: str | bytes) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


def _bad_article(case_id: str, content: str | bytes, name: str = "bad.txt") -> None:
    @case(case_id)
    def build(tmp, monkeypatch):
        _write(name, content)
        return Invocation(["extract", name])


# --- articles -------------------------------------------------------------------------------

_bad_article("empty", b"")
_bad_article("whitespace", b" \r\n\t \n")
_bad_article("ideographic-space", "\u3000\u3000\n")
_bad_article("bom-only", b"\xef\xbb\xbf")
_bad_article("nul-bytes", "新闻\x00正文".encode())
_bad_article("binary-format", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
_bad_article("docx", b"PK\x03\x04\x14\x00\x06\x00word/document.xml")
_bad_article("utf16-no-bom", "Meta 计划削减 600 人。扎克伯格表示这是必要的。".encode("utf-16-le"))
_bad_article("undecodable", bytes(range(0x80, 0x100)) * 4)
_bad_article("bad-utf8-after-bom", b"\xef\xbb\xbf" + "新闻".encode() + b"\xff\xfe")
_bad_article("broken-utf16", b"\xff\xfe\x00")
_bad_article("html-page", "<!DOCTYPE html>\n<html><head><title>新闻</title></head><body><p>正文。</p></body></html>")
_bad_article("xhtml-page", '<?xml version="1.0" encoding="utf-8"?>\n<!-- saved -->\n<html xmlns="http://www.w3.org/1999/xhtml">正文')
_bad_article("html-fragment", "<p>第一段。</p>\n<p>第二段。</p>\n<p>第三段。<br>续。</p>\n")
_bad_article("front-matter-bad-date", "---\ndate: 2025-13-40\n---\n正文。")
_bad_article("front-matter-broken", "---\ntitle: [unclosed\n---\n正文。")
_bad_article("front-matter-alias", "---\ntitle: &t 标题\nsource: *t\n---\n正文。")
_bad_article("front-matter-only", "---\ntitle: 标题\n---\n  \n")


@case("missing-file")
def _(tmp, monkeypatch):
    return Invocation(["extract", "nope.txt"])


CASES["path-too-long"] = lambda tmp, monkeypatch: Invocation(["extract", "a" * 5000 + ".txt"])


@case("empty-folder")
def _(tmp, monkeypatch):
    Path("empty").mkdir()
    return Invocation(["extract", "empty"])


@case("unreadable")
def _(tmp, monkeypatch):
    # Tests run as root, where chmod 000 still reads: simulate the permission error.
    _write("locked.txt", "正文。")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return Invocation(["extract", "locked.txt"])


@case("not-regular")
def _(tmp, monkeypatch):
    os.mkfifo("pipe.txt")  # reading it would block forever
    return Invocation(["extract", "pipe.txt"])


@case("too-large")
def _(tmp, monkeypatch):
    monkeypatch.setattr("metaledger.text.load.MAX_ARTICLE_BYTES", 1024)
    return Invocation(["extract", ARTICLE])


@case("bad-sidecar")
def _(tmp, monkeypatch):
    _write("articles/meta-avocado.meta.yaml", "date: [2025\n")
    return Invocation(["extract", ARTICLE])


@case("same-article-id")
def _(tmp, monkeypatch):
    _write("a/story.txt", "第一篇。")
    _write("b/story.txt", "第二篇。")
    return Invocation(["extract", "a/story.txt", "b/story.txt"])


# --- options --------------------------------------------------------------------------------

for _id, _args in {
    "bad-date": ["--date", "2025-13-01"],
    "date-not-a-date": ["--date", "yesterday"],
    "bad-format": ["--format", "xml"],
    "table-to-file": ["--format", "table", "-o", "x.yaml"],
    "check-to-stdout": ["--check", "-o", "-"],
    "unknown-option": ["--colour"],
}.items():
    CASES[_id] = lambda tmp, monkeypatch, _args=_args: Invocation(["extract", ARTICLE, *_args])

CASES["missing-argument"] = lambda tmp, monkeypatch: Invocation(["extract"])
CASES["unknown-command"] = lambda tmp, monkeypatch: Invocation(["extrakt", ARTICLE])
CASES["unencodable-stdout"] = lambda tmp, monkeypatch: Invocation(
    ["extract", ARTICLE, "--format", "yaml"], env={"PYTHONIOENCODING": "latin-1"}
)


# --- lexicons -------------------------------------------------------------------------------

CASES["lexicon-missing"] = lambda tmp, monkeypatch: Invocation(["extract", ARTICLE, "--lexicon", "names.yaml"])


@case("lexicon-broken")
def _(tmp, monkeypatch):
    _write("names.yaml", "- 扎克伯格\n- Meta\n")
    return Invocation(["extract", ARTICLE, "--lexicon", "names.yaml"])


@case("lexicon-bad-type")
def _(tmp, monkeypatch):
    _write("names.yaml", "entities:\n- canonical: 张三\n  type: HUMAN\n")
    return Invocation(["extract", ARTICLE, "--lexicon", "names.yaml"])


# --- ledgers (the -o target, read before anything is extracted) ------------------------------


def _ledger_case(case_id: str, mutate: Callable[[str], str | bytes]) -> None:
    @case(case_id)
    def build(tmp, monkeypatch):
        text = Path("claims.yaml").read_text(encoding="utf-8")
        broken = mutate(text)
        assert broken != text, f"{case_id}: the mutation changed nothing"
        _write("claims.yaml", broken)
        return Invocation(["extract", OTHER])


def _first_claim_field(text: str, key: str, value: str) -> str:
    """Replace the first '  key: …' line of a claim with value."""
    return re.sub(rf"^(  {key}: ).*$", rf"\g<1>{value}", text, count=1, flags=re.M)


_ledger_case("ledger-truncated", lambda t: t[: len(t) // 2] + "\n  - [")
_ledger_case("ledger-empty", lambda t: "")
_ledger_case("ledger-no-schema", lambda t: t.replace("schema: metaledger/1\n", ""))
_ledger_case("ledger-wrong-schema", lambda t: t.replace("schema: metaledger/1", "schema: metaledger/9"))
_ledger_case("ledger-not-mapping", lambda t: "- just\n- a list\n")
_ledger_case("ledger-bad-value", lambda t: _first_claim_field(t, "measure", "lots"))
_ledger_case("ledger-bad-number", lambda t: _first_claim_field(t, "value", "six hundred"))
_ledger_case("ledger-unknown-field", lambda t: re.sub(r"^(  rule: .*\n)", r"\1  colour: red\n", t, count=1, flags=re.M))
_ledger_case("ledger-unknown-section", lambda t: t + "notes: hand-written\n")
_ledger_case("ledger-moved-offset", lambda t: _first_claim_field(t, "start", "1"))
_ledger_case("ledger-alias-bomb", lambda t: t.replace("schema: metaledger/1\n", "schema: metaledger/1\nx: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"))
_ledger_case("ledger-alias-key", lambda t: t.replace("schema: metaledger/1\n", "schema: &s metaledger/1\n? *s\n: x\n"))
_ledger_case("ledger-merge-key", lambda t: t.replace("schema: metaledger/1\n", "schema: metaledger/1\n<<: {x: 1}\n"))
_ledger_case("ledger-python-tag", lambda t: t.replace("schema: metaledger/1", "schema: !!python/object/apply:os.system ['true']"))
_ledger_case("ledger-binary-tag", lambda t: _first_claim_field(t, "text", "!!binary 5pyA"))
_ledger_case("ledger-duplicate-key", lambda t: re.sub(r"^(  kind: \w+\n)", r"\1\1", t, count=1, flags=re.M))
_ledger_case("ledger-deep-nesting", lambda t: t + "deep: " + "[" * 100_000 + "]" * 100_000 + "\n")
_ledger_case("ledger-two-documents", lambda t: t + "---\nschema: metaledger/1\n")
_ledger_case("ledger-not-utf8", lambda t: t.encode("utf-8").replace("扎克伯格".encode(), "扎克伯格".encode("gb18030"), 1))


@case("ledger-duplicate-id")
def _(tmp, monkeypatch):
    text = Path("claims.yaml").read_text(encoding="utf-8")
    ids = re.findall(r"^- id: (\S+)$", text.split("\nclaims:\n", 1)[1], flags=re.M)
    _write("claims.yaml", text.replace(f"- id: {ids[1]}\n", f"- id: {ids[0]}\n", 1))
    return Invocation(["extract", OTHER])


@case("ledger-is-folder")
def _(tmp, monkeypatch):
    Path("folder.yaml").mkdir()
    return Invocation(["extract", OTHER, "-o", "folder.yaml"])


@case("ledger-is-fifo")
def _(tmp, monkeypatch):
    os.mkfifo("pipe.yaml")
    return Invocation(["extract", OTHER, "-o", "pipe.yaml"])


# --- writing (the disk fails; tests run as root, so errors are simulated) --------------------


def _failing(case_id: str, target: str, number: int) -> None:
    @case(case_id)
    def build(tmp, monkeypatch):
        def broken(*args, **kwargs):
            raise OSError(number, os.strerror(number))

        monkeypatch.setattr(tempfile if target == "mkstemp" else os, target, broken)
        return Invocation(["extract", OTHER])


_failing("write-no-space", "fsync", errno.ENOSPC)
_failing("write-read-only-fs", "mkstemp", errno.EROFS)
_failing("write-permission", "mkstemp", errno.EACCES)
_failing("write-rename-fails", "replace", errno.EXDEV)


@case("write-read-only-file")
def _(tmp, monkeypatch):
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if mode == os.W_OK else real(path, mode, **kw))
    return Invocation(["extract", OTHER])


CASES["write-missing-folder"] = lambda tmp, monkeypatch: Invocation(["extract", OTHER, "-o", "nowhere/claims.yaml"])


# --- eval -----------------------------------------------------------------------------------

CASES["eval-no-arguments"] = lambda tmp, monkeypatch: Invocation(["eval"])
CASES["eval-bad-format"] = lambda tmp, monkeypatch: Invocation(["eval", "claims.yaml", str(GOLD), "--format", "csv"])
CASES["eval-missing-gold"] = lambda tmp, monkeypatch: Invocation(["eval", "claims.yaml", "nope.gold.yaml"])
CASES["eval-missing-ledger"] = lambda tmp, monkeypatch: Invocation(["eval", "nope.yaml", str(GOLD)])


@case("eval-broken-ledger")
def _(tmp, monkeypatch):
    _write("claims.yaml", "schema: metaledger/1\narticles: {\n")
    return Invocation(["eval", "claims.yaml", str(GOLD)])


@case("eval-gold-record")
def _(tmp, monkeypatch):
    _write("bad.gold.yaml", "article: meta-avocado.txt\nentities:\n- {text: Meta, type: ORG, canonical: Meta}\n")
    return Invocation(["eval", "claims.yaml", "bad.gold.yaml"])


@case("eval-gold-alias")
def _(tmp, monkeypatch):
    _write("bad.gold.yaml", "a: &a [x, x]\nentities: [*a, *a]\n")
    return Invocation(["eval", "claims.yaml", "bad.gold.yaml"])


@case("eval-case-not-json")
def _(tmp, monkeypatch):
    _write("cases.jsonl", '{"text": "一", "expected": []}\n{"text": \n')
    return Invocation(["eval", "--cases", "cases.jsonl"])


@case("eval-case-record")
def _(tmp, monkeypatch):
    _write("cases.jsonl", '{"text": "涨了 5%", "expected": [{"text": "5%", "value": 5}]}\n')
    return Invocation(["eval", "--cases", "cases.jsonl"])


@case("eval-case-date")
def _(tmp, monkeypatch):
    _write("cases.jsonl", '{"id": 7, "text": "今天涨了 5%", "reference_date": "2025-13-40", "expected": []}\n')
    return Invocation(["eval", "--cases", "cases.jsonl"])


# --- the test ---------------------------------------------------------------------------------

ROWS = readme_rows()


def test_readme_table_and_cases_match():
    assert sorted(ROWS) == sorted(CASES), "README hardening table and test builders differ"


def _read(path: Path) -> bytes:
    with open(path, "rb") as handle:  # not Path.read_bytes, which a case may have patched
        return handle.read()


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): _read(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()  # is_file is False for a FIFO: never read one
    }


def _run(invocation: Invocation, runner) -> tuple[int, str, str]:
    if invocation.env:
        env = {**os.environ, **invocation.env}
        done = subprocess.run(
            [sys.executable, "-m", "metaledger", *invocation.args], capture_output=True, env=env, timeout=300
        )
        return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
    result = runner.invoke(app, invocation.args, prog_name="metaledger")
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def ledger_workdir(workdir, seed_ledger):
    (workdir / "claims.yaml").write_text(metaledger.dump_ledger(seed_ledger), encoding="utf-8")
    (workdir / OTHER).write_text("据新华社报道,2025 年 3 月某公司裁员 120 人。", encoding="utf-8")
    return workdir


@pytest.mark.parametrize("case_id", sorted(ROWS))
def test_bad_input_gives_one_documented_line_and_changes_nothing(case_id, ledger_workdir, runner, monkeypatch):
    shape, code = ROWS[case_id]
    invocation = CASES[case_id](ledger_workdir, monkeypatch)
    before = _files(ledger_workdir)
    exit_code, stdout, stderr = _run(invocation, runner)
    lines = stderr.strip().splitlines()
    assert "Traceback" not in stderr + stdout
    assert len(lines) == 1, stderr
    assert shape_pattern(shape).fullmatch(lines[0]), f"\n  got:      {lines[0]}\n  expected: {shape}"
    assert exit_code == code, stderr
    assert _files(ledger_workdir) == before  # nothing written, nothing half-written, no temporary left


def test_shapes_match_only_their_message():
    pattern = shape_pattern("metaledger: error: <path>: cannot write: folder <path> does not exist")
    assert pattern.fullmatch("metaledger: error: a/b.yaml: cannot write: folder a does not exist")
    assert not pattern.fullmatch("metaledger: error: a/b.yaml: cannot write: folder a does not exist!")
    assert not pattern.fullmatch("metaledger: error: a b.yaml: cannot write: folder a does not exist")
