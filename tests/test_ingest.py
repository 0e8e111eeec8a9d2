"""`newsarc ingest` and `newsarc reindex` end to end, on temporary archives."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import DATA, SAMPLES, Run

from newsarc import ingest, normalize
from newsarc.store import Archive

SEED = DATA / "putin-erdogan-moscow-talks.txt"


def rows(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_path) as db:
        return db.execute(sql).fetchall()


def report(run: Run, *args: str, input: str | bytes | None = None) -> dict[str, object]:
    result = run("ingest", "--json", *args, input=input)
    return json.loads(result.stdout) | {"exit_code": result.exit_code}


def test_seed_is_stored_with_its_record_and_original(run: Run, db_path: Path) -> None:
    result = run("ingest", str(SEED))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Ingested 1 input: 1 new, 0 updated, 0 unchanged, 0 duplicates, 0 failed; "
        "0 stored without a date.\n"
    )
    record = json.loads(run("show", "1", "--json").stdout)
    assert {
        k: v for k, v in record.items() if k not in ("body", "ingested_at", "content_hash")
    } == {
        "id": 1,
        "headline": "Putin, Erdogan look to defuse Syria crisis at Moscow talks",
        "deck": "The entire world has its eyes fixed on us: Erdogan",
        "byline": None,
        "agencies": ["AFP"],
        "dateline": "Moscow",
        "published": "2020-03-06",
        "published_raw": "6 March, 2020 00:00 00 AM",
        "word_count": 320,
        "outlet": None,
        "source_path": str(SEED.resolve()),
        "cluster_id": 1,
        "cluster_size": 1,
    }
    assert run("show", "1", "--raw").stdout == SEED.read_text(encoding="utf-8")
    assert rows(db_path, "SELECT encoding FROM articles") == [("utf-8",)]


def test_every_sample_shape_is_stored_and_bad_inputs_reported(run: Run, db_path: Path) -> None:
    result = run("ingest", str(SAMPLES))
    assert result.exit_code == 1
    # The two articles of exports/export.TXT, the two of exports/nexis-uni.txt, the two of
    # exports/factiva-codes.txt and the four of exports/proquest.txt (one a citation alone)
    # among them: names match *.txt whatever their case.
    assert result.stdout.startswith(
        "Ingested 26 inputs: 21 new, 0 updated, 0 unchanged, 0 duplicates, 5 failed;"
    )
    *failed, passed_over = result.stderr.splitlines()
    assert passed_over == (
        "Passed over 7 *.html, 5 *.md, 2 *.xml, 1 *.atom, 1 *.csv, 1 *.json, 1 *.rss, 1 *.sgm, "
        "1 *.tsv files, which the default --glob *.txt does not name: ingest again with --glob "
        "'*.html' --glob '*.md' --glob '*.xml' --glob '*.atom' --glob '*.csv' --glob '*.json' "
        "--glob '*.rss' --glob '*.sgm' --glob '*.tsv' to read them."
    )
    failures = sorted(line.split(None, 2)[2] for line in failed)
    assert failures == [
        f"{SAMPLES}/binary.txt: a PNG image, not text",
        f"{SAMPLES}/blank.txt: blank file: only white space",
        f"{SAMPLES}/empty.txt: empty file",
        f"{SAMPLES}/exports/proquest.txt[3]: a ProQuest record without its text or abstract: "
        "only its citation",
        f"{SAMPLES}/no_headline.txt: no headline: the text starts with a body paragraph",
    ]
    encodings = dict(rows(db_path, "SELECT source_path, encoding FROM articles"))
    assert encodings[str(SAMPLES / "latin1.txt")] == "latin-1"
    assert encodings[str(SAMPLES / "cp1252.txt")] == "cp1252"
    assert encodings[str(SAMPLES / "utf16_bom.txt")] == "utf-16"
    headlines = {h for (h,) in rows(db_path, "SELECT headline FROM articles")}
    assert {
        "Cup final tickets to cost £45",
        "Euro zone “ready to act” on debt – minister",
    } <= headlines


def test_same_files_again_are_unchanged(run: Run, inbox: Path) -> None:
    first = report(run, str(inbox))
    second = report(run, str(inbox))
    assert (first["new"], first["unchanged"]) == (6, 0)
    assert (second["new"], second["unchanged"], second["exit_code"]) == (0, 6, 0)


def test_a_folder_named_another_way_holds_the_same_inputs(
    run: Run, inbox: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inputs are remembered by absolute path, however the folder or file was named."""
    monkeypatch.chdir(inbox)
    assert report(run, ".")["new"] == 6
    assert report(run, f"../{inbox.name}/./")["unchanged"] == 6
    assert report(run, str(inbox / "title-first-broadband.txt"))["unchanged"] == 1
    paths = {path for (path,) in rows(db_path, "SELECT path FROM sources")}
    assert paths == {str(file) for file in inbox.glob("*.txt")}


