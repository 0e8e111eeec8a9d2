"""Property-based tests: arbitrary text never breaks the parsers or the search command."""

import codecs
import json
import re
from datetime import date

import pytest
from conftest import Run
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from newsarc import exports, frontmatter, tables
from newsarc.dates import parse_published
from newsarc.errors import NotAnArticle
from newsarc.ingest import BINARY_CONTROLS, decode
from newsarc.normalize import (
    CONTROL,
    CONTROL_CHARACTERS,
    _has_controls,
    _same_text,
    clean_text,
    normalize,
    normalize_cleaned,
    word_count,
)
from newsarc.query import to_fts

# Text as scrapers deliver it: any characters, with news-like punctuation and line breaks
# over-represented.
NEWSY = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list("\n\n\r\t  ,.:;-–—()\"'’“”/0123456789AMPGTU+")),
    ),
    max_size=400,
)
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


@settings(max_examples=400, deadline=None)
@given(NEWSY)
def test_normalize_never_raises_and_invents_nothing(text: str) -> None:
    try:
        article = normalize(text)
    except NotAnArticle:
        return
    source = squeezed(clean_text(text))
    for value in (article.headline, article.deck, article.byline, article.published_raw):
        if value is not None:
            assert squeezed(value) in source
    if article.dateline is not None:
        assert all(squeezed(part) in source for part in article.dateline.split(","))
    for paragraph in article.body.split("\n\n"):
        assert squeezed(paragraph) in source
    assert article.word_count == len(article.body.split())
    assert article.headline.strip() == article.headline and article.headline


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        NEWSY,
        st.lists(
            st.sampled_from(
                ["ab", "c", " ", "\n", "\t", "\r", "\x0b", "\x1c", "\x1f", "\x85", "\u2028", "\xa0"]
            )
        ).map("".join),
    )
)
def test_word_count_is_the_number_of_split_words(text: str) -> None:
    assert word_count(text) == len(text.split())


# Characters whose case folding is longer than themselves, and the spaces and dots stripped.
FOLDING = st.text(alphabet=st.sampled_from(list("aBß ẞﬃﬀİŉΐ.  xY")), max_size=12)


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.tuples(FOLDING, FOLDING),
        FOLDING.flatmap(
            lambda a: st.tuples(
                st.just(a),
                st.sampled_from([str.upper, str.casefold, str.swapcase, str.title]).map(
                    lambda change: " ." + change(a) + ". "
                ),
            )
        ),
    )
)
@example(("STRASSE", "straße"))
@example(("ﬃ", "FFI"))
@example((" ﬃ.", "ffi"))
@example(("ﬃ", "FFIX"))
def test_same_text_is_equality_of_folded_and_trimmed_text(pair: tuple[str, str]) -> None:
    a, b = pair
    assert _same_text(a, b) == (a.casefold().strip(" .") == b.casefold().strip(" ."))


@settings(max_examples=200, deadline=None)
@given(
    headline=st.lists(WORDS, min_size=3, max_size=8).map(" ".join),
    paragraphs=st.lists(st.lists(WORDS, min_size=4, max_size=40).map(lambda w: " ".join(w) + "."), min_size=1, max_size=6),
)  # fmt: skip
def test_body_keeps_every_paragraph(headline: str, paragraphs: list[str]) -> None:
    assume(all(p.rstrip(".") != headline for p in paragraphs))  # a repeated headline is dropped
    text = headline.capitalize() + "\n\n" + "\n\n".join(paragraphs) + "\n"
    assert normalize(text).body == "\n\n".join(paragraphs)


@settings(max_examples=400, deadline=None)
@given(NEWSY, st.sampled_from([None, True, False]))
def test_dates_never_raise_and_stay_plausible(text: str, dayfirst: bool | None) -> None:
    value = parse_published(text, dayfirst=dayfirst, today=date(2026, 11, 24))
    if value is not None:
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2})?)?)?", value)
        assert "1800" <= value[:4] <= "2026"


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80))
def test_any_query_becomes_valid_fts_or_a_clear_error(text: str) -> None:
    from newsarc.engine import sqlite3
    from newsarc.errors import QueryError

    try:
        match = to_fts(text)
    except QueryError:
        return
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(headline, deck, body)")
    db.execute("INSERT INTO t VALUES ('a', 'b', 'c')")
    db.execute("SELECT * FROM t WHERE t MATCH ?", (match,)).fetchall()


OPTION_VALUES = st.text(max_size=30)


@pytest.fixture(scope="module")
def shared_archive(tmp_path_factory: pytest.TempPathFactory) -> str:
    from click.testing import CliRunner
    from conftest import DATA

    from newsarc.cli import cli

    path = str(tmp_path_factory.mktemp("archive") / "archive.db")
    assert CliRunner().invoke(cli, ["ingest", "--db", path, str(DATA)]).exit_code == 0
    return path


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.text(min_size=1, max_size=60),
    option=st.sampled_from(["--since", "--until", "--agency", "--dateline", "--outlet", "--sort", "--limit", "--offset", None]),
    value=OPTION_VALUES,
    raw=st.booleans(),
)  # fmt: skip
def test_search_never_shows_a_traceback(
    shared_archive: str, run: Run, query: str, option: str | None, value: str, raw: bool
) -> None:
    args = ["search", "--db", shared_archive, *(["--raw"] if raw else []), "--", query]
    if option:
        args[1:1] = [option, value]
    result = run(*args)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.stderr
    if result.exit_code:
        assert result.stderr.startswith(("Error: ", "Usage: "))


