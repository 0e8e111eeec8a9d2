"""The command line: parse options, open the archive, call the core, render, map errors."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click
from click.core import ParameterSource

from newsarc import __version__
from newsarc.engine import sqlite3
from newsarc.errors import NewsarcError, NotFound, QueryError
from newsarc.fast import (
    DEFAULT_ARCHIVE,
    DEFAULT_LIMIT,
    INTERRUPTED,
    overwrites_archive,
    silence_closed_stdout,
)
from newsarc.models import MAX_FILE_BYTES
from newsarc.sql import LARGEST_INTEGER
from newsarc.store import lock_timeout

F = TypeVar("F", bound=Callable[..., Any])

INBOX_DEFAULT = "data"
ALIASES = {"query": "search"}
FORMATS = ("json", "jsonl", "csv")
KINDS_SHOWN = 3  # kinds of file name a folder holds, named when --glob matched none


# click's ParamType is generic from 8.4 on, with one type argument in 8.4 and two in 8.5.
class RowNumber(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    """A count or offset of rows: at least `least`; a larger number than SQLite takes means
    all rows, not an error."""

    name = "integer"

    def __init__(self, least: int) -> None:
        self.least = least

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a whole number.", param, ctx)
        if number < self.least:
            self.fail(f"{number} is less than {self.least}.", param, ctx)
        return min(number, LARGEST_INTEGER)


ROW_COUNT = RowNumber(least=1)
ROW_OFFSET = RowNumber(least=0)


class NewsarcGroup(click.Group):
    """Resolves aliases and turns core errors into messages on stderr with exit code 1."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, ALIASES.get(cmd_name, cmd_name))

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except BrokenPipeError:
            silence_closed_stdout()

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsarcError as error:
            raise click.ClickException(str(error)) from None
        except sqlite3.DatabaseError as error:  # a lock held too long, a damaged file
            if "locked" in str(error) or "busy" in str(error):
                raise click.ClickException(
                    f"The archive stayed locked by another process for {lock_timeout():g} s; "
                    "try again when it is done (NEWSARC_LOCK_TIMEOUT sets the wait)."
                ) from None
            raise click.ClickException(f"The archive could not be used: {error}") from None
        except BrokenPipeError:
            raise
        except OSError as error:  # an output that cannot be written, a full disk
            where = f": {error.filename}" if error.filename else ""
            raise click.ClickException(f"{error.strerror or error}{where}") from None
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(INTERRUPTED)


@click.group(cls=NewsarcGroup, context_settings={"help_option_names": ["-h", "--help"]})
# The SQLite too: search and export behaviour depends on its release.
@click.version_option(
    __version__,
    prog_name="newsarc",
    message=f"%(prog)s, version %(version)s (SQLite {sqlite3.sqlite_version})",
)
@click.option(
    "--db",
    "db_path",
    metavar="PATH",
    type=click.Path(dir_okay=False),
    help="Archive file for the command that follows (it takes --db too).",
)
def cli(db_path: str | None) -> None:
    """A news archive: normalize article files into SQLite, then search, show and export them.

    \b
    Quick start:
      newsarc ingest data/          load every .txt file under data/
      newsarc search idlib          ranked full-text search
      newsarc show 1                read one article
      newsarc export --jsonl        hand the archive to other tools

    The archive is the file named by --db, else $NEWSARC_DB, else ./newsarc.db.
    """


def db_option(command: F) -> F:
    return click.option(
        "--db",
        "db_path",
        envvar="NEWSARC_DB",
        default=DEFAULT_ARCHIVE,
        show_default=True,
        type=click.Path(dir_okay=False),
        callback=_archive_named_before,
        help="Archive file (or set NEWSARC_DB).",
    )(command)


