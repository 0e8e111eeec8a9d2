"""The archive's schema steps and the SQL that reads it: plain strings, no records.

Kept apart from the store so that the piped search (newsarc.fast) runs the same SQL without
importing what the store needs for everything else.
"""

from __future__ import annotations

import os

# typing.TYPE_CHECKING without importing typing, which would cost the piped search 5 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol

    class Filters(Protocol):
        """What narrows a query: newsarc.models.Filters, or the piped search's own."""

        since: str | None  # first day included, YYYY-MM-DD
        until: str | None  # first day excluded, YYYY-MM-DD
        agency: str | None
        dateline: str | None
        outlet: str | None
        byline: str | None


MIGRATION_SET = "newsarc"
# The schema steps an archive has been through, oldest first.
APPLIED_STEPS = "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id"
LARGEST_INTEGER = 2**63 - 1  # the largest value SQLite takes, as a LIMIT or an id
# The names of the migrations in newsarc.migrations, so that opening an up-to-date archive
# needs no sqlite-utils import (a test keeps the two in step).
SCHEMA_STEPS = (
    "m001_articles",
    "m002_fts_memory",
    "m003_clusters",
    "m004_lsh_ten_bands",
    "m005_lsh_recent",
    "m006_word_hashes",
    "m007_lsh_recent_by_article",
    "m008_fts_automerge",
    "m009_fts_automerge_16",
    "m010_fts_crisismerge",
)


# Articles with their cluster: one without a fingerprint (too short, or stored before clusters
# existed) is a cluster of one, named by its own id.
ARTICLES = "articles a LEFT JOIN fingerprints f ON f.article_id = a.id"
CLUSTER_ID = "coalesce(f.cluster_id, a.id)"
CLUSTER_SIZE = (
    "CASE WHEN f.cluster_id IS NULL THEN 1"
    " ELSE (SELECT count(*) FROM fingerprints g WHERE g.cluster_id = f.cluster_id) END"
)
# The fields of an article's record (show --json, export), in order.
RECORD_COLUMNS = (
    "id", "headline", "deck", "byline", "agencies", "dateline", "published", "published_raw",
    "body", "word_count", "outlet", "source_path", "content_hash", "ingested_at", "cluster_id",
    "cluster_size",
)  # fmt: skip

# Snippet markers: control characters no article keeps (clean_text removes them), turned into
# highlighting by the renderer.
MARK_START, MARK_END = "\x02", "\x03"
SNIPPET = "snippet(articles_fts, 2, char(2), char(3), '…', 14)"


# Columns of the full-text index, in the order the bm25() weights below are given.
FTS_COLUMNS = ("headline", "deck", "body")


# bm25() weights for headline, deck and body: a word in the headline counts ten times a word in
# the body, in the deck four times. bm25() is better when more negative: order ascending.
RANK = "bm25(articles_fts, 10.0, 4.0, 1.0)"


SORTS = {
    "relevance": "score",
    "newest": "a.published IS NULL, a.published DESC, score",
    "oldest": "a.published IS NULL, a.published ASC, score",
}


# The day an article belongs to, so that a month-precision date (2020-03) sorts as its first day.
PUBLISHED_DAY = "substr(a.published || '-01', 1, 10)"


class Query:
    """A full-text match (or none) plus filters, as SQL with named parameters."""

    def __init__(self, match: str | None, filters: Filters | None = None) -> None:
        self.params: dict[str, object] = {}
        self.where: list[str] = []
        self.match = match
        if match is not None:
            self.where.append("articles_fts MATCH :match")
            self.params["match"] = match
        if filters is None:
            return
        if filters.since:
            self.where.append(f"{PUBLISHED_DAY} >= :since")
            self.params["since"] = filters.since
        if filters.until:
            self.where.append(f"{PUBLISHED_DAY} < :until")
            self.params["until"] = filters.until
        if filters.since or filters.until:
            self.where.append("a.published IS NOT NULL")
        if filters.agency:
            self.where.append(
                "EXISTS (SELECT 1 FROM json_each(a.agencies) WHERE value = :agency COLLATE NOCASE)"
            )
            self.params["agency"] = filters.agency
        if filters.dateline:
            self.where.append("a.dateline = :dateline COLLATE NOCASE")
            self.params["dateline"] = filters.dateline
        if filters.outlet:
            self.where.append("a.outlet = :outlet COLLATE NOCASE")
            self.params["outlet"] = filters.outlet
        if filters.byline:
            # words of it, in any case, as typed: LIKE's own wildcards escaped
            self.where.append("a.byline LIKE :byline ESCAPE '\\'")
            escaped = filters.byline.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            self.params["byline"] = f"%{escaped}%"

    def sql(self, columns: str, order: str = "a.id", tail: str = "", also: str = "") -> str:
        source = ARTICLES
        if self.match is not None:
            source = (
                "articles_fts JOIN articles a ON a.id = articles_fts.rowid"
                " LEFT JOIN fingerprints f ON f.article_id = a.id"
            )
        conditions = [*self.where, also] if also else self.where
        where = " WHERE " + " AND ".join(conditions) if conditions else ""
        return f"SELECT {columns} FROM {source}{where} ORDER BY {order} {tail}"


def read_only_uri(path: str, *, immutable: bool = False) -> str:
    """An SQLite URI that opens `path` read-only, whatever characters its name holds.

    `immutable` promises SQLite that nobody writes the file: for read-only media, where it
    cannot make the WAL index.
    """
    quoted = os.path.abspath(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{quoted}?{'immutable=1' if immutable else 'mode=ro'}"
