"""Pure: the many-article files news databases export, and news feeds -> one text per article.

Read: Reuters' SGML (the Reuters-21578 collection), Nexis and LexisNexis exports (HTML or text,
each article opening with ``N of M DOCUMENTS``), Factiva's saved HTML pages (also with its field
codes, "HD", "LP", "TD", beside the fields, as HTML or text), ProQuest's text
exports (articles between lines of underscores, a field a line), and RSS and Atom feeds (an article an item, its full text when the feed gives it, else its summary). `split` cuts a
file into the articles' own stretches of it, which are kept as their originals; `render` turns
one stretch into the text the normalizer reads (headline, a labelled date, paragraphs), with
the fields the database states outright (byline, deck, dateline, outlet) beside it.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from newsarc.errors import NotAnArticle
from newsarc.models import Article
from newsarc.normalize import AGENCY_BY_FOLDED_SPELLING, agency_of, place_name, writer_and_place

REUTERS = "reuters-sgml"
NEXIS = "nexis"
NEXIS_HTML = "nexis-html"
NEXIS_UNI = "nexis-uni"
FACTIVA = "factiva-html"
PROQUEST = "proquest"
FACTIVA_CODED = "factiva-codes"
RSS = "rss-item"
ATOM = "atom-entry"
FORMAT_NAMES = {
    REUTERS: "Reuters SGML",
    NEXIS: "Nexis text",
    NEXIS_HTML: "Nexis HTML",
    NEXIS_UNI: "Nexis Uni text",
    FACTIVA: "Factiva HTML",
    PROQUEST: "ProQuest text",
    FACTIVA_CODED: "Factiva (field codes)",
    RSS: "RSS feed",
    ATOM: "Atom feed",
}
FORMATS = frozenset(FORMAT_NAMES)

LEADING_MARKUP = re.compile(r"\s*<")
REUTERS_ARTICLE = re.compile(r"<REUTERS\b[^>]*>.*?</REUTERS>", re.S | re.I)
# One element's text; Reuters' elements never nest in themselves.
REUTERS_FIELD = {
    name: re.compile(rf"<{name}\b[^>]*>(.*?)</{name}>", re.S | re.I)
    for name in ("DATE", "TITLE", "AUTHOR", "DATELINE", "BODY", "TEXT")
}
REUTERS_TEXT_TYPE = re.compile(r"<TEXT\s+TYPE=\"?(\w+)", re.I)
# The wire's sign-off, and the control character that ends each story.
REUTERS_SIGN_OFF = re.compile(r"\s*\b(?:reuter|reuters)\s*$", re.I)
# A Reuters <DATE> ends in teletype debris: "27-MAR-1987 00:02:59.13&#5;&#5;RM".
REUTERS_DATE_DEBRIS = re.compile(r"[&<].*$", re.S)

NEXIS_MARKER = re.compile(r"^[ \t]*\d+ of \d+ DOCUMENTS?[ \t\r]*$", re.M)
# Each article sits between comments that hide the XML tags around it from browsers.
NEXIS_HTML_ARTICLE = re.compile(r"<DOCFULL>\s*-->(.*?)<!--[^<>]*</DOCFULL>", re.S | re.I)
# "BYLINE: By Jane Doe", "LÄNGE: 1285 Wörter", "LOAD-DATE: March 15, 2013", and in Nexis Uni
# "Byline: By Jane Doe", "Load-Date: March 15, 2013".
NEXIS_LABEL = re.compile(r"^([^\W\d_][^\W\d]*(?:[- ][^\W\d]+)*): ?(.*)$", re.S)
NEXIS_HEADER_BLOCKS = 8  # outlet, date, edition and correction lines, headline: labels follow
# The labels of the fields above and below the story, in English and German editions. Only
# these are taken as fields: an interview's "SPIEGEL: ..." or a "TOKYO: ..." lead is text.
NEXIS_HEADER_LABELS = frozenset({
    "BYLINE", "AUTHOR", "SECTION", "LENGTH", "DATELINE", "HIGHLIGHT", "TYPE", "SOURCE",
    "AUTOR", "RUBRIK", "LÄNGE", "UNTERTITEL",
})  # fmt: skip
NEXIS_TRAILER_LABELS = frozenset({
    "LOAD-DATE", "LANGUAGE", "PUBLICATION-TYPE", "GRAPHIC", "CORRECTION-DATE", "NOTES", "URL",
    "DOCUMENT-TYPE", "JOURNAL-CODE", "SUBJECT", "ORGANIZATION", "PERSON", "GEOGRAPHIC",
    "INDUSTRY", "COMPANY", "TICKER", "CITY", "STATE", "COUNTRY", "DISTRIBUTION", "UPDATE",
    "SPRACHE", "ZEITUNGS-CODE", "GRAFIK", "BIBLIOGRAPHIE", "DOKUMENTTYP", "PUBLIKATIONSTYP",
})  # fmt: skip
NEXIS_BYLINE = ("BYLINE", "AUTOR", "AUTHOR")
# Nexis Uni (text saved from its Word documents): each article ends with this line; the fields
# above the story end with a "Body" line, and those below it start with "Classification".
NEXIS_UNI_END = re.compile(r"^[ \t]*End of Document[ \t\r]*$", re.M)
NEXIS_UNI_BODY = "Body"
NEXIS_UNI_TRAILER = frozenset({"Classification", "Graphic", "Notes"})
# A cover page lists the articles before them, under "Documents (2)": "1. Title".
NEXIS_UNI_COVER = re.compile(r"^[ \t]*Documents? \(\d+\)[ \t\r]*$", re.M)
NEXIS_UNI_LISTED = re.compile(r"^[ \t]*1\.[ \t]+(.+?)[ \t\r]*$", re.M)
NEXIS_NOTICE = re.compile(r"^(?:copyright\b|©|\(c\) ?\d{4}|all rights reserved)", re.I)

FACTIVA_ARTICLE = re.compile(r"<div\s+id=\"article-[^\"]*\"[^>]*>", re.I)
# A headline of a numbered list ("counted") opens with its number: "1) ...".
FACTIVA_HEADLINE = re.compile(
    r"<span\b[^>]*\bclass=['\"]\w*Headline\b(?P<counted> counted)?[^>]*>(?P<text>.*?)</span>", re.S
)
FACTIVA_AUTHOR = re.compile(r"<div\s+class=\"author\"[^>]*>(.*?)</div>", re.S)
FACTIVA_DIV = re.compile(r"<div>(.*?)</div>", re.S)
FACTIVA_PARAGRAPH = re.compile(r"<p\b[^>]*\bclass=\"articleParagraph\b[^>]*>(.*?)</p>", re.S)
# Factiva's "Full Article/Report plus Indexing": each field beside its code, a table's row in HTML
# and a line in text ("HD  Senate passes bill", or the code alone over its value), the lead
# paragraph under LP and the rest under TD; "AN  Document DCHR000020261202ekc20001" ends each
# article and names it.
FACTIVA_CODES = frozenset({
    "SE", "HD", "BY", "CR", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "VOL", "LA", "CY", "LP",
    "TD", "CT", "RF", "CO", "IN", "NS", "RE", "IPC", "IPD", "PUB", "AN", "CLM", "ART", "HLP",
})  # fmt: skip
# The codes under the story whose values are indexing terms: "NS gcat : Political/General News"
FACTIVA_INDEX_CODES = frozenset({"CO", "IN", "NS", "RE", "IPC"})
FACTIVA_CODE_LINE = re.compile(r"^(?P<code>[A-Z]{2,3})(?:[ \t\u00a0]+(?P<value>\S.*))?$")
FACTIVA_CODED_END = re.compile(
    r"^[ \t]*AN(?:[ \t\u00a0]+|[ \t\u00a0]*\r?\n\s*)Document[ \t\u00a0]+(?P<id>\S+)[ \t\r]*$", re.M
)
# A page is taken for one when it also holds a story's cell: a table of video formats has "HD".
FACTIVA_STORY_CELL = re.compile(
    r">\s*(?:<b>\s*)?(?:LP|TD)\s*(?:</b>\s*)?(?:&nbsp;|\u00a0)?\s*</td>"
)
FACTIVA_HD_CELL = re.compile(
    r">\s*(?:<b>\s*)?HD\s*(?:</b>\s*)?(?:&nbsp;|\u00a0)?\s*(?:</b>\s*)?</td>", re.I
)
# A byline ending in the wire it came from: "KURT SCHORK, --(Reuter)", "Jane Doe, Reuters".
WIRE_CREDIT = re.compile(r"(?:,\s*|\s+--\s*|\s*--)\(?(?P<credit>[^(),]+?)\)?\s*$")
# The field before the date: a length such as "877 words", "1285 Wörter" or "8165 字".
FACTIVA_LENGTH = re.compile(r"^[\d.,]+\s*\w+$")

# ProQuest's text export ("TXT - Text only"): a report's heading and a table of contents, then
# each article between lines of 60 underscores: "Document 1 of 2", the title alone on its line,
# then fields a line each ("Author: Smith, Jane", "Publication date: Dec 2, 2026"), the story
# after "Full text:" up to the next field, and a bibliography last. A file is taken for one when
# it holds such a line and one of the two fields no other text names.
PROQUEST_RULE = re.compile(r"^_{60,}[ \t\r]*$", re.M)
PROQUEST_RULE_TEXT = "_" * 60
PROQUEST_MARKS = ("ProQuest document ID:", "\nFull text:")
PROQUEST_FIELD = re.compile(
    r"^(?P<label>[A-Z][A-Za-z]+(?:(?: / | )[a-zA-Z]+){0,3}):(?: (?P<value>.*))?$"
)
PROQUEST_LABELS = frozenset({
    "Title", "Author", "Credit", "Publication info", "Links", "Abstract", "Full text", "Subject",
    "Location", "People", "Company / organization", "Identifier / keyword", "Publication title",
    "Pages", "First page", "Publication year", "Publication date", "Year", "Section",
    "Publisher", "Place of publication", "Country of publication", "Publication subject",
    "ISSN", "Source type", "Language of publication", "Document type", "ProQuest document ID",
    "Document URL", "Copyright", "Last updated", "Database", "Dateline", "Edition", "Column",
    "Illustration", "Caption", "Notes", "Volume", "Issue", "Document feature", "Update",
    "Accession number", "Number of pages", "Business indexing term", "Classification",
})  # fmt: skip
# The fields that end the story: those ProQuest prints after it. A line of the story may open
# as a field would ("Update: the council said ..."), never as these do.
PROQUEST_AFTER_TEXT = frozenset({
    "Credit", "Subject", "Location", "People", "Company / organization", "Identifier / keyword",
    "Title", "Publication title", "Publication date", "ProQuest document ID", "Document URL",
    "Copyright", "Last updated", "Database", "Source type", "Document type",
})  # fmt: skip
PROQUEST_DOCUMENT = re.compile(r"^Document \d+ of \d+$")
PROQUEST_ID = re.compile(r"^[ \t]*ProQuest document ID: ?(\d+)[ \t\r]*$", re.M)
# The date in a citation: "New York Times ; New York, N.Y. [New York, N.Y]. 02 Dec 2026: A.1."
PROQUEST_INFO_DATE = re.compile(
    r"\b(?:\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})\b"
)
# An author surname first: "Smith, Jane", "Van Dyke, Jane E."
PROQUEST_SURNAME_FIRST = re.compile(
    r"(?P<surname>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?), (?P<given>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})"
)

# A feed says what it is in its root element, the first after the XML declaration, comments
# and style sheets: <rss>, RSS 1.0's <rdf:RDF>, Atom's <feed>; its articles are <item> and
# <entry> elements.
FEED_ROOT = re.compile(
    r"\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:(?P<rss>rss|rdf:RDF)|(?P<atom>feed))\b",
    re.I | re.S,
)
FEED_HEAD = 4096  # characters in which a feed's root element opens
FEED_ITEM = {
    RSS: re.compile(r"<item\b[^>]*>.*?</item>", re.S | re.I),
    ATOM: re.compile(r"<entry\b[^>]*>.*?</entry>", re.S | re.I),
}
# An item's fields, best first, by their names in the feed (prefixed names are RSS modules').
FEED_TITLE = ("title",)
FEED_CONTENT = ("content:encoded", "content")
FEED_SUMMARY = ("description", "summary")
FEED_DATE = ("pubDate", "published", "dc:date", "updated", "dc:modified")
FEED_SOURCE = ("source", "dc:publisher")
FEED_ID = ("guid", "id")
# RSS's <link>URL</link>, Atom's <link href="URL"/> (its first: the page, unless rel says else).
FEED_LINK = re.compile(
    r"<link\b(?:[^>]*?\bhref=[\"'](?P<href>[^\"']*)[\"'])?[^>]*?(?:/>|>(?P<text>[^<]*)</link>)",
    re.I,
)
ELLIPSIS_END = re.compile(r"\s*(?:\[(?:…|\.\.\.)\]|…|\.\.\.)$")  # a summary cut short
CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
# RSS's <author> is an e-mail address, the name in parentheses: "jane@example.com (Jane Doe)".
MAIL_AND_NAME = re.compile(r"^\S+@\S+\s*\((?P<name>[^()]+)\)$")
MAIL = re.compile(r"^\S+@\S+$")
# What WordPress adds under every post of its feeds, and "Continue reading" links.
FEED_TRAILER = re.compile(
    r"^(?:the post .{1,300} appeared first on .{1,200}|continue reading.{0,100}|read more.{0,100})$",
    re.I | re.S,
)

# Elements that end a line of text; the others run on within it.
BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "footer", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table", "td",
    "th", "tr", "ul",
})  # fmt: skip
# Not the story's text: a feed's HTML holds pictures with their captions and credits.
HIDDEN_TAGS = frozenset({"script", "style", "head", "title", "figure", "figcaption"})


@dataclass
class Exported:
    """One exported article: text for the normalizer, and what the database states outright."""

    text: str
    headline_first: bool  # the text's first line is the headline the database names
    byline: str | None = None
    deck: str | None = None
    dateline: str | None = None
    outlet: str | None = None

    def completed(self, article: Article) -> Article:
        """The normalizer's reading, with the database's own fields taking precedence. Wire
        copy names its agency: the outlet that is one (Reuters, Agence France Presse), or the
        byline's credit ("By KURT SCHORK, --(Reuter)", "By Jane Doe, Reuters")."""
        names, credited = _wire_credit(self.byline)
        agencies = [name for name in dict.fromkeys([agency_of(self.outlet), credited]) if name]
        return replace(
            article,
            byline=names or article.byline,
            deck=self.deck or article.deck,
            dateline=self.dateline or article.dateline,
            agencies=article.agencies or agencies,
        )


