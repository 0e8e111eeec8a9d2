"""Pure: a news site's article page saved as HTML -> the fields of a JSON article object.

A page holds its story among menus, teasers and footers. What the site states for machines
comes first: the JSON-LD of a NewsArticle (headline, time, writers, publisher, summary) and the
meta tags of Open Graph and the like. The story's text is the runs of text between block
elements inside the element around the <h1> that holds paragraphs of prose (or the first
<article> or <main>), under the headline and down to the last sentence, leaving out
navigation, headers, footers, asides, forms, figures and scripts. The result has the keys ingest reads
from scrapers' JSON objects (`title`, `body`, `published`, `authors`, `description`,
`source`), so a page is read the way such an object is.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

# Elements whose text is never the story's.
SKIPPED = frozenset({
    "aside", "button", "figcaption", "figure", "footer", "form", "header", "iframe", "nav",
    "noscript", "script", "select", "style", "svg", "template", "textarea", "title",
})  # fmt: skip
# Elements that end a run of text: each run is a paragraph.
BLOCKS = frozenset({
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
})  # fmt: skip
# Void elements: no end tag follows, so they never open a skipped stretch.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})  # fmt: skip
# Elements that may hold a story, and the paragraphs of prose one needs to be the story's.
CONTAINERS = frozenset({"article", "body", "div", "main", "section", "td"})
MIN_SENTENCES = 2
MIN_PARAGRAPH = 40  # characters of a paragraph of prose, which ends as a sentence does
MAX_LABEL = 100  # characters: a shorter run that ends in no stop, after the story, is a link
SENTENCE_ENDS = tuple('.!?"”’)')
ARTICLE_TYPES = frozenset({
    "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "BlogPosting", "LiveBlogPosting", "Report",
})  # fmt: skip
# Meta tags (name, property or itemprop) that state a field, best first.
META_TITLE = ("og:title", "twitter:title", "headline")
META_PUBLISHED = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dc.date", "date",
)  # fmt: skip
META_AUTHOR = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator")
META_DESCRIPTION = ("og:description", "description", "twitter:description")
META_SITE = ("og:site_name", "application-name")


def read_page(markup: str) -> dict[str, object] | None:
    """The article a saved page holds, as a JSON article object; None when it holds no text."""
    reader = _PageReader()
    reader.feed(markup)
    reader.close()
    story = _story(reader.json_ld)
    title = (
        reader.headline
        or reader.meta_value(META_TITLE)
        or _text(story.get("headline"))
        or reader.title
    )
    # The story starts under its headline (menus come before it) and ends with a sentence
    # (links and labels come after it).
    texts = _story_runs(reader)
    if title in texts:
        texts = texts[texts.index(title) + 1 :]
    while texts and len(texts[-1]) < MAX_LABEL and not texts[-1].endswith(SENTENCE_ENDS):
        texts.pop()
    body = "\n\n".join(texts) or _text_of_lines(story.get("articleBody"))
    if not title or not body.strip():
        return None
    record: dict[str, object] = {"title": title, "body": body}
    published = (
        _text(story.get("datePublished")) or reader.meta_value(META_PUBLISHED) or reader.time
    )
    writers = _names(story.get("author")) or [
        name for name in [reader.meta_value(META_AUTHOR)] if name and "://" not in name
    ]
    description = reader.meta_value(META_DESCRIPTION) or _text(story.get("description"))
    site = reader.meta_value(META_SITE) or next(iter(_names(story.get("publisher"))), "")
    for name, value in (
        ("published", published),
        ("authors", writers),
        ("description", description),
        ("source", site),
    ):
        if value:
            record[name] = value
    return record


def _story_runs(reader: _PageReader) -> list[str]:
    """The runs of text of the element that holds the headline and the story: the innermost
    element around the <h1> with MIN_SENTENCES paragraphs of prose in it (a page's <h1> may
    stand in a <div> of its own, with its deck, and teasers of other stories come after the
    story, outside that element). A page with no <h1>: its first <article> or <main>, else all
    its text. Runs made only of links that are not sentences ("Facebook", "Twitter" run
    together by a row of share buttons) are left out; the headline stays, linked or not."""
    runs = [
        (inside, text)
        for inside, text, linked in reader.runs
        if not linked or _is_sentence(text) or text == reader.headline
    ]
    if reader.headline_in:
        for element in reversed(reader.headline_in):
            texts = [text for inside, text in runs if element in inside]
            if sum(map(_is_sentence, texts)) >= MIN_SENTENCES:
                return texts
    for tag in ("article", "main"):
        if first := next((serial for serial, name in reader.elements if name == tag), None):
            return [text for inside, text in runs if first in inside]
    return [text for _, text in runs]


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # (the elements it is in, text, whether all its text is the words of links)
        self.runs: list[tuple[frozenset[int], str, bool]] = []
        self.elements: list[tuple[int, str]] = []  # (serial, tag) of each container, in order
        self.headline_in: list[int] = []  # the containers around the first <h1>, outermost first
        self.meta: dict[str, str] = {}
        self.json_ld: list[object] = []
        self.title = ""
        self.headline = ""  # the first <h1>, wherever it is: pages put it in a <header>
        self.time = ""
        self._open: list[tuple[int, str]] = []  # the containers open here
        self._skipping: list[str] = []
        self._run: list[str] = []
        self._links = 0  # <a> elements open here
        self._run_unlinked = False  # the run holds text outside links
        self._script: list[str] | None = None
        self._in_title = False
        self._headline: list[str] | None = None

    def meta_value(self, names: tuple[str, ...]) -> str:
        return next((self.meta[name] for name in names if self.meta.get(name)), "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        fields = {name: value or "" for name, value in attrs}
        if tag == "meta":
            name = fields.get("property") or fields.get("name") or fields.get("itemprop")
            if name and fields.get("content") and name.lower() not in self.meta:
                self.meta[name.lower()] = " ".join(fields["content"].split())
            return
        if tag == "time" and not self.time and not self._skipping:
            self.time = fields.get("datetime", "")
        if tag == "h1" and not self.headline and self._headline is None:
            self._headline = []
            self.headline_in = [serial for serial, _ in self._open]
        if tag == "script" and fields.get("type", "").lower() == "application/ld+json":
            self._script = []
        if tag == "title" and not self.title:
            self._in_title = True
        if tag == "a":
            self._links += 1
        if tag in VOID:
            if tag in BLOCKS:
                self._end_run()
            return
        if tag in SKIPPED or self._skipping:
            self._end_run()
            self._skipping.append(tag)
            return
        if tag in BLOCKS:
            self._end_run()
        if tag in CONTAINERS:
            self._open.append((len(self.elements), tag))
            self.elements.append(self._open[-1])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self._add_json_ld("".join(self._script))
            self._script = None
        if tag == "title":
            self._in_title = False
        if tag == "a" and self._links:
            self._links -= 1
        if tag == "h1" and self._headline is not None:
            self.headline = " ".join("".join(self._headline).split())
            self._headline = None
        if self._skipping:
            if tag in self._skipping:  # close up to the matching start, as browsers do
                while self._skipping.pop() != tag:
                    pass
            return
        if tag in BLOCKS:
            self._end_run()
        if any(name == tag for _, name in self._open):
            while self._open.pop()[1] != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        elif self._in_title:
            self.title = " ".join((self.title + data).split())
        else:
            if self._headline is not None and not self.headline:
                self._headline.append(data)
            if not self._skipping:
                self._run.append(data)
                if not self._links and not data.isspace():
                    self._run_unlinked = True

    def close(self) -> None:
        super().close()
        self._end_run()

    def _end_run(self) -> None:
        text = " ".join("".join(self._run).split())
        linked = not self._run_unlinked
        self._run, self._run_unlinked = [], False
        if text:
            self.runs.append((frozenset(serial for serial, _ in self._open), text, linked))

    def _add_json_ld(self, text: str) -> None:
        try:
            value = json.loads(text)
        except ValueError:
            return  # a site's broken data is no reason to lose its page
        self.json_ld.append(value)


def _story(values: list[object]) -> dict[str, object]:
    """The first NewsArticle (or Article...) among a page's JSON-LD objects, lists and graphs."""
    pending = list(values)
    while pending:
        value = pending.pop(0)
        if isinstance(value, list):
            pending[:0] = value
        elif isinstance(value, dict):
            kinds = value.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(kind in ARTICLE_TYPES for kind in kinds):
                return value
            if isinstance(value.get("@graph"), list):
                pending[:0] = value["@graph"]
    return {}


def _is_sentence(text: str) -> bool:
    return len(text) >= MIN_PARAGRAPH and text.endswith(SENTENCE_ENDS)


def _text_of_lines(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _names(value: object) -> list[str]:
    """The names of JSON-LD people or organizations: a name, an object with one, or a list."""
    items = value if isinstance(value, list) else [value]
    names = [_text(item.get("name") if isinstance(item, dict) else item) for item in items]
    return [name for name in names if name and "://" not in name]
