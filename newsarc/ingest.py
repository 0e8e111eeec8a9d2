"""Walk inputs, read and decode them, normalize, and save into the archive.

The core never prints: it reports each input through a callback and returns the totals.
"""

from __future__ import annotations

import codecs
import fnmatch
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime

from newsarc.errors import NotAnArticle
from newsarc.models import Article, IngestReport, InputResult, ReindexReport
from newsarc.normalize import clean_text, normalize
from newsarc.store import Archive, Provenance

STDIN = "-"
STDIN_NAME = "<stdin>"
DEFAULT_GLOB = "*.txt"
MAX_FILE_BYTES = 50 * 1024 * 1024
COMMIT_EVERY = 500
# The encoding recorded for an article restored from an exported record without its original:
# its stored original is the record itself, which reindex leaves alone.
RECORD_ENCODING = "json"

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes 0x80-0x9F are C1 controls in Latin-1 but curly quotes, dashes and the euro sign in
# Windows-1252: text that uses them was written on Windows.
WINDOWS_1252_ONLY = bytes(range(0x80, 0xA0))
ARTICLE_FIELDS = tuple(f.name for f in fields(Article))


@dataclass
class Options:
    """Settings for one ingest run."""

    glob: str = DEFAULT_GLOB
    outlet: str | None = None
    dayfirst: bool | None = None
    max_bytes: int = MAX_FILE_BYTES


@dataclass
class Input:
    """One file (or standard input) to read; `problem` says why it cannot be read."""

    path: str
    problem: str | None = None


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
    if b"\x00" in data:
        raise NotAnArticle("binary file (NUL bytes), not text")
    text, encoding = _decode_without_bom(data)
    controls = sum(1 for char in text if char < " " and char not in "\t\n\r\f")
    if controls > len(text) // 100:
        raise NotAnArticle("binary file (control characters), not text")
    return text, encoding


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


def content_hash(cleaned: str) -> str:
    """Identity of an article's text: the same text in another file or encoding is a duplicate."""
    return hashlib.blake2b(cleaned.encode("utf-8"), digest_size=16).hexdigest()


def discover(paths: Iterable[str], pattern: str) -> Iterator[Input]:
    """Expand files and folders (recursively, names matching `pattern`) into inputs."""
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
            yield from _walk(path, pattern)
        elif stat.S_ISREG(info.st_mode):
            yield Input(path)
        else:
            yield Input(path, "not a regular file (device, FIFO or socket)")


def _walk(folder: str, pattern: str) -> Iterator[Input]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        dirs.sort()
        for name in sorted(files):
            if fnmatch.fnmatch(name, pattern):
                path = os.path.join(root, name)
                yield Input(path) if os.path.isfile(path) else Input(path, "not a regular file")
    for error in errors:
        yield Input(str(error.filename), f"cannot read folder: {error.strerror}")


def ingest(
    archive: Archive,
    paths: Iterable[str],
    options: Options,
    *,
    read_stdin: Callable[[], bytes] | None = None,
    on_result: Callable[[InputResult], None] | None = None,
    on_input: Callable[[], None] | None = None,
) -> IngestReport:
    """Store every article found in `paths`; Ctrl-C keeps what was stored and marks the report."""
    report = IngestReport()
    pending = 0

    def record(result: InputResult) -> None:
        report.add(result)
        if on_result:
            on_result(result)

    try:
        for item in discover(paths, options.glob):
            for result in _ingest_one(archive, item, options, read_stdin):
                record(result)
                pending += 1
            if on_input:
                on_input()
            if pending >= COMMIT_EVERY:
                archive.commit()
                pending = 0
    except KeyboardInterrupt:
        report.interrupted = True
    archive.commit()
    return report


def _ingest_one(
    archive: Archive, item: Input, options: Options, read_stdin: Callable[[], bytes] | None
) -> Iterator[InputResult]:
    source = STDIN_NAME if item.path == STDIN else item.path
    if item.problem:
        yield InputResult(source, "failed", reason=item.problem)
        return
    try:
        if item.path == STDIN:
            if read_stdin is None:
                raise NotAnArticle("standard input is not available")
            parsed: Iterable[Parsed] = [_parse_bytes(read_stdin(), STDIN_NAME, None, options)]
        else:
            info = os.stat(item.path)
            key = os.path.abspath(item.path)
            state = archive.source_state(key)
            if state and (state.size, state.mtime_ns) == (info.st_size, info.st_mtime_ns):
                yield InputResult(source, "unchanged", state.article_id)
                return
            parsed = _parse_file(item.path, key, info, options)
        for one in parsed:
            yield _save(archive, one)
    except NotAnArticle as problem:
        yield InputResult(source, "failed", reason=str(problem))
    except OSError as error:
        yield InputResult(source, "failed", reason=error.strerror or str(error))


