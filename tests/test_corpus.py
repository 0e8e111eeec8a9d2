"""Optional checks on the real corpus beside the project; skipped when it is absent."""

import json
import re
import sqlite3
from pathlib import Path

import pytest
from conftest import DATA, SHARED_CORPUS, Run

from newsarc.normalize import normalize

pytestmark = pytest.mark.skipif(
    not SHARED_CORPUS.is_dir(), reason="the shared corpus is not beside the project"
)


def test_seed_in_data_is_the_seed() -> None:
    (seed,) = (SHARED_CORPUS / "seed").glob("*.txt")
    assert seed.read_bytes() == (DATA / seed.name).read_bytes()


def test_bbc_ingests_whole_with_its_repeats_folded(run: Run) -> None:
    result = run("ingest", "--json", str(SHARED_CORPUS / "bbc"))
    report = json.loads(result.stdout)
    # 2,225 articles and the collection's README.TXT, read as *.txt whatever the case.
    assert (report["inputs"], report["failed"], report["updated"]) == (2226, 0, 0)
    # 98 files repeat another byte for byte (several repeat twice).
    assert report["new"] + report["duplicate"] == 2226
    assert 90 <= report["duplicate"] <= 130
    assert json.loads(run("search", "--json", "headline:Mutu", "sacked").stdout)  # Latin-1 file
    text = run("export", "--jsonl", "--agency", "AFP").stdout
    assert "Ã" not in text


def test_bbc_latin1_file_keeps_its_pound_sign(run: Run) -> None:
    run("ingest", str(SHARED_CORPUS / "bbc" / "sport" / "199.txt"))
    record = json.loads(run("show", "1", "--json").stdout)
    assert "£" in record["body"] and "Ã" not in record["body"]


def test_bangladeshi_articles_yield_agency_datelines() -> None:
    records = json.loads((SHARED_CORPUS / "bd-english" / "english_articles_only.json").read_text())
    articles = [normalize(f"{r['title']}\n\n{r['body']}") for r in records]
    with_dateline = [a for a in articles if a.agencies and a.published]
    assert len(with_dateline) >= 60
    for article in with_dateline:
        assert not re.match(r"^[A-Z]{3,}, \w+ \d", article.body), article.body[:80]
        assert article.published.startswith(("2024", "2025", "2026"))


def test_bangladeshi_credit_lines_run_into_the_headline_are_read() -> None:
    """One site prints the headline again with the credit line on the same line: "... stokes
    uncertainty LONDON, Dec 17 (Reuters)", "... Staff Correspondent, Dhaka (Monday, ...)"."""
    records = json.loads((SHARED_CORPUS / "bd-english" / "english_articles_only.json").read_text())
    credit = re.compile(r" .{0,25}(\((?:Reuters|BSS)\)|Correspondent, Dhaka \(.*\d{4}\))$")
    run_together = [
        r
        for r in records
        if (first := r["body"].split("\n")[0].replace("’", "'")).startswith(r["title"])
        and credit.match(first[len(r["title"]) :])
    ]
    assert len(run_together) >= 10
    for record in run_together:
        article = normalize(f"{record['title']}\n\n{record['body']}")
        assert article.agencies or article.byline == "Staff Correspondent"
        assert article.dateline and article.published_raw
        assert not article.body.replace("’", "'").startswith(record["title"])


def test_bangladeshi_json_list_ingests_an_article_an_object(run: Run) -> None:
    crawl = SHARED_CORPUS / "bd-english" / "english_articles_only.json"
    report = json.loads(run("ingest", "--json", str(crawl)).stdout)
    assert (report["inputs"], report["failed"]) == (648, 0)
    assert report["new"] + report["duplicate"] == 648
    stats = json.loads(run("stats", "--json").stdout)
    assert {outlet["name"] for outlet in stats["outlets"]} >= {"Dhaka Tribune", "BSS News"}
    again = json.loads(run("ingest", "--json", str(crawl)).stdout)
    assert (again["inputs"], again["unchanged"]) == (1, 1)  # the file, skipped unread


def test_reuters_sgml_ingests_a_story_an_input(run: Run, db_path: Path) -> None:
    sgml = SHARED_CORPUS / "reuters21578" / "reut2-000.sgm"
    report = json.loads(run("ingest", "--json", str(sgml)).stdout)
    assert (report["inputs"], report["failed"], report["undated"]) == (1000, 0, 0)
    with sqlite3.connect(db_path) as db:
        records = db.execute("SELECT headline, dateline, body, outlet FROM articles").fetchall()
    stories = [record for record in records if record[2]]  # briefs are headlines alone
    assert len(stories) > 900
    assert {record[3] for record in records} == {"Reuters"}
    assert sum(record[1] is not None for record in stories) / len(stories) > 0.97
    # The dateline left the body, but for a typo or two of the wire ("NEW YORK, Narch 2 -").
    assert sum(bool(re.match(r"[A-Z ]+, \w+ \d+ -", story[2])) for story in stories) <= 2
    for _, _, body, _ in stories:
        assert not re.search(r"&#\d+;|</?(?:BODY|TEXT|TITLE|DATELINE|AUTHOR)>|\bReuter$", body)


def test_news_database_exports_ingest_an_article_an_input(run: Run, db_path: Path) -> None:
    folder = SHARED_CORPUS / "news-db-exports"
    report = json.loads(run("ingest", "--json", "--glob", "*", str(folder)).stdout)
    assert (report["inputs"], report["new"], report["failed"]) == (939, 939, 0)
    with sqlite3.connect(db_path) as db:
        counts = dict(db.execute("SELECT encoding, count(*) FROM articles GROUP BY encoding"))
        undated = db.execute("SELECT count(*) FROM articles WHERE published IS NULL").fetchone()
        labels = db.execute(
            "SELECT count(*) FROM articles WHERE body GLOB '*LOAD-DATE:*' OR body GLOB '*LENGTH:*'"
            " OR headline GLOB '*DOCUMENTS*' OR body GLOB '*articleParagraph*'"
        ).fetchone()
    assert counts == {"factiva-html": 378, "nexis-html": 551, "nexis": 10}
    assert undated == labels == (0,)
    assert run("reindex").stdout.startswith("Re-read 939 articles: 0 changed, 0 could not")
