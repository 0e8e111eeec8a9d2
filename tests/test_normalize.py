"""The normalizer on whole articles of each shape, and on single lines modelled on real ones."""

from pathlib import Path

import pytest

from newsarc.errors import NotAnArticle
from newsarc.ingest import decode
from newsarc.models import Article
from newsarc.normalize import (
    agency_of,
    clean_text,
    normalize,
    normalize_cleaned,
    writer_and_place,
)

SAMPLES = Path(__file__).parent / "samples"
DATA = Path(__file__).parent.parent / "data"


def read_sample(name: str) -> str:
    text, _ = decode((SAMPLES / f"{name}.txt").read_bytes())
    return text


def test_seed_article_record() -> None:
    article = normalize((DATA / "putin-erdogan-moscow-talks.txt").read_text(encoding="utf-8"))
    body = article.body
    assert (article.headline, article.deck, article.byline) == (
        "Putin, Erdogan look to defuse Syria crisis at Moscow talks",
        "The entire world has its eyes fixed on us: Erdogan",
        None,
    )
    assert (article.agencies, article.dateline) == (["AFP"], "Moscow")
    assert (article.published, article.published_raw) == ("2020-03-06", "6 March, 2020 00:00 00 AM")
    assert body.startswith("The leaders of Russia and Turkey met in Moscow yesterday")
    assert body.endswith("major player in the Middle East.")
    assert "logo" not in body and "POST TIME" not in body
    assert article.headline not in body
    assert body.count("\n\n") == 5 and "\n\n\n" not in body
    assert article.word_count == len(body.split())


WHOLE_RECORDS = [
    pytest.param(
        "scraped_page",
        Article(
            headline="Syrian opposition names interim premier in Istanbul vote",
            deck="Coalition hopes the choice will unlock aid for rebel-held areas",
            byline=None,
            agencies=["AFP", "Reuters"],
            dateline="Beirut",
            published="2013-03-14T09:15:00+01:00",
            published_raw="14 March 2013, 09:15 CET",
            body=(
                "The main Syrian opposition coalition chose a US-educated businessman as its interim prime minister on Tuesday, after a day of voting at a hotel in Istanbul.\n\n"
                "The new premier is expected to form a government to run the areas held by rebels in the north and east of the country, where residents have complained of shortages of bread and fuel.\n\n"
                "Western and Gulf backers of the opposition have said they would channel aid through the new administration once it is in place."
            ),
            word_count=82,
        ),
        id="scraped_page",
    ),
    pytest.param(
        "wire_ap_dateline",
        Article(
            headline="Lebanese army deploys in Tripoli after clashes",
            deck=None,
            byline="Zeina Karam",
            agencies=["AP"],
            dateline="Beirut",
            published="2013-03-14T21:50:00+00:00",
            published_raw="March 14, 2013 9:50 PM GMT",
            body=(
                "Lebanese troops moved into the northern city of Tripoli on Thursday after two days of street battles between supporters and opponents of the Syrian regime killed at least six people.\n\n"
                "The clashes pitted gunmen from the Bab Tabbaneh district against fighters in the nearby hilltop neighbourhood of Jabal Mohsen, an army statement said."
            ),
            word_count=53,
        ),
        id="wire_ap_dateline",
    ),
    pytest.param(
        "wire_reuters_dateline",
        Article(
            headline="U.S. FARM EXPORTS SEEN FALLING",
            deck=None,
            byline=None,
            agencies=["Reuters"],
            dateline="Washington",
            published=None,
            published_raw="March 5",
            body=(
                "United States farm exports are expected to fall again in the current fiscal year, the Agriculture Department said in its quarterly outlook.\n\n"
                "The department said exports would total 26.5 billion dlrs, down from 31.2 billion last year, citing strong foreign competition and lower prices for grain.\n\n"
                "Officials said soybean sales to Europe had held up better than expected."
            ),
            word_count=58,
        ),
        id="wire_reuters_dateline",
    ),
    pytest.param(
        "wire_bss_nospace",
        Article(
            headline="Farmers get free seeds and fertiliser in Rajshahi",
            deck=None,
            byline=None,
            agencies=["BSS"],
            dateline="Rajshahi",
            published="2026-02-14",
            published_raw="Feb 14, 2026",
            body=(
                "Nearly 12,000 small and marginal farmers received free seeds and fertiliser for the coming Aus season at a ceremony in the district on Saturday.\n\n"
                "The agriculture extension department said the support would help the farmers cover the cost of a second crop."
            ),
            word_count=42,
        ),
        id="wire_bss_nospace",
    ),
    pytest.param(
        "wire_afp_mixed_case",
        Article(
            headline="Russian court jails opposition activist for five years",
            deck=None,
            byline=None,
            agencies=["AFP"],
            dateline="Moscow",
            published=None,
            published_raw=None,
            body=(
                "A Russian court on Friday sentenced an opposition activist to five years in prison over a protest, his lawyer said.\n\n"
                "The activist, who denies wrongdoing, plans to appeal, the lawyer told reporters outside the courthouse."
            ),
            word_count=35,
        ),
        id="wire_afp_mixed_case",
    ),
    pytest.param(
        "title_first",
        Article(
            headline="Mobile phone sales pass 600 million",
            deck=None,
            byline=None,
            agencies=[],
            dateline=None,
            published=None,
            published_raw=None,
            body=(
                "Worldwide sales of mobile phones passed 600 million last year, according to a report by market analysts.\n\n"
                "Handsets with built-in cameras and colour screens accounted for most of the growth, the report said.\n\n"
                "Analysts expect sales in Asia to overtake those in Europe within two years."
            ),
            word_count=46,
        ),
        id="title_first",
    ),
    pytest.param(
        "latin1",
        Article(
            headline="Cup final tickets to cost £45",
            deck=None,
            byline=None,
            agencies=[],
            dateline=None,
            published=None,
            published_raw=None,
            body=(
                "Tickets for the cup final will cost £45 for adults, the football association said on Monday.\n\n"
                "Children under 16 will pay £20."
            ),
            word_count=22,
        ),
        id="latin1",
    ),
    pytest.param(
        "cp1252",
        Article(
            headline="Euro zone “ready to act” on debt – minister",
            deck=None,
            byline=None,
            agencies=[],
            dateline=None,
            published=None,
            published_raw=None,
            body=(
                "Finance ministers said they were ready to lend €10bn to the bank, calling the plan “the only way out”.\n\n"
                "Markets rose after the announcement."
            ),
            word_count=24,
        ),
        id="cp1252",
    ),
    pytest.param(
        "utf16_bom",
        Article(
            headline="Café owners protest new rent rules",
            deck=None,
            byline=None,
            agencies=[],
            dateline=None,
            published=None,
            published_raw=None,
            body=("Owners of cafés in the old town marched to the city hall on Tuesday."),
            word_count=14,
        ),
        id="utf16_bom",
    ),
    pytest.param(
        "utf8_bom_crlf",
        Article(
            headline="Port strike enters third day",
            deck=None,
            byline=None,
            agencies=[],
            dateline=None,
            published=None,
            published_raw=None,
            body=(
                "Dock workers at the port stayed off the job for a third day on Wednesday, halting container traffic.\n\n"
                "The union said talks would resume on Friday."
            ),
            word_count=26,
        ),
        id="utf8_bom_crlf",
    ),
    pytest.param(
        "cr_only",
        Article(
            headline="Old Mac file keeps its paragraphs",
            deck=None,
            byline=None,
            agencies=[],
            dateline=None,
            published=None,
            published_raw=None,
            body=("This article was saved with carriage returns only.\n\nIt has two paragraphs."),
            word_count=12,
        ),
        id="cr_only",
    ),
    pytest.param(
        "nbsp_wrapped",
        Article(
            headline="Dhaka traffic police launch new fines",
            deck=None,
            byline=None,
            agencies=[],
            dateline=None,
            published=None,
            published_raw=None,
            body=(
                "Traffic police in the capital began fining bus drivers for stopping outside designated stops on Sunday, a spokesman said.\n\n"
                "The campaign runs until the end of the month."
            ),
            word_count=28,
        ),
        id="nbsp_wrapped",
    ),
]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        "Seoul unveils housing measures\n\nPrices fell.\n",
        "Новости дня\n\nПравительство объявило.\n",
    ],
    ids=["latin", "cyrillic"],
)
def test_utf16_without_a_byte_order_mark_is_read(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)) == (text, encoding)


def test_binary_data_with_nul_bytes_on_both_sides_is_refused() -> None:
    with pytest.raises(NotAnArticle, match="binary file"):
        decode(bytes(range(256)) * 4)


@pytest.mark.parametrize(("sample", "expected"), WHOLE_RECORDS)
def test_whole_record(sample: str, expected: Article) -> None:
    assert normalize(read_sample(sample)) == expected


@pytest.mark.parametrize(
    ("sample", "reason"),
    [
        ("empty", "empty file"),
        ("blank", "empty file"),
        ("no_headline", "no headline"),
    ],
)
def test_not_an_article(sample: str, reason: str) -> None:
    with pytest.raises(NotAnArticle, match=reason):
        normalize(read_sample(sample))


@pytest.mark.parametrize(
    "page",
    [
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">\n<html><head>',
        "<html><head>\n\t<meta http-equiv='Content-Type' content='text/html; charset=UTF-8'>",
        "\n  <HTML>\n<HEAD>\n<STYLE TYPE='text/css'><!-- .c0 { text-align: center; } -->",
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>',
        '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<REUTERS TOPICS="YES" NEWID="1">',
        "<!-- saved from url=(0014)about:internet -->\n<html>",
    ],
    ids=["xhtml", "html", "html-upper", "xml", "sgml", "saved-page"],
)
def test_markup_is_not_an_article(page: str) -> None:
    with pytest.raises(NotAnArticle, match="markup"):
        normalize(page + "\nBody text of some length.\n")


@pytest.mark.parametrize(
    "text", ["<< Back to the index\n\nHeadline\n\nBody.", "<Headline> in brackets\n\nBody."]
)
def test_text_that_starts_with_an_angle_bracket_is_read(text: str) -> None:
    assert normalize(text).body.endswith("Body.")


def lead(first_paragraph: str) -> str:
    return f"A headline\n\n{first_paragraph} The rest of the lead.\n"


