"""The shortcuts for a piped search and a plain export: what the full command line would do,
without loading it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Run

from newsarc.fast import Search, plain_export, plain_search


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["search", "idlib"], Search(["idlib"], "env.db")),
        (["query", "idlib", "talks"], Search(["idlib", "talks"], "env.db")),
        (["search", "--db", "a.db", "idlib"], Search(["idlib"], "a.db")),
        (["search", "idlib", "--db=a.db", "--limit", "5"], Search(["idlib"], "a.db", 5)),
        (["search", "--offset=3", '"moscow talks"'], Search(['"moscow talks"'], "env.db", 20, 3)),
        (["search", "a=b"], Search(["a=b"], "env.db")),
        (["--db", "a.db", "search", "idlib"], Search(["idlib"], "a.db")),
        (["--db=a.db", "query", "idlib"], Search(["idlib"], "a.db")),
        (["--db", "a.db", "search", "--db", "b.db", "idlib"], Search(["idlib"], "b.db")),
        (["search", "idlib", "--sort", "newest"], Search(["idlib"], "env.db", sort="newest")),
        (
            ["search", "idlib", "--since", "2020", "--until=2020-03", "--agency", "AFP"],
            Search(["idlib"], "env.db", since="2020-01-01", until="2020-04-01", agency="AFP"),
        ),
        (
            ["search", "idlib", "--since", "March 2020", "--dateline", "Moscow", "--outlet", "X"],
            Search(["idlib"], "env.db", since="2020-03-01", dateline="Moscow", outlet="X"),
        ),
        (["search", "idlib", "--agency", ""], Search(["idlib"], "env.db")),  # as click reads it
        (["--db", "a.db", "show", "1"], None),
        (["--db"], None),
        (["search"], None),  # no words: the full command line says what is missing
        (["search", "idlib", "-putin"], None),
        (["search", "idlib", "--json"], None),
        (["search", "idlib", "--sort", "best"], None),
        (["search", "idlib", "--since", "someday"], None),  # the full command line explains
        (["search", "idlib", "--collapse"], None),
        (["search", "idlib", "--limit"], None),
        (["search", "idlib", "--limit", "0"], None),
        (["search", "idlib", "--limit", "many"], None),
        (["search", "idlib", "--offset", str(2**63)], None),
        (["search", "--", "idlib"], None),
        (["search", "--help"], None),
        (["show", "1"], None),
        ([], None),
    ],
)
def test_plain_search_reads_only_the_plain_form(args: list[str], expected: Search | None) -> None:
    assert plain_search(args, "env.db") == expected


def test_without_an_environment_the_archive_is_the_default() -> None:
    assert plain_search(["search", "idlib"], None) == Search(["idlib"], "newsarc.db")


def piped(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    """`newsarc ARGS` as a separate program whose output goes to a pipe."""
    env = {**os.environ, "NEWSARC_DB": str(db), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "newsarc", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def imported(result: subprocess.CompletedProcess[str]) -> set[str]:
    return {
        line.split("|")[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }


def messages(result: subprocess.CompletedProcess[str]) -> str:
    return "".join(
        line + "\n" for line in result.stderr.splitlines() if not line.startswith("import time:")
    )


def same_as_full_command_line(
    args: list[str], db: Path, run: Run
) -> subprocess.CompletedProcess[str]:
    """Run `args` piped and through the full command line; both must print and exit alike."""
    fast = piped(*args, db=db)
    full = run(*args)
    assert (fast.returncode, fast.stdout, messages(fast)) == (
        full.exit_code,
        full.stdout,
        full.stderr,
    )
    return fast


@pytest.mark.parametrize(
    "args",
    [
        ["search", "idlib"],
        ["query", "ceasefire", "idlib"],
        ["search", '"moscow talks"'],
        ["search", "erdog*"],
        ["search", "headline:idlib"],
        ["search", "idlib", "OR", "remittance"],
        ["search", "idlib", "--limit", "2", "--offset", "1"],
        ["search", "idlib", "--offset=2"],
        ["search", "zzyzx"],
        ["search", "Erdoğan"],
        ["search", "idlib", "--sort", "newest"],
        ["search", "idlib", "--sort=oldest", "--limit", "2"],
        ["search", "idlib", "--since", "2020-03", "--until", "2020-03-06"],
        ["search", "idlib", "--until", "2020-03-05"],  # undated hits are left out
        ["search", "moscow", "--agency", "afp"],
        ["search", "idlib", "--dateline", "MOSCOW"],
        ["search", "idlib", "--byline", "fraser"],
    ],
)
def test_piped_search_matches_the_full_command_line_without_loading_it(
    ingested: Path, db_path: Path, run: Run, args: list[str]
) -> None:
    fast = same_as_full_command_line(args, db_path, run)
    assert not {"click", "rich", "dataclasses", "typing", "sqlite_utils"} & imported(fast)


@pytest.mark.parametrize(
    "args",
    [
        ["search", "idlib", "-putin"],
        ["search", "idlib", "--json"],
        ["search", "idlib", "--since", "March 2099"],  # no hits with the filters: it says so
        ["search", "idlib", "--outlet", "The Daily Star"],
        ["search", "idlib", "--byline", "_"],  # a wildcard of LIKE, searched for as text
        ["search", "idlib", "--since", "someday"],
        ["search", "--", "-idlib"],
        ["search", "--db", "missing.db", "idlib"],
        ["search", "idlib", "--limit", "0"],
        ["search", "idlib", "--limit", str(2**63)],
        ["search", "idlib", "--offset", "5"],  # nothing past it: the full line says how many
    ],
)
def test_anything_else_goes_to_the_full_command_line(
    ingested: Path, db_path: Path, run: Run, args: list[str]
) -> None:
    fast = same_as_full_command_line(args, db_path, run)
    assert "click" in imported(fast)


@pytest.mark.parametrize(
    ("command", "records"), [(["search", "idlib"], 3), (["export", "--jsonl"], 6)]
)
def test_an_empty_or_older_archive_is_left_to_the_full_command_line(
    tmp_path: Path, run: Run, db_path: Path, command: list[str], records: int
) -> None:
    run("ingest", str(tmp_path / "nothing-here"))
    empty = piped(*command, db=db_path)
    assert empty.returncode == 1 and "is empty" in messages(empty)
    older = tmp_path / "first.db"
    older.write_bytes((ROOT / "tests" / "fixtures" / "archive-schema-1.db").read_bytes())
    upgraded = piped(*command, db=older)
    assert upgraded.returncode == 0 and "click" in imported(upgraded)
    assert len(upgraded.stdout.splitlines()) == records


@pytest.mark.parametrize(("command", "first"), [("search idlib", "1"), ("export --jsonl", "{")])
def test_a_reader_that_stops_early_ends_the_command_quietly(
    ingested: Path, db_path: Path, command: str, first: str
) -> None:
    env = {**os.environ, "NEWSARC_DB": str(db_path), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        f"{sys.executable} -m newsarc {command} | head -c 1",
        shell=True,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.stdout == first and result.stderr == ""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["export"], ("env.db", "json", "-", False)),
        (["export", "--jsonl"], ("env.db", "jsonl", "-", False)),
        (["export", "--jsonl", "--json"], ("env.db", "json", "-", False)),  # the last counts
        (["--db", "a.db", "export", "--jsonl"], ("a.db", "jsonl", "-", False)),
        (["export", "--db=a.db", "-o", "out.jsonl"], ("a.db", "json", "out.jsonl", False)),
        (["export", "--output=out.json", "--with-original"], ("env.db", "json", "out.json", True)),
        (["export", "--jsonl", "--output", "-"], ("env.db", "jsonl", "-", False)),
        (["export", "idlib"], None),  # a query
        (["export", "--csv"], None),
        (["export", "--since", "2020"], None),
        (["export", "-o"], None),
        (["export", "-oout.json"], None),
        (["export", "--help"], None),
        (["search", "--jsonl"], None),
    ],
)
def test_plain_export_reads_only_the_plain_form(
    args: list[str], expected: tuple[str, str, str, bool] | None
) -> None:
    assert plain_export(args, "env.db") == expected


@pytest.mark.parametrize(
    "args",
    [
        ["export"],
        ["export", "--jsonl"],
        ["export", "--json", "--with-original"],
        ["--db", "{db}", "export", "--jsonl"],
    ],
)
def test_plain_export_matches_the_full_command_line_without_loading_it(
    ingested: Path, db_path: Path, run: Run, args: list[str]
) -> None:
    args = [arg.format(db=db_path) for arg in args]
    fast = same_as_full_command_line(args, db_path, run)
    assert fast.stdout.count('"headline"') == 6  # the samples
    assert not {"click", "rich", "sqlite_utils", "newsarc.models", "newsarc.store"} & imported(fast)


def test_plain_export_to_a_file(ingested: Path, db_path: Path, run: Run, tmp_path: Path) -> None:
    fast_file, full_file = tmp_path / "fast.jsonl", tmp_path / "full.jsonl"
    fast = piped("export", "--jsonl", "-o", str(fast_file), db=db_path)
    assert (fast.returncode, fast.stdout, messages(fast)) == (0, "", "")
    assert "click" not in imported(fast)
    run("export", "--jsonl", "-o", str(full_file))
    assert fast_file.read_bytes() == full_file.read_bytes()
    assert len(fast_file.read_bytes().splitlines()) == 6


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--csv"],
        ["export", "idlib", "--jsonl"],
        ["export", "--agency", "AFP"],
        ["export", "--db", "missing.db"],
        ["export", "-o", "{missing}/out.json"],
        ["export", "--jsonl", "-o", "{db}"],  # the full command line refuses
    ],
)
def test_any_other_export_goes_to_the_full_command_line(
    ingested: Path, db_path: Path, run: Run, tmp_path: Path, args: list[str]
) -> None:
    args = [arg.format(missing=tmp_path / "missing", db=db_path) for arg in args]
    fast = same_as_full_command_line(args, db_path, run)
    assert "click" in imported(fast)


def test_a_search_into_a_terminal_gets_the_full_command_lines_table(
    ingested: Path, db_path: Path
) -> None:
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "NEWSARC_DB": str(db_path), "PYTHONPATH": str(ROOT), "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    process = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "newsarc", "search", "idlib", "--since", "2020"],
        stdout=follower,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    os.close(follower)
    shown = b""
    while chunk := _read_or_nothing(leader):
        shown += chunk
    os.close(leader)
    assert process.returncode == 0
    assert "rich" in imported(process)
    assert "Moscow talks" in shown.decode()


def _read_or_nothing(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # the terminal's other end is closed
        return b""
