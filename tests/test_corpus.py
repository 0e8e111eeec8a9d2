"""Optional checks on the real corpus beside the project; skipped when it is absent."""

import html
import json
import re

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
    assert (report["inputs"], report["failed"], report["updated"]) == (2225, 0, 0)
    # 98 files repeat another byte for byte (several repeat twice).
    assert report["new"] + report["duplicate"] == 2225
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


def test_bangladeshi_json_list_ingests_an_article_an_object(run: Run) -> None:
    crawl = SHARED_CORPUS / "bd-english" / "english_articles_only.json"
    report = json.loads(run("ingest", "--json", str(crawl)).stdout)
    assert (report["inputs"], report["failed"]) == (648, 0)
    assert report["new"] + report["duplicate"] == 648
    stats = json.loads(run("stats", "--json").stdout)
    assert {outlet["name"] for outlet in stats["outlets"]} >= {"Dhaka Tribune", "BSS News"}
    assert json.loads(run("ingest", "--json", str(crawl)).stdout)["unchanged"] == 648


def test_reuters_datelines_leave_the_body() -> None:
    sgml = (SHARED_CORPUS / "reuters21578" / "reut2-000.sgm").read_text(encoding="latin-1")
    stories = []
    for story in re.findall(r"<REUTERS.*?</REUTERS>", sgml, re.S):
        parts = [
            re.search(rf"<{tag}>(.*?)</{tag}>", story, re.S)
            for tag in ("TITLE", "DATELINE", "BODY")
        ]
        if all(parts):
            stories.append(
                html.unescape("{}\n{} {}".format(*(p.group(1).strip() for p in parts if p)))
            )
    assert len(stories) > 700
    placed = 0
    for text in stories:
        article = normalize(text)
        placed += article.dateline is not None
        assert article.published is None  # Reuters datelines carry no year
        assert not re.match(r"[A-Z]+, \w+ \d+ -", article.body)
    assert placed / len(stories) > 0.98
