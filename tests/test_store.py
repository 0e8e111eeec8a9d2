"""The archive file: schema history, conventions other tools rely on, refusals."""

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from newsarc.errors import ArchiveError
from newsarc.migrations import migrations
from newsarc.sql import SCHEMA_STEPS
from newsarc.store import Archive


def test_schema_steps_name_every_migration(tmp_path: Path) -> None:
    empty = Database(tmp_path / "empty.db")
    assert tuple(m.name for m in migrations.pending(empty)) == SCHEMA_STEPS


def test_new_archive_is_wal_with_large_pages(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    Archive.open(str(path), create=True).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("PRAGMA page_size").fetchone() == (16384,)
        triggers = {
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
    assert triggers == {"articles_ai", "articles_ad", "articles_au"}
    assert Database(path)["articles"].detect_fts() == "articles_fts"


def test_new_archive_tunes_its_full_text_index_for_large_ingests(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    Archive.open(str(path), create=True).close()
    with sqlite3.connect(path) as db:
        config = dict(db.execute("SELECT k, v FROM articles_fts_config WHERE k != 'version'"))
    assert config == {"hashsize": 33554432, "automerge": 16, "crisismerge": 32}


def test_newer_archive_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    Archive.open(str(path), create=True).close()
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('newsarc', 'm999_future', 'x')"
        )
    before = path.read_bytes()
    with pytest.raises(ArchiveError, match="newer version of newsarc"):
        Archive.open(str(path))
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a database at all, just text" * 100, "not a newsarc archive"),
        (None, "not a newsarc archive"),
    ],
    ids=["text-file", "other-sqlite"],
)
def test_files_that_are_not_archives_are_refused(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "other.db"
    if content is None:
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE notes (text)")
    else:
        path.write_bytes(content)
    with pytest.raises(ArchiveError, match=message):
        Archive.open(str(path))


def test_newsarc_runs_on_a_recent_sqlite_with_full_text_search() -> None:
    from newsarc.engine import sqlite3 as engine

    assert engine.sqlite_version_info >= (3, 45)  # the JSON functions exports lean on
    db = engine.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body)")


def test_none_and_bytes_are_bound_as_null_and_blob() -> None:
    from newsarc.engine import sqlite3 as engine

    db = engine.connect(":memory:")
    db.execute("CREATE TABLE t (a, b, c)")
    db.execute("INSERT INTO t VALUES (?, ?, ?)", (None, b"\x00\xff", "text"))
    row = db.execute("SELECT typeof(a), typeof(b), b, typeof(c) FROM t").fetchone()
    assert row == ("null", "blob", b"\x00\xff", "text")


def test_archive_written_by_newsarc_is_read_and_searched_by_the_systems_sqlite(
    ingested: Path, db_path: Path
) -> None:
    """Other tools (sqlite-utils, Datasette, the sqlite3 shell) use the system's SQLite."""
    from newsarc.engine import sqlite3 as engine

    search = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'idlib' ORDER BY rowid"
    with engine.connect(db_path) as db:
        ours = db.execute(search).fetchall()
    with sqlite3.connect(db_path) as db:
        assert db.execute(search).fetchall() == ours
        db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert len(ours) == 3  # the three sample articles that name Idlib