# (id, first paragraph, dateline, agencies, published, published_raw)
DATELINE_ROWS = [
    ("ap-em-dash", "MOSCOW (AP) —", "Moscow", ["AP"], None, None),
    ("reuters-date-no-year", "MOSCOW, March 5 (Reuters) -", "Moscow", ["Reuters"], None, "March 5"),
    ("afp-mixed-case", "Moscow (AFP) -", "Moscow", ["AFP"], None, None),
    ("afp-region-in-parentheses", "Porto Alegre (Brazil) (AFP) –", "Porto Alegre", ["AFP"], None, None),
    ("cnn-page", "Des Moines, Iowa CNN  —", "Des Moines, Iowa", ["CNN"], None, None),
    ("cnn-page-no-place", "CNN  —", None, ["CNN"], None, None),
    ("a-papers-name-after-the-date", "Colombo, Dec. 2, 2025 (Daily Mirror) –", "Colombo", [], "2025-12-02", "Dec. 2, 2025"),
    (
        "bss-full-date",
        "DHAKA, Feb 15, 2026 (BSS) -",
        "Dhaka",
        ["BSS"],
        "2026-02-15",
        "Feb 15, 2026",
    ),
    ("bss-en-dash", "DHAKA, Feb 15, 2026 (BSS) –", "Dhaka", ["BSS"], "2026-02-15", "Feb 15, 2026"),
    (
        "bss-no-space",
        "BOGURA, Feb 15, 2026 (BSS)-",
        "Bogura",
        ["BSS"],
        "2026-02-15",
        "Feb 15, 2026",
    ),
    (
        "bss-dash-glued",
        "DHAKA, Feb 15, 2026 (BSS) -The",
        "Dhaka",
        ["BSS"],
        "2026-02-15",
        "Feb 15, 2026",
    ),
    ("agency-only", "(BSS)-", None, ["BSS"], None, None),
    (
        "two-agencies",
        "MUNICH, Germany, Feb 14, 2026 (BSS/AFP) -",
        "Munich, Germany",
        ["BSS", "AFP"],
        "2026-02-14",
        "Feb 14, 2026",
    ),
    ("city-and-state", "SAN JUAN, Puerto Rico (AP) —", "San Juan, Puerto Rico", ["AP"], None, None),
    ("abbreviated-state", "WASHINGTON, D.C. (AP) —", "Washington, D.C.", ["AP"], None, None),
    ("two-letter-state", "SPRINGFIELD, NJ —", "Springfield, NJ", [], None, None),
    ("agency-after-the-place", "Tehran, IRNA -", "Tehran", ["IRNA"], None, None),
    ("xinhua-in-chinese", "新华社北京12月2日电", "北京", ["Xinhua"], None, "12月2日"),
    ("ria-in-russian", "МОСКВА, 2 дек — РИА Новости.", "Москва", ["RIA Novosti"], None, "2 дек"),
    ("tass-in-russian", "МОСКВА, 2 декабря. /ТАСС/.", "Москва", ["TASS"], None, "2 декабря"),
    ("agency-after-the-date-and-a-comma", "TOKYO, Dec. 2, Kyodo -", "Tokyo", ["Kyodo"], None, "Dec. 2"),
    ("two-hyphens-before-a-one-letter-word", "ALMATY, Kazakhstan -- A", "Almaty, Kazakhstan", [], None, None),
    ("reuters-21578-no-agency", "SALVADOR, Feb 26 -", "Salvador", [], None, "Feb 26"),
    ("region-of-words-and-and", "SARAJEVO, Bosnia and Herzegovina, Jan. 8 --", "Sarajevo, Bosnia and Herzegovina", [], None, "Jan. 8"),
    ("weekday-before-the-date", "TOKAI, Japan, Tuesday, Jan. 5 --", "Tokai, Japan", [], None, "Jan. 5"),
    ("caps-em-dash", "LONDON —", "London", [], None, None),
    ("caps-en-dash", "PARIS –", "Paris", [], None, None),
    ("caps-two-hyphens", "GAZA CITY --", "Gaza City", [], None, None),
    ("caps-and-region-em-dash", "SAN JUAN, Puerto Rico —", "San Juan, Puerto Rico", [], None, None),
    ("caps-and-region-two-hyphens", "KYIV, Ukraine --", "Kyiv, Ukraine", [], None, None),
    ("tass-day-first-and-stop", "Moscow, 20 March (TASS).", "Moscow", ["TASS"], None, "20 March"),
    ("agency-place-colon", "UNB, Khulna:", "Khulna", ["UNB"], None, None),
    ("agency-place-two-colons", "UNB, Bagerhat::", "Bagerhat", ["UNB"], None, None),
    ("ani-country-in-brackets", "New Delhi [India], October 3 (ANI):", "New Delhi", ["ANI"], None, "October 3"),
    ("efe-stop-and-dash", "Madrid, Oct 24 (EFE).-", "Madrid", ["EFE"], None, "Oct 24"),
    ("pti-date-and-no-dash", "Thiruvananthapuram, Jun 12 (PTI)", "Thiruvananthapuram", ["PTI"], None, "Jun 12"),
    ("kyodo-agency-after-the-date", "TOKYO, Feb. 7 Kyodo -", "Tokyo", ["Kyodo"], None, "Feb. 7"),
    ("interfax-stop-after-the-place", "MOSCOW. March 10 (Interfax) -", "Moscow", ["Interfax"], None, "March 10"),
    ("tass-between-slashes", "MOSCOW, March 10. /TASS/.", "Moscow", ["TASS"], None, "March 10"),
    ("upi-date-and-no-place", "Jan. 5 (UPI) --", None, ["UPI"], None, "Jan. 5"),
    ("pr-newswire", "NEW YORK, March 10, 2025 /PRNewswire/ --", "New York", ["PR Newswire"], "2025-03-10", "March 10, 2025"),
    ("business-wire", "SAN FRANCISCO--(BUSINESS WIRE)--", "San Francisco", ["Business Wire"], None, None),
    ("globe-newswire", "AUSTIN, Texas, March 10, 2025 (GLOBE NEWSWIRE) --", "Austin, Texas", ["GlobeNewswire"], "2025-03-10", "March 10, 2025"),
    ("bloomberg", "(Bloomberg) --", None, ["Bloomberg"], None, None),
    ("ansa-agency-before-the-place", "(ANSA) - ROMA, 10 MAR -", "Roma", ["ANSA"], None, "10 MAR"),
    ("europa-press", "MADRID, 10 Mar. (EUROPA PRESS) -", "Madrid", ["Europa Press"], None, "10 Mar."),
    ("sputnik", "MOSCOW, March 14 (Sputnik) -", "Moscow", ["Sputnik"], None, "March 14"),
    ("wam-ordinal-day", "ABU DHABI, 14th March, 2024 (WAM) --", "Abu Dhabi", ["WAM"], "2024-03-14", "14th March, 2024"),
    ("agency-and-its-service", "LONDON, March 14 (Reuters Breakingviews) -", "London", ["Reuters"], None, "March 14"),
    ("french-date", "Paris, 14 mars 2024 (AFP) -", "Paris", ["AFP"], "2024-03-14", "14 mars 2024"),
    ("spanish-date", "Madrid, 14 de marzo (EFE).-", "Madrid", ["EFE"], None, "14 de marzo"),
    ("german-date", "Berlin, 3. März 2024 (dpa) -", "Berlin", ["dpa"], "2024-03-03", "3. März 2024"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("paragraph", "dateline", "agencies", "published", "raw"),
    [row[1:] for row in DATELINE_ROWS],
    ids=[row[0] for row in DATELINE_ROWS],
)
def test_dateline(
    paragraph: str,
    dateline: str | None,
    agencies: list[str],
    published: str | None,
    raw: str | None,
) -> None:
    article = normalize(lead(paragraph))
    assert (article.dateline, article.agencies, article.published, article.published_raw) == (
        dateline,
        agencies,
        published,
        raw,
    )
    assert article.body.endswith("The rest of the lead.")
    assert not article.body.startswith(("(", "-", "–", "—"))


@pytest.mark.parametrize(
    "headline",
    [
        "UPDATE 2-German factory orders unexpectedly fall in October",
        "Time 100: the leaders who shaped the year",
        "Published 40 years after his death, a lost novel",
    ],
)
def test_a_headline_that_opens_with_a_timestamp_label_is_the_headline(headline: str) -> None:
    article = normalize(f"{headline}\n\nBERLIN, Nov 28 (Reuters) - Orders fell.\n")
    assert (article.headline, article.dateline, article.agencies, article.published_raw) == (
        headline,
        "Berlin",
        ["Reuters"],
        "Nov 28",
    )


@pytest.mark.parametrize("label", ["UPDATE —", "BREAKING NEWS --", "EXPLAINER –"])
def test_a_label_before_a_dash_is_no_dateline(label: str) -> None:
    article = normalize(lead(label))
    assert article.dateline is None
    assert article.body == f"{label} The rest of the lead."


def test_agency_glued_to_the_lead() -> None:
    article = normalize("A headline\n\n(CNN)The council met.\n")
    assert (article.agencies, article.dateline, article.body) == (["CNN"], None, "The council met.")


@pytest.mark.parametrize(
    "paragraph",
    [
        "(UPDATE) The rest.",
        "NOTE: The rest.",
        "(AP) The rest.",
        "Moscow (AFP) The rest.",  # no dash and no date: a name in brackets, maybe
        "Shares of Apple (AAPL) Rose.",
    ],
)
def test_paragraph_that_starts_with_a_label_is_kept(paragraph: str) -> None:
    article = normalize(f"A headline\n\n{paragraph}\n")
    assert (article.agencies, article.dateline, article.body) == ([], None, paragraph)


PROSE = "the central bank said on Thursday that it would keep its rates where they are for now."


@pytest.mark.parametrize(
    ("lead", "dateline"),
    [
        ("ISLAMABAD: ", "Islamabad"),
        ("SINGAPORE - ", "Singapore"),
        ("NEW YORK - ", "New York"),
        ("MÜNCHEN - ", "München"),  # capitals outside ASCII
        ("SÃO PAULO: ", "São Paulo"),
        ("G20: ", None),  # a number
        ("NOTE: ", None),  # a label
        ("EDITOR’S NOTE: ", None),
        ("LIVE UPDATES: ", None),
        ("US: ", None),  # two letters: more likely a label
    ],
)
def test_a_place_in_capitals_that_opens_the_story(lead: str, dateline: str | None) -> None:
    article = normalize(f"A headline\n\n{lead}The {PROSE}\n")
    assert (article.dateline, article.body) == (
        dateline,
        f"The {PROSE}" if dateline else f"{lead}The {PROSE}",
    )


@pytest.mark.parametrize(
    "paragraph",
    [
        "ORTSTERMIN: In Köln wird eine angebliche Hexe rehabilitiert.",  # too short
        "WHEAT - No Two Soft Red Winter Jne 129.50 up 1.50 Jly 124.50 up 1.50 Aug 126.50",
        "AFFIRMATIVE: Republicans Get Elected; Libertarian Party Members Don't Win Any Seats",
    ],
)
def test_words_in_capitals_before_no_prose_are_kept(paragraph: str) -> None:
    article = normalize(f"A headline\n\n{paragraph}\n")
    assert (article.dateline, article.body) == (None, paragraph)


GERMAN_PROSE = "Nach einem Unfall auf der Autobahn sind am Sonntag drei Menschen verletzt worden, teilte die Polizei mit."


@pytest.mark.parametrize(
    ("lead", "dateline"),
    [
        ("Hamburg - ", "Hamburg"),
        ("Köln – ", "Köln"),  # an en dash
        ("Groß-Gerau - ", "Groß-Gerau"),
        ("Leipzig/Halle - ", "Leipzig/Halle"),
        ("Washington/UN - ", "Washington/UN"),
        ("Update - ", None),  # a label
        ("Kommentar - ", None),  # a German paper's label
        ("Sport - ", None),  # a section
        ("Reuters - ", None),  # an agency
        ("Angela Merkel - ", None),  # two words: a name, as English leads open with one
        ("BERLIN - ", "Berlin"),  # capitals, read as before
    ],
)
def test_a_place_in_mixed_case_before_a_dash_that_opens_the_story(
    lead: str, dateline: str | None
) -> None:
    article = normalize(f"Eine Überschrift\n\n{lead}{GERMAN_PROSE}\n")
    assert (article.dateline, article.body) == (
        dateline,
        GERMAN_PROSE if dateline else f"{lead}{GERMAN_PROSE}",
    )


@pytest.mark.parametrize(
    "paragraph",
    [
        "Berlin - Hamburg 2:1 (Halbzeit 1:0)",  # a result: no prose after the dash
        "Smith/Jones - New York Stock Exchange Listing Report",  # a table's heading
        "Federer - the best player of his time, said his coach after the final on Sunday.",
    ],
)
def test_a_word_before_a_dash_that_is_no_place_is_kept(paragraph: str) -> None:
    article = normalize(f"A headline\n\n{paragraph}\n")
    assert (article.dateline, article.body) == (None, paragraph)


def test_a_place_in_capitals_gives_way_to_the_header_place() -> None:
    article = normalize(f"A headline\nAFP, Davao\n\nPHILIPPINES - The {PROSE}\n")
    assert (article.dateline, article.body) == ("Davao", f"PHILIPPINES - The {PROSE}")


@pytest.mark.parametrize(
    "paragraph",
    [
        "They called themselves Drink Or Die (DOD). They were a network of computer buffs.",
        "He joined the Liberal Democratic Party (LDP). Two years later he led it.",
    ],
)
def test_a_sentence_before_an_abbreviation_in_parentheses_is_no_dateline(paragraph: str) -> None:
    article = normalize(f"A headline\n\n{paragraph}\n")
    assert (article.dateline, article.agencies, article.body) == (None, [], paragraph)


def test_a_line_between_the_headline_and_a_wire_lead_is_the_deck() -> None:
    text = "Le gouvernement présente son budget\n\nLe projet prévoit 40 milliards d'économies.\n\n"
    text += "PARIS (AFP) - Le gouvernement a présenté mercredi son projet.\n\nLe texte suit.\n"
    article = normalize(text)
    assert (article.deck, article.dateline, article.agencies, article.body) == (
        "Le projet prévoit 40 milliards d'économies.",
        "Paris",
        ["AFP"],
        "Le gouvernement a présenté mercredi son projet.\n\nLe texte suit.",
    )


def test_paragraph_that_only_looks_like_a_dateline_is_kept() -> None:
    text = "A headline\n\nBy early 2005 the net could have two new domain names.\n"
    article = normalize(text)
    assert (article.byline, article.body) == (
        None,
        "By early 2005 the net could have two new domain names.",
    )


# (id, header line under the headline, byline, agencies, dateline)
CREDIT_ROWS = [
    ("outlet-with-agency-in-capitals", "DAILY SABAH WITH AA", None, ["AA"], None),
    ("byline-and-outlet-glued", "By Jane Smith Fox News", "Jane Smith", [], None),
    ("byline-and-outlet-after-a-bar", "By Jane Smith | ABC News", "Jane Smith", [], None),
    ("byline-and-role-after-a-comma", "By Jane Smith, Sky News correspondent", "Jane Smith", [], None),
    ("byline-after-the-role", "By business reporter Jane Smith", "Jane Smith", [], None),
    ("byline-after-a-long-role", "By national science, technology and environment reporter Michael Slezak", "Michael Slezak", [], None),
    ("outlet-news-place", "ABC News, Brisbane", None, [], "Brisbane"),
    ("afp-place", "AFP, Moscow", None, ["AFP"], "Moscow"),
    ("reuters-place", "Reuters, Washington", None, ["Reuters"], "Washington"),
    ("unb-place", "UNB, Dhaka", None, ["UNB"], "Dhaka"),
    ("two-agencies", "AFP/Reuters, Beirut", None, ["AFP", "Reuters"], "Beirut"),
    ("agency-colon", "UNB :", None, ["UNB"], None),
    ("staff-correspondent", "Staff Correspondent", "Staff Correspondent", [], None),
    ("staff-correspondent-colon", "Staff Correspondent :", "Staff Correspondent", [], None),
    ("district-correspondent", "Joypurhat Correspondent:", "Joypurhat Correspondent", [], None),
    ("desk-place", "Online Desk, Dhaka", "Online Desk", [], "Dhaka"),
    ("named-desk", "EB Desk", "EB Desk", [], None),
    ("byline", "By Vladimir Isachenkov", "Vladimir Isachenkov", [], None),
    ("byline-crediting-an-agency", "By Jane Smith, Associated Press", "Jane Smith", ["AP"], None),
    ("byline-and-agency-after-a-bar", "By Jane Smith | Reuters", "Jane Smith", ["Reuters"], None),
    ("byline-and-agency-after-a-space", "By JANE SMITH and JOHN DOE Associated Press", "JANE SMITH and JOHN DOE", ["AP"], None),
    ("byline-of-an-agency-alone", "By Reuters", None, ["Reuters"], None),
    ("byline-of-an-agencys-desk", "By Reuters Staff", "Reuters Staff", [], None),
    ("byline-and-title-after-a-dash", "By Jane Smith - Staff Writer", "Jane Smith - Staff Writer", [], None),
    ("byline-and-address", "By Jane Smith | jsmith@example.com", "Jane Smith", [], None),
    ("byline-title-and-address", "By Jane Smith, Staff Writer, jane.smith@example.co.uk", "Jane Smith, Staff Writer", [], None),
    ("source-field-agency", "SOURCE: Reuters", None, ["Reuters"], None),
    ("source-field-outlet", "Source: The Guardian", None, [], None),
    ("bureau", "The Hindu Bureau", "The Hindu Bureau", [], None),
    ("outlet-with-agency", "Le Monde with AFP", None, ["AFP"], None),
    ("outlet-avec-agency", "Le Monde avec AFP", None, ["AFP"], None),
    ("outlet-con-agency", "El País con EFE", None, ["EFE"], None),
    ("french-byline", "Par Jean Dupont", "Jean Dupont", [], None),
    ("german-byline", "Von Hans Müller", "Hans Müller", [], None),
    ("italian-byline", "di Giulia Rossi", "Giulia Rossi", [], None),
    ("chinese-source", "来源：新华社", None, ["Xinhua"], None),
    ("byline-of-an-outlet-with-agencies", "By Euronews with AP, AFP", "Euronews", ["AP", "AFP"], None),
    ("agency-and-desk-between-bars", "Reuters | Staff Reporter", "Staff Reporter", ["Reuters"], None),
    ("byline-of-two", "By JOHN LEICESTER and ANGELA CHARLTON", "JOHN LEICESTER and ANGELA CHARLTON", [], None),
    ("byline-in-small-letters", "by Martin Fornusek", "Martin Fornusek", [], None),
    ("desk-of-a-paper-of-two-words", "Prothom Alo English Desk", "Prothom Alo English Desk", [], None),
    ("bureau-in-small-letters", "khulna bureau:", "khulna bureau", [], None),
    ("agencies-colon", "Agencies :", None, [], None),
    ("agency-colon-unnamed", "Agency:", None, [], None),
    ("name-colon", "Rafiq Ahmed :", "Rafiq Ahmed", [], None),
    ("name-with-initials-and-place-colon", "M A Karim,Rajshahi:", "M A Karim", [], "Rajshahi"),
    ("titled-name-colon", "Prof. Dr. Md. Anisur Rahman :", "Prof. Dr. Md. Anisur Rahman", [], None),
    ("outlet-staff-and-agencies", "Guardian staff and agencies", "Guardian staff and agencies", [], None),
    ("outlet-staff", "Al Jazeera Staff", "Al Jazeera Staff", [], None),
    ("staff-and-an-agency", "Staff and Reuters", "Staff and Reuters", ["Reuters"], None),
    ("news-service", "Express News Service", "Express News Service", [], None),
    ("agency-staff", "Reuters staff", "Reuters staff", ["Reuters"], None),
    ("agency-place-after-a-bar", "AFP | Paris", None, ["AFP"], "Paris"),
    ("agency-place-after-a-slash", "Reuters / London", None, ["Reuters"], "London"),
    ("byline-and-place", "By Helena Smith in Athens", "Helena Smith", [], "Athens"),
    ("written-by", "Written by Jane Doe", "Jane Doe", [], None),
    ("reported-by", "Reported by Jane Doe", "Jane Doe", [], None),
    ("author-field", "AUTHOR: Jane Doe", "Jane Doe", [], None),
    ("desk-in-capitals", "STAFF CORRESPONDENT", "STAFF CORRESPONDENT", [], None),
    ("desk-and-a-place-with-accents", "Special Correspondent, Chișinău", "Special Correspondent", [], "Chișinău"),
    # A case-blind pattern's "i" matches the dotted capital İ, whose lower case is two characters.
    ("news-service-in-turkish-capitals", "EXPRESS NEWS SERVİCE", "EXPRESS NEWS SERVİCE", [], None),
    ("wire-services-place", "Wire services, Geneva", None, [], "Geneva"),
]  # fmt: skip


def test_a_credit_in_capitals_with_a_dotted_i_is_read() -> None:
    # A case-blind pattern's "i" matches "İ", whose lower case is two characters: the line is
    # tried all the same, though its first letters are not an agency's in lower case.
    article = normalize("A headline\nWİRE SERVICES, Ankara\n\nThe body of the story.\n")
    assert (article.dateline, article.body) == ("Ankara", "The body of the story.")


@pytest.mark.parametrize(
    "line",
    [
        "Key Points:",
        "Also Read:",
        "Top Stories:",
        "At A Glance:",
        "Exclusive Interview:",
        "Fact Check:",
        "WHEAT EXPORT PRICES:",
    ],
)
def test_a_label_or_a_heading_with_a_colon_is_not_a_byline(line: str) -> None:
    article = normalize(f"A headline\n\n{line}\n\nThe body of the story.\n")
    assert article.byline is None and article.body.startswith(line)


@pytest.mark.parametrize(
    ("line", "byline", "agencies", "dateline"),
    [row[1:] for row in CREDIT_ROWS],
    ids=[row[0] for row in CREDIT_ROWS],
)
def test_credit_line(
    line: str, byline: str | None, agencies: list[str], dateline: str | None
) -> None:
    article = normalize(f"A headline\n{line}\n\nThe body of the story.\n")
    assert (article.headline, article.byline, article.agencies, article.dateline, article.body) == (
        "A headline",
        byline,
        agencies,
        dateline,
        "The body of the story.",
    )


# (id, line under the headline, byline, agencies, dateline, published, published_raw): credit
# lines that carry a date, and datelines alone on their line, as sites of Bangladesh print them.
DATED_CREDIT_ROWS = [
    (
        "desk-place-date",
        "Staff Correspondent, Dhaka (Monday, February 9, 2026)",
        "Staff Correspondent",
        [],
        "Dhaka",
        "2026-02-09",
        "Monday, February 9, 2026",
    ),
    (
        "lone-dateline",
        "DHAKA, Dec 17, 2025 (BSS)",
        None,
        ["BSS"],
        "Dhaka",
        "2025-12-17",
        "Dec 17, 2025",
    ),
    ("place-and-date-colon", "Dhaka March 14, 2025:", None, [], "Dhaka", "2025-03-14", "March 14, 2025"),
    (
        "lone-dateline-no-year",
        "LONDON, Dec 17 (Reuters)",
        None,
        ["Reuters"],
        "London",
        None,
        "Dec 17",
    ),
    # Parts of a header line between bars or slashes
    ("agency-and-date", "Reuters | Published March 10, 2025", None, ["Reuters"], None, "2025-03-10", "March 10, 2025"),
    (
        "desk-site-and-date",
        "TOI News Desk / TIMESOFINDIA.COM / Updated: Jul 10, 2025, 14:32 IST",
        "TOI News Desk", [], None, "2025-07-10T14:32:00", "Jul 10, 2025, 14:32 IST",
    ),
    ("name-and-dates", "Jane Doe |10.03.2025 - Update : 10.03.2025", "Jane Doe", [], None, "2025-03-10", "10.03.2025"),
    (
        "source-field-and-time",
        "Source: Xinhua| 2026-11-20 10:14:35|Editor: huaxia",
        None, ["Xinhua"], None, "2026-11-20T10:14:35", "2026-11-20 10:14:35",
    ),
    (
        "news-service-initials-and-time",
        "TNN | Updated: May 30, 2024, 11:42 IST",
        "TNN", [], None, "2024-05-30T11:42:00", "May 30, 2024, 11:42 IST",
    ),
]  # fmt: skip


@pytest.mark.parametrize("run_together", [False, True], ids=["own-line", "after-headline"])
@pytest.mark.parametrize(
    ("line", "byline", "agencies", "dateline", "published", "raw"),
    [row[1:] for row in DATED_CREDIT_ROWS],
    ids=[row[0] for row in DATED_CREDIT_ROWS],
)
def test_dated_credit_line(
    line: str,
    byline: str | None,
    agencies: list[str],
    dateline: str | None,
    published: str | None,
    raw: str | None,
    run_together: bool,
) -> None:
    """Alone under the headline, or run together with the headline printed again (a scraper
    joined the two lines): "Oil jumps 2% as Trump's blockade bites LONDON, Dec 17 (Reuters)"."""
    title = "Oil jumps 2% as Trump's blockade bites"
    repeated = title.replace("'", "’")  # the page's own quotes, not the database field's
    under = f"{repeated} {line}" if run_together else line
    article = normalize(f"{title}\n\n{under}\n\nOil prices rallied on Wednesday.\n")
    assert (
        article.byline,
        article.agencies,
        article.dateline,
        article.published,
        article.published_raw,
        article.body,
    ) == (byline, agencies, dateline, published, raw, "Oil prices rallied on Wednesday.")


@pytest.mark.parametrize(
    "paragraph",
    [
        "Phil Fear (WRU)",  # a name in a list: not an agency
        "A headline in the sky at an exclusive event in Chattogram, the company said.",
        "A headline in the sky Nick Cunningham",  # the headline and a name: left as written
    ],
)
def test_first_paragraph_that_is_no_credit_is_kept(paragraph: str) -> None:
    article = normalize(f"A headline in the sky\n\n{paragraph}\n\nThe story goes on.\n")
    assert (article.byline, article.agencies, article.dateline) == (None, [], None)
    assert article.body == f"{paragraph}\n\nThe story goes on."


def test_a_headline_printed_again_is_no_byline() -> None:
    # "Von" opens a German byline under a headline; the headline's second printing is not one.
    text = "Von Miller Signs With Bills\nVon Miller Signs With Bills\n\nThe linebacker agreed.\n"
    article = normalize(text)
    assert (article.headline, article.byline, article.body) == (
        "Von Miller Signs With Bills",
        None,
        "The linebacker agreed.",
    )


def test_headline_printed_again_with_other_quotes_is_dropped() -> None:
    article = normalize('Trump\'s "deal" stalls\n\nTrump’s “deal” stalls\n\nTalks ended.\n')
    assert (article.headline, article.body) == ('Trump\'s "deal" stalls', "Talks ended.")


# (id, header lines, published, published_raw): labels of real timestamp lines.
TIMESTAMP_LINE_ROWS = [
    (
        "updated-us-eastern",
        "Updated 9:02 PM ET, Thu March 5, 2020",
        "2020-03-05T21:02:00-05:00",
        "9:02 PM ET, Thu March 5, 2020",
    ),
    (
        "post-time",
        "POST TIME: 6 March, 2020 00:00 00 AM",
        "2020-03-06",
        "6 March, 2020 00:00 00 AM",
    ),
    (
        "published",
        "Published: 10:36 PM, 15 February 2026",
        "2026-02-15T22:36:00",
        "10:36 PM, 15 February 2026",
    ),
    (
        "posted-at",
        "Posted at 10:30 am, February 15, 2026",
        "2026-02-15T10:30:00",
        "10:30 am, February 15, 2026",
    ),
    (
        "dotted-half-day",
        "March 14, 2024 at 2:30 p.m. EDT",
        "2024-03-14T14:30:00-04:00",
        "March 14, 2024 at 2:30 p.m. EDT",
    ),
    (
        "section-before-the-time",
        "All News 09:12 March 14, 2024",
        "2024-03-14T09:12:00",
        "09:12 March 14, 2024",
    ),
    (
        "update-time",
        "Update Time : Sunday, 15 February, 2026, 12:00 am",
        "2026-02-15",
        "Sunday, 15 February, 2026, 12:00 am",
    ),
    (
        "published-before-updated",
        "Published: 14 Feb 2026\nUpdated: 15 Feb 2026",
        "2026-02-14",
        "14 Feb 2026",
    ),
    (
        "updated-only",
        "Last updated: 15 Feb 2026 08:15 PM",
        "2026-02-15T20:15:00",
        "15 Feb 2026 08:15 PM",
    ),
    ("unlabelled", "Sun Feb 15, 2026 12:06 AM", "2026-02-15T00:06:00", "Sun Feb 15, 2026 12:06 AM"),
    (
        "published-and-updated-on-one-line",
        "Published: 10:15 AM, Feb 10, 2026 | Updated: 11:00 AM, Feb 11, 2026",
        "2026-02-10T10:15:00",
        "10:15 AM, Feb 10, 2026",
    ),
    (
        "updated-before-published-on-one-line",
        "Updated 11 Feb 2026, 09:20 · Published 10 Feb 2026, 09:15",
        "2026-02-10T09:15:00",
        "10 Feb 2026, 09:15",
    ),
    (
        "unlabelled-then-last-update",
        "Tue Feb 10, 2026 09:15 PM Last update on: Tue Feb 10, 2026 09:20 PM",
        "2026-02-10T21:15:00",
        "Tue Feb 10, 2026 09:15 PM",
    ),
    (
        "unlabelled-then-updated-after-a-slash",
        "Feb 10, 2026, 9:15 PM / Updated Feb 11, 2026, 8:00 AM",
        "2026-02-10T21:15:00",
        "Feb 10, 2026, 9:15 PM",
    ),
    (
        "a-label-inside-a-value",
        "Published: 6 March 2020, updated daily",
        "2020-03-06",
        "6 March 2020, updated daily",
    ),
    ("german-month", "Published: 27. Februar 2012", "2012-02-27", "27. Februar 2012"),
    (
        "a-date-and-its-copy-run-together",
        "Published On 3 Nov 20253 Nov 2025",
        "2025-11-03",
        "3 Nov 20253 Nov 2025",
    ),
    (
        "year-clock-and-update-run-together",
        "March 10, 20253:45 PM GMTUpdated 2 hours ago",
        "2025-03-10T15:45:00+00:00",
        "March 10, 20253:45 PM GMT",
    ),
    (
        "zone-offset-and-update-run-together",
        "March 3, 20242:30 PM GMT+1Updated 2 hours ago",
        "2024-03-03T14:30:00+01:00",
        "March 3, 20242:30 PM GMT+1",
    ),
    (
        "clock-and-modified-run-together",
        "Issued on: 03/03/2024 - 14:30Modified: 03/03/2024 - 16:00",
        "2024-03-03T14:30:00",
        "03/03/2024 - 14:30",
    ),
    (
        "update-label-alone-over-its-time",
        "By Jane Smith\nMarch 3, 2024 at 2:30 PM GMT+1\nUpdated on\nMarch 3, 2024 at 4:10 PM GMT+1",
        "2024-03-03T14:30:00+01:00",
        "March 3, 2024 at 2:30 PM GMT+1",
    ),
    ("label-alone-over-its-time", "Published:\n3 March 2024", "2024-03-03", "3 March 2024"),
    (
        "french-published-and-modified",
        "Publié le 10 mars 2025 à 14h32, modifié le 10 mars 2025 à 16h00",
        "2025-03-10T14:32:00",
        "10 mars 2025 à 14h32",
    ),
    ("german-as-of", "Stand: 02.12.2025 14:32 Uhr", "2025-12-02T14:32:00", "02.12.2025 14:32 Uhr"),
    ("portuguese-dotted", "2.dez.2025 às 14h32", "2025-12-02T14:32:00", "2.dez.2025 às 14h32"),
    (
        "label-after-a-dash-and-time-after-a-dash",
        "-Aktualisiert am 02.12.2025-14:45",
        "2025-12-02T14:45:00",
        "02.12.2025-14:45",
    ),
    (
        "italian-modified-in-brackets",
        "2 dicembre 2025 (modifica il 2 dicembre 2025 | 21:40)",
        "2025-12-02",
        "2 dicembre 2025",
    ),
    (
        "spanish-updated-before-published",
        "Actualizado: 11/03/2025 09:00\nPublicado: 10/03/2025 14:32",
        "2025-03-10T14:32:00",
        "10/03/2025 14:32",
    ),
    (
        "german-clock-with-a-stop",
        "10.03.2025, 14.32 Uhr",
        "2025-03-10T14:32:00",
        "10.03.2025, 14.32 Uhr",
    ),
    (
        "chinese-label",
        "发布时间：2025年03月10日 14:32",
        "2025-03-10T14:32:00",
        "2025年03月10日 14:32",
    ),
    (
        "issued-and-modified",
        "Issued on: 10/03/2025 - 14:32 Modified: 10/03/2025 - 16:00\n2 min",
        "2025-03-10T14:32:00",
        "10/03/2025 - 14:32",
    ),
    (
        "last-modified-after-the-date",
        "Mon 3 Feb 2025 14.02 GMT\nLast modified on Mon 3 Feb 2025 15.30 GMT",
        "2025-02-03T14:02:00+00:00",
        "Mon 3 Feb 2025 14.02 GMT",
    ),
    ("unparseable-kept", "Published: 27 Brumaire an VIII", None, "27 Brumaire an VIII"),
]


@pytest.mark.parametrize(
    ("lines", "published", "raw"),
    [row[1:] for row in TIMESTAMP_LINE_ROWS],
    ids=[row[0] for row in TIMESTAMP_LINE_ROWS],
)
def test_timestamp_line(lines: str, published: str | None, raw: str | None) -> None:
    article = normalize(f"A headline\n{lines}\n\nThe body of the story.\n")
    assert (article.deck, article.published, article.published_raw, article.body) == (
        None,
        published,
        raw,
        "The body of the story.",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("\ufeffheadline", "headline"),
        ("non\u00a0breaking  and\tspaced", "non breaking and spaced"),
        ("Cafe\u0301", "Café"),
        ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen"),
        ("trailing   \n\n\n", "trailing"),
        ("    indented stays", "    indented stays"),
        ("costs â‚¬4.5 billion", "costs €4.5 billion"),
        ("Franceâ€[TM]s power", "France’s power"),
        ('lead â€" at the very least â€" to', "lead — at the very least — to"),
        ("â€œquotedâ€\x9d", "“quoted”"),
        ("cafÃ© Ã\xa0 la Â£5", "café à la £5"),
        ("château naïve Ãx â‚", "château naïve Ãx â‚"),
        ("the country&rsquo;s &quot;tranquility&quot;", 'the country’s "tranquility"'),
        ("caf&#233; &#x2014; a&nbsp;b", "café — a b"),
        ("AT&T and R&D; &copy &unknown; &#xZZ;", "AT&T and R&D; &copy &unknown; &#xZZ;"),
        ("see [the report](https://x.org/r) ![A flood](/f.jpg)", "see the report"),
        (
            "**LONDON (Reuters)** - *By Jane Doe* and __AP__",
            "LONDON (Reuters) - By Jane Doe and AP",
        ),
        ("Head\n\n## Background\n\nText", "Head\n\nBackground\n\nText"),
        (
            '> ## Excerpt\n> At least 126 died.\n\nText.\n\n> "It fell," one said.\n>\n> Then quiet.',
            'At least 126 died.\n\nText.\n\n"It fell," one said.\n\nThen quiet.',
        ),
        (
            "* * *\n* a bullet\n5 * 3 = 15, 2*x, [1](not a link), a > b\n>>Source: IOL\n>ICC",
            "* * *\n* a bullet\n5 * 3 = 15, 2*x, [1](not a link), a > b\n>>Source: IOL\n>ICC",
        ),
    ],
    ids=[
        "line-endings",
        "bom",
        "spaces",
        "nfc",
        "invisibles",
        "trailing",
        "indent",
        "mojibake-euro",
        "mojibake-nexis-apostrophe",
        "mojibake-nexis-dash",
        "mojibake-quotes-undefined-byte",
        "mojibake-latin1-letters",
        "not-mojibake",
        "character-references",
        "numeric-references",
        "not-references",
        "markdown-links-and-pictures",
        "markdown-emphasis",
        "markdown-heading",
        "markdown-quotes",
        "not-markdown",
    ],
)
def test_clean_text(text: str, expected: str) -> None:
    assert clean_text(text) == expected


