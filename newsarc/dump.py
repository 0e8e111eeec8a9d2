"""Articles as JSON records that SQLite builds, a range of ids at a time, on several connections.

Apart from the store, which needs the record classes, so that a plain export of the whole
archive (newsarc.fast) runs without importing them or the command line: that import took a
tenth of a 100k export.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from newsarc.engine import sqlite3
from newsarc.sql import CLUSTER_ID, CLUSTER_SIZE, Query

# The export record, built by SQLite itself (several times faster than json.dumps per row).
RECORD_JSON = """json_object(
    'id', a.id, 'headline', a.headline, 'deck', a.deck, 'byline', a.byline,
    'agencies', json(a.agencies), 'dateline', a.dateline, 'published', a.published,
    'published_raw', a.published_raw, 'body', a.body, 'word_count', a.word_count,
    'outlet', a.outlet, 'source_path', a.source_path, 'content_hash', a.content_hash,
    'ingested_at', a.ingested_at, 'cluster_id', {cluster_id}, 'cluster_size', {cluster_size}{extra})"""
WITH_ORIGINAL = ", 'original', a.original, 'encoding', a.encoding"
RANGE = 2000  # ids an export handles at once
# Each bound alone reads one end of the table; min(id) and max(id) in one query read all of it.
ID_RANGE = "SELECT (SELECT min(id) FROM articles), (SELECT max(id) FROM articles)"
# Connections that build an export's chunks at once, while the caller writes: 100k rows into a
# new file took 1.41-2.41 s with one and 1.07-1.45 s with two (three alternating runs, 2 cores).
THREADS = 2


def record_json(*, with_original: bool = False) -> str:
    """The SQL expression of an article's record as a JSON object."""
    extra = WITH_ORIGINAL if with_original else ""
    return RECORD_JSON.format(cluster_id=CLUSTER_ID, cluster_size=CLUSTER_SIZE, extra=extra)


def json_chunks(
    db: sqlite3.Connection,
    reader: Callable[[], sqlite3.Connection],
    query: Query,
    *,
    separator: bytes = b"\n",
    with_original: bool = False,
) -> Iterator[bytes]:
    """The records of the articles a query without a full-text match selects, in id order:
    each chunk is the UTF-8 objects of RANGE ids joined by `separator` (objects themselves hold
    no line break).

    SQLite joins each range's objects, so Python handles a chunk, not a row, at a time, and
    THREADS connections made by `reader` build chunks at once while the caller writes them.
    Chunks stay bytes, as SQLite stores them: decoding them to text, under Python's lock, only
    to encode them again for the file doubled the copies of every byte.
    """
    low, high = db.execute(ID_RANGE).fetchone()
    if low is None:
        return
    lines = query.sql(
        f"{record_json(with_original=with_original)} AS line",
        also="a.id >= :low AND a.id < :high",
    )
    joined = f"SELECT CAST(group_concat(line, :separator) AS BLOB) FROM ({lines})"
    ranges = (
        query.params | {"low": start, "high": start + RANGE, "separator": separator.decode()}
        for start in range(low, high + 1, RANGE)
    )
    for chunk in _in_parallel(reader, joined, ranges):
        if chunk:
            yield chunk


def _in_parallel(
    reader: Callable[[], sqlite3.Connection], sql: str, params: Iterable[dict[str, object]]
) -> Iterator[bytes | None]:
    """The one value `sql` gives for each of `params`, in order, computed by THREADS
    connections at once (SQLite runs without holding Python's lock), at most as many again
    ahead of the caller."""
    from concurrent.futures import Future, ThreadPoolExecutor

    local = threading.local()
    opened: list[sqlite3.Connection] = []

    def first_value(values: dict[str, object]) -> bytes | None:
        if not hasattr(local, "db"):
            local.db = reader()
            opened.append(local.db)
        value: bytes | None = local.db.execute(sql, values).fetchone()[0]
        return value

    try:
        with ThreadPoolExecutor(THREADS) as pool:
            ahead: deque[Future[bytes | None]] = deque()
            for values in params:
                ahead.append(pool.submit(first_value, values))
                if len(ahead) > THREADS:
                    yield ahead.popleft().result()
            while ahead:
                yield ahead.popleft().result()
    finally:
        for db in opened:
            db.close()
