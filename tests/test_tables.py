"""Tables of articles: CSV and TSV files, a row an article (datasets, `newsarc export --csv`)."""

import json
from pathlib import Path

import pytest
from conftest import SAMPLES, Run

from newsarc import tables

TABLES = SAMPLES / "tables"
KNOWN = ("title", "body", "text", "content", "publishedAt", "author", "source", "headline")


def records(text: str) -> list[tuple[str, object]]:
    return [(place, record) for place, _, record in tables.rows(text, KNOWN, 1 << 20)]


def test_rows_are_objects_under_their_columns_names() -> None:
    text = (
        'TITLE,Content,publishedat,Extra\nPort reopens,"The port reopened.\n\nShips sailed.",,x\n'
    )
    assert records(text) == [
        (  # names matched whatever their case; an empty cell is no field
            ":2",
            {
                "title": "Port reopens",
                "content": "The port reopened.\n\nShips sailed.",
                "Extra": "x",
            },
        )
    ]


def test_a_row_is_named_by_the_line_it_starts_on() -> None:
    text = 'title,text\nOne,"First\nstory."\n\n,\nTwo,Second story.\n'
    assert [place for place, _ in records(text)] == [":2", ":6"]  # blank rows are skipped


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_delimiter_is_the_one_the_header_uses(delimiter: str) -> None:
    text = f"title{delimiter}text\nPort reopens{delimiter}The port reopened on Monday.\n"
    assert records(text) == [
        (":2", {"title": "Port reopens", "text": "The port reopened on Monday."})
    ]


def test_a_datasets_headline_column_is_a_title_and_an_exports_is_restored() -> None:
    assert records("headline,text\nPort reopens,The port reopened.\n")[0][1] == {
        "title": "Port reopens",
        "text": "The port reopened.",
    }
    exported = "id,headline,body,agencies,word_count,content_hash\n7,H,B,AFP;Reuters,1,abc\n"
    assert records(exported)[0][1] == {
        "id": 7,
        "headline": "H",
        "body": "B",
        "agencies": ["AFP", "Reuters"],
        "word_count": 1,
        "content_hash": "abc",
    }


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "an empty table: no header and no rows"),
        ("title\nPort reopens\n", "a table of one column: articles need a title and a text"),
    ],
)
def test_texts_that_are_no_tables(text: str, reason: str) -> None:
    with pytest.raises(tables.NotATable, match=reason):
        tables.rows(text, KNOWN, 1 << 20)


def test_a_dataset_is_ingested_a_row_an_article(run: Run) -> None:
    result = run("ingest", "--json", "--glob", "*.csv", "--glob", "*.tsv", str(TABLES))
    report = json.loads(result.stdout)
    assert (report["new"], report["failed"]) == (3, 1)
    assert [failure["source"] for failure in report["failures"]] == [f"{TABLES}/dataset.csv:8"]
    records = {
        record["headline"]: record
        for record in map(json.loads, run("export", "--jsonl").stdout.splitlines())
    }
    health = records["House Republicans Fret About Winning Their Health Care Suit"]
    assert {
        key: health[key] for key in ("byline", "published", "dateline", "outlet", "source_path")
    } == {
        "byline": "Carl Hulse",
        "published": "2016-12-31",
        "dateline": "Washington",  # the text is normalized as any article's
        "outlet": "New York Times",  # the dataset's `publication`
        # known by its url; the dataset's own `id` is its business
        "source_path": f"{TABLES}/dataset.csv#https://www.example.com/2016/12/31/us/politics/health-care.html",
    }
    lockdown = records["Lockdown lifted in city"]
    assert (lockdown["published"], lockdown["outlet"]) == (
        "2020-05-18T09:00:00+00:00",
        "Example Post",
    )
    original = json.loads(run("show", str(health["id"]), "--raw").stdout)
    assert original["id"] == "17283" and original["year"] == "2016"  # every cell of the row
    assert run("reindex").stdout.startswith("Re-read 3 articles: 0 changed")