def test_hard_wrapped_paragraphs_are_joined_and_kept_apart() -> None:
    text = "Headline\n\nFirst line of a paragraph\nwrapped at the margin.\n\nTroops fought Moscow-\nbacked forces.\n"
    assert (
        normalize(text).body
        == "First line of a paragraph wrapped at the margin.\n\nTroops fought Moscow-backed forces."
    )


@pytest.mark.parametrize(
    ("top", "headline"),
    [
        ("World news", "Heatwave grips southern Europe"),
        ("Home › World › Europe", "Heatwave grips southern Europe"),
        ("News | Politics", "Heatwave grips southern Europe"),
        ("News|Israel-Palestine conflict", "Heatwave grips southern Europe"),
        ("News | Heat kills dozens in Spain", "News | Heat kills dozens in Spain"),
        ("Brexit", "Brexit"),  # not a section every site has: it may be the headline
    ],
)
def test_section_label_above_the_headline_is_dropped(top: str, headline: str) -> None:
    article = normalize(f"{top}\nHeatwave grips southern Europe\n\nRed alerts were issued.\n")
    assert (article.headline, article.body) == (headline, "Red alerts were issued.")


@pytest.mark.parametrize(
    ("text", "headline", "byline", "published"),
    [
        ("# Fed holds rates\n\nBy Jane Smith\n\n", "Fed holds rates", "Jane Smith", None),
        ("Fed holds rates\n===============\n\n", "Fed holds rates", None, None),
        (
            "TITLE: Fed holds rates\nDATE: March 20, 2024\nAUTHOR: Jane Smith\n\n",
            "Fed holds rates",
            "Jane Smith",
            "2024-03-20",
        ),
        (
            "Headline: Fed holds rates\nByline: Jane Smith\n\n",
            "Fed holds rates",
            "Jane Smith",
            None,
        ),
    ],
    ids=["markdown-heading", "underlined", "database-fields", "headline-and-byline-labels"],
)
def test_marked_headline_and_labelled_fields(
    text: str, headline: str, byline: str | None, published: str | None
) -> None:
    article = normalize(text + "The Fed held rates.\n\n* * *\n\nMore later.\n")
    assert (article.headline, article.deck, article.byline, article.published, article.body) == (
        headline,
        None,
        byline,
        published,
        "The Fed held rates.\n\nMore later.",
    )


