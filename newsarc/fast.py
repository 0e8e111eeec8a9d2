"""The `newsarc` program, with shortcuts for its plainest commands into a pipe or a file.

A search piped to a file or another program prints a line per hit: id, date and headline, and an
export of the whole archive as JSON or JSON Lines writes what SQLite builds. Importing click and
the record classes takes longer than such a search, and a tenth of such an export, so this
module reads the plain form of these commands itself (a search's words, --db, --limit, --offset,
--sort and the filters; an export's --db, --json or --jsonl, --output, --with-original) and
runs the store's SQL with sqlite3 alone (newsarc.engine). Everything else (a search into a
terminal, any other option, --help, a missing, empty or older archive, a query or a date that
needs explaining, a filtered search with no hits, an output that cannot be opened) goes to the
full command line.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress

from newsarc.engine import sqlite3
from newsarc.sql import LARGEST_INTEGER, SORTS

TYPE_CHECKING = False  # not typing's: a piped search does not import typing
if TYPE_CHECKING:
    from typing import BinaryIO

SEARCH_COMMANDS = ("search", "query")
# as newsarc.models.Filters has them
FILTERS = ("since", "until", "agency", "dateline", "outlet", "byline")
EXPORT_FORMS = {"--json": "json", "--jsonl": "jsonl"}
# Defaults of the command line, which both paths read.
DEFAULT_ARCHIVE = "newsarc.db"
DEFAULT_LIMIT = 20
STANDARD_OUTPUT = "-"
INTERRUPTED = 130  # the shell's code for a process ended by Ctrl-C


def main() -> None:
    args, env_db = sys.argv[1:], os.environ.get("NEWSARC_DB")
    # A terminal gets the full command line's table: the search is not even read here.
    search = None if sys.stdout.isatty() else plain_search(args, env_db)
    if search is not None:
        answered = _answer(search)
    else:
        export = plain_export(args, env_db)
        answered = export is not None and _export(*export)
    if not answered:
        from newsarc.cli import main as full_command_line

        full_command_line()


class Search:
    """A plain search command. Its filters are the fields of newsarc.models.Filters, which
    newsarc.sql.Query reads: `since` and `until` as the days they bound, half-open."""

    def __init__(
        self,
        words: list[str],
        archive: str,
        limit: int = DEFAULT_LIMIT,
        offset: int = 0,
        sort: str = "relevance",
        *,
        since: str | None = None,
        until: str | None = None,
        agency: str | None = None,
        dateline: str | None = None,
        outlet: str | None = None,
        byline: str | None = None,
    ) -> None:
        self.words, self.archive, self.limit, self.offset, self.sort = (
            words, archive, limit, offset, sort,
        )  # fmt: skip
        self.since, self.until = since, until
        self.agency, self.dateline, self.outlet = agency, dateline, outlet
        self.byline = byline

    @property
    def filtered(self) -> bool:
        return any(getattr(self, name) for name in FILTERS)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Search) and vars(self) == vars(other)

    def __repr__(self) -> str:
        return f"Search({vars(self)})"


def plain_search(args: list[str], env_db: str | None) -> Search | None:
    """A plain search command (words, --db, --limit, --offset, --sort and the filters); None
    for anything else, dates the filters cannot read included."""
    defaults = {"--limit": str(DEFAULT_LIMIT), "--offset": "0", "--sort": "relevance"}
    plain = _plain_command(
        args, env_db, SEARCH_COMMANDS, defaults | {f"--{name}": "" for name in FILTERS}
    )
    if plain is None:
        return None
    words, options, _ = plain
    try:
        limit, offset = int(options["--limit"]), int(options["--offset"])
    except ValueError:
        return None
    if not words or not (1 <= limit <= LARGEST_INTEGER and 0 <= offset <= LARGEST_INTEGER):
        return None
    if options["--sort"] not in SORTS:
        return None
    values = {name: options[f"--{name}"] or None for name in FILTERS}
    if values["since"] or values["until"]:
        from newsarc.errors import QueryError
        from newsarc.query import parse_period

        try:
            values["since"] = values["since"] and parse_period(values["since"])[0]
            values["until"] = values["until"] and parse_period(values["until"])[1]
        except QueryError:
            return None
    return Search(words, options["--db"], limit, offset, options["--sort"], **values)


def plain_export(args: list[str], env_db: str | None) -> tuple[str, str, str, bool] | None:
    """(archive, form, output, with original) of a plain export of every article as JSON or
    JSON Lines; None for anything else."""
    plain = _plain_command(
        args,
        env_db,
        ("export",),
        {"--output": STANDARD_OUTPUT},
        flags=(*EXPORT_FORMS, "--with-original"),
        short={"-o": "--output"},
    )
    if plain is None or plain[0]:  # words to match: the full command line runs the query
        return None
    _, options, flags = plain
    forms = [EXPORT_FORMS[flag] for flag in flags if flag in EXPORT_FORMS]
    form = forms[-1] if forms else "json"  # the last one given counts, as in click
    return options["--db"], form, options["--output"], "--with-original" in flags


def _plain_command(
    args: list[str],
    env_db: str | None,
    commands: tuple[str, ...],
    defaults: dict[str, str],
    *,
    flags: tuple[str, ...] = (),
    short: dict[str, str] | None = None,
) -> tuple[list[str], dict[str, str], list[str]] | None:
    """(words, options, flags) of one of `commands` given with no options but --db, those of
    `defaults` (name: default value; `short` names some of them in short) and `flags`; None
    for anything else (another option, a -word, an option without its value)."""
    archive = env_db or DEFAULT_ARCHIVE
    if args and args[0].partition("=")[0] == "--db":  # the archive named before the command
        _, equals, value = args[0].partition("=")
        if equals:
            archive, args = value, args[1:]
        elif len(args) > 1:
            archive, args = args[1], args[2:]
        else:
            return None
    if not args or args[0] not in commands:
        return None
    words: list[str] = []
    options = {"--db": archive, **defaults}
    given_flags: list[str] = []
    rest = iter(args[1:])
    for arg in rest:
        name, equals, value = arg.partition("=")
        if short and arg in short:  # a short option's value follows it
            name, equals = short[arg], ""
        if name in options:
            given = value if equals else next(rest, None)
            if given is None:
                return None
            options[name] = given
        elif arg in flags:
            given_flags.append(arg)
        elif arg.startswith("-"):
            return None  # another option, or a -word to exclude
        else:
            words.append(arg)
    return words, options, given_flags


def _answer(search: Search) -> bool:
    """Print the hits, as the full command line would; False when it has to answer instead."""
    from newsarc.errors import QueryError
    from newsarc.query import to_fts
    from newsarc.sql import RANK, Query

    text = " ".join(search.words)
    try:
        query = Query(to_fts(text), search)
    except QueryError:
        return False
    db = _current_archive(search.archive)
    if db is None:
        return False
    try:
        sql = query.sql(
            f"a.id, a.published, a.headline, {RANK} AS score",
            SORTS[search.sort],
            "LIMIT :limit OFFSET :offset",
        )
        page = {"limit": search.limit, "offset": search.offset}
        hits = db.execute(sql, query.params | page).fetchall()
        # Nothing past the offset, none with the filters, or nothing stored: the full command
        # line says which.
        if not hits and (
            search.offset
            or search.filtered
            or db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None
        ):
            return False
    except sqlite3.Error:
        return False
    finally:
        db.close()
    lines = (
        f"{i}\t{published or ''}\t{' '.join(headline.split())}\n"
        for i, published, headline, _ in hits
    )
    try:
        sys.stdout.write("".join(lines))
        sys.stdout.flush()
    except BrokenPipeError:
        silence_closed_stdout()
    if not hits:
        print(f"No articles match {text!r}.", file=sys.stderr)
    return True


def _export(path: str, form: str, output: str, with_original: bool) -> bool:
    """Write every article, as the full command line would; False when it has to instead."""
    from newsarc import dump, render
    from newsarc.sql import Query, read_only_uri

    db = None if overwrites_archive(output, path) else _current_archive(path)
    if db is None:
        return False
    try:
        empty = db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None
        stream = None if empty else _binary_output(output)
    except (sqlite3.Error, OSError):
        stream = None
    if stream is None:  # the full command line says why
        db.close()
        return False

    def reader() -> sqlite3.Connection:
        return sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False)

    chunks = dump.json_chunks(
        db, reader, Query(None), separator=render.json_separator(form), with_original=with_original
    )
    try:
        render.write_json_lines(chunks, stream, form)
        stream.flush()
    except BrokenPipeError:
        silence_closed_stdout()
    except KeyboardInterrupt:
        _fail("Interrupted.", INTERRUPTED)
    except OSError as error:
        target = "standard output" if output == STANDARD_OUTPUT else output
        _fail(f"Error: Cannot write {target}: {error.strerror or error}")
    except sqlite3.Error as error:
        _fail(f"Error: The archive could not be used: {error}")
    finally:
        db.close()
        if stream is not sys.stdout.buffer:
            with suppress(OSError):  # reported above
                stream.close()
    return True


def archive_files(archive: str) -> set[tuple[int, int]]:
    """(device, inode) of the archive's own files that exist: itself, its write-ahead log and
    the log's shared memory, a rollback journal."""
    own = set()
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            info = os.stat(archive + suffix)
        except OSError:
            continue
        own.add((info.st_dev, info.st_ino))
    return own


