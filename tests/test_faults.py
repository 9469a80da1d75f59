"""Crashes, concurrent writers and failing disks: the ledger on disk is always whole.

Processes are really killed (SIGKILL) and really run in parallel; disk errors
are simulated with monkeypatch because the tests run as root.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import metaledger
from metaledger.ledger.atomic import folder_lock, remove_stale_temporaries, write_atomic, write_text_atomic
from metaledger.errors import LedgerError
from metaledger.ledger.store import dump_ledger, load_ledger, save_ledger

from conftest import ARTICLE, REFERENCE_DATE

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

_PATIENCE = 120  # seconds a child may take to reach its pause point before the test gives up


def _child(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], stderr=subprocess.PIPE)


def _wait_for(marker: Path, child: subprocess.Popen) -> None:
    deadline = time.monotonic() + _PATIENCE
    while not marker.exists():
        if child.poll() is not None:
            raise AssertionError(f"child ended early: {child.stderr.read().decode()}")
        if time.monotonic() > deadline:
            child.kill()
            raise AssertionError("child never reached its pause point")
        time.sleep(0.02)


def _kill(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".claims.yaml.") and p.name.endswith(".tmp"))


@pytest.fixture
def old_ledger(tmp_path, seed_ledger) -> Path:
    target = tmp_path / "claims.yaml"
    target.write_text(dump_ledger(seed_ledger), encoding="utf-8")
    return target


_PAUSE_BEFORE_RENAME = """
    import os, sys, time
    import metaledger
    from metaledger.ledger.store import save_ledger

    target, marker = sys.argv[1], sys.argv[2]
    ledger = metaledger.extract_text("据新华社报道,2025 年 3 月某公司裁员 120 人。", article_id="other")

    def paused_replace(source, destination):
        open(marker, "w").write(source)   # the temporary is complete and fsynced
        time.sleep(600)                   # killed here, before the rename

    os.replace = paused_replace
    save_ledger(target, ledger)
