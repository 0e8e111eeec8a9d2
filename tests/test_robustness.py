"""What an archive must survive: killed ingests, a second process, read-only files, odd inputs."""

import contextlib
import gc
import gzip
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, ROOT, SAMPLES, Run

from newsarc import ingest as ingest_module
from newsarc import store as store_module
from newsarc.ingest import Options, reindex
from newsarc.lsh import PACKED_KEYS
from newsarc.similarity import BANDS, fingerprint
from newsarc.store import Archive

FIXTURES = Path(__file__).parent / "fixtures"
WORDS = [
    "the",
    "court",
    "ruled",
    "on",
    "appeal",
    "after",
    "months",
    "of",
    "talks",
    "between",
    "unions",
    "ministers",
    "and",
    "employers",
]


def write_articles(folder: Path, count: int) -> Path:
    """`count` distinct small articles in the shapes newsarc reads, 100 to a folder."""
    for number in range(count):
        sub = folder / f"{number // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        body = " ".join(WORDS[(number + i) % len(WORDS)] for i in range(120))
        (sub / f"{number:05d}.txt").write_text(
            f"Story number {number} about {WORDS[number % len(WORDS)]}\n"
            f"POST TIME: {number % 28 + 1} March, 2020 00:00 00 AM\nAFP, Moscow\n\n"
            f"MOSCOW (AP) — Item {number}. {body}.\n\nSecond paragraph {number}.\n",
            encoding="utf-8",
        )
    return folder


STARTED: list[subprocess.Popen[str]] = []


