"""`make bench`: newsarc against the peer (sqlite-utils) and the limit (bare sqlite3), same run.

Every figure is a median of whole-process runs on the same machine, reported as a ratio against
a baseline measured in the same run, because shared machines are noisy in absolute terms.

    python bench/run.py                    # 10,000 articles
    python bench/run.py --articles 100000  # the size the targets speak of
    python bench/run.py --articles 1000000 --runs 1 --only ingest --scale
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import corpus

HERE = Path(__file__).parent
BIN = Path(sys.executable).parent
NEWSARC = str(BIN / "newsarc")
SQLITE_UTILS = str(BIN / "sqlite-utils")
SEARCH_RUNS = 15

# The SQL `newsarc search` runs, written out for the limit: the same match, ranking and page.
LIMIT_SEARCH = """import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute(
    "SELECT a.id, a.published, a.headline FROM articles_fts JOIN articles a"
    " ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?" + sys.argv[3] +
    " ORDER BY bm25(articles_fts, 10.0, 4.0, 1.0) LIMIT 20", [sys.argv[2]])
for row in rows:
    print(*row, sep="\\t")
"""
# The columns of the articles table that `newsarc export --jsonl` writes (not the original).
EXPORT_COLUMNS = (
    "id, headline, deck, byline, agencies, dateline, published, published_raw, body, word_count,"
    " outlet, source_path, content_hash, ingested_at"
)
# The limit of an export: SQLite builds each row's JSON object and Python writes it as it comes.
LIMIT_EXPORT = """import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
pairs = ", ".join(f"'{name}', {name}" for name in sys.argv[2].split(", "))
write = sys.stdout.write
for (line,) in db.execute(f"SELECT json_object({pairs}) FROM articles ORDER BY id"):
    write(line + "\\n")
