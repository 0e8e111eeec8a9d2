"""The same data rendered for a terminal and for a pipe."""

import io
import json

import pytest
from rich.console import Console

from newsarc import render
from newsarc.models import ReindexReport, SearchHit, StoredArticle

HITS = [
    SearchHit(3, "2020-03-06", "Putin, Erdogan look to defuse Syria crisis", ["AFP"], "Moscow", None,
              "…situation in \x02Idlib\x03 had become [so] tense…", -1.5),
    SearchHit(4, None, "Greece tightens\tborder", [], "Athens", "Kathimerini", "…fighting in \x02Idlib\x03…", -1.1),
]  # fmt: skip


def terminal(color: bool = True) -> tuple[Console, io.StringIO]:
    stream = io.StringIO()
    console = Console(
        file=stream, force_terminal=True, width=100, no_color=not color, highlight=False
    )
    return console, stream


def test_pipe_gets_tab_separated_lines() -> None:
    stream = io.StringIO()
    render.hits_plain(HITS, stream)
    assert stream.getvalue() == (
        "3\t2020-03-06\tPutin, Erdogan look to defuse Syria crisis\n4\t\tGreece tightens border\n"
    )


def test_terminal_gets_a_table_with_highlighted_snippets() -> None:
    console, stream = terminal()
    render.hits_table(HITS, total=2, offset=0, console=console)
    output = stream.getvalue()
    assert "\x1b[1;33mIdlib\x1b[0m" in output  # the match, bold yellow
    assert "[so]" in output  # square brackets in article text are text, not markup
    assert "\x1b[1mPutin, Erdogan look to defuse Syria crisis" in output  # the headline bold
    assert "\x1b[1m…situation" not in output  # and the snippet under it plain
    assert "AFP" in output and "Kathimerini" in output
    assert "2 articles matching, showing 1-2." in output


def test_a_hit_without_a_snippet_takes_one_line() -> None:
    brief = SearchHit(7, None, "ARCO RAISES CRUDE OIL PRICES", ["Reuters"], None, None, "", -2.0)
    console, stream = terminal(color=False)
    render.hits_table([brief], total=1, offset=0, console=console)
    rows = [line for line in stream.getvalue().splitlines() if line.startswith("│")]
    assert len(rows) == 1 and "ARCO RAISES CRUDE OIL PRICES" in rows[0]
    assert "1 article matching, showing 1." in stream.getvalue()


def test_no_color_keeps_the_table_without_escape_codes() -> None:
    console, stream = terminal(color=False)
    render.hits_table(HITS, total=2, offset=0, console=console)
    output = stream.getvalue()
    assert "Idlib" in output and "\x1b[1;33m" not in output


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("jsonl", b'{"a": 1}\n{"a": 2}\n'),
        ("json", b'[\n{"a": 1},\n{"a": 2}\n]\n'),
    ],
)
def test_json_writers(form: str, expected: bytes) -> None:
    stream = io.BytesIO()
    render.write_json_lines([b'{"a": 1}', b'{"a": 2}'], stream, form)
    assert stream.getvalue() == expected


class RecordingStream(io.BytesIO):
    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.sizes.append(len(data))
        return super().write(data)


@pytest.mark.parametrize(("form", "opening"), [("jsonl", b""), ("json", b"[\n")])
def test_large_chunks_are_written_in_slices(form: str, opening: bytes) -> None:
    separator = render.json_separator(form)
    chunk = separator.join([b'{"body": "' + b"x" * 999 + b'"}'] * 2500)  # ~2.5 MiB
    stream = RecordingStream()
    render.write_json_lines([chunk, chunk], stream, form)
    assert max(stream.sizes) == render.WRITE_BYTES
    written = stream.getvalue()
    assert written.startswith(opening + chunk)
    records = json.loads(written) if form == "json" else map(json.loads, written.splitlines())
    assert [len(record["body"]) for record in records] == [999] * 5000


def test_empty_json_array() -> None:
    stream = io.BytesIO()
    render.write_json_lines([], stream, "json")
    assert stream.getvalue() == b"[]\n"


def test_machine_snippets_mark_matches() -> None:
    records = list(render.hit_records(HITS[:1]))
    assert records[0]["snippet"] == "…situation in **Idlib** had become [so] tense…"


@pytest.mark.parametrize(
    ("months", "unit", "counts"),
    [
        (
            [("2020-02", 3), ("2020-04", 1)],
            "month",
            [("2020-02", 3), ("2020-03", 0), ("2020-04", 1)],
        ),
        ([("2019-12", 1), ("2020-01", 2)], "month", [("2019-12", 1), ("2020-01", 2)]),
        (
            [("1987-02", 3), ("1990-03", 2)],
            "year",
            [("1987", 3), ("1988", 0), ("1989", 0), ("1990", 2)],
        ),
        ([("2020", 4), ("2020-05", 1)], "year", [("2020", 5)]),  # a date known to the year only
        ([("1801-01", 3), ("2026-05", 2)], "year", [("1801", 3), ("2026", 2)]),
    ],
    ids=["gap-shown", "across-a-new-year", "long-span-by-year", "year-only", "very-long-span"],
)
def test_the_timeline_of_stats(
    months: list[tuple[str, int]], unit: str, counts: list[tuple[str, int]]
) -> None:
    assert render.timeline(months) == (unit, counts)


@pytest.mark.parametrize(
    ("report", "summary"),
    [
        (
            ReindexReport(checked=1, clusters=1),
            "Re-read 1 article: 0 changed, 0 could not be re-read (kept as they were);"
            " 1 near-duplicate cluster.",
        ),
        (
            ReindexReport(checked=3, changed=2, fields={"body": 2, "byline": 1}, clusters=0),
            "Re-read 3 articles: 2 changed (body 2, byline 1), 0 could not be re-read (kept as"
            " they were); 0 near-duplicate clusters.",
        ),
    ],
)
def test_reindex_summary_counts_in_words(report: ReindexReport, summary: str) -> None:
    assert render.reindex_summary(report) == summary


@pytest.mark.parametrize(("words", "shown"), [(1, "1 word"), (2, "2 words")])
def test_the_metadata_line_counts_words_in_words(words: int, shown: str) -> None:
    article = StoredArticle(
        "H", None, None, [], None, None, None, "B", words, 7, None, None, "c", "t", 7, 1
    )
    assert render.metadata_line(article) == f"undated · {shown}"
