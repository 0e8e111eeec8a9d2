"""Precision and recall of near-duplicate clusters on real articles and edited copies of them.

Takes the BBC News set (2,225 articles, 2004-05), writes every distinct article as a dated
file, adds synthetic syndicated copies of a sample (trimmed, re-headed, edited, paragraphs
reordered or dropped, published a day or two later by another outlet) and a few copies dated
outside the time window, ingests all of it with newsarc and scores the pairs its clusters make:

- recall: true pairs (an original and its copies, copies of one original) put in one cluster;
- precision: of the clustered pairs that involve a synthetic copy, how many are true pairs.
Pairs among the original articles are counted apart: the set holds real near-duplicates of its
own (updated versions of a story), which this script cannot label.

    python bench/dupes.py [--corpus ../shared/corpus/bbc] [--originals 400]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import subprocess
import sys
import tempfile
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from newsarc.normalize import normalize

ROOT = Path(__file__).parent.parent
NEWSARC = [sys.executable, "-m", "newsarc"]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def trim(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Drop paragraphs from the end while at least 70% of the words stay."""
    kept = list(paragraphs)
    total = sum(len(p.split()) for p in paragraphs)
    while (
        len(kept) > 1
        and sum(len(p.split()) for p in kept[:-1]) >= 0.7 * total
        and rng.random() < 0.9
    ):
        kept.pop()
    return kept


def drop_middle(paragraphs: list[str], rng: random.Random) -> list[str]:
    if len(paragraphs) < 4:
        return paragraphs
    total = sum(len(p.split()) for p in paragraphs)
    index = rng.randrange(1, len(paragraphs) - 1)
    if len(paragraphs[index].split()) > 0.3 * total:
        return paragraphs
    return paragraphs[:index] + paragraphs[index + 1 :]