"""
DATE_RANGE_SQL = " AND substr(a.published || '-01', 1, 10) >= '2010-01-01' AND substr(a.published || '-01', 1, 10) < '2013-01-01'"


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    peak_kib: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def measure(command: Sequence[str], timing: Timing, stdout: Path | None = None) -> None:
    """Run one whole process; add its wall time and keep its peak resident memory."""
    out = open(stdout, "w") if stdout else subprocess.DEVNULL  # noqa: SIM115
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    timing.seconds.append(time.perf_counter() - started)
    timing.peak_kib = max(timing.peak_kib, usage.ru_maxrss)
    if stdout:
        out.close()  # type: ignore[union-attr]
    if os.waitstatus_to_exitcode(status) not in (0,):
        raise SystemExit(f"failed: {' '.join(command)}")


def fresh(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def bench_ingest(folder: Path, work: Path, runs: int) -> dict[str, Timing]:
    articles, jsonl = folder / "articles", folder / "articles.jsonl"
    timings = {name: Timing() for name in ("newsarc", "unclustered", "peer", "limit", "reingest")}
    for _ in range(runs):
        plain = str(fresh(work / "plain.db"))
        measure(
            [NEWSARC, "ingest", "--no-clusters", "--db", plain, str(articles)],
            timings["unclustered"],
        )
        measure(
            [NEWSARC, "ingest", "--db", str(fresh(work / "newsarc.db")), str(articles)],
            timings["newsarc"],
        )
        measure(
            [NEWSARC, "ingest", "--db", str(work / "newsarc.db"), str(articles)],
            timings["reingest"],
        )
        measure_peer(jsonl, work, timings["peer"])
        measure_limit(jsonl, work, timings["limit"])
    return timings


def measure_peer(jsonl: Path, work: Path, timing: Timing) -> None:
    """sqlite-utils: insert the extracted articles, then index them (one time, two processes)."""
    steps = Timing()
    db = str(fresh(work / "peer.db"))
    measure([SQLITE_UTILS, "insert", db, "articles", str(jsonl), "--nl"], steps)
    measure([SQLITE_UTILS, "enable-fts", db, "articles", "headline", "deck", "body"], steps)
    timing.seconds.append(sum(steps.seconds))
    timing.peak_kib = max(timing.peak_kib, steps.peak_kib)


def measure_limit(jsonl: Path, work: Path, timing: Timing) -> None:
    loader = str(HERE / "limit_loader.py")
    measure([sys.executable, loader, str(jsonl), str(fresh(work / "limit.db"))], timing)


def bench_scale(folder: Path, work: Path, count: int, runs: int) -> dict[str, Timing]:
    """Ingest of the corpus's first tenth by newsarc, the peer and the limit: how each grows."""
    timings = {name: Timing() for name in ("newsarc", "peer", "limit")}
    folders = sorted((folder / "articles").iterdir())[: count // 10 // corpus.FILES_PER_FOLDER]
    jsonl = work / "tenth.jsonl"
    with open(folder / "articles.jsonl", "rb") as whole, open(jsonl, "wb") as tenth:
        tenth.writelines(itertools.islice(whole, count // 10))
    for _ in range(runs):
        archive = str(fresh(work / "tenth.db"))
        measure([NEWSARC, "ingest", "--db", archive, *map(str, folders)], timings["newsarc"])
        measure_peer(jsonl, work, timings["peer"])
        measure_limit(jsonl, work, timings["limit"])
    return timings


def bench_search(work: Path) -> list[tuple[str, Timing, Timing | None, Timing]]:
    db = str(work / "newsarc.db")
    cases = [
        ("rare term", [corpus.RARE_TERM], corpus.RARE_TERM, "", True),
        ("common term", [corpus.COMMON_TERM], corpus.COMMON_TERM, "", True),
        ("phrase", ['"government minister"'], '"government minister"', "", False),
        ("prefix", ["zanq*"], '"zanq"*', "", False),
        ("term and date range", [corpus.COMMON_TERM, "--since", "2010", "--until", "2012"], corpus.COMMON_TERM, DATE_RANGE_SQL, False),
    ]  # fmt: skip
    results = []
    out = work / "hits.txt"
    for label, args, match, where, with_peer in cases:
        ours, peer, limit = Timing(), Timing() if with_peer else None, Timing()
        for _ in range(SEARCH_RUNS):
            measure([NEWSARC, "search", "--db", db, *args], ours, out)
            if peer is not None:
                measure([SQLITE_UTILS, "search", db, "articles", match, "--limit", "20"], peer, out)
            measure([sys.executable, "-c", LIMIT_SEARCH, db, match, where], limit, out)
        results.append((label, ours, peer, limit))
    return results


def bench_export(work: Path, runs: int) -> tuple[Timing, Timing, Timing]:
    """newsarc's export of the whole archive, against the peer (`sqlite-utils query --nl` of the
    same columns) and the limit (LIMIT_EXPORT), each written to a file."""
    db, out = str(work / "newsarc.db"), work / "export.jsonl"
    ours, peer, limit = Timing(), Timing(), Timing()
    query = f"SELECT {EXPORT_COLUMNS} FROM articles ORDER BY id"
    for _ in range(runs):
        measure([NEWSARC, "export", "--jsonl", "--db", db], ours, out)
        measure([SQLITE_UTILS, "query", db, query, "--nl"], peer, out)
        measure([sys.executable, "-c", LIMIT_EXPORT, db, EXPORT_COLUMNS], limit, out)
    return ours, peer, limit


def report(
    count: int,
    ingest: dict[str, Timing],
    searches: list,
    export: tuple[Timing, Timing, Timing] | None,
    tenth: dict[str, Timing] | None = None,
) -> str:
    lines = [
        f"{count:,} articles; medians of whole-process runs; ratios are newsarc ÷ peer and newsarc ÷ limit.",
        "",
        "| measure | newsarc | peer (sqlite-utils) | limit (bare sqlite3) | ÷ peer | ÷ limit | target |",
        "|---|---|---|---|---|---|---|",
    ]
    n, p, lim = ingest["newsarc"], ingest["peer"], ingest["limit"]
    lines.append(
        f"| ingest (with clusters) | {n.median:.2f} s ({count / n.median:,.0f}/s) | {p.median:.2f} s | {lim.median:.2f} s "
        f"| {n.median / p.median:.2f} | {n.median / lim.median:.2f} | ≤ 1.0 and ≤ 2.0 |"
    )
    u = ingest["unclustered"]
    lines.append(
        f"| ingest, `--no-clusters` | {u.median:.2f} s ({count / u.median:,.0f}/s) | | "
        f"| {u.median / p.median:.2f} | {u.median / lim.median:.2f} "
        f"| clusters cost {n.median / u.median:.2f}× (≤ 1.3) |"
    )
    if tenth:
        t = tenth["newsarc"]
        growth = {name: ingest[name].median / tenth[name].median for name in tenth}
        lines.append(
            f"| ingest of the first tenth | {t.median:.2f} s ({count // 10 / t.median:,.0f}/s) "
            f"| {tenth['peer'].median:.2f} s | {tenth['limit'].median:.2f} s "
            f"| {t.median / tenth['peer'].median:.2f} | {t.median / tenth['limit'].median:.2f} "
            f"| whole ÷ tenth: {growth['newsarc']:.1f}× (≤ 12); peer {growth['peer']:.1f}×, "
            f"limit {growth['limit']:.1f}× |"
        )
    r = ingest["reingest"]
    lines.append(
        f"| re-ingest unchanged | {r.median:.2f} s | | | | | {r.median / n.median:.0%} of ingest (≤ 10%) |"
    )
    lines.append(
        f"| ingest peak memory | {n.peak_kib / 1024:.0f} MiB ({n.peak_kib * 1024 / 1e6:.0f} MB) "
        f"| {p.peak_kib / 1024:.0f} MiB | {lim.peak_kib / 1024:.0f} MiB | | | < 250 MB |"
    )
    for label, ours, peer, limit in searches:
        peer_cell = f"{peer.median * 1000:.0f} ms" if peer else ""
        peer_ratio = f"{ours.median / peer.median:.2f}" if peer else ""
        target = "≤ 0.5 and ≤ 1.5" if label == "rare term" else ""
        lines.append(
            f"| search, {label} | {ours.median * 1000:.0f} ms | {peer_cell} | {limit.median * 1000:.0f} ms "
            f"| {peer_ratio} | {ours.median / limit.median:.2f} | {target} |"
        )
    if export:
        ours, peer, limit = export
        lines.append(
            f"| export --jsonl | {ours.median:.2f} s ({count / ours.median:,.0f} rows/s), "
            f"peak {ours.peak_kib / 1024:.0f} MiB | {peer.median:.2f} s | {limit.median:.2f} s "
            f"| {ours.median / peer.median:.2f} | {ours.median / limit.median:.2f} "
            f"| ≥ 100,000 rows/s |"
        )
    # Every run, so that a reader can see the spread behind each median on a noisy machine.
    runs = "; ".join(
        f"{name} {' '.join(f'{s:.2f}' for s in timing.seconds)}"
        for name, timing in (
            ("with clusters", n),
            ("--no-clusters", u),
            ("peer", p),
            ("limit", lim),
        )
    )
    costs = " ".join(f"{a / b:.2f}" for a, b in zip(n.seconds, u.seconds, strict=True))
    lines += ["", f"Ingest runs in order, seconds: {runs}. Clusters cost, round by round: {costs}."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each ingest and export")
    parser.add_argument("--only", choices=["ingest", "all"], default="all")
    parser.add_argument(
        "--scale",
        action="store_true",
        help="also time ingest of the corpus's first tenth (at least 3 runs): how does time grow?",
    )
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    if args.scale and args.articles % (10 * corpus.FILES_PER_FOLDER):
        parser.error(f"--scale needs a multiple of {10 * corpus.FILES_PER_FOLDER:,} articles")
    folder = corpus.write(args.out / f"corpus-{args.articles}", args.articles)
    work = args.out / f"work-{args.articles}"
    work.mkdir(parents=True, exist_ok=True)
    print(f"corpus ready: {folder}", file=sys.stderr)
    ingest = bench_ingest(folder, work, args.runs)
    tenth = bench_scale(folder, work, args.articles, max(args.runs, 3)) if args.scale else None
    searches = bench_search(work) if args.only == "all" else []
    export = bench_export(work, args.runs) if args.only == "all" else None
    table = report(args.articles, ingest, searches, export, tenth)
    print(table)
    (args.out / f"results-{args.articles}.md").write_text(table + "\n", encoding="utf-8")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