def split(text: str, html_file: bool) -> tuple[str, list[str]] | None:
    """(format, each article's stretch of `text`) when `text` is an export of many articles;
    None for anything else. `html_file`: the file's name says HTML or SGML."""
    if html_file or LEADING_MARKUP.match(text):
        if feed := FEED_ROOT.match(text, 0, FEED_HEAD):
            format = RSS if feed["rss"] else ATOM
            return format, FEED_ITEM[format].findall(text)
        if "<REUTERS" in text or "<reuters" in text:
            return REUTERS, REUTERS_ARTICLE.findall(text)
        if "<DOCFULL>" in text or "<docfull>" in text:
            return NEXIS_HTML, NEXIS_HTML_ARTICLE.findall(text)
        cells = [cell.start() for cell in FACTIVA_HD_CELL.finditer(text)]
        if cells and "Document" in text and FACTIVA_STORY_CELL.search(text):
            return FACTIVA_CODED, _stretches(text, _coded_starts(text, cells))
        starts = [match.start() for match in FACTIVA_ARTICLE.finditer(text)]
        if starts and "articleParagraph" in text:
            return FACTIVA, _stretches(text, starts)
        return None
    if "Document" in text and (ends := [end.end() for end in FACTIVA_CODED_END.finditer(text)]):
        pieces = [text[start:end] for start, end in itertools.pairwise([0, *ends])]
        if pieces := [piece for piece in pieces if _factiva_fields(piece).get("HD")]:
            return FACTIVA_CODED, pieces
    if PROQUEST_RULE_TEXT in text and any(mark in text for mark in PROQUEST_MARKS):
        pieces = [piece for piece in PROQUEST_RULE.split(text) if _is_proquest_record(piece)]
        if pieces:
            return PROQUEST, pieces
    if "End of Document" in text:
        ends = [match.end() for match in NEXIS_UNI_END.finditer(text)]
        if ends:
            if text[ends[-1] :].strip():  # text after the last article is read, not dropped
                ends.append(len(text))
            starts = [_nexis_uni_start(text), *ends[:-1]]
            return NEXIS_UNI, [text[start:end] for start, end in zip(starts, ends, strict=True)]
    if " DOCUMENT" not in text:  # most files: a plain search is ~20 times faster than the pattern
        return None
    markers = [match.start() for match in NEXIS_MARKER.finditer(text)]
    if not markers:
        return None
    return NEXIS, [stretch.rstrip() for stretch in _stretches(text, markers)]


