"""The archive: opening, writing and reading it. Its SQL lives here and, for the statements
the piped search shares, in newsarc.sql.

Reads use sqlite3 alone (newsarc.engine), so a search does not pay for importing
sqlite-utils; sqlite-utils runs the migrations when an archive is created or upgraded.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import TYPE_CHECKING

from newsarc import dump
from newsarc.engine import sqlite3
from newsarc.errors import ArchiveError, NotFound, QueryError
from newsarc.flusher import WalFlusher
from newsarc.lsh import FILTER_KEYS_AT_ONCE, KeyFilter, RecentKeys, distinct_keys, pack_keys
from newsarc.models import (
    ArchiveStats,
    Article,
    ClusterCopy,
    ClusterMember,
    ClusterSummary,
    SearchHit,
    StoredArticle,
    pickled_as_values,
)
from newsarc.sql import (
    APPLIED_STEPS,
    ARTICLES,
    CLUSTER_ID,
    CLUSTER_SIZE,
    FTS_COLUMNS,
    MIGRATION_SET,
    RANK,
    RECORD_COLUMNS,
    SCHEMA_STEPS,
    SNIPPET,
    SORTS,
    Query,
    read_only_uri,
)

if TYPE_CHECKING:
    import numpy as np

DEFAULT_LOCK_TIMEOUT = 30.0  # seconds to wait for another writer before giving up
PAGE_SIZE = 16384
WRITE_CACHE_KIB = 65536
CHECKPOINT_PAGES = 8192

RECORD_SQL = ", ".join(
    {"cluster_id": CLUSTER_ID, "cluster_size": CLUSTER_SIZE}.get(name, f"a.{name}")
    for name in RECORD_COLUMNS
)


INSERT_TRIGGER = "articles_ai"  # the name sqlite-utils gives the trigger that indexes new rows
CANDIDATES_PER_KEY = 4
SOURCE_STATE = "article_id, size, mtime_ns, content_hash"  # the columns of a SourceState
# New LSH keys go to lsh_recent first (one row per article, looked up in memory), merged in key
# order into lsh_keys once they number RECENT_MIN_KEYS or a RECENT_SHARE of lsh_keys' rows,
# whichever is more: a window's keys inserted at random places in one large table would rewrite
# most of its pages every window, making a long ingest slower than linear. RECENT_MAX_KEYS
# bounds the memory they take (16 bytes a key) however large the archive grows.
RECENT_MIN_KEYS = 250_000
RECENT_SHARE = 0.25
RECENT_MAX_KEYS = 2_000_000
PAIRS_PER_INSERT = 100  # LSH key pairs merged into lsh_keys by one statement
# Keys to look up in lsh_keys pass a KeyFilter of its keys first. The filter is made, reading
# every row, once a connection has looked up KEYS_PER_FILTER_ROW keys for each row the table
# holds, then takes the keys merged: reading a row costs 0.4-0.6 us, looking a key up 0.5 us in
# a 100k-article archive and 2 us in one of a million, so a small ingest into a large archive
# never reads the whole table.
KEYS_PER_FILTER_ROW = 0.5
# The most frequent agencies, datelines and outlets, read in one pass over the articles (whose
# rows hold whole texts): three passes took 0.55 s for 100k articles in memory, this 0.24 s.
TOP_FIELDS = """WITH fields AS MATERIALIZED (SELECT agencies, dateline, outlet FROM articles)
SELECT 'agencies', * FROM (SELECT j.value, count(*) AS n FROM fields, json_each(fields.agencies) j
  GROUP BY j.value ORDER BY n DESC, j.value LIMIT :top)
UNION ALL SELECT 'datelines', * FROM (SELECT dateline, count(*) AS n FROM fields
  WHERE dateline IS NOT NULL GROUP BY dateline ORDER BY n DESC, dateline LIMIT :top)
UNION ALL SELECT 'outlets', * FROM (SELECT outlet, count(*) AS n FROM fields
  WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY n DESC, outlet LIMIT :top)"""
# json.dumps with an option makes a new encoder every call: one made once is twice as fast.
_json_text = json.JSONEncoder(ensure_ascii=False).encode


@dataclass
class SourceState:
    """What the archive remembers of an input file, to skip it when it has not changed."""

    article_id: int
    size: int | None
    mtime_ns: int | None
    content_hash: str


@pickled_as_values
@dataclass
class Provenance:
    """Where an article's text came from."""

    original: str
    encoding: str
    content_hash: str
    source_path: str | None
    outlet: str | None
    ingested_at: str


