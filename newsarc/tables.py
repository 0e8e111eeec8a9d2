"""Pure: a CSV or TSV file of articles, a row each -> the rows as JSON article objects.

News datasets and the tools that collect news hand articles over as spreadsheets: a row an
article, a column a field (`title`, `text`, `date`, `author`, `url`, ...). Each row becomes the
object its header names, so ingest reads it as it reads a scraper's JSON object, and rows of
`newsarc export --csv` come back as the records they were. Column names match the ones ingest
knows whatever their case (`Title`, `PublishedAt`); empty cells are absent fields.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

DELIMITERS = ",;\t|"  # Excel writes ";" where the decimal mark is a comma
SNIFFED = 64 * 1024  # characters from which the delimiter is told
# A column only `newsarc export --csv` writes: its rows are records to restore as they were,
# where another table's "headline" is a title to normalize.
EXPORT_MARK = "content_hash"
# What `newsarc export --csv` writes as text: agencies joined by ";", counts as figures.
EXPORT_LIST = "agencies"
EXPORT_COUNTS = ("id", "word_count")


class NotATable(ValueError):
    """The text is no table of articles."""


def rows(
    text: str, known: Iterable[str], max_field: int, first_line: int | None = None
) -> list[tuple[str, str, object]]:
    """(place, the row as a JSON object, the object) for each row of a table of articles; a
    row's place is the line it starts on (`:2` is the first row under the header), or, where
    `text` is the header and some rows of a larger file, on the line `first_line` of the first.
    `known`: the field names ingest reads, matched whatever their case."""
    delimiter = delimiter_of(text[:SNIFFED])
    names = {name.casefold(): name for name in known}
    csv.field_size_limit(max(max_field, csv.field_size_limit()))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise NotATable("an empty table: no header and no rows") from None
    except csv.Error as error:
        raise NotATable(f"not a readable table ({error})") from None
    columns = [names.get(name.strip().casefold(), name.strip()) for name in header]
    if len(columns) < 2:
        raise NotATable("a table of one column: articles need a title and a text")
    if EXPORT_MARK not in columns and "title" not in columns:  # a dataset's headline column
        columns = ["title" if name == "headline" else name for name in columns]
    found: list[tuple[str, str, object]] = []
    start = reader.line_num + 1
    shift = 0 if first_line is None else first_line - start
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                record = _record(columns, cells)
                place = f":{start + shift}"
                found.append((place, json.dumps(record, ensure_ascii=False), record))
            start = reader.line_num + 1
    except csv.Error as error:
        raise NotATable(f"a broken table at line {reader.line_num} ({error})") from None
    return found


def is_table(text: str, titles: Iterable[str], bodies: Iterable[str]) -> bool:
    """Whether a text of no known kind (standard input) is a table of articles: its first line
    names, between delimiters, a column of titles and one of texts ("title,text,date")."""
    header = text.split("\n", 1)[0].strip()
    names = {
        name.strip(' "').casefold()
        for name in next(csv.reader([header], delimiter=delimiter_of(header)), [])
    }
    return bool(names & {name.casefold() for name in titles}) and bool(
        names & {name.casefold() for name in bodies}
    )


def delimiter_of(sample: str) -> str:
    """The delimiter the header line uses: the one it holds most of, a comma when none."""
    header = sample.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _record(columns: list[str], cells: list[str]) -> dict[str, object]:
    """A row as an object: its filled cells under their columns' names."""
    record: dict[str, object] = {
        name: cell for name, cell in zip(columns, cells, strict=False) if name and cell.strip()
    }
    if EXPORT_MARK in record and isinstance(agencies := record.get(EXPORT_LIST), str):
        record[EXPORT_LIST] = [name.strip() for name in agencies.split(";") if name.strip()]
    for name in EXPORT_COUNTS if EXPORT_MARK in record else ():
        value = record.get(name)
        if isinstance(value, str) and value.isdigit():
            record[name] = int(value)
    return record