def overwrites_archive(output: str, archive: str) -> bool:
    """Whether writing `output` would write over one of the archive's own files."""
    if output == STANDARD_OUTPUT:
        return False
    try:
        info = os.stat(output)
    except OSError:  # a new file
        return False
    return (info.st_dev, info.st_ino) in archive_files(archive)


def _binary_output(path: str) -> BinaryIO:
    """The file to write an export to, or standard output for -."""
    return sys.stdout.buffer if path == STANDARD_OUTPUT else open(path, "wb")


def _current_archive(path: str) -> sqlite3.Connection | None:
    """A read-only connection to the archive at `path` if it is of the current schema; None
    for anything else (no such file, an older archive, not an archive)."""
    from newsarc.sql import APPLIED_STEPS, MIGRATION_SET, SCHEMA_STEPS, read_only_uri

    if not os.path.isfile(path):
        return None
    try:
        db = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return None
    try:
        steps = db.execute(APPLIED_STEPS, (MIGRATION_SET,)).fetchall()
    except sqlite3.Error:
        steps = []
    if tuple(name for (name,) in steps) == SCHEMA_STEPS:
        return db
    db.close()
    return None


def _fail(message: str, code: int = 1) -> None:
    print(message, file=sys.stderr)
    sys.exit(code)


def silence_closed_stdout() -> None:
    """The reader (head, less) stopped early: not an error worth a traceback. Exit 1."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(1)