def newsarc(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """newsarc in a process group of its own: its workers and no other process share it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "newsarc", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )
    STARTED.append(process)
    return process


@pytest.fixture(autouse=True)
def no_process_left() -> Iterator[None]:
    """A test that fails midway must not leave an ingest or its workers running."""
    yield
    while STARTED:
        process = STARTED.pop()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


def group_ends(leader: int, within: float) -> bool:
    """Whether every process of `leader`'s group is gone within `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(leader, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def check_archive(path: Path) -> int:
    """Assert the archive is whole and consistent; return how many articles it holds."""
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert db.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0] == articles
        orphans = db.execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM sources)"
        ).fetchone()[0]
        dangling = db.execute(
            "SELECT count(*) FROM sources WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        assert (orphans, dangling) == (0, 0)
        triggers = {
            n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        assert triggers == {"articles_ai", "articles_ad", "articles_au"}
        return int(articles)


@pytest.fixture(scope="module")
def pile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """3,000 article files and how long one ingest of them takes here."""
    folder = write_articles(tmp_path_factory.mktemp("pile"), 3000)
    db = tmp_path_factory.mktemp("timing") / "archive.db"
    started = time.perf_counter()
    process = newsarc("ingest", "--db", str(db), str(folder))
    process.communicate()
    assert process.returncode == 0
    return folder, time.perf_counter() - started


KILL_POINTS = [(signal.SIGINT, i / 10) for i in range(10)] + [
    (signal.SIGKILL, i / 10) for i in range(10)
]


@pytest.mark.parametrize(
    ("sent", "fraction"), KILL_POINTS, ids=[f"{s.name}-{f:.1f}" for s, f in KILL_POINTS]
)
def test_interrupted_ingest_leaves_a_whole_archive_and_resumes(
    pile: tuple[Path, float], tmp_path: Path, sent: signal.Signals, fraction: float
) -> None:
    folder, duration = pile
    db = tmp_path / "archive.db"
    process = newsarc("ingest", "--db", str(db), str(folder))
    while not db.exists() and process.poll() is None:
        time.sleep(0.005)
    time.sleep(fraction * duration * 0.9)
    process.send_signal(sent)
    stdout, _ = process.communicate(timeout=60)
    assert group_ends(process.pid, within=5), "a worker outlived its ingest"
    if process.returncode != 0:  # it may have finished before the signal came
        expected = 130 if sent == signal.SIGINT else -signal.SIGKILL
        assert process.returncode == expected
        if sent == signal.SIGINT:
            assert "Interrupted" in stdout or stdout == ""
    stored = check_archive(db)
    if said := re.search(r"^Interrupted after \d+ inputs?: (\d+) new", stdout):
        assert int(said.group(1)) == stored  # every window stored was counted
    assert 0 <= stored <= 3000
    finish = newsarc("ingest", "--json", "--db", str(db), str(folder))
    out, _ = finish.communicate(timeout=120)
    assert finish.returncode == 0
    report = json.loads(out)
    assert report["new"] + report["unchanged"] == 3000
    assert report["new"] == 3000 - stored
    assert check_archive(db) == 3000


def test_ctrl_c_reports_what_was_stored(pile: tuple[Path, float], tmp_path: Path) -> None:
    folder, duration = pile
    db = tmp_path / "archive.db"
    process = newsarc("ingest", "--db", str(db), str(folder))
    while not db.exists():
        time.sleep(0.005)
    time.sleep(duration * 0.3)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stdout.startswith("Interrupted after ") and "What was stored is kept." in stdout
    assert "Traceback" not in stderr


def test_readers_work_while_an_ingest_writes(pile: tuple[Path, float], tmp_path: Path) -> None:
    folder, _ = pile
    db = tmp_path / "archive.db"
    writer = newsarc("ingest", "--db", str(db), str(folder))
    seen = 0
    while writer.poll() is None:
        search = subprocess.run(
            [sys.executable, "-m", "newsarc", "search", "--db", str(db), "--count", "court"],
            cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        if search.returncode == 1 and (
            "is empty" in search.stderr or "No archive" in search.stderr
        ):
            continue  # nothing committed yet
        assert search.returncode == 0, search.stderr
        count = int(search.stdout)
        assert count >= seen
        seen = count
        for command in (
            ["show", "1"],
            ["export", "--jsonl", "-o", os.devnull],
            ["stats", "--json"],
        ):
            result = subprocess.run(
                [sys.executable, "-m", "newsarc", *command, "--db", str(db)],
                cwd=ROOT, capture_output=True, text=True,
            )  # fmt: skip
            assert result.returncode == 0, result.stderr
    assert writer.returncode == 0
    assert check_archive(db) == 3000


@pytest.mark.parametrize(
    "command",
    [["search", "idlib"], ["show", "1"], ["export", "--jsonl"], ["stats"]],
    ids=lambda c: c[0],
)
def test_readers_are_not_blocked_by_an_open_write(
    ingested: Path, db_path: Path, command: list[str]
) -> None:
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE articles SET headline = 'being rewritten' WHERE id = 1")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "newsarc", *command, "--db", str(db_path)],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert (result.returncode, result.stderr) == (0, "")
    assert "being rewritten" not in result.stdout  # readers see the last committed state


def test_two_ingests_at_once_both_finish(pile: tuple[Path, float], tmp_path: Path) -> None:
    folder, _ = pile
    db = tmp_path / "archive.db"
    first = newsarc("ingest", "--json", "--db", str(db), str(folder))
    second = newsarc("ingest", "--json", "--db", str(db), str(folder), str(DATA))
    reports = [json.loads(p.communicate(timeout=120)[0]) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0]
    assert check_archive(db) == 3006
    assert sum(r["new"] for r in reports) == 3006
    assert reports[1]["inputs"] == 3006


def test_a_locked_archive_gives_a_clear_message(run: Run, db_path: Path) -> None:
    run("ingest", str(DATA / "title-first-broadband.txt"))
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        process = newsarc(
            "ingest", "--db", str(db_path), str(SAMPLES / "title_first.txt"),
            env={"NEWSARC_LOCK_TIMEOUT": "0.3"},
        )  # fmt: skip
        _, stderr = process.communicate(timeout=60)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert process.returncode == 1
    assert stderr.startswith("Error: The archive stayed locked by another process for 0.3 s")
    assert "Traceback" not in stderr
    assert run("search", "--count", "broadband").stdout == "1\n"


@pytest.mark.parametrize(
    "command",
    [["export", "--jsonl"], ["export", "--csv"], ["export", "idlib"], ["search", "idlib"],
     ["show", "1"], ["stats"]],
    ids=lambda c: " ".join(c),
)  # fmt: skip
def test_a_damaged_archive_gives_a_clear_message(
    ingested: Path, db_path: Path, command: list[str]
) -> None:
    with db_path.open("r+b") as damaged:  # pages of its tables and indexes zeroed
        damaged.seek(3 * 16384)
        damaged.write(bytes(6 * 16384))
    process = newsarc(*command, "--db", str(db_path))
    stdout, stderr = process.communicate(timeout=60)
    assert (process.returncode, stdout) == (1, "")
    assert stderr == "Error: The archive could not be used: database disk image is malformed\n"


@pytest.mark.parametrize(
    "command",
    [["search", "idlib"], ["search", "idlib", "--json"], ["show", "3"], ["show", "3", "--raw"],
     ["export", "--csv"], ["stats"]],
    ids=lambda c: " ".join(c),
)  # fmt: skip
def test_reading_never_modifies_a_read_only_archive(
    ingested: Path, run: Run, db_path: Path, command: list[str]
) -> None:
    for suffix in ("-wal", "-shm"):
        assert not Path(f"{db_path}{suffix}").exists()  # a closed archive is one file
    before = db_path.read_bytes()
    db_path.chmod(0o444)
    try:
        result = run(*command)
    finally:
        db_path.chmod(0o644)
    assert result.exit_code == 0, result.stderr
    assert db_path.read_bytes() == before


def test_archive_of_the_first_released_schema_opens_with_its_data(tmp_path: Path, run: Run) -> None:
    archive = tmp_path / "first.db"
    archive.write_bytes((FIXTURES / "archive-schema-1.db").read_bytes())
    upgrade = run("export", "--db", str(archive))
    assert upgrade.stderr.startswith(f"Upgrading {archive} for this version of newsarc")
    records = json.loads(upgrade.stdout)
    assert [r["headline"] for r in records][:1] == [
        "Russia and Turkey agree on cease-fire in Syria's Idlib province"
    ]
    assert len(records) == 6
    search = run("search", "--db", str(archive), "idlib", "--count")
    assert (search.stdout, search.stderr) == ("3\n", "")  # upgraded once only
    again = json.loads(run("ingest", "--db", str(archive), "--json", str(DATA)).stdout)
    assert (again["new"], again["unchanged"] + again["duplicate"]) == (0, 6)


def test_failed_reindex_leaves_the_archive_as_it_was(
    ingested: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = db_path.read_bytes()
    calls = 0

    def failing(text: str, *, dayfirst: bool | None = None) -> object:
        nonlocal calls
        calls += 1
        if calls == 4:
            raise RuntimeError("parser bug")
        return real(text, dayfirst=dayfirst)

    real = ingest_module.normalize_cleaned
    monkeypatch.setattr(ingest_module, "normalize_cleaned", failing)
    monkeypatch.setattr(ingest_module, "ARTICLE_COLUMNS", ("headline",))
    archive = Archive.open(str(db_path), write=True)
    archive.db.execute("UPDATE articles SET headline = 'stale' WHERE id < 4")
    archive.db.commit()
    stale = archive.db.execute("SELECT id, headline FROM articles ORDER BY id").fetchall()
    with pytest.raises(RuntimeError):
        reindex(archive)
    assert archive.db.execute("SELECT id, headline FROM articles ORDER BY id").fetchall() == stale
    archive.close()
    assert before != db_path.read_bytes()  # the 'stale' update landed, the reindex did not


def test_interrupted_reindex_says_nothing_changed(
    run: Run, ingested: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0

    def interrupted(text: str, *, dayfirst: bool | None = None) -> object:
        nonlocal calls
        calls += 1
        if calls == 4:
            raise KeyboardInterrupt
        article = real(text, dayfirst=dayfirst)
        article.headline = "changed"  # the three before are changed, then rolled back
        return article

    real = ingest_module.normalize_cleaned
    before = run("export", "--jsonl").stdout
    monkeypatch.setattr(ingest_module, "normalize_cleaned", interrupted)
    result = run("reindex", "--no-clusters")
    assert (result.exit_code, result.stdout) == (130, "")
    assert (
        result.stderr == "Interrupted: the archive is as it was (reindex changes all or nothing).\n"
    )
    assert run("export", "--jsonl").stdout == before  # clusters kept too


def test_symlink_loops_odd_names_and_fifos(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "loop").symlink_to(folder)
    (folder / "sub" / "loop.txt").symlink_to(folder)
    os.mkfifo(folder / "pipe.txt")
    names = ["new\nline.txt", "tab\tand space.txt", "ünïcode-名前.txt", "-dash.txt"]
    for name in names:
        (folder / name).write_bytes(
            (DATA / "title-first-broadband.txt").read_bytes().replace(b"five", name.encode())
        )
    raw_name = os.fsencode(folder) + b"/latin1-\xe9.txt"
    with open(raw_name, "wb") as handle:
        handle.write(b"Caf\xe9 prices rise\n\nPrices rose in caf\xe9s.\n")
    for name, start in [("paper.txt", b"%PDF-1.4\n%\xe2\xe3"), ("notes.txt", b"{\\rtf1\\ansi Hi}")]:
        (folder / name).write_bytes(start)
    (folder / "crawl.txt").write_bytes(gzip.compress(b'{"title": "A", "text": "B"}\n'))
    result = run("ingest", "--json", str(folder))
    report = json.loads(result.stdout)
    assert (report["new"], report["failed"]) == (5, 4)
    reasons = {Path(f["source"]).name: f["reason"] for f in report["failures"]}
    assert reasons == {  # the links to folders (loop, loop.txt) are not followed
        "pipe.txt": ingest_module.NOT_A_FILE,
        "paper.txt": "a PDF document, not text: save it as plain text first",
        "notes.txt": "an RTF document, not text: save it as plain text first",
        "crawl.txt": "gzip-compressed, not text: decompress it first, or pipe it in"
        " (zcat FILE | newsarc ingest -)",
    }
    paths = [
        json.loads(line)["source_path"] for line in run("export", "--jsonl").stdout.splitlines()
    ]
    assert str(folder / "latin1-\\xe9.txt") in paths  # the undecodable byte, spelled out


def test_a_large_single_line_is_refused_in_bounded_time(run: Run, tmp_path: Path) -> None:
    big = tmp_path / "one-line.txt"
    big.write_text("word " * 2_000_000, encoding="utf-8")  # 10 MB, no line break
    result = json.loads(run("ingest", "--json", str(big)).stdout)
    assert result["failures"] == [
        {"source": str(big), "reason": "no headline: the text starts with a body paragraph"}
    ]


def test_size_limit_is_a_setting(run: Run, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"Headline\n\n" + b"word " * 250_000)
    refused = json.loads(run("ingest", "--json", "--max-size", "1", str(big)).stdout)
    assert refused["failures"][0]["reason"].startswith(
        "file too large (1.2 MB, 1,250,010 bytes; the limit is 1 MB: raise it with --max-size)"
    )
    assert json.loads(run("ingest", "--json", "--max-size", "2", str(big)).stdout)["new"] == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_reported(run: Run, tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("Headline\n\nBody.\n", encoding="utf-8")
    locked.chmod(0)
    report = json.loads(run("ingest", "--json", str(locked)).stdout)
    assert report["failures"] == [{"source": str(locked), "reason": "Permission denied"}]


def test_unreadable_file_is_reported_whoever_runs_the_tests(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads any file, so the refusal the file system would give is made here instead."""
    locked = tmp_path / "locked.txt"
    locked.write_text("Headline\n\nBody.\n", encoding="utf-8")

    real_open = os.open

    def refuse(path: str, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    report = json.loads(
        run("ingest", "--json", str(locked), str(DATA / "title-first-broadband.txt")).stdout
    )
    assert (report["new"], report["failures"]) == (
        1,
        [{"source": str(locked), "reason": "Permission denied"}],
    )


def test_size_limit_defaults_to_ten_megabytes() -> None:
    assert Options().max_bytes == 10 * 1024 * 1024


@pytest.fixture
def read_only_medium(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A folder and the same folder mounted read-only (skipped where mounting is not allowed)."""
    source, mounted = tmp_path / "source", tmp_path / "mounted"
    source.mkdir()
    mounted.mkdir()
    bind = subprocess.run(["mount", "--bind", str(source), str(mounted)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip("mounting is not allowed here")
    try:
        remount = subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(mounted)], capture_output=True
        )
        if remount.returncode != 0:
            pytest.skip("read-only remounting is not allowed here")
        yield source, mounted
    finally:
        subprocess.run(["umount", str(mounted)], check=True)


@pytest.mark.parametrize(
    "command",
    [["search", "idlib"], ["show", "3", "--json"], ["export", "--jsonl"], ["stats"]],
    ids=lambda c: c[0],
)
def test_reading_from_a_read_only_medium(
    read_only_medium: tuple[Path, Path], run: Run, command: list[str]
) -> None:
    source, mounted = read_only_medium
    assert run("ingest", "--db", str(source / "archive.db"), str(DATA)).exit_code == 0
    result = run(*command, "--db", str(mounted / "archive.db"))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout
    writing = run("ingest", "--db", str(mounted / "archive.db"), str(DATA))
    assert writing.exit_code == 1 and "Traceback" not in writing.stderr


def test_archive_with_clusters_of_the_third_schema_keeps_them(tmp_path: Path, run: Run) -> None:
    """Its signatures were made with another word hash and its LSH keys with 20 bands of 3
    rows: the upgrade remakes both, so a new copy of the story still finds its cluster."""
    archive = tmp_path / "third.db"
    archive.write_bytes((FIXTURES / "archive-schema-3.db").read_bytes())
    clusters = run("dupes", "--db", str(archive), "--json")
    assert [c["size"] for c in json.loads(clusters.stdout)] == [6]
    db = sqlite3.connect(archive)
    keys_per_article = db.execute(
        "SELECT count(*) FROM lsh_keys GROUP BY article_id ORDER BY 1 LIMIT 1"
    ).fetchone()
    assert keys_per_article == (BANDS,)
    for body, signature in db.execute(
        "SELECT a.body, f.minhash FROM fingerprints f JOIN articles a ON a.id = f.article_id"
    ):
        remade = fingerprint(body)
        assert remade is not None and remade.signature == signature
        stored_keys = db.execute(
            "SELECT key FROM lsh_keys WHERE article_id = (SELECT article_id FROM fingerprints"
            " WHERE minhash = ?)",
            (signature,),
        )
        assert sorted(key for (key,) in stored_keys) == sorted(remade.keys)
    copy = (DATA / "putin-erdogan-moscow-talks.txt").read_text(encoding="utf-8")
    (tmp_path / "reprint.txt").write_text(copy.replace("Moscow", "the Kremlin"), encoding="utf-8")
    run("ingest", "--db", str(archive), str(tmp_path / "reprint.txt"))
    clusters = run("dupes", "--db", str(archive), "--json")
    assert [c["size"] for c in json.loads(clusters.stdout)] == [7]


def test_recent_keys_of_the_sixth_schema_join_the_large_table(tmp_path: Path, run: Run) -> None:
    """That schema kept recent LSH keys one row per key; the upgrade merges them into lsh_keys
    and new copies still find their cluster."""
    archive = tmp_path / "sixth.db"
    reprint = (DATA / "putin-erdogan-moscow-talks.txt").read_text(encoding="utf-8")
    (tmp_path / "first.txt").write_text(reprint, encoding="utf-8")
    run("ingest", "--db", str(archive), str(DATA), str(tmp_path / "first.txt"))
    with sqlite3.connect(archive) as db:
        pairs = {
            (key, article_id)
            for article_id, packed in db.execute("SELECT article_id, keys FROM lsh_recent")
            for key in PACKED_KEYS.unpack(packed)
        }
        assert len(pairs) == BANDS * len(os.listdir(DATA))
        db.execute("DROP TABLE lsh_recent")
        db.execute(
            "CREATE TABLE lsh_recent (key INTEGER NOT NULL, article_id INTEGER NOT NULL,"
            " PRIMARY KEY (key, article_id)) WITHOUT ROWID"
        )
        db.executemany("INSERT INTO lsh_recent VALUES (?, ?)", sorted(pairs))
        db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm007_lsh_recent_by_article'")
    assert run("stats", "--db", str(archive)).exit_code == 0
    with sqlite3.connect(archive) as db:
        assert set(db.execute("SELECT key, article_id FROM lsh_keys")) == pairs
        assert db.execute("SELECT count(*) FROM lsh_recent").fetchone() == (0,)
    (tmp_path / "reprint.txt").write_text(reprint.replace("Moscow", "the Kremlin"), "utf-8")
    run("ingest", "--db", str(archive), str(tmp_path / "reprint.txt"))
    clusters = run("dupes", "--db", str(archive), "--json")
    assert [c["size"] for c in json.loads(clusters.stdout)] == [2]


def test_lsh_keys_of_a_rolled_back_window_are_not_found_later(tmp_path: Path) -> None:
    body = (DATA / "putin-erdogan-moscow-talks.txt").read_text(encoding="utf-8")
    print_ = fingerprint(body)
    assert print_ is not None
    row = (print_.signature, print_.keys)
    with Archive.open(str(tmp_path / "a.db"), create=True) as archive:
        with contextlib.suppress(KeyboardInterrupt), archive.transaction():
            assert archive.add_fingerprints([(1, *row)]) == {}
            raise KeyboardInterrupt
        with archive.transaction():
            assert archive.add_fingerprints([(2, *row)]) == {}
            assert archive.add_fingerprints([(3, *row)]) == {3: {2}}


def test_lsh_keys_another_process_stored_meanwhile_are_found_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two ingests may take turns writing one archive, window by window: each must see the
    other's recent keys, and merging them must not drop the other's."""
    body = (DATA / "putin-erdogan-moscow-talks.txt").read_text(encoding="utf-8")
    print_ = fingerprint(body)
    assert print_ is not None
    row = (print_.signature, print_.keys)
    path = str(tmp_path / "a.db")
    Archive.open(path, create=True).close()
    with Archive.open(path, write=True) as first, Archive.open(path, write=True) as second:
        with first.transaction():
            assert first.add_fingerprints([(1, *row)]) == {}
        with second.transaction():
            assert second.add_fingerprints([(2, *row)]) == {2: {1}}
        monkeypatch.setattr(store_module, "RECENT_MIN_KEYS", 1)
        monkeypatch.setattr(store_module, "RECENT_SHARE", 0.0)
        with first.transaction():  # also merges every recent key into lsh_keys
            assert first.add_fingerprints([(3, *row)]) == {3: {1, 2}}
    with sqlite3.connect(path) as db:
        stored = db.execute("SELECT count(DISTINCT article_id) FROM lsh_keys").fetchone()
        assert stored == (3,)


def two_stories_fingerprints() -> list[tuple[bytes, tuple[int, ...]]]:
    """(signature, LSH keys) of two sample stories that share no key."""
    rows = []
    for name in ("putin-erdogan-moscow-talks.txt", "ap-wire-idlib-ceasefire.txt"):
        print_ = fingerprint((DATA / name).read_text(encoding="utf-8"))
        assert print_ is not None
        rows.append((print_.signature, print_.keys))
    return rows


def test_keys_merged_after_the_stored_keys_filter_was_made_pass_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The filter of lsh_keys is made once, from the table, and then takes every key merged."""
    monkeypatch.setattr(store_module, "RECENT_MIN_KEYS", 1)
    monkeypatch.setattr(store_module, "RECENT_SHARE", 0.0)
    monkeypatch.setattr(store_module, "KEYS_PER_FILTER_ROW", 0.0)
    rows = two_stories_fingerprints()
    with Archive.open(str(tmp_path / "a.db"), create=True) as archive:
        with archive.transaction():
            assert archive.add_fingerprints([(1, *rows[0])]) == {}
        with archive.transaction():  # makes the filter from article 1's keys, merges 2's
            assert archive.add_fingerprints([(2, *rows[1])]) == {}
        assert archive._stored_keys is not None
        with archive.transaction():
            assert archive.add_fingerprints([(3, *rows[1]), (4, *rows[0])]) == {3: {2}, 4: {1}}


def test_a_filter_begun_with_an_empty_table_never_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new archive's first merge starts the filter of lsh_keys, which then holds every key the
    table will: reading the table back would only cost time."""
    monkeypatch.setattr(store_module, "RECENT_MIN_KEYS", 1)
    monkeypatch.setattr(store_module, "RECENT_SHARE", 0.0)
    monkeypatch.setattr(store_module, "KEYS_PER_FILTER_ROW", 0.0)
    monkeypatch.setattr(Archive, "_read_stored_keys", None)  # calling it would fail
    rows = two_stories_fingerprints()
    with Archive.open(str(tmp_path / "a.db"), create=True) as archive:
        with archive.transaction():
            assert archive.add_fingerprints([(1, *rows[0])]) == {}
        assert archive._stored_keys is not None
        with archive.transaction():
            assert archive.add_fingerprints([(2, *rows[1]), (3, *rows[0])]) == {3: {1}}


def test_merged_keys_are_stored_many_to_a_statement_and_counted_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "RECENT_MIN_KEYS", 1)
    monkeypatch.setattr(store_module, "RECENT_SHARE", 0.0)
    monkeypatch.setattr(store_module, "PAIRS_PER_INSERT", 3)  # 10 keys: 3 statements, 1 left
    first, second = two_stories_fingerprints()
    path = str(tmp_path / "a.db")
    with Archive.open(path, create=True) as archive:
        with archive.transaction():
            archive.add_fingerprints([(1, *first), (2, *second)])
        with archive.transaction():  # 1's pairs again are stored already: not counted
            archive.add_fingerprints([(1, *first), (3, *second)])
        counted = archive._lsh_rows
    expected = {
        (key, i) for i, keys in ((1, first[1]), (2, second[1]), (3, second[1])) for key in keys
    }
    with sqlite3.connect(path) as db:
        assert set(db.execute("SELECT key, article_id FROM lsh_keys")) == expected
    assert counted == len(expected) == 3 * BANDS


def test_the_stored_keys_filter_waits_again_after_another_process_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made anew from the whole table after every window another ingest wrote, the filter would
    cost two ingests taking turns more than it saves."""
    monkeypatch.setattr(store_module, "RECENT_MIN_KEYS", 1)
    monkeypatch.setattr(store_module, "RECENT_SHARE", 0.0)
    rows = two_stories_fingerprints()
    path = str(tmp_path / "a.db")
    Archive.open(path, create=True).close()
    with Archive.open(path, write=True) as first, Archive.open(path, write=True) as second:
        with first.transaction():
            assert first.add_fingerprints([(1, *rows[0])]) == {}
        with first.transaction():  # as many keys looked up as the table holds: worth a filter
            assert first.add_fingerprints([(2, *rows[1])]) == {}
        assert first._stored_keys is not None
        with second.transaction():
            assert second.add_fingerprints([(3, *rows[1])]) == {3: {2}}
        with first.transaction():  # a third of the table's rows: looked up one by one
            assert first.add_fingerprints([(4, *rows[0])]) == {4: {1}}
        assert first._stored_keys is None


def test_ingest_runs_the_cycle_collector_less_often_and_restores_it(tmp_path: Path) -> None:
    before = gc.get_threshold()
    seen: set[tuple[int, int, int]] = set()
    with Archive.open(str(tmp_path / "a.db"), create=True) as archive:
        ingest_module.ingest(
            archive,
            [str(write_articles(tmp_path / "inbox", 3))],
            Options(),
            on_input=lambda share: seen.add(gc.get_threshold()),
        )
    assert seen == {ingest_module.COLLECTOR_THRESHOLDS}
    assert gc.get_threshold() == before


class CommitThenCtrlC:
    """An archive connection that gets a Ctrl-C as its second commit returns, as a user's
    Ctrl-C lands while SQLite writes a window out."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.commits = 0

    def commit(self) -> None:
        self.connection.commit()
        self.commits += 1
        if self.commits == 2:
            os.kill(os.getpid(), signal.SIGINT)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)


def test_a_ctrl_c_while_a_window_commits_counts_it(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "inbox", 1200)
    with Archive.open(str(tmp_path / "a.db"), create=True) as archive:
        archive.db = CommitThenCtrlC(archive.db)  # type: ignore[assignment]
        report = ingest_module.ingest(archive, [str(folder)], Options())
        stored = archive.db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert report.interrupted
    assert 0 < report.counts["new"] == stored < 1200
