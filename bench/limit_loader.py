"""The limit for ingest: stdlib sqlite3 loading pre-extracted rows, full-text index built in bulk.

It parses nothing and keeps no original text: the least work that ends in an archive with a
searchable index. Usage: python limit_loader.py ARTICLES.jsonl ARCHIVE.db
"""

import json
import sqlite3
import sys


def main(source: str, target: str) -> None:
    db = sqlite3.connect(target)
    db.execute("PRAGMA page_size = 16384")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute(
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, headline TEXT, deck TEXT, agencies TEXT,"
        " dateline TEXT, published TEXT, body TEXT)"
    )
    with open(source, encoding="utf-8") as lines:
        rows = (json.loads(line) for line in lines)
        db.executemany(
            "INSERT INTO articles (headline, deck, agencies, dateline, published, body)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                (
                    r["headline"],
                    r["deck"],
                    json.dumps(r["agencies"]),
                    r["dateline"],
                    r["published"],
                    r["body"],
                )
                for r in rows
            ),
        )
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(headline, deck, body, content=articles)"
    )
    db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 33554432)")
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    db.commit()
    db.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