def test_same_text_in_another_file_is_a_duplicate(run: Run, inbox: Path, db_path: Path) -> None:
    run("ingest", str(inbox))
    copy = inbox / "copy" / "seed-again.txt"
    copy.parent.mkdir()
    # The same article saved on Windows: CRLF line endings and a byte-order mark.
    copy.write_bytes(b"\xef\xbb\xbf" + SEED.read_bytes().replace(b"\n", b"\r\n"))
    result = report(run, str(inbox))
    assert (result["duplicate"], result["new"], result["unchanged"]) == (1, 0, 6)
    assert rows(db_path, "SELECT count(*) FROM articles") == [(6,)]
    assert report(run, str(inbox))["unchanged"] == 7


def test_changed_file_updates_its_article_and_keeps_its_id(
    run: Run, inbox: Path, db_path: Path
) -> None:
    run("ingest", str(inbox))
    target = inbox / "title-first-broadband.txt"
    (article_id,) = rows(db_path, f"SELECT id FROM articles WHERE source_path = '{target}'")[0]
    target.write_text(target.read_text().replace("five million", "six million"), encoding="utf-8")
    result = report(run, str(inbox))
    assert (result["updated"], result["unchanged"], result["new"]) == (1, 5, 0)
    assert rows(db_path, f"SELECT id, headline FROM articles WHERE source_path = '{target}'") == [
        (article_id, "Broadband take-up passes six million homes")
    ]
    assert run("search", "six", "million").stdout.split("\t")[0] == str(article_id)


def test_standard_input(run: Run) -> None:
    result = run("ingest", "-", input=SEED.read_bytes())
    assert result.exit_code == 0
    assert run("show", "1").stdout.startswith("Putin, Erdogan look to defuse Syria crisis")
    again = report(run, "-", input=SEED.read_bytes())
    assert (again["duplicate"], again["new"]) == (1, 0)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "no standard input"), (" \n\t\n", "only white space on standard input")],
)
def test_empty_standard_input_says_so(run: Run, text: str, reason: str) -> None:
    (failure,) = report(run, "-", input=text)["failures"]  # type: ignore[misc]
    assert failure == {"source": "<stdin>", "reason": reason}


@pytest.mark.parametrize(
    ("text", "headline", "source"),
    [
        ('{"title": "Fed holds rates", "body": "The Fed held rates."}\n', "Fed holds rates", "<stdin>:1"),
        ('{\n  "title": "Fed holds rates",\n  "body": "The Fed held rates."\n}\n', "Fed holds rates", "<stdin>"),
        ('[{"title": "Fed holds rates", "body": "The Fed held rates."}]', "Fed holds rates", "<stdin>[0]"),
        ("[Updated] Fed holds rates\n\nThe Fed held rates.\n", "[Updated] Fed holds rates", "<stdin>"),
        ("{Fed} holds rates\n\nThe Fed held rates.\n", "{Fed} holds rates", "<stdin>"),
    ],
    ids=["json-lines", "one-object", "list", "text-with-a-bracket", "text-with-a-brace"],
)  # fmt: skip
def test_standard_input_of_json_or_text(run: Run, text: str, headline: str, source: str) -> None:
    result = run("ingest", "-v", "-", input=text)
    assert result.exit_code == 0 and f"new            #1  {source}" in result.stderr
    assert json.loads(run("show", "1", "--json").stdout)["headline"] == headline


