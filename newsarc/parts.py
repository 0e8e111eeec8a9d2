"""Large files of records (JSON Lines, CSV and TSV tables, JSON lists) cut into parts that
workers read on their own; and standard input, cut as it is read, each part with its bytes.

Read whole, a JSON Lines export of 100,000 articles (370 MB) was parsed by one worker while
the other waited, and held in memory three times over (2.1 GB at its peak). Cut between
records into parts of about PART_BYTES, it is read by every worker a part at a time, and no
more of it is in memory than the windows being parsed and stored.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import BinaryIO

from newsarc import tables
from newsarc.models import pickled_as_values

PART_BYTES = 128 * 1024
SPLIT_FROM = 8 * PART_BYTES  # smaller files are read whole, as one job
# UTF-16 and UTF-32 (with or without a byte-order mark) write NUL bytes, which a part cut at a
# line-end byte could split in two: such files are read whole.
WIDE_SAMPLE = 4096
LATIN_1_BOM = "\xef\xbb\xbf"  # UTF-8's byte-order mark read as Latin-1


LINES, ROWS, ELEMENTS = "lines", "rows", "elements"  # the kinds of part
# In a JSON list, the text up to the next bracket, brace or comma, strings passed over whole
# (they may hold any of these), and so are lists and objects nested less than NESTED_WHOLE
# deep. Within an element, commas do not matter. 396 MB of records were cut in 2.55 s stopping
# at every comma, 1.70 s passing over those within elements, 1.46 s passing over nested lists
# whole too; 58 MB of the New York Times' docs (objects in lists in objects), found in the
# object that wraps them and cut, in 2.65 s stopping at every bracket and brace and passing
# over the list twice, 1.01 s now.
NESTED_WHOLE = 3
_STRING = rb'"(?:[^"\\]++|\\.)*+"'


def _nested(depth: int) -> bytes:
    """A pattern of a list or object holding lists and objects at most `depth` - 1 deep."""
    inside = rb'(?:[^\[\]{}"]++|' + _STRING + (rb"|" + _nested(depth - 1) if depth > 1 else b"")
    return rb"\{" + inside + rb")*+\}|\[" + inside + rb")*+\]"


_WHOLE = _nested(NESTED_WHOLE)
JSON_STRUCTURE = re.compile(rb'(?:[^\[\]{},"]++|' + _STRING + rb"|" + _WHOLE + rb")*+([\[\]{},])")
JSON_NESTING = re.compile(rb'(?:[^\[\]{}"]++|' + _STRING + rb"|" + _WHOLE + rb")*+([\[\]{}])")
JSON_OPENING = re.compile(rb'(?:[^\[\]{},"]++|' + _STRING + rb")*+([\[\]{},])")  # the first mark
SPACE = b" \t\r\n"


@pickled_as_values
@dataclass(frozen=True)
class Part:
    """Bytes start:end of a file, whole records of a `kind`: lines (the first of them line
    `first`), rows of a table (the first starting on line `first`, read after the file's
    header, its bytes :header_end), or elements of a JSON list (the first its element
    `first`, counted from 0, of the file's list or the one at `names`)."""

    kind: str
    start: int
    end: int
    first: int
    records: int  # about how many
    share: float  # of the file's bytes, for progress
    opening: bool  # the file's first part
    last: bool  # the file's last part
    header_end: int = 0
    names: str = ""  # of the list an object wraps, as `jq` names it: `.articles`


def line_parts(path: str, size: int, max_bytes: int) -> Iterator[Part] | None:
    """The parts of a file of `size` bytes, cut after line ends, or None when it is read whole
    (small, or UTF-16). A line longer than `max_bytes` is a part of its own, which the worker
    refuses without reading it."""
    if size < SPLIT_FROM or _wide(path):
        return None
    return _cut_lines(path, size, max_bytes)


def _wide(path: str) -> bool:
    """Whether the file is UTF-16 or UTF-32 (or cannot be read: reading it whole says why)."""
    try:
        with open(path, "rb") as file:
            return is_wide(file.read(WIDE_SAMPLE))
    except OSError:
        return True


def is_wide(head: bytes) -> bool:
    """Whether text that opens so is UTF-16 or UTF-32: NUL bytes in its first block."""
    return b"\x00" in head[:WIDE_SAMPLE]


def _cut_lines(path: str, size: int, max_bytes: int) -> Iterator[Part]:
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
            share = min((end - start) / size, 1.0)
            yield Part(LINES, start, end, line, max(lines, 1), share, start == 0, end >= size)
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
        rows = _Rows.of_file(file, size)
        header = next(rows.reader, [])
        wanted = {name.casefold() for name in text_columns}
        named = {name.strip().removeprefix(LATIN_1_BOM).casefold() for name in header}
    except (csv.Error, OSError):
        named = set()
    if named.isdisjoint(wanted):
        file.close()
        return None
    return _cut_rows(file, rows, size, max_bytes)


class _Rows:
    """A table's rows as csv's reader reads them, and how many bytes it has read: it is given
    the table's lines as Latin-1, which reads each byte as one character, so quotes, delimiters
    and line ends are found where UTF-8 or Windows-1252 put them. `size`: bytes to read at
    most."""

    def __init__(
        self, lines: Iterable[bytes], delimiter: str, max_field: int, size: int | None = None
    ) -> None:
        self.offset, self.size = 0, size
        csv.field_size_limit(max(max_field, csv.field_size_limit()))  # a row too long is a part
        self.reader = csv.reader(self._lines(lines), delimiter=delimiter)

    @classmethod
    def of_file(cls, file: BinaryIO, size: int) -> _Rows:
        delimiter = tables.delimiter_of(file.readline().decode("latin-1"))
        file.seek(0)
        return cls(file, delimiter, size, size)

    def _lines(self, lines: Iterable[bytes]) -> Iterator[str]:
        for line in lines:
            self.offset += len(line)
            yield line.decode("latin-1")
            if self.size is not None and self.offset >= self.size:
                return  # what was added to a file since the walk is read next time


def _cut_rows(file: BinaryIO, rows: _Rows, size: int, max_bytes: int) -> Iterator[Part]:
    with file:
        header_end = start = rows.offset
        first_line = rows.reader.line_num + 1
        for start, end, first_line, records in _row_runs(rows, max_bytes):
            if end is None:
                break
            yield _row_part(start, end, first_line, records, size, header_end)
            start = end
        if start < size:
            yield _row_part(start, size, first_line, 1, size, header_end)


def _row_part(start: int, end: int, first: int, records: int, size: int, header_end: int) -> Part:
    share, opening, last = (end - start) / size, start == header_end, end >= size
    return Part(ROWS, start, end, first, records, share, opening, last, header_end)


def _row_runs(rows: _Rows, max_bytes: int) -> Iterator[tuple[int, int | None, int, int]]:
    """(start, end, first line, rows) of each run of whole rows under the header, about
    PART_BYTES each; a row longer than `max_bytes` is a run of its own. Where the table breaks,
    a last run with no end and no rows says where what is left starts, for the worker that
    reads it to report the break."""
    start = row_start = rows.offset
    first_line = row_line = rows.reader.line_num + 1
    records = 0
    try:
        for _ in rows.reader:
            end = rows.offset
            if end - row_start > max_bytes and row_start > start:
                yield start, row_start, first_line, records  # the rows before one too long
                start, first_line, records = row_start, row_line, 0
            records += 1
            if end - start >= PART_BYTES or end - row_start > max_bytes:
                yield start, end, first_line, records
                start, first_line, records = end, rows.reader.line_num + 1, 0
            row_start, row_line = end, rows.reader.line_num + 1
    except csv.Error:
        yield start, None, first_line, 0
        return
    if records:
        yield start, rows.offset, first_line, records


def stream_row_parts(
    read: Callable[[int], bytes], head: bytes, max_bytes: int
) -> Iterator[tuple[Part, bytes]]:
    """The parts of a table read from a stream (standard input), `head` read from it already,
    each with its bytes, the header's first: cut between rows, about PART_BYTES each, read as
    they are needed. A row longer than `max_bytes` comes with no bytes (the worker refuses it
    by its size); where the table breaks, the rest is one part, for the worker to report."""
    source = _KeptStream(read, head, max_bytes + 2 * PART_BYTES)
    lines = _stream_lines(source.read, b"")
    delimiter = tables.delimiter_of(head.split(b"\n", 1)[0].decode("latin-1"))
    rows = _Rows(lines, delimiter, max_bytes)
    next(rows.reader, None)
    header = source.take(0, rows.offset) or b""
    found: list[tuple[Part, bytes]] = []  # one part ahead, to know which is the last
    for start, end, first_line, records in _row_runs(rows, max_bytes):
        if end is None:  # the rest of the stream, kept if it is not too large to read
            for _ in lines:
                pass
            end, records = source.total, 1
        data = source.take(start, end)
        data = header + data if data is not None and end - start <= max_bytes else b""
        found.append((Part(ROWS, start, end, first_line, records, 0.0, not found, False), data))
        if len(found) > 1:
            yield found.pop(0)
    if found:
        part, data = found.pop()
        yield replace(part, share=1.0, last=True), data


def _stream_lines(read: Callable[[int], bytes], head: bytes) -> Iterator[bytes]:
    """A stream's lines, each with its line feed (the last maybe without), `head` read first."""
    pending = head
    while True:
        block = read(PART_BYTES)
        lines = (pending + block).split(b"\n")
        pending = lines.pop()
        yield from (line + b"\n" for line in lines)
        if not block:
            if pending:
                yield pending
            return


def element_parts(path: str, size: int, max_bytes: int) -> Iterator[Part] | None:
    """The parts of a file of `size` bytes that holds a JSON list, cut between its elements,
    or None when it is read whole: small, UTF-16, or no list (an object that wraps one is
    outlined by `json_outline`). An element longer than `max_bytes` is a part of its own, which
    the worker refuses."""
    if size < SPLIT_FROM or _wide(path):
        return None
    with open(path, "rb") as file:
        opening = file.read(WIDE_SAMPLE).removeprefix(codecs.BOM_UTF8)
    if not opening.lstrip(SPACE).startswith(b"["):
        return None
    return _cut_elements(path, size, max_bytes)


def _cut_elements(path: str, size: int, max_bytes: int) -> Iterator[Part]:
    """Cut after the elements of the list that opens the file; what follows the list is not
    read."""
    with open(path, "rb") as file:
        scan = _Scan(file.read)
        if scan.next(JSON_OPENING) == b"[":
            yield from _cut_list(scan, size, max_bytes, "")


STREAM_SIZE = 1 << 62  # what a stream's parts take as its size, unknown until it ends


def stream_element_parts(
    read: Callable[[int], bytes], head: bytes, max_bytes: int
) -> Iterator[tuple[Part, bytes]]:
    """The parts of a JSON list read from a stream (standard input), `head` read from it
    already, each with its bytes: cut between elements, about PART_BYTES each, read as they are
    needed. An element longer than `max_bytes` comes with no bytes (the worker refuses it by its
    size); what follows the list is read and passed over."""
    source = _KeptStream(read, head, max_bytes + 2 * PART_BYTES)
    scan = _Scan(source.read)
    if scan.next(JSON_OPENING) == b"[":
        source.take(0, scan.offset)
        for part in _cut_list(scan, STREAM_SIZE, max_bytes, ""):
            end = min(part.end, source.total)  # a list that never closes ends with the stream
            data = source.take(part.start, end)
            data = data if data is not None and end - part.start <= max_bytes else b""
            share = 1.0 if part.last else 0.0
            yield replace(part, end=end, share=share), data
    while read(PART_BYTES):
        pass


class _KeptStream:
    """A stream that keeps the bytes it has given until they are taken. Past `limit` of them, a
    record too long to read is being read: of its bytes it lets go all but those of its first
    block, which also holds the records before it (a part is cut once it holds a block), and of
    its last two, where the records after it start."""

    def __init__(self, read: Callable[[int], bytes], head: bytes, limit: int) -> None:
        self._read, self._head, self.limit = read, head, limit
        self.kept = bytearray()
        self.start = self.total = 0  # the offsets of the first byte kept and after the last
        self.hole: tuple[int, int] | None = None  # the offsets let go, start:end

    def read(self, size: int) -> bytes:
        block, self._head = (self._head, b"") if self._head else (self._read(size), b"")
        self.kept += block
        self.total += len(block)
        if len(self.kept) > self.limit:
            front = self.hole[0] - self.start if self.hole else PART_BYTES + 1
            back = len(self.kept) - 2 * PART_BYTES
            self.hole = (self.start + front, self._offset(back))
            del self.kept[front:back]
        return block

    def _offset(self, index: int) -> int:
        """The stream offset of `kept[index]`."""
        if self.hole and index >= self.hole[0] - self.start:
            return self.hole[1] + index - (self.hole[0] - self.start)
        return self.start + index

    def take(self, start: int, end: int) -> bytes | None:
        """The bytes start:end, None if some were let go; those before `end` are let go too."""
        data = None
        if start >= self.start and (self.hole is None or end <= self.hole[0]):
            data = bytes(self.kept[start - self.start : end - self.start])
        if self.hole and end > self.hole[0]:
            front = self.hole[0] - self.start
            del self.kept[: front + max(end - self.hole[1], 0)]
            self.start, self.hole = max(end, self.hole[1]), None
        elif end > self.start:
            del self.kept[: end - self.start]
            self.start = end
        return data


def _cut_list(scan: _Scan, size: int, max_bytes: int, names: str) -> Iterator[Part]:
    """Cut after the elements of the list whose bracket `scan` has just passed, found by its
    brackets, braces and commas outside strings, and leave `scan` after its closing bracket."""
    list_start = start = element_start = scan.offset
    index = element_index = records = 0
    depth, filled = 1, False  # filled: the element being read has a value

    def part(end: int, last: bool) -> Part:
        share = min((end - start) / size, 1.0)
        opening = start == list_start
        return Part(ELEMENTS, start, end, index, max(records, 1), share, opening, last, 0, names)

    while depth:
        mark = scan.next(JSON_STRUCTURE if depth == 1 else JSON_NESTING)
        if not mark:  # the list never closes: the worker that reads the rest says so
            yield part(size, True)
            return
        if depth == 1 and not filled:
            filled = mark in b"[{" or scan.value_before()
        depth += 1 if mark in b"[{" else -1 if mark in b"]}" else 0
        if depth != 0 and (depth != 1 or mark != b","):
            continue  # within an element
        end = scan.offset - 1  # the comma's or the closing bracket's place
        records += filled
        if end - element_start > max_bytes and element_start > start:
            records -= 1
            yield part(element_start - 1, False)  # the elements before it, to their comma
            start, index, records = element_start, element_index, 1
        if end - start >= PART_BYTES or end - element_start > max_bytes or not depth:
            yield part(end, not depth)
            start, index, records = end + 1, element_index + 1, 0
        element_start, element_index, filled = end + 1, element_index + 1, False


class _Scan:
    """The structural marks of a JSON text read a block at a time, and the offset after each."""

    def __init__(self, read: Callable[[int], bytes]) -> None:
        self.read = read  # a file's or a stream's
        self.buffer = b""
        self.base = self.position = 0  # the buffer's offset in the file; the place in it
        self.before = (0, 0)  # where the text before the last mark lies in the buffer

    @property
    def offset(self) -> int:
        return self.base + self.position

    def next(self, marks: re.Pattern[bytes]) -> bytes:
        """The next of the `marks` outside strings; empty at the file's end."""
        while True:
            match = marks.match(self.buffer, self.position)
            if match:
                self.before = (self.position, match.start(1))
                self.position = match.end()
                return match.group(1)
            if not self._read_more():
                return b""

    def match(self, pattern: re.Pattern[bytes]) -> re.Match[bytes] | None:
        """`pattern` matched where the scan stands, moving past it; None at the file's end."""
        while True:
            found = pattern.match(self.buffer, self.position)
            if found and found.end() < len(self.buffer):
                self.position = found.end()
                return found
            if len(self.buffer) - self.position > OUTLINE_LOOKAHEAD or not self._read_more():
                if found:
                    self.position = found.end()
                return found

    def _read_more(self) -> bool:
        """Add the file's next block to what is left of the buffer; False at the file's end."""
        block = self.read(PART_BYTES)
        if block:
            self.buffer = self.buffer[self.position :] + block
            self.base, self.position = self.base + self.position, 0
        return bool(block)

    def pass_over(self) -> None:
        """Move past the list or object whose bracket or brace the scan has just passed."""
        depth = 1
        while depth:
            mark = self.next(JSON_NESTING)
            if not mark:
                raise ValueError("a list or object that never closes")
            depth += 1 if mark in b"[{" else -1

    def value_before(self) -> bool:
        """Whether a value's text (not only white space) came before the last mark."""
        start, end = self.before
        return bool(self.buffer[start:end].strip(SPACE))


def stream_line_parts(
    read: Callable[[int], bytes], head: bytes, max_bytes: int
) -> Iterator[tuple[Part, bytes]]:
    """The parts of a stream of lines (standard input), `head` read from it already, each
    with its bytes: cut after line ends, about PART_BYTES each, read as they are needed. A line
    longer than `max_bytes` is passed over, its part holding no bytes (the worker refuses it
    by its size); every line a part holds is shorter, as `max_bytes` is at least PART_BYTES."""
    offset, line = 0, 1
    buffer = bytearray(head)

    def part(data: bytes, size: int, lines: int, last: bool) -> tuple[Part, bytes]:
        share = 1.0 if last else 0.0  # how much of a stream is left is not known
        return Part(LINES, offset, offset + size, line, lines, share, offset == 0, last), data

    while True:
        block = read(PART_BYTES)
        buffer += block
        if block and len(buffer) < PART_BYTES:
            continue
        if cut := buffer.rfind(b"\n") + 1:
            data = bytes(buffer[:cut])
            del buffer[:cut]
            lines = data.count(b"\n")
            yield part(data, cut, lines, not block and not buffer)
            offset, line = offset + cut, line + lines
        if not block:  # the end: maybe a last line with no line end
            if buffer:
                too_long = len(buffer) > max_bytes
                yield part(b"" if too_long else bytes(buffer), len(buffer), 1, True)
            return
        if len(buffer) > max_bytes:  # a line too long: read past it, keeping nothing
            size, ended = _stream_line_end(read, buffer)
            yield part(b"", size, 1, not ended)
            offset, line = offset + size, line + 1


def _stream_line_end(read: Callable[[int], bytes], buffer: bytearray) -> tuple[int, bool]:
    """Read past the line that `buffer` starts; return its size and whether more follows it,
    which is left in `buffer`."""
    size = len(buffer)
    buffer.clear()
    while block := read(PART_BYTES):
        found = block.find(b"\n")
        if found >= 0:
            buffer += block[found + 1 :]
            return size + found + 1, True
        size += len(block)
    return size, False


# Where an object's members start: a name, its colon, and the first character of its value.
JSON_MEMBER = re.compile(
    rb'\s*(?:(")((?:[^"\\]++|\\.)*+)"\s*:\s*([\[{"]|[^\s,\]}](?=[^,\]}]*[,\]}]))|(}))'
)
JSON_AFTER_VALUE = re.compile(rb"(?:" + _STRING + rb'|[^\s,\]}"]++)?\s*([,}])')
OUTLINE_DEPTH = 2  # objects whose members an outline names: the file's and those in it
OUTLINE_LOOKAHEAD = 8 * PART_BYTES  # bytes read for one member's name before it is no JSON


Lists = dict[tuple[str, ...], list[Part]]


def json_outline(path: str, size: int, max_bytes: int) -> tuple[dict[str, object], Lists] | None:
    """The object a large JSON file holds, in outline: its members, and those of the objects
    among them, each a list ([]), an object ({...}), a string ("") or None; and the parts of
    each of those lists, cut as it is passed over (`element_parts`). None when the file holds
    no object, or not one that can be read."""
    if size < SPLIT_FROM or _wide(path):
        return None
    with open(path, "rb") as file:
        scan = _Scan(file.read)
        if scan.next(JSON_OPENING) != b"{":
            return None
        lists: Lists = {}
        try:
            outline = _outline(scan, (), lists, (size, max_bytes))
        except ValueError:
            return None
    return outline, lists


def _outline(
    scan: _Scan, names: tuple[str, ...], lists: Lists, limits: tuple[int, int]
) -> dict[str, object]:
    """The members of the object whose brace `scan` has just passed, in a file of `limits`
    (its size, and the most bytes a part may hold); raises ValueError where it is no JSON."""
    members: dict[str, object] = {}
    while match := scan.match(JSON_MEMBER):
        if match.group(4):  # the object's end
            return members
        name = json.loads(b'"' + match.group(2) + b'"')
        opening, place = match.group(3), (*names, name)  # the scan stands after `opening`
        if opening == b"[":
            found = list(_cut_list(scan, *limits, "".join(f".{each}" for each in place)))
            if found[-1].end >= limits[0]:
                raise ValueError("a list that never closes")
            lists[place], members[name] = found, []
        elif opening == b"{" and len(place) < OUTLINE_DEPTH:
            members[name] = _outline(scan, place, lists, limits)
        elif opening == b"{":
            members[name] = {}
            scan.pass_over()
        else:  # a string or another value, read from its start
            scan.position -= 1
            members[name] = "" if opening == b'"' else None
        after = scan.match(JSON_AFTER_VALUE)
        if after is None:
            raise ValueError("no JSON object")
        if after.group(1) == b"}":
            return members
    raise ValueError("no JSON object")
