"""What an index of random keys costs per row as a table grows, in windows of 2,048 rows.

The archive keeps two such indexes (`content_hash`, and `published` when dates come in no
order): each window's commit rewrites every page of them it touched, and as they outgrow the
page cache a window touches more of their pages. Bare stdlib sqlite3 with the archive's pragmas.
Usage: python bench/index_growth.py [STORED_ROWS...]   (default: 100000 1000000)
"""

import hashlib
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

WINDOW = 2048
WINDOWS = 15
INDEXES = {
    "none": [],
    "content_hash": ["CREATE UNIQUE INDEX by_hash ON articles (content_hash)"],
    "published": ["CREATE INDEX by_date ON articles (published)"],
    "both": [
        "CREATE UNIQUE INDEX by_hash ON articles (content_hash)",
        "CREATE INDEX by_date ON articles (published)",
    ],
}


def rows(rng: random.Random, count: int) -> Iterator[tuple[str, str, str]]:
    for _ in range(count):
        digest = hashlib.blake2b(rng.randbytes(8), digest_size=16).hexdigest()
        day = f"{rng.randint(2000, 2025):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield digest, day, "x" * 200


def microseconds_per_row(folder: Path, stored: int, indexes: list[str]) -> float:
    path = folder / f"growth-{stored}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in (
        "page_size = 16384",
        "journal_mode = WAL",
        "synchronous = NORMAL",
        "cache_size = -65536",
        "wal_autocheckpoint = 8192",
    ):
        db.execute(f"PRAGMA {pragma}")
    db.execute(
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, content_hash TEXT, published TEXT,"
        " body TEXT)"
    )
    for statement in indexes:
        db.execute(statement)
    insert = "INSERT INTO articles (content_hash, published, body) VALUES (?, ?, ?)"
    rng = random.Random(1)
    db.execute("BEGIN")
    db.executemany(insert, rows(rng, stored))
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    windows = [list(rows(rng, WINDOW)) for _ in range(WINDOWS)]
    start = time.perf_counter()
    for window in windows:
        db.execute("BEGIN IMMEDIATE")
        for row in window:
            db.execute(insert, row)
        db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed / (WINDOWS * WINDOW) * 1e6


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for stored in sizes:
            for name, indexes in INDEXES.items():
                cost = microseconds_per_row(Path(folder), stored, indexes)
                print(f"{stored:>10,} rows stored, indexes {name:12s} {cost:6.1f} us a row")


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [100_000, 1_000_000])