def _nexis_uni_start(text: str) -> int:
    """Where the first article of a Nexis Uni file starts: after its cover page, if it has one,
    at the title the page lists first; else at the start."""
    cover = NEXIS_UNI_COVER.search(text, 0, 2000)
    listed = NEXIS_UNI_LISTED.search(text, cover.end()) if cover else None
    if listed is None:
        return 0
    title = re.compile(rf"^[ \t]*{re.escape(listed.group(1))}[ \t\r]*$", re.M)
    first = title.search(text, listed.end())
    return first.start() if first else 0


def _stretches(text: str, starts: list[int]) -> list[str]:
    """`text` cut at each of `starts`; what comes before the first is left out."""
    return [text[start:end] for start, end in itertools.pairwise([*starts, len(text)])]


def render(format: str, piece: str) -> Exported:
    """One article's stretch of an export (from `split`) as text for the normalizer."""
    if format == REUTERS:
        return _reuters(piece)
    if format == NEXIS_HTML:
        return _nexis(html_text(piece))
    if format == NEXIS:
        return _nexis(piece)
    if format == NEXIS_UNI:
        return _nexis_uni(piece)
    if format == FACTIVA:
        return _factiva(piece)
    if format == PROQUEST:
        return _proquest(piece)
    if format == FACTIVA_CODED:
        return _factiva_coded(piece)
    if format in (RSS, ATOM):
        return _feed_item(piece)
    raise ValueError(f"not an export format: {format}")


