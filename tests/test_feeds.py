"""News feeds saved as files: RSS 2.0, RSS 1.0 (RDF) and Atom, an article an item."""

import json
from pathlib import Path

import pytest
from conftest import SAMPLES, Run, read_export

from newsarc import exports

FEEDS = SAMPLES / "feeds"
FIELDS = ("headline", "deck", "byline", "agencies", "dateline", "published", "outlet", "format")


def read(name: str, place: int) -> dict[str, object]:
    return read_export(FEEDS / name, place)


# (file, place, the fields above, body start, body end)
ROWS = [
    (  # RSS 2.0: the full text in content:encoded (its picture and caption left out), a title
        # in CDATA, Dublin Core's creator
        "world.rss",
        0,
        (
            "Volcano erupts in Iceland for the seventh time in a year",
            None,  # the summary is the text's opening
            "Anna Jónsdóttir",
            [],
            None,
            "2024-12-03T09:41:00+00:00",
            None,
            "rss-item",
        ),
        "A volcano on Iceland's Reykjanes peninsula erupted late on Monday, sending lava",
        "It was the seventh eruption in the area since December last year.",
    ),
    (  # RSS 2.0: a summary only, which is the text
        "world.rss",
        1,
        (
            "Talks on plastics treaty end without deal",
            None,
            None,
            [],
            None,
            "2024-12-02T18:05:00+00:00",
            None,
            "rss-item",
        ),
        "Negotiators from 170 countries failed to agree",
        "and will meet again next year.",
    ),
    (  # Atom: escaped HTML, two authors (one with an e-mail address), a summary unlike the text
        "tech.atom",
        0,
        (
            "Chipmaker’s profit doubles on AI demand",
            "Quarterly profit doubled as demand for AI servers kept growing.",
            "Kenji Sato, Mei Lin",
            [],
            None,
            "2025-02-11T15:30:00+09:00",  # published, not updated
            None,
            "atom-entry",
        ),
        "TOKYO (Example Wire) - A leading chipmaker said on Tuesday",
        "beating analysts’ forecasts.",
    ),
    (  # Atom: XHTML content, a wire dateline read as in any text, only an update time
        "tech.atom",
        1,
        (
            "Regulator fines app store operator",
            None,
            None,
            ["Reuters"],
            "Brussels",
            "2025-02-10T09:00:00+00:00",
            None,
            "atom-entry",
        ),
        "The European Commission fined an app store operator",
        "The company said it would appeal.",
    ),
    (  # RSS 1.0: Dublin Core's date and creator
        "rdf.xml",
        0,
        (
            "Rail strike halts trains across the country",
            None,
            "Oliver Grant",
            [],
            None,
            "2023-10-05T07:00:00+01:00",
            None,
            "rss-item",
        ),
        "Train drivers walked out on Thursday",
        "The union said more strikes would follow.",
    ),
    (  # Google News: the outlet after the title and in <source>; a summary that is the title
        "aggregated.xml",
        0,
        (
            "Storm hits coast, thousands without power",
            None,
            None,
            [],
            None,
            "2024-12-04T07:12:00+00:00",
            "The Example Post",
            "rss-item",
        ),
        "",
        "",
    ),
    (  # WordPress: its line under each post goes; an excerpt cut short is not a deck
        "aggregated.xml",
        1,
        (
            "Tram network to grow by 12 km",
            None,
            "admin",
            [],
            None,
            "2024-12-04T08:00:00+00:00",
            None,
            "rss-item",
        ),
        "The city council voted on Tuesday to expand the tram network",
        "Construction is expected to take three years.",
    ),
]


@pytest.mark.parametrize(
    ("name", "place", "fields", "body_start", "body_end"),
    ROWS,
    ids=[f"{row[0]}[{row[1]}]" for row in ROWS],
)
def test_feed_item(
    name: str, place: int, fields: tuple[object, ...], body_start: str, body_end: str
) -> None:
    article = read(name, place)
    assert tuple(article[field] for field in FIELDS) == fields
    body = str(article["body"])
    assert body.startswith(body_start) and body.endswith(body_end)
    assert "appeared first on" not in body


@pytest.mark.parametrize(
    "text",
    [
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="A"/></body></opml>',
        "<html><body><p>The feed moved.</p></body></html>",
        "Feeds are read: <rss> and <feed> in the text of an article are words.",
    ],
)
def test_other_markup_and_text_are_not_feeds(text: str) -> None:
    found = exports.split(text, html_file=False)
    assert found is None or found[0] not in (exports.RSS, exports.ATOM)


def test_feeds_are_ingested_an_item_an_input_and_reindexed_unchanged(
    run: Run, tmp_path: Path
) -> None:
    result = run("ingest", "--glob", "*", str(FEEDS))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Ingested 7 inputs: 7 new")
    records = [json.loads(line) for line in run("export", "--jsonl").stdout.splitlines()]
    # An item is known by its guid (Atom's id), else its link, else its place.
    assert {record["source_path"].removeprefix(f"{FEEDS}/") for record in records} == {
        "world.rss#volcano-iceland-123",
        "world.rss#https://www.example-news.com/world/plastics-treaty-456",
        "tech.atom#urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
        "tech.atom#urn:uuid:2225c695-cfb8-4ebb-aaaa-80da344efa6b",
        "rdf.xml#https://news.example.net/a/1",
        "aggregated.xml#https://news.google.com/rss/articles/CBMi",
        "aggregated.xml[1]",
    }
    first = next(record for record in records if record["source_path"].endswith("-123"))
    original = run("show", str(first["id"]), "--raw").stdout
    assert original.startswith("<item>") and original.rstrip().endswith("</item>")
    assert run("reindex").stdout.startswith("Re-read 7 articles: 0 changed")
    again = run("ingest", "--glob", "*", str(FEEDS)).stdout  # unchanged files are not read
    assert again.startswith("Ingested 4 inputs: 0 new, 0 updated, 4 unchanged")


def test_a_feed_with_no_items_fails_whole(run: Run, tmp_path: Path) -> None:
    feed = tmp_path / "empty.rss"
    feed.write_text('<rss version="2.0"><channel><title>Nothing yet</title></channel></rss>')
    result = run("ingest", str(feed))
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("empty.rss: no articles in this RSS feed file")


def item(link: str, title: str, text: str) -> str:
    return (
        f"<item><link>{link}</link><title>{title}</title><description>{text}</description></item>"
    )


def test_a_feed_saved_again_adds_its_new_items_and_keeps_the_old(run: Run, tmp_path: Path) -> None:
    volcano = item("https://ex.com/1", "Volcano erupts", "Lava reached the road on Monday night.")
    talks = item("https://ex.com/2", "Talks end without deal", "Negotiators failed to agree.")
    rates = item("https://ex.com/3", "Bank raises rates", "The rate rose by a quarter point.")
    feed = tmp_path / "world.rss"
    feed.write_text(f"<rss><channel>{volcano}{talks}</channel></rss>")
    assert run("ingest", str(feed)).stdout.startswith("Ingested 2 inputs: 2 new")
    # saved again an hour later: a new item on top, the last one gone from the feed
    feed.write_text(f"<rss><channel>{rates}{volcano}</channel></rss>")
    assert run("ingest", str(feed)).stdout.startswith(
        "Ingested 2 inputs: 1 new, 0 updated, 1 unchanged"
    )
    headlines = {
        record["id"]: record["headline"]
        for record in map(json.loads, run("export", "--jsonl").stdout.splitlines())
    }
    assert headlines == {1: "Volcano erupts", 2: "Talks end without deal", 3: "Bank raises rates"}
