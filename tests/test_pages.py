"""News sites' article pages saved as HTML."""

import json
from pathlib import Path

import pytest
from conftest import SAMPLES, Run

from newsarc import pages

PAGES = SAMPLES / "pages"


def test_a_page_with_json_ld_and_an_article_element() -> None:
    record = pages.read_page((PAGES / "storm.html").read_text(encoding="utf-8"))
    assert record is not None
    assert {key: value for key, value in record.items() if key != "body"} == {
        "title": "Storm Ciarán: Thousands without power as winds hit 100mph",  # the page's <h1>
        "published": "2023-11-02T07:14:21.000Z",
        "authors": ["Jane Doe"],
        "description": "Gusts of up to 100mph battered Cornwall and the Channel Islands overnight.",
        "source": "BBC News",
    }
    # the article's paragraphs: not the menu, the caption, the aside or the footer
    assert record["body"] == (
        "Tens of thousands of homes have been left without power after Storm Ciarán brought"
        " gusts of more than 100mph to the south of England and the Channel Islands.\n\n"
        "The Met Office said a gust of 104mph was recorded at the Needles on the Isle of Wight."
        "\n\nSchools in Cornwall and Devon were closed, and train operators warned passengers"
        " not to travel."
    )


def test_a_page_with_meta_tags_and_no_article_element() -> None:
    record = pages.read_page((PAGES / "council.html").read_text(encoding="utf-8"))
    assert record == {
        "title": "Council approves new budget",
        "body": "By Sam Smith\n\nThe city council approved a budget of £120m on Tuesday night,"
        " after a debate that lasted more than four hours.\n\nCouncillors voted 31 to 12 in"
        " favour.",  # from under the headline to the last sentence
        "published": "2024-03-05T18:00:00+00:00",
        "authors": ["Sam Smith"],
    }


def test_the_story_is_the_element_around_the_headline_with_its_paragraphs() -> None:
    record = pages.read_page((PAGES / "port.html").read_text(encoding="utf-8"))
    assert record is not None and record["body"] == (  # not the teasers of other stories
        "The port reopened on Monday after a week of storms closed it to shipping, officials"
        " said.\n\nHundreds of containers had piled up on the quay."
    )


def test_the_byline_a_page_prints_comes_before_its_meta_tag(run: Run) -> None:
    run("ingest", str(PAGES / "rematch.html"))
    record = json.loads(run("show", "1", "--json").stdout)
    assert {key: record[key] for key in ("byline", "agencies", "dateline", "outlet")} == {
        "byline": "ZEKE MILLER and WILL WEISSERT",  # the meta tag names the first alone
        "agencies": ["AP"],
        "dateline": "Washington",
        "outlet": "AP News",
    }
    assert record["body"].endswith("Jill Colvin contributed to this report.")
    assert "Advertisement" not in record["body"] and "Haley" not in record["body"]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (  # a graph of JSON-LD objects, the article's type among others, its text only there
            '<html><head><script type="application/ld+json">{"@graph": [{"@type": "WebPage"},'
            ' {"@type": ["NewsArticle"], "headline": "Port reopens", "articleBody": "It did.",'
            ' "author": "Ann Lee", "publisher": {"name": "Harbour News"}}]}</script></head>'
            "<body></body></html>",
            {
                "title": "Port reopens",
                "body": "It did.",
                "authors": ["Ann Lee"],
                "source": "Harbour News",
            },
        ),
        (  # broken JSON-LD and a title element alone
            '<html><head><title>Rates held</title><script type="application/ld+json">{oops'
            "</script></head><body><p>The bank held rates.</p></body></html>",
            {"title": "Rates held", "body": "The bank held rates."},
        ),
        ("<html><body><nav>Home</nav></body></html>", None),  # no text: no article
        (  # a row of share links, a linked sentence and a linked headline
            "<html><body><article><h1><a href='/x'>Port reopens</a></h1>"
            "<div class='share'><a>Facebook</a><a>Twitter</a> <a>Email</a></div>"
            "<p>The port reopened on Monday after a week of storms.</p>"
            "<p><a href='/y'>Ships queued outside the harbour for days.</a></p>"
            "<p>Read the <a href='/z'>full report</a></p></article></body></html>",
            {
                "title": "Port reopens",
                "body": "The port reopened on Monday after a week of storms.\n\n"
                "Ships queued outside the harbour for days.",
            },
        ),
    ],
    ids=["json-ld-graph", "title-element", "no-text", "links"],
)
def test_page_fields(markup: str, expected: dict[str, object] | None) -> None:
    assert pages.read_page(markup) == expected


def test_a_saved_page_is_ingested_as_an_article(run: Run, tmp_path: Path) -> None:
    for page in PAGES.iterdir():
        (tmp_path / page.name).write_bytes(page.read_bytes())
    (tmp_path / "empty.html").write_text("<html><body><nav>Home</nav></body></html>")
    result = json.loads(run("ingest", "--json", "--glob", "*.html", str(tmp_path)).stdout)
    assert (result["new"], result["failures"]) == (
        4,
        [
            {
                "source": str(tmp_path / "empty.html"),
                "reason": "a page of markup (HTML, XML or SGML) with no article text in it",
            }
        ],
    )
    storm = json.loads(run("search", "--json", "Needles").stdout)[0]
    record = json.loads(run("show", str(storm["id"]), "--json").stdout)
    assert {key: record[key] for key in ("headline", "deck", "byline", "published", "outlet")} == {
        "headline": "Storm Ciarán: Thousands without power as winds hit 100mph",
        "deck": "Gusts of up to 100mph battered Cornwall and the Channel Islands overnight.",
        "byline": "Jane Doe",
        "published": "2023-11-02T07:14:21+00:00",
        "outlet": "BBC News",
    }
    assert run("show", str(storm["id"]), "--raw").stdout.startswith("<!DOCTYPE html>")
    assert run("reindex").stdout.startswith("Re-read 4 articles: 0 changed")


def test_a_fault_in_reading_one_input_fails_that_input_alone(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(markup: str) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(pages, "read_page", broken)
    (tmp_path / "storm.html").write_bytes((PAGES / "storm.html").read_bytes())
    (tmp_path / "story.txt").write_text("A headline\n\nThe story.\n", encoding="utf-8")
    result = run("ingest", "--json", "--glob", "*.*", str(tmp_path))
    report = json.loads(result.stdout)
    assert (result.exit_code, report["new"], report["failures"]) == (
        1,
        1,
        [
            {
                "source": str(tmp_path / "storm.html"),
                "reason": "newsarc could not read it (ValueError: boom); please report this",
            }
        ],
    )


def test_xml_that_is_no_web_page_is_refused(run: Run, tmp_path: Path) -> None:
    sitemap = tmp_path / "sitemap.xml"  # a feed is read (test_feeds.py); this is no article
    sitemap.write_text(
        '<?xml version="1.0"?><urlset><url><loc>https://example.com/news/one</loc>'
        "<lastmod>2024-12-03</lastmod></url></urlset>",
        encoding="utf-8",
    )
    (failure,) = json.loads(run("ingest", "--json", str(sitemap)).stdout)["failures"]
    assert failure["reason"] == "a page of markup (HTML, XML or SGML), not article text"
