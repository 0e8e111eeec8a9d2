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