BINARY_CONTROL_CHARACTERS = BINARY_CONTROLS.decode("ascii")
# Accented letters whose Windows-1252 bytes are never valid UTF-8: decode reads them back alike.
CONTROLLED = st.text(
    alphabet=st.sampled_from([*CONTROL_CHARACTERS, "a", " ", "\n", "\t", "é", "ü"])
)


@settings(max_examples=300, deadline=None)
@given(CONTROLLED)
def test_control_characters_are_found_in_any_text(text: str) -> None:
    """clean_text counts bytes for ASCII text and uses the expression for the rest."""
    assert _has_controls(text) == (CONTROL.search(text) is not None)
    assert CONTROL.search(clean_text(text)) is None


@settings(max_examples=300, deadline=None)
@given(CONTROLLED, st.sampled_from(["utf-8", "cp1252", "latin-1"]))
def test_binary_files_are_told_by_their_control_characters(text: str, encoding: str) -> None:
    """decode counts control bytes; the count must be that of the decoded characters."""
    data = text.encode(encoding, "ignore")
    assume(data and b"\x00" not in data and not data.startswith(codecs.BOM_UTF8))
    decoded = data.decode(encoding)
    binary = sum(c in BINARY_CONTROL_CHARACTERS for c in decoded) > len(decoded) // 100
    try:
        decode(data)
    except NotAnArticle:
        assert binary
    else:
        assert not binary


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(["a", "Z", " ", "\n", ".", "é", "Ж", "д", "一", "论"])),
    st.sampled_from(["utf-16-le", "utf-16-be"]),
)
def test_utf16_without_a_byte_order_mark_is_read_back_or_refused(text: str, encoding: str) -> None:
    """Read as the text it is, or refused as binary: never read as other text."""
    data = text.encode(encoding)
    assume(b"\x00" in data)
    try:
        decoded, how = decode(data)
    except NotAnArticle:
        return
    assert (decoded, how) == (text, encoding)


# Pieces of the exports newsarc reads, to be shuffled with arbitrary text between them.
EXPORT_PARTS = st.sampled_from(
    [
        "<REUTERS NEWID=\"1\">", "</REUTERS>", "<DATE>", "</DATE>", "<TEXT>", "<TEXT TYPE=\"BRIEF\">",
        "<TEXT TYPE=\"UNPROC\">", "</TEXT>", "<TITLE>", "</TITLE>", "<BODY>", "</BODY>",
        "<DATELINE>", "</DATELINE>", "<AUTHOR>", "</AUTHOR>", "&#3;", "&lt;", "&#xZZ;",
        "<DOCFULL> -->", "<!-- Hide XML section from browser\n</DOCFULL>", "<P>", "</P>", "<BR>",
        "\n1 of 2 DOCUMENTS\n", "\n\nBYLINE: ", "\n\nLENGTH: 3 words\n\n", "\n\nDATELINE: ",
        '<div id="article-X" class="article">', '<span class="enHeadline counted">', "</span>",
        '<div class="author">', "<div>", "</div>", "<div>12 words</div>",
        '<p class="articleParagraph">', "</p>", "<script>", "<!--", "-->",
        '<?xml version="1.0"?>', '<rss version="2.0">', "<feed>", "<rdf:RDF>", "<item>",
        "</item>", "<entry>", "</entry>", "<title>", "</title>", "<![CDATA[", "]]>",
        "<content:encoded>", "</content:encoded>", '<content type="html">', "</content>",
        "<description>", "</description>", "<pubDate>", "</pubDate>", "<guid>", "</guid>",
        "<author><name>", "</name></author>", "<dc:creator>", "</dc:creator>", '<link href="',
        '"/>', "<link>", "</link>", "<source>", "</source>", "<figure>", "</figure>",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(EXPORT_PARTS, NEWSY), max_size=25), st.booleans())
def test_exports_never_raise_but_not_an_article(parts: list[str], html_file: bool) -> None:
    text = "".join(parts)
    found = exports.split(text, html_file)
    if found is None:
        return
    format, pieces = found
    for piece in pieces:
        item_id = exports.item_id(format, piece)
        assert item_id is None or (item_id.strip() and "\n" not in item_id)
        try:
            exported = exports.render(format, piece)
            article = normalize_cleaned(
                clean_text(exported.text), headline_first=exported.headline_first
            )
        except NotAnArticle:
            continue
        assert exported.completed(article).headline


FRONT_MATTER_PARTS = st.sampled_from(
    [
        "---\n", "+++\n", "...\n", "title: ", "date: 2024-03-05\n", "author:\n", "  - ",
        '"[[Jane Doe]]"\n', "authors = [", '"A", "B"]\n', "published: ", "description: |\n",
        "> ## Excerpt\n", "> ", "# ", "\n\n", "&a [*b]: {c", "source: https://x.example/a\n",
        "title = 'T'\n", "date = 2024-06-12T14:00:00-04:00\n", "!!python/object:os.system\n",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(FRONT_MATTER_PARTS, NEWSY), max_size=25))
def test_front_matter_is_read_or_refused_never_raises(parts: list[str]) -> None:
    record = frontmatter.read("".join(parts))
    if record is None:
        return
    assert isinstance(record["body"], str)
    assert all(
        isinstance(record.get(key), str)
        for key in ("published", "description", "source")
        if key in record
    )
    assert all(isinstance(name, str) and name for name in record.get("authors", []))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(st.sampled_from([",", ";", "\t", '"', "\n", "\r\n", "title", "text"]), NEWSY),
        max_size=30,
    )
)
def test_tables_are_read_or_refused_never_raise(parts: list[str]) -> None:
    try:
        found = tables.rows("".join(parts), ("title", "text"), 1 << 20)
    except tables.NotATable:
        return
    for place, raw, record in found:
        assert place.startswith(":") and json.loads(raw) == record
