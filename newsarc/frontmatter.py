"""Pure: a text that opens with front matter -> the fields of a JSON article object.

Markdown clippers (Obsidian's Web Clipper, MarkDownload), static site generators (Jekyll, Hugo)
and Pandoc write an article's fields above its text: YAML between `---` lines, or TOML between
`+++` lines (Hugo). The result has the keys ingest reads from scrapers' JSON objects (`title`,
`body`, `published`, `authors`, `description`, `source`), so such a file is read the way such an
object is. An opening block that does not parse, or that states none of an article's fields
(title, time, writers), is not front matter: the file is read as text.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

YAML_FENCE = "---"
TOML_FENCE = "+++"
FENCES = (YAML_FENCE, TOML_FENCE)
# A fence has nothing else on its line; YAML may close with "..." (Pandoc).
OPENING = re.compile(r"(?P<fence>---|\+\+\+)[ \t]*\n")
CLOSING = {
    YAML_FENCE: re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M),
    TOML_FENCE: re.compile(r"^\+\+\+[ \t]*$", re.M),
}
MAX_FRONT_MATTER = 64 * 1024  # characters: a longer opening block is not an article's fields
# Field names, compared without case, best first. Neither `created` (when a clipper saved the
# page) nor `updated`/`lastmod` is a time of publication.
TITLE_KEYS = ("title", "headline")
PUBLISHED_KEYS = (
    "published", "date", "pubdate", "publishdate", "publish_date", "published_at",
    "date_published", "datepublished", "pub_date",
)  # fmt: skip
AUTHOR_KEYS = ("author", "authors", "byline", "creator", "creators")
DECK_KEYS = ("description", "subtitle", "summary", "excerpt", "abstract", "dek", "lede")
SITE_KEYS = ("site", "site_name", "sitename", "publisher", "publication", "outlet", "source")
MAX_AUTHORS = 50
# Obsidian's links ("[[Jane Doe]]", "[[people/Jane Doe|Jane Doe]]") and Markdown's ("[Jane
# Doe](https://...)"): the name they show.
WIKI_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]|]+)\]\]")
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
BY = re.compile(r"^by\s+", re.IGNORECASE)
URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)
# A Markdown heading that opens the body: the title printed again, or the title itself.
HEADING = re.compile(r"#{1,6}[ \t]+(?P<text>[^\n]*?)[ \t#]*$", re.M)
# MarkDownload puts the page's summary in a quote headed "Excerpt" over a rule.
EXCERPT = re.compile(r"\A>[ \t]*#{1,6}[ \t]*Excerpt[ \t]*\n(?P<quote>(?:>[^\n]*\n?)*)", re.I)
QUOTE_MARK = re.compile(r"^>[ \t]?", re.M)


def read(text: str) -> dict[str, Any] | None:
    """The article a text with front matter holds, as a JSON article object; None when the text
    opens with no front matter."""
    split = _split(text)
    if split is None:
        return None
    fields, body = split
    title = _first_text(fields, TITLE_KEYS)
    published = _first_text(fields, PUBLISHED_KEYS)
    authors = _authors(fields)
    if title is None and published is None and not authors:
        return None
    body = body.strip("\n")
    heading = HEADING.match(body)
    if heading and (title is None or heading.group("text").casefold() == title.casefold()):
        title = title or heading.group("text")
        body = body[heading.end() :].lstrip("\n")
    description = _first_text(fields, DECK_KEYS)
    if excerpt := EXCERPT.match(body):
        description = description or " ".join(QUOTE_MARK.sub("", excerpt.group("quote")).split())
        body = body[excerpt.end() :].lstrip("\n")
    record: dict[str, Any] = {"title": title, "body": body}
    if published:
        record["published"] = published
    if authors:
        record["authors"] = authors
    if description:
        record["description"] = description
    site = _first_text(fields, SITE_KEYS)
    if site and not URL.match(site):
        record["source"] = site
    return record


def _split(text: str) -> tuple[dict[str, Any], str] | None:
    """The fields of the opening block, by lower-case name, and the text after it."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    opening = OPENING.match(text)
    if opening is None:
        return None
    fence, start = opening.group("fence"), opening.end()
    closing = CLOSING[fence].search(text, start, start + MAX_FRONT_MATTER)
    if closing is None:
        return None
    fields = _parsed(fence, text[start : closing.start()])
    if not isinstance(fields, dict):
        return None
    end = text.find("\n", closing.end())
    body = "" if end == -1 else text[end + 1 :]
    return {str(name).casefold(): value for name, value in fields.items()}, body


def _parsed(fence: str, block: str) -> object:
    """The block as YAML or TOML; None when it is neither."""
    if fence == TOML_FENCE:
        import tomllib

        try:
            return tomllib.loads(block)  # line ends made "\n" by `_split`
        except (tomllib.TOMLDecodeError, RecursionError):
            return None
    import yaml  # here, not at import time: only files with front matter need it

    # Every value as the text it was written as ("2024-05-17" stays text, "no" stays "no"),
    # and no object built from tags.
    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    try:
        return yaml.load(block, Loader=loader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None


def _first_text(fields: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        if text := _text(fields.get(name)):
            return text
    return None


def _text(value: object) -> str | None:
    """A field's value as one line of text: TOML's dates as ISO 8601, a list's first item."""
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, date):
        value = value.isoformat()
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _authors(fields: dict[str, Any]) -> list[str]:
    """The writers named, as text: a name, a list of them, or objects that name them."""
    for name in AUTHOR_KEYS:
        value = fields.get(name)
        values = value if isinstance(value, list) else [value]
        names = []
        for one in values[:MAX_AUTHORS]:
            if isinstance(one, dict):
                one = one.get("name")
            if isinstance(one, list):  # "author: [[Jane Doe]]" unquoted, a list in a list
                one = one[0] if len(one) == 1 else None
            if (text := _text(one)) and (shown := _shown_name(text)):
                names.append(shown)
        if names:
            return names
    return []


def _shown_name(text: str) -> str:
    text = WIKI_LINK.sub(r"\1", text)
    text = MARKDOWN_LINK.sub(r"\1", text)
    return BY.sub("", text.strip(" \"'")).strip()