@pytest.mark.parametrize(
    ("lines", "published_raw"),
    [
        ("5 min read", None),
        ("Reading time: 4 minutes\nAn hour ago", "An hour ago"),
        ("2 hours ago\n\nShare", "2 hours ago"),
        ("Published: 20 March 2024\nJust now", "20 March 2024"),
    ],
)
def test_reading_time_and_relative_time_stay_out_of_the_body(
    lines: str, published_raw: str | None
) -> None:
    article = normalize(f"Fed holds rates steady\n{lines}\n\nThe Fed held rates.\n")
    assert (article.deck, article.published_raw, article.body) == (
        None,
        published_raw,
        "The Fed held rates.",
    )


def test_a_section_name_over_a_sentence_is_the_headline() -> None:
    article = normalize("Business\n\nShares fell.\n\nTraders sold.\n")
    assert (article.headline, article.body) == ("Business", "Shares fell.\n\nTraders sold.")


def test_chrome_inside_the_body_is_dropped_and_paragraphs_kept() -> None:
    text = "Headline\n\nOne.\n\nAdvertisement\n\nTwo.\n\nShare this article\n"
    assert normalize(text).body == "One.\n\nTwo."


@pytest.mark.parametrize(
    "line",
    [
        "Read more: How other cities cut traffic in their centres",
        "READ MORE: Haval launches SUV pick-up POER",  # the real corpus's Bangladeshi pages
        "Also read: Bus fares frozen for another year",
        "RELATED: Mayor defends congestion charge",
        "Story continues below advertisement",
        "Article continues after this advertisement",
        "Advertisement - Scroll to continue",
        "Continue reading the main story",
        "Sign up for our free daily newsletter",
        "Subscribe to the Morning Briefing newsletter here",
        "Follow us on Twitter, Facebook and Instagram",
        "Follow The Example Times on Google News",
        "Click here to read the full report",
        # Each of the chrome pattern's openings, in any case: a line is tried on its first letter.
        "SEE ALSO: Bus fares frozen for another year",
        "Image: Reuters",
        "PICTURE: AFP",
        "Posted [hour]:[minute] [AM], [monthFull] [day], [year]",
        "UPDATED [hour]:[minute] [AM] [timezone], [monthFull] [day], [year]",
        "[hour]:[minute] [AM], [monthFull] [day], [year]",
        "(This story has not been edited by our staff and is auto-generated from a syndicated feed.)",
        "THIS STORY HAS NOT BEEN EDITED by our staff.",
        "(c) 2024 Example Media",
        "© 2026 Dhaka Tribune",
        "4 min read",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Temps de lecture 2 min.",
        "Published in Dawn, December 3rd, 2026",
        "Getty Images",
        "Video",
        "Sign up here.",
        "((jane.doe@thomsonreuters.com; +44 20 7542 0000))",
        "Enlarge this image",
        "hide caption",
        "Lesezeit: 3 Min.",
        "Listen to this article · 6:12 min Learn more",
        "Share full article",
        "Oil barrels are seen in this illustration taken, October 26, 2026. REUTERS/Dado Ruvic"
        "/Illustration/File Photo Purchase Licensing Rights, opens new tab",
        "Protesters march in Paris, France, March 28, 2026. REUTERS/Abdul Saboor",
    ],
)
def test_links_and_calls_to_act_between_paragraphs_are_dropped(line: str) -> None:
    text = f"Headline\n\nThe council voted.\n\n{line}\n\nShopkeepers objected.\n"
    assert normalize(text).body == "The council voted.\n\nShopkeepers objected."


