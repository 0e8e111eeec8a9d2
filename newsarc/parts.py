"""Large files of records (JSON Lines, CSV and TSV tables) cut into parts that workers read on
their own.

Read whole, a JSON Lines export of 100,000 articles (370 MB) was parsed by one worker while
the other waited, and held in memory three times over (2.1 GB at its peak). Cut between
records into parts of about PART_BYTES, it is read by every worker a part at a time, and no
more of it is in memory than the windows being parsed and stored.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from newsarc import tables
from newsarc.models import pickled_as_values

PART_BYTES = 128 * 1024
SPLIT_FROM = 8 * PART_BYTES  # smaller files are read whole, as one job
# UTF-16 and UTF-32 (with or without a byte-order mark) write NUL bytes, which a part cut at a
# line-end byte could split in two: such files are read whole.
WIDE_SAMPLE = 4096
LATIN_1_BOM = "\xef\xbb\xbf"  # UTF-8's byte-order mark read as Latin-1


@pickled_as_values
@dataclass(frozen=True)
class Part:
    """Bytes start:end of a file, whole records, the first of them on line `first_line`; a
    table's part is read after the file's header, its bytes :header_end."""

    start: int
    end: int
    first_line: int
    records: int  # about how many
    share: float  # of the file's bytes, for progress
    last: bool  # the file's last part
    header_end: int = 0


def line_parts(path: str, size: int, max_bytes: int) -> Iterator[Part] | None:
    """The parts of a file of `size` bytes, cut after line ends, or None when it is read whole
    (small, or UTF-16). A line longer than `max_bytes` is a part of its own, which the worker
    refuses without reading it."""
    if size < SPLIT_FROM or _wide(path):
        return None
    return _cut(path, size, max_bytes)


def _wide(path: str) -> bool:
    """Whether the file is UTF-16 or UTF-32 (or cannot be read: reading it whole says why)."""
    try:
        with open(path, "rb") as file:
            return b"\x00" in file.read(WIDE_SAMPLE)
    except OSError:
        return True


def _cut(path: str, size: int, max_bytes: int) -> Iterator[Part]:
    """The parts of the file as it is read: one that has shrunk since ends early."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        start, line = 0, 1
        while start < size and (block := os.pread(descriptor, PART_BYTES, start)):
            end, lines = start + len(block), block.count(b"\n")
            if end < size and not block.endswith(b"\n"):
                rest, ended = _line_end(descriptor, end)
                if rest - start <= max_bytes or not lines:
                    end, lines = rest, lines + ended
                else:  # a line too long to read follows the lines before it: cut before it
                    end = start + block.rfind(b"\n") + 1
            yield Part(start, end, line, max(lines, 1), min((end - start) / size, 1.0), end >= size)
            start, line = end, line + lines
    finally:
        os.close(descriptor)


def _line_end(descriptor: int, at: int) -> tuple[int, bool]:
    """Where the line that holds byte `at` ends, just after its line feed or at the file's end,
    and whether it has one; bytes are read a block at a time and not kept."""
    while block := os.pread(descriptor, PART_BYTES, at):
        found = block.find(b"\n")
        if found >= 0:
            return at + found + 1, True
        at += len(block)
    return at, False


def row_parts(
    path: str, size: int, max_bytes: int, text_columns: Iterable[str]
) -> Iterator[Part] | None:
    """The parts of a table of `size` bytes, cut between rows as the csv module reads them (a
    quoted text holds line ends), or None when it is read whole: small, UTF-16, or with no
    column among `text_columns` in its header (that one failure is reported once). A row
    longer than `max_bytes` is a part of its own, which the worker refuses."""
    if size < SPLIT_FROM or _wide(path):
        return None
    file = open(path, "rb")  # noqa: SIM115 (closed by the generator, or here)
    try:
        rows = _Rows(file, size)
        header = next(rows.reader, [])
        wanted = {name.casefold() for name in text_columns}
        named = {name.strip().removeprefix(LATIN_1_BOM).casefold() for name in header}
    except (csv.Error, OSError):
        named = set()
    if named.isdisjoint(wanted):
        file.close()
        return None
    return _cut_rows(rows, size, max_bytes)


class _Rows:
    """A table file's rows as csv's reader reads them, and how many bytes it has read: it is
    given the file's lines as Latin-1, which reads each byte as one character, so quotes,
    delimiters and line ends are found where UTF-8 or Windows-1252 put them."""

    def __init__(self, file: BinaryIO, size: int) -> None:
        self.file, self.size = file, size
        self.offset = 0
        delimiter = tables.delimiter_of(file.readline().decode("latin-1"))
        file.seek(0)
        csv.field_size_limit(max(size, csv.field_size_limit()))  # a row too long is a part
        self.reader = csv.reader(self._lines(), delimiter=delimiter)

    def _lines(self) -> Iterator[str]:
        for line in self.file:
            self.offset += len(line)
            yield line.decode("latin-1")
            if self.offset >= self.size:  # what was added since the walk is read next time
                return


def _cut_rows(rows: _Rows, size: int, max_bytes: int) -> Iterator[Part]:
    with rows.file:
        header_end = start = row_start = rows.offset
        first_line = row_line = rows.reader.line_num + 1
        records = 0

        def part(end: int) -> Part:
            share = (end - start) / size
            return Part(start, end, first_line, max(records, 1), share, end >= size, header_end)

        try:
            for _ in rows.reader:
                end = rows.offset
                if end - row_start > max_bytes and row_start > start:
                    yield part(row_start)  # the rows before a row too long to read
                    start, first_line, records = row_start, row_line, 0
                records += 1
                if end - start >= PART_BYTES or end - row_start > max_bytes:
                    yield part(end)
                    start, first_line, records = end, rows.reader.line_num + 1, 0
                row_start, row_line = end, rows.reader.line_num + 1
        except csv.Error:
            pass  # the worker that reads the rest says where the table breaks
        if start < size:
            yield part(size)