def html_text(markup: str) -> str:
    """Markup as plain text: a line for each block element, a blank line between paragraphs,
    character references resolved, scripts and styles left out."""
    reader = _TextReader()
    reader.feed(markup)
    reader.close()
    return "".join(reader.parts)


class _TextReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n" if tag == "br" else "\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _lines(*parts: str | None) -> str:
    """The given parts that are not empty, as paragraphs."""
    return "\n\n".join(part for part in parts if part)


def _reuters(piece: str) -> Exported:
    text = _element("TEXT", piece)
    kind = REUTERS_TEXT_TYPE.search(piece)
    kind_name = kind.group(1).upper() if kind else ""
    if kind_name == "UNPROC":  # no fields: the story as it came over the wire
        title, story = "", html.unescape(text)
    else:
        title, story = _flat(html.unescape(_element("TITLE", text))), ""
        if kind_name != "BRIEF":  # a brief is a headline; its text is a placeholder
            body = html.unescape(_element("BODY", text))
            if body.strip():
                dateline = html.unescape(_element("DATELINE", text)).strip()
                story = f"{dateline} {body.lstrip()}"
    story = REUTERS_SIGN_OFF.sub("", story.replace("\x02", "").replace("\x03", "").rstrip())
    # Wire copy marks a paragraph by indenting its first line; the lines between are wrapped.
    paragraphs = re.sub(r"\n(?=[ \t])", "\n\n", story.strip("\n"))
    if not title and not paragraphs:
        raise NotAnArticle("an empty story: no headline and no text")
    byline = _flat(html.unescape(_element("AUTHOR", text)))
    date = REUTERS_DATE_DEBRIS.sub("", _element("DATE", piece)).strip()
    return Exported(
        text=_lines(title, f"Published: {date}" if date else "", paragraphs),
        headline_first=bool(title),
        byline=_without_by(byline),
        outlet="Reuters",
    )