@pytest.mark.parametrize(
    "line",
    [
        "Related: the council also voted to raise parking fees by a fifth, which it said was "
        "needed to pay for the new buses, and to plant 2,000 trees along the ring road over "
        "the next five years, a plan first put forward by residents in 2019 and rejected twice",
        '"Follow us on Twitter," the police urged drivers caught in the jams.',
        "Subscribers to the newsletter rose by a third.",
    ],
)
def test_sentences_that_start_like_links_stay(line: str) -> None:
    text = f"Headline\n\nThe council voted.\n\n{line}\n\nShopkeepers objected.\n"
    assert normalize(text).body == f"The council voted.\n\n{line}\n\nShopkeepers objected."


def test_one_paragraph_followed_by_chrome_is_the_body_not_a_deck() -> None:
    article = normalize("Headline\n\nOne short paragraph of the story.\n\nShare\n")
    assert (article.deck, article.body) == (None, "One short paragraph of the story.")


def test_chrome_with_counts_and_skip_links_is_dropped() -> None:
    text = (
        "Skip links\nLive\nNavigation menu\nHeadline\nShare2\n12 Comments\n\nThe story.\n\n"
        "Comments 0\n"
    )
    article = normalize(text)
    assert (article.headline, article.deck, article.body) == ("Headline", None, "The story.")


# (id, end of the story as printed, body as stored)
SIGN_OFF_ROWS = [
    ("xinhua", "It will return in 2031. Enditem", "It will return in 2031."),
    ("yonhap", "It was launched at 6:50 a.m.\n\n(END)", "It was launched at 6:50 a.m."),
    ("kyodo", "Spending fell 1.2 percent.\n\n==Kyodo", "Spending fell 1.2 percent."),
    ("pti-desk-codes", "Camps were opened. PTI ABC DEF XYZ", "Camps were opened."),
    ("ends-alone", "The talks ended.\n\n-ENDS-", "The talks ended."),
    ("a-party-named-in-the-text", "He left the PTI MNA group", "He left the PTI MNA group"),
    ("end-in-a-sentence", "It was the END", "It was the END"),
    ("bernama", "Growth held.\n\n-- BERNAMA", "Growth held."),
    ("agency-after-an-em-dash", "Talks resume on Monday. — Reuters", "Talks resume on Monday."),
    ("ians-and-desk-code", "Shares rose.\n\n--IANS\n\nabc/xyz", "Shares rose."),
    ("afp-desk-code", "Talks resume on Monday.\n\nburs/al/dv", "Talks resume on Monday."),
    ("ians-and-desk-code-on-the-next-line", "Shares rose.\n\n--IANS\nab/sd", "Shares rose."),
    ("the-time-the-wire-sent-it", "Talks went on.\nKUNA 021432 GMT Dec 26", "Talks went on."),
    (
        "translator-editor-and-agencys-notice",
        "Reserves rose.\n\nTranslator: Jane Doe\nEditor: John Smith\nCopyright © ANTARA 2026",
        "Reserves rose.",
    ),
    ("press-release-source", "Revenue rose.\n\nSOURCE Acme Corp", "Revenue rose."),
    (
        "the-word-source-in-a-sentence",
        "SOURCE Acme Corp is the SOURCE of it all, they said",
        "SOURCE Acme Corp is the SOURCE of it all, they said",
    ),
    ("a-story-of-one-code-word", "dlrs/bbl", "dlrs/bbl"),
]


@pytest.mark.parametrize(
    ("end", "body"), [row[1:] for row in SIGN_OFF_ROWS], ids=[row[0] for row in SIGN_OFF_ROWS]
)
def test_a_wire_services_end_mark_is_dropped(end: str, body: str) -> None:
    assert normalize(f"A headline\n\n{end}\n").body == body


def test_an_agency_that_signs_the_story_off_is_one_of_its_agencies() -> None:
    article = normalize("A headline\n\nTalks resume on Monday.\n\n-- BERNAMA\n")
    assert (article.agencies, article.body) == (["Bernama"], "Talks resume on Monday.")


@pytest.mark.parametrize(
    ("sign_off", "agencies"),
    [
        ("jsi/rc (dpa, Reuters)", ["dpa", "Reuters"]),
        ("mm (AFP, AP, KNA)", ["AFP", "AP", "KNA"]),
        ("ssu/ric/yes/dpa/Reuters", ["dpa", "Reuters"]),  # Der Spiegel's
        ("aar/dapd/AFP", ["dapd", "AFP"]),
    ],
)
def test_a_desks_sign_off_with_its_agencies_is_dropped(sign_off: str, agencies: list[str]) -> None:
    article = normalize(f"A headline\n\nThe budget was agreed.\n\nMerz spoke.\n\n{sign_off}\n")
    assert (article.agencies, article.body) == (agencies, "The budget was agreed.\n\nMerz spoke.")


def test_initials_before_words_in_parentheses_that_name_no_agency_stay() -> None:
    body = "The budget was agreed.\n\nab (see below)"
    assert normalize(f"A headline\n\n{body}\n").body == body


def test_a_source_line_that_ends_the_story_is_a_credit() -> None:
    text = "A headline\n\nAid fell by half.\n\nSource: Al Jazeera and Reuters\n"
    article = normalize(text)
    assert (article.agencies, article.body) == (["Reuters"], "Aid fell by half.")


def test_a_time_printed_under_the_story_is_read_and_dropped() -> None:
    text = "A headline\n\nRains killed 39 people.\n\nburs/al/dv\n\nPublished: 02/05/2024 - 21:14\n"
    article = normalize(text, dayfirst=True)
    assert (article.published, article.body) == ("2024-05-02T21:14:00", "Rains killed 39 people.")


def test_a_last_paragraph_that_opens_with_a_label_of_time_is_kept() -> None:
    text = "Oil prices\n\nPrices held.\n\nPosted prices were unchanged at 22 dlrs, it said.\n"
    article = normalize(text)
    assert (article.published, article.body) == (
        None,
        "Prices held.\n\nPosted prices were unchanged at 22 dlrs, it said.",
    )


@pytest.mark.parametrize(
    "text",
    [
        "HEADLINE: Storm closes schools\nBYLINE: John Smith\nSECTION: NEWS; Pg. 3\n"
        "LENGTH: 412 words\nDATELINE: BOSTON\nPUBLICATION-DATE: March 4, 2024\n\n"
        "Schools were closed on Monday.\n\nLANGUAGE: ENGLISH\n\nLOAD-DATE: March 5, 2024\n",
        "Storm closes schools\n\nDate: 04/03/2024\nAuthor: John Smith\nDateline: Boston\n"
        "Category: Weather\nTags: snow, schools\n\nSchools were closed on Monday.\n",
    ],
    ids=["database-fields", "site-fields"],
)
def test_fields_stated_beside_the_story_are_read_or_dropped(text: str) -> None:
    article = normalize(text, dayfirst=True)
    assert (
        article.headline,
        article.byline,
        article.dateline,
        article.published,
        article.body,
    ) == (
        "Storm closes schools",
        "John Smith",
        "Boston",
        "2024-03-04",
        "Schools were closed on Monday.",
    )


def test_a_byline_with_by_and_a_place_above_a_timestamp_is_read() -> None:
    text = "Floods in Kenya\nBy Jane Wanjiru in Nairobi\n29 April 2024\n\nFloods displaced thousands.\n"
    article = normalize(text)
    assert (article.byline, article.dateline, article.published) == (
        "Jane Wanjiru",
        "Nairobi",
        "2024-04-29",
    )


def test_a_name_over_the_writers_role_is_the_byline() -> None:
    text = "A headline\n13 December 2023\nSave\nZoe Kleinman\nTechnology editor\n\nThe story.\n"
    article = normalize(text)
    assert (article.byline, article.published, article.body) == (
        "Zoe Kleinman, Technology editor",
        "2023-12-13",
        "The story.",
    )