def _archive_named_before(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """`newsarc --db A search ...` names the archive as `newsarc search --db A ...` does."""
    named_before = ctx.parent.params.get("db_path") if ctx.parent else None
    if named_before and ctx.get_parameter_source("db_path") is not ParameterSource.COMMANDLINE:
        return str(named_before)
    return value


def format_options(*forms: str, default: str | None = None) -> Callable[[F], F]:
    """--json/--jsonl/--csv as one choice stored in `form`."""

    def decorate(command: F) -> F:
        for form in reversed(forms):
            extra: dict[str, Any] = {"default": True} if form == default else {}
            command = click.option(
                f"--{form}",
                "form",
                flag_value=form,
                help=f"Print {form.upper()}{' (the default)' if form == default else ''}.",
                **extra,
            )(command)
        return command

    return decorate


def filter_options(command: F) -> F:
    options = (
        click.option(
            "--since",
            metavar="DATE",
            help="Published on or after: 2020, 2020-03, 2020-03-06, 'March 2020'.",
        ),
        click.option(
            "--until", metavar="DATE", help="Published on or before (a month or year counts whole)."
        ),
        click.option("--agency", help="Only articles credited to this agency, e.g. AFP."),
        click.option("--dateline", help="Only articles with this dateline place, e.g. Moscow."),
        click.option("--outlet", help="Only articles from this outlet."),
        click.option(
            "--byline",
            help="Only articles whose byline holds these words, in any case, e.g. smith.",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


dayfirst_option = click.option(
    "--dayfirst/--monthfirst",
    default=None,
    help="Read ambiguous numeric dates like 05/03/2020 day first or month first (by default day"
    " first, but month first beside a North American zone such as EST).",
)


def _open(db_path: str, *, write: bool = False, create: bool = False) -> Any:
    from newsarc.store import Archive

    def say_upgrading() -> None:
        click.echo(
            f"Upgrading {db_path} for this version of newsarc (once; a large archive can take "
            "a minute or two)...",
            err=True,
        )

    return Archive.open(db_path, write=write, create=create, on_upgrade=say_upgrading)


def _open_with_articles(db_path: str) -> Any:
    archive = _open(db_path)
    if archive.is_empty():
        archive.close()
        raise NewsarcError(
            f"The archive {db_path} is empty. Load articles first: newsarc ingest PATH"
        )
    return archive


def _filters(since: str | None, until: str | None, **rest: str | None) -> Any:
    from newsarc.models import Filters
    from newsarc.query import parse_period

    try:
        return Filters(
            since=parse_period(since)[0] if since else None,
            until=parse_period(until)[1] if until else None,
            **rest,
        )
    except QueryError as error:
        raise click.BadParameter(str(error), param_hint="--since/--until") from None


def _query_text(words: tuple[str, ...]) -> str:
    """The query as typed. `-word` (exclude) arrives here as a word; `--word` is a mistyped option."""
    for word in words:
        if word.startswith("--"):
            raise click.NoSuchOption(word)
    return " ".join(words)


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _emit(
    as_json: bool,
    to_json: Callable[[], str],
    on_terminal: Callable[[Any], None],
    on_pipe: Callable[[Any], None],
) -> None:
    """JSON when asked; else rich output on a terminal, plain lines in a pipe."""
    if as_json:
        click.echo(to_json())
    elif _stdout_is_terminal():
        from newsarc.render import make_console

        on_terminal(make_console(sys.stdout))
    else:
        on_pipe(sys.stdout)


# -- ingest --------------------------------------------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@db_option
@click.option(
    "--glob",
    "patterns",
    multiple=True,
    help="File names to read in folders, whatever their case: *.txt unless given; give it again "
    "for more (*.json, *.jsonl or *.jsonl.gz for articles as JSON, *.csv for tables of "
    "articles, *.md for Markdown, *.html or *.sgm for exports of news databases and saved "
    "pages, *.rss or *.xml for feeds).",
)
@click.option("--outlet", help="Record this outlet for every article of the batch.")
@dayfirst_option
@click.option(
    "--max-size",
    default=MAX_FILE_BYTES // (1024 * 1024),
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest file to read, in MB; of a JSON Lines file, a table or a JSON list, its "
    "largest record.",
)
@click.option(
    "--clusters/--no-clusters",
    default=None,
    help="Group near-duplicate copies (on by default); the choice is kept for later ingests.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="One line per input on stderr.")
def ingest(
    paths: tuple[str, ...],
    db_path: str,
    patterns: tuple[str, ...],
    outlet: str | None,
    dayfirst: bool | None,
    max_size: int,
    clusters: bool | None,
    as_json: bool,
    verbose: bool,
) -> None:
    """Normalize article files, folders or standard input (-) into the archive.

    With no PATH, reads the inbox folder ./data (or $NEWSARC_INBOX). Files already stored are
    skipped, changed files update their article, and the same text twice is stored once.
    Exports of news databases (Reuters SGML, Nexis, LexisNexis and Nexis Uni, Factiva,
    ProQuest) and news feeds (RSS, Atom) give an article an input, as do .json, .jsonl (also compressed:
    .jsonl.gz, .bz2, .xz) and .csv files and standard input that is JSON or a table; a large
    one of these files, and JSON Lines, a JSON list or a table on standard input, is read in
    parts by every worker, whatever its size. A news site's page saved as .html is
    one article, and so is a Markdown clipping, read with the title, date and writers its front
    matter states. Exit code 0 when every input was stored, 1 when any failed, 130 when
    interrupted.

    \b
    Examples:
      newsarc ingest data/
      newsarc ingest --glob '*.text' --outlet 'Daily Star' scraped/
      cat story.txt | newsarc ingest -
      newsarc ingest export.jsonl dataset.csv crawl.jsonl.gz
      newsarc export --jsonl | newsarc --db copy.db ingest -
      newsarc ingest --glob '*.html' factiva-saves/ saved-pages/
      newsarc ingest --glob '*.md' clippings/
      newsarc ingest --glob '*.rss' --glob '*.xml' feeds/
    """
    from newsarc import render
    from newsarc.ingest import (
        DEFAULT_GLOB,
        READ_KINDS,
        Options,
        clusters_enabled,
        count_inputs,
        printable,
    )
    from newsarc.ingest import ingest as run_ingest

    if not paths:
        inbox = os.environ.get("NEWSARC_INBOX") or INBOX_DEFAULT
        if not os.path.isdir(inbox):
            raise click.UsageError(
                f"No PATH given and no inbox folder {inbox!r}: name files or folders, or - for stdin."
            )
        paths = (inbox,)
    patterns = patterns or (DEFAULT_GLOB,)
    options = Options(
        globs=patterns, outlet=outlet, dayfirst=dayfirst, max_bytes=max_size * 1024 * 1024
    )

    def on_result(result: Any) -> None:
        if verbose or result.status == "failed":
            click.echo(render.input_line(result), err=True)

    with _open(db_path, create=True) as archive:
        options.clusters = clusters_enabled(archive, clusters)
        show_progress = sys.stderr.isatty() and not verbose and "-" not in paths
        if show_progress:
            with render.progress_bar(
                count_inputs(paths, patterns), "ingest", sys.stderr
            ) as advance:
                report = run_ingest(archive, paths, options, on_result=on_result, on_input=advance)
        else:
            report = run_ingest(
                archive, paths, options, read_stdin=sys.stdin.buffer.read, on_result=on_result
            )
    click.echo(render.ingest_json(report) if as_json else render.ingest_summary(report))
    if report.interrupted:
        sys.exit(INTERRUPTED)
    kinds = sorted(report.passed_over.items(), key=lambda kind: (-kind[1], kind[0]))
    readable = [(kind, count) for kind, count in kinds if kind in READ_KINDS]
    if not report.total:
        folders = ", ".join(map(printable, paths))
        held = _counted(kinds[:KINDS_SHOWN])
        held = f" (it holds {held})" if held else ""
        named = " or ".join(patterns)
        click.echo(f"No file named {named} in {folders}{held}: --glob reads others.", err=True)
    elif readable and patterns == (DEFAULT_GLOB,):
        globs = " ".join(f"--glob '{kind}'" for kind, _ in readable)
        click.echo(
            f"Passed over {_counted(readable)} files, which the default --glob {DEFAULT_GLOB} "
            f"does not name: ingest again with {globs} to read them.",
            err=True,
        )
    if report.counts["failed"]:
        sys.exit(1)


def _counted(kinds: list[tuple[str, int]]) -> str:
    return ", ".join(f"{count:,} {kind}" for kind, count in kinds)


@cli.command()
@db_option
@dayfirst_option
@click.option("--clusters/--no-clusters", default=None, help="Keep near-duplicate clusters or not.")
@click.option(
    "--similarity",
    type=click.FloatRange(0.05, 1.0),
    help="Estimated Jaccard similarity of word shingles that makes two bodies copies (default 0.5).",
)
@click.option(
    "--window-days",
    type=click.IntRange(min=0),
    help="How many days apart dated copies may be (default 7).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def reindex(
    db_path: str,
    dayfirst: bool | None,
    clusters: bool | None,
    similarity: float | None,
    window_days: int | None,
    as_json: bool,
) -> None:
    """Re-run the normalizer over the stored originals, keeping ids, and rebuild clusters.

    Use it after upgrading newsarc (articles are re-read from the text exactly as ingested),
    or to change how near-duplicates are grouped; new settings are kept for later ingests.

    \b
    Examples:
      newsarc reindex --db news.db
      newsarc reindex --similarity 0.6 --window-days 3
    """
    import json
    from dataclasses import asdict

    from newsarc import render
    from newsarc.ingest import reindex as run_reindex

    with _open(db_path, write=True) as archive:
        settings = {
            "clusters": None if clusters is None else ("on" if clusters else "off"),
            "similarity": None if similarity is None else str(similarity),
            "window_days": None if window_days is None else str(window_days),
        }
        chosen = {name: value for name, value in settings.items() if value is not None}
        try:
            if sys.stderr.isatty():
                with render.progress_steps(sys.stderr) as on_step:
                    report = run_reindex(
                        archive, dayfirst=dayfirst, settings=chosen, on_step=on_step
                    )
            else:
                report = run_reindex(archive, dayfirst=dayfirst, settings=chosen)
        except KeyboardInterrupt:
            click.echo(
                "Interrupted: the archive is as it was (reindex changes all or nothing).", err=True
            )
            sys.exit(INTERRUPTED)
    click.echo(json.dumps(asdict(report), indent=2) if as_json else render.reindex_summary(report))


# -- reading -------------------------------------------------------------------------------------


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("words", nargs=-1, required=True)
@db_option
@filter_options
@click.option(
    "--raw",
    is_flag=True,
    help="Pass the query to SQLite FTS5 as written (NEAR, ^, column filters...).",
)
@click.option(
    "--sort",
    type=click.Choice(["relevance", "newest", "oldest"]),
    default="relevance",
    show_default=True,
)
@click.option(
    "--limit", default=DEFAULT_LIMIT, show_default=True, type=ROW_COUNT, help="Hits to show."
)
@click.option(
    "--offset", default=0, show_default=True, type=ROW_OFFSET, help="Hits to pass over first."
)
@click.option("--count", "count_only", is_flag=True, help="Print only the number of matches.")
@click.option(
    "--collapse", is_flag=True, help="One hit per near-duplicate cluster, with its copies."
)
@format_options(*FORMATS)
def search(
    words: tuple[str, ...],
    db_path: str,
    raw: bool,
    sort: str,
    limit: int,
    offset: int,
    count_only: bool,
    collapse: bool,
    form: str | None,
    **filters: str | None,
) -> None:
    """Ranked full-text search (alias: query).

    Words are ANDed; "exact phrase", prefix*, headline:word, -word and OR work.
    A terminal gets a table with snippets; a pipe gets id, date and headline, tab-separated.

    \b
    Examples:
      newsarc search idlib
      newsarc search '"moscow talks"' --since 2020-03 --until 2020-03-31
      newsarc search erdog* --agency AFP --sort newest --json
    """
    from newsarc import render, store
    from newsarc.query import to_fts
    from newsarc.sql import Query

    text = _query_text(words)
    match = text if raw else to_fts(text)
    query = Query(match, _filters(**filters))
    with _open_with_articles(db_path) as archive:
        if count_only:
            click.echo(store.count(archive, query, collapse=collapse))
            return
        terminal = _stdout_is_terminal()
        hits = store.search(
            archive,
            query,
            sort=sort,
            limit=limit,
            offset=offset,
            snippets=bool(form) or terminal,
            collapse=collapse,
        )
        if form:
            render.write_records(render.hit_records(hits), sys.stdout, form)
        elif terminal:
            render.hits_table(
                hits,
                store.count(archive, query, collapse=collapse),
                offset,
                render.make_console(sys.stdout),
            )
        else:
            render.hits_plain(hits, sys.stdout)
        if not hits and not form:
            total = store.count(archive, query, collapse=collapse) if offset else 0
            unit = "clusters" if collapse else "articles"
            click.echo(
                _no_hits(text, filters, offset, f"{total} {unit}" if total else ""), err=True
            )


def _no_hits(text: str, filters: dict[str, str | None], offset: int, matching: str) -> str:
    """Why a search printed nothing: no match at all, none with the filters given, or none past
    the offset of the `matching` ones ("3 articles")."""
    if matching:
        return f"{text!r} matches {matching}, none past --offset {offset}."
    named = " ".join(f"--{name} {value!r}" for name, value in filters.items() if value)
    return f"No articles match {text!r}{' with ' + named if named else ''}."


@cli.command()
@click.argument("article_id", metavar="ID")
@db_option
@click.option("--raw", is_flag=True, help="Print the original text exactly as ingested.")
@click.option("--json", "as_json", is_flag=True, help="Print the full record as JSON.")
def show(article_id: str, db_path: str, raw: bool, as_json: bool) -> None:
    """Print one article: headline, deck, a metadata line and the body.

    \b
    Examples:
      newsarc show 12
      newsarc show 12 --raw
    """
    from newsarc import render

    number = _article_number(article_id)
    with _open_with_articles(db_path) as archive:
        if raw:
            click.echo(archive.original(number), nl=False)
            return
        article = archive.get(number)
    _emit(
        as_json,
        lambda: render.article_json(article),
        lambda console: render.article_terminal(article, console),
        lambda stream: render.article_plain(article, stream),
    )


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("words", nargs=-1)
@db_option
@filter_options
@format_options(*FORMATS, default="json")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    default="-",
    help="Write to this file instead of stdout.",
)
@click.option(
    "--with-original", is_flag=True, help="Add each article's original text and encoding."
)
def export(
    words: tuple[str, ...],
    db_path: str,
    form: str,
    output: str,
    with_original: bool,
    **filters: str | None,
) -> None:
    """Every article, or those matching WORDS and filters, as JSON, JSON Lines or CSV.

    The record: id, headline, deck, byline, agencies, dateline, published, published_raw,
    body, word_count, outlet, source_path, content_hash, ingested_at, cluster_id and
    cluster_size. A JSON Lines export can be ingested again.

    \b
    Examples:
      newsarc export --jsonl -o archive.jsonl
      newsarc export idlib --since 2020 --csv > idlib.csv
    """
    from newsarc import render, store
    from newsarc.query import to_fts
    from newsarc.sql import Query

    query = Query(to_fts(_query_text(words)) if words else None, _filters(**filters))
    if overwrites_archive(output, db_path):
        raise NewsarcError(f"{output} is the archive itself: export to another file.")
    with _open_with_articles(db_path) as archive:
        if form == "csv":
            with _output(output, "w") as stream:
                render.write_csv_rows(store.export_rows(archive, query), stream)
        else:
            chunks = store.export_json(
                archive, query, separator=render.json_separator(form), with_original=with_original
            )
            with _output(output, "wb") as binary:
                render.write_json_lines(chunks, binary, form)


@contextmanager
def _output(path: str, mode: str) -> Iterator[Any]:
    """The file (or stdout, for -) to write to; a failure to open or write it names it."""
    try:
        encoding = None if "b" in mode else "utf-8"
        with click.open_file(path, mode, encoding=encoding) as stream:
            yield stream
    except BrokenPipeError:
        raise
    except OSError as error:
        target = "standard output" if path == "-" else path
        raise click.ClickException(f"Cannot write {target}: {error.strerror or error}") from None


@cli.command()
@click.argument("article_id", metavar="[ID]", required=False)
@db_option
@click.option(
    "--diff",
    "other_id",
    metavar="OTHER_ID",
    help="Show what OTHER_ID changed against ID, word by word.",
)
@click.option(
    "--limit", default=20, show_default=True, type=ROW_COUNT, help="Clusters, or copies, to show."
)
@click.option(
    "--offset", default=0, show_default=True, type=ROW_OFFSET, help="Rows to pass over first."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def dupes(
    article_id: str | None,
    db_path: str,
    other_id: str | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """Near-duplicate copies: one story printed by several outlets or on several days.

    With no ID, lists clusters, largest first. With ID, lists the copies in that article's
    cluster and their similarity to it; --diff OTHER_ID shows what one version changed.

    \b
    Examples:
      newsarc dupes
      newsarc dupes 42
      newsarc dupes 42 --diff 57
    """
    from dataclasses import asdict

    from newsarc import render, store
    from newsarc.clusters import compared, word_diff

    if other_id and not article_id:
        raise click.UsageError("--diff compares two articles: give the first as ID.")
    with _open_with_articles(db_path) as archive:
        if article_id is None:
            clusters = store.clusters(archive, limit=limit, offset=offset)
            total = archive.cluster_total()
            if not clusters and not as_json:
                click.echo("No near-duplicate copies in the archive.", err=True)
                return
            _emit(
                as_json,
                lambda: _json([asdict(c) for c in clusters]),
                lambda console: render.clusters_table(clusters, total, console),
                lambda stream: render.clusters_plain(clusters, stream),
            )
            return
        first = _article_number(article_id)
        if other_id is None:
            copies = compared(first, store.cluster_copies(archive, first))
            _emit(
                as_json,
                lambda: _json([asdict(c) for c in copies]),
                lambda console: render.copies_table(copies, first, console),
                lambda stream: render.copies_plain(copies, stream),
            )
            return
        changes = word_diff(archive.get(first).body, archive.get(_article_number(other_id)).body)
    _emit(
        as_json,
        lambda: _json([{"change": kind, "text": text} for kind, text in changes]),
        lambda console: render.diff_terminal(changes, console),
        lambda stream: render.diff_plain(changes, stream),
    )


def _json(value: object) -> str:
    import json

    return json.dumps(value, indent=2, ensure_ascii=False)


def _article_number(text: str) -> int:
    digits = text.lstrip("#")
    if not digits.isdigit():
        raise NotFound(
            f"{text!r} is not an article id: ids are whole numbers, as search shows them."
        )
    number = int(digits)
    if number > LARGEST_INTEGER:
        raise NotFound(f"No article with id {number}: ids go up to {LARGEST_INTEGER}.")
    return number


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(db_path: str, as_json: bool) -> None:
    """Articles, date span, top agencies, datelines and outlets, and articles per month.

    \b
    Example:
      newsarc stats --db news.db
    """
    from newsarc import render, store

    with _open_with_articles(db_path) as archive:
        figures = store.stats(archive)
    _emit(
        as_json,
        lambda: render.stats_json(figures),
        lambda console: render.stats_terminal(figures, console),
        lambda stream: render.stats_plain(figures, stream),
    )


def main() -> None:
    """The `newsarc` program."""
    try:
        cli(prog_name="newsarc")
    finally:
        # The command has finished or failed: a late Ctrl-C must not turn a clean exit into a
        # traceback while the interpreter shuts down.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
