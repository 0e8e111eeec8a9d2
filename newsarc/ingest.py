"""Walk inputs, read and decode them, normalize, and save into the archive.

The core never prints: it reports each input through a callback and returns the totals.
"""

from __future__ import annotations

import codecs
import fnmatch
import gc
import hashlib
import io
import itertools
import json
import os
import re
import signal
import stat
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from newsarc import exports, frontmatter, pages, parts, tables
from newsarc.clusters import link
from newsarc.dates import parse_published
from newsarc.errors import NotAnArticle
from newsarc.fast import archive_files
from newsarc.models import (
    MAX_FILE_BYTES,
    Article,
    IngestReport,
    InputResult,
    ReindexReport,
    pickled_as_values,
)
from newsarc.normalize import (
    AGENCY_BY_SPELLING,
    MARKUP,
    clean_text,
    normalize_cleaned,
    word_count,
    writer_and_place,
)
from newsarc.parts import Part
from newsarc.similarity import Fingerprint, band_keys, fingerprints
from newsarc.sql import LARGEST_INTEGER
from newsarc.store import ARTICLE_COLUMNS, Archive, Provenance, SourceState

STDIN = "-"
NOT_A_FILE = "not a regular file (device, FIFO, socket or broken link)"
STDIN_NAME = "<stdin>"
DEFAULT_GLOB = "*.txt"
# Inputs read, parsed and stored together (one transaction each).
WINDOW = 2048
# Fewer files than this to parse in a window are parsed in this process: workers cost a start.
PARALLEL_FROM = 256
# Windows handed to the workers ahead of the one being stored. With one, the workers ran out of
# work whenever they finished it before the stored window was committed: a 100k ingest left 4.8
# core-seconds idle, against 3.1 with two, and took 4% longer (medians of four alternating
# runs). Each window held costs ~16 MB more memory at the peak.
WINDOWS_AHEAD = 2
# Most article files are 2-8 KB: a window or batch takes fewer files when they are larger, so
# that a window of exports (hundreds of articles a file) holds about as many articles as one
# of article files, and memory stays bounded.
ARTICLE_BYTES = 8 * 1024
MB = 1024 * 1024  # as --max-size counts
NO_ARTICLES = "no articles: only blank lines, an empty list or a table's header"
READ_BLOCK = 1 << 16  # bytes read at a time from a file beyond the size it had when opened
# Inputs parsed together, by a worker or this process: their bodies are fingerprinted at once.
# Each batch also costs the threads of this process that hand it over and take its outcomes
# back, holding the interpreter's lock: with 128 rather than 32, in a 100k ingest, the first
# spent 0.14-0.19 s of CPU against 0.39-0.45 s, the second 1.0-1.4 s against 1.5-1.7 s (user
# time, three alternating runs).
BATCH = 128
WORKERS = min(os.cpu_count() or 1, 4)
WORKER_NICENESS = 10
# Python's cycle collector runs after every 700 new objects (and a full pass after 100 of
# those): an ingest makes millions that never form cycles (articles, records, results), most
# of them in the thread that receives the workers' articles. Collecting this much less often
# takes ~0.4 s of CPU off a 100k ingest (14.64 -> 14.34 s, medians of 5 alternating runs).
COLLECTOR_THRESHOLDS = (50_000, 20, 20)
# The encoding recorded for an article restored from an exported record without its original:
# its stored original is the record itself, which reindex leaves alone.
RECORD_ENCODING = "json"
# The encoding recorded for an article read from a JSON object with title and body: its stored
# original is the object (with every other field it had), whose title and body reindex reads.
TITLE_BODY_ENCODING = "json-title-body"
# The encoding recorded for an article read from a news site's page saved as HTML: the page is
# its original, read again as ingest read it.
PAGE_ENCODING = "web-page"
# The encoding recorded for an article read from a text with front matter (Markdown clippings):
# the file's text is its original, read again as ingest read it.
FRONT_MATTER_ENCODING = "front-matter"
HTML_PAGE = re.compile(r"<(?:!doctype html|html)\b", re.IGNORECASE)  # not XML such as a feed
PAGE_HEAD = 4096  # characters in which a page says it is HTML
# Files whose names say they hold markup: exports of news databases among them.
TABLE_SUFFIXES = (".csv", ".tsv")  # a row an article (tables.py)
COMPRESSED_LINES = (".jsonl.gz", ".jsonl.bz2", ".jsonl.xz")  # decompressed as they are read
MARKUP_SUFFIXES = (".html", ".htm", ".xhtml", ".sgm", ".sgml", ".xml", ".rss", ".atom")
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".json", ".jsonl")
# Kinds of file name newsarc reads, named when a folder holds some the pattern passed over.
READ_KINDS = frozenset(
    f"*{suffix}"
    for suffix in (*TEXT_SUFFIXES, *TABLE_SUFFIXES, *MARKUP_SUFFIXES, *COMPRESSED_LINES)
)
JSON_SPACE = re.compile(r"[ \t\n\r]*")  # what JSON allows between values

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Documents people keep beside their articles, told by their first bytes. RTF is text, but its
# markup would be stored as the article's words.
SAVE_AS_TEXT = "not text: save it as plain text first"
# JSON Lines piped in are read a part at a time, as they come: a file of any size streams.
DECOMPRESS = "not text: decompress it first, or pipe it in (zcat FILE | newsarc ingest -)"
DOCUMENT_KINDS = (
    (b"%PDF-", f"a PDF document, {SAVE_AS_TEXT}"),
    (b"PK\x03\x04", f"a ZIP archive (a .docx, .odt or .epub is one), {SAVE_AS_TEXT}"),
    (b"\xd0\xcf\x11\xe0", f"an Office document (.doc, .xls), {SAVE_AS_TEXT}"),
    (b"{\\rtf", f"an RTF document, {SAVE_AS_TEXT}"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    *(
        (magic, f"{kind}-compressed, {DECOMPRESS}")
        for magic, kind in ((b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"))
    ),
)
UTF16_SAMPLE = 4096  # bytes looked at to tell UTF-16 without a byte-order mark
# Bytes 0x80-0x9F are C1 controls in Latin-1 but curly quotes, dashes and the euro sign in
# Windows-1252: text that uses them was written on Windows.
WINDOWS_1252_ONLY = bytes(range(0x80, 0xA0))
# Control characters that do not occur in text files (tab, line feed, form feed and carriage
# return do); more than one in a hundred characters marks a binary file.
BINARY_CONTROLS = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20)])
BINARY_CONTROL_CHARACTERS = dict.fromkeys(BINARY_CONTROLS)  # str.translate deletes them


@dataclass
class Options:
    """Settings for one ingest run."""

    globs: tuple[str, ...] = (DEFAULT_GLOB,)  # file names read in folders
    outlet: str | None = None
    dayfirst: bool | None = None
    max_bytes: int = MAX_FILE_BYTES
    clusters: bool = True  # fingerprint articles for near-duplicate clusters


@dataclass
class Input:
    """One file (or standard input) to read; `problem` says why it cannot be read."""

    path: str
    problem: str | None = None
    absolute: str | None = None  # the absolute path, when the folder walk knows it
    info: os.stat_result | None = None  # the file's status, when the walk has read it
    part: Part | None = None  # some records of a large file, read on their own
    data: bytes | None = None  # standard input's bytes, or those of its part