# (id, text, the fields expected of the article): layouts of sites' pages, copied as text
HEADER_LAYOUT_ROWS = [
    (
        "name-over-outlet-and-place-picture-credit-and-caption",  # BBC
        "Storm Bert: Thousands without power\n2 hours ago\nShare\nJane Doe\nBBC News, Cardiff\n"
        "Getty Images\nFlood water covered roads in Pontypridd on Sunday\n"
        "Thousands of homes were left without power.\n",
        {
            "byline": "Jane Doe, BBC News, Cardiff",
            "body": "Thousands of homes were left without power.",
        },
    ),
    (
        "place-alone-under-a-credit-over-the-time",  # Daily Sabah
        "A headline\nDAILY SABAH WITH AA\nISTANBUL\nDEC 02, 2025 - 3:20 PM GMT+3\n\nThe story.\n",
        {"agencies": ["AA"], "dateline": "Istanbul", "published": "2025-12-02T15:20:00+03:00"},
    ),
    (
        "place-in-capitals-over-a-labelled-time",  # El Mundo
        "A headline\nMADRID\nActualizado Miércoles, 2 diciembre 2025 - 14:32\n\nEl texto.\n",
        {"dateline": "Madrid", "published": "2025-12-02T14:32:00", "body": "El texto."},
    ),
    (
        "time-and-source-on-one-line",  # Die Zeit
        "A headline\n\nAktualisiert am 2. Dezember 2025, 14:45 Uhr Quelle: ZEIT ONLINE, dpa, AFP\n\n"
        "Der Text.\n",
        {
            "agencies": ["dpa", "AFP"],
            "published_raw": "2. Dezember 2025, 14:45 Uhr",
            "body": "Der Text.",
        },
    ),
    (
        "time-and-writer-on-one-line",  # a blog
        "A headline\n\nPosted on December 2, 2025 by Jane Smith\n\nThe story.\n",
        {"byline": "Jane Smith", "published": "2025-12-02", "body": "The story."},
    ),
    (
        "desks-byline-and-place",  # Hindustan Times
        "A headline\nBy HT Correspondent, New Delhi\nDec 02, 2025 09:15 AM IST\n"
        "Read this news in brief form\n\nThe story.\n",
        {"byline": "HT Correspondent", "dateline": "New Delhi", "body": "The story."},
    ),
    (
        "place-and-time-between-bars-under-the-byline",  # The Indian Express
        "A headline\nWritten by Jane Doe\nMumbai | Updated: December 2, 2025 11:05 IST\n"
        "2 min read\n\nThe story.\n",
        {"byline": "Jane Doe", "dateline": "Mumbai", "published": "2025-12-02T11:05:00"},
    ),
    (
        "section-editor-and-time-between-bars-place-and-colon-alone",  # NDTV
        "A headline\nIndia News | Edited by Jane Doe | Updated: December 02, 2025 3:42 pm IST\n"
        "New Delhi:\nOpposition MPs walked out of the Lok Sabha on Wednesday, demanding a "
        "discussion on rising prices of essential commodities.\n",
        {"byline": "Jane Doe", "dateline": "New Delhi", "deck": None},
    ),
    (
        "the-sites-name-under-the-byline",  # bdnews24.com
        "A headline\nStaff Correspondent\nbdnews24.com\nPublished : 02 Dec 2025, 04:15 PM\n\n"
        "The story.\n",
        {"deck": None, "byline": "Staff Correspondent", "published": "2025-12-02T16:15:00"},
    ),
    (
        "one-word-place-under-the-byline-and-the-times",  # The Kathmandu Post
        "A headline\nBinod Ghimire\nPublished at : December 2, 2025\nKathmandu\n"
        "The Election Commission on Wednesday proposed holding local elections in two phases in "
        "May next year, officials said.\n",
        {"byline": "Binod Ghimire", "dateline": "Kathmandu"},
    ),
    (
        "one-word-paragraph-with-no-credit-over-it-stays",
        "A headline\n\nKathmandu\n\nThe Election Commission on Wednesday proposed holding local "
        "elections in two phases.\n",
        {"dateline": None},
    ),
    (
        "a-label-and-colon-alone-is-no-place",
        "A headline\n\nKey Points:\n\nThe state government on Tuesday decided to raise the price "
        "of milk by two rupees a litre.\n",
        {"dateline": None},
    ),
    (
        "a-days-short-name-is-no-place",
        "A headline\nBy Jane Smith\nTue 2 Dec 2025\n\nThe story.\n",
        {"dateline": None, "published": "2025-12-02"},
    ),
    (
        "deck-over-a-caption-ending-with-its-photographer",  # Politico
        "A headline\nBrussels is scrambling to draft a response.\n\n"
        "The Commission met late into the night. | Jane Doe/AP\n\nBy JANE SMITH and JOHN DOE\n"
        "12/02/2025 05:00 AM EST\n\nBRUSSELS — The story.\n",
        {
            "deck": "Brussels is scrambling to draft a response.",
            "byline": "JANE SMITH and JOHN DOE",
            "published": "2025-12-02T05:00:00-05:00",  # month first beside a US zone
            "dateline": "Brussels",
            "body": "The story.",
        },
    ),
    (
        "section-name-over-headline-writer-over-the-papers-name",  # USA Today
        "NATION\nA headline\nJane Smith\nUSA TODAY\n"
        "Published 6:02 a.m. ET Dec. 2, 2025 | Updated 9:15 a.m. ET Dec. 2, 2025\n\nThe story.\n",
        {
            "headline": "A headline",
            "byline": "Jane Smith",
            "dateline": None,
            "published": "2025-12-02T06:02:00-05:00",
            "body": "The story.",
        },
    ),
    (
        "writer-outlet-and-times-between-dots",  # CBC
        "A headline\nA deck of the story\n"
        "Jane Smith · CBC News · Posted: Dec 02, 2025 4:00 AM EST | Last Updated: 2 hours ago\n\n"
        "The story.\n",
        {"deck": "A deck of the story", "byline": "Jane Smith", "body": "The story."},
    ),
    (
        "writer-place-and-time-in-capitals",  # The Globe and Mail
        "A headline\nJANE SMITH\nOTTAWA\nPUBLISHED DECEMBER 2, 2025\nUPDATED 2 HOURS AGO\n\n"
        "The story.\n",
        {"byline": "JANE SMITH", "dateline": "Ottawa", "published": "2025-12-02"},
    ),
    (
        "writer-and-role-on-one-line-under-the-time",  # Gulf News
        "A headline\nA deck of the story\nPublished: December 02, 2025 10:12\n"
        "Jane Smith, Senior Reporter\n\nThe story.\n",
        {"byline": "Jane Smith, Senior Reporter", "body": "The story."},
    ),
    (
        "labelled-writer-and-section-in-capitals",  # Bangkok Post
        "A headline\nA deck of the story\nPUBLISHED : 2 Dec 2025 at 14:05\n"
        "NEWSPAPER SECTION: News\nWRITER: Jane Smith\n\nThe story.\n",
        {"byline": "Jane Smith", "body": "The story."},
    ),
    (
        "deck-writer-role-and-time-in-the-headlines-block",  # The Irish Times
        "Government to extend energy credits\nA deck of the story\nJane Smith\n"
        "Political Correspondent\n"
        "Tue Dec 02 2025 - 06:00\n\nThe story.\n",
        {
            "deck": "A deck of the story",
            "byline": "Jane Smith, Political Correspondent",
            "published": "2025-12-02T06:00:00",
        },
    ),
    (
        "an-update-after-a-bullet",  # Euronews
        "A headline\nBy Jane Smith\nPublished on 02/12/2025 - 14:21 GMT+1\n•Updated 15:02\n\n"
        "The story.\n",
        {"deck": None, "published": "2025-12-02T14:21:00+01:00", "body": "The story."},
    ),
    (
        "a-label-ending-a-sentence-over-the-time-and-an-agency",  # Swissinfo
        "A headline\nThis content was published on\nDecember 2, 2025 - 16:45\n2 minutes\n"
        "Keystone-SDA\n\nThe story.\n",
        {"deck": None, "agencies": ["Keystone-SDA"], "published": "2025-12-02T16:45:00"},
    ),
    (
        "a-pictures-credit-after-a-copyright-sign",  # France 24
        "A headline\nIssued on: 02/12/2025 - 18:34\n\nThe story.\n© Jane Doe, AFP\n\nMore.\n",
        {"body": "The story.\n\nMore."},
    ),
    (
        "a-service-with-a-slash-in-the-byline-and-two-hyphens-after-the-place",  # RFE/RL
        "A headline\nDecember 02, 2025 14:32 GMT\nBy Jane Smith and RFE/RL's Kazakh Service\n\n"
        "ALMATY, Kazakhstan -- A court in Almaty has sentenced an activist.\n",
        {
            "deck": None,
            "byline": "Jane Smith and RFE/RL's Kazakh Service",
            "dateline": "Almaty, Kazakhstan",
            "body": "A court in Almaty has sentenced an activist.",
        },
    ),
    (
        "a-captions-credit-after-a-slash",  # TRT World
        "A headline\nA deck of the story.\nAA\nMinisters meet in Brussels. / Photo: AA\n"
        "December 2, 2025\n\nThe story.\n",
        {"agencies": ["AA"], "published": "2025-12-02", "body": "The story."},
    ),
    (
        "writer-over-place-and-country-over-the-time",  # Middle East Eye
        "A headline\nJane Smith\nBeirut, Lebanon\nTue, 02/12/2025 - 14:30\n\nThe story.\n",
        {"byline": "Jane Smith", "dateline": "Beirut, Lebanon", "body": "The story."},
    ),
    (
        "newsroom-and-section-before-a-time-after-a-bullet",  # Kathimerini
        "A headline\nNEWSROOM\nECONOMY 02.12.2025 • 14:05\n\nThe story.\n",
        {"byline": "NEWSROOM", "published": "2025-12-02T14:05:00", "body": "The story."},
    ),
    (
        "writer-and-the-sites-staff-an-update-after-and",  # Patch, a local TV station's page
        "A headline\nA deck of the story.\nJane Smith, Patch Staff\n"
        "Posted at 5:42 PM, Dec 02, 2025\nand last updated 7:15 PM, Dec 02, 2025\n\nThe story.\n",
        {
            "deck": "A deck of the story.",
            "byline": "Jane Smith, Patch Staff",
            "published": "2025-12-02T17:42:00",
            "body": "The story.",
        },
    ),
    (
        "by-and-the-writer-and-a-bar-a-line-each",  # Geo News
        "A headline\nBy\nJane Smith\n|\nDecember 02, 2025\n\nISLAMABAD: The federal cabinet on "
        "Tuesday approved a package of new tax measures ahead of the review of the loan.\n",
        {"byline": "Jane Smith", "published": "2025-12-02", "dateline": "Islamabad"},
    ),
    (
        "a-time-and-its-update-in-russian",  # RIA Novosti
        "Заголовок\n14:32 02.12.2025 (обновлено: 15:10 02.12.2025)\n\nТекст.\n",
        {"deck": None, "published": "2025-12-02T14:32:00", "body": "Текст."},
    ),
    (
        "a-date-and-clock-in-japanese",  # NHK
        "見出し\n2025年12月2日 14時32分\n\n本文。\n",
        {"deck": None, "published": "2025-12-02T14:32:00", "body": "本文。"},
    ),
    (
        "an-editors-line-in-chinese",  # Xinhua
        "标题\n2025-12-02 14:32:05\n来源：新华社\n\n正文。\n\n责任编辑：王明\n",
        {"agencies": ["Xinhua"], "body": "正文。"},
    ),
    (
        "story-by-and-a-short-relative-time",  # MSN
        "A headline\nStory by Jane Smith • 2h\n\nThe story.\n",
        {"deck": None, "byline": "Jane Smith", "published_raw": "2h", "body": "The story."},
    ),
    (
        "a-press-releases-issuer-under-a-label",  # PR Newswire
        "A headline\nNEWS PROVIDED BY\nAcme Corp\nDec 02, 2025, 08:00 ET\n\n"
        "NEW YORK, Dec. 2, 2025 /PRNewswire/ -- Acme Corp today reported its results.\n",
        {
            "agencies": ["PR Newswire"],
            "dateline": "New York",
            "published": "2025-12-02T08:00:00-05:00",
            "body": "Acme Corp today reported its results.",
        },
    ),
    (
        "a-zone-written-out",  # Business Wire
        "A headline\nDecember 02, 2025 08:00 AM Eastern Standard Time\n\nThe story.\n",
        {"deck": None, "published": "2025-12-02T08:00:00-05:00", "body": "The story."},
    ),
    (
        "source-alone-over-the-agency",
        "A headline\nSource:\nReuters\nDecember 2, 2025\n\nThe story.\n",
        {"agencies": ["Reuters"], "published": "2025-12-02", "body": "The story."},
    ),
    (
        "byline-run-into-the-time-after-a-dash",  # The Hill
        "A headline\nby Jane Smith - 12/02/25 10:14 PM ET\n\nThe story.\n",
        {"deck": None, "byline": "Jane Smith", "published": "2025-12-02T22:14:00-05:00"},
    ),
    (
        "byline-for-an-outlet",  # MailOnline
        "A headline\nBy JANE SMITH FOR MAILONLINE\nPUBLISHED: 10:14 GMT, 2 December 2025\n\n"
        "The story.\n",
        {"byline": "JANE SMITH", "published": "2025-12-02T10:14:00+00:00"},
    ),
    (
        "a-role-under-the-byline",  # Newsweek
        "A headline\nPublished Dec 02, 2025 at 10:14 PM EST\nBy Jane Smith\nPolitics Reporter\n\n"
        "The story.\n",
        {"deck": None, "byline": "Jane Smith, Politics Reporter", "body": "The story."},
    ),
    (
        "a-role-with-the-writers-handle",  # Sky News
        "A headline\nJane Smith\nNews reporter @janesmith\nTuesday 2 December 2025 10:14, UK\n\n"
        "The story.\n",
        {"byline": "Jane Smith, News reporter @janesmith", "published": "2025-12-02T10:14:00"},
    ),
    (
        "related-topics-over-the-story",  # The Telegraph
        "A headline\nBy Jane Smith\n2 December 2025 10:14am GMT\n\nRelated Topics\n\nThe story.\n",
        {"body": "The story."},
    ),
    (
        "a-papers-motto-over-the-headline",  # The Washington Post
        "Democracy Dies in Darkness\nA headline\nBy Jane Smith\nDecember 2, 2025\n\nThe story.\n",
        {"headline": "A headline", "byline": "Jane Smith", "body": "The story."},
    ),
    (
        "writer-over-a-sites-name-with-a-number",  # News24
        "A headline\nJane Smith\nNews24\n02 Dec 2025\n\nThe story.\n",
        {"byline": "Jane Smith", "published": "2025-12-02", "body": "The story."},
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [row[1:] for row in HEADER_LAYOUT_ROWS],
    ids=[row[0] for row in HEADER_LAYOUT_ROWS],
)
def test_headers_of_sites_pages(text: str, expected: dict[str, object]) -> None:
    article = normalize(text)
    assert {field: getattr(article, field) for field in expected} == expected


def test_a_tables_heading_in_capitals_over_a_row_of_figures_stays() -> None:
    text = (
        "Eurodeposits\nSIX AND TWELVE\nDMK 3-7/8 3/4, FOUR 3-7/8\nSFR 3-11/16 9/16, 3-13/16 11/16\n"
    )
    article = normalize(text)
    assert article.dateline is None and article.body.startswith("SIX AND TWELVE")


def test_a_name_run_into_the_times_under_it_is_the_byline() -> None:
    text = (
        "A headline\nKhaleeq Kiani Published June 15, 2024 Updated June 15, 2024 11:58pm\n\n"
        "The story.\n"
    )
    article = normalize(text)
    assert (article.byline, article.published, article.deck) == (
        "Khaleeq Kiani",
        "2024-06-15",
        None,
    )


def test_a_name_in_capitals_over_a_place_and_time_is_the_byline() -> None:
    text = (
        "El Gobierno aprueba ayudas para el campo\nLas medidas llegan tras semanas de protestas\n"
        "MIGUEL GONZÁLEZ\nMadrid - 10 mar 2025 - 14:32 CET\n\nEl Gobierno aprobó el lunes las ayudas.\n"
    )
    article = normalize(text)
    assert (article.deck, article.byline, article.dateline, article.published) == (
        "Las medidas llegan tras semanas de protestas",
        "MIGUEL GONZÁLEZ",
        "Madrid",
        "2025-03-10T14:32:00+01:00",
    )


def test_a_headline_of_wire_copy_is_no_place_and_time() -> None:
    article = normalize("INT PARIS EURODEPOSITS - 2 - APR 07\n\nDLR SFR 2/7 DAYS 6-1/8 1/4\n")
    assert (article.headline, article.dateline) == ("INT PARIS EURODEPOSITS - 2 - APR 07", None)


PROSE_LEAD = (
    "The state government on Tuesday decided to raise the price of milk by two rupees a litre."
)


@pytest.mark.parametrize(
    ("line", "dateline"),
    [("BENGALURU", "Bengaluru"), ("NEW DELHI", "New Delhi"), ("BRASÍLIA", "Brasília")],
)
def test_a_place_alone_over_the_lead_is_the_dateline(line: str, dateline: str) -> None:
    article = normalize(f"A headline\nThe Hindu Bureau\n{line}\n\n{PROSE_LEAD}\n")
    assert (article.dateline, article.body) == (dateline, PROSE_LEAD)


@pytest.mark.parametrize(
    ("lines", "dateline", "agencies"),
    [
        ("NEW DELHI:", "New Delhi", []),
        ("WASHINGTON (AP) —", "Washington", ["AP"]),
        ("Washington\nCNN\n — ", "Washington", ["CNN"]),  # CNN's page, copied line by line
        ("New York\nCNN Business\n—\n", "New York", ["CNN"]),
    ],
)
def test_a_dateline_on_lines_of_its_own_over_the_lead(
    lines: str, dateline: str, agencies: list[str]
) -> None:
    article = normalize(f"A headline\n\n{lines}\n{PROSE_LEAD}\n")
    assert (article.dateline, article.agencies, article.body) == (dateline, agencies, PROSE_LEAD)


@pytest.mark.parametrize(
    "first", ["Key points:", "In short —", "The vote:\n—"], ids=["label", "words", "label-dash"]
)
def test_a_short_line_over_the_lead_that_names_no_place_stays(first: str) -> None:
    article = normalize(f"A headline\n\n{first}\n\n{PROSE_LEAD}\n")
    assert article.dateline is None and article.body.endswith(f"\n\n{PROSE_LEAD}")


@pytest.mark.parametrize(
    "text",
    [
        "Platinum prices\n\nLAST BUYER SELLER\n\nJAN 566.00 565.00 567.00\n",
        f"A headline\n\nUPDATE\n\n{PROSE_LEAD}\n",
        f"A headline\n\nWORLD\n\n{PROSE_LEAD}\n",
    ],
    ids=["over-a-table", "a-label", "a-section"],
)
def test_words_in_capitals_alone_that_are_no_place_stay(text: str) -> None:
    article = normalize(text)
    assert article.dateline is None and article.body.split("\n\n")[0].isupper()


def test_a_kicker_of_a_database_export_is_no_place() -> None:
    article = normalize_cleaned(
        f"A headline\n\nTHE NERVE CENTRE\n\n{PROSE_LEAD}", headline_first=True
    )
    assert (article.dateline, article.body) == (None, f"THE NERVE CENTRE\n\n{PROSE_LEAD}")


def test_a_credit_after_a_bar_is_dropped_but_not_a_row_of_a_table() -> None:
    text = "A headline\n\n| — New Age\n\nThe day is observed every year.\n\n| Name | Votes |\n"
    assert normalize(text).body == "The day is observed every year.\n\n| Name | Votes |"


def test_a_credit_in_parentheses_under_the_story_is_dropped() -> None:
    text = "A headline\n\nThe glide bomb hit at noon.\n\n(Photo: Oleh Syniehubov/Telegram)\n\n(Photo: AP) It hit twice.\n"
    assert normalize(text).body == "The glide bomb hit at noon.\n\n(Photo: AP) It hit twice."


@pytest.mark.parametrize(
    "note", ["REPEAT FROM LATE FRIDAY", "repeat", "(ATTN: CHANGES headline, UPDATES in paras 2-5)"]
)
def test_a_wire_desks_note_over_the_lead_is_dropped(note: str) -> None:
    article = normalize(f"Fed holds rates\n\n{note}\n\nWASHINGTON, Feb 27 - The Fed held.\n")
    assert (article.deck, article.dateline, article.body) == (None, "Washington", "The Fed held.")


def test_a_sentence_that_opens_with_repeat_is_kept() -> None:
    text = "Fed holds rates\n\nThe Fed held.\n\nRepeated attempts to reach him failed.\n"
    assert normalize(text).body == "The Fed held.\n\nRepeated attempts to reach him failed."


def test_a_short_line_of_credit_is_dropped_but_not_a_paragraph_so_labelled() -> None:
    paragraph = (
        "Credit: spreads on high-yield bonds widened by ten basis points as investors fled risk in"
        " every market."
    )
    text = "Rains kill 12 in Brazil\n\nCredit: Reuters\n\nThe rain fell.\n\n"
    text += f"Credit...Ben Smith for The New York Times\n\n{paragraph}\n"
    article = normalize(text)
    assert (article.deck, article.body) == (None, f"The rain fell.\n\n{paragraph}")


# A page copied from a browser: the site's links, sections, one line a paragraph, no blank line.
COPIED_PAGE = """Skip to main content
The Guardian - Back to home
World
Europe
Ukraine war briefing: Kyiv says it downed 20 drones overnight
Zelenskiy calls for more air defence; Russia claims a village near Pokrovsk
Guardian staff and agencies
Tue 3 Dec 2024 01.30 GMT
Share
Ukraine's air force said it had shot down 20 of 28 Russian drones launched overnight, with the remaining eight lost to electronic warfare.
Volodymyr Zelenskiy renewed his appeal to allies for air defence.
Each system "saves hundreds of lives", he said.
Explore more on these topics
Ukraine
Russia
"""


def test_a_page_copied_from_a_browser() -> None:
    assert normalize(COPIED_PAGE) == Article(
        headline="Ukraine war briefing: Kyiv says it downed 20 drones overnight",
        deck="Zelenskiy calls for more air defence; Russia claims a village near Pokrovsk",
        byline="Guardian staff and agencies",
        agencies=[],
        dateline=None,
        published="2024-12-03T01:30:00+00:00",
        published_raw="Tue 3 Dec 2024 01.30 GMT",
        body=(
            "Ukraine's air force said it had shot down 20 of 28 Russian drones launched overnight,"
            " with the remaining eight lost to electronic warfare.\n\n"
            "Volodymyr Zelenskiy renewed his appeal to allies for air defence.\n\n"
            'Each system "saves hundreds of lives", he said.'
        ),
        word_count=41,
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The heat wave is likely to\n\ncontinue in the north, the office said.\n\nRain may follow.",
            "The heat wave is likely to continue in the north, the office said.\n\nRain may follow.",
        ),
        ("G\n\nioca da sempre con la Storia.", "Gioca da sempre con la Storia."),
        ("It said:\n\nprices will rise.", "It said:\n\nprices will rise."),
        ("Prices rose.\n\niPhone sales fell.", "Prices rose.\n\niPhone sales fell."),
    ],
    ids=["sentence-cut-by-a-blank-line", "drop-capital", "after-a-colon", "after-a-stop"],
)
def test_a_sentence_cut_by_a_blank_line_is_joined_again(body: str, expected: str) -> None:
    assert normalize(f"A headline\n\n{body}\n").body == expected