def test_a_csv_export_ingested_again_gives_an_equal_archive(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    run("ingest", "--glob", "*.csv", str(TABLES))
    exported = tmp_path / "archive.csv"
    exported.write_text(run("export", "--csv").stdout, encoding="utf-8")
    copy = tmp_path / "copy.db"
    assert run("--db", str(copy), "ingest", str(exported)).stdout.startswith(
        "Ingested 2 inputs: 2 new"  # into the copy, not the archive exported
    )
    assert run("--db", str(copy), "export", "--csv").stdout == exported.read_text(encoding="utf-8")


def test_a_table_of_links_fails_once_not_a_row_at_a_time(run: Run, tmp_path: Path) -> None:
    links = tmp_path / "read-later.csv"  # a read-later service's export: links, no text
    links.write_text(
        "URL,Title,Selection,Folder,Timestamp\n"
        "https://ex.com/a,Port reopens,,Unread,1700000000\n"
        "https://ex.com/b,Rates held,,Unread,1700000100\n",
        encoding="utf-8",
    )
    result = run("ingest", "--json", str(links))
    (failure,) = json.loads(result.stdout)["failures"]
    assert failure["source"] == str(links)
    assert failure["reason"].startswith("a table with no text of articles: no column holds one")


def test_a_dataset_of_headlines_and_summaries_is_read_the_summary_as_text(
    run: Run, tmp_path: Path
) -> None:
    table = tmp_path / "headlines.csv"  # HuffPost's News Category dataset: no body column
    table.write_text(
        "headline,short_description,authors,category,date,link\n"
        '"Over 4 Million Americans Roll Up Sleeves For Omicron-Targeted Boosters",'
        '"Health experts said it is too early to predict whether demand would match the'
        ' doses ordered.","Carla K. Johnson, AP",U.S. NEWS,2022-09-23,https://ex.com/boosters\n'
        '"Summary gone",,Ann Lee,U.S. NEWS,2022-09-24,https://ex.com/gone\n',
        encoding="utf-8",
    )
    result = json.loads(run("ingest", "--json", str(table)).stdout)
    assert (result["new"], result["failed"]) == (1, 1)
    assert result["failures"][0]["reason"].startswith("not an article: an object with a title")
    (record,) = map(json.loads, run("export", "--jsonl").stdout.splitlines())
    assert record["headline"].startswith("Over 4 Million Americans")
    assert record["body"].startswith("Health experts said") and record["deck"] is None
    assert record["published"] == "2022-09-23"
    assert (record["byline"], record["agencies"]) == ("Carla K. Johnson", ["AP"])
    assert run("search", "boosters").stdout.startswith("1\t2022-09-23\tOver 4 Million")


def test_a_datasets_article_column_is_its_text(run: Run, tmp_path: Path) -> None:
    table = tmp_path / "all-the-news-2-1.csv"  # All the News 2.0: the text under "article"
    table.write_text(
        "date,year,month,day,author,title,article,url,section,publication\n"
        "2016-12-09 18:31:00,2016,12.0,9,Lee Drutman,We should take concerns about the health"
        ' of liberal democracy seriously,"This post is part of Polyarchy, an independent blog'
        ' produced by the political reform program at New America.",https://www.vox.com/a,,Vox\n',
        encoding="utf-8",
    )
    assert json.loads(run("ingest", "--json", str(table)).stdout)["new"] == 1
    (record,) = map(json.loads, run("export", "--jsonl").stdout.splitlines())
    assert record["body"].startswith("This post is part of Polyarchy")
    assert (record["outlet"], record["byline"], record["published"]) == (
        "Vox",
        "Lee Drutman",
        "2016-12-09T18:31:00",
    )


def test_a_table_with_a_header_alone_has_no_articles(run: Run, tmp_path: Path) -> None:
    table = tmp_path / "empty.csv"
    table.write_text("title,text\n", encoding="utf-8")
    (failure,) = json.loads(run("ingest", "--json", str(table)).stdout)["failures"]
    assert failure["reason"] == "no articles: only blank lines, an empty list or a table's header"


def test_a_table_on_standard_input_is_read_a_row_an_article(run: Run, tmp_path: Path) -> None:
    run("ingest", "--glob", "*.csv", str(TABLES))
    exported = run("export", "--csv").stdout
    copy = str(tmp_path / "copy.db")
    result = run("--db", copy, "ingest", "-", input=exported)  # export --csv | ingest -
    assert result.stdout.startswith("Ingested 2 inputs: 2 new")
    assert run("--db", copy, "export", "--csv").stdout == exported


@pytest.mark.parametrize(
    "first_line",
    ["Title, text and more: a headline", "Markets rally, text messages show", "title"],
)
def test_a_text_on_standard_input_that_only_mentions_columns_is_an_article(
    run: Run, first_line: str
) -> None:
    result = run("ingest", "-", input=f"{first_line}\n\nShares rose on Monday, traders said.\n")
    assert result.stdout.startswith("Ingested 1 input: 1 new")
    assert json.loads(run("show", "1", "--json").stdout)["headline"] == first_line