@pickled_as_values
@dataclass
class Parsed:
    """One article read from an input, ready to store."""

    source: str  # the input as the user named it
    key: str | None  # what the archive remembers it by (an absolute path); None for stdin
    article: Article
    provenance: Provenance
    size: int | None = None
    mtime_ns: int | None = None
    article_id: int | None = None  # an id carried by an exported record
    state: SourceState | None = None  # what the archive knew of `key` when the input was read
    state_checked: bool = False
    fingerprint: Fingerprint | None = None  # for near-duplicate clustering


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). Raises NotAnArticle for binary data."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise NotAnArticle(
                    f"undecodable bytes after a {encoding} byte-order mark"
                ) from None
    for magic, kind in DOCUMENT_KINDS:
        if data.startswith(magic):
            raise NotAnArticle(kind)
    if b"\x00" in data:
        wide = _utf16_without_bom(data)
        if wide and (decoded := _decoded_text(data, wide)):
            return decoded, wide
        raise NotAnArticle("binary file (NUL bytes), not text")
    text, encoding = _decode_without_bom(data)
    # Counted in the bytes: UTF-8, Windows-1252 and Latin-1 all write these characters as one
    # byte of the same value, a byte no other character uses.
    controls = len(data) - len(data.translate(None, BINARY_CONTROLS))
    if controls > len(text) // 100:
        raise NotAnArticle("binary file (control characters), not text")
    return text, encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without its byte-order mark, as some Windows tools write it: the NUL bytes
    of its spaces, line breaks and Latin letters (high bytes) fall on one side of each pair, where
    in binary data they fall on both."""
    if len(data) % 2:
        return None
    sample = data[:UTF16_SAMPLE]
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd > 50 * even:
        return "utf-16-le"
    if even > 50 * odd:
        return "utf-16-be"
    return None


def _decoded_text(data: bytes, encoding: str) -> str | None:
    """The data decoded, if it decodes to text: spaces or line breaks between its words, and no
    more control characters than text has. (Characters such as U+4E00 put their NUL on the other
    side: text of nothing else would read as other characters, with no space among them.)"""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    controls = len(text) - len(text.translate(BINARY_CONTROL_CHARACTERS))
    if controls > len(text) // 100 or (" " not in text and "\n" not in text):
        return None
    return text


def _decode_without_bom(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if any(byte in WINDOWS_1252_ONLY for byte in data):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), "latin-1"


def printable(path: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogates) become \\x.."""
    if path.isascii():
        return path
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def content_hash(cleaned: str) -> str:
    """Identity of an article's text: the same text in another file or encoding is a duplicate."""
    return hashlib.blake2b(cleaned.encode("utf-8"), digest_size=16).hexdigest()


def discover(
    paths: Iterable[str], patterns: Iterable[str], passed_over: Counter[str] | None = None
) -> Iterator[Input]:
    """Expand files and folders (recursively, names matching any of `patterns`) into inputs,
    counting the kinds of name (`*.sgm`) a folder holds that do not match in `passed_over`.

    Names match whatever their case, as on Windows and macOS: collections made there hold
    `.TXT` and `.Html` beside `.txt`."""
    either = "|".join(fnmatch.translate(pattern) for pattern in patterns)
    matches = re.compile(either, re.IGNORECASE).match
    passed_over = Counter() if passed_over is None else passed_over
    for path in paths:
        if path == STDIN:
            yield Input(STDIN)
            continue
        try:
            info = os.stat(path)
        except FileNotFoundError:
            yield Input(path, "no such file or folder")
            continue
        except OSError as error:
            yield Input(path, error.strerror or str(error))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, matches, passed_over)
        elif stat.S_ISREG(info.st_mode):
            yield Input(path, info=info)
        else:
            yield Input(path, NOT_A_FILE)


