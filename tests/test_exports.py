"""News databases' exports of many articles: Reuters SGML, Nexis (HTML and text), Factiva (HTML,
and with its field codes as HTML or text), ProQuest (text)."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import SAMPLES, Run, read_export

from newsarc import exports
from newsarc.normalize import clean_text, normalize_cleaned

EXPORTS = SAMPLES / "exports"


def read(name: str, place: int) -> dict[str, object]:
    return read_export(EXPORTS / name, place)


FIELDS = ("headline", "byline", "deck", "dateline", "published", "outlet", "format", "agencies")

# (id, file, place, the fields above, body start, body end)
ROWS = [
    (
        "reuters-story",
        "wire.sgm",
        0,
        (
            "COLOMBIA COFFEE GROWERS SEE <FEDECAFE> QUOTA TALKS",
            "Maria Ortega",
            None,
            "Bogota",
            "1987-03-02T09:14:22",
            "Reuters",
            "reuters-sgml",
            ["Reuters"],
        ),
        "Colombian coffee growers expect the national federation",
        "The federation declined to comment on the talks.",
    ),
    (
        "reuters-brief-is-a-headline",
        "wire.sgm",
        1,
        (
            "ACME MILLS INC 4TH QTR SHR 41 CTS VS 38 CTS",
            None,
            None,
            None,
            "1987-03-02T09:20:05",
            "Reuters",
            "reuters-sgml",
            ["Reuters"],
        ),
        "",
        "",
    ),
    (
        "reuters-unprocessed",
        "wire.sgm",
        2,
        (
            "HARBOUR TRAFFIC NOTICE - PORT OF LISBON",
            None,
            None,
            None,
            "1987-03-02T10:02:47",
            "Reuters",
            "reuters-sgml",
            ["Reuters"],
        ),
        "Pilotage services at the northern berths",
        "the port authority said.",
    ),
    (
        "nexis-html-wire",
        "nexis.html",
        0,
        (
            "Port workers end strike after pay deal",
            None,
            None,
            "Marseille",
            "2013-03-14T11:21:00+00:00",
            "Agence France Presse -- English",
            "nexis-html",
            ["AFP"],
        ),
        "Dock workers in Marseille voted on Thursday to end a nine-day strike after unions & ",
        '"The port will reopen tonight," a union spokesman told AFP.',
    ),
    (
        "nexis-html-german",
        "nexis.html",
        1,
        (
            "Neue Fähre für die Nordsee-Inseln",
            "Jana Becker",
            "Ab Mai fährt ein Schiff mit Gasantrieb.",
            "Hamburg",  # "Hamburg - Die Reederei ...": the dateline as German papers print it
            "2012-02-27T21:50:00+01:00",
            "Spiegel Online",
            "nexis-html",
            [],
        ),
        "Die Reederei stellt im Mai",
        "Die Überfahrt soll zehn Minuten kürzer werden.",
    ),
    (
        "lexisnexis-text-edition-line",
        "export.TXT",
        0,
        (
            "Council approves new ferry timetable",
            "Nora Quinlan",
            None,
            "Galway",
            "2021-04-12",
            "The Harbour Gazette",
            "nexis",
            [],
        ),
        "The city council approved a new ferry timetable on Sunday, adding two evening",
        "three more crew members for each boat.",
    ),
    (
        "lexisnexis-text-caps-headline",
        "export.TXT",
        1,
        (
            "SEC RULES ON 12-14 MAY FILINGS",
            "TOM REILLY",
            None,
            None,
            "2021-04-13",
            "The Harbour Gazette",
            "nexis",
            [],
        ),
        "Regulators extended",
        "by two weeks.",
    ),
    (
        "nexis-uni-after-a-cover-page",
        "nexis-uni.txt",
        0,
        (
            "Council approves new ferry timetable",
            "Nora Quinlan",
            "Two evening sailings added from June",
            "Galway",
            "2021-04-12",
            "The Harbour Gazette",
            "nexis-uni",
            [],
        ),
        "The city council approved a new ferry timetable on Sunday",
        "three more crew members for each boat.",
    ),
    (
        "nexis-uni-without-edition-or-fields-below",
        "nexis-uni.txt",
        1,
        (
            "Harbour dredging to start in May",
            "Tom Reilly",
            None,
            None,
            "2021-04-13",
            "The Harbour Gazette",
            "nexis-uni",
            [],
        ),
        "Dredging of the inner harbour will start in May",
        "the port company said.",
    ),
    (
        "factiva-counted-headline",
        "factiva.html",
        0,
        (
            "Library reopens with longer hours",
            "TOM WALSH",
            None,
            "Galway",
            "2021-04-12",
            "The Harbour Gazette",
            "factiva-html",
            [],
        ),
        "The central library reopened on Monday after a six-month refit, with evening hours",
        "came through the doors in the first hour.",
    ),
    (
        "factiva-german",
        "factiva.html",
        1,
        (
            "Radweg am Kanal wird verbreitert",
            "Lena Hartmann",
            None,
            None,
            "2017-01-09",
            "Der Tagesbote Online",
            "factiva-html",
            [],
        ),
        "Der Radweg am Landwehrkanal",
        "Die Arbeiten dauern bis Juni.",
    ),
    (
        "factiva-codes-in-text",
        "factiva-codes.txt",
        0,
        (
            "Harbour tunnel plan goes to public consultation",
            "Aoife Byrne",
            None,
            "Galway",
            "2021-04-19T06:00:00",
            "The Harbour Gazette",
            "factiva-codes",
            [],
        ),
        "Plans for a road tunnel under the harbour go to public consultation on Monday",
        # a paragraph in capitals that opens as a code would ("IN") stays in the story
        "The tunnel would be the first of its kind in the west.",
    ),
    (
        "factiva-codes-in-html",
        "factiva-codes.html",
        0,
        (
            "Lifeboat station gets new boat",
            "Tom Walsh",
            None,
            None,
            "2021-04-21",
            "The Harbour Gazette",
            "factiva-codes",
            [],
        ),
        "The lifeboat station took delivery of an all-weather boat on Wednesday",
        "The crew will train on it for six weeks.\n\nThe old boat goes to a museum.",
    ),
    (
        "proquest-fields-between-blank-lines",
        "proquest.txt",
        0,
        (
            "Council approves harbour boat subsidy",
            "Nora Quinlan, Tom Reilly",  # "Quinlan, Nora; Reilly, Tom"
            None,
            "Galway",
            "2021-04-14",
            "The Harbour Gazette",
            "proquest",
            [],
        ),
        "The city council approved a subsidy for the island boat on Tuesday",
        # a line of the story that opens as a field would stays in it
        "Update: the boat company said it would publish the new timetable next week.",
    ),
    (
        "proquest-fields-a-line-each-and-a-credit-under-the-story",
        "proquest.txt",
        1,
        (
            "Lifeboat crew honoured for night rescue",
            "Tom Walsh",
            None,
            None,
            "2021-04-16",
            "The Harbour Gazette",
            "proquest",
            [],
        ),
        "The volunteer crew of the Galway lifeboat received a bravery award",
        "The coxswain said the award belonged to the whole station.",
    ),
    (
        "proquest-abstract-only-and-the-date-of-the-citation",
        "proquest.txt",
        2,
        (
            "Harbour fees to rise in spring",
            None,
            None,
            None,
            "2021-04-17",
            "The Harbour Gazette",
            "proquest",
            [],
        ),
        "The harbour company will raise mooring fees by 6% from March",
        "to pay for dredging.",
    ),
]


@pytest.mark.parametrize(
    ("name", "place", "fields", "starts", "ends"),
    [row[1:] for row in ROWS],
    ids=[row[0] for row in ROWS],
)
def test_export_article(
    name: str, place: int, fields: tuple[object, ...], starts: str, ends: str
) -> None:
    record = read(name, place)
    assert tuple(record[field] for field in FIELDS) == fields
    body = str(record["body"])
    assert body.startswith(starts) and body.endswith(ends)
    # No label, notice or markup of the export is left in the body.
    debris_list = ("LENGTH", "LÄNGE", "LOAD-DATE", "Load-Date", "Classification", "Language:")
    for debris in (*debris_list, "Copyright", "Reuter\n", "<", "&#", "Document", "Body"):
        assert debris not in body.replace("<FEDECAFE>", "")


def test_paragraphs_are_kept() -> None:
    assert (
        str(read("wire.sgm", 0)["body"]).count("\n\n") == 2
    )  # three indented paragraphs, wrapped lines joined


@pytest.mark.parametrize(
    "text",
    [
        "Headline\n\nA body that mentions 1 of 2 DOCUMENTS in a sentence.",
        "Headline\n\nA body that says End of Document in a sentence.",
        "<html><body><p>A page that is not an export</p></body></html>",
        "Wire copy about <REUTERS> in angle brackets, as a ticker.",
        f"Headline\n\n{'_' * 60}\n\nA body under a rule that names no ProQuest field.",
        "<html><body><table><tr><td>HD</td><td>1080p</td></tr></table></body></html>",
    ],
)
def test_other_text_is_not_an_export(text: str) -> None:
    assert exports.split(text, html_file=False) is None


def test_ingest_names_each_article_by_its_place(run: Run, db_path: Path) -> None:
    result = run("ingest", "--json", *(str(EXPORTS / name) for name in sorted(exports_names())))
    report = json.loads(result.stdout)
    assert (report["inputs"], report["new"], report["failed"]) == (20, 18, 2)
    assert report["failures"] == [
        {
            "source": f"{EXPORTS / 'proquest.txt'}[3]",
            "reason": "a ProQuest record without its text or abstract: only its citation",
        },
        {
            "source": f"{EXPORTS / 'wire.sgm'}[3]",
            "reason": "an empty story: no headline and no text",
        },
    ]
    record = json.loads(run("show", "1", "--json").stdout)
    assert record["source_path"] == f"{EXPORTS / 'export.TXT'}[0]"
    assert record["outlet"] == "The Harbour Gazette"
    with sqlite3.connect(db_path) as db:
        (original, encoding), *_ = db.execute("SELECT original, encoding FROM articles ORDER BY id")
    assert original.startswith("                               1 of 2 DOCUMENTS\r\n")
    assert encoding == "nexis"
    assert original in (EXPORTS / "export.TXT").read_bytes().decode("utf-8-sig")
    again = json.loads(run("ingest", "--json", str(EXPORTS / "wire.sgm")).stdout)
    assert (again["unchanged"], again["new"]) == (3, 0)
    assert run("reindex").stdout.startswith("Re-read 18 articles: 0 changed, 0 could not")
    hits = run("search", "ferry").stdout.splitlines()  # the same story in two databases
    assert [line.split("\t")[2] for line in hits] == ["Council approves new ferry timetable"] * 2


def test_a_factiva_paragraph_in_capitals_keeps_its_place_in_the_story() -> None:
    body = str(read("factiva-codes.txt", 0)["body"])
    assert "\n\nIN THE MEANTIME, traffic on the quays will be counted for a month.\n\n" in body


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("factiva-codes.txt", ["HARGAZ0020210419eh4j0000a", "HARGAZ0020210420eh4k0000b"]),
        ("factiva-codes.html", ["HARGAZ0020210421eh4l0000c", "HARGAZ0020210422eh4m0000d"]),
    ],
)
def test_factiva_articles_are_known_by_their_accession_numbers(name: str, ids: list[str]) -> None:
    html_file = name.endswith(".html")
    found = exports.split((EXPORTS / name).read_text("utf-8"), html_file=html_file)
    assert found is not None
    format, pieces = found
    assert [exports.item_id(format, piece) for piece in pieces] == ids


def test_proquest_articles_are_known_by_their_document_ids(run: Run, tmp_path: Path) -> None:
    """A search saved again lists its articles in another order: each is still unchanged."""
    export = tmp_path / "ProQuestDocuments.txt"
    text = (EXPORTS / "proquest.txt").read_text("utf-8")
    export.write_text(text, "utf-8")
    first = json.loads(run("ingest", "--json", str(export)).stdout)
    rule = "\n" + "_" * 60 + "\n"
    parts = text.split(rule)
    documents = [i for i, part in enumerate(parts) if part.lstrip().startswith("Document ")]
    reordered = list(parts)
    for place, part in zip(documents, reversed(documents), strict=True):
        reordered[place] = parts[part]
    export.write_text(rule.join(reordered), "utf-8")
    again = json.loads(run("ingest", "--json", str(export)).stdout)
    assert (first["new"], again["new"], again["updated"], again["unchanged"]) == (3, 0, 0, 3)


def test_outlet_option_wins_over_the_export(run: Run) -> None:
    run("ingest", "--outlet", "Wire archive", str(EXPORTS / "nexis.html"))
    assert json.loads(run("show", "2", "--json").stdout)["outlet"] == "Wire archive"


def test_an_export_on_standard_input(run: Run) -> None:
    result = run("ingest", "--json", "-", input=(EXPORTS / "export.TXT").read_bytes())
    report = json.loads(result.stdout)
    assert (report["new"], report["failed"]) == (2, 0)
    assert json.loads(run("show", "2", "--json").stdout)["source_path"] == "<stdin>[1]"


def test_an_export_with_no_articles_fails_whole(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty.sgm"
    empty.write_text('<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<REUTERS NEWID="1">\n', "utf-8")
    report = json.loads(run("ingest", "--json", str(empty)).stdout)
    assert report["failures"] == [
        {"source": str(empty), "reason": "no articles in this Reuters SGML file"}
    ]


def exports_names() -> list[str]:
    return [path.name for path in EXPORTS.iterdir()]


def test_text_after_the_last_end_of_document_is_an_article_too() -> None:
    text = (
        "First story\nThe Gazette\nMay 1, 2021\nBody\nOne.\nEnd of Document\nA note\n\nMore text.\n"
    )
    found = exports.split(text, html_file=False)
    assert found is not None
    format, pieces = found
    assert (format, len(pieces)) == ("nexis-uni", 2)
    assert "".join(pieces) == text


def test_nexis_text_that_looks_like_a_label_stays_in_the_body() -> None:
    """Only the fields Nexis prints are labels: an interview's questions are text, and an
    article without fields under its headline keeps its outlet, date and headline apart."""
    text = (
        "1 of 1 DOCUMENTS\n\nDer Wochenbote\n\n3. Mai 2021 Montag\n\nDas Gespräch\n\n"
        "Die Ministerin spricht über den Hafen.\n\nWOCHENBOTE: Wann öffnet er wieder?\n\n"
        "LOAD-DATE: 4. Mai 2021\n\nSPRACHE: GERMAN; DEUTSCH\n"
    )
    found = exports.split(text, html_file=False)
    assert found is not None
    format, (piece,) = found
    exported = exports.render(format, piece)
    article = normalize_cleaned(clean_text(exported.text), headline_first=exported.headline_first)
    assert (exported.outlet, article.headline, article.published) == (
        "Der Wochenbote",
        "Das Gespräch",
        "2021-05-03",
    )
    assert article.body == (
        "Die Ministerin spricht über den Hafen.\n\nWOCHENBOTE: Wann öffnet er wieder?"
    )


def test_an_unchanged_export_is_skipped_unread(run: Run, tmp_path: Path) -> None:
    export = tmp_path / "nexis.html"
    shutil.copy(EXPORTS / "nexis.html", export)
    first = json.loads(run("ingest", "--json", str(export)).stdout)
    assert (first["inputs"], first["new"]) == (2, 2)
    again = json.loads(run("ingest", "--json", str(export)).stdout)
    assert (again["inputs"], again["unchanged"]) == (1, 1)
    export.write_text(export.read_text("utf-8").replace("nine-day", "ten-day"), "utf-8")
    changed = json.loads(run("ingest", "--json", str(export)).stdout)
    assert (changed["inputs"], changed["updated"], changed["unchanged"]) == (2, 1, 1)
    assert "ten-day strike" in json.loads(run("show", "1", "--json").stdout)["body"]
    assert json.loads(run("ingest", "--json", str(export)).stdout)["unchanged"] == 1


def test_an_agency_that_is_the_outlet_is_shown_once(run: Run) -> None:
    run("ingest", str(EXPORTS / "wire.sgm"))
    meta = run("show", "1").stdout.splitlines()[1]
    assert meta.startswith("#1 · 1987-03-02T09:14:22 · Reuters · Bogota · by Maria Ortega ·")
    assert meta.count("Reuters") == 1


@pytest.mark.parametrize(
    ("byline", "outlet", "names", "agencies"),
    [
        ("KURT SCHORK, --(Reuter)", "The Irish Times", "KURT SCHORK", ["Reuters"]),
        ("Jane Doe -- AFP", "The Harbour Gazette", "Jane Doe", ["AFP"]),
        ("Maria Ortega, Reuters", "Reuters", "Maria Ortega", ["Reuters"]),
        ("Albrecht, Bernhard", "Der Spiegel", "Albrecht, Bernhard", []),
        ("Reuters", "The Harbour Gazette", None, ["Reuters"]),  # the credit alone
        ("-- (AFP)", "The Irish Times", None, ["AFP"]),
        ("AP Photo", "The Harbour Gazette", "AP Photo", []),
        (None, "Agence France Presse -- English", None, ["AFP"]),
    ],
)
def test_wire_credits_name_the_agency(
    byline: str | None, outlet: str, names: str | None, agencies: list[str]
) -> None:
    exported = exports.Exported("Headline\n\nA story.", True, byline=byline, outlet=outlet)
    article = exported.completed(normalize_cleaned(exported.text, headline_first=True))
    assert (article.byline, article.agencies) == (names, agencies)


def test_the_dateline_a_database_states_comes_before_the_lead() -> None:
    text = "Aquino calls on rebels to talk\n\nPHILIPPINES - The opposition candidate, campaigning"
    text += " yesterday on the southern island, made an appeal to the guerrilla leaders to talk.\n"
    exported = exports.Exported(text, headline_first=True, dateline="Davao")
    article = exported.completed(normalize_cleaned(text, headline_first=True))
    assert (article.dateline, article.body[:16]) == ("Davao", "The opposition c")
