"""Pure: which near-duplicate clusters new articles join, start or merge.

A cluster is named by its oldest article's id. A new article joins every cluster holding an
article it resembles (estimated Jaccard similarity at or above the threshold) within the time
window; clusters it joins become one (single linkage), so the archive never needs re-clustering
as articles arrive.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from newsarc.models import ClusterMember
from newsarc.similarity import similarity


def link(
    new_ids: Iterable[int],
    candidates: dict[int, set[int]],
    members: dict[int, ClusterMember],
    *,
    threshold: float,
    window_days: int,
) -> dict[int, int]:
    """Clusters to rename: {cluster id: the cluster id it becomes}.

    `candidates` maps each new article to the articles that share an LSH key with it;
    `members` holds every article named in either. Articles without a date on either side
    are compared whatever the window.
    """
    parent: dict[int, int] = {}

    def root(cluster: int) -> int:
        while parent.get(cluster, cluster) != cluster:
            cluster = parent[cluster]
        return cluster

    for article_id in new_ids:
        article = members[article_id]
        for other_id in sorted(candidates.get(article_id, ())):
            other = members[other_id]
            first, second = root(article.cluster), root(other.cluster)
            if first == second:
                continue  # joined already: one match per cluster is enough
            if not _within(article.published, other.published, window_days):
                continue
            if similarity(article.signature, other.signature) >= threshold:
                parent[max(first, second)] = min(first, second)
    return {cluster: root(cluster) for cluster in parent}


def _within(first: str | None, second: str | None, window_days: int) -> bool:
    if not first or not second:
        return True
    return abs((_day(first) - _day(second)).days) <= window_days


def _day(published: str) -> date:
    """The first day a published value can mean: '2020-03' is read as 2020-03-01."""
    return date.fromisoformat((published + "-01")[:10])