def _walk(
    folder: str,
    matches: Callable[[str], object],
    passed_over: Counter[str],
    absolute: str | None = None,
) -> Iterator[Input]:
    """Files below `folder` whose names match, in name order; links to folders are not followed.

    `absolute` is the folder's absolute path, made once here rather than once per file.
    """
    absolute = absolute or os.path.abspath(folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield Input(folder, f"cannot read folder: {error.strerror}")
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(
                    entry.path, matches, passed_over, os.path.join(absolute, entry.name)
                )
            elif entry.is_dir():
                continue  # a link to a folder: not followed, nor an input that failed
            elif matches(entry.name):
                absolute_path = os.path.join(absolute, entry.name)
                if entry.is_file():
                    yield Input(entry.path, None, absolute_path, entry.stat())
                else:
                    yield Input(entry.path, NOT_A_FILE, absolute_path)
            elif kind := _name_kind(entry.name):
                passed_over[kind] += 1
        except OSError as error:
            yield Input(entry.path, error.strerror or str(error))


def _name_kind(name: str) -> str:
    """The kind of a file's name, as a pattern: `*.sgm`, `*.jsonl.gz`; empty for none."""
    name = name.lower()
    compressed = next((suffix for suffix in COMPRESSED_LINES if name.endswith(suffix)), None)
    suffix = compressed or os.path.splitext(name)[1]
    return f"*{suffix}" if suffix else ""


def _without_archive(inputs: Iterator[Input], path: str) -> Iterator[Input]:
    """The inputs but the archive's own files (itself, its WAL and shared memory): a folder's
    are passed over, one named on the command line is refused."""
    own = archive_files(path)
    for item in inputs:
        if item.info is None or (item.info.st_dev, item.info.st_ino) not in own:
            yield item
        elif item.absolute is None:  # named, not found in a folder
            yield Input(item.path, "the archive itself (or its journal), not an input")


def ingest(
    archive: Archive,
    paths: Iterable[str],
    options: Options,
    *,
    read_stdin: Callable[[int], bytes] | None = None,
    on_result: Callable[[InputResult], None] | None = None,
    on_input: Callable[[float], None] | None = None,
) -> IngestReport:
    """Store every article found in `paths`; Ctrl-C keeps what was stored and marks the report.

    Inputs go in windows: while worker processes parse the next WINDOWS_AHEAD windows, this
    process stores the one before, each window in one transaction, so an article is never half
    stored. `read_stdin(size)` reads standard input as a binary file's `read` does; `on_input`
    is told the share of an input done: 1 for a whole one.
    """
    report = IngestReport()
    pool = _Pool(options)
    collector = gc.get_threshold()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    split = _SplitFile()
    try:
        queued: deque[tuple[list[InputResult], list[Job], Iterator[Outcome]]] = deque()
        found = _without_archive(discover(paths, options.globs, report.passed_over), archive.path)
        for items in _windows(_in_parts(found, archive, options.max_bytes, read_stdin)):
            settled, jobs = _triage(archive, items)
            queued.append((settled, jobs, pool.parse(jobs)))
            if len(queued) > WINDOWS_AHEAD:
                _store_window(archive, *queued.popleft(), report, split, on_result, on_input)
        while queued:
            _store_window(archive, *queued.popleft(), report, split, on_result, on_input)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        pool.close()
        gc.set_threshold(*collector)
    return report


@dataclass
class Job:
    """One input to read and parse, possibly in a worker process."""

    source: str  # as the user named it
    path: str | None  # None for standard input
    key: str | None  # what the archive remembers it by
    data: bytes | None = None  # standard input, read by the main process
    part: Part | None = None  # the records of the file to read, if not all of it
    state: SourceState | None = None
    info: os.stat_result | None = None  # the file's status when it was found

    @property
    def weight(self) -> int:
        if self.part:
            return self.part.records
        size = len(self.data) if self.data is not None else self.info.st_size if self.info else 0
        return _weight(size)

    def __reduce_ex__(self, protocol: object) -> tuple[type[Job], tuple[object, ...]]:
        """A job crosses to a worker as what the worker reads: its names, data and part. The
        file's status and what the archive knew of it stay with the main process, which stores
        the result (a status took 2.3 of the 3.3 us a job took to pickle)."""
        return Job, (self.source, self.path, self.key, self.data, self.part)


# What one input gave: its articles, and for a file of records each record that failed; or
# the one reason the input failed as a whole.
Outcome = list[Parsed | InputResult]


def parse_batch(jobs: list[Job], options: Options) -> list[Outcome]:
    """Read and normalize inputs, then fingerprint their articles together (numpy calls on
    one body cost more than their work)."""
    _read_ahead(job.path for job in jobs if job.path is not None)
    outcomes = [parse_job(job, options) for job in jobs]
    if options.clusters:
        articles = [one for outcome in outcomes for one in outcome if isinstance(one, Parsed)]
        prints = fingerprints([parsed.article.body for parsed in articles])
        for parsed, print_ in zip(articles, prints, strict=True):
            parsed.fingerprint = print_
    return outcomes


def parse_job(job: Job, options: Options) -> Outcome:
    """Read and normalize one input (no fingerprint yet); a failure comes back as a failed
    InputResult."""
    try:
        if job.data is not None and job.part:  # lines of standard input or of a compressed file
            return _parse_part(job.path or job.source, job.key, job.part, options, job.data)
        if job.data is not None:
            return _parse_standard_input(job.data, job.source, options)
        assert job.path is not None and job.key is not None
        if job.part:
            return _parse_part(job.path, job.key, job.part, options)
        return _parse_file(job.path, job.key, options)
    except NotAnArticle as problem:
        return [InputResult(job.source, "failed", reason=str(problem))]
    except OSError as error:
        return [InputResult(job.source, "failed", reason=error.strerror or str(error))]
    except Exception as error:  # a fault in newsarc fails this input, not the whole ingest
        reason = f"newsarc could not read it ({type(error).__name__}: {error}); please report this"
        return [InputResult(job.source, "failed", reason=reason)]


class _Pool:
    """Worker processes for parsing, started only when a window has enough files to pay off."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.executor: ProcessPoolExecutor | None = None

    def parse(self, jobs: list[Job]) -> Iterator[Outcome]:
        batches = _batches(jobs)
        options = itertools.repeat(self.options)
        if sum(job.weight for job in jobs) < PARALLEL_FROM or WORKERS < 2:
            return itertools.chain.from_iterable(map(parse_batch, batches, options))
        # A Ctrl-C while the workers start or take the window could leave workers that nobody
        # tells to stop, and an exit that waits for them: it is held until the work is queued.
        with _ctrl_c_held():
            if self.executor is None:
                self.executor = ProcessPoolExecutor(
                    WORKERS, initializer=_start_worker, initargs=(os.getpid(),)
                )
            parsed = self.executor.map(parse_batch, batches, options)
            return itertools.chain.from_iterable(parsed)

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Deliver a SIGINT that arrives inside the block only when it ends."""
    held = {signal.SIGINT}
    can_hold = (
        hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    )
    if can_hold:
        signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        if can_hold:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def _start_worker(parent: int) -> None:
    """Set up a worker of `parent` (its pid, taken before the worker existed: a parent killed
    while the worker starts is noticed too)."""
    # Ctrl-C goes to the whole process group; the main process alone decides what to keep.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Lower priority: the main process, which stores what the workers parse, is the bottleneck.
    # At nice 5 its main thread waited 1.8-3.6 s for a core in a 100k ingest, at 10 0.9-1.3 s
    # (19: 0.6-1.0 s, but workers that would all but stop beside other busy programs).
    os.nice(WORKER_NICENESS)
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A worker whose main process was killed outright would otherwise wait for work forever."""
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def _windows(items: Iterable[Input]) -> Iterator[list[Input]]:
    """Windows of inputs that double from PARALLEL_FROM up to WINDOW articles (as `_weight`
    counts them): the workers start on a small one while the main process has nothing to
    store yet."""
    window: list[Input] = []
    weight, limit = 0, PARALLEL_FROM
    for item in items:
        window.append(item)
        weight += item.part.records if item.part else _weight(item.info.st_size if item.info else 0)
        if weight >= limit:
            yield window
            window, weight, limit = [], 0, min(limit * 2, WINDOW)
    if window:
        yield window


def _in_parts(
    items: Iterable[Input],
    archive: Archive,
    max_bytes: int,
    read_stdin: Callable[[int], bytes] | None,
) -> Iterator[Input]:
    """The inputs, each large file of records that changed as its parts (`parts.py`), which
    windows and workers take as they take files; standard input read, as its parts when it is
    JSON Lines."""
    for item in items:
        if item.path == STDIN and read_stdin is not None:
            yield from _stdin_inputs(read_stdin, max_bytes)
            continue
        if _compressed_lines(item) and not _unchanged(archive, item):
            yield from _decompressed_inputs(item, max_bytes)
            continue
        found = _changed_file_parts(item, archive, max_bytes)
        if found is None:
            yield item
        else:
            yield from (replace(item, part=part) for part in found)


def _changed_file_parts(item: Input, archive: Archive, max_bytes: int) -> Iterator[Part] | None:
    """The parts of a large JSON Lines file, table or JSON list that changed since it was
    stored; None for any other input, read whole."""
    info = item.info
    if item.problem or info is None or info.st_size < parts.SPLIT_FROM:
        return None
    name = item.path.lower()
    if not name.endswith((".jsonl", ".json", *TABLE_SUFFIXES)) or _unchanged(archive, item):
        return None  # read whole; or unchanged, as triage says
    if name.endswith(TABLE_SUFFIXES):
        return parts.row_parts(item.path, info.st_size, max_bytes, (*TEXT_KEYS, *DECK_KEYS))
    if name.endswith(".json"):
        return _json_list_parts(item.path, info.st_size, max_bytes)
    return parts.line_parts(item.path, info.st_size, max_bytes)


def _unchanged(archive: Archive, item: Input) -> bool:
    """Whether a file is as the archive remembers it."""
    state = archive.source_state(_key(item))
    return state is not None and item.info is not None and _as_remembered(state, item.info)


def _as_remembered(state: SourceState, info: os.stat_result) -> bool:
    """Whether a file's status is what the archive remembers of it: its size and time."""
    return (state.size, state.mtime_ns) == (info.st_size, info.st_mtime_ns)


def _compressed_lines(item: Input) -> bool:
    """Whether an input is a file of JSON Lines compressed (`crawl.jsonl.gz`)."""
    return (
        item.problem is None
        and item.info is not None
        and item.path.lower().endswith(COMPRESSED_LINES)
    )


def _decompressed_inputs(item: Input, max_bytes: int) -> Iterator[Input]:
    """A compressed file of JSON Lines as the parts of its lines, decompressed as they are
    needed (`stream_line_parts`); what breaks off fails, after the lines before it."""
    import lzma
    import zlib

    try:
        with _open_compressed(item.path) as stream:
            head = stream.read(parts.PART_BYTES)
            for part, data in parts.stream_line_parts(stream.read, head, max_bytes):
                yield replace(item, part=part, data=data)
    except (OSError, EOFError, zlib.error, lzma.LZMAError) as error:
        yield Input(item.path, f"compressed data that cannot be read whole ({error})")


def _open_compressed(path: str) -> io.BufferedIOBase:
    """A compressed file, read as what it holds."""
    if path.lower().endswith(".gz"):
        import gzip

        return gzip.open(path, "rb")
    if path.lower().endswith(".bz2"):
        import bz2

        return bz2.open(path, "rb")
    import lzma

    return lzma.open(path, "rb")


def _json_list_parts(path: str, size: int, max_bytes: int) -> Iterator[Part] | None:
    """The parts of a large JSON file's list of articles: the file's own list, or the one its
    object wraps, found as `_json_elements` finds it in a file read whole."""
    found = parts.element_parts(path, size, max_bytes)
    if found is not None:
        return found
    outline = parts.json_outline(path, size, max_bytes)
    if outline is None:
        return None
    members, lists = outline
    names = _wrapper_path(members)
    return iter(lists[tuple(names)]) if names else None


def _stdin_inputs(read: Callable[[int], bytes], max_bytes: int) -> Iterator[Input]:
    """Standard input as one input, or, when it is JSON Lines, or a large JSON list or table, as
    parts read as they are needed: `newsarc export --jsonl | newsarc ingest -` of a large archive
    held all of it, and a table of 60 MB took 584 MB, where its file took 169 MB."""
    head = read(parts.PART_BYTES)
    while b"\n" not in head and len(head) <= max_bytes and (more := read(parts.PART_BYTES)):
        head += more  # up to the end of the first line
    start = head.decode("utf-8", "replace").removeprefix("\ufeff").lstrip()
    if _opens_json_lines(start):
        for part, data in parts.stream_line_parts(read, head, max_bytes):
            yield Input(STDIN, part=part, data=data)
        return
    while len(head) < parts.SPLIT_FROM and (more := read(parts.PART_BYTES)):
        head += more
    cut = None  # small, UTF-16 or neither a list nor a table: read whole
    if len(head) >= parts.SPLIT_FROM and not parts.is_wide(head):
        if start.startswith("["):
            cut = parts.stream_element_parts
        elif tables.is_table(start, TITLE_KEYS, TEXT_KEYS):
            cut = parts.stream_row_parts
    if cut is None:
        yield Input(STDIN, data=head + read(-1))
        return
    for part, data in cut(read, head, max_bytes):
        yield Input(STDIN, part=part, data=data)


def _opens_json_lines(text: str) -> bool:
    """Whether a text's first line (after white space) is a JSON object: JSON Lines."""
    start = text.lstrip()
    try:
        return start.startswith("{") and isinstance(json.loads(start.split("\n", 1)[0]), dict)
    except ValueError:
        return False


def _key(item: Input) -> str:
    """What the archive remembers a file by: its absolute path."""
    return printable(item.absolute or os.path.abspath(item.path))


def _batches(jobs: list[Job]) -> list[list[Job]]:
    """Jobs in batches of about BATCH articles, as `_weight` counts them."""
    batches: list[list[Job]] = [[]]
    weight = 0
    for job in jobs:
        if weight >= BATCH:
            batches.append([])
            weight = 0
        batches[-1].append(job)
        weight += job.weight
    return batches if jobs else []


def _weight(size: int) -> int:
    """About how many articles an input of `size` bytes holds: one for most files, hundreds
    for a news database's export of 1 MB."""
    return 1 + size // ARTICLE_BYTES


def _triage(archive: Archive, items: list[Input]) -> tuple[list[InputResult], list[Job]]:
    """Settle what needs no parsing (problems, unchanged files); make jobs of the rest."""
    settled: list[InputResult] = []
    jobs: list[Job] = []
    for item in items:
        name = printable(item.path)
        if item.problem:
            settled.append(InputResult(name, "failed", reason=item.problem))
        elif item.path == STDIN:
            if item.data is None:
                settled.append(InputResult(STDIN_NAME, "failed", reason="no standard input"))
            else:
                jobs.append(Job(STDIN_NAME, None, None, data=item.data, part=item.part))
        else:
            job = Job(name, item.path, _key(item), data=item.data, part=item.part, info=item.info)
            jobs.append(job)
    known = archive.source_states([job.key for job in jobs if job.key and not job.part])
    changed = []
    for job in jobs:
        if job.part:  # of a file found changed (`_in_parts`)
            changed.append(job)
            continue
        job.state = state = known.get(job.key) if job.key else None
        if state is None or job.path is None:
            changed.append(job)  # new to the archive: the worker reads its size and time
            continue
        try:
            now = job.info or os.stat(job.path)
        except OSError as error:
            settled.append(InputResult(job.source, "failed", reason=error.strerror))
            continue
        if _as_remembered(state, now):
            settled.append(InputResult(job.source, "unchanged", state.article_id))
        else:
            changed.append(job)
    return settled, changed


@dataclass
class _SplitFile:
    """What the main process knows of the large file whose parts (`Job.part`) it is storing."""

    first: tuple[int, str] | None = None  # its first article's id and content hash
    complete: bool = True  # every record so far stored
    records: int = 0  # read so far, articles or not


def _store_window(
    archive: Archive,
    settled: list[InputResult],
    jobs: list[Job],
    outcomes: Iterator[Outcome],
    report: IngestReport,
    split: _SplitFile,
    on_result: Callable[[InputResult], None] | None,
    on_input: Callable[[float], None] | None,
) -> None:
    """Store one window in one transaction, then report it. A Ctrl-C that comes while it
    commits counts once it is reported: raised on the commit's return, it left a window stored
    but not counted (an interrupted ingest said 30,600 new where the archive held 32,652)."""
    results = list(settled)
    fresh: list[tuple[int, Fingerprint, bool]] = []
    with ExitStack() as held:
        with archive.batch():
            for job, outcome in zip(jobs, outcomes, strict=True):
                _store_outcome(archive, job, outcome, split, results, fresh)
                if on_input:
                    on_input(job.part.share if job.part else 1)
            cluster(archive, fresh)
            held.enter_context(_ctrl_c_held())  # before the index is filled and committed
        for _ in settled:
            if on_input:
                on_input(1)
        for result in results:
            report.add(result)
            if on_result:
                on_result(result)


def _store_outcome(
    archive: Archive,
    job: Job,
    outcome: Outcome,
    split: _SplitFile,
    results: list[InputResult],
    fresh: list[tuple[int, Fingerprint, bool]],
) -> None:
    """Store the articles of one job; add what became of each to `results`, and (id,
    fingerprint, changed) of those new or changed to `fresh`."""
    if job.part and job.key:
        _claim_member_keys(archive, job, outcome)
    stored: list[tuple[Parsed, InputResult]] = []
    for parsed in outcome:
        if isinstance(parsed, InputResult):
            results.append(parsed)
            continue
        if parsed.key is not None and parsed.key == job.key:  # the job's own article
            parsed.source, parsed.state, parsed.state_checked = job.source, job.state, True
        result = _save(archive, parsed)
        results.append(result)
        stored.append((parsed, result))
        if parsed.fingerprint and result.status in ("new", "updated"):
            assert result.article_id is not None
            fresh.append((result.article_id, parsed.fingerprint, result.status == "updated"))
    if job.part:
        _remember_split_file(archive, job, job.part, split, stored, len(outcome))
        if job.part.last and not split.records:  # as a file read whole says
            results.append(InputResult(job.source, "failed", reason=NO_ARTICLES))
    elif len(stored) == len(outcome) and any(one.source != job.source for one in outcome):
        _remember_file(archive, job, *stored[0])


def _claim_member_keys(archive: Archive, job: Job, outcome: Outcome) -> None:
    """Give its place (`file.jsonl:7`, `items.json[6]`) to an article of a part whose id an
    earlier part of the file stated first, as `_member_key` does within a part."""
    assert job.part and job.key
    if job.part.opening:
        archive.start_claims()
    by_id = f"{job.key}#"
    for parsed in outcome:
        if not isinstance(parsed, Parsed) or not (parsed.key or "").startswith(by_id):
            continue
        assert parsed.key is not None
        if not archive.claim_key(parsed.key):
            place_key = job.key + parsed.source[len(job.source) :]
            if parsed.provenance.source_path == parsed.key:
                parsed.provenance.source_path = place_key
            parsed.key = place_key


def _remember_split_file(
    archive: Archive,
    job: Job,
    part: Part,
    split: _SplitFile,
    stored: list[tuple[Parsed, InputResult]],
    lines: int,
) -> None:
    """Remember a large file read in parts once its last part is stored, if every record was."""
    if part.opening:
        split.first, split.complete, split.records = None, True, 0
    split.complete = split.complete and len(stored) == lines
    split.records += lines
    if split.first is None and stored:
        parsed, result = stored[0]
        assert result.article_id is not None
        split.first = (result.article_id, parsed.provenance.content_hash)
    if part.last and split.complete and split.first and job.key and job.info:
        article_id, first_hash = split.first
        archive.remember_source(
            job.key, article_id, job.info.st_size, job.info.st_mtime_ns, first_hash
        )


def _remember_file(archive: Archive, job: Job, first: Parsed, result: InputResult) -> None:
    """Remember a file of many articles, all stored, by its size and time as it was found, so
    that an ingest of it unchanged skips it as it skips an article file; it answers for its
    first article. A file that changed since it was found differs from what is remembered and
    is read again next time."""
    if job.key is None or job.info is None:
        return
    assert result.article_id is not None
    archive.remember_source(
        job.key,
        result.article_id,
        job.info.st_size,
        job.info.st_mtime_ns,
        first.provenance.content_hash,
    )


def _parse_file(path: str, key: str, options: Options) -> Outcome:
    data, info = _read_file(path, options.max_bytes)
    name = path.lower()
    if data and name.endswith((".json", ".jsonl", *TABLE_SUFFIXES)):
        text, _ = decode(data)
        if name.endswith(".jsonl"):
            return _all_records(_line_records(text, path, key, options))
        if name.endswith(TABLE_SUFFIXES):
            return _all_records(_list_records(_table_rows(text, options), path, key, options))
        return _all_records(_list_records(_json_elements(text), path, key, options))
    outcome = _parse_data(data, path, key, name.endswith(MARKUP_SUFFIXES), options)
    if len(outcome) == 1 and isinstance(article := outcome[0], Parsed) and article.key == key:
        article.size, article.mtime_ns = info.st_size, info.st_mtime_ns
    return outcome


def _parse_part(
    path: str, key: str | None, part: Part, options: Options, data: bytes | None = None
) -> Outcome:
    """The articles of some records of a large JSON Lines file, table or JSON list, or of
    standard input's lines (`data`)."""
    size = part.end - part.start
    if size > options.max_bytes and not data:  # a file's, or a line of standard input passed over
        place = _part_place(part)
        reason = _too_large(PART_RECORDS[part.kind], size, options.max_bytes)
        return [InputResult(f"{printable(path)}{place}", "failed", reason=reason)]
    if data is None:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            header = os.pread(descriptor, part.header_end, 0) if part.header_end else b""
            data = header + os.pread(descriptor, size, part.start)
        finally:
            os.close(descriptor)
    text, _ = decode(data)
    if part.kind == parts.ROWS:
        rows = _table_rows(text, options, part.first)
        return list(_list_records(rows, path, key, options))
    if part.kind == parts.ELEMENTS:
        try:
            elements, _ = _list_at(f"[{text}]", 0, json.JSONDecoder())
        except json.JSONDecodeError as error:  # its place in the part means nothing to users
            reason = f"not valid JSON in the elements from {_part_place(part)} on ({error.msg})"
            raise NotAnArticle(reason) from None
        first, names = part.first, part.names
        places = [(f"{names}[{first + i}]", raw, value) for i, (raw, value) in enumerate(elements)]
        return list(_list_records(places, path, key, options))
    return list(_line_records(text, path, key, options, part.first))


PART_RECORDS = {parts.LINES: "line", parts.ROWS: "row", parts.ELEMENTS: "element"}


def _part_place(part: Part) -> str:
    """How a part's first record is named: by its line (`:7`) or its place in the list
    (`[6]`, `.articles[6]`)."""
    return f"{part.names}[{part.first}]" if part.kind == parts.ELEMENTS else f":{part.first}"


def _table_rows(
    text: str, options: Options, first_line: int | None = None
) -> list[tuple[str, str, object]]:
    """A CSV or TSV file's rows as article objects, named by the lines they start on; or, where
    `text` is the header and some rows of a larger file, the first of them on `first_line`."""
    try:
        found = tables.rows(text, TABLE_COLUMNS, options.max_bytes, first_line)
    except tables.NotATable as problem:
        raise NotAnArticle(str(problem)) from None
    whole = first_line is None  # a file read in parts was cut only if it names a text column
    if (
        whole
        and found
        and not any(isinstance(row, dict) and _record_text(row) for _, _, row in found)
    ):
        # a list of links (a read-later service's export), not of articles: one failure, not
        # one a row
        raise NotAnArticle(
            "a table with no text of articles: no column holds one"
            f" ({', '.join(TEXT_KEYS)}) or a summary ({', '.join(DECK_KEYS)})"
        )
    return found


def _parse_standard_input(data: bytes, source: str, options: Options) -> Outcome:
    """JSON Lines (its first line an object) or one JSON document of articles (`newsarc export
    --jsonl | newsarc ingest -`) when the text parses as such, a table whose header names a
    title and a text (`newsarc export --csv | newsarc ingest -`), else one input's text: an
    article that starts with "[Updated]" is an article."""
    text, _ = decode(data)
    start = text.lstrip()
    if not start:
        raise NotAnArticle("only white space on standard input" if data else "no standard input")
    if _opens_json_lines(start):
        return _all_records(_line_records(text, source, None, options))
    if start.startswith(("{", "[")):
        try:
            elements = _json_elements(text)
        except NotAnArticle:  # not JSON
            pass
        else:
            return _all_records(_list_records(elements, source, None, options))
    elif tables.is_table(start, TITLE_KEYS, TEXT_KEYS):
        return _all_records(_list_records(_table_rows(start, options), source, None, options))
    return _parse_data(data, source, None, False, options)


def _all_records(records: Iterator[Parsed | InputResult]) -> Outcome:
    if outcome := list(records):
        return outcome
    raise NotAnArticle(NO_ARTICLES)


def _parse_data(
    data: bytes, source: str, key: str | None, markup_name: bool, options: Options
) -> Outcome:
    """One input's bytes: the articles of a news database's export, or one article.
    `markup_name`: the file's name says HTML or SGML."""
    if not data:
        raise NotAnArticle("empty file")
    text, encoding = decode(data)
    if text.startswith(frontmatter.FENCES) and (record := frontmatter.read(text)):
        return [_parse_title_and_body(record, text, source, key, options, FRONT_MATTER_ENCODING)]
    export = exports.split(text, markup_name)
    if export:
        return _parse_export(*export, printable(source), key, options)
    if MARKUP.match(text) and HTML_PAGE.search(text, 0, PAGE_HEAD):
        return [_parse_page(text, source, key, options)]
    return [_parse_text(text, text, encoding, source, key, options)]


def _parse_page(markup: str, source: str, key: str | None, options: Options) -> Parsed:
    """A news site's page saved as HTML, read as the JSON object of its fields would be."""
    record = pages.read_page(markup)
    if record is None:
        raise NotAnArticle("a page of markup (HTML, XML or SGML) with no article text in it")
    # The byline the page prints comes first: its meta tags often name the first writer alone.
    return _parse_title_and_body(
        record, markup, source, key, options, PAGE_ENCODING, printed_byline_first=True
    )


def _read_ahead(paths: Iterable[str]) -> None:
    """Ask the system to start reading all these files now. Read one after the other, files
    not in memory wait for the disk in turn: 62-84 us a benchmark file, against 11-13 us when
    its batch of 32 was asked for first (and ~2 us more for a file in memory)."""
    if not hasattr(os, "posix_fadvise"):  # not on macOS or Windows
        return
    for path in paths:
        try:
            descriptor = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # reported when the file is read
        try:
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_WILLNEED)
        finally:
            os.close(descriptor)