def _element(name: str, within: str) -> str:
    """The text inside the first <name> element (markup and references as they are)."""
    match = REUTERS_FIELD[name].search(within)
    return match.group(1) if match else ""


def _nexis(text: str) -> Exported:
    """One article of a Nexis export (text, or HTML made text): its number line, outlet, date
    (and edition) lines, headline, labelled fields, paragraphs, then labelled fields again."""
    blocks = [" ".join(block.split()) for block in re.split(r"\r?\n[ \t\r]*\n", text)]
    blocks = [block for block in blocks if block]
    if blocks and NEXIS_MARKER.match(blocks[0]):
        blocks.pop(0)
    # The labels under the headline; an article without them has its outlet, date and
    # headline first, and labels only at its end.
    first_label = next(
        (
            index
            for index, block in enumerate(blocks[:NEXIS_HEADER_BLOCKS])
            if _nexis_label(block, NEXIS_HEADER_LABELS)
        ),
        None,
    )
    if first_label is None or first_label < 2:
        first_label = min(len(blocks), 3)
    header, rest = blocks[:first_label], blocks[first_label:]
    outlet = header[0] if len(header) > 1 else None
    date = header[1] if len(header) > 2 else None
    headline = header[-1] if header else ""
    labels: dict[str, str] = {}
    while rest and (field := _nexis_label(rest[0], NEXIS_HEADER_LABELS)):
        labels.setdefault(*field)
        rest.pop(0)
    return _nexis_article(headline, outlet, date, labels, rest)


def _nexis_article(
    headline: str, outlet: str | None, date: str | None, labels: dict[str, str], rest: list[str]
) -> Exported:
    """An article of either Nexis from its parts: the paragraphs in `rest` lose the labelled
    fields and notices at their end."""
    while rest and (_nexis_label(rest[-1], NEXIS_TRAILER_LABELS) or NEXIS_NOTICE.match(rest[-1])):
        rest.pop()
    byline = next((labels[name] for name in NEXIS_BYLINE if name in labels), None)
    dateline = labels.get("DATELINE")
    return Exported(
        text=_lines(headline, f"Published: {date}" if date else "", *rest),
        headline_first=bool(headline),
        byline=_without_by(byline),
        deck=labels.get("HIGHLIGHT"),
        dateline=place_name(dateline.split(",")[0]) if dateline else None,
        outlet=outlet,
    )