def test_short_lines_of_a_hard_wrapped_block_are_still_joined() -> None:
    text = (
        "A headline\n\nThe minister said on Monday that\nthe talks had ended.\nThey resume soon.\n"
    )
    assert (
        normalize(text).body
        == "The minister said on Monday that the talks had ended. They resume soon."
    )


GUARDIAN_HEADER = (
    "Italian village offers €30,000 to families\n"
    "Mayor hopes incentive will reverse decades of depopulation\n"
    "Angela Giuffrida in Rome\n"
    "Mon 3 Feb 2025 14.02 GMT\n"
)


def test_a_byline_without_by_above_a_timestamp_is_read() -> None:
    article = normalize(GUARDIAN_HEADER + "A village is offering money to families.\n")
    assert (article.deck, article.byline, article.dateline, article.published) == (
        "Mayor hopes incentive will reverse decades of depopulation",
        "Angela Giuffrida",
        "Rome",
        "2025-02-03T14:02:00+00:00",
    )
    assert article.body == "A village is offering money to families."


def test_a_name_alone_above_a_timestamp_is_the_byline() -> None:
    text = "Core inflation eases\nAngela Tan\nPublished Feb 23, 2024, 01:06 PM\n\nPrices rose.\n"
    article = normalize(text)
    assert (article.byline, article.published, article.body) == (
        "Angela Tan",
        "2024-02-23T13:06:00",
        "Prices rose.",
    )


def test_a_name_above_the_agency_and_a_timestamp_is_the_byline() -> None:
    text = "Japan avoids recession\nTetsushi Kajimoto\nReuters\nMarch 11, 2024 12:58 AM GMT\n\nIt grew.\n"
    article = normalize(text)
    assert (article.byline, article.agencies, article.published, article.body) == (
        "Tetsushi Kajimoto",
        ["Reuters"],
        "2024-03-11T00:58:00+00:00",
        "It grew.",
    )


def test_the_pages_address_in_a_scrapers_header_is_no_deck() -> None:
    text = "Floods displace thousands\nURL: https://example.com/news/floods\nhttps://example.com/a\n\nRain fell.\n"
    article = normalize(text)
    assert (article.deck, article.body) == (None, "Rain fell.")


@pytest.mark.parametrize(
    "text",
    [
        "Prothom Alo English Desk\nDhaka\nPublished: 14 Mar 2024\n\nRice imports\n\nIt rained.\n",
        "Rice imports\nBy Jane Doe\nDhaka\nPublished: 14 Mar 2024\n\nIt rained.\n",
    ],
    ids=["over-the-headline", "under-the-headline"],
)
def test_a_place_alone_under_the_byline_and_over_the_time(text: str) -> None:
    article = normalize(text)
    assert (article.headline, article.deck, article.dateline, article.published) == (
        "Rice imports",
        None,
        "Dhaka",
        "2024-03-14",
    )
    assert article.body == "It rained."


@pytest.mark.parametrize(
    ("where", "dateline"),
    [
        ("Kyiv, Ukraine", "Kyiv"),
        ("Jerusalem and Tel Aviv", "Jerusalem"),
        ("Kyiv and Kharkiv, Ukraine", "Kyiv"),
        ("Washington", "Washington"),
    ],
)
def test_the_place_a_writer_reports_from_is_the_dateline(where: str, dateline: str) -> None:
    text = (
        "Ukraine Strikes Refinery Deep Inside Russia\n\nThe attack forced a halt to production.\n\n"
        f"By Jane Smith\nReporting from {where}\n\nMarch 3, 2024, 2:30 p.m. EST\n\n"
        "Ukrainian drones struck an oil refinery on Sunday.\n"
    )
    article = normalize(text)
    assert (article.byline, article.dateline, article.published) == (
        "Jane Smith",
        dateline,
        "2024-03-03T14:30:00-05:00",
    )
    assert article.body == "Ukrainian drones struck an oil refinery on Sunday."


def test_a_paragraph_about_reporting_from_a_place_is_kept() -> None:
    lead = "Reporting from Kyiv, Ukraine, has grown harder since the war began, editors say."
    article = normalize(f"Editors on the war\n\nBy Jane Smith\n\n{lead}\n\nMore.\n")
    assert (article.dateline, article.body) == (None, f"{lead}\n\nMore.")


def test_a_time_the_pages_script_had_not_filled_in_is_dropped() -> None:
    text = (
        "Pope calls for peace in Easter address\n\n"
        "Updated [hour]:[minute] [AM]:[PM] [timezone], [monthFull] [day], [year]\n\n"
        "VATICAN CITY (AP) — Pope Francis called for peace on Sunday.\n"
    )
    article = normalize(text)
    assert (article.agencies, article.dateline, article.published) == (["AP"], "Vatican City", None)
    assert article.body == "Pope Francis called for peace on Sunday."


def test_a_line_of_bracketed_words_that_names_no_time_is_kept() -> None:
    text = "Senate debate\n\nThe senator spoke.\n\n[Applause] [Laughter] [Music]\n\nShe sat.\n"
    assert normalize(text).body == "The senator spoke.\n\n[Applause] [Laughter] [Music]\n\nShe sat."


def test_two_lines_of_summary_over_a_byline_are_the_deck() -> None:
    text = (
        "Hong Kong passes security law\n\nLegislature approves bill\nThe law targets treason\n\n"
        "Natalie Wong\nPublished: 1:34pm, 19 Mar 2024\n\nLawmakers passed the law.\n"
    )
    article = normalize(text)
    assert (article.deck, article.byline, article.body) == (
        "Legislature approves bill\nThe law targets treason",
        "Natalie Wong",
        "Lawmakers passed the law.",
    )


