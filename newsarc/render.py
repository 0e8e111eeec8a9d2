"""Output: rich tables and panels for a terminal, plain lines for a pipe, JSON/JSONL/CSV writers.

The caller decides once whether stdout is a terminal; terminal renderers take a rich Console so
tests can force either side. rich is imported only on the terminal side. Article text is
untrusted: it always goes through rich.text.Text, never through markup.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from newsarc.sql import MARK_END, MARK_START, RECORD_COLUMNS

# typing.TYPE_CHECKING without importing typing: a plain export (newsarc.fast) writes through
# this module and imports neither typing nor the record classes.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any

    from rich.console import Console
    from rich.text import Text

    from newsarc.models import (
        ArchiveStats,
        ClusterCopy,
        ClusterSummary,
        IngestReport,
        InputResult,
        ReindexReport,
        SearchHit,
        StoredArticle,
    )

HIGHLIGHT_STYLE = "bold yellow"
# How matches are marked in snippets of machine formats.
PLAIN_MARK = "**"
# The most bytes of an export handed to the system in one write. A chunk of 2,000 records is
# ~8 MB: written whole, a 100k export spent 0.8-1.1 s in the kernel against ~0.3 s in slices of
# 1 MiB, and took 0.85 s against 0.51 s (medians of six alternating runs into a file).
WRITE_BYTES = 1 << 20


def make_console(stream: IO[str]) -> Console:
    from rich.console import Console

    return Console(file=stream, highlight=False)


# -- ingest --------------------------------------------------------------------------------------


def input_line(result: InputResult) -> str:
    where = f"#{result.article_id}" if result.article_id is not None else "-"
    reason = f": {result.reason}" if result.reason else ""
    return f"{result.status:<9} {where:>7}  {result.source}{reason}"


def ingest_summary(report: IngestReport) -> str:
    counts = report.counts
    duplicates = counts["duplicate"]
    line = (
        f"{counts['new']} new, {counts['updated']} updated, {counts['unchanged']} unchanged, "
        f"{duplicates} duplicate{'s' if duplicates != 1 else ''}, {counts['failed']} failed; "
        f"{report.undated} stored without a date."
    )
    inputs = f"{report.total} input{'s' if report.total != 1 else ''}"
    if report.interrupted:
        return f"Interrupted after {inputs}: {line} What was stored is kept."
    return f"Ingested {inputs}: {line}"


def ingest_json(report: IngestReport) -> str:
    document = {
        "inputs": report.total,
        **report.counts,
        "undated": report.undated,
        "interrupted": report.interrupted,
        "failures": [{"source": f.source, "reason": f.reason} for f in report.failures],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def reindex_summary(report: ReindexReport) -> str:
    fields = ", ".join(f"{name} {n}" for name, n in sorted(report.fields.items()))
    articles = f"{report.checked} article{'s' if report.checked != 1 else ''}"
    line = f"Re-read {articles}: {report.changed} changed"
    line += f" ({fields})" if fields else ""
    line += f", {len(report.failures)} could not be re-read (kept as they were)"
    clusters = f"{report.clusters} near-duplicate cluster{'s' if report.clusters != 1 else ''}"
    return line + f"; {clusters}."


# -- search --------------------------------------------------------------------------------------


def hits_table(hits: list[SearchHit], total: int, offset: int, console: Console) -> None:
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold", expand=True)
    table.add_column("id", justify="right", no_wrap=True, style="cyan")
    table.add_column("date", no_wrap=True)
    table.add_column("source", no_wrap=True, max_width=18)
    table.add_column("headline and snippet", ratio=1)
    for hit in hits:
        cell = _plain_text(hit.headline)
        cell.stylize("bold")  # the headline alone: the snippet under it stays plain
        if hit.snippet:  # a brief has no body to cut one from
            cell.append("\n")
            cell.append_text(_highlighted(hit.snippet))
        source = _source_label(hit)
        if hit.copies is not None:
            source += f"\n{hit.copies} cop{'y' if hit.copies == 1 else 'ies'}"
        table.add_row(str(hit.id), (hit.published or "")[:10], source, cell)
    console.print(table)
    first, last = offset + 1, offset + len(hits)
    shown = "none" if not hits else str(first) if first == last else f"{first}-{last}"
    unit = "cluster" if hits and hits[0].copies is not None else "article"
    plural = "" if total == 1 else "s"
    console.print(
        f"{total} {unit}{plural} matching, showing {shown}.", style="dim", highlight=False
    )


def hits_plain(hits: Iterable[SearchHit], stream: IO[str]) -> None:
    for hit in hits:
        copies = "" if hit.copies is None else f"\t{hit.copies}"
        stream.write(f"{hit.id}\t{hit.published or ''}\t{_one_line(hit.headline)}{copies}\n")


def hit_records(hits: Iterable[SearchHit]) -> Iterator[dict[str, object]]:
    for hit in hits:
        record = _as_dict(hit)
        record["snippet"] = _plain_snippet(hit.snippet)
        yield record


def write_records(records: Iterable[dict[str, object]], stream: IO[str], form: str) -> None:
    """Write dict records as a JSON array, JSON Lines or CSV (lists joined with ';')."""
    if form == "csv":
        import csv

        writer: csv.DictWriter[str] | None = None
        for record in records:
            if writer is None:
                writer = csv.DictWriter(stream, fieldnames=list(record), lineterminator="\n")
                writer.writeheader()
            writer.writerow(
                {k: ";".join(v) if isinstance(v, list) else v for k, v in record.items()}
            )
        return
    objects = [json.dumps(r, ensure_ascii=False).encode() for r in records]
    document = io.BytesIO()  # a page of search hits: small
    write_json_lines([json_separator(form).join(objects)] if objects else [], document, form)
    stream.write(document.getvalue().decode())


def write_json_lines(chunks: Iterable[bytes], stream: IO[bytes], form: str) -> None:
    """Stream chunks of UTF-8 JSON objects (joined by json_separator(form)) as JSON Lines or
    as one JSON array."""
    if form == "jsonl":
        for chunk in chunks:
            _write_in_slices(stream, chunk)  # not chunk + b"\n": that would copy megabytes
            stream.write(b"\n")
        return
    stream.write(b"[")
    before = b"\n"
    for chunk in chunks:
        stream.write(before)
        _write_in_slices(stream, chunk)
        before = b",\n"
    stream.write(b"\n]\n" if before != b"\n" else b"]\n")


def _write_in_slices(stream: IO[bytes], chunk: bytes) -> None:
    view = memoryview(chunk)
    for start in range(0, len(view), WRITE_BYTES):
        stream.write(view[start : start + WRITE_BYTES])


def json_separator(form: str) -> bytes:
    """What goes between two objects of one chunk in `form`."""
    return b"\n" if form == "jsonl" else b",\n"


def write_csv_rows(rows: Iterable[tuple[object, ...]], stream: IO[str]) -> None:
    """Export rows (RECORD_COLUMNS order, agencies as JSON) as CSV with agencies joined by ';'."""
    import csv

    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(RECORD_COLUMNS)
    position = RECORD_COLUMNS.index("agencies")
    for row in rows:
        values = list(row)
        values[position] = ";".join(json.loads(str(values[position] or "[]")))
        writer.writerow(values)


# -- show ----------------------------------------------------------------------------------------


def metadata_line(article: StoredArticle) -> str:
    parts = [
        article.published or "undated",
        ", ".join(article.agencies),
        article.dateline or "",
        "" if article.outlet in article.agencies else article.outlet or "",  # Reuters, once
        article.byline and f"by {article.byline}",
        f"{article.word_count} word{'s' if article.word_count != 1 else ''}",
        article.source_path or "",
    ]
    return " · ".join(part for part in parts if part)


def article_terminal(article: StoredArticle, console: Console) -> None:
    console.print(_plain_text(article.headline, "bold"))
    if article.deck:
        console.print(_plain_text(article.deck, "italic"))
    console.print(_plain_text(f"#{article.id} · {metadata_line(article)}", "dim"))
    for paragraph in article.body.split("\n\n"):
        console.print()
        console.print(_plain_text(paragraph))


def article_plain(article: StoredArticle, stream: IO[str]) -> None:
    stream.write(f"{article.headline}\n")
    if article.deck:
        stream.write(f"{article.deck}\n")
    stream.write(f"#{article.id} · {metadata_line(article)}\n\n{article.body}\n")


def article_json(article: StoredArticle) -> str:
    return json.dumps(_as_dict(article), ensure_ascii=False, indent=2)


# -- stats ---------------------------------------------------------------------------------------

BAR_WIDTH = 40
MAX_MONTHS = 36  # a longer span is counted by year
MAX_YEARS = 60  # a longer one lists only the years that hold articles


def stats_plain(stats: ArchiveStats, stream: IO[str]) -> None:
    stream.write(f"articles\t{stats.articles}\n")
    stream.write(f"dates\t{stats.first or ''}\t{stats.last or ''}\n")
    stream.write(f"undated\t{stats.undated}\n")
    for label, ranked in (
        ("agency", stats.agencies), ("dateline", stats.datelines), ("outlet", stats.outlets),
        ("month", stats.months),
    ):  # fmt: skip
        for name, n in ranked:
            stream.write(f"{label}\t{_one_line(name)}\t{n}\n")


def stats_terminal(stats: ArchiveStats, console: Console) -> None:
    from rich.table import Table

    span = f"{stats.first} to {stats.last}" if stats.first else "no dated articles"
    console.print(f"[bold]{stats.articles}[/bold] articles, {span}, {stats.undated} undated.")
    for title, ranked in (
        ("Agencies", stats.agencies), ("Datelines", stats.datelines), ("Outlets", stats.outlets)
    ):  # fmt: skip
        if ranked:
            table = Table(title=title, title_justify="left", show_header=False, box=None)
            table.add_column(no_wrap=True)
            table.add_column(justify="right")
            for name, n in ranked:
                table.add_row(_plain_text(name), str(n))
            console.print(table)
    if stats.months:
        unit, counts = timeline(stats.months)
        console.print(f"[bold]Articles per {unit}[/bold]")
        peak = max(n for _, n in counts)
        for period, n in counts:
            bar = "█" * max(1, round(BAR_WIDTH * n / peak)) if n else ""
            console.print(f"{period}  [cyan]{bar or '·'}[/cyan] {n}")


def timeline(months: list[tuple[str, int]]) -> tuple[str, list[tuple[str, int]]]:
    """Counts by month ("2020-03"), with the empty months between shown as 0, when they span at
    most MAX_MONTHS; else by year, with the empty years between while they span at most
    MAX_YEARS. A date known to the year only ("2020") counts in its year."""
    if all(len(month) == 7 for month, _ in months):
        first, last = _month_number(months[0][0]), _month_number(months[-1][0])
        if last - first < MAX_MONTHS:
            by_month = dict(months)
            periods = [
                f"{number // 12:04d}-{number % 12 + 1:02d}" for number in range(first, last + 1)
            ]
            return "month", [(period, by_month.get(period, 0)) for period in periods]
    by_year: dict[str, int] = {}
    for month, n in months:
        by_year[month[:4]] = by_year.get(month[:4], 0) + n
    years = sorted(by_year)
    if int(years[-1]) - int(years[0]) < MAX_YEARS:
        years = [str(year) for year in range(int(years[0]), int(years[-1]) + 1)]
    return "year", [(year, by_year.get(year, 0)) for year in years]


def _month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def stats_json(stats: ArchiveStats) -> str:
    document = _as_dict(stats)
    for key in ("agencies", "datelines", "outlets", "months"):
        document[key] = [{"name": name, "articles": n} for name, n in document[key]]
    return json.dumps(document, indent=2, ensure_ascii=False)


# -- helpers -------------------------------------------------------------------------------------


def _plain_text(value: str, style: str = "") -> Text:
    from rich.text import Text

    return Text(value, style=style)


def _highlighted(snippet: str) -> Text:
    from rich.text import Text

    text = Text()
    for index, part in enumerate(snippet.replace(MARK_END, MARK_START).split(MARK_START)):
        text.append(part, style=HIGHLIGHT_STYLE if index % 2 else "")
    return text


def _plain_snippet(snippet: str) -> str:
    return snippet.replace(MARK_START, PLAIN_MARK).replace(MARK_END, PLAIN_MARK)


def _source_label(hit: SearchHit) -> str:
    return ", ".join(hit.agencies) or hit.outlet or ""


def _one_line(value: str) -> str:
    return " ".join(value.split())


# -- near-duplicate clusters ---------------------------------------------------------------------

HEADLINE_VARIANTS_SHOWN = 3


def clusters_table(clusters: list[ClusterSummary], total: int, console: Console) -> None:
    from rich.table import Table

    table = Table(header_style="bold", expand=True)
    table.add_column("cluster", justify="right", style="cyan", no_wrap=True)
    table.add_column("copies", justify="right", no_wrap=True)
    table.add_column("dates", no_wrap=True)
    table.add_column("outlets and agencies", max_width=28)
    table.add_column("headlines", ratio=1)
    for cluster in clusters:
        shown = cluster.headlines[:HEADLINE_VARIANTS_SHOWN]
        more = len(cluster.headlines) - len(shown)
        headlines = _plain_text("\n".join(shown) + (f"\n… and {more} more" if more else ""))
        table.add_row(
            str(cluster.cluster_id),
            str(cluster.size),
            _span(cluster.first, cluster.last),
            _plain_text(", ".join(dict.fromkeys([*cluster.outlets, *cluster.agencies]))),
            headlines,
        )
    console.print(table)
    counted = f"{total} cluster{'s' if total != 1 else ''}"
    console.print(f"{counted} of near-duplicate copies.", style="dim", highlight=False)


def clusters_plain(clusters: list[ClusterSummary], stream: IO[str]) -> None:
    for cluster in clusters:
        headline = _one_line(cluster.headlines[0]) if cluster.headlines else ""
        stream.write(
            f"{cluster.cluster_id}\t{cluster.size}\t{cluster.first or ''}\t{cluster.last or ''}"
            f"\t{headline}\n"
        )


def copies_table(copies: list[ClusterCopy], reference: int, console: Console) -> None:
    from rich.table import Table

    table = Table(header_style="bold", expand=True)
    table.add_column("id", justify="right", style="cyan", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("similar", justify="right", no_wrap=True)
    table.add_column("source", max_width=24)
    table.add_column("headline", ratio=1)
    for copy in copies:
        style = "bold" if copy.id == reference else ""
        table.add_row(
            str(copy.id),
            (copy.published or "")[:10],
            f"{copy.similarity:.0%}",
            _plain_text(
                ", ".join(dict.fromkeys(filter(None, [copy.outlet, *copy.agencies, copy.dateline])))
            ),
            _plain_text(copy.headline, style),
        )
    console.print(table)


def copies_plain(copies: list[ClusterCopy], stream: IO[str]) -> None:
    for copy in copies:
        stream.write(
            f"{copy.id}\t{copy.published or ''}\t{copy.similarity:.2f}\t{_one_line(copy.headline)}\n"
        )


DIFF_STYLES = {"removed": "red strike", "added": "green underline", "same": ""}
# Word-diff markers for a pipe, as `git diff --word-diff` writes them.
DIFF_MARKS = {"removed": ("[-", "-]"), "added": ("{+", "+}"), "same": ("", "")}


def diff_terminal(changes: list[tuple[str, str]], console: Console) -> None:
    from rich.text import Text

    text = Text()
    for index, (kind, words) in enumerate(changes):
        if index:
            text.append(" ")
        text.append(words, style=DIFF_STYLES[kind])
    console.print(text)


def diff_plain(changes: list[tuple[str, str]], stream: IO[str]) -> None:
    parts = [DIFF_MARKS[kind][0] + words + DIFF_MARKS[kind][1] for kind, words in changes]
    stream.write(" ".join(parts) + "\n")


def _span(first: str | None, last: str | None) -> str:
    if not first:
        return "undated"
    return first[:10] if first[:10] == (last or "")[:10] else f"{first[:10]} – {(last or '')[:10]}"


# -- progress ------------------------------------------------------------------------------------


@contextmanager
def progress_bar(
    total: int, description: str, stream: IO[str]
) -> Iterator[Callable[[float], None]]:
    """A progress bar on `stream` (count, rate, time left); yields the function that advances it
    (by one, or by the share of an item done)."""
    with progress_steps(stream) as start:
        yield start(description, total)


@contextmanager
def progress_steps(stream: IO[str]) -> Iterator[Callable[[str, int], Callable[[float], None]]]:
    """A progress bar on `stream` for each step of a long job, one after the other; yields the
    function that starts a step (its description and total) and returns what advances it (by
    a count: a call per item in a burst would make the rate's estimate wild)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.speed or 0.0
            # a large file read in parts counts as one: under one a second, its share shows
            if speed >= 10:
                rate = f"{speed:,.0f}/s"
            elif speed >= 0.05:
                rate = f"{speed:.1f}/s"
            else:
                rate = ""
            return _plain_text(rate, "dim")

    columns = (
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
        RateColumn(), TimeRemainingColumn(),
    )  # fmt: skip
    with Progress(*columns, console=make_console(stream), transient=True) as progress:

        def start(description: str, total: int) -> Callable[[float], None]:
            for earlier in progress.task_ids:
                progress.remove_task(earlier)
            task = progress.add_task(description, total=total)
            return lambda count: progress.advance(task, count)

        yield start


def _as_dict(record: object) -> dict[str, Any]:
    from dataclasses import asdict  # here: dataclasses imports inspect, ~6 ms of start-up

    return asdict(record)  # type: ignore[call-overload,no-any-return]
