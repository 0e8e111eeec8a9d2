"""`newsarc search`, `show`, `export` and `stats` end to end, on the sample archive.

Sample ids: 1 AP Idlib cease-fire (2020-03-05, Moscow), 2 BSS remittances (2026-02-15, Dhaka),
3 the seed (AFP, 2020-03-06, Moscow), 4 Reuters Greece (undated, Athens), 5 UNB metro fares
(2026-03-15, Dhaka), 6 title-first broadband (undated), 7 Reuters U.S. farm exports (undated).
"""

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import DATA, SAMPLES, Run

from newsarc import dump


@pytest.fixture
def archive(ingested: Path, run: Run) -> Run:
    run("ingest", str(SAMPLES / "wire_reuters_dateline.txt"))
    return run


def ids(stdout: str) -> list[int]:
    return [int(line.split("\t")[0]) for line in stdout.splitlines()]


# (id, arguments, expected ids in order)
SEARCH_ROWS = [
    ("word", ["idlib"], [1, 3, 4]),
    ("query-alias", ["idlib"], [1, 3, 4]),
    ("words-anded", ["idlib", "ceasefire"], [3]),
    ("phrase", ['"moscow talks"'], [3]),
    ("unbalanced-quote", ['"moscow talks'], [3]),
    ("prefix", ["erdog*"], [3]),
    ("column", ["headline:putin"], [3]),
    ("hyphenated-name", ["al-Assad"], [3]),
    ("hyphenated-adjective", ["Russian-Turkish"], [3]),
    ("comma", ["Putin, Erdogan"], [3]),
    ("abbreviation-with-dots", ["U.S."], [7]),
    ("plus-signs", ["C++"], []),
    ("bare-and-is-a-word", ["AND"], [1, 3, 6, 2, 4, 5, 7]),
    ("or", ["putin OR remittance"], [2, 3]),
    ("exclude", ["idlib -putin"], [1, 4]),
    ("exclude-as-its-own-argument", ["idlib", "-putin"], [1, 4]),
    ("accents-folded", ["Erdoğan"], [3]),
    ("words-as-written", ["defused"], []),
    (
        "since-until-month-keeps-day",
        ["idlib", "--since", "2020-03", "--until", "2020-03-31"],
        [1, 3],
    ),
    ("since-year", ["idlib", "--since", "2020"], [1, 3]),
    ("until-named-month", ["idlib", "--until", "March 2020"], [1, 3]),
    ("until-day-before", ["idlib", "--until", "2020-03-05"], [1]),
    ("since-excludes", ["idlib", "--since", "2020-03-06"], [3]),
    ("agency", ["idlib", "--agency", "afp"], [3]),
    ("dateline", ["idlib", "--dateline", "MOSCOW"], [1, 3]),
    ("outlet-none", ["idlib", "--outlet", "Daily Star"], []),
    ("byline-word-in-any-case", ["idlib", "--byline", "FRASER"], [1]),
    ("byline-words", ["idlib", "--byline", "litvinova and suzan"], [1]),
    ("byline-wildcards-are-text", ["idlib", "--byline", "%"], []),
    ("newest", ["idlib", "--sort", "newest"], [3, 1, 4]),
    ("oldest", ["idlib", "--sort", "oldest"], [1, 3, 4]),
    ("limit-offset", ["idlib", "--limit", "1", "--offset", "1"], [3]),
    ("raw-fts5", ["--raw", "NEAR(putin erdogan, 3)"], [3]),
]