def test_json_report_lists_failures(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = report(run, str(SEED), str(missing), str(SAMPLES / "empty.txt"))
    assert result == {
        "inputs": 3,
        "new": 1,
        "updated": 0,
        "unchanged": 0,
        "duplicate": 0,
        "failed": 2,
        "undated": 0,
        "interrupted": False,
        "failures": [
            {"source": str(missing), "reason": "no such file or folder"},
            {"source": str(SAMPLES / "empty.txt"), "reason": "empty file"},
        ],
        "exit_code": 1,
    }


def test_undated_articles_are_counted(run: Run) -> None:
    result = report(run, str(SAMPLES / "title_first.txt"), str(SEED))
    assert (result["new"], result["undated"]) == (2, 1)


def test_no_path_reads_the_inbox(run: Run, inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSARC_INBOX", str(inbox))
    assert report(run)["new"] == 6


def test_no_path_and_no_inbox_is_a_usage_error(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("ingest")
    assert result.exit_code == 2
    assert "No PATH given and no inbox folder 'data'" in result.stderr


def test_glob_selects_other_names(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "scraped"
    folder.mkdir()
    shutil.copy(SEED, folder / "story.text")
    shutil.copy(SEED, folder / "notes.md")
    result = run("ingest", str(folder))
    assert result.stdout.startswith("Ingested 0 inputs")
    assert result.stderr == (
        f"No file named *.txt in {folder} (it holds 1 *.md, 1 *.text): --glob reads others.\n"
    )
    assert report(run, "--glob", "*.text", str(folder))["new"] == 1


def test_glob_given_again_reads_more_kinds(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(SEED, folder / "story.txt")
    shutil.copy(SAMPLES / "clippings" / "pandoc.md", folder / "clip.md")
    shutil.copy(SAMPLES / "feeds" / "world.rss", folder / "world.rss")
    result = run("ingest", "--glob", "*.txt", "--glob", "*.md", str(folder))
    assert result.stdout.startswith("Ingested 2 inputs: 2 new")
    assert result.stderr == ""  # the patterns are the user's own: nothing passed over is named
    assert run("ingest", "--glob", "*.xml", "--glob", "*.csv", str(folder)).stderr == (
        f"No file named *.xml or *.csv in {folder} (it holds 1 *.md, 1 *.rss, 1 *.txt): "
        "--glob reads others.\n"
    )


def test_files_of_kinds_newsarc_reads_that_the_pattern_passed_over_are_named(
    run: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "collected"
    (folder / "wire").mkdir(parents=True)
    shutil.copy(SEED, folder / "story.txt")
    for name in ("a.json", "b.json", "page.HTML", "wire/reut2-000.sgm", "notes.md", "logo.png"):
        (folder / name).write_text("{}")
    (folder / "crawl.JSONL.gz").write_bytes(b"")
    result = run("ingest", str(folder))
    assert result.stdout.startswith("Ingested 1 input: 1 new")
    assert result.stderr == (
        "Passed over 2 *.json, 1 *.html, 1 *.jsonl.gz, 1 *.md, 1 *.sgm files, which the default"
        " --glob *.txt does not name: ingest again with --glob '*.json' --glob '*.html'"
        " --glob '*.jsonl.gz' --glob '*.md' --glob '*.sgm' to read them.\n"
    )
    for name in ("a.json", "b.json", "page.HTML", "notes.md", "crawl.JSONL.gz"):
        (folder / name).unlink()
    result = run("ingest", str(folder))
    assert result.stderr == (
        "Passed over 1 *.sgm files, which the default --glob *.txt does not name: "
        "ingest again with --glob '*.sgm' to read them.\n"
    )
    # A pattern of one's own is taken as meant.
    assert run("ingest", "--glob", "story.*", str(folder)).stderr == ""
    (folder / "wire" / "reut2-000.sgm").unlink()
    assert run("ingest", str(folder)).stderr == ""  # *.png is not an article


def test_names_match_whatever_their_case(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "from-windows"
    folder.mkdir()
    for name, headline in [
        ("a.txt", "Rice"),
        ("B.TXT", "Wheat"),
        ("c.Txt", "Jute"),
        ("d.md", "Tea"),
    ]:
        (folder / name).write_text(
            f"{headline} prices ease in Dhaka\n\nBody of the {name} story.\n"
        )
    assert report(run, str(folder))["new"] == 3
    assert report(run, "--glob", "*.MD", str(folder))["new"] == 1


# A crawl saved as one JSON list, the way scrapers of news sites write it: `date` is the time of
# the crawl, not of the story, and `source` names the site.
CRAWL = [
    {
        "doc_id": "9f1c",
        "title": "Rice prices ease in Dhaka markets",
        "body": "DHAKA, Feb 15, 2026 (BSS) - Coarse rice fell by two taka a kilogram in the"
        " capital's kitchen markets this week as the new harvest reached wholesalers.\n\n"
        "Traders at Karwan Bazar said supply from the northern districts had doubled.",
        "url": "https://daily.example/rice",
        "date": "2026-02-16T09:12:44.120003",
        "source": "Example Daily",
    },
    {"doc_id": "77a0", "title": "Menu", "url": "https://daily.example/menu"},
    "https://daily.example/archive",
    {
        "doc_id": "c3d2",
        "title": "Ferry services resume on the Padma",
        "body": "Ferries resumed on the Paturia-Daulatdia route on Sunday after fog lifted.",
        "source": {"name": "Example Daily"},
    },
    {
        "doc_id": "e5b8",
        "title": "Ferry services resume on the Padma",
        "body": "Ferries resumed on the Paturia-Daulatdia route on Sunday after fog lifted.",
        "source": "River News",
    },
]


def test_a_json_list_is_read_an_object_at_a_time(run: Run, tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.json"
    crawl.write_text(json.dumps(CRAWL, indent=2, ensure_ascii=False), encoding="utf-8")
    crawl.with_name("later-crawl.json").write_text(json.dumps(CRAWL[:1]), encoding="utf-8")
    result = report(run, "--glob", "*.json", str(tmp_path))
    assert {key: result[key] for key in ("inputs", "new", "duplicate", "failed")} == {
        "inputs": 6,
        "new": 2,
        "duplicate": 2,
        "failed": 2,
    }
    assert result["failures"] == [
        {
            "source": f"{crawl}[1]",
            "reason": "not an article: an object with a title (or headline) and a body"
            " (body, text, maintext, content, article, lead_paragraph, content_text, content_html)"
            " or a"
            " summary (deck, description, short_description, subtitle, summary, abstract)"
            " is needed",
        },
        {"source": f"{crawl}[2]", "reason": "not an article: a JSON object is needed"},
    ]
    record = json.loads(run("show", "1", "--json").stdout)
    assert {key: record[key] for key in ("headline", "agencies", "dateline", "published")} == {
        "headline": "Rice prices ease in Dhaka markets",
        "agencies": ["BSS"],
        "dateline": "Dhaka",
        "published": "2026-02-15",
    }
    # known by its url, whatever its place: an answer saved again may hold it further down
    assert (record["outlet"], record["source_path"]) == (
        "Example Daily",
        f"{crawl}#https://daily.example/rice",
    )
    assert record["body"].startswith("Coarse rice fell")
    assert json.loads(run("show", "2", "--json").stdout)["outlet"] == "Example Daily"
    original = run("show", "1", "--raw").stdout  # the object as written, url and all
    assert original in crawl.read_text(encoding="utf-8") and json.loads(original) == CRAWL[0]
    again = report(run, "--glob", "*.json", str(tmp_path))
    assert (again["unchanged"], again["failed"]) == (4, 2)
    assert run("reindex").stdout.startswith("Re-read 2 articles: 0 changed, 0 could not")


# Objects as scrapers of news sites write them (newspaper3k, trafilatura, news-please, NewsAPI):
# the story's text under other names, its time and writers in fields of their own.
SCRAPED = [
    {
        "title": "Fed holds rates steady",
        "text": "The Federal Reserve held rates on Wednesday.",
        "authors": ["Jane Doe", "John Smith"],
        "publish_date": "2025-03-19 00:00:00",
        "url": "https://news.example/fed",
    },
    {
        "title": "Storms hit the coast",
        "content": "Storms hit the coast on Friday... [+1234 chars]",
        "author": None,
        "publishedAt": "2025-03-10T14:32:00Z",
        "source": {"id": None, "name": "Example News"},
    },
    {
        "title": "Prices rise",
        "maintext": "Prices rose in March.",
        "date_publish": "yesterday",
        "source_domain": "www.example.com",  # news-please
    },
]


def test_objects_of_scrapers_are_read_with_their_time_and_writers(run: Run, tmp_path: Path) -> None:
    crawl = tmp_path / "scraped.jsonl"
    crawl.write_text("".join(json.dumps(one) + "\n" for one in SCRAPED), encoding="utf-8")
    assert report(run, str(crawl))["new"] == 3
    fields = ("headline", "byline", "published", "published_raw", "outlet", "body")
    records = [json.loads(line) for line in run("export", "--jsonl").stdout.splitlines()]
    assert [tuple(record[name] for name in fields) for record in records] == [
        (
            "Fed holds rates steady",
            "Jane Doe, John Smith",
            "2025-03-19",
            "2025-03-19 00:00:00",
            None,
            "The Federal Reserve held rates on Wednesday.",
        ),
        (
            "Storms hit the coast",
            None,
            "2025-03-10T14:32:00+00:00",
            "2025-03-10T14:32:00Z",
            "Example News",
            "Storms hit the coast on Friday...",  # without the API's mark of a cut
        ),
        ("Prices rise", None, None, None, "www.example.com", "Prices rose in March."),
    ]
    assert run("reindex").stdout.startswith("Re-read 3 articles: 0 changed")


def test_a_news_apis_answer_is_read_an_article_at_a_time(run: Run, tmp_path: Path) -> None:
    answer = tmp_path / "everything.json"
    stories = [SCRAPED[1] | {"description": "Winds of 150 km/h."}, SCRAPED[0]]
    stories[1] = stories[1] | {"description": "The Federal Reserve held rates"}  # the lead
    answer.write_text(
        json.dumps({"status": "ok", "totalResults": 2, "articles": stories}, indent=1),
        encoding="utf-8",
    )
    assert report(run, str(answer))["new"] == 2
    records = [json.loads(line) for line in run("export", "--jsonl").stdout.splitlines()]
    assert [(r["headline"], r["deck"], r["source_path"]) for r in records] == [
        ("Storms hit the coast", "Winds of 150 km/h.", f"{answer}.articles[0]"),  # no url
        ("Fed holds rates steady", None, f"{answer}#https://news.example/fed"),
    ]
    assert json.loads(run("show", "2", "--raw").stdout) == stories[1]  # its object as written


def test_an_answer_that_nests_its_list_in_an_object_is_read(run: Run, tmp_path: Path) -> None:
    answer = tmp_path / "answer.json"
    results = [
        {
            "title": "Oil steadies as markets weigh Red Sea risks",
            "body": "Oil prices steadied on Sunday.",
            "dateTimePub": "2024-03-03T14:30:00Z",
            "source": {"uri": "reuters.com", "title": "Reuters"},
            "authors": [{"name": "Jane Smith", "type": "author"}],
        },
        {
            "title": "Farmers block roads across Poland",
            "body": "Farmers blocked roads on Sunday.",
            "source": {"title": "The Guardian"},
            "authors": [{"name": "The Guardian"}],  # the site, not a writer
        },
    ]
    answer.write_text(
        json.dumps({"articles": {"results": results, "totalResults": 2}}), encoding="utf-8"
    )
    assert report(run, str(answer))["new"] == 2
    fields = ("byline", "published", "outlet", "source_path")
    records = [json.loads(line) for line in run("export", "--jsonl").stdout.splitlines()]
    assert [tuple(record[name] for name in fields) for record in records] == [
        ("Jane Smith", "2024-03-03T14:30:00+00:00", "Reuters", f"{answer}.articles.results[0]"),
        (None, None, "The Guardian", f"{answer}.articles.results[1]"),
    ]
    assert json.loads(run("show", "1", "--raw").stdout) == results[0]


def test_the_new_york_times_article_search_answer_is_read(run: Run, tmp_path: Path) -> None:
    doc = {
        "abstract": "The storm came ashore near Tampa.",
        "lead_paragraph": "Hurricane Milton made landfall on Wednesday night as a Category 3 storm.",
        "source": "The New York Times",
        "headline": {"main": "Hurricane Milton Makes Landfall", "kicker": None},
        "pub_date": "2024-10-10T00:35:12+0000",
        "byline": {"original": "By Patricia Mazzei and Rick Rojas", "person": []},
    }
    answer = tmp_path / "nyt.json"
    answer.write_text(json.dumps({"status": "OK", "response": {"docs": [doc]}}), encoding="utf-8")
    assert report(run, str(answer))["new"] == 1
    record = json.loads(run("show", "1", "--json").stdout)
    fields = ("headline", "deck", "byline", "published", "outlet", "body", "source_path")
    assert tuple(record[name] for name in fields) == (
        "Hurricane Milton Makes Landfall",
        "The storm came ashore near Tampa.",
        "Patricia Mazzei and Rick Rojas",
        "2024-10-10T00:35:12+00:00",
        "The New York Times",
        "Hurricane Milton made landfall on Wednesday night as a Category 3 storm.",
        f"{answer}.response.docs[0]",
    )
    assert run("reindex").stdout.startswith("Re-read 1 article: 0 changed")


def test_a_bare_day_is_read_last_and_the_sites_name_leaves_the_title(
    run: Run, tmp_path: Path
) -> None:
    lines = tmp_path / "extracted.jsonl"
    objects = [
        # trafilatura: "date" is the day of publication, "filedate" the day of the fetch
        {"title": "Budget passed", "text": "It passed.", "date": "2024-12-12", "filedate": "2024-12-20"},
        {"title": "Oil steady - Reuters", "text": "Oil held.", "source": {"name": "Reuters"}},
        {"title": "Rates held", "text": "Held.", "date": "2024-12-01", "pubDate": "2024-11-30"},
        # a crawl's clock time
        {"title": "Rice prices ease", "body": "Rice fell.", "date": "2026-02-15T12:46:06.591156"},
        # a news dataset's table: the paper's name with "The" in the title, not in its column
        {"title": "Suit frets - The New York Times", "content": "Frets.", "publication": "New York Times"},
        {"title": "Lost - Found", "content": "A play.", "publication": "Stage Daily"},
    ]  # fmt: skip
    lines.write_text("".join(json.dumps(one) + "\n" for one in objects), encoding="utf-8")
    assert report(run, str(lines))["new"] == 6
    stored = [json.loads(line) for line in run("export", "--jsonl").stdout.splitlines()]
    assert [(r["headline"], r["published"]) for r in stored] == [
        ("Budget passed", "2024-12-12"),
        ("Oil steady", None),
        ("Rates held", "2024-11-30"),
        ("Rice prices ease", None),
        ("Suit frets", None),
        ("Lost - Found", None),
    ]
    assert run("reindex").stdout.startswith("Re-read 6 articles: 0 changed")


def test_records_by_hand_have_their_dates_read(run: Run, tmp_path: Path) -> None:
    lines = tmp_path / "hand.jsonl"
    records = [
        {"headline": "Rains flood Dhaka", "body": "Rain.", "date_publish": "2024-03-12 10:00"},
        {"headline": "By hand", "body": "Text.", "published": "March 3, 2024", "author": "Jo"},
        {"headline": " ", "body": "No headline."},
    ]
    lines.write_text("".join(json.dumps(one) + "\n" for one in records), encoding="utf-8")
    result = report(run, str(lines))
    assert result["failures"] == [
        {"source": f"{lines}:3", "reason": "not an article: its headline is empty"}
    ]
    stored = [json.loads(line) for line in run("export", "--jsonl").stdout.splitlines()]
    assert [
        (r["published"], r["published_raw"], r["byline"], r["source_path"]) for r in stored
    ] == [
        ("2024-03-12T10:00:00", "2024-03-12 10:00", None, f"{lines}:1"),
        ("2024-03-03", "March 3, 2024", "Jo", f"{lines}:2"),
    ]


def test_one_json_object_is_one_article(run: Run, tmp_path: Path) -> None:
    story = tmp_path / "story.json"
    story.write_text(json.dumps(CRAWL[0]), encoding="utf-8")
    assert report(run, str(story))["new"] == 1
    assert json.loads(run("show", "1", "--json").stdout)["source_path"] == str(story)
    assert report(run, str(story))["unchanged"] == 1


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('[{"title": "A", "body": "B"}\n {"title": "C"}]', "Expecting ',' delimiter: line 2"),
        ('[{"title": "A", "body": "B"}] []', "Extra data: line 1 column 31"),
        ('{"title": "A", "body": "B"', "Expecting ',' delimiter: line 1 column 27"),
        ("", "empty file"),
        (" [\n] ", "no articles: only blank lines, an empty list or a table's header"),
    ],
    ids=["missing-comma", "extra-data", "unclosed", "empty", "empty-list"],
)
def test_a_json_file_that_does_not_parse_fails_whole(
    run: Run, tmp_path: Path, text: str, reason: str
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text(text, encoding="utf-8")
    (failure,) = report(run, str(broken))["failures"]  # type: ignore[misc]
    assert failure["source"] == str(broken) and reason in failure["reason"]


def test_a_bad_line_of_json_lines_fails_alone(run: Run, tmp_path: Path) -> None:
    lines = tmp_path / "wire.jsonl"
    good = {"title": "Port reopens", "body": "The port reopened on Monday after the storm."}
    lines.write_text(
        "\n".join(
            [
                json.dumps(good),
                '{"title": "Cut off", "bo',
                "",
                json.dumps(good | {"title": "Lone \ud800 surrogate"}),
                json.dumps({"headline": "H", "body": "B", "id": 2**70, "agencies": "AFP"}),
                json.dumps(good | {"title": "Port reopens again"}),
            ]
        ),
        encoding="utf-8",
    )
    result = report(run, str(lines))
    assert (result["new"], result["failed"], result["exit_code"]) == (2, 3, 1)
    assert [(f["source"], f["reason"]) for f in result["failures"]] == [  # type: ignore[attr-defined]
        (
            f"{lines}:2",
            "not valid JSON (Unterminated string starting at: line 1 column 22 (char 21))",
        ),
        (f"{lines}:4", "not an article record: wrong value for title"),
        (f"{lines}:5", "not an article record: wrong value for agencies, id"),
    ]


def test_outlet_and_date_order_apply_to_the_batch(run: Run, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Port reopens\nPublished: 05/03/2020\n\nThe port reopened.\n", encoding="utf-8"
    )
    run("ingest", "--outlet", "Daily Star", "--monthfirst", str(story))
    record = json.loads(run("show", "1", "--json").stdout)
    assert (record["outlet"], record["published"], record["published_raw"]) == (
        "Daily Star",
        "2020-05-03",
        "05/03/2020",
    )


def test_file_over_the_size_limit_is_refused(run: Run, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Headline\n\n" + "word " * 300_000, encoding="utf-8")
    result = report(run, "--max-size", "1", str(big))
    assert result["failed"] == 1
    assert "file too large" in str(result["failures"])


def test_a_file_is_read_whole_past_the_size_it_had_when_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = tmp_path / "growing.txt"
    text.write_bytes(b"Headline\n\n" + b"word " * 50_000)
    real_fstat = os.fstat
    monkeypatch.setattr(
        os,
        "fstat",
        lambda descriptor: SimpleNamespace(st_size=real_fstat(descriptor).st_size // 3),
    )
    data, info = ingest._read_file(str(text), 10**6)
    assert data == text.read_bytes()
    assert info.st_size == len(data) // 3


@pytest.mark.skipif(not hasattr(os, "posix_fadvise"), reason="no read-ahead advice here")
def test_a_batch_of_files_is_asked_of_the_system_before_the_first_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = []
    for number in range(3):
        path = tmp_path / f"{number}.txt"
        path.write_text(f"Headline {number}\n\nBody {number}.\n", encoding="utf-8")
        paths.append(str(path))
    events: list[str] = []
    real_fadvise, real_read = os.posix_fadvise, os.read
    monkeypatch.setattr(
        os,
        "posix_fadvise",
        lambda fd, offset, length, advice: (
            events.append(f"advise {advice}") or real_fadvise(fd, offset, length, advice)
        ),
    )
    monkeypatch.setattr(os, "read", lambda fd, size: events.append("read") or real_read(fd, size))
    jobs = [ingest.Job(path, path, path) for path in [*paths, str(tmp_path / "missing.txt")]]
    outcomes = ingest.parse_batch(jobs, ingest.Options(clusters=False))
    assert events[:4] == [f"advise {os.POSIX_FADV_WILLNEED}"] * 3 + ["read"]
    assert [type(one).__name__ for (one,) in outcomes] == ["Parsed"] * 3 + ["InputResult"]


def test_fifo_in_a_folder_is_skipped(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    (folder / "pipe.txt").unlink(missing_ok=True)
    import os

    os.mkfifo(folder / "pipe.txt")
    result = report(run, str(folder))
    assert (result["new"], result["failed"]) == (1, 1)


def test_reindex_applies_a_parser_change_and_keeps_ids(
    run: Run, inbox: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("ingest", str(inbox))
    before = rows(db_path, "SELECT id, original, ingested_at, body FROM articles ORDER BY id")
    # A parser change: one more line of site furniture is recognised.
    furniture = "bankers said the gap between the official and the open-market exchange rate had narrowed, which pushed more senders to formal channels ahead of ramadan"
    monkeypatch.setattr(normalize, "CHROME_LINES", normalize.CHROME_LINES | {furniture})
    monkeypatch.setattr(normalize, "LONGEST_CHROME_LINE", len(furniture))
    result = run("reindex")
    assert (
        result.stdout
        == "Re-read 6 articles: 1 changed (body 1, word_count 1), 0 could not be re-read"
        " (kept as they were); 0 near-duplicate clusters.\n"
    )
    after = rows(db_path, "SELECT id, original, ingested_at, body FROM articles ORDER BY id")
    assert [row[:3] for row in after] == [row[:3] for row in before]
    changed = [(b[0], a[3]) for b, a in zip(before, after, strict=True) if b[3] != a[3]]
    assert len(changed) == 1 and "Bankers said" not in changed[0][1]
    assert run("search", "bankers", "ramadan").stdout == ""


def test_reindex_tells_of_each_step_and_article(ingested: Path, db_path: Path) -> None:
    """What a progress bar is drawn from: the re-reading, then the clusters, each article once."""
    done: dict[str, int] = {}

    def on_step(name: str, total: int) -> Callable[[int], None]:
        done[name] = 0
        assert total == 6

        def advance(count: int) -> None:
            done[name] += count

        return advance

    with Archive.open(str(db_path), write=True) as archive:
        ingest.reindex(archive, on_step=on_step)
    assert done == {"re-read": 6, "clusters": 6}


def test_archive_is_searchable_with_sqlite_utils(ingested: Path, db_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sqlite_utils",
            "search",
            str(db_path),
            "articles",
            "idlib",
            "-c",
            "id",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert sorted(json.loads(result.stdout), key=lambda r: r["id"]) == [
        {"id": 1},
        {"id": 3},
        {"id": 4},
    ]


def test_parsed_articles_cross_to_the_writer_whole() -> None:
    """Workers hand parsed articles over by pickle, which carries them as field values."""
    import pickle

    from newsarc.ingest import Job, Options, parse_batch
    from newsarc.models import StoredArticle

    paths = sorted(str(path) for path in DATA.glob("*.txt"))
    outcomes = parse_batch([Job(path, path, path) for path in paths], Options())
    assert all(isinstance(one, ingest.Parsed) for (one,) in outcomes)
    assert any(one.fingerprint for (one,) in outcomes)  # type: ignore[union-attr]
    assert pickle.loads(pickle.dumps(outcomes, protocol=pickle.HIGHEST_PROTOCOL)) == outcomes
    stored = StoredArticle(
        "H", None, None, [], None, None, None, "B", 1, 7, None, None, "c", "t", 7, 1
    )
    assert pickle.loads(pickle.dumps(stored)) == stored


def file_status(size: int) -> os.stat_result:
    return os.stat_result((0o100644, 0, 0, 1, 0, 0, size, 0, 0, 0))


def test_large_inputs_make_smaller_batches_and_windows() -> None:
    """A news database's export holds hundreds of articles: windows and batches count them by
    size, so memory stays bounded and the workers share one folder of exports."""
    full = ingest.BATCH
    small = [
        ingest.Job(f"{n}.txt", f"{n}.txt", f"/{n}.txt", info=file_status(3_000))
        for n in range(2 * full + 6)
    ]
    large = [  # 159 articles a file, more than a batch
        ingest.Job(f"{n}.sgm", f"{n}.sgm", f"/{n}.sgm", info=file_status(1_300_000))
        for n in range(3)
    ]
    sizes = [len(batch) for batch in ingest._batches(large + small[: full + 8])]
    assert [len(batch) for batch in ingest._batches(small)] == [full, full, 6]
    assert sizes == [1, 1, 1, full, 8]
    assert ingest._batches([]) == []
    inputs = [ingest.Input(job.path, info=job.info) for job in large * 10 + small[:70]]
    windows = list(ingest._windows(inputs))
    assert [len(window) for window in windows] == [2, 4, 7, 13, 74]
    assert [item for window in windows for item in window] == inputs


def test_the_archive_is_never_read_as_an_input(run: Run, db_path: Path) -> None:
    folder = db_path.parent
    (folder / "story.txt").write_text("A headline\n\nThe story.\n", encoding="utf-8")
    run("ingest", str(folder / "story.txt"))  # the archive now exists, with its WAL
    result = report(run, "--glob", "*", str(folder))
    assert (result["inputs"], result["unchanged"], result["failed"]) == (1, 1, 0)
    named = report(run, str(db_path))
    assert named["failures"] == [
        {"source": str(db_path), "reason": "the archive itself (or its journal), not an input"}
    ]


def test_an_answer_saved_again_adds_its_new_articles_and_keeps_the_old(
    run: Run, tmp_path: Path
) -> None:
    def story(letter: str) -> dict[str, str]:
        return {
            "title": f"Story {letter} makes the news",
            "url": f"https://news.example/{letter}",
            "content": f"What happened in story {letter} on the day, told in a sentence.",
        }

    answer = tmp_path / "latest.json"
    for saved, (letters, counts) in enumerate(
        [
            ("AB", {"new": 2, "unchanged": 0}),
            ("CAB", {"new": 1, "unchanged": 2}),  # a new story on top, the others moved down
            ("DC", {"new": 1, "unchanged": 1}),  # A and B dropped off the answer
        ]
    ):
        answer.write_text(json.dumps({"articles": [story(one) for one in letters]}))
        os.utime(answer, ns=(0, saved * 10**9))  # saved a second apart
        result = report(run, str(answer))
        assert {name: result[name] for name in counts} == counts
    headlines = [
        json.loads(line)["headline"] for line in run("export", "--jsonl").stdout.splitlines()
    ]
    assert headlines == [f"Story {letter} makes the news" for letter in "ABCD"]  # none lost


def test_an_objects_own_id_of_any_kind_is_left_alone(run: Run, tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.jsonl"
    story = {"title": "Port reopens", "body": "The port reopened on Monday after the storm."}
    crawl.write_text(json.dumps(story | {"id": "world/2024/mar/04/port"}) + "\n")
    assert report(run, str(crawl))["new"] == 1  # only an exported record's id must be a number


def test_a_json_feed_is_read_an_item_an_article(run: Run, tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(
        json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "Example News",
                "items": [
                    {
                        "id": "https://news.example/port",
                        "url": "https://news.example/port",
                        "title": "Port reopens",
                        "content_html": "<p>The port reopened on Monday.</p><p>Ships sailed.</p>",
                        "date_published": "2024-03-04T10:00:00Z",
                        "authors": [{"name": "Jane Doe"}],
                    },
                    {
                        "id": "2",
                        "title": "Rates held",
                        "content_text": "The bank held rates.",
                        "summary": "No change for a fifth meeting.",
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    assert report(run, str(feed))["new"] == 2
    records = [json.loads(line) for line in run("export", "--jsonl").stdout.splitlines()]
    assert [
        (r["headline"], r["byline"], r["published"], r["deck"], r["body"]) for r in records
    ] == [
        (
            "Port reopens",
            "Jane Doe",
            "2024-03-04T10:00:00+00:00",
            None,
            "The port reopened on Monday.\n\nShips sailed.",
        ),
        ("Rates held", None, None, "No change for a fifth meeting.", "The bank held rates."),
    ]


def test_the_guardians_content_api_is_read_with_its_fields(run: Run) -> None:
    answer = SAMPLES / "guardian-api.json"  # {"response": {"results": [...]}}, fields asked for
    assert report(run, str(answer))["new"] == 2
    records = [json.loads(line) for line in run("export", "--jsonl").stdout.splitlines()]
    assert [
        (r["headline"], r["deck"], r["byline"], r["dateline"], r["published"], r["outlet"])
        for r in records
    ] == [
        (
            "Port reopens after storm",
            "Ships sailed again on Monday after a week of closures",  # trailText's HTML made text
            "Jane Doe",  # "Jane Doe in Rotterdam": a correspondent and her place
            "Rotterdam",
            "2024-03-04T10:15:00+00:00",
            "The Guardian",
        ),
        ("Bank holds rates", None, None, None, "2024-03-05T08:00:00+00:00", "The Guardian"),
    ]
    assert records[0]["body"] == (  # the body's HTML made text
        "The port reopened on Monday after a week of storms closed it to shipping, officials"
        " said.\n\nHundreds of containers had piled up on the quay."
    )
    assert run("reindex").stdout.startswith("Re-read 2 articles: 0 changed")


@pytest.mark.parametrize(
    ("writers", "people", "agencies"),
    [
        (["Carla K. Johnson, AP"], ["Carla K. Johnson"], ["AP"]),
        (["Associated Press"], [], ["AP"]),
        (["Jane Doe", "Reuters"], ["Jane Doe"], ["Reuters"]),
        (["Doe, Jane"], ["Doe, Jane"], []),  # a surname first is no agency
        ([", AP"], [], ["AP"]),
    ],
)
def test_agencies_named_as_writers_are_agencies(
    writers: list[str], people: list[str], agencies: list[str]
) -> None:
    found: list[str] = []
    assert ingest._agencies_apart(writers, found) == people
    assert found == agencies


def test_an_object_with_no_text_is_read_from_its_summary(run: Run, tmp_path: Path) -> None:
    lines = tmp_path / "headlines.jsonl"
    objects = [
        {"title": "Port reopens", "content": None, "description": "The port reopened."},  # NewsAPI
        {"title": "Rates held", "content": " ", "description": "The bank held rates."},
        {"title": "Storm nears", "short_description": "A storm nears the coast."},  # HuffPost
        {"title": "Headline alone", "text": ""},
    ]
    lines.write_text("".join(json.dumps(one) + "\n" for one in objects), encoding="utf-8")
    assert report(run, str(lines))["new"] == 4
    stored = [json.loads(line) for line in run("export", "--jsonl").stdout.splitlines()]
    assert [(r["headline"], r["body"], r["deck"]) for r in stored] == [
        ("Port reopens", "The port reopened.", None),
        ("Rates held", "The bank held rates.", None),
        ("Storm nears", "A storm nears the coast.", None),
        ("Headline alone", "", None),
    ]


def test_a_bare_date_with_a_time_dates_what_its_text_does_not(run: Run, tmp_path: Path) -> None:
    lines = tmp_path / "scraped.jsonl"
    printed = "Sunday, January 4, 2026\n\nPrices rose again."
    objects = [  # a scraper's `date`: the page's time where it found one, else its own clock
        {"title": "Fuel price up", "body": "Prices rose.", "date": "2026-02-14T18:01:00+00:00"},
        {"title": "Gas price up", "body": "Prices rose.", "date": "2026-02-15T12:46:06.591156"},
        {"title": "LPG price up", "body": printed, "date": "2026-01-04T16:39:55+00:00"},
        {"title": "Oil price up", "body": printed, "date": "2026-01-05T02:52:49+00:00"},
    ]
    lines.write_text("".join(json.dumps(one) + "\n" for one in objects), encoding="utf-8")
    assert report(run, str(lines))["new"] == 4
    stored = [json.loads(line) for line in run("export", "--jsonl").stdout.splitlines()]
    assert [r["published"] for r in stored] == [
        "2026-02-14T18:01:00+00:00",
        None,  # a fetch's clock reading
        "2026-01-04T16:39:55+00:00",  # the day the text prints, to the second
        "2026-01-04",  # another day than the text prints: the text's
    ]
