"""Plain records passed between the modules."""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

Record = TypeVar("Record")


def pickled_as_values(cls: type[Record]) -> type[Record]:
    """Pickle a dataclass of two or more fields as its field values in order, not as a dict of
    names: parsed articles cross from the worker processes to the writer in 25 rather than 33
    us each (dumps and loads, benchmark articles). Subclasses pickle as usual."""
    values: Callable[[Any], tuple[object, ...]] = operator.attrgetter(
        *(one.name for one in fields(cls))  # type: ignore[arg-type]
    )

    def __reduce_ex__(self: Record, protocol: Any) -> Any:
        if type(self) is cls:
            return cls, values(self)
        return object.__reduce_ex__(self, protocol)

    cls.__reduce_ex__ = __reduce_ex__  # type: ignore[method-assign,assignment]
    return cls


@pickled_as_values
@dataclass
class Article:
    """One article as the normalizer reads it from text."""

    headline: str
    deck: str | None
    byline: str | None
    agencies: list[str]
    dateline: str | None
    published: str | None
    published_raw: str | None
    body: str
    word_count: int


@dataclass
class StoredArticle(Article):
    """An article as the archive holds it: the record plus where it came from."""

    id: int
    outlet: str | None
    source_path: str | None
    content_hash: str
    ingested_at: str
    cluster_id: int  # the oldest article of its near-duplicate cluster (its own id when alone)
    cluster_size: int


@dataclass
class Filters:
    """Optional narrowing shared by search, export and counts. Dates are half-open ISO ranges."""

    since: str | None = None  # first day included, YYYY-MM-DD
    until: str | None = None  # first day excluded, YYYY-MM-DD
    agency: str | None = None
    dateline: str | None = None
    outlet: str | None = None
    byline: str | None = None  # words of the byline, in any case: "smith"


@dataclass
class SearchHit:
    id: int
    published: str | None
    headline: str
    agencies: list[str]
    dateline: str | None
    outlet: str | None
    snippet: str
    score: float
    copies: int | None = None  # with --collapse: the size of the hit's cluster


# The largest input ingest reads by default: an article is rarely over 100 KB, and reading a
# file takes about twenty times its size in memory.
MAX_FILE_BYTES = 10 * 1024 * 1024

STATUSES = ("new", "updated", "unchanged", "duplicate", "failed")


@dataclass
class InputResult:
    """What ingest did with one input: one of STATUSES, the article it landed in, or why not."""

    source: str
    status: str
    article_id: int | None = None
    reason: str | None = None
    dated: bool = True


@dataclass
class IngestReport:
    """Totals of one ingest run; failures are kept whole so each can be reported."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    undated: int = 0
    failures: list[InputResult] = field(default_factory=list)
    interrupted: bool = False
    # Kinds of file name (`*.sgm`) in the folders read that the pattern passed over, how many.
    passed_over: Counter[str] = field(default_factory=Counter)

    def add(self, result: InputResult) -> None:
        self.counts[result.status] += 1
        if result.status == "failed":
            self.failures.append(result)
        elif result.status in ("new", "updated") and not result.dated:
            self.undated += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class ReindexReport:
    """What re-running the normalizer over the stored originals changed."""

    checked: int = 0
    changed: int = 0
    fields: dict[str, int] = field(default_factory=dict)  # field name -> articles it changed in
    failures: list[tuple[int, str]] = field(default_factory=list)
    clusters: int = 0  # near-duplicate clusters of two or more copies after the rebuild


@dataclass
class ArchiveStats:
    articles: int
    first: str | None
    last: str | None
    undated: int
    agencies: list[tuple[str, int]]
    datelines: list[tuple[str, int]]
    outlets: list[tuple[str, int]]
    months: list[tuple[str, int]]  # (YYYY-MM, articles), in order


@dataclass(frozen=True)
class ClusterMember:
    """What near-duplicate clustering needs to know of one article."""

    id: int
    cluster: int
    signature: bytes
    published: str | None


@dataclass
class ClusterSummary:
    """One near-duplicate cluster: how many copies, when, where and under which headlines."""

    cluster_id: int
    size: int
    first: str | None
    last: str | None
    outlets: list[str]
    agencies: list[str]
    headlines: list[str]


@dataclass
class ClusterCopy:
    """One copy in a cluster, with its estimated similarity to the copy asked about."""

    id: int
    published: str | None
    headline: str
    agencies: list[str]
    dateline: str | None
    outlet: str | None
    similarity: float