@pytest.mark.parametrize(
    ("args", "expected"), [r[1:] for r in SEARCH_ROWS], ids=[r[0] for r in SEARCH_ROWS]
)
def test_search(
    archive: Run, args: list[str], expected: list[int], request: pytest.FixtureRequest
) -> None:
    command = "query" if request.node.callspec.id == "query-alias" else "search"
    result = archive(command, *args)
    assert result.exit_code == 0
    assert ids(result.stdout) == expected
    assert result.stderr.startswith("" if expected else f"No articles match {args[0]!r}")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["zzyzx"], "No articles match 'zzyzx'."),
        (
            ["idlib", "--outlet", "Daily Star"],
            "No articles match 'idlib' with --outlet 'Daily Star'.",
        ),
        (
            ["idlib", "--agency", "AP", "--since", "2020-03-06"],
            "No articles match 'idlib' with --agency 'AP' --since '2020-03-06'.",
        ),
        (["idlib", "--offset", "3"], "'idlib' matches 3 articles, none past --offset 3."),
        (
            ["idlib", "--collapse", "--offset", "5", "--dateline", "Moscow"],
            "'idlib' matches 2 clusters, none past --offset 5.",
        ),
    ],
    ids=["no-match", "none-with-filter", "none-with-filters", "past-the-end", "past-the-clusters"],
)
def test_a_search_that_prints_nothing_says_why(archive: Run, args: list[str], message: str) -> None:
    result = archive("search", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", message + "\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["*"], "Nothing to search for in '*'"),
        (['""'], "Nothing to search for"),
        (["--", "-idlib"], "A query cannot only exclude words"),
        (["--raw", "NEAR("], "not valid FTS5"),
        (["--raw", "nocolumn:word"], "not valid FTS5"),
    ],
    ids=["lone-star", "empty-phrase", "only-exclusion", "raw-malformed", "raw-unknown-column"],
)
def test_queries_that_cannot_run_explain_themselves(
    archive: Run, args: list[str], message: str
) -> None:
    result = archive("search", *args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert "Traceback" not in result.stderr


def test_mistyped_option_is_not_searched_for(archive: Run) -> None:
    result = archive("search", "--agnecy", "AFP", "idlib")
    assert result.exit_code == 2
    assert "No such option '--agnecy'" in result.stderr


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_unreadable_date_filter_is_a_usage_error(archive: Run, option: str) -> None:
    result = archive("search", "idlib", option, "soon")
    assert result.exit_code == 2
    assert "Cannot read 'soon' as a date" in result.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [("0", "0 is less than 1."), ("ten", "'ten' is not a whole number.")],
)
def test_a_limit_that_is_no_count_is_a_usage_error(archive: Run, value: str, message: str) -> None:
    result = archive("search", "idlib", "--limit", value)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_limit_beyond_what_sqlite_takes_means_every_hit(archive: Run) -> None:
    result = archive("search", "idlib", "--limit", str(2**70))
    assert (result.exit_code, ids(result.stdout)) == (0, ids(archive("search", "idlib").stdout))


def test_count(archive: Run) -> None:
    assert archive("search", "idlib", "--count").stdout == "3\n"
    assert archive("search", "idlib", "--count", "--agency", "AP").stdout == "1\n"


def test_json_hits(archive: Run) -> None:
    hits = json.loads(archive("search", "idlib", "--agency", "AP", "--json").stdout)
    assert len(hits) == 1
    hit = hits[0]
    assert isinstance(hit.pop("score"), float)
    assert hit == {
        "id": 1,
        "published": "2020-03-05T22:30:00+03:00",
        "headline": "Russia and Turkey agree on cease-fire in Syria's Idlib province",
        "agencies": ["AP"],
        "dateline": "Moscow",
        "outlet": None,
        "snippet": "…along the main highway that crosses **Idlib** province from east to west. Turkish and…",
        "copies": None,
    }


def test_jsonl_and_csv_hits(archive: Run) -> None:
    lines = archive("search", "idlib", "--jsonl").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [1, 3, 4]
    table = list(csv.DictReader(io.StringIO(archive("search", "idlib", "--csv").stdout)))
    assert [(row["id"], row["agencies"], row["dateline"]) for row in table] == [
        ("1", "AP", "Moscow"),
        ("3", "AFP", "Moscow"),
        ("4", "Reuters", "Athens"),
    ]


def test_show_plain(archive: Run) -> None:
    result = archive("show", "3")
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "Putin, Erdogan look to defuse Syria crisis at Moscow talks",
        "The entire world has its eyes fixed on us: Erdogan",
        f"#3 · 2020-03-06 · AFP · Moscow · 320 words · {archive_source(archive, 3)}",
    ]
    assert lines[4].startswith("The leaders of Russia and Turkey met in Moscow yesterday")
    assert lines[-1].endswith("major player in the Middle East.")