def test_rows_of_a_table_under_the_headline_are_no_deck() -> None:
    text = "ECU/EUA - APRIL 7\n43.1991 SFR 1.72386 DMK\n145.679 DFL 2.34512\n\nNKR 7.77430 CAN 1.49100\n"
    assert normalize(text).deck is None


def test_a_line_of_who_edited_the_page_is_in_the_header() -> None:
    text = "Output up 7 pct\n\nSource: Xinhua\nEditor: huaxia\n2024-03-18 10:21:15\n\nIt grew.\n"
    article = normalize(text)
    assert (article.agencies, article.published, article.body) == (
        ["Xinhua"],
        "2024-03-18T10:21:15",
        "It grew.",
    )


@pytest.mark.parametrize("label", ["Live Updates", "Breaking News"])
def test_a_label_above_a_timestamp_is_no_byline(label: str) -> None:
    article = normalize(f"Storm hits the coast\n{label}\nPublished: 14 Mar 2024\n\nIt rained.\n")
    assert article.byline is None


def test_words_in_capitals_above_a_table_are_no_byline() -> None:
    text = "Eurocurrency rates\nSIX AND TWELVE\nDMK 3-7/8 3/4, FOUR 3-7/8\n"
    assert normalize(text).byline is None


def test_a_place_and_a_time_between_bars_under_a_byline() -> None:
    text = (
        "Delhi air turns severe\nWritten by Jane Doe\nNew Delhi | Updated: March 10, 2025\n\nAQI.\n"
    )
    article = normalize(text)
    assert (article.byline, article.dateline, article.published, article.body) == (
        "Jane Doe",
        "New Delhi",
        "2025-03-10",
        "AQI.",
    )


@pytest.mark.parametrize(
    ("line", "place", "published"),
    [
        ("Dhaka, Updated: June 12, 2022 09:15 PM", "Dhaka", "2022-06-12T21:15:00"),
        ("New Delhi, Published: March 10, 2025", "New Delhi", "2025-03-10"),
        ("Lagos, March 3, 2023 10:05 AM", "Lagos", "2023-03-03T10:05:00"),
    ],
)
def test_a_place_and_a_comma_before_a_time(line: str, place: str, published: str) -> None:
    text = f"Govt to raise fuel prices\nStaff Correspondent\n{line}\n\nThe government said.\n"
    article = normalize(text)
    assert (article.dateline, article.published, article.body) == (
        place,
        published,
        "The government said.",
    )


def test_a_wire_dateline_before_a_line_of_figures_keeps_the_line() -> None:
    text = "Gold Fields profit falls\n\nJOHANNESBURG, April 7 - 1ST QTR TO MARCH 31\n\nNet 264.32 mln\n"
    article = normalize(text)
    assert (article.dateline, article.body) == (
        "Johannesburg",
        "1ST QTR TO MARCH 31\n\nNet 264.32 mln",
    )


@pytest.mark.parametrize("gap", ["\n", "\n\n"], ids=["under-the-headline", "a-block-of-its-own"])
def test_a_byline_with_the_place_the_writer_files_from(gap: str) -> None:
    text = f"Wildfires force evacuations{gap}By Helena Smith in Athens\n\nFires raged.\n"
    article = normalize(text)
    assert (article.byline, article.dateline, article.deck, article.body) == (
        "Helena Smith",
        "Athens",
        None,
        "Fires raged.",
    )


def test_a_sentence_after_a_place_and_a_comma_is_the_body() -> None:
    text = "Fuel prices rise\n\nDhaka, the capital, saw fuel prices rise on June 12, 2022.\n"
    article = normalize(text)
    assert (article.dateline, article.body) == (
        None,
        "Dhaka, the capital, saw fuel prices rise on June 12, 2022.",
    )


def test_an_editors_note_over_a_foreign_byline_is_the_deck() -> None:
    text = "Estrellas llegan a los Emmy\n(Agrega actores)\nPor Lisa Richwine\n\nLas estrellas llegaron.\n"
    article = normalize(text)
    assert (article.deck, article.byline, article.body) == (
        "(Agrega actores)",
        "Lisa Richwine",
        "Las estrellas llegaron.",
    )


def test_a_headline_that_starts_like_a_foreign_byline_is_the_headline() -> None:
    article = normalize("Von Miller Signs With Bills\nBy Jane Doe\n\nThe deal.\n")
    assert (article.headline, article.byline) == ("Von Miller Signs With Bills", "Jane Doe")


@pytest.mark.parametrize(
    ("top", "headline"),
    [
        ("Italy\n", "Italian village offers €30,000 to families"),  # a second deck: a section
        ("", "Italian village offers €30,000 to families"),
    ],
)
def test_one_word_over_a_headline_and_its_deck_is_a_section(top: str, headline: str) -> None:
    article = normalize(top + GUARDIAN_HEADER + "A village is offering money to families.\n")
    assert (article.headline, article.byline) == (headline, "Angela Giuffrida")


def test_a_kicker_of_a_few_words_over_a_headline_and_its_deck_is_a_section() -> None:
    article = normalize("UK economy\n" + GUARDIAN_HEADER + "A village is offering money.\n")
    assert (article.headline, article.byline) == (
        "Italian village offers €30,000 to families",
        "Angela Giuffrida",
    )


def test_a_trail_of_sections_over_a_headline_and_its_deck_is_a_kicker() -> None:
    article = normalize("China / Diplomacy\n" + GUARDIAN_HEADER + "A village is offering money.\n")
    assert article.headline == "Italian village offers €30,000 to families"


def test_a_tables_heading_in_capitals_over_its_rows_is_no_kicker() -> None:
    text = "OPEN HIGH LOW\nJUN7 01 27/32H\nSEP7 101 101\nDEC7 00 11/32\nMAR8 -- --\n"
    assert normalize(text).headline == "OPEN HIGH LOW"


def test_a_sentence_that_ends_with_a_poll_of_reuters_stays() -> None:
    body = "Turnout was high.\n\nHe led in a Reuters/Ipsos poll"
    assert normalize(f"Headline\n\n{body}\n").body == body


def test_one_word_over_two_lines_and_no_byline_is_the_headline() -> None:
    article = normalize("Gotcha\nA line under it\n\nThe body starts here.\n")
    assert article.headline == "Gotcha"


def test_a_name_in_a_place_with_no_timestamp_under_it_is_text() -> None:
    article = normalize("Headline\n\nProtests Spread in Paris\n\nThe story.\n")
    assert (article.byline, article.dateline) == (None, None)
    assert article.body == "Protests Spread in Paris\n\nThe story."


@pytest.mark.parametrize(
    ("end", "body"),
    [
        ("Explore more on these topics\nItaly\nEurope", "The story ends."),
        ("Related stories:\n\nFloods hit Milan\nRome braces for storm", "The story ends."),
        ("Tags\n", "The story ends."),
        (
            "Related\n\nThe story goes on after the links.",
            "The story ends.\n\nRelated\n\nThe story goes on after the links.",
        ),
    ],
    ids=["topics", "related-links", "tags-alone", "sentences-follow"],
)
def test_links_and_tags_under_the_story_are_not_the_body(end: str, body: str) -> None:
    article = normalize(f"Headline\n\nThe story ends.\n\n{end}\n")
    assert article.body == body.replace("Related\n\n", "")


@pytest.mark.parametrize(
    ("links", "body"),
    [
        ("Related Articles\nItaly braces for more storms\nEurope's wettest spring", "One.\n\nTwo."),
        ("READ MORE\n\nEmmys 2018: start time, live stream, how to watch", "One.\n\nTwo."),
        (
            "Read more\n\nThe council said the fees would rise.",
            "One.\n\nThe council said the fees would rise.\n\nTwo.",
        ),
        (
            "Related\nCouncil raises fees\nThe vote was close.",
            "One.\n\nCouncil raises fees The vote was close.\n\nTwo.",
        ),
    ],
    ids=["in-its-block", "after-a-blank-line", "a-sentence-follows", "a-sentence-among-them"],
)
def test_links_between_paragraphs_are_not_the_body(links: str, body: str) -> None:
    article = normalize(f"Headline\n\nOne.\n\n{links}\n\nTwo.\n\n(Reporting by Jane Doe)\n")
    assert article.body == body + "\n\n(Reporting by Jane Doe)"


def test_a_line_in_capitals_under_the_header_is_no_deck() -> None:
    article = normalize("Energy deal signed\nJane Doe | 10.03.2025\nANKARA\n\nThe deal.\n")
    assert (article.deck, article.byline, article.body) == (None, "Jane Doe", "ANKARA\n\nThe deal.")


@pytest.mark.parametrize(
    "paragraph",
    ["Mirror Image", "He posted a photo.", "A self-portrait image", "Photo finish in Dhaka"],
)
def test_a_line_that_speaks_of_a_picture_is_kept(paragraph: str) -> None:
    text = f"Headline\n\nOne.\n\n{paragraph}\n\nTwo.\n"
    assert normalize(text).body == f"One.\n\n{paragraph}\n\nTwo."


def test_a_paragraph_about_copyright_is_kept() -> None:
    text = "Headline\n\nOne.\n\nCopyright holders will be able to appeal.\n"
    assert normalize(text).body == "One.\n\nCopyright holders will be able to appeal."


@pytest.mark.parametrize(
    "caption",
    [
        "Barrister Farzana Sharmin Putul. Photo: BSS",
        "Flood victims wait for relief in Sylhet. File photo",
        "Rescuers search the rubble | Collected",
        "Police guard the rally in Dhaka, İMAGE: AFP",
        "Police guard the rally in Dhaka. ımage",
        "Core inflation was 3.3 per cent in December. ST PHOTO: GAVIN FOO",
        "Om Birla | BSS photo",
        "Poet Shamsur Rahman- File Photo",
        "Minister Abdul Karim -File photo",
        "| Staff photo",
        "| Courtesy photo",
        "Collected photo",
        "File Photo",
        # ending with the photographer and the source after a slash
        "The Commission met late into the night. | Jane Doe/AP",
        "President Joe Doe speaks in Washington. (AP Photo/Evan Smith, File)",
        "Illustration: Jane Doe/Axios",
        "Photographer: Jane Doe/Bloomberg",
        "(Photo by Jane Doe/Getty Images)",
        "A man walks past the building. (Jane Doe/The New York Times)",
        "Jane Doe/AFP via Getty Images",
        # labelled as BBC's pages label them
        "Image source, Getty Images",
        "Image caption, Rescue teams helped residents in Monmouth",
        "Image caption,\nFlood water covered roads in Pontypridd on Sunday",
        # and notices
        "Copyright 2024 The Associated Press. All rights reserved. This material may not be published.",
        "© 2026 Dhaka Tribune",
        "Copyright © 2025 The Daily Star | All rights reserved",
        "(c) 2013 Agence France Presse",
        "All rights reserved.",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "This report by The Canadian Press was first published March 6, 2024.",
    ],
)
def test_picture_caption_or_notice_in_the_body_is_dropped(caption: str) -> None:
    text = f"Headline\n\nOne.\n\n{caption}\n\nTwo.\n"
    assert normalize(text).body == "One.\n\nTwo."


@pytest.mark.parametrize(
    "line",
    [
        "Texas American Bank/Galleria.",  # a hard-wrapped line of a story
        "Central Hudson Gas/Electric Corp",
        "CBT KILO GOLD VOLUME/OPEN INTEREST",  # a table's heading
        "He backed the ticket: Donald Trump/JD Vance.",
        "the Port Authority (New York/New Jersey)",
        "Jane Doe/Reuters",  # alone, it may credit the story
    ],
)
def test_a_name_and_a_slash_that_credit_no_picture_stay(line: str) -> None:
    text = f"Headline\n\nOne.\n\n{line}\n\nTwo.\n"
    assert normalize(text).body == f"One.\n\n{line}\n\nTwo."


@pytest.mark.parametrize(
    ("outlet", "agency"),
    [
        ("Agence France Presse -- English", "AFP"),
        ("Reuters News", "Reuters"),
        ("Associated Press Online", "AP"),
        ("Xinhua General News Service", "Xinhua"),
        ("dpa-AFX", "dpa"),
        ("The Guardian (London)", None),
        ("APPLE Daily", None),
        (None, None),
    ],
)
def test_agency_of_an_outlet(outlet: str | None, agency: str | None) -> None:
    assert agency_of(outlet) == agency


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Jane Doe in Rotterdam", ("Jane Doe", "Rotterdam")),
        ("Jane Doe and John Smith in New York", ("Jane Doe and John Smith", "New York")),
        ("Ana Lima in São Paulo", ("Ana Lima", "São Paulo")),
        ("Jane Doe", ("Jane Doe", None)),
        ("Jane Doe, John Smith", ("Jane Doe, John Smith", None)),
        ("Staff in Washington", ("Staff in Washington", None)),  # no writer's name
    ],
)
def test_a_stated_byline_gives_its_writers_and_place(
    byline: str, expected: tuple[str, str | None]
) -> None:
    assert writer_and_place(byline) == expected
