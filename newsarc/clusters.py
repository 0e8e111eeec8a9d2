"""Pure: which near-duplicate clusters new articles join, start or merge.

A cluster is named by its oldest article's id. A new article joins every cluster holding an
article it resembles (estimated Jaccard similarity at or above the threshold) within the time
window; clusters it joins become one (single linkage), so the archive never needs re-clustering
as articles arrive.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from newsarc.models import ClusterCopy, ClusterMember
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


def compared(
    reference_id: int, copies: list[tuple[ClusterCopy, bytes | None]]
) -> list[ClusterCopy]:
    """The copies with their estimated similarity to the copy `reference_id` (1.0 for itself)."""
    signatures = dict((copy.id, signature) for copy, signature in copies)
    reference = signatures.get(reference_id)
    result = []
    for copy, signature in copies:
        if copy.id == reference_id:
            value = 1.0
        elif reference is None or signature is None:
            value = 0.0
        else:
            value = similarity(reference, signature)
        result.append(replace(copy, similarity=value))
    return result


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """What `after` changed against `before`, word by word: ("same" | "removed" | "added", text).

    Paragraph breaks count as words, so a moved or dropped paragraph shows as one.
    """
    old, new = _diff_words(before), _diff_words(after)
    changes: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            changes.append(("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            changes.append(("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            changes.append(("added", " ".join(new[j1:j2])))
    return [
        (kind, text.replace(" \n\n ", "\n\n").replace("\n\n ", "\n\n")) for kind, text in changes
    ]


def _diff_words(body: str) -> list[str]:
    words: list[str] = []
    for index, paragraph in enumerate(body.split("\n\n")):
        if index:
            words.append("\n\n")
        words.extend(paragraph.split())
    return words