def _parse_file(path: str, key: str, info: os.stat_result, options: Options) -> Iterable[Parsed]:
    if info.st_size > options.max_bytes:
        raise NotAnArticle(
            f"file too large ({info.st_size:,} bytes; the limit is {options.max_bytes:,}, "
            "change it with --max-size)"
        )
    with open(path, "rb") as handle:
        data = handle.read()
    if path.endswith(".jsonl"):
        return _parse_jsonl(data, path, key, options)
    parsed = _parse_bytes(data, path, key, options)
    parsed.size, parsed.mtime_ns = info.st_size, info.st_mtime_ns
    return [parsed]


def _parse_bytes(data: bytes, source: str, key: str | None, options: Options) -> Parsed:
    if not data:
        raise NotAnArticle("empty file")
    text, encoding = decode(data)
    cleaned = clean_text(text)
    if not cleaned.strip():
        raise NotAnArticle("blank file: only white space")
    article = normalize(cleaned, dayfirst=options.dayfirst)
    provenance = Provenance(
        original=text,
        encoding=encoding,
        content_hash=content_hash(cleaned),
        source_path=key or source,
        outlet=options.outlet,
        ingested_at=_now(),
    )
    return Parsed(source, key, article, provenance)


def _parse_jsonl(data: bytes, path: str, key: str, options: Options) -> Iterator[Parsed]:
    """One article a line: records of `newsarc export --jsonl`, or objects with title and body."""
    text, _ = decode(data)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            record = json.loads(line)
            if "headline" not in record:
                yield _parse_title_and_body(record, source, f"{key}:{number}", options)
                continue
            article = Article(
                headline=record["headline"],
                deck=record.get("deck"),
                byline=record.get("byline"),
                agencies=list(record.get("agencies") or []),
                dateline=record.get("dateline"),
                published=record.get("published"),
                published_raw=record.get("published_raw"),
                body=record["body"],
                word_count=int(record.get("word_count") or len(record["body"].split())),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise NotAnArticle(f"line {number}: not an article record ({error})") from None
        provenance = Provenance(
            original=record.get("original") or line,
            encoding=record.get("encoding") or RECORD_ENCODING,
            content_hash=record.get("content_hash") or content_hash(clean_text(line)),
            source_path=record.get("source_path") or source,
            outlet=record.get("outlet") or options.outlet,
            ingested_at=record.get("ingested_at") or _now(),
        )
        yield Parsed(source, f"{key}:{number}", article, provenance, article_id=record.get("id"))


def _parse_title_and_body(
    record: dict[str, str], source: str, key: str, options: Options
) -> Parsed:
    text = f"{record['title']}\n\n{record['body']}"
    parsed = _parse_bytes(text.encode("utf-8"), source, key, options)
    parsed.provenance.outlet = options.outlet or record.get("source")
    return parsed


def _save(archive: Archive, parsed: Parsed) -> InputResult:
    """Insert, update or fold one article; the article and its source row go in together."""
    provenance = parsed.provenance
    dated = parsed.article.published is not None
    state = archive.source_state(parsed.key) if parsed.key else None
    if state and state.content_hash == provenance.content_hash:
        status, article_id = "unchanged", state.article_id
    elif (existing := archive.article_id_for_hash(provenance.content_hash)) is not None:
        status, article_id = "duplicate", existing
    elif state:
        status, article_id = "updated", state.article_id
        archive.update(article_id, parsed.article, provenance)
    else:
        status = "new"
        article_id = archive.insert(parsed.article, provenance, parsed.article_id)
    if parsed.key:
        archive.remember_source(
            parsed.key, article_id, parsed.size, parsed.mtime_ns, provenance.content_hash
        )
    return InputResult(parsed.source, status, article_id, dated=dated)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def reindex(
    archive: Archive,
    *,
    dayfirst: bool | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> ReindexReport:
    """Re-read every stored original with the current normalizer, keeping ids and provenance.

    All changes land in one transaction: a failure midway leaves the archive as it was.
    """
    report = ReindexReport()
    ids = archive.ids()
    try:
        for done, article_id in enumerate(ids, start=1):
            original, encoding = archive.original_with_encoding(article_id)
            report.checked += 1
            if on_progress:
                on_progress(done, len(ids))
            if encoding == RECORD_ENCODING:
                continue
            try:
                fresh = normalize(clean_text(original), dayfirst=dayfirst)
            except NotAnArticle as problem:
                report.failures.append((article_id, str(problem)))
                continue
            stored = archive.get(article_id)
            changed = [
                name for name in ARTICLE_FIELDS if getattr(stored, name) != getattr(fresh, name)
            ]
            if changed:
                archive.update(article_id, fresh, None)
                report.changed += 1
                for name in changed:
                    report.fields[name] = report.fields.get(name, 0) + 1
    except BaseException:
        archive.rollback()
        raise
    archive.commit()
    return report


def count_inputs(paths: Iterable[str], pattern: str) -> int:
    """How many inputs `discover` will yield, without reading any (for a progress bar)."""
    return sum(1 for _ in discover(paths, pattern))
