"""Large files of one record a line (JSON Lines) cut into parts that workers read on their own.

Read whole, a JSON Lines export of 100,000 articles (370 MB) was parsed by one worker while
the other waited, and held in memory three times over (2.1 GB at its peak). Cut at line ends
into parts of about PART_BYTES, it is read by every worker a part at a time, and no more of it
is in memory than the windows being parsed and stored.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from newsarc.models import pickled_as_values

PART_BYTES = 128 * 1024
SPLIT_FROM = 8 * PART_BYTES  # smaller files are read whole, as one job
# UTF-16 and UTF-32 (with or without a byte-order mark) write NUL bytes, which a part cut at a
# line-end byte could split in two: such files are read whole.
WIDE_SAMPLE = 4096


@pickled_as_values
@dataclass(frozen=True)
class Part:
    """Bytes start:end of a file, whole lines, the first of them line `first_line`."""

    start: int
    end: int
    first_line: int
    lines: int
    share: float  # of the file's bytes, for progress
    last: bool  # the file's last part


def line_parts(path: str, size: int, max_bytes: int) -> Iterator[Part] | None:
    """The parts of a file of `size` bytes, cut after line ends, or None when it is read whole
    (small, or UTF-16). A line longer than `max_bytes` is a part of its own, which the worker
    refuses without reading it."""
    if size < SPLIT_FROM:
        return None
    try:
        with open(path, "rb") as file:
            if b"\x00" in file.read(WIDE_SAMPLE):
                return None
    except OSError:
        return None  # reading it whole will report why
    return _cut(path, size, max_bytes)


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
