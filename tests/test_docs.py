"""Every command has help with an example and appears in the README."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarc import __version__
from newsarc.cli import cli
from newsarc.engine import sqlite3

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_in_the_readme(command: str) -> None:
    assert f"newsarc {command}" in README


VERSION_LINE = f"newsarc, version {__version__} (SQLite {sqlite3.sqlite_version})\n"


def test_version() -> None:
    assert CliRunner().invoke(cli, ["--version"]).stdout == VERSION_LINE


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "newsarc", "--version"], capture_output=True, text=True
    )
    assert result.stdout == VERSION_LINE


def test_export_help_names_every_field_of_the_record() -> None:
    from newsarc.sql import RECORD_COLUMNS

    words = {
        word.strip(",.:") for word in CliRunner().invoke(cli, ["export", "--help"]).stdout.split()
    }
    assert set(RECORD_COLUMNS) <= words