# The columns an Article fills and those its Provenance fills: each field is the column of its
# name, and _article_values and _provenance_values give the values in field order.
ARTICLE_COLUMNS = tuple(field.name for field in fields(Article))
PROVENANCE_COLUMNS = tuple(field.name for field in fields(Provenance))


def lock_timeout() -> float:
    """Seconds to wait for a lock held by another process: $NEWSARC_LOCK_TIMEOUT, else 30."""
    try:
        return max(0.0, float(os.environ.get("NEWSARC_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT)))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT


class Archive:
    """An open archive file."""

    def __init__(self, path: str, connection: sqlite3.Connection) -> None:
        self.path = path
        self.db = connection
        self._new_ids: list[int] | None = None  # rows inserted in the running batch
        self._lsh_rows: int | None = None  # rows of lsh_keys, counted when first needed
        self._recent: RecentKeys | None = None  # lsh_recent's keys, read when first needed
        self._stored_keys: KeyFilter | None = None  # lsh_keys' keys, once worth making
        self._looked_up = 0  # keys this connection looked up in lsh_keys without a filter
        self._data_version: int | None = None  # changes when another connection commits
        self._flusher: WalFlusher | None = None  # made by the first batch

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str,
        *,
        write: bool = False,
        create: bool = False,
        on_upgrade: Callable[[], None] | None = None,
    ) -> Archive:
        """Open an archive. For reading (the default) the file is opened read-only and never
        modified; for writing it is brought to the current schema, and with `create` made
        when missing. An archive of an older schema is upgraded first (once, which can take a
        while for a large one): `on_upgrade` is called before that starts."""
        write = write or create
        if os.path.isdir(path):
            raise ArchiveError(f"{path} is a folder, not an archive file.")
        # An empty file (`touch archive.db`) is no archive yet: made into one when written to.
        empty = os.path.isfile(path) and os.path.getsize(path) == 0
        if (not create and not os.path.exists(path)) or (empty and not write):
            raise ArchiveError(
                f"No archive at {path} yet. Load articles first: newsarc ingest PATH "
                "(or point --db / NEWSARC_DB at an existing archive)."
            )
        folder = os.path.dirname(os.path.abspath(path))
        writable = os.access(path, os.W_OK) and os.access(folder, os.W_OK)
        if write and os.path.exists(path) and not writable:
            raise ArchiveError(
                f"{path} is read-only (file, folder or medium): it can be searched, not added to."
            )
        try:
            if create and not os.path.exists(path):
                cls._create(path)
            archive = cls._connect_for_writing(path) if write else cls._connect_for_reading(path)
        except sqlite3.DatabaseError as error:
            raise _archive_error(path, error) from None
        try:
            pending = archive._check_schema()
            if pending and not write:
                archive.close()
                try:
                    # Upgrade once, then read as asked.
                    cls.open(path, write=True, on_upgrade=on_upgrade).close()
                except ArchiveError:
                    raise ArchiveError(
                        f"{path} was made by an older version of newsarc and must be upgraded, "
                        "which needs write access: open it once where it can be written."
                    ) from None
                return cls.open(path)
            if pending:
                if on_upgrade and not empty:
                    on_upgrade()
                archive._migrate()
        except BaseException as error:
            archive.close()
            if isinstance(error, sqlite3.DatabaseError):
                raise _archive_error(path, error) from None
            raise
        return archive

    @classmethod
    def _create(cls, path: str) -> None:
        """Make a new archive beside `path` and link it into place only once it is complete,
        so an interrupted creation never leaves a half-made archive; if another process made
        one first, theirs is kept."""
        temporary = f"{path}.new-{os.getpid()}"
        archive = cls._connect_for_writing(temporary)
        try:
            archive._migrate()
        finally:
            archive.close()
        try:
            os.link(temporary, path)  # fails if `path` exists: no archive is ever replaced
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not os.path.exists(path):
                os.replace(temporary, path)
                return
        os.unlink(temporary)

    @classmethod
    def _connect_for_writing(cls, path: str) -> Archive:
        db = sqlite3.connect(path, timeout=lock_timeout())
        try:
            # Before the first table exists, so it holds for the archive's life: larger pages
            # make full-text indexing of whole articles faster.
            db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            # A large cache speeds up indexing but slows the first query of a short-lived reader.
            db.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")
            # Copy the WAL into the archive every CHECKPOINT_PAGES (128 MiB) instead of 1000:
            # pages that every window rewrites are then copied once per checkpoint, not once per
            # window (100k articles: ~6% faster over four runs each).
            db.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
        except BaseException:
            db.close()
            raise
        return cls(path, db)

    @classmethod
    def _connect_for_reading(cls, path: str) -> Archive:
        return cls(path, _read_only_connection(path))

    def reader(self) -> sqlite3.Connection:
        """Another read-only connection to this archive, for use by one thread at a time."""
        return _read_only_connection(self.path, check_same_thread=False)

    def _check_schema(self) -> bool:
        """True when migrations are pending; refuses archives of a newer, unknown schema."""
        applied = self._applied_migrations()
        unknown = [name for name in applied if name not in SCHEMA_STEPS]
        if unknown:
            raise ArchiveError(
                f"{self.path} was written by a newer version of newsarc (schema step "
                f"{unknown[-1]!r}). Upgrade newsarc to use it; it was left untouched."
            )
        return len(applied) < len(SCHEMA_STEPS)

    def _applied_migrations(self) -> list[str]:
        has_table = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
        ).fetchone()
        if not has_table:
            tables = self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise ArchiveError(f"{self.path} is an SQLite file, but not a newsarc archive.")
            return []
        rows = self.db.execute(APPLIED_STEPS, (MIGRATION_SET,))
        return [name for (name,) in rows]

    def _migrate(self) -> None:
        from sqlite_utils import Database

        from newsarc.migrations import migrations

        migrations.apply(Database(self.db))
        self.db.commit()

    def close(self) -> None:
        if self._flusher is not None:
            self._flusher.close()
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def source_state(self, path: str) -> SourceState | None:
        row = self.db.execute(
            f"SELECT {SOURCE_STATE} FROM sources WHERE path = ?", (path,)
        ).fetchone()
        return SourceState(*row) if row else None

    def source_states(self, paths: list[str]) -> dict[str, SourceState]:
        """What the archive remembers of each of these inputs (those it knows)."""
        rows = self.db.execute(
            f"SELECT path, {SOURCE_STATE} FROM sources"
            " WHERE path IN (SELECT value FROM json_each(?))",
            (json.dumps(paths),),
        )
        return {path: SourceState(*state) for path, *state in rows}

    def article_id_for_hash(self, content_hash: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return row[0] if row else None

    def insert(
        self, article: Article, provenance: Provenance, article_id: int | None = None
    ) -> int | None:
        """Add an article; None when its text is stored already (same content hash)."""
        columns: tuple[str, ...] = ARTICLE_COLUMNS + PROVENANCE_COLUMNS
        values = _article_values(article) + _provenance_values(provenance)
        if article_id is not None and not self.exists(article_id):
            columns, values = (*columns, "id"), (*values, article_id)
        try:
            cursor = self.db.execute(_insert_sql(columns), values)
        except sqlite3.IntegrityError:
            if self.article_id_for_hash(provenance.content_hash) is None:
                raise
            return None
        assert cursor.lastrowid is not None
        if self._new_ids is not None:
            self._new_ids.append(cursor.lastrowid)
        return cursor.lastrowid

    def update(self, article_id: int, article: Article, provenance: Provenance | None) -> None:
        columns: tuple[str, ...] = ARTICLE_COLUMNS
        values = _article_values(article)
        if provenance:
            columns, values = columns + PROVENANCE_COLUMNS, values + _provenance_values(provenance)
        assignments = ", ".join(f"{name} = ?" for name in columns)
        self.db.execute(f"UPDATE articles SET {assignments} WHERE id = ?", (*values, article_id))

    def remember_source(
        self, path: str, article_id: int, size: int | None, mtime_ns: int | None, content_hash: str
    ) -> None:
        self.db.execute(
            "INSERT INTO sources (path, article_id, size, mtime_ns, content_hash)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET"
            " article_id = excluded.article_id, size = excluded.size,"
            " mtime_ns = excluded.mtime_ns, content_hash = excluded.content_hash",
            (path, article_id, size, mtime_ns, content_hash),
        )

    def start_claims(self) -> None:
        """Begin a new set of claimed keys (`claim_key`), in a temporary table, not in memory:
        a file may hold millions of ids."""
        self.db.execute("DROP TABLE IF EXISTS temp.claimed_keys")
        self.db.execute("CREATE TEMP TABLE claimed_keys (key TEXT PRIMARY KEY) WITHOUT ROWID")

    def claim_key(self, key: str) -> bool:
        """Whether `key` is claimed here first since `start_claims`."""
        cursor = self.db.execute("INSERT OR IGNORE INTO claimed_keys (key) VALUES (?)", (key,))
        return cursor.rowcount == 1

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing; takes the write lock at once (another writer waits its turn)."""
        self.db.execute("BEGIN IMMEDIATE")
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if version != self._data_version:  # another process wrote: what is kept may be stale
            self._forget_keys_kept()
            self._data_version = version
        try:
            yield
        except BaseException:
            self.db.rollback()
            self._forget_keys_kept()  # they may hold what was rolled back
            raise
        self.db.commit()

    def _forget_keys_kept(self) -> None:
        """Read LSH keys again when next needed. The filter of stored keys waits for as many
        lookups as at first: two ingests taking turns would otherwise make it anew every window."""
        self._lsh_rows = self._recent = self._stored_keys = None
        self._looked_up = 0

    @contextmanager
    def batch(self) -> Iterator[None]:
        """A transaction for many inserts that fills the full-text index once, at the end.

        Indexing the new rows together is several times faster than the per-row insert
        trigger, so the trigger is dropped for the transaction and put back before it commits:
        other writers (sqlite-utils, Datasette) always find it in place.
        """
        with self.transaction():
            (trigger,) = self.db.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                (INSERT_TRIGGER,),
            ).fetchone()
            self.db.execute(f"DROP TRIGGER {INSERT_TRIGGER}")
            self._new_ids = []
            try:
                yield
                columns = ", ".join(FTS_COLUMNS)
                self.db.execute(
                    f"INSERT INTO articles_fts (rowid, {columns}) SELECT id, {columns}"
                    " FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                    (json.dumps(self._new_ids),),
                )
            finally:
                self._new_ids = None
            self.db.execute(trigger)
        if self._flusher is None:
            self._flusher = WalFlusher(self.path)
        self._flusher.committed()

    # -- near-duplicate clusters ------------------------------------------------------------------

    def settings(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT name, value FROM settings"))

    def set_setting(self, name: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO settings (name, value) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )

    def signature(self, article_id: int) -> bytes | None:
        row = self.db.execute(
            "SELECT minhash FROM fingerprints WHERE article_id = ?", (article_id,)
        ).fetchone()
        return bytes(row[0]) if row else None

    def forget_fingerprints(self, articles: dict[int, tuple[int, ...]]) -> None:
        """Remove the fingerprints and LSH keys of articles (id: its keys) whose text changed."""
        self.db.executemany(
            "DELETE FROM fingerprints WHERE article_id = ?", ((i,) for i in articles)
        )
        deleted = self.db.executemany(
            "DELETE FROM lsh_keys WHERE key = ? AND article_id = ?",
            ((key, i) for i, keys in articles.items() for key in keys),
        ).rowcount
        if self._lsh_rows is not None:  # kept exact: counting a large table again is slow
            self._lsh_rows -= deleted
        self.db.executemany("DELETE FROM lsh_recent WHERE article_id = ?", ((i,) for i in articles))
        self._recent_keys().remove(articles)

    def add_fingerprints(
        self, rows: list[tuple[int, bytes, tuple[int, ...]]]
    ) -> dict[int, set[int]]:
        """Store (article id, MinHash signature, LSH keys) of articles that start in a cluster
        of their own; return, for each, older articles that share an LSH key with it.

        Only the oldest few holders of a key count: a story printed a thousand times must not
        make a million pairs, and the oldest copies are the ones whose clusters the rest joined.
        """
        # An upsert, not INSERT OR REPLACE: as fast as a plain insert (REPLACE took 3x as long).
        self.db.executemany(
            "INSERT INTO fingerprints (article_id, cluster_id, minhash) VALUES (?, ?, ?)"
            " ON CONFLICT (article_id) DO UPDATE SET"
            " cluster_id = excluded.cluster_id, minhash = excluded.minhash",
            ((article_id, article_id, signature) for article_id, signature, _ in rows),
        )
        # Most keys are held by one article alone: only those stored already or repeated in
        # this window can pair articles, and only the articles holding them are looked at.
        probed, repeated = distinct_keys(keys for _, _, keys in rows)
        holders = self._recent_keys().holders(probed, CANDIDATES_PER_KEY)
        to_look_up = self._maybe_stored(probed)
        for key, ids in self.db.execute(
            "SELECT key, ids FROM (SELECT k.value AS key, (SELECT group_concat(article_id)"
            " FROM (SELECT article_id FROM lsh_keys WHERE key = k.value ORDER BY article_id"
            " LIMIT :per_key)) AS ids FROM json_each(:keys) k) WHERE ids IS NOT NULL",
            {"keys": json.dumps(to_look_up), "per_key": CANDIDATES_PER_KEY},
        ):
            stored = [int(i) for i in ids.split(",")]
            holders[key] = sorted({*stored, *holders.get(key, ())})[:CANDIDATES_PER_KEY]
        shared = repeated.union(holders)
        packed = [(article_id, pack_keys(keys)) for article_id, _, keys in rows]
        self.db.executemany(
            "INSERT INTO lsh_recent (article_id, keys) VALUES (?, ?)"
            " ON CONFLICT (article_id) DO UPDATE SET keys = excluded.keys",
            packed,
        )
        self._recent_keys().add(packed)
        self._merge_recent_keys()
        found: dict[int, set[int]] = {}
        for article_id, _, article_keys in sorted(rows):
            if shared.isdisjoint(article_keys):
                continue
            for key in shared.intersection(article_keys):
                earlier = holders.setdefault(key, [])
                others = [i for i in earlier if i != article_id]
                if others:
                    found.setdefault(article_id, set()).update(others)
                if len(earlier) < CANDIDATES_PER_KEY and article_id not in earlier:
                    earlier.append(article_id)
        return found

    def _recent_keys(self) -> RecentKeys:
        if self._recent is None:
            self._recent = RecentKeys()
            self._recent.add(self.db.execute("SELECT article_id, keys FROM lsh_recent"))
        return self._recent

    def _lsh_keys_rows(self) -> int:
        if self._lsh_rows is None:
            self._lsh_rows = int(self.db.execute("SELECT count(*) FROM lsh_keys").fetchone()[0])
        return self._lsh_rows

    def _maybe_stored(self, keys: list[int]) -> list[int]:
        """Those of `keys` (sorted) that lsh_keys may hold: all of them until a filter of its
        keys is worth making, then the few that pass it."""
        rows = self._lsh_keys_rows()
        if not rows:
            return []
        if self._stored_keys is None:
            self._looked_up += len(keys)
            if self._looked_up < rows * KEYS_PER_FILTER_ROW:
                return keys
            self._stored_keys = self._read_stored_keys(rows)
        return self._stored_keys.may_hold(keys)

    def _read_stored_keys(self, rows: int) -> KeyFilter:
        """A filter of lsh_keys' keys, with room for as many again as lsh_recent can hold before
        its first new layer."""
        import numpy as np

        stored = KeyFilter(rows + RECENT_MAX_KEYS)
        keys = (key for (key,) in self.db.execute("SELECT key FROM lsh_keys"))
        while len(chunk := np.fromiter(itertools.islice(keys, FILTER_KEYS_AT_ONCE), np.int64)):
            stored.add(chunk)
        return stored

    def _merge_recent_keys(self) -> None:
        recent = len(self._recent_keys())
        if recent < RECENT_MIN_KEYS:
            return
        if recent >= min(self._lsh_keys_rows() * RECENT_SHARE, RECENT_MAX_KEYS):
            if self._stored_keys is None and not self._lsh_keys_rows():
                # The table is empty: a filter made now holds all it will hold, with no reading.
                self._stored_keys = KeyFilter(RECENT_MAX_KEYS)
            if self._stored_keys is not None:
                for keys in self._recent_keys().key_runs():
                    self._stored_keys.add(keys)
            rows = self._lsh_keys_rows()
            for keys, ids in self._recent_keys().pair_slices():
                rows += self._insert_lsh_pairs(keys, ids)
            self._lsh_rows = rows
            self.db.execute("DELETE FROM lsh_recent")

    def _insert_lsh_pairs(self, keys: np.ndarray, ids: np.ndarray) -> int:
        """Insert (key, article id) pairs not stored yet, PAIRS_PER_INSERT to a statement
        (running a statement costs more than binding its values: 250,000 pairs took 0.65 us a
        pair so, 1.1 us one by one); return how many were new."""
        import numpy as np

        values = np.empty(2 * len(keys), dtype=np.int64)
        values[0::2], values[1::2] = keys, ids
        filled = len(keys) // PAIRS_PER_INSERT * PAIRS_PER_INSERT * 2  # values of full statements
        rows = values[:filled].reshape(-1, 2 * PAIRS_PER_INSERT).tolist()
        new = self.db.executemany(_insert_lsh_pairs_sql(PAIRS_PER_INSERT), rows).rowcount
        rest = values[filled:].reshape(-1, 2).tolist()
        return int(new + self.db.executemany(_insert_lsh_pairs_sql(1), rest).rowcount)

    def cluster_members(self, ids: set[int]) -> dict[int, ClusterMember]:
        rows = self.db.execute(
            "SELECT f.article_id, f.cluster_id, f.minhash, a.published FROM fingerprints f"
            " JOIN articles a ON a.id = f.article_id"
            " WHERE f.article_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(ids)),),
        )
        return {row[0]: ClusterMember(row[0], row[1], bytes(row[2]), row[3]) for row in rows}

    def rename_clusters(self, renames: dict[int, int]) -> None:
        self.db.executemany(
            "UPDATE fingerprints SET cluster_id = ? WHERE cluster_id = ?",
            ((new, old) for old, new in renames.items()),
        )

    def bodies(self, ids: list[int]) -> list[tuple[int, str]]:
        rows = self.db.execute(
            "SELECT id, body FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
            (json.dumps(ids),),
        )
        return [(article_id, body) for article_id, body in rows]

    def cluster_total(self) -> int:
        """How many clusters hold two or more copies."""
        return int(
            self.db.execute(
                "SELECT count(*) FROM (SELECT 1 FROM fingerprints GROUP BY cluster_id HAVING count(*) > 1)"
            ).fetchone()[0]
        )

    def forget_all_fingerprints(self) -> None:
        for table in ("fingerprints", "lsh_keys", "lsh_recent"):
            self.db.execute(f"DELETE FROM {table}")
        self._lsh_rows, self._recent, self._stored_keys = 0, RecentKeys(), None

    # -- reading -------------------------------------------------------------------------------

    def exists(self, article_id: int) -> bool:
        return (
            self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            is not None
        )

    def is_empty(self) -> bool:
        return self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

    def get(self, article_id: int) -> StoredArticle:
        row = self.db.execute(
            f"SELECT {RECORD_SQL} FROM {ARTICLES} WHERE a.id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"No article with id {article_id} in {self.path}.")
        return _stored(dict(zip(RECORD_COLUMNS, row, strict=True)))

    def original(self, article_id: int) -> str:
        return self.original_with_encoding(article_id)[0]

    def original_with_encoding(self, article_id: int) -> tuple[str, str]:
        row = self.db.execute(
            "SELECT original, encoding FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"No article with id {article_id} in {self.path}.")
        return str(row[0]), str(row[1])

    def ids(self) -> list[int]:
        return [row[0] for row in self.db.execute("SELECT id FROM articles ORDER BY id")]


def _read_only_connection(path: str, *, check_same_thread: bool = True) -> sqlite3.Connection:
    db = sqlite3.connect(
        read_only_uri(path), uri=True, timeout=lock_timeout(), check_same_thread=check_same_thread
    )
    try:
        db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.OperationalError:
        # On a read-only medium SQLite cannot make the WAL index file: read the file as it
        # is, which is safe because nothing can be writing to it there.
        db.close()
        db = sqlite3.connect(
            read_only_uri(path, immutable=True), uri=True, check_same_thread=check_same_thread
        )
    return db


def _archive_error(path: str, error: sqlite3.DatabaseError) -> ArchiveError:
    message = str(error)
    if "readonly" in message or "read-only" in message:
        return ArchiveError(f"{path} is read-only: it can be searched, but not added to.")
    if "unable to open" in message:
        return ArchiveError(f"{path} cannot be opened: check the path and its permissions.")
    return ArchiveError(f"{path} is not a newsarc archive ({message}).")


def _article_values(article: Article) -> tuple[object, ...]:
    """An article's values in ARTICLE_COLUMNS order (by position: binding by name costs more)."""
    return (
        article.headline,
        article.deck,
        article.byline,
        _agencies_json(tuple(article.agencies)),
        article.dateline,
        article.published,
        article.published_raw,
        article.body,
        article.word_count,
    )


@lru_cache(maxsize=1024)
def _agencies_json(agencies: tuple[str, ...]) -> str:
    """An article's agencies as JSON: the same few lists recur through a whole archive, and
    encoding one took 1.5-1.9 us where looking it up takes 0.2."""
    return _json_text(agencies)


def _provenance_values(provenance: Provenance) -> tuple[object, ...]:
    """Where an article came from, in PROVENANCE_COLUMNS order."""
    return (
        provenance.original,
        provenance.encoding,
        provenance.content_hash,
        provenance.source_path,
        provenance.outlet,
        provenance.ingested_at,
    )


@lru_cache(maxsize=2)
def _insert_lsh_pairs_sql(pairs: int) -> str:
    return "INSERT OR IGNORE INTO lsh_keys (key, article_id) VALUES " + ", ".join(
        ["(?, ?)"] * pairs
    )


@lru_cache(maxsize=4)
def _insert_sql(columns: tuple[str, ...]) -> str:
    """The INSERT of an article with these columns, made once per set of columns."""
    placeholders = ", ".join("?" for _ in columns)
    return f"INSERT INTO articles ({', '.join(columns)}) VALUES ({placeholders})"


def _stored(row: dict[str, object]) -> StoredArticle:
    row["agencies"] = json.loads(str(row["agencies"] or "[]"))
    return StoredArticle(**row)  # type: ignore[arg-type]


def _run(archive: Archive, sql: str, params: dict[str, object]) -> sqlite3.Cursor:
    try:
        return archive.db.execute(sql, params)
    except sqlite3.OperationalError as error:
        message = str(error)
        if message.startswith("fts5") or any(
            words in message
            for words in ("unterminated string", "no such column", "unrecognized token")
        ):
            raise QueryError(
                f"The search syntax is not valid FTS5 ({message}). Check quotes and operators, "
                "or drop --raw to search for the words as typed."
            ) from None
        raise


def search(
    archive: Archive,
    query: Query,
    *,
    sort: str = "relevance",
    limit: int = 20,
    offset: int = 0,
    snippets: bool = True,
    collapse: bool = False,
) -> list[SearchHit]:
    """Ranked hits for a full-text query; `sort` is a key of SORTS.

    Without `snippets` the hits carry an empty snippet: cutting them is most of the cost of a
    search that matches many articles, and a pipe of ids and headlines does not show them.
    With `collapse` each near-duplicate cluster gives one hit, its best-ranked copy, with the
    cluster's size in `copies`.
    """
    if collapse:
        return _collapsed(archive, query, sort=sort, limit=limit, offset=offset, snippets=snippets)
    return _hits(archive, query.sql(_hit_columns(snippets), SORTS[sort], "LIMIT :limit OFFSET :offset"),
                 query.params | {"limit": limit, "offset": offset})  # fmt: skip


def _hit_columns(snippets: bool, copies: str = "NULL") -> str:
    snippet = SNIPPET if snippets else "''"
    return (
        f"a.id, a.published, a.headline, a.agencies, a.dateline, a.outlet, {snippet},"
        f" {RANK} AS score, {copies}"
    )


def _hits(archive: Archive, sql: str, params: dict[str, object]) -> list[SearchHit]:
    return [
        SearchHit(
            id=id_,
            published=published,
            headline=headline,
            agencies=json.loads(agencies or "[]"),
            dateline=dateline,
            outlet=outlet,
            snippet=" ".join(snippet.split()),
            score=score,
            copies=copies,
        )
        for id_, published, headline, agencies, dateline, outlet, snippet, score, copies in _run(
            archive, sql, params
        )
    ]


def _collapsed(
    archive: Archive, query: Query, *, sort: str, limit: int, offset: int, snippets: bool
) -> list[SearchHit]:
    """Pick each cluster's best copy first, then cut snippets for the page of hits only."""
    ranked = query.sql(
        f"a.id AS id, a.published AS published, {RANK} AS score, {CLUSTER_ID} AS cluster"
    )
    order = SORTS[sort].replace("a.published", "published")
    best = (
        f"SELECT id FROM (SELECT id, published, score, row_number() OVER"
        f" (PARTITION BY cluster ORDER BY score) AS place FROM ({ranked}))"
        f" WHERE place = 1 ORDER BY {order} LIMIT :limit OFFSET :offset"
    )
    ids = [row[0] for row in _run(archive, best, query.params | {"limit": limit, "offset": offset})]
    page = query.sql(
        _hit_columns(snippets, CLUSTER_SIZE), also="a.id IN (SELECT value FROM json_each(:ids))"
    )
    hits = {hit.id: hit for hit in _hits(archive, page, query.params | {"ids": json.dumps(ids)})}
    return [hits[id_] for id_ in ids]


def count(archive: Archive, query: Query, *, collapse: bool = False) -> int:
    """How many articles match, or with `collapse` how many clusters."""
    counted = f"count(DISTINCT {CLUSTER_ID})" if collapse else "count(*)"
    sql = query.sql(counted, "1")
    return int(_run(archive, sql, query.params).fetchone()[0])


def export_json(
    archive: Archive, query: Query, *, separator: bytes = b"\n", with_original: bool = False
) -> Iterator[bytes]:
    """Matching articles as JSON objects built by SQLite, in id order, several at a time:
    each chunk is UTF-8 objects joined by `separator` (objects themselves hold no line break)."""
    if query.match is None:
        yield from dump.json_chunks(
            archive.db, archive.reader, query, separator=separator, with_original=with_original
        )
        return
    record = dump.record_json(with_original=with_original)
    cursor = _run(archive, query.sql(f"CAST({record} AS BLOB)"), query.params)
    while rows := cursor.fetchmany(dump.RANGE):
        yield separator.join(line for (line,) in rows)


def export_rows(archive: Archive, query: Query) -> Iterator[tuple[object, ...]]:
    """Each matching article as a tuple of RECORD_COLUMNS (agencies as a JSON list)."""
    # Not `yield from`: that would close the cursor after the archive when a reader stops early.
    for row in _run(archive, query.sql(RECORD_SQL), query.params):  # noqa: UP028
        yield row


def stats(archive: Archive, *, top: int = 10) -> ArchiveStats:
    db = archive.db
    articles, first, last, undated = db.execute(
        "SELECT count(*), min(published), max(published), sum(published IS NULL) FROM articles"
    ).fetchone()
    ranked: dict[str, list[tuple[str, int]]] = {"agencies": [], "datelines": [], "outlets": []}
    for field, name, n in db.execute(TOP_FIELDS, {"top": top}):
        ranked[field].append((str(name), int(n)))
    for names in ranked.values():  # in each field's order, whatever order the parts come in
        names.sort(key=lambda item: (-item[1], item[0]))
    months = db.execute(
        "SELECT substr(published, 1, 7) AS month, count(*) FROM articles"
        " WHERE published IS NOT NULL GROUP BY month ORDER BY month"
    )
    return ArchiveStats(
        articles=articles,
        first=first,
        last=last,
        undated=undated or 0,
        agencies=ranked["agencies"],
        datelines=ranked["datelines"],
        outlets=ranked["outlets"],
        months=[(str(month), int(n)) for month, n in months],
    )


def clusters(archive: Archive, *, limit: int = 20, offset: int = 0) -> list[ClusterSummary]:
    """Clusters of two or more copies, largest first."""
    rows = archive.db.execute(
        "SELECT f.cluster_id, count(*) AS size, min(a.published), max(a.published),"
        " json_group_array(DISTINCT a.outlet) FILTER (WHERE a.outlet IS NOT NULL),"
        " json_group_array(DISTINCT a.headline),"
        " (SELECT json_group_array(DISTINCT j.value) FROM fingerprints g"
        "  JOIN articles b ON b.id = g.article_id, json_each(b.agencies) j"
        "  WHERE g.cluster_id = f.cluster_id)"
        " FROM fingerprints f JOIN articles a ON a.id = f.article_id"
        " GROUP BY f.cluster_id HAVING size > 1 ORDER BY size DESC, f.cluster_id"
        " LIMIT :limit OFFSET :offset",
        {"limit": limit, "offset": offset},
    )
    return [
        ClusterSummary(
            cluster_id,
            size,
            first,
            last,
            json.loads(outlets or "[]"),
            json.loads(agencies),
            json.loads(headlines),
        )
        for cluster_id, size, first, last, outlets, headlines, agencies in rows
    ]


def cluster_copies(archive: Archive, article_id: int) -> list[tuple[ClusterCopy, bytes | None]]:
    """Every copy in the cluster of `article_id` (itself included), oldest first, with its
    signature; `similarity` is left at 0 for the caller to fill."""
    archive.get(article_id)  # raises NotFound
    row = archive.db.execute(
        "SELECT cluster_id FROM fingerprints WHERE article_id = ?", (article_id,)
    ).fetchone()
    columns = "a.id, a.published, a.headline, a.agencies, a.dateline, a.outlet, f.minhash"
    if row is None:
        rows = archive.db.execute(f"SELECT {columns} FROM {ARTICLES} WHERE a.id = ?", (article_id,))
    else:
        rows = archive.db.execute(
            f"SELECT {columns} FROM fingerprints f JOIN articles a ON a.id = f.article_id"
            " WHERE f.cluster_id = ? ORDER BY a.published IS NULL, a.published, a.id",
            (row[0],),
        )
    return [
        (
            ClusterCopy(id_, published, headline, json.loads(agencies), dateline, outlet, 0.0),
            minhash,
        )
        for id_, published, headline, agencies, dateline, outlet, minhash in rows
    ]
