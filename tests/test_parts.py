"""Large JSON Lines files are read in parts: the same articles, keys and failures as read whole."""

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import Run

from newsarc import ingest, parts

SMALL_PART = 2048


def wire_lines(count: int) -> list[str]:
    """Lines of a scraper's JSON Lines output: most with their url, some without, one url stated
    twice far apart, one line that does not parse, blank lines and Windows line ends."""
    lines = []
    for number in range(1, count + 1):
        record: dict[str, object] = {
            "title": f"Harbour authority reports cargo figures for week {number}",
            "text": (
                f"ROTTERDAM (Reuters) - Cargo handled in week {number} rose as container ships"
                " returned after the strike.\n\nThe authority said volumes of grain and coal"
                f" were steady. Story {number} of the series\u2028ends here."
            ),
            "date": f"2024-03-{number % 28 + 1:02d}",
        }
        if number % 5:
            record["url"] = f"https://example.org/news/{number}"
        if number == count - 3:
            record["url"] = "https://example.org/news/1"  # a copy's url, stated first on line 1
        lines.append(json.dumps(record, ensure_ascii=False))
    lines[10] = '{"title": "Cut off", "te'
    lines[20] = ""
    lines[30] += "\r"
    return lines


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parts, "PART_BYTES", SMALL_PART)
    monkeypatch.setattr(ingest, "SPLIT_FROM", 4 * SMALL_PART)


def stored(db_path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_path) as db:
        return db.execute(
            "SELECT s.path, a.headline, a.body, a.published, a.original, a.source_path"
            " FROM sources s JOIN articles a ON a.id = s.article_id ORDER BY s.path"
        ).fetchall()


def ingest_report(run: Run, *args: str) -> dict[str, object]:
    result = run("ingest", "--json", *args)
    return json.loads(result.stdout) | {"exit_code": result.exit_code}


def test_parts_end_at_line_ends_and_know_their_first_line(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    lines = [f'{{"n": {i}, "pad": "{"x" * (i % 700)}"}}' for i in range(1, 400)]
    data = "\n".join(lines).encode()
    path.write_bytes(data)
    found = list(parts._cut(str(path), len(data), max_bytes=10_000))
    assert [p.start for p in found] == [0, *(p.end for p in found[:-1])]
    assert found[-1].end == len(data) and found[-1].last and not any(p.last for p in found[:-1])
    for part in found:
        chunk = data[part.start : part.end].decode()
        assert part.end == len(data) or chunk.endswith("\n")
        assert json.loads(chunk.split("\n")[0])["n"] == part.first_line
    assert sum(p.share for p in found) == pytest.approx(1.0)


def test_a_line_too_long_to_read_is_a_part_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    data = b"{}\n" * 10 + b'{"body": "' + b"x" * (3 * parts.PART_BYTES) + b'"}\n' + b"{}\n" * 5
    path.write_bytes(data)
    found = list(parts._cut(str(path), len(data), max_bytes=parts.PART_BYTES))
    assert [(p.first_line, p.end - p.start) for p in found] == [
        (1, 30),
        (11, 3 * parts.PART_BYTES + 13),
        (12, 15),
    ]


def test_small_and_wide_files_are_read_whole(tmp_path: Path) -> None:
    small = tmp_path / "small.jsonl"
    small.write_text("{}\n" * 10)
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes(("{}\n" * parts.SPLIT_FROM).encode("utf-16"))
    assert parts.line_parts(str(small), small.stat().st_size, 10**7) is None
    assert parts.line_parts(str(wide), wide.stat().st_size, 10**7) is None


@pytest.mark.usefixtures("small_parts")
def test_a_file_read_in_parts_gives_what_it_gives_read_whole(
    run: Run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(wire_lines(300)) + "\n", encoding="utf-8", newline="")
    assert path.stat().st_size > 20 * SMALL_PART
    in_parts = ingest_report(run, str(path))
    by_parts = stored(db_path)

    monkeypatch.setattr(ingest, "SPLIT_FROM", 10**9)
    whole_db = tmp_path / "whole.db"
    monkeypatch.setenv("NEWSARC_DB", str(whole_db))
    whole = ingest_report(run, str(path))
    assert {k: v for k, v in in_parts.items() if k != "seconds"} == {
        k: v for k, v in whole.items() if k != "seconds"
    }
    assert (in_parts["new"], in_parts["failed"]) == (298, 1)
    assert by_parts == stored(whole_db)
    paths = [row[0] for row in by_parts]
    assert f"{path}:297" in paths and f"{path}#https://example.org/news/1" in paths
    assert f"{path}:5" in paths  # no url
    assert str(path) not in paths  # a line failed: the file is read again next time
    assert any("series\u2028ends" in str(row[2]) for row in by_parts)


@pytest.mark.usefixtures("small_parts")
def test_a_large_file_unchanged_is_skipped_and_a_line_added_is_read(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "crawl.jsonl"
    lines = [line for line in wire_lines(200) if line.startswith("{") and line.endswith("}")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert ingest_report(run, str(path))["new"] == len(lines)
    again = ingest_report(run, str(path))
    assert (again["inputs"], again["unchanged"]) == (1, 1)
    added = {"title": "Late cargo figures", "text": "Cargo rose again. " * 20}
    path.write_text("\n".join([*lines, json.dumps(added)]) + "\n", encoding="utf-8")
    grown = ingest_report(run, str(path))
    assert (grown["new"], grown["unchanged"], grown["failed"]) == (1, len(lines), 0)
    assert ingest_report(run, str(path))["inputs"] == 1


@pytest.mark.usefixtures("small_parts")
def test_a_line_over_the_size_limit_fails_alone(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "crawl.jsonl"
    lines = [line for line in wire_lines(100) if line.startswith("{") and line.endswith("}")]
    huge = json.dumps({"title": "Huge", "text": "word " * 300_000})
    path.write_text("\n".join([*lines[:50], huge, *lines[50:]]) + "\n", encoding="utf-8")
    result = ingest_report(run, "--max-size", "1", str(path))
    assert (result["new"], result["failed"]) == (len(lines), 1)
    (failure,) = result["failures"]  # type: ignore[misc]
    assert failure["source"] == f"{path}:51"
    assert failure["reason"].startswith("line too large (1,500,")
