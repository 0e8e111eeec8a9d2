"""Fixtures: a temporary archive per test (NEWSARC_DB), an ingested sample archive, a runner."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsarc.cli import cli

ROOT = Path(__file__).parent.parent
SAMPLES = Path(__file__).parent / "samples"
DATA = ROOT / "data"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"

Run = Callable[..., Result]


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "archive.db"
    monkeypatch.setenv("NEWSARC_DB", str(path))
    monkeypatch.delenv("NEWSARC_INBOX", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return path


@pytest.fixture
def run(db_path: Path) -> Run:
    """Invoke the CLI against the test's archive; stdout and stderr are kept apart."""
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(
            cli, list(args), input=input, catch_exceptions=False, prog_name="newsarc"
        )

    return invoke


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A copy of the sample articles in data/, free to change."""
    folder = tmp_path / "inbox"
    shutil.copytree(DATA, folder)
    return folder


@pytest.fixture
def ingested(run: Run, inbox: Path) -> Path:
    """An archive holding the sample articles, ids in file-name order."""
    result = run("ingest", str(inbox))
    assert result.exit_code == 0, result.output
    return inbox


def read_export(path: Path, place: int) -> dict[str, object]:
    """One article of a many-article file (an export, a feed) as the ingest reads it."""
    from newsarc import exports
    from newsarc.ingest import MARKUP_SUFFIXES, decode
    from newsarc.normalize import clean_text, normalize_cleaned

    text, _ = decode(path.read_bytes())
    found = exports.split(text, html_file=path.name.endswith(MARKUP_SUFFIXES))
    assert found is not None
    format, pieces = found
    exported = exports.render(format, pieces[place])
    article = exported.completed(
        normalize_cleaned(clean_text(exported.text), headline_first=exported.headline_first)
    )
    return vars(article) | {"outlet": exported.outlet, "format": format}
