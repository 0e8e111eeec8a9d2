"""The installed newsarc, whose normalizer, date parser and fingerprints are compiled to C
(setup.py), reads every sample and every test row's text, and fingerprints every body, as the
plain Python of this tree does. Tests import the tree; these run the installed package in a
process of its own."""

import json
import os
import random
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest
from conftest import DATA, SAMPLES, SHARED_CORPUS
from test_dates import ROWS as DATE_ROWS
from test_dates import TODAY
from test_normalize import (
    CREDIT_ROWS,
    DATED_CREDIT_ROWS,
    DATELINE_ROWS,
    TIMESTAMP_LINE_ROWS,
    lead,
)

from newsarc import similarity
from newsarc.dates import parse_published
from newsarc.errors import NotAnArticle
from newsarc.ingest import decode
from newsarc.normalize import clean_text, normalize
from newsarc.similarity import CHUNK, MIN_WORDS

# Run in the installed package: what it reads, as JSON, or null when nothing there is compiled.
READ_INSTALLED = """
import json, sys
from dataclasses import asdict
from datetime import date
from importlib.machinery import EXTENSION_SUFFIXES
import newsarc.dates, newsarc.normalize
if not newsarc.normalize.__file__.endswith(tuple(EXTENSION_SUFFIXES)):
    print("null")
    sys.exit()
from newsarc.errors import NotAnArticle
texts, dates, today = json.load(sys.stdin)
def read(text):
    try:
        return asdict(newsarc.normalize.normalize(text))
    except NotAnArticle as problem:
        return str(problem)
print(json.dumps({
    "cleaned": [newsarc.normalize.clean_text(text) for text in texts],
    "articles": [read(text) for text in texts],
    "dates": [newsarc.dates.parse_published(text, today=date.fromisoformat(today)) for text in dates],
}))
"""


def read_here(texts: list[str], dates: list[str]) -> dict[str, list[object]]:
    def read(text: str) -> object:
        try:
            return asdict(normalize(text))
        except NotAnArticle as problem:
            return str(problem)

    return {
        "cleaned": [clean_text(text) for text in texts],
        "articles": [read(text) for text in texts],
        "dates": [parse_published(text, today=TODAY) for text in dates],
    }


def sample_texts() -> list[str]:
    texts = []
    for path in sorted([*SAMPLES.rglob("*"), *DATA.glob("*.txt")]):
        if path.is_file():
            try:
                texts.append(decode(path.read_bytes())[0])
            except NotAnArticle:  # binary samples
                continue
    texts += [lead(row[1]) for row in DATELINE_ROWS]
    texts += [f"A headline\n{row[1]}\n\nThe body of the story.\n" for row in CREDIT_ROWS]
    texts += [f"A headline\n{row[1]}\n\nThe body of the story.\n" for row in TIMESTAMP_LINE_ROWS]
    texts += [f"A title\n\nA title {row[1]}\n\nThe story.\n" for row in DATED_CREDIT_ROWS]
    return texts


def corpus_texts() -> list[str]:
    """A few hundred real articles when the corpus is beside the project."""
    if not SHARED_CORPUS.is_dir():
        return []
    records = json.loads((SHARED_CORPUS / "bd-english" / "english_articles_only.json").read_text())
    texts = [f"{record['title']}\n\n{record['body']}" for record in records]
    files = sorted((SHARED_CORPUS / "bbc").rglob("*.txt"))[::10]
    return texts + [decode(path.read_bytes())[0] for path in files]


def run_installed(script: str, given: object, folder: Path) -> object:
    """What `script` prints as JSON, run by the installed package with `given` as JSON on its
    standard input; the test is skipped when the package is not installed or not compiled."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(given),
        capture_output=True,
        text=True,
        cwd=folder,  # away from this tree, so that the installed package is imported
        env=environment,
    )
    if "No module named 'newsarc'" in result.stderr:
        pytest.skip("newsarc is not installed (make test installs it)")
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    if printed is None:
        pytest.skip("installed without compiled modules (no C compiler at install time)")
    return printed


def test_installed_compiled_modules_read_as_the_source_does(tmp_path: Path) -> None:
    texts = sample_texts() + corpus_texts()
    dates = [row[1] for row in DATE_ROWS] + [row[1] for row in TIMESTAMP_LINE_ROWS]
    installed = run_installed(READ_INSTALLED, [texts, dates, TODAY.isoformat()], tmp_path)
    assert len(texts) > 50  # samples and test rows; ~870 more with the corpus
    assert installed == json.loads(json.dumps(read_here(texts, dates)))


# Run in the installed package: each body's fingerprint as [signature hex, keys] or null, or
# null alone when the fingerprints there are not compiled.
FINGERPRINT_INSTALLED = """
import json, sys
from newsarc import similarity
if similarity._minhash is None:
    print("null")
    sys.exit()
prints = similarity.fingerprints(json.load(sys.stdin))
print(json.dumps([p and [p.signature.hex(), p.keys] for p in prints]))
"""


def fingerprint_bodies() -> list[str]:
    """Bodies of every shape the C and numpy fingerprints must agree on: articles, short ones,
    words of one letter, non-ASCII and unspaced scripts, and words longer than a chunk, which
    both cut where the chunk ends."""
    generator = random.Random(5)
    vocabulary = ["the", "a", "Moscow", "ceasefire", "x_y", "d-e", "ünï", "中文", "12", "?!", ""]
    bodies = [
        body for text in sample_texts() + corpus_texts()[:200] if (body := article_body(text))
    ]
    bodies += [
        " ".join(generator.choice(vocabulary) for _ in range(generator.randint(0, 400)))
        for _ in range(300)
    ]
    bodies += [
        "",
        "word " * (MIN_WORDS - 1),
        "word " * MIN_WORDS,
        "\t\n".join(f"w{i}" for i in range(100)),
        "中文的新闻报道" * 20_000,  # one "word" of 420,000 bytes
        "x" * (CHUNK + 10) + " then some words" * 40,
        ("y" * (CHUNK // 2) + " ") * 5 + "z " * 100,
        " ".join(["The story goes on."] * 5_000),  # past GROUP_BYTES and CHUNK
    ]
    return bodies


def article_body(text: str) -> str | None:
    try:
        return normalize(text).body
    except NotAnArticle:
        return None


def test_installed_compiled_fingerprints_are_those_of_numpy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Archives keep signatures and keys: an install with the C fingerprints and one without
    must give every body the same, or copies ingested by each would never cluster."""
    bodies = fingerprint_bodies()
    installed = run_installed(FINGERPRINT_INSTALLED, bodies, tmp_path)
    monkeypatch.setattr(similarity, "_minhash", None)  # this tree's numpy, even if built here
    here = [p and [p.signature.hex(), list(p.keys)] for p in similarity.fingerprints(bodies)]
    assert sum(p is not None for p in here) > 300
    assert installed == here