def _nexis_uni(text: str) -> Exported:
    """One article of Nexis Uni text: headline, outlet, date (and edition, copyright) lines,
    labelled fields, "Body", the paragraphs a line each, then "Classification" and fields."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and NEXIS_UNI_END.match(lines[-1]):
        lines.pop()
    if not lines:
        raise NotAnArticle("an empty article: no headline and no text")
    if NEXIS_UNI_BODY in lines[1:]:
        body = lines.index(NEXIS_UNI_BODY, 1)
        header, rest = lines[:body], lines[body + 1 :]
    else:  # no "Body" line: the outlet and the date, then the story
        header, rest = lines[:3], lines[3:]
    labels = dict(
        field for line in header[1:] if (field := _nexis_label(line, NEXIS_HEADER_LABELS))
    )
    end = next((i for i, line in enumerate(rest) if line in NEXIS_UNI_TRAILER), len(rest))
    outlet = (
        header[1] if len(header) > 1 and not _nexis_label(header[1], NEXIS_HEADER_LABELS) else None
    )
    date = header[2] if len(header) > 2 and outlet else None
    return _nexis_article(header[0], outlet, date, labels, rest[:end])


def _nexis_label(block: str, names: frozenset[str]) -> tuple[str, str] | None:
    """(label, value) when `block` is a field labelled with one of `names`."""
    match = NEXIS_LABEL.match(block)
    if match is None or match.group(1).upper() not in names:
        return None
    return match.group(1).upper(), match.group(2).strip()


def _factiva(piece: str) -> Exported:
    """One article of a Factiva page: section, headline, author, then one field a line
    (length, date, source, source code, edition, page, language, copyright), paragraphs."""
    headline_match = FACTIVA_HEADLINE.search(piece)
    headline = _flat(html_text(headline_match["text"])) if headline_match else ""
    if headline_match and headline_match["counted"]:
        headline = re.sub(r"^\d+\) ", "", headline)
    after_headline = piece[headline_match.end() :] if headline_match else piece
    first_paragraph = FACTIVA_PARAGRAPH.search(after_headline)
    header = after_headline[: first_paragraph.start() if first_paragraph else None]
    fields = [_flat(html_text(value)) for value in FACTIVA_DIV.findall(header)]
    length = next((i for i, value in enumerate(fields) if FACTIVA_LENGTH.match(value)), None)
    # The length is followed by the date and the source's name.
    after_length = fields[length + 1 :] if length is not None else []
    date = after_length[0] if after_length else ""
    outlet = after_length[1] if len(after_length) > 1 else None
    author = FACTIVA_AUTHOR.search(header)
    paragraphs = [_flat(html_text(p)) for p in FACTIVA_PARAGRAPH.findall(after_headline)]
    return Exported(
        text=_lines(headline, f"Published: {date}" if date else "", *paragraphs),
        headline_first=bool(headline),
        byline=_without_by(_flat(html_text(author.group(1)))) if author else None,
        outlet=outlet or None,
    )


def _coded_starts(markup: str, cells: list[int]) -> list[int]:
    """Where each article of a Factiva page with field codes starts: at the article's element
    around the table of its fields, else at the table, whose first row is the headline's."""
    starts, previous = [], 0
    for cell in cells:
        table = max(markup.rfind("<table", previous, cell), previous)
        article = markup.rfind('<div id="article-', previous, table)
        starts.append(article if article >= 0 else table)
        previous = cell
    return starts


def _factiva_coded(piece: str) -> Exported:
    """One article of Factiva with its field codes: headline (HD), byline (BY), date (PD) and
    time (ET), source (SN), and the story's lead (LP) and text (TD)."""
    fields = _factiva_fields(html_text(piece) if LEADING_MARKUP.match(piece) else piece)
    value = {code: _flat(" ".join(lines)) for code, lines in fields.items()}
    headline = value.get("HD", "")
    story = "\n".join([*fields.get("LP", []), "", *fields.get("TD", [])]).strip()
    if not headline and not story:
        raise NotAnArticle("an empty article: no headline and no text")
    date = " ".join(part for part in (value.get("PD"), value.get("ET")) if part)
    return Exported(
        text=_lines(headline, f"Published: {date}" if date else "", story),
        headline_first=bool(headline),
        byline=_without_by(value.get("BY")),
        outlet=value.get("SN") or None,
    )


def _factiva_fields(text: str) -> dict[str, list[str]]:
    """The lines of each field of a Factiva article with its codes, by code; the first field of
    a code counts (the text is cut at the article's "AN" line before)."""
    fields: dict[str, list[str]] = {}
    lines: list[str] | None = None
    code = None
    for line in text.splitlines():
        stripped = line.strip()
        coded = FACTIVA_CODE_LINE.match(stripped)
        if coded and _opens_factiva_field(coded["code"], coded["value"], code):
            code = coded["code"]
            lines = fields.setdefault(code, []) if code not in fields else []
            line = coded["value"] or ""
        if lines is not None:
            lines.append(line.strip())
    return fields


