"""Pure: what people type into a search box -> a safe SQLite FTS5 query, and filter values.

Words are ANDed. ``"exact phrase"``, ``prefix*``, ``headline:word`` (also ``deck:`` and
``body:``), ``-word`` to exclude and ``OR`` between words work; everything else is searched for
as typed, never read as FTS5 syntax, so no input can make the query fail.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsarc.errors import QueryError

COLUMNS = ("headline", "deck", "body")
# A quoted phrase (closed or running to the end), or a run of non-space characters.
TOKEN = re.compile(r'(-?)(?:(\w+):)?("[^"]*"?|[^\s"]+)(\*?)')
WORD_CHARACTER = re.compile(r"\w")
ISO_PERIOD = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
EARLIEST_YEAR = 1800  # as newsarc.dates reads dates
# SQLite reads a NUL as the end of the string; no control character belongs in a query.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def to_fts(text: str) -> str:
    """Translate a user query into an FTS5 MATCH expression; QueryError when nothing is left."""
    terms: list[str] = []
    exclusions: list[str] = []
    operator = "AND"
    for match in TOKEN.finditer(CONTROL_CHARACTERS.sub(" ", text)):
        negate, column, body, star = match.groups()
        if match.group(0) in ("AND", "OR", "NOT") and terms:
            operator = match.group(0)
            continue
        if column and column.casefold() not in COLUMNS:
            body, column = f"{column}:{body}", None
        phrase = body.strip('"') if body.startswith('"') else body
        if body.endswith("*") and not star:
            phrase, star = phrase.rstrip("*"), "*"
        if not WORD_CHARACTER.search(phrase):
            continue
        term = '"' + phrase.replace('"', "") + '"' + ("*" if star else "")
        if column:
            term = f"{column.casefold()}:{term}"
        if negate or operator == "NOT":
            exclusions.append(term)
        elif operator == "OR":
            terms[-1] = f"({terms[-1]} OR {term})"
        else:
            terms.append(term)
        operator = "AND"
    if not terms:
        if exclusions:
            raise QueryError(
                "A query cannot only exclude words: add a word to search for, e.g. 'syria -idlib'."
            )
        raise QueryError(
            f"Nothing to search for in {text!r}: type one or more words, e.g. newsarc search idlib "
            "(to list every article use newsarc export)."
        )
    return " ".join(terms + [f"NOT {term}" for term in exclusions])


def parse_period(text: str) -> tuple[str, str]:
    """'2020', '2020-03', '2020-03-06' or 'March 2020' -> the days it covers, as ISO dates
    (start, end), half-open: start <= day < end."""
    value = text.strip()
    if re.fullmatch(r"\d{4}", value):
        year = int(value)
        return (f"{year:04d}-01-01", f"{year + 1:04d}-01-01")
    parsed = _iso_period(value)
    if parsed is None:
        from newsarc.dates import parse_published  # only for other forms: it loads dateutil

        parsed = parse_published(value, today=date.max - timedelta(days=3))
    if parsed is None:
        raise QueryError(
            f"Cannot read {text!r} as a date: use 2020, 2020-03, 2020-03-06 or 'March 2020'."
        )
    if len(parsed) == 7:  # a month
        year, month = int(parsed[:4]), int(parsed[5:7])
        following = f"{year + month // 12:04d}-{month % 12 + 1:02d}-01"
        return (f"{parsed}-01", following)
    day = date.fromisoformat(parsed[:10])
    return (day.isoformat(), (day + timedelta(days=1)).isoformat())


def _iso_period(text: str) -> str | None:
    """'2020-03' or '2020-03-06' as itself when it is a real month or day; None otherwise."""
    if not ISO_PERIOD.fullmatch(text):
        return None
    try:
        date.fromisoformat(text if len(text) == 10 else f"{text}-01")
    except ValueError:
        return None
    return text if int(text[:4]) >= EARLIEST_YEAR else None
