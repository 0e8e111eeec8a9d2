"""Texts that open with front matter: Markdown clippings, static sites' posts, Pandoc."""

import json
from pathlib import Path

import pytest
from conftest import SAMPLES, Run

from newsarc import frontmatter

CLIPPINGS = SAMPLES / "clippings"


def fields(name: str) -> dict[str, object]:
    record = frontmatter.read((CLIPPINGS / name).read_text(encoding="utf-8"))
    assert record is not None
    return {key: value for key, value in record.items() if key != "body"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (  # Obsidian's Web Clipper: writers as links to notes, the title printed again
            "obsidian.md",
            {
                "title": "EU agrees new rules on AI chips export",
                "published": "2025-03-18",
                "authors": ["Marta Kowalska"],
            },
        ),
        (  # Jekyll: a time with its offset, the excerpt as the summary
            "jekyll.md",
            {
                "title": "Flooding forces thousands from homes in northern Italy",
                "published": "2024-05-17 09:30:00 +0200",
                "authors": ["Giulia Rossi"],
                "description": "Heavy rain swelled rivers across Emilia-Romagna overnight.",
            },
        ),
        (  # Hugo's TOML: its time a TOML date
            "hugo.md",
            {
                "title": "Central bank holds rates steady, signals cut later this year",
                "published": "2024-06-12T14:00:00-04:00",
                "authors": ["Sam Patel", "Lee Wong"],
                "description": "Policymakers kept the benchmark rate unchanged for a seventh"
                " meeting.",
            },
        ),
        (  # MarkDownload: the title a heading, the summary a quote; `created` is not the date
            "markdownload.md",
            {
                "title": "Tibet earthquake: Rescuers search for survivors in freezing temperatures",
                "authors": ["Laura Bicker"],
                "description": "At least 126 people have been killed after a 7.1-magnitude"
                " earthquake struck a remote region.",
            },
        ),
        (  # Pandoc: writers as objects, the block closed by "..."
            "pandoc.md",
            {
                "title": "Parliament passes budget after marathon session",
                "published": "12 March 2024",
                "authors": ["Ana Lima"],
                "description": "Lawmakers approved the spending plan by a narrow margin.",
            },
        ),
    ],
)
def test_the_fields_of_front_matter(name: str, expected: dict[str, object]) -> None:
    assert fields(name) == expected


def test_the_body_is_the_text_under_the_front_matter() -> None:
    record = frontmatter.read((CLIPPINGS / "markdownload.md").read_text(encoding="utf-8"))
    assert record is not None
    body = record["body"]
    assert body.startswith("---\n\nRescuers are searching")  # the rule goes with the chrome
    assert '\n> "The houses collapsed in seconds," one resident' in body  # Markdown, as written
    assert "Excerpt" not in body


@pytest.mark.parametrize(
    "text",
    [
        "---\nStorm knocks out power\n---\nBy Tom Hart\n\nLONDON (Reuters) - A storm.",  # rules
        "---\ntags: [a, b]\n---\n\n# Markets rally\n\nStocks rose.",  # no field of an article
        '---\ntitle: "Unclosed quote\ndate: 2024-01-01\n---\n\nSome text.',  # not YAML
        "---\ntitle: Never closed\n\nSome text.",  # no closing fence
        "+++\ntitle = 'Unclosed\n+++\n\nSome text.",  # not TOML
        "--- title: Inline\n---\n\nSome text.",  # a fence has its line to itself
        "Headline\n---\ntitle: Later\n---\n\nSome text.",  # not at the start
        "---\n- a list\n- of items\n---\n\nSome text.",  # not a mapping
    ],
)
def test_texts_without_front_matter(text: str) -> None:
    assert frontmatter.read(text) is None


def test_windows_line_endings_and_unquoted_links() -> None:
    text = "---\r\ntitle: Ports reopen\r\nauthor: [[Jane Doe]]\r\n---\r\n\r\n# Ports reopen\r\n\r\nShips sailed."
    assert frontmatter.read(text) == {
        "title": "Ports reopen",
        "body": "Ships sailed.",
        "authors": ["Jane Doe"],
    }


def test_a_site_is_the_outlet_but_a_link_is_not() -> None:
    record = frontmatter.read("---\ntitle: A\nsite: The Example Times\n---\n\nText.")
    assert record is not None and record["source"] == "The Example Times"
    record = frontmatter.read("---\ntitle: A\nsource: https://example.com/a\n---\n\nText.")
    assert record is not None and "source" not in record


def test_clippings_are_ingested_and_reindexed_unchanged(run: Run, tmp_path: Path) -> None:
    result = run("ingest", "--glob", "*.md", str(CLIPPINGS))
    assert result.exit_code == 0, result.output
    records = {
        Path(record["source_path"]).name: record
        for record in map(json.loads, run("export", "--jsonl").stdout.splitlines())
    }
    obsidian = records["obsidian.md"]
    assert (obsidian["headline"], obsidian["byline"], obsidian["published"]) == (
        "EU agrees new rules on AI chips export",
        "Marta Kowalska",
        "2025-03-18",
    )
    # the wire dateline under the front matter is read as in any text
    assert (obsidian["agencies"], obsidian["dateline"]) == (["Reuters"], "Brussels")
    assert obsidian["body"].startswith("European Union countries agreed")
    assert records["hugo.md"]["published"] == "2024-06-12T14:00:00-04:00"
    assert records["jekyll.md"]["published"] == "2024-05-17T09:30:00+02:00"
    markdownload = records["markdownload.md"]
    assert markdownload["published"] is None  # when it was clipped is not when it was published
    assert '\n\n"The houses collapsed in seconds,"' in markdownload["body"]  # no quote's mark
    assert markdownload["deck"].startswith("At least 126 people")
    original = run("show", str(obsidian["id"]), "--raw").stdout
    assert original.startswith("---\ntitle:")  # the file as it was, front matter and all
    assert run("reindex").stdout.startswith("Re-read 5 articles: 0 changed")


def test_front_matter_on_standard_input(run: Run) -> None:
    text = (CLIPPINGS / "pandoc.md").read_text(encoding="utf-8")
    assert run("ingest", "-", input=text).exit_code == 0
    record = json.loads(run("show", "1", "--json").stdout)
    assert (record["headline"], record["byline"]) == (
        "Parliament passes budget after marathon session",
        "Ana Lima",
    )
