"""The installed newsarc, whose normalizer and date parser are compiled to C (setup.py), reads
every sample and every test row's text as the plain Python of this tree does. Tests import the
tree; this one runs the installed package in a process of its own."""

import json
import os
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

from newsarc.dates import parse_published
from newsarc.errors import NotAnArticle
from newsarc.ingest import decode
from newsarc.normalize import clean_text, normalize

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


def test_installed_compiled_modules_read_as_the_source_does(tmp_path: Path) -> None:
    texts = sample_texts() + corpus_texts()
    dates = [row[1] for row in DATE_ROWS] + [row[1] for row in TIMESTAMP_LINE_ROWS]
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", READ_INSTALLED],
        input=json.dumps([texts, dates, TODAY.isoformat()]),
        capture_output=True,
        text=True,
        cwd=tmp_path,  # away from this tree, so that the installed package is imported
        env=environment,
    )
    if "No module named 'newsarc'" in result.stderr:
        pytest.skip("newsarc is not installed (make test installs it)")
    assert result.returncode == 0, result.stderr
    installed = json.loads(result.stdout)
    if installed is None:
        pytest.skip("installed without compiled modules (no C compiler at install time)")
    assert len(texts) > 50  # samples and test rows; ~870 more with the corpus
    assert installed == json.loads(json.dumps(read_here(texts, dates)))