def archive_source(run: Run, article_id: int) -> str:
    return str(json.loads(run("show", str(article_id), "--json").stdout)["source_path"])


@pytest.mark.parametrize(
    ("article_id", "message"),
    [
        ("99", "No article with id 99"),
        ("abc", "'abc' is not an article id"),
        ("-1", "is not an article id"),
        (str(2**63), f"No article with id {2**63}"),
    ],
)
def test_show_unknown_or_malformed_id(archive: Run, article_id: str, message: str) -> None:
    result = archive("show", "--", article_id)
    assert result.exit_code == 1
    assert message in result.stderr


EXPORT_FIELDS = [
    "id", "headline", "deck", "byline", "agencies", "dateline", "published", "published_raw",
    "body", "word_count", "outlet", "source_path", "content_hash", "ingested_at", "cluster_id",
    "cluster_size",
]  # fmt: skip


def test_export_json_is_the_contract(archive: Run) -> None:
    records = json.loads(archive("export").stdout)
    assert [r["id"] for r in records] == [1, 2, 3, 4, 5, 6, 7]
    assert all(list(r) == EXPORT_FIELDS for r in records)
    seed = records[2]
    assert (seed["agencies"], seed["published"], seed["word_count"]) == (["AFP"], "2020-03-06", 320)
    shown = json.loads(archive("show", "3", "--json").stdout)
    assert seed == shown