def edit(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Typos and small rewordings in about 3% of the words."""

    def touch(word: str) -> str:
        if rng.random() > 0.03 or len(word) < 4:
            return word
        i = rng.randrange(len(word) - 1)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]

    return [" ".join(touch(w) for w in p.split()) for p in paragraphs]


def reorder(paragraphs: list[str], rng: random.Random) -> list[str]:
    if len(paragraphs) < 3:
        return paragraphs
    moved = list(paragraphs)
    i, j = rng.sample(range(len(moved)), 2)
    moved[i], moved[j] = moved[j], moved[i]
    return moved


EDITS = {
    "trimmed": [trim],
    "paragraph-dropped": [drop_middle],
    "edited": [edit],
    "reordered": [reorder],
    "trimmed+edited": [trim, edit],
    "reordered+edited+trimmed": [reorder, edit, trim],
    "dropped+edited+trimmed": [drop_middle, edit, trim, trim],
}


def article_file(headline: str, published: date, outlet: str, paragraphs: list[str]) -> str:
    stamp = f"{published.day} {MONTHS[published.month - 1]}, {published.year}"
    return f"{headline}\nPublished: {stamp}\n{outlet}\n\n" + "\n\n".join(paragraphs) + "\n"


def kept_fraction(original: list[str], copy: list[str]) -> float:
    before = [w for p in original for w in p.split()]
    after = set(w for p in copy for w in p.split())
    return sum(1 for w in before if w in after) / max(1, len(before))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc")
    parser.add_argument("--originals", type=int, default=400)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"no corpus at {args.corpus}")
    rng = random.Random(args.seed)
    articles: dict[str, tuple[str, list[str]]] = {}
    for path in sorted(args.corpus.glob("*/*.txt")):
        raw = path.read_bytes()
        text = raw.decode("utf-8") if raw.isascii() or _utf8(raw) else raw.decode("cp1252")
        record = normalize(text)
        digest = hashlib.sha1(record.body.encode()).hexdigest()
        articles.setdefault(digest, (record.headline, record.body.split("\n\n")))
    names = sorted(articles)
    start = date(2005, 1, 1)
    dated = {name: start + timedelta(days=rng.randrange(700)) for name in names}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "articles"
        root.mkdir()
        for name in names:
            headline, paragraphs = articles[name]
            (root / f"{name}.txt").write_text(
                article_file(headline, dated[name], "BBC News", paragraphs), encoding="utf-8"
            )
        truth: set[frozenset[str]] = set()
        kinds: dict[str, str] = {}
        retained: dict[str, float] = {}
        out_of_window: list[tuple[str, str]] = []
        sample = rng.sample(
            [n for n in names if sum(len(p.split()) for p in articles[n][1]) >= 120], args.originals
        )
        for number, name in enumerate(sample):
            headline, paragraphs = articles[name]
            family = [name]
            for copy in range(rng.randint(1, 3)):
                kind = rng.choice(list(EDITS))
                edited = paragraphs
                for step in EDITS[kind]:
                    edited = step(edited, rng)
                title = (
                    headline
                    if rng.random() < 0.5
                    else f"{headline.split()[0]} update: " + " ".join(headline.split()[1:])
                )
                copy_name = f"copy-{number}-{copy}"
                when = dated[name] + timedelta(days=rng.randint(0, 3))
                (root / f"{copy_name}.txt").write_text(
                    article_file(title, when, f"Paper {copy}", edited), encoding="utf-8"
                )
                family.append(copy_name)
                kinds[copy_name] = kind
                retained[copy_name] = kept_fraction(paragraphs, edited)
            truth.update(frozenset(pair) for pair in itertools.combinations(family, 2))
            if number % 10 == 0:  # the same story a month later: outside the window
                late = f"late-{number}"
                (root / f"{late}.txt").write_text(
                    article_file(
                        headline, dated[name] + timedelta(days=30), "Late Paper", paragraphs
                    ),
                    encoding="utf-8",
                )
                out_of_window.append((name, late))
        db = Path(folder) / "archive.db"
        subprocess.run(
            [*NEWSARC, "ingest", "--db", str(db), str(root)], check=True, capture_output=True
        )
        export = subprocess.run(
            [*NEWSARC, "export", "--jsonl", "--db", str(db)],
            check=True,
            capture_output=True,
            text=True,
        )
    cluster_of: dict[str, int] = {}
    members: dict[int, list[str]] = defaultdict(list)
    for line in export.stdout.splitlines():
        record = json.loads(line)
        name = Path(record["source_path"]).stem
        cluster_of[name] = record["cluster_id"]
        members[record["cluster_id"]].append(name)
    predicted = {
        frozenset(pair) for group in members.values() for pair in itertools.combinations(group, 2)
    }
    synthetic = {p for p in predicted if any(n.startswith(("copy-", "late-")) for n in p)}
    found = truth & predicted
    precision = len(synthetic & truth) / max(1, len(synthetic))
    recall = len(found) / len(truth)
    kept70 = {p for p in truth if all(retained.get(n, 1.0) >= 0.7 for n in p)}
    print(
        f"articles: {len(names):,} distinct BBC originals, {len(kinds):,} synthetic copies of {len(sample)}"
    )
    print(f"true pairs: {len(truth):,}; clustered pairs involving a copy: {len(synthetic):,}")
    print(
        f"precision {precision:.3f}   recall {recall:.3f}   recall on copies keeping >= 70% of the text {len(kept70 & predicted) / max(1, len(kept70)):.3f}"
    )
    for kind in EDITS:
        pairs = {p for p in truth if any(kinds.get(n) == kind for n in p)}
        print(
            f"  {kind:28s} recall {len(pairs & predicted) / max(1, len(pairs)):.3f} ({len(pairs)} pairs)"
        )
    late_clustered = sum(cluster_of[a] == cluster_of[b] for a, b in out_of_window)
    print(
        f"copies 30 days later (outside the 7-day window) clustered: {late_clustered} of {len(out_of_window)}"
    )
    bbc_pairs = {p for p in predicted if not any(n.startswith(("copy-", "late-")) for n in p)}
    print(
        f"pairs among the original BBC articles (real updated versions, unlabelled): {len(bbc_pairs)}"
    )
    wrong = sorted(synthetic - truth, key=sorted)[:5]
    for pair in wrong:
        print("  false pair:", " ~ ".join(sorted(pair)))


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


if __name__ == "__main__":
    main()
