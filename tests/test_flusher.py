"""The WAL flusher: it syncs the archive's WAL after commits, and never outlives the archive."""

import os
import sqlite3
import threading
from pathlib import Path

import pytest
from conftest import Run

from newsarc import flusher
from newsarc.flusher import WalFlusher


def flusher_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "wal-flusher"]


def wal_archive(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("CREATE TABLE t (x)")
    db.execute("INSERT INTO t VALUES (1)")
    db.commit()
    return db


def test_a_commit_syncs_the_wal_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.db"
    db = wal_archive(path)
    synced_inodes: list[int] = []
    done = threading.Event()

    def record(descriptor: int) -> None:
        synced_inodes.append(os.fstat(descriptor).st_ino)
        done.set()

    monkeypatch.setattr(flusher, "_sync", record)
    wal = WalFlusher(str(path))
    wal.committed()
    assert done.wait(timeout=10)
    wal.close()
    assert synced_inodes == [os.stat(f"{path}-wal").st_ino]
    assert flusher_threads() == []
    wal.committed()  # after close: ignored, no thread comes back
    assert flusher_threads() == []
    db.close()


def test_a_missing_wal_stops_the_flusher_quietly(tmp_path: Path) -> None:
    wal = WalFlusher(str(tmp_path / "never-made.db"))
    wal.committed()
    wal.close()
    assert flusher_threads() == []


def test_an_ingest_leaves_no_flusher_behind_and_loses_nothing(
    run: Run, inbox: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(flusher, "_sync", lambda descriptor: None)  # no disk waits in tests
    result = run("ingest", str(inbox))
    assert result.exit_code == 0, result.output
    assert flusher_threads() == []
    assert not Path(f"{db_path}-wal").exists()  # the archive was closed after the flusher
    with sqlite3.connect(db_path) as db:
        (stored,) = db.execute("SELECT count(*) FROM articles").fetchone()
    files = [path for path in inbox.rglob("*") if path.is_file()]
    assert stored == len(files)