@pytest.mark.parametrize("form", ["--jsonl", "--json"])
def test_export_in_many_chunks_keeps_every_record_in_order(
    archive: Run, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    whole = archive("export", form).stdout
    # One id a chunk: the chunks are built by several connections at once, and those of ids
    # past the end, or filtered out, are empty.
    monkeypatch.setattr(dump, "RANGE", 1)
    assert archive("export", form).stdout == whole
    lines = archive("export", "--jsonl", "--agency", "AFP").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [3]


@pytest.mark.parametrize("form", ["--jsonl", "--csv"])
def test_export_to_a_path_that_cannot_be_written(archive: Run, tmp_path: Path, form: str) -> None:
    target = tmp_path / "missing" / "out.jsonl"
    result = archive("export", form, "-o", str(target))
    assert result.exit_code == 1
    assert f"Cannot write {target}: No such file or directory" in result.stderr


@pytest.mark.parametrize("args", [["--jsonl"], ["--csv"], ["--since", "2020"]])
def test_export_never_writes_over_the_archive(archive: Run, db_path: Path, args: list[str]) -> None:
    before, records = db_path.read_bytes(), archive("export", "--jsonl").stdout
    for target in (str(db_path), f"{db_path}-shm"):
        result = archive("export", *args, "-o", target)
        assert result.exit_code == 1
        assert result.stderr == f"Error: {target} is the archive itself: export to another file.\n"
    assert db_path.read_bytes() == before
    assert archive("export", "--jsonl").stdout == records


def test_export_query_filters_and_formats(archive: Run, tmp_path: Path) -> None:
    out = tmp_path / "idlib.csv"
    result = archive("export", "idlib", "--since", "2020", "--csv", "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, "")
    table = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(table[0]) == EXPORT_FIELDS
    assert [(row["id"], row["agencies"]) for row in table] == [("1", "AP"), ("3", "AFP")]
    lines = archive("export", "--jsonl", "--agency", "BSS").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [2]
    lines = archive("export", "--jsonl", "--byline", "litvinova").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [1]


@pytest.mark.parametrize("form", ["jsonl", "json"])
@pytest.mark.parametrize("with_original", [True, False], ids=["with-original", "contract-only"])
def test_json_export_ingests_into_an_equal_archive(
    archive: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_original: bool, form: str
) -> None:
    dump = tmp_path / f"archive.{form}"
    archive("export", f"--{form}", "-o", str(dump), *(["--with-original"] if with_original else []))
    original = archive("export").stdout
    seed_raw = archive("show", "3", "--raw").stdout
    monkeypatch.setenv("NEWSARC_DB", str(tmp_path / "copy.db"))
    result = archive("ingest", str(dump))
    assert result.stdout.startswith("Ingested 7 inputs: 7 new,")
    assert archive("export").stdout == original
    assert (archive("show", "3", "--raw").stdout == seed_raw) is with_original
    again = json.loads(archive("ingest", "--json", str(dump)).stdout)
    assert (again["inputs"], again["unchanged"]) == (1, 1)  # the file, skipped unread
    assert archive("reindex").stdout.startswith("Re-read 7 articles: 0 changed")


@pytest.mark.parametrize("form", ["jsonl", "json"])
def test_export_piped_into_ingest_gives_an_equal_archive(
    archive: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    dump = archive("export", f"--{form}").stdout
    monkeypatch.setenv("NEWSARC_DB", str(tmp_path / "copy.db"))
    result = archive("ingest", "-v", "-", input=dump)
    assert result.stdout.startswith("Ingested 7 inputs: 7 new,")
    assert "<stdin>:1" in result.stderr or "<stdin>[0]" in result.stderr
    assert archive("export", f"--{form}").stdout == dump


def test_stats(archive: Run) -> None:
    figures = json.loads(archive("stats", "--json").stdout)
    assert figures == {
        "articles": 7,
        "first": "2020-03-05T22:30:00+03:00",
        "last": "2026-03-15T22:36:00",
        "undated": 3,
        "agencies": [
            {"name": "Reuters", "articles": 2},
            {"name": "AFP", "articles": 1},
            {"name": "AP", "articles": 1},
            {"name": "BSS", "articles": 1},
            {"name": "UNB", "articles": 1},
        ],
        "datelines": [
            {"name": "Dhaka", "articles": 2},
            {"name": "Moscow", "articles": 2},
            {"name": "Athens", "articles": 1},
            {"name": "Washington", "articles": 1},
        ],
        "outlets": [],
        "months": [
            {"name": "2020-03", "articles": 2},
            {"name": "2026-02", "articles": 1},
            {"name": "2026-03", "articles": 1},
        ],
    }
    plain = archive("stats").stdout.splitlines()
    assert plain[:3] == [
        "articles\t7",
        "dates\t2020-03-05T22:30:00+03:00\t2026-03-15T22:36:00",
        "undated\t3",
    ]
    assert "month\t2020-03\t2" in plain


@pytest.mark.parametrize(
    "args", [["search", "idlib"], ["show", "1"], ["export"], ["stats"], ["reindex"]]
)
def test_missing_archive_points_to_ingest(run: Run, args: list[str], db_path: Path) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert "No archive at" in result.stderr and "newsarc ingest" in result.stderr
    assert not db_path.exists()


def test_an_empty_file_is_no_archive_until_ingest_makes_it_one(run: Run, db_path: Path) -> None:
    db_path.touch()  # `touch archive.db`, as people make a file before using it
    result = run("search", "idlib")
    assert result.exit_code == 1 and "No archive at" in result.stderr
    assert db_path.stat().st_size == 0  # a read never writes
    result = run("ingest", str(DATA))
    assert result.exit_code == 0 and result.stderr == ""  # made, not "upgraded"
    assert run("search", "idlib").exit_code == 0


@pytest.mark.parametrize("args", [["search", "idlib"], ["show", "1"], ["export"], ["stats"]])
def test_empty_archive_points_to_ingest(run: Run, args: list[str], tmp_path: Path) -> None:
    run("ingest", str(SAMPLES / "empty.txt"))
    result = run(*args)
    assert result.exit_code == 1
    assert "is empty. Load articles first: newsarc ingest PATH" in result.stderr


def test_archive_named_before_the_command(archive: Run, db_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    # Before the command it overrides the environment, after the command it overrides both.
    assert archive("--db", str(db_path), "search", "idlib", "--db", str(other)).exit_code == 1
    wire = str(SAMPLES / "wire_ap_dateline.txt")
    assert archive("--db", str(other), "ingest", wire).exit_code == 0
    assert archive("--db", str(other), "stats").stdout.startswith("articles\t1\n")
    assert archive("search", "idlib").stdout.count("\n") == 3  # NEWSARC_DB still the default