"""

_PAUSE_MID_WRITE = """
    import io, os, sys, time
    import metaledger
    import metaledger.ledger.store as ledgers

    target, marker = sys.argv[1], sys.argv[2]
    ledger = metaledger.extract_text("据新华社报道,2025 年 3 月某公司裁员 120 人。", article_id="other")
    whole = ledgers.write_ledger_yaml

    def half_then_pause(value, handle):
        buffer = io.StringIO()
        whole(value, buffer)
        text = buffer.getvalue()
        handle.write(text[: len(text) // 2])
        handle.flush()
        os.fsync(handle.fileno())
        open(marker, "w").write("half")
        time.sleep(600)                   # killed with half a ledger in the temporary

    ledgers.write_ledger_yaml = half_then_pause
    ledgers.save_ledger(target, ledger)
"""


@pytest.mark.parametrize("script", [_PAUSE_BEFORE_RENAME, _PAUSE_MID_WRITE], ids=["before-rename", "mid-write"])
def test_sigkill_while_saving_keeps_the_old_ledger_and_the_next_save_cleans_up(old_ledger, script):
    before = old_ledger.read_bytes()
    marker = old_ledger.parent / "paused"
    child = _child(script, str(old_ledger), str(marker))
    _wait_for(marker, child)
    _kill(child)
    assert old_ledger.read_bytes() == before
    assert len(_temporaries(old_ledger.parent)) == 1  # the killed writer's, and nothing else
    assert load_ledger(old_ledger).articles[0].id == "meta-avocado"

    update = metaledger.extract_text("另一篇报道。", article_id="third")
    save_ledger(old_ledger, update)
    assert _temporaries(old_ledger.parent) == []
    assert [a.id for a in load_ledger(old_ledger).articles] == ["meta-avocado", "third"]


_WRITE_FOREVER = """
    import sys
    from pathlib import Path
    import metaledger
    from metaledger.ledger.store import dump_ledger, save_ledger

    folder = Path(sys.argv[1])
    text = Path(sys.argv[2]).read_text(encoding="utf-8") * 10   # a ledger of about a megabyte: slow enough to hit mid-write
    versions = [metaledger.extract_text(text, article_id="big", reference_date=date) for date in ("2025-12-11", "2024-01-02")]
    for name, ledger in zip(("a.expected", "b.expected"), versions):
        (folder / name).write_text(dump_ledger(ledger), encoding="utf-8")
    save_ledger(folder / "claims.yaml", versions[0], merge=False)
    (folder / "ready").write_text("ready")
    while True:
        for ledger in versions:
            save_ledger(folder / "claims.yaml", ledger, merge=False)
"""


def test_sigkill_at_random_moments_leaves_one_whole_version(tmp_path):
    """Kill a writer that alternates two big ledgers at random moments: the file is always one of them."""
    chance = random.Random(9)  # fixed seed: the same moments on every run
    for _ in range(5):
        for leftover in ("ready", "claims.yaml"):
            (tmp_path / leftover).unlink(missing_ok=True)
        child = _child(_WRITE_FOREVER, str(tmp_path), str(ARTICLE))
        _wait_for(tmp_path / "ready", child)
        time.sleep(chance.uniform(0.0, 1.5))
        _kill(child)
        content = (tmp_path / "claims.yaml").read_bytes()
        expected = {(tmp_path / name).read_bytes(): name for name in ("a.expected", "b.expected")}
        assert content in expected, "a killed writer left a mixed or partial ledger"
        assert len(_temporaries(tmp_path)) <= 1
        remove_stale_temporaries(tmp_path / "claims.yaml")
    assert load_ledger(tmp_path / "claims.yaml").articles[0].id == "big"


_EXTRACT = [sys.executable, "-m", "metaledger", "extract"]


def test_concurrent_extracts_into_one_ledger_lose_no_article(tmp_path):
    """Several processes extract different articles into the same -o file at once, round after round."""
    base = ARTICLE.read_text(encoding="utf-8")
    processes, rounds = 4, 3
    expected: set[str] = set()
    for round_number in range(rounds):
        names = []
        for index in range(processes):
            name = f"story-{round_number}-{index}"
            # Different articles (and different sizes) so the writers finish at different moments.
            (tmp_path / f"{name}.txt").write_text(f"第 {index} 篇。\n" + base * (index + 1), encoding="utf-8")
            names.append(name)
        children = [
            subprocess.Popen(
                [*_EXTRACT, f"{name}.txt", "-o", "shared.yaml", "--date", REFERENCE_DATE],
                cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )
            for name in names
        ]
        for child in children:
            assert child.wait(timeout=600) == 0, child.stderr.read().decode()
        expected.update(names)
        ledger = load_ledger(tmp_path / "shared.yaml")
        assert {a.id for a in ledger.articles} == expected
        assert {c.article for c in ledger.claims} == expected
    assert _temporaries(tmp_path) == []


def test_folder_lock_is_reentrant_and_exclusive_across_processes(tmp_path):
    target = tmp_path / "claims.yaml"
    with folder_lock(target), folder_lock(target):  # nested in one process: no self-deadlock
        write_text_atomic(target, "schema: metaledger/1\n")  # write_atomic takes the lock again
        probe = _child(
            """
            import fcntl, os, sys
            descriptor = os.open(sys.argv[1], os.O_RDONLY)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                sys.exit(7)
            """,
            str(tmp_path),
        )
        assert probe.wait(timeout=_PATIENCE) == 7  # another process cannot take it meanwhile
    probe = _child("import fcntl, os, sys; fcntl.flock(os.open(sys.argv[1], os.O_RDONLY), fcntl.LOCK_EX | fcntl.LOCK_NB)", str(tmp_path))
    assert probe.wait(timeout=_PATIENCE) == 0  # released on exit


def test_only_our_own_stale_temporaries_are_removed(tmp_path):
    names = [".claims.yaml.k3j_9x0a.tmp", ".claims.yaml.notes.tmp", ".other.yaml.abcdefgh.tmp", "claims.yaml.abcdefgh.tmp"]
    for name in names:
        (tmp_path / name).write_text("x")
    removed = remove_stale_temporaries(tmp_path / "claims.yaml")
    assert [p.name for p in removed] == [".claims.yaml.k3j_9x0a.tmp"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[1:])


@pytest.mark.parametrize(
    "number", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EIO, errno.EDQUOT], ids=["ENOSPC", "EROFS", "EACCES", "EIO", "EDQUOT"]
)
def test_a_failing_disk_mid_write_leaves_the_old_file_and_no_temporary(old_ledger, number):
    before = old_ledger.read_bytes()

    def write_then_fail(handle):
        handle.write("schema: metaledger/1\narticles:\n- id: half")
        raise OSError(number, os.strerror(number))

    with pytest.raises(LedgerError, match=rf"claims.yaml: cannot write: {os.strerror(number)} \(left unchanged\)"):
        write_atomic(old_ledger, write_then_fail)
    assert old_ledger.read_bytes() == before
    assert _temporaries(old_ledger.parent) == []


def test_text_utf8_cannot_encode_is_refused_not_half_written(old_ledger):
    before = old_ledger.read_bytes()
    with pytest.raises(LedgerError, match="UTF-8 cannot encode"):
        write_text_atomic(old_ledger, "schema: metaledger/1\ntitle: \ud800\n")
    assert old_ledger.read_bytes() == before
    assert _temporaries(old_ledger.parent) == []


def test_a_broken_ledger_is_never_replaced_by_a_merge(tmp_path):
    target = tmp_path / "claims.yaml"
    target.write_text("schema: metaledger/1\narticles: [\n", encoding="utf-8")
    with pytest.raises(LedgerError, match="invalid YAML"):
        save_ledger(target, metaledger.extract_text("一篇。", article_id="x"))
    assert target.read_text(encoding="utf-8") == "schema: metaledger/1\narticles: [\n"


def test_saving_keeps_the_file_mode(old_ledger):
    old_ledger.chmod(0o640)
    save_ledger(old_ledger, metaledger.extract_text("一篇。", article_id="x"))
    assert old_ledger.stat().st_mode & 0o777 == 0o640


def test_reextracting_an_article_replaces_even_a_hand_edit_that_broke_it(old_ledger):
    """Claims of the article being re-extracted are not validated: they are replaced, not trusted."""
    text = old_ledger.read_text(encoding="utf-8").replace("  measure: count", "  measure: lots", 1)
    old_ledger.write_text(text, encoding="utf-8")
    with pytest.raises(LedgerError, match="measure"):
        load_ledger(old_ledger)
    fresh = metaledger.extract_file(ARTICLE, reference_date=REFERENCE_DATE)
    save_ledger(old_ledger, fresh)
    assert load_ledger(old_ledger) == fresh


def test_the_lock_forgets_folders_it_no_longer_holds(tmp_path):
    from metaledger.ledger import atomic

    for index in range(20):
        folder = tmp_path / str(index)
        folder.mkdir()
        with folder_lock(folder / "claims.yaml"):
            assert str(folder.resolve()) in atomic._held
    assert not any(key.startswith(str(tmp_path.resolve())) for key in atomic._held)


def test_threads_saving_into_one_ledger_lose_no_article(tmp_path):
    import threading

    target = tmp_path / "claims.yaml"
    updates = [metaledger.extract_text(f"第 {i} 篇报道,裁员 {i} 人。", article_id=f"t{i}") for i in range(8)]
    errors = []

    def save(update):
        try:
            save_ledger(target, update)
        except Exception as error:  # noqa: BLE001 — collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=save, args=(update,), daemon=True) for update in updates]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=_PATIENCE)
        assert not thread.is_alive(), "threads deadlocked on the folder lock"
    assert errors == []
    assert [a.id for a in load_ledger(target).articles] == sorted(f"t{i}" for i in range(8))
