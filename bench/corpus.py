"""A synthetic corpus in the shapes newsarc reads, plus the same articles pre-extracted as JSONL.

Half the articles are scraped pages like the seed (chrome, a POST TIME line with the malformed
clock, headline, deck, credit line, the headline again, body); half are wire copy (headline,
byline, a lead opening with a dateline such as ``DHAKA, Feb 15, 2026 (BSS) -``). Bodies are
~500 words drawn from a Zipf-like vocabulary, so full-text indexing sees a realistic spread of
rare and common terms. The same seed gives the same corpus.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

AGENCIES = ("AFP", "AP", "Reuters", "BSS", "UNB", "Xinhua", "PTI", "dpa")
PLACES = (
    "Moscow", "Washington", "Dhaka", "Beirut", "London", "Paris", "Ankara", "Tokyo", "Cairo",
    "Delhi", "Berlin", "Nairobi", "Lima", "Jakarta", "Sydney", "Toronto", "Rajshahi", "Khulna",
)  # fmt: skip
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
SYLLABLES = ("ka", "lo", "mi", "ra", "te", "su", "ne", "po", "di", "va", "sha", "gor", "tin",
             "bel", "mar", "que", "zan", "dro", "fen", "hul", "ix", "ost", "pra", "wen")  # fmt: skip
FILES_PER_FOLDER = 1000
# Words known to be in the corpus at a given frequency, for the search benchmark.
RARE_TERM = "zanquefen"
COMMON_TERM = "government"


@dataclass
class Synthetic:
    text: str
    record: dict[str, object]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Common English news words first, then invented words: rank order for the Zipf draw."""
    common = [
        *[
            "the",
            "of",
            "to",
            "and",
            "in",
            "a",
            "said",
            "on",
            "for",
            "that",
            "is",
            "was",
            "with",
            "by",
            "at",
            "from",
            "as",
            "it",
            "has",
            "his",
            "be",
        ],
        *[
            "government",
            "minister",
            "president",
            "police",
            "people",
            "year",
            "told",
            "officials",
            "would",
            "will",
        ],
        *[
            "are",
            "were",
            "their",
            "after",
            "new",
            "two",
            "country",
            "week",
            "talks",
            "city",
            "court",
            "party",
            "state",
        ],
        *["military", "election", "forces"],
    ]
    words = list(dict.fromkeys(common))
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen and word != RARE_TERM:
            seen.add(word)
            words.append(word)
    return words


def articles(count: int, seed: int = 7) -> Iterator[Synthetic]:
    rng = random.Random(seed)
    words = vocabulary(40_000, rng)
    weights = list(itertools.accumulate(1 / (rank + 1) ** 1.05 for rank in range(len(words))))
    for number in range(count):
        draw = rng.choices(words, cum_weights=weights, k=500)
        if number % 1000 == 0:
            draw[rng.randrange(len(draw))] = RARE_TERM
        paragraphs = [
            " ".join(draw[i : i + 60]).capitalize() + "." for i in range(0, len(draw), 60)
        ]
        headline = " ".join(rng.choices(words[:3000], k=rng.randint(5, 10))).capitalize()
        deck = " ".join(rng.choices(words[:3000], k=8)).capitalize()
        agency, place = rng.choice(AGENCIES), rng.choice(PLACES)
        year, month, day = rng.randint(2000, 2025), rng.randint(1, 12), rng.randint(1, 28)
        published = f"{year:04d}-{month:02d}-{day:02d}"
        if number % 2:
            text = (
                f"logo\nPOST TIME: {day} {MONTHS[month - 1]}, {year} 00:00 00 AM\n{headline}\n"
                f"{deck}\n{agency}, {place}\n\n{headline}\n\n" + "\n\n".join(paragraphs) + "\n"
            )
            record_deck: str | None = deck
        else:
            lead = f"{place.upper()}, {MONTHS[month - 1][:3]} {day}, {year} ({agency}) - "
            text = f"{headline}\nBy Staff Writer\n\n{lead}" + "\n\n".join(paragraphs) + "\n"
            record_deck = None
        record = {
            "headline": headline,
            "deck": record_deck,
            "agencies": [agency],
            "dateline": place,
            "published": published,
            "body": "\n\n".join(paragraphs),
        }
        yield Synthetic(text, record)


def write(folder: Path, count: int) -> Path:
    """Write `count` article files under folder/articles and folder/articles.jsonl; reuse if there."""
    done = folder / f".complete-{count}"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as jsonl:
        for number, article in enumerate(articles(count)):
            sub = folder / "articles" / f"{number // FILES_PER_FOLDER:04d}"
            if number % FILES_PER_FOLDER == 0:
                sub.mkdir(parents=True, exist_ok=True)
            (sub / f"{number:07d}.txt").write_text(article.text, encoding="utf-8")
            jsonl.write(json.dumps(article.record) + "\n")
    done.touch()
    return folder
