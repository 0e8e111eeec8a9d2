"""Large JSON Lines files are read in parts: the same articles, keys and failures as read whole."""

import csv
import io
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Run

from newsarc import ingest as ingest_module
from newsarc import parts, tables

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
    monkeypatch.setattr(parts, "SPLIT_FROM", 4 * SMALL_PART)


def stored(db_path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_path) as db:
        return db.execute(
            "SELECT s.path, a.headline, a.body, a.published, a.original, a.source_path"
            " FROM sources s JOIN articles a ON a.id = s.article_id ORDER BY s.path"
        ).fetchall()


def ingest_report(run: Run, *args: str) -> dict[str, object]:
    result = run("ingest", "--json", *args)
    return json.loads(result.stdout) | {"exit_code": result.exit_code}


def read_in_parts_and_whole(
    run: Run, path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, object], list[tuple[object, ...]]]:
    """Ingest `path` in parts into the test's archive, then whole into another; check that
    both give the same report and the same articles under the same keys, and return them."""
    db_path = Path(os.environ["NEWSARC_DB"])
    in_parts = ingest_report(run, str(path))
    monkeypatch.setattr(parts, "SPLIT_FROM", 10**9)
    whole_db = path.parent / "whole.db"
    monkeypatch.setenv("NEWSARC_DB", str(whole_db))
    whole = ingest_report(run, str(path))
    assert {k: v for k, v in in_parts.items() if k != "seconds"} == {
        k: v for k, v in whole.items() if k != "seconds"
    }
    assert stored(db_path) == stored(whole_db)
    return in_parts, stored(db_path)


