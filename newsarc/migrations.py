"""Append-only schema history. Never edit a migration that has shipped: add a new one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from newsarc.sql import FTS_COLUMNS

migrations = Migrations("newsarc")


@migrations()
def m001_articles(db: Database) -> None:
    """Articles with their originals, the inputs they came from, and the full-text index."""
    articles: Any = db["articles"]
    articles.create(
        {
            "id": int,
            "headline": str,
            "deck": str,
            "byline": str,
            "agencies": str,  # JSON list
            "dateline": str,
            "published": str,  # ISO 8601 at the precision the text gives
            "published_raw": str,
            "body": str,
            "word_count": int,
            "outlet": str,
            "source_path": str,
            "content_hash": str,
            "ingested_at": str,
            "encoding": str,
            "original": str,  # the text exactly as decoded
        },
        pk="id",
        not_null={"headline", "body", "content_hash", "ingested_at", "original"},
        defaults={"agencies": "[]", "word_count": 0},
    )
    articles.create_index(["content_hash"], unique=True)
    articles.create_index(["published"])
    # Words as written, accents folded: "Erdoğan" finds "Erdogan" and the other way round.
    articles.enable_fts(
        list(FTS_COLUMNS), create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )
    sources: Any = db["sources"]
    sources.create(
        {"path": str, "article_id": int, "size": int, "mtime_ns": int, "content_hash": str},
        pk="path",
        foreign_keys=[("article_id", "articles", "id")],
    )
    sources.create_index(["article_id"])


@migrations()
def m002_fts_memory(db: Database) -> None:
    """Let the full-text index gather 32 MiB of new terms before writing them out (default 1).

    Fewer, larger flushes make indexing a big ingest about a third faster.
    """
    db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 33554432)")


@migrations()
def m003_clusters(db: Database) -> None:
    """Near-duplicate clusters: a fingerprint per article, its LSH band keys, and settings.

    Articles stored before this step have no fingerprint until `newsarc reindex`.
    """
    fingerprints: Any = db["fingerprints"]
    fingerprints.create(
        {"article_id": int, "cluster_id": int, "minhash": bytes},
        pk="article_id",
        not_null={"cluster_id", "minhash"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    fingerprints.create_index(["cluster_id"])
    db.execute(
        "CREATE TABLE lsh_keys (key INTEGER NOT NULL, article_id INTEGER NOT NULL,"
        " PRIMARY KEY (key, article_id)) WITHOUT ROWID"
    )
    settings: Any = db["settings"]
    settings.create({"name": str, "value": str}, pk="name")
    settings.insert_all(
        [
            {"name": "clusters", "value": "on"},
            {"name": "similarity", "value": "0.5"},
            {"name": "window_days", "value": "7"},
        ]
    )


@migrations()
def m004_lsh_ten_bands(db: Database) -> None:
    """LSH keys of 10 bands of 2 rows (were 20 bands of 3): half the rows to write and probe
    for the same recall. The keys are recomputed from the stored signatures."""
    from newsarc.similarity import band_keys

    db.execute("DELETE FROM lsh_keys")
    for signatures in _fingerprint_pages(db, "f.article_id, f.minhash", "fingerprints f"):
        db.conn.executemany(
            "INSERT OR IGNORE INTO lsh_keys (key, article_id) VALUES (?, ?)",
            ((key, article_id) for article_id, minhash in signatures for key in band_keys(minhash)),
        )


@migrations()
def m005_lsh_recent(db: Database) -> None:
    """A small table that takes new LSH keys until they are merged into lsh_keys in key order."""
    db.execute(
        "CREATE TABLE lsh_recent (key INTEGER NOT NULL, article_id INTEGER NOT NULL,"
        " PRIMARY KEY (key, article_id)) WITHOUT ROWID"
    )


@migrations()
def m006_word_hashes(db: Database) -> None:
    """Signatures remade from the bodies: words are now hashed all at once, which gives other
    values. LSH keys follow the signatures; clusters are kept as they are."""
    from newsarc.similarity import fingerprints

    for table in ("lsh_keys", "lsh_recent"):
        db.execute(f"DELETE FROM {table}")
    # Keys gathered unsorted, then inserted in key order: far fewer pages written than
    # inserting each where it belongs.
    db.execute("CREATE TEMP TABLE remade_keys (key INTEGER, article_id INTEGER)")
    source = "fingerprints f JOIN articles a ON a.id = f.article_id"
    for bodies in _fingerprint_pages(db, "f.article_id, a.body", source):
        prints = list(
            zip([i for i, _ in bodies], fingerprints([body for _, body in bodies]), strict=True)
        )
        db.conn.executemany(
            "UPDATE fingerprints SET minhash = ? WHERE article_id = ?",
            [(print_.signature, article_id) for article_id, print_ in prints if print_],
        )
        db.conn.executemany(
            "DELETE FROM fingerprints WHERE article_id = ?",
            [(article_id,) for article_id, print_ in prints if print_ is None],
        )
        db.conn.executemany(
            "INSERT INTO remade_keys (key, article_id) VALUES (?, ?)",
            [(key, article_id) for article_id, print_ in prints if print_ for key in print_.keys],
        )
    db.execute(
        "INSERT OR IGNORE INTO lsh_keys (key, article_id)"
        " SELECT key, article_id FROM remade_keys ORDER BY key, article_id"
    )
    db.execute("DROP TABLE remade_keys")


@migrations()
def m007_lsh_recent_by_article(db: Database) -> None:
    """Recent LSH keys one row per article, its keys packed together, instead of one row per
    key: new articles' keys are appended, and looked up in memory while an ingest runs. The
    recent keys there are merged into lsh_keys first."""
    db.execute(
        "INSERT OR IGNORE INTO lsh_keys (key, article_id)"
        " SELECT key, article_id FROM lsh_recent ORDER BY key, article_id"
    )
    db.execute("DROP TABLE lsh_recent")
    db.execute("CREATE TABLE lsh_recent (article_id INTEGER PRIMARY KEY, keys BLOB NOT NULL)")


@migrations()
def m008_fts_automerge(db: Database) -> None:
    """Let the full-text index gather 8 segments of a level before merging them (default 4).

    Each window of an ingest adds a segment; merging less often rewrites each term's list fewer
    times as the index grows: a million articles ingested in 210-223 s instead of 234-245 s,
    with searches as fast and the archive as large.
    """
    db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8)")


@migrations()
def m009_fts_automerge_16(db: Database) -> None:
    """Let the full-text index gather 16 segments of a level before merging them (was 8).

    Merging is most of what a commit costs once an archive holds a few hundred thousand
    articles: with 16, each term's list is rewritten on fewer levels. The first 300,000
    articles of the benchmark's million, three rounds each: commits of the third 100,000 took
    7.7-8.0 s of CPU against 10.0-10.5 s, the whole ingest 73.9-84.3 s against 85.2-88.3 s.
    """
    db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16)")


@migrations()
def m010_fts_crisismerge(db: Database) -> None:
    """Merge a level's segments a little at every commit until it holds 32 (was 16).

    With 16 segments gathered before merging (step 9) and the default crisis threshold of 16,
    every merge ran whole in one commit while the workers waited: 100k ingests left 4.0-5.5
    idle core-seconds against 2.3-3.6 before step 9 (six rounds) and 3.1-3.3 with this (three),
    and one commit of a million took ~15 s. Commits of the third 100,000 of the first 300,000
    articles took 6.2 and 8.1 s of CPU against 8.2 and 7.1 s.
    """
    db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('crisismerge', 32)")


def _fingerprint_pages(db: Database, columns: str, source: str) -> Iterator[list[Any]]:
    """Rows of `source` (where `f` is fingerprints) 10,000 at a time, in article id order;
    `columns` starts with f.article_id."""
    last = 0
    while rows := db.execute(
        f"SELECT {columns} FROM {source} WHERE f.article_id > ? ORDER BY f.article_id LIMIT 10000",
        [last],
    ).fetchall():
        yield rows
        last = rows[-1][0]