def _opens_factiva_field(code: str, value: str | None, current: str | None) -> bool:
    """Whether a line opening with a code opens its field. In the story (LP, TD) a line of
    capitals may open with one ("IN THE MORNING ..."): there only the code alone on its line
    does, or one of the fields under the story in its form ("RE usa : United States",
    "AN Document ...")."""
    if code not in FACTIVA_CODES:
        return False
    if current not in ("LP", "TD") or value is None or code == "TD":
        return True
    if code == "AN":
        return value.startswith("Document ")
    return code in FACTIVA_INDEX_CODES and " : " in value


def _is_proquest_record(piece: str) -> bool:
    """Whether a stretch between ProQuest's rules is an article, not the report's heading, its
    table of contents or its bibliography: it states the article's text or its id."""
    return any(
        (field := PROQUEST_FIELD.match(line.strip()))
        and field["label"] in ("Full text", "Abstract", "ProQuest document ID")
        for line in piece.splitlines()
    )


def _proquest(piece: str) -> Exported:
    """One article of a ProQuest text export: the title, the fields, and the story that the
    "Full text" field opens and the next field ends (an abstract stands in when the export
    holds no full text)."""
    title: str | None = None
    fields: dict[str, list[str]] = {}
    label = None
    for line in piece.splitlines():
        stripped = line.strip()
        field = PROQUEST_FIELD.match(stripped)
        ending = PROQUEST_AFTER_TEXT if label == "Full text" else PROQUEST_LABELS
        if field and field["label"] in ending:
            # a field printed twice (the id, above and below the story) is read once
            label = field["label"] if field["label"] not in fields else ""
            fields.setdefault(label, [])
            line = field["value"] or ""
        elif label is None:  # above the fields: the document's number and the title
            if stripped and not PROQUEST_DOCUMENT.match(stripped) and title is None:
                title = stripped
            continue
        elif label != "Full text" and stripped.startswith(("http://", "https://")):
            continue  # the document's link under the author, in older exports
        fields[label].append(line)
    story = "\n".join(fields.get("Full text") or fields.get("Abstract") or []).strip()
    headline = _flat(" ".join(fields.get("Title", []))) or title or ""
    if not story:
        raise NotAnArticle("a ProQuest record without its text or abstract: only its citation")
    value = {name: _flat(" ".join(lines)) for name, lines in fields.items()}
    outlet = value.get("Publication title", "").split(";")[0].strip()
    info_date = PROQUEST_INFO_DATE.search(value.get("Publication info", ""))
    date = value.get("Publication date") or (info_date.group() if info_date else "")
    dateline = value.get("Dateline")
    return Exported(
        text=_lines(headline, f"Published: {date}" if date else "", story),
        headline_first=bool(headline),
        byline=_proquest_writers(value.get("Author") or value.get("Credit")),
        dateline=place_name(dateline) if dateline else None,
        outlet=outlet or None,
    )


def _proquest_writers(authors: str | None) -> str | None:
    """ProQuest's authors, surname first and parted by semicolons ("Smith, Jane; Doe, John"),
    as a byline: "Jane Smith, John Doe"."""
    if not authors:
        return None
    names = []
    for author in authors.split(";"):
        name = _without_by(author.strip(" .")) or ""
        flipped = PROQUEST_SURNAME_FIRST.fullmatch(name)
        names.append(f"{flipped['given']} {flipped['surname']}" if flipped else name)
    return ", ".join(name for name in names if name) or None


def _feed_item(piece: str) -> Exported:
    """One item of an RSS or Atom feed: title, time, writers, and the full text where the feed
    gives it (`content:encoded`, Atom's `content`), with the summary as the deck unless the
    text opens with it; else the summary is the text. A summary that only repeats the title
    (Google News' links) is no text."""
    source = _flat(_feed_value(piece, FEED_SOURCE))
    outlet = source if source and "<" not in source else None
    title = _flat(html_text(_feed_value(piece, FEED_TITLE)))
    if outlet and title.endswith(f" - {outlet}"):  # Google News names the outlet after it
        title = title[: -len(outlet) - 3]
    content = _feed_paragraphs(_feed_value(piece, FEED_CONTENT))
    summary = _feed_paragraphs(_feed_value(piece, FEED_SUMMARY))
    if summary and _flat(" ".join(summary)) in (title, f"{title} {outlet}"):
        summary = []
    deck = None
    if not content:
        content = summary
    elif summary and not _opens_with(content, summary):
        deck = _flat(" ".join(summary))
    if not title and not content:
        raise NotAnArticle("an empty item: no title and no text")
    date = _flat(_feed_value(piece, FEED_DATE))
    writers = _feed_writers(piece)
    byline, place = writer_and_place(writers) if writers else (None, None)
    return Exported(
        text=_lines(title, f"Published: {date}" if date else "", *content),
        headline_first=bool(title),
        byline=byline,
        deck=deck,
        dateline=place,
        outlet=outlet,
    )


