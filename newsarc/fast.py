"""The `newsarc` program, with a shortcut for `newsarc search WORDS` into a pipe.

A search piped to a file or another program prints a line per hit: id, date and headline.
Importing click and the record classes takes longer than such a search, so this module reads
the plain form of the command (words, --db, --limit, --offset) itself and runs the store's SQL
with sqlite3 alone (newsarc.engine). Everything else (a terminal, any other option, --help, a
missing, empty or older archive, a query that needs explaining) goes to the full command line.
"""

from __future__ import annotations

import os
import sys

from newsarc.engine import sqlite3
from newsarc.sql import LARGEST_INTEGER

SEARCH_COMMANDS = ("search", "query")
# Defaults of the command line, which both search paths read.
DEFAULT_ARCHIVE = "newsarc.db"
DEFAULT_LIMIT = 20


def main() -> None:
    request = plain_search(sys.argv[1:], os.environ.get("NEWSARC_DB"))
    if request is None or sys.stdout.isatty() or not _answer(*request):
        from newsarc.cli import main as full_command_line

        full_command_line()


def plain_search(args: list[str], env_db: str | None) -> tuple[list[str], str, int, int] | None:
    """(words, archive, limit, offset) of a plain search command; None for anything else."""
    archive = env_db or DEFAULT_ARCHIVE
    if args and args[0].partition("=")[0] == "--db":  # the archive named before the command
        _, equals, value = args[0].partition("=")
        if equals:
            archive, args = value, args[1:]
        elif len(args) > 1:
            archive, args = args[1], args[2:]
        else:
            return None
    if not args or args[0] not in SEARCH_COMMANDS:
        return None
    words: list[str] = []
    options = {"--db": archive, "--limit": str(DEFAULT_LIMIT), "--offset": "0"}
    rest = iter(args[1:])
    for arg in rest:
        name, equals, value = arg.partition("=")
        if name in options:
            given = value if equals else next(rest, None)
            if given is None:
                return None
            options[name] = given
        elif arg.startswith("-"):
            return None  # another option, or a -word to exclude
        else:
            words.append(arg)
    try:
        limit, offset = int(options["--limit"]), int(options["--offset"])
    except ValueError:
        return None
    if not words or not (1 <= limit <= LARGEST_INTEGER and 0 <= offset <= LARGEST_INTEGER):
        return None
    return words, options["--db"], limit, offset


def _answer(words: list[str], path: str, limit: int, offset: int) -> bool:
    """Print the hits, as the full command line would; False when it has to answer instead."""
    from newsarc.errors import QueryError
    from newsarc.query import to_fts
    from newsarc.sql import (
        APPLIED_STEPS,
        MIGRATION_SET,
        RANK,
        SCHEMA_STEPS,
        SORTS,
        Query,
        read_only_uri,
    )

    text = " ".join(words)
    try:
        query = Query(to_fts(text))
    except QueryError:
        return False
    if not os.path.isfile(path):
        return False
    try:
        db = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            steps = db.execute(APPLIED_STEPS, (MIGRATION_SET,))
            if tuple(name for (name,) in steps) != SCHEMA_STEPS:
                return False
            sql = query.sql(
                f"a.id, a.published, a.headline, {RANK} AS score",
                SORTS["relevance"],
                "LIMIT :limit OFFSET :offset",
            )
            hits = db.execute(sql, query.params | {"limit": limit, "offset": offset}).fetchall()
            # Nothing past the offset, or nothing stored: the full command line says which.
            if not hits and (
                offset or db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None
            ):
                return False
        finally:
            db.close()
    except sqlite3.Error:
        return False
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


def silence_closed_stdout() -> None:
    """The reader (head, less) stopped early: not an error worth a traceback. Exit 1."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(1)