def test_parts_end_at_line_ends_and_know_their_first_line(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    lines = [f'{{"n": {i}, "pad": "{"x" * (i % 700)}"}}' for i in range(1, 400)]
    data = "\n".join(lines).encode()
    path.write_bytes(data)
    found = list(parts._cut_lines(str(path), len(data), max_bytes=10_000))
    assert [p.start for p in found] == [0, *(p.end for p in found[:-1])]
    assert found[-1].end == len(data) and found[-1].last and not any(p.last for p in found[:-1])
    for part in found:
        chunk = data[part.start : part.end].decode()
        assert part.end == len(data) or chunk.endswith("\n")
        assert json.loads(chunk.split("\n")[0])["n"] == part.first
    assert sum(p.share for p in found) == pytest.approx(1.0)


def test_a_line_too_long_to_read_is_a_part_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    data = b"{}\n" * 10 + b'{"body": "' + b"x" * (3 * parts.PART_BYTES) + b'"}\n' + b"{}\n" * 5
    path.write_bytes(data)
    found = list(parts._cut_lines(str(path), len(data), max_bytes=parts.PART_BYTES))
    assert [(p.first, p.end - p.start) for p in found] == [
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
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(wire_lines(300)) + "\n", encoding="utf-8", newline="")
    assert path.stat().st_size > 20 * SMALL_PART
    in_parts, by_parts = read_in_parts_and_whole(run, path, monkeypatch)
    assert (in_parts["new"], in_parts["failed"]) == (298, 1)
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
    assert failure["reason"].startswith("line too large (1.4 MB, 1,500,")


def wire_table(count: int, delimiter: str = ",") -> str:
    """A news dataset as a spreadsheet exports it: a byte-order mark, Windows line ends, texts
    quoted over several lines, quotes within them, accents, a url given twice, a blank row."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["Title", "Text", "PublishedAt", "Author", "URL"])
    for number in range(1, count + 1):
        url = f"https://example.org/{number}" if number % 7 else ""
        if number == count - 2:
            url = "https://example.org/1"
        text = (
            f'SÃO PAULO (Reuters) - "Week {number}" brought record exports of soy.\n\n'
            f"Growers said the harvest, {number} days late, was the largest since 2019."
        )
        writer.writerow([f"Exports peak in week {number}", text, "2024-05-02", "Ana Lima", url])
        if number == 40:
            writer.writerow([])
    return "\ufeff" + out.getvalue()


@pytest.mark.usefixtures("small_parts")
@pytest.mark.parametrize(
    ("name", "delimiter", "encoding"),
    [("news.csv", ",", "utf-8"), ("news.tsv", "\t", "utf-8"), ("excel.csv", ";", "cp1252")],
)
def test_a_table_read_in_parts_gives_what_it_gives_read_whole(
    run: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    delimiter: str,
    encoding: str,
) -> None:
    path = tmp_path / name
    text = wire_table(300, delimiter)
    if encoding != "utf-8":  # as Excel saves it where the decimal mark is a comma
        text = text.removeprefix("\ufeff").replace("record exports", "record “exports”")
    path.write_text(text, encoding=encoding, newline="")
    cut = list(parts.row_parts(str(path), path.stat().st_size, 10**7, ["text"]) or [])
    assert len(cut) > 10
    in_parts, by_parts = read_in_parts_and_whole(run, path, monkeypatch)
    assert (in_parts["new"], in_parts["failed"], in_parts["exit_code"]) == (300, 0, 0)
    paths = {row[0] for row in by_parts}
    # three lines a row, and the blank row after row 40: row 7 (no url) on line 20, row 298
    # (row 1's url again) on line 894
    assert {f"{path}:20", f"{path}#https://example.org/1", f"{path}:894"} < paths
    assert str(path) in paths  # every row stored: an unchanged file is skipped
    assert all(str(row[1]).startswith("Exports peak in week") for row in by_parts)
    assert all("SÃO PAULO" in str(row[4]) for row in by_parts)  # the originals, decoded


@pytest.mark.usefixtures("small_parts")
def test_a_table_streamed_is_cut_between_rows_each_part_with_the_header() -> None:
    table = wire_table(300).encode()
    header_end = table.index(b"\r\n") + 2
    source = io.BytesIO(table)
    found = list(parts.stream_row_parts(source.read, source.read(100), max_bytes=10**7))
    assert len(found) > 10
    assert all(data.startswith(table[:header_end]) for _, data in found)
    assert b"".join(data[header_end:] for _, data in found) == table[header_end:]
    cut = [part for part, _ in found]
    assert cut[0].start == header_end and cut[0].opening and not cut[1].opening
    assert [p.start for p in cut[1:]] == [p.end for p in cut[:-1]]
    assert cut[-1].end == len(table) and cut[-1].last and not any(p.last for p in cut[:-1])
    rows = [
        row for part, data in found for row in tables.rows(data.decode(), (), 10**7, part.first)
    ]
    assert len(rows) == 300  # no quoted text cut in two
    last_line = table.count(b"\n") - 2  # where the last row's three lines start
    assert rows[-1][0] == f":{last_line}"


@pytest.mark.usefixtures("small_parts")
@pytest.mark.parametrize("at", [3, 45, 90])  # the rows before it in a part of their own or not
def test_a_row_too_long_in_a_stream_comes_alone_and_empty(at: int) -> None:
    header, *rows = wire_table(100).split("\r\n")
    huge = f'Huge,"{"word " * 10_000}",2024-05-02,,'
    table = "\r\n".join([header, *rows[:at], huge, *rows[at:]]).encode()
    source = io.BytesIO(table)
    found = list(parts.stream_row_parts(source.read, source.read(100), max_bytes=20_000))
    (alone,) = [(part, data) for part, data in found if part.end - part.start > 20_000]
    assert alone[1] == b"" and table[alone[0].start : alone[0].end].startswith(b"Huge,")
    read = [tables.rows(data.decode(), (), 10**7, part.first) for part, data in found if data]
    assert sum(map(len, read)) == 100


@pytest.mark.usefixtures("small_parts")
def test_a_large_table_on_standard_input_is_read_in_parts_as_it_was_whole(
    run: Run, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = wire_table(300)
    cut: list[parts.Part] = []

    def recorded(*args: Any) -> Iterator[tuple[parts.Part, bytes]]:
        for part, data in stream_row_parts(*args):
            cut.append(part)
            yield part, data

    stream_row_parts = parts.stream_row_parts
    monkeypatch.setattr(parts, "stream_row_parts", recorded)
    piped = json.loads(run("ingest", "--json", "-", input=text.encode()).stdout)
    assert (piped["new"], piped["failed"], len(cut) > 10) == (300, 0, True)
    monkeypatch.setattr(parts, "SPLIT_FROM", 10**9)  # read whole, as before
    monkeypatch.setenv("NEWSARC_DB", str(tmp_path / "whole.db"))
    whole = json.loads(run("ingest", "--json", "-", input=text.encode()).stdout)
    assert {k: v for k, v in piped.items() if k != "seconds"} == {
        k: v for k, v in whole.items() if k != "seconds"
    }
    query = "SELECT headline, byline, published, body, original, source_path FROM articles"
    with sqlite3.connect(db_path) as in_parts, sqlite3.connect(tmp_path / "whole.db") as at_once:
        assert in_parts.execute(query).fetchall() == at_once.execute(query).fetchall()


@pytest.mark.usefixtures("small_parts")
@pytest.mark.parametrize(
    ("broken", "at", "kept"),
    [
        ("Cut off,a text with a bare\rreturn,2024-05-02,,", 85, True),
        ('Cut off,"a text whose quote never closes,2024-05-02,,', 40, False),  # too long to read
    ],
)
def test_where_a_streamed_table_breaks_the_rest_is_one_part(
    broken: str, at: int, kept: bool
) -> None:
    rows = [f"Headline {i},The text of story {i}: {'word ' * 30},2024-05-02,," for i in range(90)]
    table = "\r\n".join(["title,text,date,,", *rows[:at], broken, *rows[at:]]).encode()
    header_end, break_at = table.index(b"\r\n") + 2, table.index(b"Cut off,")
    source = io.BytesIO(table)
    limit = csv.field_size_limit(1_000)  # as it is in a new process
    try:
        found = list(parts.stream_row_parts(source.read, source.read(100), max_bytes=4_096))
    finally:
        csv.field_size_limit(limit)
    *before, (rest, data) = found
    assert (rest.last, rest.end) == (True, len(table))
    assert before[-1][0].end == rest.start <= break_at < before[-1][0].end + 2 * parts.PART_BYTES
    assert data == (table[:header_end] + table[rest.start :] if kept else b"")
    assert b"".join(d[header_end:] for _, d in before) == table[header_end : rest.start]


@pytest.mark.usefixtures("small_parts")
def test_a_large_table_with_no_text_column_fails_once(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "links.csv"
    path.write_text(
        "title,url\n" + "".join(f"Saved page {i},https://example.org/{i}\n" for i in range(2000))
    )
    result = ingest_report(run, "--max-size", "1", str(path))
    assert (result["inputs"], result["failed"]) == (1, 1)
    (failure,) = result["failures"]  # type: ignore[misc]
    assert failure["reason"].startswith("a table with no text of articles")


@pytest.mark.usefixtures("small_parts")
def test_a_row_over_the_size_limit_fails_alone(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    header, *rows = wire_table(100).split("\r\n")  # no quoted line end holds "\r"
    huge = f'Huge,"{"word " * 300_000}",2024-05-02,,'
    lines = [header, *rows[:90], huge, *rows[90:]]
    path.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    result = ingest_report(run, "--max-size", "1", str(path))
    assert (result["new"], result["failed"]) == (100, 1)
    (failure,) = result["failures"]  # type: ignore[misc]
    # after the header, 89 rows of three lines and the blank row
    assert failure["source"] == f"{path}:{1 + 89 * 3 + 1 + 1}"
    assert failure["reason"].startswith("row too large (1.4 MB, 1,500,")


def crawl_list(count: int, indent: int | None) -> str:
    """A crawl saved as one JSON list (Scrapy's `-o items.json` writes an object a line; others
    indent): strings holding brackets, braces, commas, escaped quotes and backslashes, nested
    lists and objects, a url given twice, and values that are no articles."""
    items: list[object] = []
    for number in range(1, count + 1):
        items.append(
            {
                "title": f'Court rules on "case {number}" [update], {{sealed}}',
                "text": (
                    f"LAGOS (AFP) - The court ruled on case {number} \\\\ appeal [{number}]."
                    '\n\nLawyers said: "We will study the ruling, {page 2}, and respond."'
                ),
                "authors": [{"name": "Ada Obi"}, {"name": "Tunde Bello"}],
                "url": f"https://example.org/{number}"
                if number != count - 1
                else "https://example.org/1",
                "tags": [["law", "courts"], []],
            }
        )
    items[12] = 42
    items[30] = "no article"
    items[31] = {"title": "Headline alone", "text": ""}
    if indent is None:
        return "[\n" + ",\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n]\n"
    return json.dumps(items, indent=indent, ensure_ascii=False)


@pytest.mark.usefixtures("small_parts")
@pytest.mark.parametrize("indent", [None, 2])
def test_a_json_list_read_in_parts_gives_what_it_gives_read_whole(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, indent: int | None
) -> None:
    path = tmp_path / "items.json"
    path.write_text(crawl_list(200, indent), encoding="utf-8")
    cut = list(parts.element_parts(str(path), path.stat().st_size, 10**7) or [])
    assert len(cut) > 10 and cut[-1].last and not any(p.last for p in cut[:-1])
    assert sum(p.records for p in cut) == 200
    in_parts, by_parts = read_in_parts_and_whole(run, path, monkeypatch)
    assert (in_parts["new"], in_parts["failed"]) == (198, 2)
    paths = {row[0] for row in by_parts}
    assert {f"{path}#https://example.org/1", f"{path}[198]"} < paths  # row 1's url again
    assert sum(str(row[1]).startswith('Court rules on "case') for row in by_parts) == 197


@pytest.mark.usefixtures("small_parts")
def test_a_json_export_ingested_again_in_parts_gives_an_equal_archive(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text("\n".join(wire_lines(120)) + "\n", encoding="utf-8")
    run("ingest", str(crawl))
    export = tmp_path / "archive.json"
    run("export", "--json", "-o", str(export))
    assert export.stat().st_size > 20 * SMALL_PART
    first = run("export", "--jsonl").stdout
    monkeypatch.setenv("NEWSARC_DB", str(tmp_path / "copy.db"))
    assert ingest_report(run, str(export))["new"] == 118  # a line broken, one blank
    assert run("export", "--jsonl").stdout == first


@pytest.mark.parametrize(
    "text",
    [
        '{"articles": [{"title": "A", "text": "B"}]}',  # a wrapped list: read whole
        "   \n",
    ],
)
def test_what_is_no_list_is_read_whole(tmp_path: Path, text: str) -> None:
    path = tmp_path / "answer.json"
    path.write_text(text + " " * parts.SPLIT_FROM)
    assert parts.element_parts(str(path), path.stat().st_size, 10**7) is None


@pytest.mark.parametrize(
    ("text", "records"),
    [
        ("[]", [1]),
        ("[1, 2, 3]", [3]),
        ('[{"a": "]"}, [[]], "x,y"]', [3]),
        ('[{"a": 1}, {"b": ', [1]),  # never closes: the rest is one part, which fails
    ],
)
def test_elements_are_counted_by_the_lists_own_commas(
    tmp_path: Path, text: str, records: list[int]
) -> None:
    path = tmp_path / "list.json"
    path.write_bytes(text.encode())
    found = list(parts._cut_elements(str(path), len(text), 10**7))
    assert [p.records for p in found] == records and found[-1].last


@pytest.mark.usefixtures("small_parts")
@pytest.mark.parametrize("place", [5, 12])
def test_an_element_over_the_size_limit_fails_alone(run: Run, tmp_path: Path, place: int) -> None:
    path = tmp_path / "items.json"
    items = json.loads(crawl_list(100, None))[:12]  # before the values that are no articles
    huge = {"title": "Huge", "text": "word " * 300_000}
    path.write_text(json.dumps([*items[:place], huge, *items[place:]], indent=1), encoding="utf-8")
    result = ingest_report(run, "--max-size", "1", str(path))
    assert (result["new"], result["failed"]) == (12, 1)
    (failure,) = result["failures"]  # type: ignore[misc]
    assert failure["source"] == f"{path}[{place}]"
    assert failure["reason"].startswith("element too large (1.4 MB, 1,500,")
    assert ingest_report(run, "--max-size", "1", str(path))["failed"] == 1  # read again


@pytest.mark.usefixtures("small_parts")
def test_large_files_read_in_parts_one_after_another_are_each_remembered(
    run: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "datasets"
    folder.mkdir()
    (folder / "a.csv").write_text(wire_table(100), encoding="utf-8")
    rows = wire_table(120).replace("Exports peak", "Imports slow")
    (folder / "b.csv").write_text(rows, encoding="utf-8")
    items = json.loads(crawl_list(60, None))
    (folder / "c.json").write_text(json.dumps(items[:12], indent=1), encoding="utf-8")
    first = ingest_report(run, "--glob", "*.csv", "--glob", "*.json", str(folder))
    assert (first["new"], first["failed"]) == (100 + 120 + 12, 0)
    again = ingest_report(run, "--glob", "*.csv", "--glob", "*.json", str(folder))
    assert (again["inputs"], again["unchanged"]) == (3, 3)
    with sqlite3.connect(os.environ["NEWSARC_DB"]) as db:
        remembered = dict(
            db.execute("SELECT path, article_id FROM sources WHERE path NOT LIKE '%#%'")
        )
    assert remembered[str(folder / "b.csv")] == 101  # its own first article, not a's


@pytest.mark.usefixtures("small_parts")
def test_json_lines_on_standard_input_are_read_in_parts_as_they_come(run: Run) -> None:
    lines = wire_lines(300)
    lines[100] = json.dumps({"title": "Huge", "text": "word " * 300_000})
    stream = ("\n".join(lines) + "\n").encode()
    reads: list[int] = []

    class Pipe(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            reads.append(self.tell())
            return super().read(size)

    result = run("ingest", "--json", "--max-size", "1", "-", input=Pipe(stream))
    report = json.loads(result.stdout)
    assert (report["new"], report["failed"]) == (297, 2)
    assert [(f["source"], f["reason"][:18]) for f in report["failures"]] == [
        ("<stdin>:11", "not valid JSON (Un"),
        ("<stdin>:101", "line too large (1."),
    ]
    assert len(reads) > 20  # read a part at a time, not whole


@pytest.mark.parametrize(
    "stream",
    [
        b"",
        b"{}\n",
        b"{}",
        b'{"a": 1}\n' * 2000,
        b'{"a": 1}\n' * 500 + b"{" + b"x" * 40_000 + b"}\n" + b'{"b": 2}\n' * 500,
        b'{"a": 1}\n' * 500 + b"{" + b"x" * 40_000 + b"}",  # the long line last, no line end
    ],
)
@pytest.mark.usefixtures("small_parts")
def test_a_stream_is_cut_after_line_ends_and_a_long_line_passed_over(stream: bytes) -> None:
    source = io.BytesIO(stream)
    head = source.read(100)
    found = list(parts.stream_line_parts(source.read, head, max_bytes=20_000))
    kept = [line for line in stream.splitlines(keepends=True) if len(line) <= 20_000]
    assert b"".join(data for _, data in found) == b"".join(kept)
    for part, data in found:
        assert data == b"" or data == stream[part.start : part.end]
        assert part.first == stream[: part.start].count(b"\n") + 1
    cut = [part for part, _ in found]
    assert [p.start for p in cut[1:]] == [p.end for p in cut[:-1]]
    assert not cut or (cut[-1].end == len(stream) and cut[-1].last)
    assert all(p.end - p.start <= 2 * parts.PART_BYTES for p, data in found if data)


@pytest.mark.usefixtures("small_parts")
@pytest.mark.parametrize("indent", [None, 2])
@pytest.mark.parametrize("closed", [True, False])
def test_a_json_list_streamed_is_cut_between_its_elements(indent: int | None, closed: bool) -> None:
    text = crawl_list(100, indent).rstrip()
    stream = (text if closed else text.removesuffix("]")).encode()
    source = io.BytesIO(stream)
    found = list(parts.stream_element_parts(source.read, source.read(100), max_bytes=10**6))
    assert len(found) > 10 and found[0][0].opening and found[-1][0].last
    assert not any(part.opening for part, _ in found[1:]) and not any(p.last for p, _ in found[:-1])
    assert all(data == stream[part.start : part.end] for part, data in found)
    assert [p.start for p, _ in found[1:]] == [p.end + 1 for p, _ in found[:-1]]  # past a comma
    elements = [value for _, data in found for value in json.loads(f"[{data.decode()}]")]
    if closed:
        assert elements == json.loads(text)
    assert [part.first for part, _ in found] == [
        sum(part.records for part, _ in found[:i]) for i in range(len(found))
    ]


@pytest.mark.usefixtures("small_parts")
@pytest.mark.parametrize("at", [33, 40])  # the elements before it in a part of their own or not
def test_an_element_too_long_in_a_streamed_list_comes_alone_and_empty(at: int) -> None:
    items = [
        {"title": f"Story {i}", "text": "word " * (5_000 if i == at else 50)} for i in range(90)
    ]
    stream = json.dumps(items).encode()
    source = io.BytesIO(stream)
    kept: list[int] = []
    take = parts._KeptStream.take

    def watched(self: Any, start: int, end: int) -> bytes | None:
        kept.append(len(self.kept))
        return take(self, start, end)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parts._KeptStream, "take", watched)
        found = list(parts.stream_element_parts(source.read, source.read(100), max_bytes=8_192))
    (alone,) = [(part, data) for part, data in found if part.end - part.start > 8_192]
    assert alone[1] == b"" and alone[0].records == 1
    read = [json.loads(f"[{data.decode()}]") for _, data in found if data]
    assert [item["title"] for items in read for item in items] == [
        f"Story {i}" for i in range(90) if i != at
    ]
    assert max(kept) <= 8_192 + 2 * parts.PART_BYTES  # what it kept of the long one


@pytest.mark.usefixtures("small_parts")
def test_a_large_json_list_on_standard_input_is_read_in_parts_as_it_was_whole(
    run: Run, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = crawl_list(100, 2)
    piped = json.loads(run("ingest", "--json", "-", input=text.encode()).stdout)
    monkeypatch.setattr(parts, "SPLIT_FROM", 10**9)  # read whole, as before
    monkeypatch.setenv("NEWSARC_DB", str(tmp_path / "whole.db"))
    whole = json.loads(run("ingest", "--json", "-", input=text.encode()).stdout)
    assert {k: v for k, v in piped.items() if k != "seconds"} == {
        k: v for k, v in whole.items() if k != "seconds"
    }
    assert piped["new"] > 90
    query = "SELECT headline, body, original, source_path FROM articles ORDER BY id"
    with sqlite3.connect(db_path) as in_parts, sqlite3.connect(tmp_path / "whole.db") as at_once:
        assert in_parts.execute(query).fetchall() == at_once.execute(query).fetchall()


@pytest.mark.usefixtures("small_parts")
def test_a_broken_json_list_keeps_its_parts_before_the_break(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    whole = crawl_list(100, None)
    path.write_text(whole[: len(whole) * 3 // 4], encoding="utf-8")  # cut off mid-element
    result = ingest_report(run, str(path))
    (*no_articles, broken) = result["failures"]  # type: ignore[misc]
    assert [f["source"] for f in no_articles] == [f"{path}[12]", f"{path}[30]"]
    assert broken["source"] == str(path)
    assert broken["reason"].startswith("not valid JSON in the elements from [")
    assert 50 < result["new"] < 75  # type: ignore[operator]


def nyt_month(count: int) -> str:
    """The New York Times Archive API's answer for a month: docs inside a response."""
    docs = [
        {
            "abstract": f"A summary of story {number}, with {{braces}} and [brackets].",
            "lead_paragraph": f"WASHINGTON — The Senate voted on bill {number} on Tuesday.",
            "headline": {"main": f"Senate votes on bill {number}", "kicker": None},
            "pub_date": "2024-03-05T10:00:00+0000",
            "byline": {"original": "By Jane Doe", "person": [{"firstname": "Jane"}]},
            "web_url": f"https://www.nytimes.com/2024/03/05/us/bill-{number}.html",
            "keywords": [{"name": "subject", "value": "Law"}],
        }
        for number in range(count)
    ]
    del docs[7]["web_url"]
    answer = {"copyright": "(c) 2024 The New York Times", "response": {"docs": docs, "meta": {}}}
    return json.dumps(answer, indent=1)


def stories(count: int) -> str:
    """A JSON list of scraped stories, every tenth with no url."""
    return json.dumps(
        [
            {"title": f"Story {n}", "text": f'Text {n}: [a], {{b}}, "c".'}
            | ({"url": f"https://example.org/{n}"} if n % 10 else {})
            for n in range(count)
        ],
        indent=2,
    )


@pytest.mark.usefixtures("small_parts")
@pytest.mark.parametrize(
    ("text", "place"),
    [
        (nyt_month(150), ".response.docs[7]"),
        ('{"status": "ok", "totalResults": 150, "articles": ' + stories(150) + "}", ".articles[0]"),
        # the name listed first among the names of lists, wherever the file has it
        (
            '{"data": {"x": [1]}, "items": 3, "results": ' + stories(150) + ', "docs": []}',
            ".results[10]",
        ),
        # a name given twice: the last counts, as in JSON read whole
        (
            '{"results": [{"title": "Gone", "text": "Gone."}], "x": {"y": [1, {"z": "]"}]},'
            ' "results": ' + stories(150) + "}",
            ".results[20]",
        ),
    ],
)
def test_a_list_an_object_wraps_is_read_in_parts_as_read_whole(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, place: str
) -> None:
    path = tmp_path / "answer.json"
    path.write_text(text, encoding="utf-8")
    assert parts.element_parts(str(path), path.stat().st_size, 10**7) is None
    in_parts, by_parts = read_in_parts_and_whole(run, path, monkeypatch)
    assert (in_parts["new"], in_parts["failed"]) == (150, 0)
    assert f"{path}{place}" in {row[0] for row in by_parts}


@pytest.mark.usefixtures("small_parts")
@pytest.mark.parametrize(
    "text",
    [
        '{"headline": "One article", "body": "' + "word " * 2000 + '"}',  # an article itself
        '{"title": "One", "text": "' + "word " * 2000 + '", "items": []}',
        '{"notes": ' + stories(50) + "}",  # no name of a list of articles
        "{'single': 'quotes'}" + " " * 10_000,
    ],
)
def test_an_object_that_wraps_no_list_of_articles_is_read_whole(tmp_path: Path, text: str) -> None:
    path = tmp_path / "answer.json"
    path.write_text(text, encoding="utf-8")
    assert ingest_module._json_list_parts(str(path), path.stat().st_size, 10**7) is None


@pytest.mark.usefixtures("small_parts")
def test_a_large_file_with_no_articles_fails_once_as_read_whole(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "answer.json"
    path.write_text('{"articles": [], "note": "' + "x" * 10_000 + '"}', encoding="utf-8")
    in_parts, _ = read_in_parts_and_whole(run, path, monkeypatch)
    (failure,) = in_parts["failures"]  # type: ignore[misc]
    assert failure == {"source": str(path), "reason": ingest_module.NO_ARTICLES}


@pytest.mark.usefixtures("small_parts")
@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz"])
def test_compressed_json_lines_are_read_as_they_are_decompressed(
    run: Run, tmp_path: Path, suffix: str
) -> None:
    import bz2
    import gzip
    import lzma

    compress = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}[suffix]
    lines = [line for line in wire_lines(300) if line.startswith("{") and line.endswith("}")]
    plain = tmp_path / "crawl.jsonl"
    plain.write_text("\n".join(lines) + "\n", encoding="utf-8")
    packed = tmp_path / f"crawl.jsonl{suffix}"
    packed.write_bytes(compress(plain.read_bytes()))
    first = ingest_report(run, str(packed))
    assert (first["new"], first["failed"]) == (len(lines), 0)
    stored_keys = {row[0] for row in stored(Path(os.environ["NEWSARC_DB"]))}
    assert {f"{packed}:5", f"{packed}#https://example.org/news/1", str(packed)} < stored_keys
    again = ingest_report(run, str(packed))
    assert (again["inputs"], again["unchanged"]) == (1, 1)
    assert ingest_report(run, str(plain))["duplicate"] == len(lines)  # the same texts


@pytest.mark.usefixtures("small_parts")
def test_compressed_lines_that_break_off_keep_the_lines_before(run: Run, tmp_path: Path) -> None:
    import gzip

    lines = [line for line in wire_lines(300) if line.startswith("{") and line.endswith("}")]
    whole = gzip.compress(("\n".join(lines) + "\n").encode())
    packed = tmp_path / "crawl.jsonl.gz"
    packed.write_bytes(whole[: len(whole) // 2])  # a download cut off
    result = ingest_report(run, str(packed))
    assert 50 < result["new"] < len(lines)  # type: ignore[operator]
    (failure,) = result["failures"]  # type: ignore[misc]
    assert failure["source"] == str(packed)
    assert failure["reason"].startswith("compressed data that cannot be read whole")
    assert ingest_report(run, str(packed))["failed"] == 1  # not remembered: read again