def _too_large(what: str, size: int, max_bytes: int) -> str:
    """Why a file or record is not read, in the unit --max-size takes."""
    return (
        f"{what} too large ({size / MB:,.1f} MB, {size:,} bytes; the limit is"
        f" {max_bytes / MB:,.0f} MB: raise it with --max-size)"
    )


def _read_file(path: str, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """A file's bytes and status in five system calls; open().read() makes ten (a terminal
    check, seeks, status twice more): 6.7 against 11.7 us a benchmark article."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        info = os.fstat(descriptor)
        if info.st_size > max_bytes:
            raise NotAnArticle(_too_large("file", info.st_size, max_bytes))
        data = os.read(descriptor, info.st_size + 1)
        while more := os.read(descriptor, READ_BLOCK):  # it grew since, or was read short
            data += more
        return data, info
    finally:
        os.close(descriptor)


def _parse_export(
    format: str, pieces: list[str], name: str, key: str | None, options: Options
) -> Outcome:
    """The articles of a news database's export, each an input named by its place in the file
    (`export.html[2]`); the article's own stretch of the file is its original.

    The archive knows a feed's items by their ids (`feed.rss#<guid>`), as `_member_key` says."""
    if not pieces:
        raise NotAnArticle(f"no articles in this {exports.FORMAT_NAMES[format]} file")
    outcome: Outcome = []
    ids: set[str] = set()
    for index, piece in enumerate(pieces):
        place = f"[{index}]"
        member = _member_key(key, place, exports.item_id(format, piece), ids)
        try:
            outcome.append(_parse_piece(format, piece, name + place, member, options))
        except NotAnArticle as problem:
            outcome.append(InputResult(name + place, "failed", reason=str(problem)))
    return outcome


def _member_key(key: str | None, place: str, member_id: str | None, ids: set[str]) -> str | None:
    """What the archive knows one article of a many-article file by: the file's key and the
    article's own id where it states one (`feed.rss#<guid>`, `latest.json#<url>`), else its
    place (`export.html[2]`). A feed or an API's answer saved again holds new articles over
    the old ones, which have moved down, and fewer of those at the end: known by place, each
    new one overwrote an old one; known by id, each is new or unchanged."""
    if key is None or not place:  # standard input, not remembered; or a file's one article
        return key
    if member_id and member_id not in ids:  # an id stated twice in a file is not one
        ids.add(member_id)
        return f"{key}#{member_id}"
    return key + place


def _parse_piece(format: str, piece: str, source: str, key: str | None, options: Options) -> Parsed:
    exported = exports.render(format, piece)
    parsed = _parse_text(
        exported.text, piece, format, source, key, options, exported.headline_first
    )
    parsed.article = exported.completed(parsed.article)
    parsed.provenance.outlet = options.outlet or exported.outlet
    return parsed


def _parse_text(
    text: str,
    original: str,
    encoding: str,
    source: str,
    key: str | None,
    options: Options,
    headline_first: bool = False,
) -> Parsed:
    """Normalize `text`, read from `original` (stored with `encoding`, which says how)."""
    cleaned = clean_text(text)
    if not cleaned.strip():
        raise NotAnArticle("blank file: only white space")
    article = normalize_cleaned(cleaned, dayfirst=options.dayfirst, headline_first=headline_first)
    provenance = Provenance(
        original=original,
        encoding=encoding,
        content_hash=content_hash(cleaned),
        source_path=key or source,
        outlet=options.outlet,
        ingested_at=_now(),
    )
    return Parsed(source, key, article, provenance)


def _list_records(
    elements: list[tuple[str, str, object]], path: str, key: str | None, options: Options
) -> Iterator[Parsed | InputResult]:
    """Articles as JSON: the elements of a list of objects, of a list an object wraps, or the
    one object (`.json`), each with its place in the file and its exact text.

    Each object is an input of its own, named by its place as jq names it (`file.json[2]`,
    `file.json.articles[2]`) or, in JSON Lines, by its line (`file.jsonl:3`): a record of
    `newsarc export`, restored as it was, or an object with `title` and `body`, normalized. One
    that is neither fails alone. Records of standard input (no `key`) are not remembered as
    files are.
    """
    name = printable(path)
    ids: set[str] = set()
    for place, raw, value in elements:
        member = _member_key(key, place, _record_id(value), ids)
        yield _from_record(value, raw, name + place, member, options)


def _line_records(
    text: str, path: str, key: str | None, options: Options, first_line: int = 1
) -> Iterator[Parsed | InputResult]:
    """Articles as JSON Lines (`.jsonl`): one object a line, each as `_list_records` says.
    Lines end at line feeds alone: JSON text may hold U+2028 and other line breaks as they are."""
    name = printable(path)
    ids: set[str] = set()
    for number, line in enumerate(text.split("\n"), start=first_line):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        place = f":{number}"
        try:
            value = json.loads(line)
        except ValueError as error:
            yield InputResult(name + place, "failed", reason=f"not valid JSON ({error})")
            continue
        member = _member_key(key, place, _record_id(value), ids)
        yield _from_record(value, line, name + place, member, options)


def _record_id(value: object) -> str | None:
    """The id an article object states (NewsAPI's, trafilatura's and news-please's `url`, the
    New York Times' `web_url`, the Guardian's `webUrl`, Event Registry's `uri`), if any."""
    if not isinstance(value, dict):
        return None
    found = next((value[name] for name in RECORD_ID_KEYS if isinstance(value.get(name), str)), "")
    return found.strip() or None


# Where an article object states what it is known by, whatever its place in a file, best first.
RECORD_ID_KEYS = ("url", "web_url", "webUrl", "link", "uri", "_id")
# Where a JSON object holds its list of articles, as news APIs answer ({"status": "ok",
# "articles": [...]}): read when the object has no title or headline of its own.
WRAPPER_KEYS = (
    "articles", "items", "results", "data", "documents", "docs", "stories", "news", "entries",
    "posts", "response",
)  # fmt: skip
MAX_WRAPPING = 1  # objects around the wrapping object that hold the list


def _json_elements(text: str) -> list[tuple[str, str, object]]:
    """(place, exact text, value) of each element of the JSON list in `text`, or of the list of
    articles an object wraps; a document that is neither is its one element, `text` itself."""
    decoder = json.JSONDecoder()
    try:
        index = _after_space(text, 0)
        if text.startswith("[", index):
            elements, end = _list_at(text, index, decoder)
            if end < len(text):
                raise json.JSONDecodeError("Extra data", text, end)
            return [(f"[{i}]", raw, value) for i, (raw, value) in enumerate(elements)]
        document = json.loads(text)
        path = _wrapper_path(document)
        if not path:
            return [("", text, document)]
        for name in path:
            index = _member_start(text, index, name, decoder)
        elements, _ = _list_at(text, index, decoder)
        place = "".join(f".{name}" for name in path)
        return [(f"{place}[{i}]", raw, value) for i, (raw, value) in enumerate(elements)]
    except json.JSONDecodeError as error:
        raise NotAnArticle(f"not valid JSON ({error})") from None


def _list_at(
    text: str, index: int, decoder: json.JSONDecoder
) -> tuple[list[tuple[str, object]], int]:
    """The elements of the list that starts at `index`, each with its exact text, and the index
    after the list and the space that follows it."""
    elements = []
    index = _after_space(text, index + 1)
    while not text.startswith("]", index):
        value, end = decoder.raw_decode(text, index)
        elements.append((text[index:end], value))
        index = _after_space(text, end)
        if text.startswith(",", index):
            index = _after_space(text, index + 1)
        elif not text.startswith("]", index):
            raise json.JSONDecodeError("Expecting ',' delimiter", text, index)
    return elements, _after_space(text, index + 1)


def _wrapper_path(document: object, depth: int = 0) -> list[str]:
    """The names that lead to the list of articles an object wraps: `["articles"]`, or
    `["articles", "results"]` where an API nests the list in an object of its own (Event
    Registry); empty when it wraps none."""
    if not isinstance(document, dict) or "headline" in document:
        return []  # an article itself
    if "title" in document and _record_body(document) is not None:
        return []  # an article too; a title without a text names a list (JSON Feed's items)
    if name := next((name for name in WRAPPER_KEYS if isinstance(document.get(name), list)), None):
        return [name]
    for name in WRAPPER_KEYS if depth < MAX_WRAPPING else ():
        if inner := _wrapper_path(document.get(name), depth + 1):
            return [name, *inner]
    return []


def _member_start(text: str, index: int, wanted: str, decoder: json.JSONDecoder) -> int:
    """Where the value of the object's member `wanted` starts (the last, if named twice, as
    `json.loads` reads it), in the valid JSON object that starts at `index`."""
    start = -1
    index = _after_space(text, index + 1)
    while not text.startswith("}", index):
        name, index = decoder.raw_decode(text, index)
        index = _after_space(text, _after_space(text, index) + 1)  # past the colon
        if name == wanted:
            start = index
        _, index = decoder.raw_decode(text, index)
        index = _after_space(text, index)
        if text.startswith(",", index):
            index = _after_space(text, index + 1)
    return start


def _after_space(text: str, index: int) -> int:
    """The first index from `index` on that holds no space JSON allows between values."""
    match = JSON_SPACE.match(text, index)
    assert match is not None  # the pattern matches the empty string as well
    return match.end()


def _from_record(
    record: object, raw: str, source: str, key: str | None, options: Options
) -> Parsed | InputResult:
    """One JSON object as an article, or why it is not one."""
    record = _with_api_fields(record)
    problem = _record_problem(record)
    if problem:
        return InputResult(source, "failed", reason=problem)
    assert isinstance(record, dict)
    if not isinstance(record.get("headline"), str):
        try:
            return _parse_title_and_body(record, raw, source, key, options)
        except NotAnArticle as error:
            return InputResult(source, "failed", reason=str(error))
    article = Article(
        headline=record["headline"],
        deck=record.get("deck"),
        byline=record.get("byline"),
        agencies=list(record.get("agencies") or []),
        dateline=record.get("dateline"),
        published=record.get("published"),
        published_raw=record.get("published_raw"),
        body=record["body"],
        word_count=record.get("word_count") or word_count(record["body"]),
    )
    if article.published is None or not STORED_DATE.match(article.published):
        # written by hand or by another tool: "March 3, 2024", or a time under another name
        article.published = None
        _add_stated_fields(article, record, options.dayfirst, read_writers=article.byline is None)
        if article.published is not None and record.get("published_raw"):
            article.published_raw = record["published_raw"]
    elif article.byline is None:
        _add_stated_fields(article, record, options.dayfirst, read_time=False)
    provenance = Provenance(
        original=record.get("original") or raw,
        encoding=record.get("encoding") or RECORD_ENCODING,
        content_hash=record.get("content_hash") or content_hash(clean_text(raw)),
        source_path=record.get("source_path") or key or source,
        outlet=record.get("outlet") or options.outlet,
        ingested_at=record.get("ingested_at") or _now(),
    )
    return Parsed(source, key, article, provenance, article_id=record.get("id"))


def _with_api_fields(record: object) -> object:
    """An object of the Guardian's Content API (`webTitle`, `webPublicationDate`, and the
    `fields` asked for: `bodyText` or `body` as HTML, `byline`, `trailText`) with its fields
    under the names other objects give them; any other value as it is."""
    if not isinstance(record, dict) or not isinstance(record.get("webTitle"), str):
        return record
    stated = record.get("fields")
    fields: dict[str, Any] = stated if isinstance(stated, dict) else {}
    text = fields.get("bodyText")
    if not isinstance(text, str) and isinstance(fields.get("body"), str):
        text = exports.html_text(fields["body"])
    summary = fields.get("standfirst") or fields.get("trailText")
    readable = {
        "title": fields.get("headline") if isinstance(fields.get("headline"), str) else None,
        "text": text,
        "published": record.get("webPublicationDate"),
        "byline": fields.get("byline"),
        "description": exports.html_text(summary) if isinstance(summary, str) else None,
        "source": fields.get("publication") or GUARDIAN,
    }
    readable["title"] = readable["title"] or record["webTitle"]
    return {name: value for name, value in readable.items() if value is not None}


def _record_problem(record: object) -> str | None:
    """Why a JSON value cannot be stored as an article (None when it can)."""
    if not isinstance(record, dict):
        return "not an article: a JSON object is needed"
    if isinstance(record.get("headline"), str):
        whole = isinstance(record.get("body"), str)
        if whole and not record["headline"].strip():
            return "not an article: its headline is empty"
    else:
        whole = _record_title(record) is not None and _record_text(record) is not None
    if not whole:
        return (
            "not an article: an object with a title (or headline) and a body"
            f" ({', '.join(TEXT_KEYS)}) or a summary ({', '.join(DECK_KEYS)}) is needed"
        )
    restored = isinstance(record.get("headline"), str)
    present = [
        name
        for name in RECORD_FIELDS
        if record.get(name) is not None and (restored or name not in RESTORED_ONLY)
    ]
    wrong = [name for name in present if not RECORD_FIELDS[name](record[name])]
    return f"not an article record: wrong value for {', '.join(wrong)}" if wrong else None


def _is_text(value: object) -> bool:
    """A string SQLite can store: JSON escapes can make lone surrogates, which UTF-8 cannot hold."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_count(value: object) -> bool:
    return isinstance(value, int) and 0 <= value <= LARGEST_INTEGER


# A date as newsarc stores it: ISO 8601 at the precision the text gave ("2024", "2024-03-14",
# "2024-03-14T09:12:00+09:00").
STORED_DATE = re.compile(
    r"\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$"
)
# The fields a JSON article may have (records of `newsarc export`, or objects with title, body
# and source), each with the test its value must pass when it is not null.
# Fields read only from a record of `newsarc export`: another object's `id` (a dataset's row
# number, the Guardian's "world/2024/…") is its own business.
RESTORED_ONLY = frozenset({
    "id", "word_count", "agencies", "original", "encoding", "content_hash", "source_path",
    "ingested_at",
})  # fmt: skip
RECORD_FIELDS: dict[str, Callable[[object], bool]] = {
    **dict.fromkeys(
        [
            "title",
            "body",
            "deck",
            "dateline",
            "published",
            "published_raw",
            "original",
            "encoding",
            "content_hash",
            "source_path",
            "outlet",
            "ingested_at",
        ],
        _is_text,
    ),
    "source": lambda site: _is_text(_site_name(site)),
    "headline": lambda headline: _is_text(_headline_text(headline)),
    "byline": lambda byline: _is_text(_original_byline(byline)),
    "agencies": lambda names: isinstance(names, list) and all(map(_is_text, names)),
    "id": lambda number: _is_count(number) and number != 0,
    "word_count": _is_count,
}


# Where scrapers and news APIs put a story's text, its publication time and its writers
# (newspaper3k, trafilatura, news-please, NewsAPI and the New York Times' Article Search among
# them), best first. A bare "date" comes last, and only as a day: trafilatura gives the day of
# publication so, where crawls give the clock time of the fetch ("2026-02-15T12:46:06.591156").
BODY_KEYS = ("body", "text", "maintext", "content", "article", "lead_paragraph", "content_text")
HTML_BODY_KEY = "content_html"  # JSON Feed's text as HTML, read when no other text is given
TEXT_KEYS = (*BODY_KEYS, HTML_BODY_KEY)  # every name a text goes by
TITLE_KEYS = ("title", "headline")  # a table's column of titles, as standard input is told one
PUBLISHED_KEYS = (
    "published", "publish_date", "published_at", "publishedAt", "date_publish", "datePublished",
    "pubDate", "dateTimePub", "pub_date", "date_published", "date",
)  # fmt: skip
DAY_KEY = "date"
# A time to the fraction of a second: a machine's clock read as it fetched the page, which
# crawls give under `date` (`2026-02-15T12:46:06.591156`), not a time of publication.
CLOCK_READING = re.compile(r"\d:\d\d:\d\d[.,]\d")
AUTHOR_KEYS = ("byline", "author", "authors")
DECK_KEYS = ("deck", "description", "short_description", "subtitle", "summary", "abstract")
GUARDIAN = "The Guardian"  # the Content API's paper, unless its `publication` field says else
# Where the site or paper is named: scrapers' and NewsAPI's `source`, datasets' `publication`
# (All the News), Media Cloud's `media_name`, JSON-LD's `publisher`; else its domain, as
# news-please gives it (`source_domain`).
SITE_KEYS = ("source", "publication", "publisher", "site_name", "media_name", "source_domain")
# The columns of a table ingest reads, matched whatever their case.
TABLE_COLUMNS = (
    *RECORD_FIELDS, *TEXT_KEYS, *PUBLISHED_KEYS, *AUTHOR_KEYS, *DECK_KEYS, *SITE_KEYS,
    *RECORD_ID_KEYS,
)  # fmt: skip
BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
# Where a news API cut a story short for its free plan: "… [+2345 chars]" (NewsAPI).
TRUNCATION_MARK = re.compile(r"\s*\[\+\d+ chars\]$")


def _parse_title_and_body(
    record: dict[str, Any],
    raw: str,
    source: str,
    key: str | None,
    options: Options,
    encoding: str = TITLE_BODY_ENCODING,
    *,
    printed_byline_first: bool = False,
) -> Parsed:
    """An object with title and body (and source, its site): the object's text (or the page it
    was read from) is its original. The writers it states replace the byline its text prints,
    unless `printed_byline_first`."""
    parsed = _parse_text(_title_and_body(record), raw, encoding, source, key, options)
    read_writers = not printed_byline_first or parsed.article.byline is None
    _add_stated_fields(parsed.article, record, options.dayfirst, read_writers=read_writers)
    if parsed.article.deck is None:
        parsed.article.deck = _stated_deck(record, parsed.article.body)
    site_name = _record_site(record)
    parsed.provenance.outlet = options.outlet or site_name
    if site_name and parsed.article.byline == site_name:  # NewsAPI's author is often the site
        parsed.article.byline = None
    return parsed


def _record_site(record: dict[str, Any]) -> str | None:
    """The name of the site or paper an object names (the first of SITE_KEYS it holds)."""
    return next(filter(None, (_site_name(record.get(name)) for name in SITE_KEYS)), None)


def _site_name(site: object) -> str | None:
    """The name of an object's site: its source as text, or as an object that names it,
    {"name": …} (NewsAPI) or {"title": …} (Event Registry)."""
    if isinstance(site, dict):
        site = site.get("name") if site.get("name") is not None else site.get("title")
    return site if isinstance(site, str) else None


def _stated_deck(record: dict[str, Any], body: str) -> str | None:
    """The summary an object states, unless the body opens with it (NewsAPI's description is
    often the lead)."""
    for name in DECK_KEYS:
        value = record.get(name)
        if isinstance(value, str) and (deck := " ".join(clean_text(value).split())):
            opening = " ".join(body[: len(deck) + 20].split())
            return None if opening.startswith(deck.rstrip(".…")) else deck
    return None


def _title_and_body(record: dict[str, Any]) -> str:
    """The text to normalize: the title over the body (front matter may state no title, and
    the body's first line is then the headline)."""
    title = _record_title(record)
    return f"{title}\n\n{_record_text(record)}" if title else _record_text(record) or ""


def _original_byline(byline: object) -> object:
    """A byline as text, or as the New York Times gives it: {"original": "By Jane Smith", …}."""
    return byline.get("original") if isinstance(byline, dict) else byline


def _record_title(record: dict[str, Any]) -> str | None:
    """The title an object states, without the site's name NewsAPI puts after it ("Oil steady
    as markets eye Fed - Reuters")."""
    title = record.get("title")
    if not isinstance(title, str):
        return _headline_text(record.get("headline"))
    site = _record_site(record)
    for separator in (" - ", " | ") if site else ():
        head, _, tail = title.rpartition(separator)
        if head.strip() and _site_words(tail) == _site_words(site or ""):
            return head
    return title


def _site_words(name: str) -> str:
    """A site's name as titles print it, or not: "The New York Times" is "New York Times"."""
    name = name.strip().casefold()
    return name.removeprefix("the ") if name.startswith("the ") else name


def _headline_text(headline: object) -> str | None:
    """A headline as text, or as the New York Times gives it: {"main": …, "kicker": …}."""
    if isinstance(headline, dict):
        headline = headline.get("main")
    return headline if isinstance(headline, str) else None


def _record_text(record: dict[str, Any]) -> str | None:
    """The body an object states, else its summary: news datasets of headlines give a
    description alone (HuffPost's `short_description`), as feeds and NewsAPI often do."""
    body = _record_body(record)
    if body is not None and body.strip():
        return body
    summaries = (record.get(name) for name in DECK_KEYS)
    return next((value for value in summaries if isinstance(value, str) and value.strip()), body)


def _record_body(record: dict[str, Any]) -> str | None:
    body = next((value for name in BODY_KEYS if isinstance(value := record.get(name), str)), None)
    if body is None and isinstance(markup := record.get(HTML_BODY_KEY), str):
        body = exports.html_text(markup)
    return TRUNCATION_MARK.sub("", body) if body and body.endswith("]") else body


def _add_stated_fields(
    article: Article,
    record: dict[str, Any],
    dayfirst: bool | None,
    *,
    read_time: bool = True,
    read_writers: bool = True,
) -> None:
    """The publication time and the writers an object states, over what its text gave; but
    a bare `date`, which may be anything, gives a time only where the text gives none, or
    gives its day alone."""
    for name in PUBLISHED_KEYS if read_time else ():
        value = record.get(name)
        if not isinstance(value, str):
            continue
        time = parse_published(value, dayfirst=dayfirst)
        if time and name == DAY_KEY and "T" in time:
            printed = article.published
            if CLOCK_READING.search(value) or (printed and not time.startswith(printed)):
                break
        if time:
            article.published, article.published_raw = time, value
            break
    for name in AUTHOR_KEYS if read_writers else ():
        value = record.get(name)
        if isinstance(value, dict):
            original = _original_byline(value)
            value = (BY.sub("", original) or None) if isinstance(original, str) else None
        names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        # writers as text, or as objects that name them: [{"name": "Jane Smith"}]
        names = [one.get("name") if isinstance(one, dict) else one for one in names]
        if writers := [one.strip() for one in names if isinstance(one, str) and one.strip()]:
            writers = _agencies_apart(writers, article.agencies)
            if not writers:  # an agency alone
                article.byline = None
                break
            article.byline, place = writer_and_place(", ".join(writers))
            article.dateline = article.dateline or place
            break


def _agencies_apart(writers: list[str], agencies: list[str]) -> list[str]:
    """The writers, an agency named as one ("Associated Press") or after one ("Carla K.
    Johnson, AP", as datasets credit wire copy) moved to `agencies`."""
    people = []
    for writer in writers:
        name, comma, last = writer.rpartition(",")
        if writer in AGENCY_BY_SPELLING:
            agency, person = AGENCY_BY_SPELLING[writer], None
        elif comma and last.strip() in AGENCY_BY_SPELLING:
            agency, person = AGENCY_BY_SPELLING[last.strip()], name.strip()
        else:
            agency, person = None, writer
        if agency and agency not in agencies:
            agencies.append(agency)
        if person:
            people.append(person)
    return people


def _save(archive: Archive, parsed: Parsed) -> InputResult:
    """Insert, update or fold one article; the article and its source row go in together."""
    provenance = parsed.provenance
    dated = parsed.article.published is not None
    state = parsed.state
    if parsed.key and not parsed.state_checked:
        state = archive.source_state(parsed.key)
    if state and state.content_hash == provenance.content_hash:
        status, article_id = "unchanged", state.article_id
    elif state:
        existing = archive.article_id_for_hash(provenance.content_hash)
        if existing is None:
            status, article_id = "updated", state.article_id
            archive.update(article_id, parsed.article, provenance)
        else:
            status, article_id = "duplicate", existing
    else:
        inserted = archive.insert(parsed.article, provenance, parsed.article_id)
        if inserted is None:
            existing = archive.article_id_for_hash(provenance.content_hash)
            assert existing is not None
            status, article_id = "duplicate", existing
        else:
            status, article_id = "new", inserted
    if parsed.key:
        archive.remember_source(
            parsed.key, article_id, parsed.size, parsed.mtime_ns, provenance.content_hash
        )
    return InputResult(parsed.source, status, article_id, dated=dated)


def clusters_enabled(archive: Archive, wanted: bool | None = None) -> bool:
    """Whether ingests fingerprint articles for clusters; `wanted` changes it for later runs."""
    if wanted is not None:
        with archive.transaction():
            archive.set_setting("clusters", "on" if wanted else "off")
    return archive.settings().get("clusters", "on") == "on"


def cluster(archive: Archive, fresh: list[tuple[int, Fingerprint, bool]]) -> None:
    """Join new and changed articles (id, fingerprint, changed) to their near-duplicate clusters."""
    if not fresh:
        return
    changed = {
        article_id: band_keys(old)
        for article_id, _, was_stored in fresh
        if was_stored and (old := archive.signature(article_id)) is not None
    }
    if changed:
        archive.forget_fingerprints(changed)
    candidates = archive.add_fingerprints(
        [(i, print_.signature, print_.keys) for i, print_, _ in fresh]
    )
    # Only articles that share a key with another can join a cluster.
    involved = set(candidates).union(*candidates.values())
    settings = archive.settings()
    renames = link(
        sorted(candidates),
        candidates,
        archive.cluster_members(involved),
        threshold=float(settings["similarity"]),
        window_days=int(settings["window_days"]),
    )
    archive.rename_clusters(renames)


def _now() -> str:
    return _iso_second(int(time.time()))


@lru_cache(maxsize=1)
def _iso_second(second: int) -> str:
    """A second since the epoch in ISO 8601, made once for all the articles read within it
    (5.6 us each, once an article)."""
    return datetime.fromtimestamp(second, UTC).isoformat(timespec="seconds")


def reindex(
    archive: Archive,
    *,
    dayfirst: bool | None = None,
    settings: dict[str, str] | None = None,
    on_step: Callable[[str, int], Callable[[int], None]] | None = None,
) -> ReindexReport:
    """Re-read every stored original with the current normalizer, keeping ids and provenance,
    then rebuild the near-duplicate clusters (with `settings` changed first, if given).
    `on_step` is told of each step (its name and how many articles) and returns what to call
    with the number of articles done as they are.

    All changes land in one transaction: a failure midway leaves the archive as it was.
    """
    report = ReindexReport()
    ids = archive.ids()
    with archive.transaction():
        for name, value in (settings or {}).items():
            archive.set_setting(name, value)
        advance = on_step("re-read", len(ids)) if on_step else _nothing
        for article_id in ids:
            advance(1)
            original, encoding = archive.original_with_encoding(article_id)
            report.checked += 1
            if encoding == RECORD_ENCODING:
                continue
            try:
                fresh = _reread(original, encoding, dayfirst)
            except NotAnArticle as problem:
                report.failures.append((article_id, str(problem)))
                continue
            stored = archive.get(article_id)
            changed = [
                name for name in ARTICLE_COLUMNS if getattr(stored, name) != getattr(fresh, name)
            ]
            if changed:
                archive.update(article_id, fresh, None)
                report.changed += 1
                for name in changed:
                    report.fields[name] = report.fields.get(name, 0) + 1
        archive.forget_all_fingerprints()
        if clusters_enabled(archive):
            advance = on_step("clusters", len(ids)) if on_step else _nothing
            for start in range(0, len(ids), WINDOW):
                ids_and_bodies = archive.bodies(ids[start : start + WINDOW])
                prints = fingerprints([body for _, body in ids_and_bodies])
                cluster(
                    archive,
                    [
                        (article_id, print_, False)
                        for (article_id, _), print_ in zip(ids_and_bodies, prints, strict=True)
                        if print_ is not None
                    ],
                )
                advance(len(ids_and_bodies))
        report.clusters = archive.cluster_total()
    return report


def _nothing(count: int) -> None:
    pass


def _reread(original: str, encoding: str, dayfirst: bool | None) -> Article:
    """A stored original read again by the current normalizer."""
    if encoding in exports.FORMATS:  # read as ingest reads it, so that nothing changes
        return _parse_piece(encoding, original, "", None, Options(dayfirst=dayfirst)).article
    if encoding == TITLE_BODY_ENCODING:
        record = _with_api_fields(json.loads(original))
        assert isinstance(record, dict)  # stored from one
        return _parse_title_and_body(record, original, "", None, Options(dayfirst=dayfirst)).article
    if encoding == PAGE_ENCODING:
        return _parse_page(original, "", None, Options(dayfirst=dayfirst)).article
    if encoding == FRONT_MATTER_ENCODING and (record := frontmatter.read(original)):
        options = Options(dayfirst=dayfirst)
        return _parse_title_and_body(record, original, "", None, options, encoding).article
    return normalize_cleaned(clean_text(original), dayfirst=dayfirst)


def count_inputs(paths: Iterable[str], patterns: Iterable[str]) -> int:
    """How many inputs `discover` will yield, without reading any (for a progress bar)."""
    return sum(1 for _ in discover(paths, patterns))