def _opens_with(content: list[str], summary: list[str]) -> bool:
    """Whether the text opens with the summary, which may be cut short ("… work [&#8230;]")."""
    opening = _flat(" ".join(summary))
    opening = ELLIPSIS_END.sub("", opening)[:100]
    return _flat(" ".join(content)).startswith(opening)


def item_id(format: str, piece: str) -> str | None:
    """What a feed's item is known by, whatever its place: its `guid` (Atom's `id`), else its
    link; a ProQuest article by its document id. None for an item that states neither, and for
    the articles of other exports."""
    if format == PROQUEST:
        document = PROQUEST_ID.search(piece)
        return document.group(1) if document else None
    if format == FACTIVA_CODED:
        text = html_text(piece) if LEADING_MARKUP.match(piece) else piece
        document = FACTIVA_CODED_END.search(text)
        return document["id"] if document else None
    if format not in (RSS, ATOM):
        return None
    if found := _flat(_feed_value(piece, FEED_ID)):
        return found
    link = FEED_LINK.search(piece)
    return _flat(html.unescape(link["text"] or link["href"] or "")) or None if link else None


def _feed_value(piece: str, names: tuple[str, ...]) -> str:
    """The text of the first of the named elements an item holds (HTML inside stays markup)."""
    for name in names:
        pattern = rf"<{re.escape(name)}(?:\s[^>]*)?>(.*?)</{re.escape(name)}\s*>"
        match = re.search(pattern, piece, re.S | re.I)
        if match and match.group(1).strip():
            return _element_text(match.group(1))
    return ""


def _element_text(value: str) -> str:
    """An XML element's content as text: its CDATA as written, the rest with XML's references
    resolved."""
    if "<![CDATA[" not in value:
        return html.unescape(value)
    return "".join(
        part if index % 2 else html.unescape(part) for index, part in enumerate(CDATA.split(value))
    )


def _feed_paragraphs(markup: str) -> list[str]:
    """A field's HTML (or text) as paragraphs, without WordPress's line under each post."""
    paragraphs = [_flat(block) for block in html_text(markup).split("\n\n")]
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    while paragraphs and FEED_TRAILER.match(paragraphs[-1]):
        paragraphs.pop()
    return paragraphs


def _feed_writers(piece: str) -> str | None:
    """The item's writers: Dublin Core's creators, RSS's author (an e-mail address with the
    name in parentheses) or Atom's authors, each with a name."""
    creators = re.findall(r"<dc:creator\b[^>]*>(.*?)</dc:creator>", piece, re.S | re.I)
    names = [writer for creator in creators if (writer := _flat(_element_text(creator)))]
    if not names:
        for author in re.findall(r"<author\b[^>]*>(.*?)</author>", piece, re.S | re.I):
            name = re.search(r"<name\b[^>]*>(.*?)</name>", author, re.S | re.I)
            value = _flat(_element_text(name.group(1) if name else author))
            if mail := MAIL_AND_NAME.match(value):
                value = mail["name"].strip()
            if value and not MAIL.match(value) and "<" not in value:
                names.append(value)
    return _without_by(", ".join(dict.fromkeys(names))) if names else None


def _flat(text: str) -> str:
    return " ".join(text.split())


def _wire_credit(byline: str | None) -> tuple[str | None, str | None]:
    """A byline's names and the agency it credits at its end, if any; no names when the byline
    is the credit alone ("-- (AFP)", "Reuters")."""
    alone = (byline or "").strip(" -()").casefold()
    if agency := AGENCY_BY_FOLDED_SPELLING.get("reuters" if alone == "reuter" else alone):
        return None, agency
    match = WIRE_CREDIT.search(byline or "")
    if byline is None or match is None or match.start() == 0:
        return byline, None
    credit = match["credit"]
    agency = agency_of("Reuters" if credit.casefold() == "reuter" else credit)
    return (byline[: match.start()].rstrip(" ,-"), agency) if agency else (byline, None)


def _without_by(byline: str | None) -> str | None:
    """The names of a byline: "By JANE DOE" -> "JANE DOE", "Von Jane Doe" -> "Jane Doe", and
    "From JANE DOE", as The Guardian credits a correspondent abroad."""
    if not byline:
        return None
    return re.sub(r"^(?:by|from|von)\s+", "", byline, flags=re.I) or None
