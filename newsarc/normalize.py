"""Pure: the text of one article -> an Article record (headline, deck, credit, dateline, body).

Three shapes are read: scraped pages (chrome, a labelled timestamp, headline, deck, credit line,
the headline again, body), agency wire copy (headline, byline, a lead opening with a dateline such
as ``MOSCOW (AP) —``) and title-first plain text (title, blank line, body).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from newsarc.dates import FOREIGN_DAYS, FOREIGN_MONTHS, parse_published
from newsarc.errors import NotAnArticle
from newsarc.models import Article

# News agencies by canonical name, with the spellings found in credit lines and datelines.
AGENCIES: dict[str, tuple[str, ...]] = {
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters"),
    "UNB": ("UNB", "United News of Bangladesh"),
    "BSS": ("BSS", "Bangladesh Sangbad Sangstha"),
    "AA": ("AA", "Anadolu", "Anadolu Agency"),
    "Xinhua": ("Xinhua", "XINHUA", "新华社"),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS",),
    "ANI": ("ANI",),
    "APP": ("APP", "Associated Press of Pakistan"),
    "dpa": ("dpa", "DPA"),
    "EFE": ("EFE",),
    "KNA": ("KNA",),
    "epd": ("epd",),
    "dapd": ("dapd",),
    "ANSA": ("ANSA",),
    "Kyodo": ("Kyodo", "KYODO"),
    "Yonhap": ("Yonhap", "YONHAP"),
    "TASS": ("TASS", "Tass", "ТАСС"),
    "Interfax": ("Interfax", "Интерфакс"),
    "Bernama": ("Bernama", "BERNAMA"),
    "Antara": ("Antara",),
    "UPI": ("UPI", "United Press International"),
    "Bloomberg": ("Bloomberg",),
    "RIA Novosti": ("RIA Novosti", "RIA", "РИА Новости"),
    # The wires of press releases
    "PR Newswire": ("PR Newswire", "PRNewswire"),
    "Business Wire": ("Business Wire", "BUSINESS WIRE"),
    "GlobeNewswire": ("GlobeNewswire", "GLOBE NEWSWIRE"),
    "Europa Press": ("Europa Press", "EUROPA PRESS"),
    "Sputnik": ("Sputnik", "SPUTNIK"),
    "WAM": ("WAM", "Emirates News Agency"),
    "SPA": ("SPA", "Saudi Press Agency"),
    "KUNA": ("KUNA", "Kuwait News Agency"),
    "QNA": ("QNA", "Qatar News Agency"),
    "SANA": ("SANA",),
    "IRNA": ("IRNA",),
    "MENA": ("MENA",),
    "Petra": ("Petra",),
    "Lusa": ("Lusa", "LUSA"),
    "Belga": ("Belga", "BELGA"),
    "Jiji": ("Jiji", "Jiji Press", "JIJI"),
    "AAP": ("AAP", "Australian Associated Press"),
    "The Canadian Press": ("The Canadian Press", "Canadian Press"),
    "Ukrinform": ("Ukrinform",),
    "Prensa Latina": ("Prensa Latina",),
    "Keystone-SDA": ("Keystone-SDA", "Keystone-ATS"),
}
AGENCY_BY_SPELLING = {
    spelling: name for name, spellings in AGENCIES.items() for spelling in spellings
}
AGENCY_BY_FOLDED_SPELLING = {
    spelling.casefold(): name for spelling, name in AGENCY_BY_SPELLING.items()
}

# A picture library's credit alone on its line, as pages print it over a picture's caption:
# "Getty Images" / "Flood water covered roads in Pontypridd on Sunday" (BBC). Not an agency
# alone ("Reuters", "AFP"), which credits the story as often as a picture.
PICTURE_CREDITS = frozenset(
    (
        "getty images", "afp via getty images", "epa", "epa-efe", "pa media", "pa wire",
        "shutterstock", "alamy", "alamy stock photo", "istock", "bloomberg via getty images",
        # and BBC's label over a caption: "Image caption," / "Flood water covered roads ..."
        "image caption,", "media caption,",
    )
)  # fmt: skip

LONGEST_PICTURE_CREDIT = max(map(len, PICTURE_CREDITS)) + 2  # with decoration: "| Getty Images"

# Whole lines of site furniture, compared case-insensitively after trimming punctuation.
CHROME_LINES = frozenset(
    line.casefold()
    for line in (
        "logo", "advertisement", "advertisment", "ad", "sponsored", "share", "share this",
        "share this article", "share on facebook", "share on twitter", "tweet", "facebook",
        "twitter", "x", "whatsapp", "linkedin", "telegram", "messenger", "email", "e-mail",
        "print", "print this", "menu", "home", "search", "close", "skip to content",
        "skip to main content", "follow us", "follow us on google news", "google news",
        "subscribe", "sign in", "log in", "login", "register", "read more", "related",
        "related news", "related articles", "more news", "latest news", "top news", "comments",
        "font size", "a+ a-", "a- a+", "listen", "save", "copy link", "e-paper", "epaper",
        "file photo", "collected image", "collected", "representational image",
        "photo: collected", "back to top", "scroll to top", "next", "previous", "skip links",
        "skip navigation", "skip to navigation", "live", "click here to share on social media",
        "share via", "share article", "bookmark", "gift this article", "listen to this article",
        "navigation menu", "main menu", "toggle navigation", "share full article", "video",
        "enlarge this image", "hide caption", "toggle caption", "sign up here",
        "read this news in brief form", "full article", "full story", "related topics",
        "democracy dies in darkness",  # The Washington Post's motto over the headline
        *PICTURE_CREDITS,
    )
)  # fmt: skip
LONGEST_CHROME_LINE = max(map(len, CHROME_LINES))
MAX_BAR_CREDIT_WORDS = 4  # words of a credit after a bar: "| — New Age"
# A link back to the site's front page, after the site's name: "The Guardian - Back to home".
HOME_LINKS = frozenset(("back to home", "back to homepage", "go to homepage", "homepage"))
HOME_LINK_ENDS = ("home", "Home", "HOME", "page", "Page", "PAGE")
MAX_SITE_AND_HOME_LINK = 80
SITE_SEPARATOR = re.compile(r"\s+[-–—|]\s+")
# Headings of the links or tags a page lists under the story: the body ends at one of them
# when nothing but short lines that are not sentences follows it.
FOOTER_HEADINGS = frozenset(
    (
        "explore more on these topics", "related topics", "topics", "tags", "more on this story",
        "related", "related news", "related articles", "related stories", "related coverage",
        "more news", "more stories", "latest news", "read more", "also read", "read next",
        "you may also like", "recommended", "most read", "most popular",
    )
)  # fmt: skip
LONGEST_FOOTER_HEADING = max(map(len, FOOTER_HEADINGS)) + 2  # with decoration: "Tags:"
CHROME_DECORATION = " .:|-–—•»>"  # around a chrome line: "Share »", "| Print |"
CHROME_COUNT = " 0123456789"  # a count beside a button: "12 Comments", "Share2"
# Section names a site prints above the headline, alone ("World news") or as a trail of them
# ("Home » World » Europe", or another mark between them): dropped there, when a headline
# follows.
SECTION_LABELS = frozenset(
    (
        "home", "news", "latest", "world", "world news", "national", "international", "local",
        "local news", "politics", "business", "economy", "markets", "finance", "opinion",
        "editorial", "analysis", "comment", "sport", "sports", "entertainment", "culture",
        "arts", "lifestyle", "health", "science", "technology", "tech", "environment",
        "climate", "education", "travel", "asia", "south asia", "europe", "africa", "americas",
        "middle east", "uk", "uk news", "us", "us news", "breaking news", "exclusive",
        "all news", "north korea", "sports news", "nation", "u.s.", "metro", "money", "life",
        "weather", "elections", "crime",
    )
)  # fmt: skip
SECTION_TRAIL = re.compile(r"\s*[›»>/|]\s*")
LONGEST_SECTION_LABEL = max(map(len, SECTION_LABELS))
# A section's name before the time, as on one line: "All News 09:12 March 14, 2024"
BEFORE_NUMBER = re.compile(r"^(?P<words>[^\W\d][\w'’-]*(?: [^\W\d][\w'’-]*){0,2}) (?=\d)")
ONE_WORD = re.compile(r"[^\W\d_][\w'’-]{0,24}")  # a section's name that no list holds: "Italy"
# or a kicker of a few words over the headline, as The Guardian prints it: "UK economy"
KICKER = re.compile(r"[^\W\d_][\w'’-]{0,24}(?:(?: | / | › | » | > )[\w'’-]{1,24}){0,2}")
MIN_HEADLINE_UNDER_KICKER = 4  # spaces: five words or more
MAX_KICKER_SPACES = 4  # "China / Diplomacy / Trade"
MAX_SECTION_WORDS = 3  # in a section of a trail after a known one: "Israel-Palestine conflict"
# Who edited the page, as Xinhua prints it under the source: "Editor: huaxia"
EDITOR_LINE = re.compile(
    r"^(?i:editor|edited by|responsible editor|责任编辑)\s*[:：]\s*[\w .,'’-]{1,60}$"
)
# The page's address, in the header a scraper writes: "URL: https://...", "https://..."
URL_LINE = re.compile(
    r"^(?:(?i:url|link|source url|canonical(?: url)?|permalink)\s*:\s*)?(?:https?://|www\.)\S+$"
)
# A source named by a database's field: "SOURCE: Reuters", "Source: The Guardian". An agency
# among its names is one of the article's agencies, and a time after a bar is a timestamp.
SOURCE_LABEL = re.compile(
    r"^(?i:source|sources|agency|publication|newspaper|quelle|fuente|fonte|来源)\s*[:：]\s*"
    r"(?P<value>.{1,80})$"
)
SOURCE_WORDS = ("quelle", "source", "fuente", "fonte")  # the labels of a source after a time
SOURCE_AFTER = re.compile(rf"\s+(?=(?i:{'|'.join(SOURCE_WORDS)})\s*:)")
# Fields a database or a site states beside the story, kept in the original only: "SECTION:
# NEWS; Pg. 3", "LENGTH: 412 words", "LANGUAGE: ENGLISH", "Tags: snow, schools".
METADATA_LINE = re.compile(
    r"^(?i:section|length|language|load-date|load date|publication-type|publication type"
    r"|document-type|document type|type|category|categories|tags|keywords|subject|topics"
    r"|journal-code|word count|graphic|topic|newspaper section)\s*:\s*\S.{0,100}$"
)
MAX_METADATA_LINE = 120
# What marks a headline in text from a Markdown file or a database's fields: "# Title",
# "TITLE: Title", "Headline: Title".
HEADLINE_MARK = re.compile(r"^(?:#{1,6}\s+|(?i:title|headline|heading)\s*:\s*)(?=\S)")
RULE_CHARACTERS = "=*_~#· "  # a line of nothing else is a rule: "=====", "* * *"
LETTERS = re.compile(r"[^\W\d_]+")
DIGIT = re.compile(r"\d")
# Lines a page prints around the story, each tried at the start of every line of every body:
# one pattern for the three kinds, as one match costs what each of three did (~0.2 us a line).
CHROME_PATTERN = re.compile(
    # A picture's credit: "Photo: Reuters", "File photo:", and a short one labelled "Credit":
    # "Credit: Reuters", "Credit...Ben Smith for The New York Times"
    r"^(?:(?:photo|file photo|photo credit|image|picture)\s*:"
    r"|credit\s*(?::|\.\.\.|…)\s*\S.{0,80}$"
    # or in parentheses: "(Photo: Oleh Syniehubov/Telegram)"
    r"|\((?:photo|file photo|photo credit|image|picture)\s*:[^()]{1,100}\)$"
    # or labelled as BBC's pages label it: "Image source, Getty Images", "Image caption, Rescue
    # teams helped residents in Monmouth"
    r"|(?:image|media|video) (?:source|caption)\s*,\s*\S.{0,250}$"
    # A site's or an agency's notice, on a line of its own: "Copyright 2024 The Associated
    # Press. All rights reserved.", "© 2026 Dhaka Tribune", "Our Standards: The Thomson Reuters
    # Trust Principles." A syndicated feed's disclaimer: "(This story has not been edited by our
    # staff and is auto-generated from a syndicated feed.)"; an agency's: "This report by The
    # Canadian Press was first published March 6, 2024." After a copyright sign, a picture's or
    # an agency's name before the year, or none: "© Jane Doe, AFP", "Copyright © ANTARA 2026".
    # The story's translator and editor: "Translator: Jane Doe".
    r"|(?:copyright\s*)?©\s*(?:©\s*)?(?:\d{4}\b|[^\W\d][\w .,'’/&-]{1,60}$)"
    r"|(?:copyright|\(c\))\s*\d{4}\b|all rights reserved\b"
    r"|(?:translator|translated by|editor|责任编辑)\s*[:：]\s*[^\W\d][\w .,'’-]{1,60}$"
    r"|our standards: the thomson reuters trust principles|\(?this story has not been edited\b"
    # A wire reporter's address and telephone under the story: "((jane.doe@thomsonreuters.com;
    # +44 20 7542 0000))"
    r"|\(\([^()\s]+@[^()]{1,150}\)\)$"
    # A wire desk's note to editors: "REPEAT FROM LATE FRIDAY", "(ATTN: CHANGES headline, ...)"
    r"|\(?(?:repeat(?:ed)?(?: from [a-z ]{1,30})?|attn:[^()]{1,200})\)?$"
    r"|this (?:report|story|article) by [\w .]{2,40} was first published\b"
    # A paper's note of the print edition: "Published in Dawn, December 3rd, 2026"
    r"|published in [^,\n]{2,60}(?:,[^,\n]{1,40}){1,3}\d{4}\.?$"
    # The time a story takes to read: "5 min read", "3 mins to read", "Reading time: 4 minutes",
    # "Temps de lecture 2 min.", "Lesezeit: 3 Min."; or to listen to: "Listen to this article ·
    # 6:12 min Learn more"
    r"|(?:\d+\s*(?:min|mins|minutes?)(?:\s+(?:to\s+)?read)?"
    r"|(?:reading time|temps de lecture|lesezeit|tiempo de lectura):?\s*\d+\s*min\w*\.?)$"
    r"|listen to this (?:article|story)\W+\d{1,2}:\d\d\s*min\b.{0,20}$"
    # A link to another story, or a call to act, between the paragraphs: "Read more: How
    # other cities cut traffic", "RELATED: Bus fares frozen", "Story continues below
    # advertisement", "Sign up for our free daily newsletter", "Follow us on Twitter"
    r"|(?:read more|also read|read also|related|see also)\s*:\s*\S.{0,150}$"
    r"|(?:story|article) continues (?:below|after)(?: (?:this )?(?:advertisement|ad))?$"
    r"|advertisement\s*[-–—:]\s*(?:scroll|continue reading|story continues)\b.{0,40}$"
    r"|continue reading (?:below|the (?:main )?story)$"
    r"|(?:sign up|subscribe)\b.{0,80}\bnewsletters?\b.{0,60}$"
    r"|follow (?:us|[\w.'’ ]{1,40}) on (?:twitter|x|facebook|instagram|whatsapp|telegram"
    r"|linkedin|youtube|tiktok|threads|google news)\b.{0,80}$"
    r"|click here\b.{0,120}$"
    # A time the page's script fills in, saved before it ran: "Updated [hour]:[minute] [AM]:[PM]
    # [timezone], [monthFull] [day], [year]"
    r"|(?:(?:updated|published|posted)\s+)?\[(?:hour|minute|day|month\w*|year|date|time\w*)\]"
    r"(?:[\s:,]*\[[a-z]+\]){2,}$)",
    re.I,
)
# "2 hours ago", "an hour ago", "Just now", "2h": when a page was seen, which no date can be read
# from.
RELATIVE_TIMESTAMP = re.compile(
    r"^(?:(?:\d+|an?|one)\s+(?:second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago"
    r"|just now|\d{1,2}\s?[hmd])$",
    re.I,
)
# A caption under a picture ends with its credit: "Barrister Farzana Sharmin Putul. Photo: BSS",
# "Core inflation was 3.3 per cent in December. ST PHOTO: GAVIN FOO", "Poet Al Mahmud- File
# Photo", "| New Age photo"; or the credit is alone: "Collected photo", "File Photo".
MAX_CAPTION = 250
CAPTION = re.compile(
    r"^(?:.{0,200}(?:[.,|/]|\s?[-–—])\s*(?-i:(?:[A-Z][\w'’]*\s){0,3})"
    r"|(?:collected|courtesy|handout|representational)\s|(?=file))"
    r"(file photo|photo|photograph|image|collected)(\s*:\s*[\w .,/&-]{1,40})?\.?$",
    re.I,
)
# A Reuters picture's caption ends with its photographer's credit, and its page's link after
# it: "Oil barrels are seen ... October 26, 2026. REUTERS/Dado Ruvic/Illustration/File Photo
# Purchase Licensing Rights, opens new tab". In capitals only: "a Reuters/Ipsos poll showed".
WIRE_CAPTION = re.compile(
    r"\bREUTERS/[\w .'’-]{1,60}(?:/[\w .'’-]{1,40}){0,3}?"
    r"(?:\s*Purchase Licensing Rights(?:, opens new tab)?)?$"
)

# Labels of timestamp lines, best first: "updated" only stands in when nothing else is given.
_TIMESTAMP_LABELS = (
    r"post(?:ed)? time|posted(?: at| on)?|published(?: at| on)?|publish(?:ed)? time"
    r"|publish|first published(?: on| at)?|print publish|issued(?: on| at)?|date(?:line)?|time"
    r"|publication[- ]date"
    r"|(?:last )?update[ds]?(?: at| on| time)?|(?:last )?modified(?: at| on)?"
    # in French, Spanish, Portuguese, Italian, German and Chinese
    r"|publié(?: le)?|publicado(?: el| em)?|pubblicato(?: il)?|veröffentlicht(?: am)?|发布时间"
    r"|mis à jour(?: le)?|modifié(?: le)?|actualizado(?: el)?|atualizado(?: em)?"
    r"|aggiornato(?: il)?|modifica(?:to)?(?: il)?|aktualisiert(?: am)?|stand|更新时间"
    # and Russian
    r"|опубликовано|дата публикации|обновлено|изменено"
)
CLOCK_FIRST = re.compile(r"\d{1,2}[:.]\d{2}(?!\d)")
TIMESTAMP_LABEL = re.compile(
    rf"^(?:[-–—]\s*)?(?:and\s+)?(?P<label>{_TIMESTAMP_LABELS})(?![^\W\d_])\s*[:：|/-]?\s*"
    r"(?P<value>.*\d.*)$",
    re.I,
)
# A label alone on its line, over the time it labels: "Updated on" / "March 3, 2024 at 4:10 PM"
LABEL_ALONE = re.compile(rf"(?:{_TIMESTAMP_LABELS})\s*[:：|-]?", re.I)
# which may end a short sentence alone over the time: "This content was published on"
LABEL_ENDING = re.compile(r"\b(?:published|posted|updated)(?: on| at)?\s*:?$", re.I)
MAX_LABEL_SENTENCE = 40
MAX_TIMESTAMP = 120  # characters of a labelled timestamp line
MAX_BARE_TIMESTAMP = 60  # characters of an unlabelled one
# The longest line a section's name before the time can make (case folding never shortens).
MAX_SECTION_AND_TIME = LONGEST_SECTION_LABEL + 1 + MAX_BARE_TIMESTAMP
# Labels of an update: a time under one of them stands in only when no other is given.
UPDATE_LABELS = (
    "updated", "update", "updates", "last", "modified", "mis à jour", "modifié", "actualizado",
    "atualizado", "aggiornato", "modifica", "aktualisiert", "更新", "обновлено", "изменено",
)  # fmt: skip
# Where a second timestamp starts on a line: "Published: 10:15 AM, Feb 10, 2026 | Updated:
# 11:00 AM", "Tue Feb 10, 2026 09:15 PM Last update on: Tue Feb 10, 2026 09:20 PM", "Publié le
# 10 mars 2025 à 14h32, modifié le 10 mars 2025 à 16h00".
LATER_TIMESTAMP = re.compile(
    # or glued to a zone or a number: "PM GMTUpdated 2 hours ago", "14:30Modified: 03/03/2024"
    r"(?<!last)(?:[\s|/·•,;(-]+|(?<=[A-Z]{2})|(?<=\d))"
    r"(?=(?:first published|published|posted|last updated?|updated?|modified|modifié"
    r"|mis à jour|actualizado|atualizado|aggiornato|modifica(?:to)?|aktualisiert|обновлено"
    r"|изменено)\b)",
    re.I,
)
# Asked first: it is faster.
LATER_TIMESTAMP_WORDS = (
    "publish", "posted", "update", "modified", "modifié", "mis à jour", "actualizado",
    "atualizado", "aggiornato", "modifica", "aktualisiert", "обновлено", "изменено",
)  # fmt: skip
# One to three capitalised words: "Scarborough", "SAN JUAN", "Va.", "New South Wales"
_CAPITALISED = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}"
_NAME_WORD = r"(?:[A-Z][\w.'’/-]*|and|with|de|van|von|der|al|bin|el|da|del|la|le|du)"
# "By Vladimir Isachenkov", "By JOHN LEICESTER and ANGELA CHARLTON, Associated Press",
# "By Jane Smith | Reuters", "By Jane Smith - Staff Writer", "By Jane Smith | jsmith@example.com",
# and in French, Spanish, German and Italian: "Par Jean Dupont", "Por Juan Pérez", "Von Hans
# Müller", "di Giulia Rossi" (under the headline only: "Von Miller Signs With Bills" is a
# headline)
_BYLINE_SEPARATOR = r"(?:,|\s[|·•–—-])"
BYLINE = re.compile(
    rf"^(?:By|BY|by|Written by|Reported by|Story by|Edited by|(?P<foreign>Par|Por|Von|Di|di)"
    r"|(?i:author|byline|by|writer|reporter|written by)\s*:)\s*"
    # what the writer does, before the name: "By business reporter Jane Smith" (ABC)
    r"(?:(?=[a-z])(?:[\w'’-]+,? ){0,5}?(?:reporter|correspondent|editor|writer) (?=[A-Z]))?"
    rf"(?P<name>{_NAME_WORD}(?:{_BYLINE_SEPARATOR}?\s+{_NAME_WORD}){{0,8}})"
    rf"(?: in (?P<place>{_CAPITALISED}))?"  # where the writer files from: "By Jane Doe in Kyiv"
    # and what the writer does: "By Jane Smith, Sky News correspondent"
    r"(?:,? (?:[\w'’-]+ ){0,4}?(?i:correspondent|editor|reporter|writer))?"
    r"(?:\s*[|,·•–—-]\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?$"  # and the writer's address
)
# The outlet a writer works for, after the name: "By JANE SMITH FOR MAILONLINE"
FOR_OUTLET = re.compile(
    r"\s+(?:for|FOR)\s+(?:the\s+|THE\s+)?[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3}$"
)
# How a line BYLINE matches starts (two letters, in lower case): a line that starts otherwise
# is not tried.
BYLINE_STARTS = frozenset(("by", "wr", "re", "st", "ed", "pa", "po", "vo", "di", "au"))
# An agency of several words at a byline's end after a space: "By JANE DOE Associated Press"
GLUED_AGENCY = re.compile(
    r" (" + "|".join(re.escape(name) for name in AGENCY_BY_SPELLING if " " in name) + r")$"
)
# An outlet named after the writers, as a byline prints it: "By Jane Smith Fox News", "By Jane
# Smith | ABC News". Not one of the writers.
GLUED_OUTLET = re.compile(r"(?:\s*[|,·•–—-]\s*|\s)[A-Z][\w&'’.-]*\sNews$")
# Names in a list, as credits and bylines give them: "AFP/Reuters", "AP, Reuters", "AFP & dpa",
# "Reuters and AP", "Jane Smith | Reuters", "Jane Smith - Staff Writer", "Euronews with AP"
NAME_LIST = re.compile(r"\s*(?:[/,&;|·•–—]|\s-\s|\b(?:and|with)\b)\s*")

_AGENCY_ALTERNATION = "|".join(
    re.escape(spelling) for spelling in sorted(AGENCY_BY_SPELLING, key=len, reverse=True)
)
# An outlet whose name is an agency's: "Agence France Presse -- English", "Reuters News".
AGENCY_OUTLET = re.compile(rf"(?:{_AGENCY_ALTERNATION})\b")
# What a wire service prints at a story's end, after its last sentence or alone: "(END)",
# "Enditem", "==Kyodo", "-- BERNAMA", "--IANS", "— Reuters", PTI's desk codes "PTI ABC XYZ",
# alone IANS's "abc/xyz" and a press release's wire's "SOURCE Acme Corp". Dropped from the last
# paragraph, and the last paragraph that is one; an agency named so is one of the article's.
MAX_END_MARK = 40  # characters at the end of the last paragraph that may be an end mark
END_MARK = re.compile(
    r"(?:^|(?<=[.!?\"”’)])\s+)(?:\(END\)|Enditem|==\s*Kyodo|PTI(?: [A-Z]{2,4}){2,6}"
    rf"|(?:--?|[—–])\s*(?P<agency>(?i:{_AGENCY_ALTERNATION}))(?:\s+[a-z]{{2,4}}(?:/[a-z]{{2,4}}){{1,3}})?"
    # and the time the wire sent it: "KUNA 021432 GMT Dec 26"
    rf"|(?:{_AGENCY_ALTERNATION}) \d{{6}} GMT(?: [A-Z][a-z]{{2}} \d{{2}})?)$"
    r"|^-*\s*ENDS?\s*-*$|^[a-z]{2,4}(?:/[a-z]{2,4}){1,3}$"
    r"|^SOURCE [A-Z][\w&.,' -]{1,32}$"
)
# A desk's sign-off under the story, its editors' initials and the agencies it drew on, as
# Deutsche Welle prints it, "jsi/rc (dpa, Reuters)", "mm (AFP, AP)", and Der Spiegel,
# "mrc/dpa/Reuters". Dropped; the agencies count.
DESK_SIGN_OFF = re.compile(
    rf"^[a-z]{{2,4}}(?:/[a-z]{{2,4}}){{0,3}}?(?:\s*\((?P<agencies>(?:{_AGENCY_ALTERNATION})"
    rf"(?:\s*,\s*(?:{_AGENCY_ALTERNATION}))*)\)|(?P<slashed>(?:/(?:{_AGENCY_ALTERNATION}))+))$"
)
_PLACE = r"[^\W\d][\w.'’ -]{0,40}?"
# "AFP, Moscow", "AFP/Reuters, Beirut", "UNB :", "Reuters - Washington", "Agencies :"; matched
# from the start of the line, or after an outlet that used them (OUTLET_WITH)
CREDIT = re.compile(
    rf"(?P<agencies>(?:{_AGENCY_ALTERNATION})(?:\s*(?:/|,|&|\band\b)\s*(?:{_AGENCY_ALTERNATION}))*"
    r"|(?i:agency|agencies|news agencies|wire services))"
    rf"(?:\s*[,-]\s*(?P<place>{_PLACE}))?\s*:?$"
)
# How a line CREDIT matches starts (two letters, in lower case): an agency's name or a word for
# agencies.
CREDIT_STARTS = frozenset(spelling[:2].lower() for spelling in AGENCY_BY_SPELLING) | {
    "ag",
    "ne",
    "wi",
}
# A place a database's field names: "DATELINE: BOSTON"
DATELINE_LABEL = re.compile(rf"^(?i:dateline)\s*:\s*(?P<place>{_PLACE})$")
# "Le Monde with AFP", "Le Monde avec AFP", "El País con EFE", "Der Spiegel mit dpa"
WITH_WORDS = ("with", "WITH", "avec", "con", "mit", "com")
SPACED_WITH_WORDS = tuple(f" {word} " for word in WITH_WORDS)
OUTLET_WITH = re.compile(rf"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){{0,3}} (?:{'|'.join(WITH_WORDS)}) ")
# Desk and correspondent credits: "Staff Correspondent", "Joypurhat Correspondent:", "Online Desk",
# "Star Online Report, Dhaka", "EB Desk", "The Hindu Bureau", "Prothom Alo English Desk",
# "Staff Correspondent, Dhaka (Monday, February 9, 2026)".
DESK_WORDS = (
    "staff|own|special|senior|diplomatic|district|sports|city|online|business|political|chief"
    "|news|star|tribune|web|digital|metro|court|crime|parliamentary|university|local|foreign"
    "|international|national|economic|entertainment|desk|bss|unb"
)
DESK_CREDIT = re.compile(
    rf"^(?P<byline>(?:(?:{DESK_WORDS}) )+(?:correspondent|reporter|desk|report|bureau)"
    r"|(?:the )?[A-Z][\w'’-]+(?: (?-i:[A-Z])[\w'’-]+){0,2}"
    r" (?:correspondent|desk|bureau|news service|news network)"
    r"|correspondent|reporter|newsroom)"
    rf"(?:\s*,\s*(?P<place>{_PLACE}))?(?:\s*\((?P<date>[^()]{{0,40}}\d[^()]{{0,40}})\))?\s*:?$",
    re.I,
)
# Words one of which every line DESK_CREDIT matches holds, in lower case.
DESK_CREDIT_WORDS = (
    "correspondent", "report", "desk", "bureau", "news service", "news network", "newsroom",
)  # fmt: skip
# An outlet's staff, maybe with the wires it drew on: "Guardian staff and agencies", "Al
# Jazeera Staff", "Staff and agencies", "Reuters staff"
STAFF_CREDIT = re.compile(
    r"(?:(?:The )?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2} )?(?i:staff)(?: writers?)?"
    rf"(?: (?:and|with|&) (?:agencies|news agencies|wires|{_AGENCY_ALTERNATION}))?"
)

_MONTH = (
    r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A month in English, or in French, Spanish or German after the day: "14 mars", "14 de marzo",
# "3. März"
_DAY_MONTH = rf"(?:{_MONTH}|(?i:{'|'.join(FOREIGN_MONTHS)})\.?)"
_DATELINE_DATE = (
    rf"(?P<date>(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?{_DAY_MONTH})"
    rf"(?:,?\s+(?:de\s+)?\d{{4}})?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# a day's name, whole or cut short, which no place is: "Tue 2 Dec 2026" is a time
_WEEKDAY_NAME = rf"(?:{_WEEKDAY}|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)"
# A region after a place in a wire's dateline: "Ontario", "Va.", "Bosnia and Herzegovina", "Isle
# of Man"; never the weekday that may come before the date ("TOKAI, Japan, Tuesday, Jan. 5 --").
_REGION = rf"(?!{_WEEKDAY}\b)[A-Z][\w.'’-]*(?: (?:and |of |the )?[A-Z][\w.'’-]*){{0,3}}"
_DASH = r"\s*(?:\.?[-–—:]+|\.(?=\s))\s*"  # also "(TASS). The", "(EFE).- The"
_PERSON = r"[A-Z][\w'’-]+(?: [A-Z][\w.'’-]+){1,3}"  # "Angela Giuffrida", "Jane E. Doe"
PERSON = re.compile(_PERSON)

# A caption's credit may name its photographer, with the agency or paper after a slash: "... into
# the night. | Jane Doe/AP", "(AP Photo/Evan Vucci, File)", "Illustration: Jane Doe/Axios". Alone
# on its line only from a picture library ("Jane Doe/AFP via Getty Images"), as a hard-wrapped
# line of a story may be a name and a slash ("Texas American Bank/Galleria.").
_PICTURE_SOURCE = (
    r"[A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,3}(?: via [A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,2})?"
)
PHOTOGRAPHER_CREDIT = re.compile(
    r"(?:(?P<alone>^)|\|\s*|(?i:photo(?:graph(?:er)?)?|picture|image|illustration)\s*:\s*"
    r"|(?:^|(?<=[.!?”\"])\s)\((?i:photo by )?(?P<paren>))"
    rf"(?!By\s){_PERSON}/(?P<source>{_PICTURE_SOURCE}(?:/{_PICTURE_SOURCE})*)"
    r"(?:, [Ff]ile)?(?(paren)\))$"
)
# A time and its writer on one line, as blogs print them: "Posted on December 2, 2026 by Jane Smith"
TIMES_BY = re.compile(rf"(?P<times>.{{4,{MAX_TIMESTAMP}}}?) by (?P<name>{_PERSON})$")
# A writer's name run into the times under it (Dawn): "Khaleeq Kiani Published June 15, 2024"
NAME_BEFORE_TIMES = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w.'’-]+){1,3}?)\s*[|,·•–—-]?\s+"
    r"(?=(?:First published|Published|Posted|Last updated|Updated)\b)"
)
MAX_ROLE = 60
# What a writer does, on the line under the name: "Zoe Kleinman" / "Technology editor" (BBC)
ROLE_LINE = re.compile(
    r"(?:[A-Z][\w'’-]*(?: [\w'’-]+){0,3} )?"
    r"(?i:editor|correspondent|reporter|writer|journalist|analyst|columnist|staff)"
    r"(?: @\w+)?"  # and the writer's handle: "News reporter @janesmith"
)
# and the two on one line: "Jane Smith, Senior Reporter"
NAME_AND_ROLE = re.compile(rf"{_PERSON},\s+(?:{ROLE_LINE.pattern})")
# or whom for, and where from: "Jane Doe" / "BBC News, Cardiff"; alone, under the byline, a
# credit: "ABC News"
OUTLET_LINE = re.compile(rf"(?:[A-Z][\w&'’.-]*\s){{1,3}}News(?:,\s*(?P<place>{_CAPITALISED}))?")
MAX_OUTLET_NAME = 30
MASTHEAD = re.compile(r"[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,3}")
MASTHEAD_WORDS = frozenset(
    (
        "today", "times", "post", "news", "herald", "tribune", "journal", "daily", "gazette",
        "mail", "telegraph", "chronicle", "express", "observer", "inquirer", "dispatch",
        "courier", "examiner", "bulletin", "register", "review", "record", "standard", "press",
        "independent", "network",
    )
)  # fmt: skip
ACRONYM = re.compile(r"[A-Z]{2,5}")
PLACE_LINE = re.compile(_CAPITALISED)
PLACE_IN_COUNTRY = re.compile(rf"{_CAPITALISED}, {_CAPITALISED}")  # "Beirut, Lebanon"
# Where the writer files from, under the byline: "Reporting from Kyiv, Ukraine", "Reporting from
# Jerusalem and Tel Aviv"; the first place named is the dateline.
REPORTING_FROM = re.compile(
    rf"^Reporting from (?P<place>{_CAPITALISED})(?: and {_CAPITALISED})?(?:, {_CAPITALISED})?$"
)
# A byline without "By", the writer and maybe where they write from, as some papers print it
# above the date: "Angela Giuffrida in Rome", "Angela Tan"; or with it: "By Jane Wanjiru in
# Nairobi". Read only when a timestamp line follows: it could be a short deck.
PLACED_BYLINE = re.compile(
    rf"^(?:By )?(?P<name>{_PERSON}(?: and {_PERSON})?)(?: in (?P<place>{_CAPITALISED}))?$"
)
# Between the parts of a header line: "Reuters | Published March 10, 2025", "TOI News Desk /
# TIMESOFINDIA.COM / Updated: Jul 10, 2025, 14:32 IST", "Jane Smith · CBC News · Posted: ..."
PART_SEPARATOR = re.compile(r"\s*\|\s*|\s+/\s+|\s+[·•]\s+")
MAX_SITE_NAME = 60
SITE_NAME = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?i:com|net|org|info|co\.uk|[a-z]{2})$")
# "(AFP)", "(BSS/AFP)", and an agency's service after its name: "(Reuters Breakingviews)"
_AGENCY_IN_PARENS = (
    rf"\((?P<agency>(?:{_AGENCY_ALTERNATION}|[A-Z]{{2,6}})(?:\s*/\s*(?:{_AGENCY_ALTERNATION}|[A-Z]{{2,6}}))*)"
    r"(?: [A-Z][a-z]+){0,2}\)"
)
MAX_DATELINE = 90  # characters; a longer match is a sentence, not a dateline
# Words in small letters within places' names: "Frankfurt am Main", "Dar es Salaam"
PLACE_SMALL_WORDS = frozenset((
    "a", "aan", "al", "am", "an", "and", "bei", "d", "da", "das", "de", "del", "della", "der",
    "des", "di", "do", "dos", "du", "e", "el", "en", "es", "im", "in", "la", "le", "les", "of",
    "on", "op", "sur", "ter", "the", "upon", "van", "von", "y", "zu", "zum", "zur",
))  # fmt: skip
# The leads of wire copy, most specific first, each with a test of the line's first
# MAX_DATELINE characters that every match passes: a line that fails it is not tried (the
# patterns backtrack through every place length first, and most lines lack the character).
DATELINES: tuple[tuple[re.Pattern[str], Callable[[str], object]], ...] = (
    # MOSCOW (AP) —  /  DHAKA, Feb 15, 2026 (BSS) -  /  Moscow (AFP) -  /  SAN JUAN, Puerto Rico (AP) —
    # MOSCOW. March 10 (Interfax) -  /  New Delhi [India], October 3 (ANI):  /  and, after a
    # date, no dash: Kochi, Jun 12 (PTI) The
    (
        re.compile(
            rf"^(?!{_MONTH}\s+\d)"
            rf"(?P<place>[^\W\d][\w.'’ -]{{0,40}}?(?:,\s*(?!{_MONTH}\s+\d)[^\W\d][\w.'’ -]{{0,30}}?)?)"
            rf"(?:\s*\[[^\W\d][\w.' -]{{0,30}}\])?(?:[,.]\s*{_DATELINE_DATE})?\s*{_AGENCY_IN_PARENS}"
            rf"(?:{_DASH}|(?(date)\s+(?=[A-Z\"“‘'])|(?!)))"
        ),
        lambda head: "(" in head,
    ),
    # Colombo, Dec. 2 (Daily Mirror) -  (after a date, a paper's own name where an agency's
    # stands; not an agency of the article's)
    (
        re.compile(
            rf"^(?P<place>{_CAPITALISED}),\s*{_DATELINE_DATE}\s*"
            rf"\((?P<outlet>[A-Z][\w.'’&]*(?: [A-Z][\w.'’&]*){{0,3}})\){_DASH}"
        ),
        lambda head: "(" in head and DIGIT.search(head),
    ),
    # Porto Alegre (Brazil) (AFP) -  (the region in parentheses too)
    (
        re.compile(
            rf"^(?P<place>{_CAPITALISED})\s*\([A-Z][a-z][\w.' -]{{0,30}}\)\s*{_AGENCY_IN_PARENS}{_DASH}"
        ),
        lambda head: head.count("(") > 1,
    ),
    # MOSCOW, March 10. /TASS/.  /  NEW YORK, March 10, 2025 /PRNewswire/ --
    (
        re.compile(
            rf"^(?P<place>{_CAPITALISED}),\s*{_DATELINE_DATE}\.?\s*/(?P<agency>{_AGENCY_ALTERNATION})/"
            rf"(?:{_DASH}|\s+)"
        ),
        lambda head: "/" in head,
    ),
    # Jan. 5 (UPI) --  (a date and no place)
    (
        re.compile(rf"^{_DATELINE_DATE}\s*{_AGENCY_IN_PARENS}{_DASH}"),
        lambda head: "(" in head,
    ),
    # (BSS)- Severe heat wave ...  /  (CNN)The council met ...
    (re.compile(rf"^{_AGENCY_IN_PARENS}(?:{_DASH}|(?=[A-Z]))"), lambda head: head.startswith("(")),
    # UNB, Khulna: Six fishermen were ...  /  UNB, Bagerhat:: A supporter ...
    (
        re.compile(rf"^(?P<agency>{_AGENCY_ALTERNATION})\s*,\s*(?P<place>{_CAPITALISED})\s*::?\s+"),
        lambda head: ":" in head,
    ),
    # SALVADOR, Feb 26 -  /  RICHMOND, Va. Feb 26 -  /  Scarborough, Ontario, Feb 26 -
    # (Reuters-21578 style: a place of capitalised words and a date without a year, no agency)
    # TOKYO, Feb. 7 Kyodo -  /  TOKYO, Dec. 2, Kyodo -  (an agency named after the date)
    # SARAJEVO, Bosnia and Herzegovina, Jan. 8 --  /  TOKAI, Japan, Tuesday, Jan. 5 --
    (
        re.compile(
            rf"^(?P<place>{_CAPITALISED}(?:,\s*{_REGION}){{0,2}}),?\s+(?:{_WEEKDAY},?\s+)?"
            rf"{_DATELINE_DATE}(?:,?\s+(?P<agency>{_AGENCY_ALTERNATION}))?\s*[-–—]+\s*"
        ),
        DIGIT.search,
    ),
    # Tehran, IRNA -  (an agency after the place, no date)
    (
        re.compile(
            rf"^(?P<place>{_CAPITALISED}),\s*(?P<agency>{_AGENCY_ALTERNATION})\s*[-–—]+\s*(?=\S)"
        ),
        lambda head: "," in head,
    ),
    # 新华社北京12月2日电  (Xinhua's Chinese dateline: the agency, the place, the date and "电",
    # "cabled")
    (
        re.compile(
            rf"^(?P<agency>{_AGENCY_ALTERNATION})(?P<place>[^\W\d_]{{2,8}}?)"
            r"(?P<date>\d{1,2}月\d{1,2}日)电\s*"
        ),
        lambda head: "电" in head,
    ),
    # МОСКВА, 2 дек — РИА Новости.  /  МОСКВА, 2 декабря. /ТАСС/.  (Russian wires)
    (
        re.compile(
            r"^(?P<place>[^\W\d_][^\W\d_-]*(?:[ -][^\W\d_]+){0,2}),\s*"
            r"(?P<date>\d{1,2}\s+[^\W\d_]{3,8})\.?\s*(?:[—–-]+\s*|/)"
            rf"(?P<agency>{_AGENCY_ALTERNATION})/?\.\s*"
        ),
        lambda head: not head[:1].isascii() and head[:1].isupper(),
    ),
    # Des Moines, Iowa CNN —  /  CNN Business —  (CNN's pages, the agency's parentheses gone)
    (
        re.compile(
            rf"^(?:(?P<place>{_CAPITALISED}(?:,\s*{_CAPITALISED}){{0,2}})\s+)?"
            r"(?P<agency>CNN)(?: Business)?\s*[—–]\s*"
        ),
        lambda head: "CNN" in head,
    ),
    # LONDON —  /  SAN JUAN, Puerto Rico —  /  GAZA CITY -- Officials  (an upper-case place,
    # maybe its region, and an en or em dash, or two spaced hyphens before prose, where plain
    # text stands in for one: Reuters' "U.S. SPOT PRODUCTS--MORNING" is a headline)
    (
        re.compile(
            r"^(?P<place>[A-Z][A-Z.'’ -]{2,40}?(?:,\s*[A-Z][\w.]+(?: [A-Z][\w.]+){0,2})?)"
            r"(?:\s*[—–]\s*|\s+--\s+(?=[^a-z\n]{0,6}[a-z]))"
        ),
        lambda head: "—" in head or "–" in head or "--" in head,
    ),
)

# A place in capitals before a colon or a spaced hyphen, as many papers open a story:
# "ISLAMABAD: Prime Minister ...", "SINGAPORE - Singapore's core ...". Read only when no other
# place is given, before prose (of its first MIN_LEAD_WORDS words, half in small letters: not a
# table's row or a heading), and never for a label that opens paragraphs the same way.
CAPITALS_LEAD = re.compile(
    r"^(?P<place>[^\W\d_](?:[^\W\d_]|[.'’-])+(?: [^\W\d_](?:[^\W\d_]|[.'’-])+){0,2})"
    r"(?::| -)\s+(?=[^\W\d_]|[\"“‘'])"
)
MIN_LEAD_WORDS = 15
# A place in mixed case before a spaced dash, as German papers open a story: "Berlin - Ein
# 28-Jähriger ...", "Beirut/Berlin - Es war ...", "Groß-Gerau/Duisburg - Der ...". One word, or
# several joined by slashes: "Roger Federer - ..." opens an English lead with a name. German
# prose capitalises its nouns, so a quarter of the first words in small letters is prose here.
MIXED_CASE_LEAD = re.compile(r"^(?P<place>[^\W\d_][\w'’-]*(?:/[^\W\d_][\w'’-]*){0,3}) [-–] ")
LEAD_QUOTES = "\"„“‘'"
LEAD_LABELS = frozenset(
    (
        "NOTE", "EDITOR'S NOTE", "EDITORS NOTE", "UPDATE", "UPDATED", "CORRECTION",
        "CLARIFICATION", "WARNING", "BREAKING", "BREAKING NEWS", "EXCLUSIVE", "ANALYSIS",
        "OPINION", "COMMENT", "EDITORIAL", "WATCH", "LISTEN", "READ", "ALSO READ", "SEE ALSO",
        "VIDEO", "PHOTO", "PHOTOS", "FILE", "LIVE", "FACTBOX", "EXPLAINER", "INSIGHT", "REVIEW",
        "INTERVIEW", "DISCLAIMER", "SPOILER", "SPOILERS", "ADVERTISEMENT", "SPONSORED", "SUMMARY",
        "HIGHLIGHTS", "BACKGROUND", "CONTEXT", "WHY IT MATTERS", "WHAT'S NEXT", "THE FACTS",
        "LANGUAGE", "SECTION", "BYLINE", "GRAPHIC", "LENGTH", "BODY", "HIGHLIGHT", "SOURCE",
        "DATELINE", "AFFIRMATIVE", "NEGATIVE", "QUESTION", "ANSWER", "UPSHOT", "BOTTOM LINE",
        "LIVE UPDATES", "UPDATES", "LATEST", "JUST IN", "DEVELOPING", "ALERT", "FLASH", "URGENT",
        "ADVISORY", "PROFILE", "OBITUARY", "FEATURE", "COMMENTARY", "SPECIAL REPORT", "FACT CHECK",
        # German papers' labels, as they open a paragraph the way a place does: "Kommentar - Die"
        "KOMMENTAR", "LEITARTIKEL", "ANALYSE", "HINTERGRUND", "MEINUNG", "GASTBEITRAG",
        "EXKLUSIV", "EILMELDUNG", "AKTUALISIERT",
    )
)  # fmt: skip
# A dateline alone on its line, nothing after it: "LONDON, Dec 17 (Reuters)". Only a known
# agency counts: a line such as "Phil Fear (WRU)" is a name in a list.
LONE_DATELINE = re.compile(
    rf"^(?P<place>{_CAPITALISED}(?:,\s*{_CAPITALISED}){{0,2}})(?:,\s*{_DATELINE_DATE})?"
    rf"\s*\((?P<agency>(?:{_AGENCY_ALTERNATION})(?:\s*/\s*(?:{_AGENCY_ALTERNATION}))*)\)\s*[.:]?$"
)
# A place and a full date alone on a line, before the lead: "Dhaka October 31, 2024:"
PLACE_AND_DATE = re.compile(
    rf"^(?!{_WEEKDAY_NAME}\b)(?P<place>{_CAPITALISED}),?\s+(?P<date>{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}})\s*:?$"
)
DATE_ENDS = frozenset(":0123456789")
# A place and a comma before a timestamp with its year: "Dhaka, Updated: June 12, 2022 09:15 PM";
# not a wire dateline before the lead ("JOHANNESBURG, April 7 - 1ST QTR TO MARCH 31").
PLACE_BEFORE_TIME = re.compile(rf"^(?P<place>{_CAPITALISED}),\s+")
YEAR_AHEAD = re.compile(r"\S.*\b(?:1[89]|20)\d\d\b")
# A place and the time with its year, between dashes, under the writer's name: "Madrid - 10 mar
# 2025 - 14:32 CET" (El País); not a headline of wire copy ("INT PARIS EURODEPOSITS - 2 - APR 07")
PLACE_AND_TIME = re.compile(rf"^(?P<place>{_CAPITALISED})\s+[-–—]\s+(?P<time>\d.*\b\d{{4}}\b.*)$")
# A writer's name and a colon on a line of its own over the lead, as Bangladeshi papers print
# it: "Reza Mahmud :", "S A Shofie,Sylhet:", "Prof. Dr. Md. Nazrul Islam Tamiji :"; not in
# capitals, as wire copy heads a table: "RUBBER TRADE ASSOCIATION CLOSING PRICES:".
COLON_BYLINE = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,5})"
    rf"(?:\s*,\s*(?P<place>{_CAPITALISED}))?\s*:$"
)
# Labels over a list or a box that COLON_BYLINE would take for a name: "Key Points:".
LABEL_WORDS = frozenset(
    (
        "key", "points", "highlights", "read", "more", "also", "related", "news", "photo",
        "photos", "video", "videos", "watch", "listen", "summary", "note", "update", "updates",
        "live", "breaking", "top", "stories", "story", "see", "share", "follow", "comments",
        "contents", "table", "brief", "glance", "what", "know", "facts", "timeline", "background",
        "exclusive", "interview", "fact", "check", "opinion", "analysis", "editorial",
        "explainer", "quiz", "poll",
    )
)  # fmt: skip
# A line of one to three words in capitals, "ANKARA", "THEMA DER WOCHE": a place or a label,
# never a deck.
CAPITALS_ONLY = re.compile(
    r"^[^\W\d_](?:[^\W\d_]|['’.-])+(?: [^\W\d_](?:[^\W\d_]|['’.-])+){0,2}$"
)  # and upper case: "BENGALURU", "SÃO PAULO", "BRASÍLIA"
# Words an unlabelled timestamp line may hold besides numbers.
DATE_WORD = re.compile(
    rf"(?i:{_MONTH}|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|[ap]m|at|on"
    r"|of|the|st|nd|rd|th|"
    + "|".join((*FOREIGN_MONTHS, *FOREIGN_DAYS))
    + r"|de|le|à|às|el|am|um|uhr|h"
    r"|年|月|日|時|时|点|分|秒|년|월|일|시|분|초|г|года|в"
    # and zones written out: "Eastern Standard Time"
    r"|eastern|central|mountain|pacific|standard|daylight|time|greenwich|mean|coordinated"
    r"|universal|british|summer|european)|[A-Z]{2,5}"
)
DOTTED_HALF_DAY = re.compile(r"\b([ap])\.m\.", re.I)  # "p.m."
STRAIGHT_QUOTES = str.maketrans("‘’‚‛“”„‟", "'" * 4 + '"' * 4)
MAX_HEADLINE = 300
MAX_DECK = 300
TERMINAL_PUNCTUATION = tuple('.!?"”’')
LONE_DASHES = frozenset(("-", "–", "—", "--"))
# Labels alone on their lines over what they label: "By" / "Jane Smith", "Source:" / "Reuters"
LABELS_OVER_VALUES = frozenset(("by", "by:", "source:"))
PROVIDER_LABELS = frozenset(("news provided by",))
DATELINE_ENDS = frozenset(":-–—")
WRAPPED_LINE = 100  # characters: no longer line was hard-wrapped
# Ends of a paragraph after which one in small letters is a paragraph of its own: a stop, or a
# colon over a list.
SENTENCE_GOES_ON_AFTER = (*TERMINAL_PUNCTUATION, ":")
# The start of a markup document: a saved web page or a database export in HTML, XML or SGML.
MARKUP = re.compile(r"\s*<(?:!doctype\b|html\b|\?xml\b|!--)", re.IGNORECASE)
BULLET = re.compile(r"^([-•*·▪]|\d{1,2}[.)])\s")
# Characters that change in clean_text: invisibles go, odd spaces become plain spaces, a tab
# becomes four spaces (it may be indentation).
CHARACTER_FIXES: dict[int, str | None] = (
    dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
    | dict.fromkeys(map(ord, "\u00a0\u1680\u202f\u205f\u3000"), " ")
    | dict.fromkeys(range(0x2000, 0x200B), " ")
    | {ord("\t"): "    "}
)
NEEDS_FIXES = re.compile("[" + "".join(map(chr, CHARACTER_FIXES)) + "]")
# UTF-8 read as Windows-1252 somewhere upstream (mojibake): "Ã©" for "é", "â" and two more
# characters for a euro sign or a curly quote (Nexis prints the closing quote "â€[TM]", and a
# dash "â€\"": its last byte, a curly double quote in Windows-1252, became a straight one, so
# an en dash cannot be told from an em dash; both are read as the em dash). Only the lead bytes
# of Latin-1 letters and of general punctuation are repaired, and only where the bytes make
# valid UTF-8 again.
# Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D have no character in Windows-1252: they come through
# as the C1 controls of the same number.
MOJIBAKE_BYTES = {
    (chr(byte) if byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([byte]).decode("cp1252")): byte
    for byte in range(0x80, 0xC0)
} | {"Â": 0xC2, "Ã": 0xC3, "â": 0xE2}
_CONTINUATION = re.escape("".join(MOJIBAKE_BYTES)[:0x40])
MOJIBAKE = re.compile(f'[ÂÃ][{_CONTINUATION}]|â(?:[{_CONTINUATION}]{{2}}|€\\[TM\\]|€")')
# Character references left in scraped text ("country&rsquo;s", "&quot;"): only complete ones,
# with their semicolon, so that "AT&T" and "R&D;" stay as written.
CHARACTER_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
SPACE_RUN = re.compile(r"(?<=\S) {2,}")  # inside a line: indentation is left alone
# Markdown, as scrapers that write it give articles: a picture ("![A flood](/f.jpg)") goes, a
# link ("[the report](https://...)") leaves its text, emphasis ("**LONDON (Reuters)** -",
# "*By Jane Doe*") its words, and a heading's marks ("## Background") go from inside the text.
MARKDOWN_PICTURE = re.compile(r"!\[[^\]\n]*\]\([^)\s]*\)")
MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?:|/|#|www\.)[^)\s]*\)")
MARKDOWN_EMPHASIS = re.compile(
    r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*|__(?=\S)([^_\n]+?)(?<=\S)__"
    r"|(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"
)
MARKDOWN_HEADING = re.compile(r"(?<=\n\n)#{2,6} (?=\S)")
# A quote's marks ("> \"The houses collapsed,\" one resident said.", and ">" alone on a line
# between its paragraphs), and the heading MarkDownload puts over the page's summary, which it
# quotes ("> ## Excerpt"). Not a mark run into the text (">>Source: IOL", ">ICC"), which some
# sites print.
MARKDOWN_QUOTE = re.compile(r"^>(?:[ \t]+|$)(?:#{1,6}[ \t]*Excerpt[ \t]*\n)?", re.M)
TRAILING_SPACE = re.compile(r" +$", re.M)
# Control characters clean_text drops: all but tab, line feed and carriage return.
CONTROL_CHARACTERS = "".join(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]))
CONTROL = re.compile(f"[{re.escape(CONTROL_CHARACTERS)}]")
CONTROL_BYTES = CONTROL_CHARACTERS.encode("ascii")
# ASCII bytes as 0 where str.split() splits (white space) and 1 elsewhere.
WORD_BYTES = bytes(0 if chr(byte).isspace() else 1 for byte in range(256))


def clean_text(text: str) -> str:
    """Line endings to LF, character references and mojibake decoded, Unicode NFC, odd spaces to
    plain ones, invisibles and controls out, Markdown's marks off links, emphasis and headings.

    Leading indentation is kept (it marks paragraphs in hard-wrapped wire copy), trailing
    space is not.
    """
    # Each step first asks a cheap question: most articles need few of them.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and MOJIBAKE.search(text):
        text = MOJIBAKE.sub(_unmangled, text)
    if "&" in text and CHARACTER_REFERENCE.search(text):
        text = CHARACTER_REFERENCE.sub(_referenced, text)
    if "\t" in text or (not text.isascii() and NEEDS_FIXES.search(text)):
        text = text.translate(CHARACTER_FIXES)
    if _has_controls(text):
        text = CONTROL.sub("", text)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # One character first: `in` finds one with memchr, two-character needles cost 20 times more.
    if "]" in text and "](" in text:
        text = MARKDOWN_LINK.sub(r"\1", MARKDOWN_PICTURE.sub("", text))
    if "*" in text or ("_" in text and "__" in text):
        text = MARKDOWN_EMPHASIS.sub(_emphasised, text)
    if ">" in text and (text[:1] == ">" or "\n>" in text):
        text = MARKDOWN_QUOTE.sub("", text)
    if "#" in text and "\n#" in text:
        text = MARKDOWN_HEADING.sub("", text)
    if "  " in text:
        text = SPACE_RUN.sub(" ", text)
    if " \n" in text or text.endswith(" "):
        text = TRAILING_SPACE.sub("", text)
    return text.strip("\n")


def _emphasised(match: re.Match[str]) -> str:
    return next(words for words in match.groups() if words is not None)


def _unmangled(match: re.Match[str]) -> str:
    mangled = match.group(0).replace("[TM]", "™").replace('"', "”")
    try:
        return bytes(map(MOJIBAKE_BYTES.__getitem__, mangled)).decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)


def _referenced(match: re.Match[str]) -> str:
    """The character a reference names; an unknown name is left as written."""
    return html.unescape(match.group(0))


def _has_controls(text: str) -> bool:
    if text.isascii():  # the common case: deleting bytes is several times faster than a regex
        raw = text.encode("ascii")
        return len(raw.translate(None, CONTROL_BYTES)) < len(raw)
    return CONTROL.search(text) is not None


@dataclass
class _Line:
    text: str  # trimmed, single-spaced
    indented: bool
    block: int  # index of the run of non-blank lines it belongs to


@dataclass
class _Header:
    headline: str | None = None
    deck: str | None = None
    byline: str | None = None
    agencies: list[str] = field(default_factory=list)
    place: str | None = None
    timestamps: list[tuple[str, str]] = field(default_factory=list)  # (label, value)

    def add_agencies(self, names: list[str]) -> None:
        self.agencies.extend(name for name in names if name not in self.agencies)

    def add_credit(self, agencies: list[str], place: str | None, date: str | None = None) -> None:
        """What a credit line or a dateline gives: agencies, a place (the first one counts) and
        the date, if it holds one."""
        self.add_agencies(agencies)
        self.place = self.place or place_name(place)
        if date:
            self.timestamps.append(("", date))


def normalize(text: str, *, dayfirst: bool | None = None) -> Article:
    """Read one article; raise NotAnArticle when the text holds no headline."""
    return normalize_cleaned(clean_text(text), dayfirst=dayfirst)


def normalize_cleaned(
    text: str, *, dayfirst: bool | None = None, headline_first: bool = False
) -> Article:
    """`normalize` for text that has been through clean_text already. `headline_first`: the
    first line is the headline, known from a database's own field, not to be guessed."""
    if MARKUP.match(text):
        raise NotAnArticle("a page of markup (HTML, XML or SGML), not article text")
    lines = _lines(text)
    if not lines:
        raise NotAnArticle("empty file: no text")
    header = _Header()
    body_start = _read_header(lines, header, headline_first)
    paragraphs = _paragraphs(lines[body_start:], header)
    place: str | None = None
    lead_agencies: list[str] = []
    lead_date: str | None = None
    # A database's export may open the text with a kicker in capitals ("THE NERVE CENTRE"):
    # a place alone is read from pages and files only.
    place_alone = (
        place_name(paragraphs.pop(0).rstrip(" :"))
        if not headline_first
        and len(paragraphs) > 1
        and header.place is None
        and _is_place_alone(
            paragraphs[0], paragraphs[1], header.byline is not None and bool(header.timestamps)
        )
        else None
    )
    if paragraphs:
        place_known = (header.place or place_alone) is not None
        lead, place, lead_agencies, lead_date = _read_lead(paragraphs[0], place_known)
        if place is None and not lead_agencies and _may_be_dateline_alone(paragraphs):
            # a dateline on a line of its own: "NEW DELHI:", "WASHINGTON (AP) —"
            joined = f"{paragraphs[0]} {paragraphs[1]}"
            read = _read_lead(joined, place_known)
            if (read[1] or read[2]) and len(read[0]) <= len(paragraphs[1]):
                paragraphs[:2] = [joined]
                lead, place, lead_agencies, lead_date = read
        paragraphs[0] = lead
        if not paragraphs[0]:
            paragraphs.pop(0)
    place = place or place_alone
    _strip_sign_off(paragraphs, header)
    paragraphs = _sentences_rejoined(paragraphs)
    header.add_agencies(lead_agencies)
    published, published_raw = _published(header.timestamps, lead_date, dayfirst)
    body = "\n\n".join(paragraphs)
    assert header.headline is not None
    return Article(
        headline=header.headline,
        deck=header.deck,
        byline=header.byline,
        agencies=header.agencies,
        dateline=place or header.place,
        published=published,
        published_raw=published_raw,
        body=body,
        word_count=word_count(body),
    )


def word_count(text: str) -> int:
    """len(text.split()) without making a string of every word (three times as fast).

    In ASCII text, from a byte of 1 for each non-space: a word starts at a 1 after a 0, or at a
    first byte of 1 (bytes.count finds each edge with memchr: 10 us a benchmark body against
    17 us for the bits of one large integer).
    """
    if not text.isascii():
        return len(text.split())
    marks = text.encode("ascii").translate(WORD_BYTES)
    return marks.count(b"\x00\x01") + (marks[:1] == b"\x01")


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    block, previous_blank = 0, True
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            if not previous_blank:
                block += 1
            previous_blank = True
            continue
        previous_blank = False
        lines.append(_Line(stripped, raw[:1] == " ", block))
    return lines


def _read_header(lines: list[_Line], header: _Header, headline_first: bool) -> int:
    """Fill the header from the top lines; return the index of the first body line."""
    index = 0
    if headline_first:
        header.headline, index = lines[0].text, 1
    while index < len(lines) and header.headline is None:
        line = lines[index]
        if (
            not _header_line(line.text, header)
            and not _is_home_link(line.text)
            and not _place_under_byline(lines, index, header)
        ):
            if _dateline_match(line.text) or len(line.text) > MAX_HEADLINE:
                raise NotAnArticle("no headline: the text starts with a body paragraph")
            if not _is_label_over_headline(lines, index):
                header.headline = HEADLINE_MARK.sub("", line.text, count=1)
        index += 1
    if header.headline is None:
        raise NotAnArticle("no headline: only site furniture or labels")
    headline_block = lines[index - 1].block
    while index < len(lines):
        line = lines[index]
        if _same_text(line.text, header.headline) or _header_line(line.text, header):
            index += 1
            continue
        rest = _after_headline(line.text, header.headline)
        if rest and _header_line(rest, header):
            index += 1
            continue
        if (
            line.text.casefold() in LABELS_OVER_VALUES
            and index + 1 < len(lines)
            and _header_line(f"{line.text} {lines[index + 1].text}", header)
        ):
            index += 2  # "By" / "Jane Smith", a page's elements a line each (Geo News)
            continue
        if line.text.casefold() in PROVIDER_LABELS and index + 1 < len(lines):
            index += 2  # "NEWS PROVIDED BY" / "Acme Corp": a press release's issuer
            continue
        if header.byline and _is_role_under_byline(lines, index, header.byline):
            header.byline = f"{header.byline}, {line.text}"  # "By Jane Smith" / "Politics Reporter"
            index += 1
            continue
        if header.byline is None and (named := _byline_and_role(lines, index)):
            header.byline = named
            index += 2
            continue
        if header.byline is None and (placed := _placed_byline(lines, index)):
            header.byline = placed.group("name")
            header.add_credit([], placed.group("place"))
            index += 1
            continue
        if _place_under_byline(lines, index, header) or _is_caption_under_credit(lines, index):
            index += 1
            continue
        if _label_over_time(lines, index, header):
            index += 2
            continue
        if header.deck is None and _is_deck(lines, index, headline_block, header):
            header.deck = line.text
            index += 1
            continue
        if header.deck is None and _is_two_line_deck(lines, index, header):
            header.deck = f"{line.text}\n{lines[index + 1].text}"
            index += 2
            continue
        if (
            header.deck is not None
            and _same_text(line.text, header.deck)
            and index + 1 < len(lines)
        ):
            index += 1
            continue
        break
    return index


def _is_section_label(text: str) -> bool:
    """A known section ("World news"), or a trail of short names that starts with one ("Home »
    World » Europe", "News | Israel-Palestine conflict")."""
    first, *rest = SECTION_TRAIL.split(text.strip(CHROME_DECORATION))
    return first.casefold() in SECTION_LABELS and all(
        part and part.count(" ") < MAX_SECTION_WORDS for part in rest
    )


def _is_label_over_headline(lines: list[_Line], index: int) -> bool:
    """Whether the line at index is a section's name above the headline: a known one ("World
    news") over a line that may be the headline, or any one word ("Italy") over two such lines,
    a headline and its deck, with a byline or a timestamp under them: a page has no second
    deck, so the word is not the headline. A kicker of a few words ("UK economy") is read so
    only over a longer headline: a short headline ("Fed holds rates") is the headline."""
    text, following = lines[index].text, lines[index + 1 :]
    if _is_section_label(text):
        return _may_be_headline(following)
    if text.count(" ") > MAX_KICKER_SPACES or KICKER.fullmatch(text) is None or len(following) < 3:
        return False
    if " " in text and (
        text.isupper()  # "OPEN HIGH LOW" heads a table
        or following[0].text.count(" ") < MIN_HEADLINE_UNDER_KICKER
        or _is_chrome(following[2].text)
    ):
        return False
    return (
        _may_be_headline(following)
        and len(following[1].text) <= MAX_DECK
        and not _header_line(following[1].text, _Header(headline=following[0].text))
        and (
            _header_line(following[2].text, _Header(headline=following[0].text))
            or _placed_byline(lines, index + 3) is not None
        )
    )


def _may_be_headline(following: list[_Line]) -> bool:
    """Whether the next line could be the headline (not a sentence), so that a section label
    above it can go."""
    if not following:
        return False
    text = following[0].text
    return len(text) <= MAX_HEADLINE and not text.endswith(".")


def _header_line(text: str, header: _Header) -> bool:
    """Record a chrome, timestamp, byline or credit line in the header; False for other text.

    Most lines asked are a headline, a deck or a paragraph, on which every pattern fails: each
    pattern is tried only on a line holding what all its matches hold (a digit, a colon, a first
    word), as a failing pattern costs ~1 us and a whole list of them most of a header's reading.
    Only a line as short as a header line is searched for a digit or a word: a paragraph fails
    most patterns at its first characters, sooner than it could be searched.
    """
    if _is_chrome(text):
        return True
    if text[0] in "•·" and (text := text.lstrip("•· ")):  # "•Updated 15:02" (Euronews)
        return _header_line(text, header)
    short = len(text) <= 2 * MAX_TIMESTAMP
    colon = ":" in text or "：" in text
    digit = DIGIT.search(text) is not None if short else True
    if ("://" in text or "www." in text) and URL_LINE.match(text):
        return True
    if colon and EDITOR_LINE.match(text):
        return True
    sourced = _times_and_source(text) if colon and digit and _may_hold(text, SOURCE_WORDS) else None
    if sourced:
        header.timestamps.extend(sourced[0])
        _read_source(sourced[1], header)
        return True
    timed = TIMES_BY.match(text) if digit and " by " in text else None
    if timed and (stamps := _timestamps(timed.group("times"))):
        header.timestamps.extend(stamps)  # "Posted on December 2, 2026 by Jane Smith"
        header.byline = header.byline or timed.group("name")
        return True
    if digit and (stamps := _timestamps(text)):
        header.timestamps.extend(stamps)
        return True
    if digit and header.byline is None and (named := _byline_before_times(text)):
        header.byline = named[0]
        header.timestamps.extend(named[1])
        return True
    byline, stamps = _byline_and_times(text) if _may_start(text, BYLINE_STARTS) else (None, [])
    if byline and header.byline is None and (header.headline or not byline.group("foreign")):
        header.timestamps.extend(stamps)
        name = byline.group("name").strip(" ,")
        desk = DESK_CREDIT.match(name) if "," in name else None
        if desk and desk.group("place"):  # "By HT Correspondent, New Delhi"
            header.byline = desk.group("byline")
            header.add_credit([], desk.group("place"))
            return True
        header.byline, agencies = _writers_and_agencies(name)
        header.add_credit(agencies, byline.group("place"))
        return True
    if header.byline is None and short and "," in text and NAME_AND_ROLE.fullmatch(text):
        header.byline = text
        return True
    colon_byline = _colon_byline(text) if header.byline is None and text[-1:] == ":" else None
    if colon_byline:
        header.byline = colon_byline.group("name")
        header.add_credit([], colon_byline.group("place"))
        return True
    credit = CREDIT.match(text) if _may_start(text, CREDIT_STARTS) else None
    if (
        credit is None
        and short
        and _holds_a_with_word(text)
        and (outlet := OUTLET_WITH.match(text))
    ):
        credit = CREDIT.match(text, outlet.end())
    if credit:
        header.add_credit(_agency_names(credit.group("agencies")), credit.group("place"))
        return True
    if _is_metadata(text):
        return True
    if header.headline and "." in text and len(text) <= MAX_SITE_NAME and SITE_NAME.match(text):
        return True  # the site's name under the headline: "bdnews24.com"
    outlet = OUTLET_LINE.fullmatch(text) if short and header.headline and "News" in text else None
    if outlet:  # "ABC News" under the byline
        header.add_credit([], outlet.group("place"))
        return True
    if header.byline is not None and len(text) <= MAX_OUTLET_NAME and _is_masthead(text):
        return True  # the paper's name under the byline: "USA TODAY", "The Washington Post"
    if ":" in text and (dateline_label := DATELINE_LABEL.match(text)):
        header.add_credit([], dateline_label.group("place"))
        return True
    source = SOURCE_LABEL.match(text) if colon else None
    if source:
        _read_source(source.group("value"), header)
        return True
    reporting_from = REPORTING_FROM.match(text) if text.startswith("Reporting from ") else None
    if reporting_from:
        header.add_credit([], reporting_from.group("place"))
        return True
    desk = DESK_CREDIT.match(text) if not short or _may_hold(text, DESK_CREDIT_WORDS) else None
    if desk:
        header.byline = header.byline or desk.group("byline")
        header.add_credit([], desk.group("place"), desk.group("date"))
        return True
    if ("taff" in text or "TAFF" in text) and STAFF_CREDIT.fullmatch(text):
        header.byline = header.byline or text
        staff_of = agency_of(text)  # "Reuters staff"
        header.add_agencies([staff_of] if staff_of else [])
        header.add_agencies(_known_agencies(NAME_LIST.split(text)))
        return True
    place_and_date = PLACE_AND_DATE.match(text) if text[-1:] in DATE_ENDS else None
    if place_and_date:
        header.add_credit([], place_and_date.group("place"), place_and_date.group("date"))
        return True
    if header.headline and (place_and_time := _place_and_time(text)):
        header.add_credit([], place_and_time.group("place"), place_and_time.group("time"))
        return True
    dateline = LONE_DATELINE.match(text) if text.rstrip(".:").endswith(")") else None
    if dateline:
        header.add_credit(
            _agency_names(dateline.group("agency")), dateline.group("place"), dateline.group("date")
        )
        return True
    if (digit and _is_bare_timestamp(text)) or RELATIVE_TIMESTAMP.match(text):
        header.timestamps.append(("", text))
        return True
    placed = PLACE_BEFORE_TIME.match(text) if digit and "," in text else None
    if placed:
        after = text[placed.end() :]
        # The times first: they refuse a long line at once, where the year would be searched
        # for through a whole wire lead ("WASHINGTON, Jan 10, 2013 (dpa) - ...").
        if (stamps := _timestamps(after, bare_first=True)) and YEAR_AHEAD.match(after):
            header.add_credit([], placed.group("place"))
            header.timestamps.extend(stamps)
            return True
    section = BEFORE_NUMBER.match(text) if digit and len(text) <= MAX_SECTION_AND_TIME else None
    if section and section.group("words").casefold() in SECTION_LABELS:
        time = text[section.end() :]
        if _is_bare_timestamp(time):
            header.timestamps.append(("", time))
            return True
    return (
        short
        and ("|" in text or " / " in text or " · " in text or " • " in text)
        and _parted_line(text, header)
    )


def _byline_and_times(text: str) -> tuple[re.Match[str] | None, list[tuple[str, str]]]:
    """BYLINE's match of a line that may also name the outlet the writer works for ("By JANE
    SMITH FOR MAILONLINE") or run into the time ("by Jane Smith - 12/02/26 10:14 PM ET"), and
    that time."""
    if " for " in text or " FOR " in text:
        text = FOR_OUTLET.sub("", text)
    byline = BYLINE.match(text)
    if byline or " - " not in text or len(text) > 2 * MAX_TIMESTAMP:
        return byline, []
    name, _, times = text.partition(" - ")
    stamps = _timestamps(times) or ([("", times)] if _is_bare_timestamp(times) else [])
    return (BYLINE.match(name) if stamps else None), stamps


def _read_source(value: str, header: _Header) -> None:
    """What a labelled source names: agencies, and a time after a bar ("Source: Xinhua|
    2026-11-20 10:14:35|Editor: huaxia")."""
    header.add_agencies(_known_agencies(NAME_LIST.split(value)))
    after_bars = [part.strip() for part in value.split("|")[1:]]
    header.timestamps.extend(("", part) for part in after_bars if _is_bare_timestamp(part))


def _times_and_source(text: str) -> tuple[list[tuple[str, str]], str] | None:
    """The timestamps and the source's value of a line that gives both: "Aktualisiert am 2.
    Dezember 2026, 14:45 Uhr Quelle: ZEIT ONLINE, dpa, AFP"."""
    cut = SOURCE_AFTER.search(text, 1) if len(text) <= 2 * MAX_TIMESTAMP else None
    if cut is None:
        return None
    source = SOURCE_LABEL.match(text[cut.end() :])
    stamps = _timestamps(text[: cut.start()]) if source else None
    return (stamps, source.group("value")) if stamps and source else None


def _holds_a_with_word(text: str) -> bool:
    """Asked before OUTLET_WITH, as most lines name no outlet with an agency."""
    return any(word in text for word in SPACED_WITH_WORDS)


def _may_start(text: str, starts: frozenset[str]) -> bool:
    """Whether a pattern whose matches start with one of `starts` (two letters, in lower case)
    could match the text; exact for ASCII, as `_may_hold` is."""
    first = text[:2]
    return not first.isascii() or first.lower() in starts


def _may_hold(text: str, words: tuple[str, ...]) -> bool:
    """Whether a case-blind pattern could find one of `words` (in lower case) in the text: an
    ASCII text's lower case is exact, while other letters may match a pattern's ASCII ones
    that lower case does not give (the dotted capital İ its "i")."""
    if not text.isascii():
        return True
    lowered = text.lower()
    return any(word in lowered for word in words)


def _byline_before_times(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A writer's name run into the labelled times under it, as Dawn prints them: "Khaleeq
    Kiani Published June 15, 2024 Updated June 15, 2024 11:58pm"."""
    name = NAME_BEFORE_TIMES.match(text) if len(text) <= 2 * MAX_TIMESTAMP else None
    stamps = _timestamps(text[name.end() :]) if name else None
    return (name.group("name"), stamps) if name and stamps else None


def _place_and_time(text: str) -> re.Match[str] | None:
    dashed = "-" in text or "–" in text or "—" in text
    match = PLACE_AND_TIME.match(text) if dashed else None
    return match if match and _is_bare_timestamp(match.group("time")) else None


def _is_home_link(text: str) -> bool:
    """A link to the site's front page, maybe after the site's name: "The Guardian - Back to
    home". Asked of the lines above the headline only: pages print it there."""
    return (
        len(text) <= MAX_SITE_AND_HOME_LINK
        and text.endswith(HOME_LINK_ENDS)
        and SITE_SEPARATOR.split(text)[-1].casefold() in HOME_LINKS
    )


def _colon_byline(text: str) -> re.Match[str] | None:
    """A writer's name with a colon, not a label or a heading in capitals."""
    match = COLON_BYLINE.match(text)
    if match is None or text.isupper():
        return None
    return None if _holds_a_label_word(match.group("name")) else match


def _holds_a_label_word(text: str) -> bool:
    return not LABEL_WORDS.isdisjoint(word.strip(".").casefold() for word in text.split())


def _parted_line(text: str, header: _Header) -> bool:
    """A line of header parts between bars or slashes, a timestamp or an agency among them:
    "Reuters | Published March 10, 2025", "AFP | Paris", "Jane Doe | 10.03.2025 - Update :
    10.03.2025", "New Delhi | Updated: March 10, 2025" (under a byline)."""
    parts = PART_SEPARATOR.split(text.strip(" |"))
    if len(parts) < 2 or len(text) > 2 * MAX_TIMESTAMP:
        return False
    found = _Header(headline=header.headline)
    for part in parts:
        if _header_line(part, found) or SITE_NAME.match(part):
            continue
        if ACRONYM.fullmatch(part) and header.byline is None and found.byline is None:
            found.byline = part  # a paper's news service: "TNN | Updated: May 30, 2024"
            continue
        credited = found.agencies or header.byline is not None
        if credited and found.place is None and _is_place_word(part):
            found.place = part  # where the story was filed: "AFP | Paris", "Mumbai | Updated: ..."
            continue
        if PERSON.fullmatch(part):  # a writer, or a place under the writer's byline
            if header.byline is None and found.byline is None:
                found.byline = part
            elif found.place is None:
                found.place = part
            else:
                return False
            continue
        return False
    if not (found.timestamps or found.agencies):  # names alone: a list, not a header line
        return False
    header.byline = header.byline or found.byline
    header.add_credit(found.agencies, found.place)
    header.timestamps.extend(found.timestamps)
    return True


def _is_place_word(text: str) -> bool:
    """One word in capitals or with a capital that may name a place: "Paris", not "Updated"."""
    return (
        text[:1].isupper()
        and ONE_WORD.fullmatch(text) is not None
        and LABEL_ALONE.fullmatch(text) is None
        and text.casefold() not in SECTION_LABELS
    )


def _after_headline(text: str, headline: str) -> str | None:
    """What follows the headline on a line that starts with it, when a scraper ran the headline
    printed again and the credit line under it together: "Oil jumps 2% LONDON, Dec 17 (Reuters)"."""
    end = len(headline)
    if len(text) <= end + 1 or text[end] != " " or not _same_text(text[:end], headline):
        return None
    return text[end:].strip(" -–—|:")


def _timestamps(text: str, bare_first: bool = False) -> list[tuple[str, str]] | None:
    """The (label, value) of each timestamp a line holds, when it holds nothing else: one
    labelled ("Updated: 6 March 2020"), or several, the first of them maybe unlabelled; with
    `bare_first`, also one unlabelled."""
    if len(text) > 2 * MAX_TIMESTAMP:
        return None
    lowered = text.lower()
    if any(word in lowered for word in LATER_TIMESTAMP_WORDS) and (
        cuts := list(LATER_TIMESTAMP.finditer(text, 1))
    ):
        starts = [0, *(cut.end() for cut in cuts)]
        ends = [*(cut.start() for cut in cuts), len(text)]
        pieces = [_unbracketed(text[start:end]) for start, end in zip(starts, ends, strict=True)]
        stamps = [stamp for i, piece in enumerate(pieces) if (stamp := _timestamp(piece, i == 0))]
        if len(stamps) == len(cuts) + 1:
            return stamps
    stamp = _timestamp(text, bare_first)  # "Published: 6 March 2020, updated daily"
    return [stamp] if stamp else None


def _unbracketed(piece: str) -> str:
    """A later timestamp given in brackets without its opening one, which the cut took: "2
    dicembre 2026 (modifica il 2 dicembre 2026 | 21:40)"."""
    return piece[:-1] if piece.endswith(")") and "(" not in piece else piece


def _timestamp(text: str, bare: bool) -> tuple[str, str] | None:
    labelled = TIMESTAMP_LABEL.match(text)
    if labelled and len(text) <= MAX_TIMESTAMP and _reads_as_time(labelled.group("value")):
        return labelled.group("label").casefold(), labelled.group("value")
    return ("", text) if bare and _is_bare_timestamp(text) else None


def _reads_as_time(value: str) -> bool:
    """What follows a timestamp's label is a time unless it reads as words: "UPDATE 2-German
    factory orders fall" is a wire headline, where "Updated 2 hours ago", "27 Brumaire an VIII",
    "6 March 2020, 10:15 AM Dhaka time" and an editor's note that opens with a clock, "updates
    8:53p ET -- tweaks lede", are times."""
    words = [word for word in LETTERS.findall(value) if not DATE_WORD.fullmatch(word)]
    return (
        len(words) < 3
        or CLOCK_FIRST.match(value) is not None
        or RELATIVE_TIMESTAMP.match(value.strip()) is not None
        or parse_published(value) is not None
    )


def _is_timestamp_line(text: str) -> bool:
    """A line of timestamps, labelled or not."""
    return bool(_timestamps(text)) or _is_bare_timestamp(text)


def _is_bare_timestamp(text: str) -> bool:
    """An unlabelled line made only of date words, numbers and zones: 'Sun Feb 15, 2026 12:06 AM',
    'March 14, 2024 at 2:30 p.m. EDT'."""
    if len(text) > MAX_BARE_TIMESTAMP:
        return False
    words = text if ".m." not in text else DOTTED_HALF_DAY.sub(r"\1m", text)
    return (
        all(DATE_WORD.fullmatch(word) for word in LETTERS.findall(words))
        and parse_published(text) is not None
    )


def _is_chrome(text: str) -> bool:
    # Case folding never shortens text, so a longer line cannot be one of CHROME_LINES: most
    # lines are paragraphs, and folding each of them would cost more than all the rest.
    bare = text.strip(CHROME_DECORATION)
    return (
        (len(bare) <= LONGEST_CHROME_LINE and bare.strip(CHROME_COUNT).casefold() in CHROME_LINES)
        or not bare.strip(RULE_CHARACTERS)
        or CHROME_PATTERN.match(text) is not None
        or (text[:1] == "|" and _is_bar_credit(bare))
        or (
            len(text) <= MAX_CAPTION
            and (
                (_names_a_picture(text) and _is_caption_line(text))
                or ("/" in text and _ends_with_photographer(text))
            )
        )
    )


def _ends_with_photographer(text: str) -> bool:
    """A caption or credit that ends with a photographer's name and source ("| Jane Doe/AP");
    not a table's heading in capitals ("CBT KILO GOLD VOLUME/OPEN INTEREST")."""
    credit = PHOTOGRAPHER_CREDIT.search(text)
    if credit is None or text.isupper():
        return False
    source = credit.group("source")
    return credit.group("alone") is None or " via " in source or _is_picture_credit(source)


def _is_bar_credit(bare: str) -> bool:
    """A picture's credit after a bar, with no word of "photo": "| — New Age". Not a row of a
    table, whose cells a bar parts."""
    return "|" not in bare and len(bare.split()) <= MAX_BAR_CREDIT_WORDS


def _is_furniture(text: str) -> bool:
    """Chrome, or a field a database states beside the story."""
    return _is_chrome(text) or _is_metadata(text)


def _is_metadata(text: str) -> bool:
    """A field a database or a site states beside the story ("LANGUAGE: ENGLISH"); the colon
    is asked first, as most lines hold none."""
    return ":" in text and len(text) <= MAX_METADATA_LINE and METADATA_LINE.match(text) is not None


def _is_caption_line(text: str) -> bool:
    return CAPTION.match(text) is not None or (
        "REUTERS/" in text and WIRE_CAPTION.search(text) is not None
    )


def _names_a_picture(text: str) -> bool:
    """Whether a line holds a word every caption credit holds, tested before the CAPTION pattern
    (which backtracks through the line): "mage", not "image", as the pattern's case-blind "i"
    also matches U+0130 and U+0131 (dotted capital, dotless small), which fold to other letters.
    """
    folded = text.casefold()
    return "photo" in folded or "mage" in folded or "collected" in folded or "reuters/" in folded


def _is_deck(lines: list[_Line], index: int, headline_block: int, header: _Header) -> bool:
    """A deck is one short line right under the headline, followed by header lines or the body.

    In the headline's own block it must end that block or be followed by credit or timestamp
    lines; alone in a block of its own it must be followed by header lines (credit, byline, the
    headline again) or a wire lead, or it is more likely the first paragraph.
    """
    line = lines[index]
    if len(line.text) > MAX_DECK or _dateline_match(line.text) or _in_capitals_only(line.text):
        return False
    following = lines[index + 1 :]
    if not following:
        return False
    next_line = following[0]
    after = next(
        (i for i in range(index + 1, len(lines)) if not _is_furniture(lines[i].text)), None
    )
    if after is None:  # nothing but chrome after it: the line is the body
        return False
    substantive = lines[after]
    followed_by_header = (
        _header_line(substantive.text, _Header(headline=header.headline))
        or _same_text(substantive.text, header.headline or "")
        or _placed_byline(lines, after) is not None
    )
    if followed_by_header and all(
        _is_furniture(lines[i].text) for i in range(after + 1, len(lines))
    ):
        return False  # one header line and nothing more ("Source: Reuters"): it is the body
    # or by a wire lead, which opens the story: "PARIS (AFP) - Le gouvernement a ..."
    followed_by_header = followed_by_header or _dateline_match(substantive.text) is not None
    if line.block == headline_block:
        if next_line.block == line.block:
            return followed_by_header
        return followed_by_header or not line.text.endswith(TERMINAL_PUNCTUATION)
    alone = next_line.block != line.block and (index == 0 or lines[index - 1].block != line.block)
    return alone and followed_by_header


def _is_two_line_deck(lines: list[_Line], index: int, header: _Header) -> bool:
    """Two short lines of one block under the headline with a byline or a timestamp under them,
    as a page prints two points of its summary ("Legislature approves bill", "The law targets
    treason and theft of state secrets", "Natalie Wong", "Published: 19 Mar 2024")."""
    if index + 3 >= len(lines):
        return False
    first, second, under = lines[index : index + 3]
    scratch = _Header(headline=header.headline)
    return (
        first.block == second.block != under.block
        and all(
            len(line.text) <= MAX_DECK
            and not line.text.isupper()  # figures and codes of a table, not prose
            and not _dateline_match(line.text)
            and not _header_line(line.text, scratch)
            for line in (first, second)
        )
        and (_header_line(under.text, scratch) or _placed_byline(lines, index + 2) is not None)
    )


def _placed_byline(lines: list[_Line], index: int) -> re.Match[str] | None:
    """A byline such as "Angela Giuffrida in Rome" or "Angela Tan" on the line at index, with a
    timestamp line under it, or under the agency's name ("Tetsushi Kajimoto", "Reuters", a time).
    """
    text = lines[index].text
    match = PLACED_BYLINE.match(text)
    if match is None:
        return None
    under = [line.text for line in lines[index + 1 : index + 3]]
    if under and text.isupper() and _place_and_time(under[0]):
        return match  # "MIGUEL GONZÁLEZ" over "Madrid - 10 mar 2025 - 14:32 CET"
    if len(under) == 2 and text.isupper() and _is_place_over_timestamp(*under):
        return match  # "JANE SMITH" over "OTTAWA" over "PUBLISHED DECEMBER 2, 2026"
    if len(under) == 2 and PLACE_IN_COUNTRY.fullmatch(under[0]) and _is_timestamp_line(under[1]):
        return match  # "Jane Smith" over "Beirut, Lebanon" over "Tue, 12/02/2026 - 14:30"
    if match.group("place") is None and (
        text.isupper() or text.casefold() in SECTION_LABELS or text.upper() in LEAD_LABELS
    ):
        return None  # "SIX AND TWELVE" over a table, "Live Updates": labels, not writers
    if under and (
        CREDIT.match(under[0]) or _is_outlet_name(under[0]) or ROLE_LINE.fullmatch(under[0])
    ):
        under.pop(0)  # "Reuters", "USA TODAY", "Political Correspondent" over the time
    if under and (_is_timestamp_line(under[0]) or _place_and_time(under[0])):
        return match
    return None


def _is_place_over_timestamp(text: str, under: str) -> bool:
    return text.isupper() and PLACE_LINE.fullmatch(text) is not None and _is_timestamp_line(under)


def _is_masthead(text: str) -> bool:
    """A paper's name: a few capitalised words, one of a masthead's ("USA TODAY", "The Daily
    Star"); not a place's ("OTTAWA")."""
    return MASTHEAD.fullmatch(text) is not None and any(
        word.casefold().rstrip("0123456789") in MASTHEAD_WORDS for word in text.split()
    )


def _is_outlet_name(text: str) -> bool:
    """A paper's or a channel's name alone: in capitals ("USA TODAY", "CNN"), ending with "News"
    ("CBC News") or holding a masthead's word ("News24")."""
    return len(text) <= MAX_OUTLET_NAME and (
        (text.isupper() and PLACE_LINE.fullmatch(text) is not None)
        or ("News" in text and OUTLET_LINE.fullmatch(text) is not None)
        or _is_masthead(text)
    )


def _is_role_under_byline(lines: list[_Line], index: int, byline: str) -> bool:
    text = lines[index].text
    return (
        index > 0
        and byline in lines[index - 1].text
        and len(text) <= MAX_ROLE
        and ROLE_LINE.fullmatch(text) is not None
    )


def _byline_and_role(lines: list[_Line], index: int) -> str | None:
    """ "Zoe Kleinman, Technology editor" from a name over what the writer does."""
    if index + 1 >= len(lines):
        return None
    role = lines[index + 1].text
    if len(role) > MAX_ROLE or not (ROLE_LINE.fullmatch(role) or OUTLET_LINE.fullmatch(role)):
        return None
    name = PLACED_BYLINE.match(lines[index].text)
    if name is None or name.group("place") or lines[index].text.isupper():
        return None
    return f"{name.group('name')}, {role}"


def _is_caption_under_credit(lines: list[_Line], index: int) -> bool:
    """A picture's caption under its credit ("Getty Images" / "Flood water covered roads in
    Pontypridd on Sunday")."""
    return (
        index > 0 and _is_picture_credit(lines[index - 1].text) and _is_caption(lines[index].text)
    )


def _is_picture_credit(text: str) -> bool:
    return _is_one_of(text, PICTURE_CREDITS, LONGEST_PICTURE_CREDIT)


def _is_caption(text: str) -> bool:
    return _is_phrase(text, MAX_CAPTION)


def _place_under_byline(lines: list[_Line], index: int, header: _Header) -> bool:
    """Record a place alone on its line under the byline or a credit and over a timestamp
    ("Prothom Alo English Desk", "Dhaka", "Published: 14 Mar 2024"; "DAILY SABAH WITH AA",
    "ISTANBUL", "DEC 02, 2026 - 3:20 PM GMT+3"): not a headline or a deck."""
    if header.place is not None or index + 1 >= len(lines):
        return False
    text, under = lines[index].text, lines[index + 1].text
    credited = header.byline is not None or bool(header.agencies)
    if not credited and not _is_place_over_labelled_time(text, under):
        return False
    if not (PLACE_LINE.fullmatch(text) or PLACE_IN_COUNTRY.fullmatch(text)):
        return False
    if not _is_timestamp_line(under):
        return False
    header.place = place_name(text)
    return True


def _is_place_over_labelled_time(text: str, under: str) -> bool:
    """With no credit above it, a place in capitals over a labelled time only: "MADRID" over
    "Actualizado Miércoles, 2 diciembre 2026 - 14:32"; not a table's heading over its rows
    ("SIX AND TWELVE" over "DMK 3-7/8 3/4, FOUR 3-7/8")."""
    if not _in_capitals_only(text) or _is_label_section_or_agency(text):
        return False
    stamps = _timestamps(under)
    return stamps is not None and stamps[0][0] != ""


def _label_over_time(lines: list[_Line], index: int, header: _Header) -> bool:
    """Record a timestamp whose label stands alone on the line above it ("Updated on" over
    "March 3, 2024 at 4:10 PM GMT+1"), or ends a short sentence there ("This content was
    published on")."""
    if index + 1 >= len(lines):
        return False
    text = lines[index].text
    label = LABEL_ALONE.fullmatch(text) or (
        LABEL_ENDING.search(text) if len(text) <= MAX_LABEL_SENTENCE else None
    )
    if label is None:
        return False
    stamps = _timestamps(f"{label.group()} {lines[index + 1].text}")
    if not stamps or not _is_bare_timestamp(lines[index + 1].text):
        return False
    header.timestamps.extend(stamps)
    return True


def _same_text(a: str, b: str) -> bool:
    """Equal but for case, curly quotes and surrounding spaces and dots."""
    a, b = a.strip(" ."), b.strip(" .")
    # Case folding makes one to three characters of each, never a space or a dot: texts whose
    # lengths differ more than threefold cannot be equal, and a paragraph is rarely as short as
    # the headline it is compared with (9 paragraphs an article: 6.1 -> 3.5 us).
    if len(a) > 3 * len(b) or len(b) > 3 * len(a):
        return False
    if a.casefold() == b.casefold():
        return True
    # A title from a database's field and the same title in the text may differ in quotes.
    return (
        len(a) == len(b)
        and a.translate(STRAIGHT_QUOTES).casefold() == b.translate(STRAIGHT_QUOTES).casefold()
    )


def _paragraphs(lines: list[_Line], header: _Header) -> list[str]:
    """Join hard-wrapped lines into paragraphs; drop chrome and repeats of the headline.

    A block that holds a line longer than WRAPPED_LINE was not hard-wrapped: a paragraph ends
    there at a line that ends a sentence (text copied from a page, one paragraph a line).
    """
    paragraphs: list[str] = []
    current: list[str] = []
    previous_block = None
    unwrapped: set[int] | None = None  # made when first needed: most blocks are one paragraph
    listed = _link_lists(lines)
    caption_next = False  # under a picture's credit
    for position, line in enumerate(lines[: _footer_start(lines)]):
        if (
            len(line.text) <= 2
            and line.text in LONE_DASHES
            and _may_be_dateline(paragraphs, current)
        ):
            current.append(line.text)  # "Washington" / "CNN" / "—": a dateline, line by line
            continue
        if _is_chrome(line.text) or position in listed:
            caption_next = _is_picture_credit(line.text)
            continue
        if caption_next and _is_caption(line.text):
            caption_next = False
            continue
        caption_next = False
        new_paragraph = not current or (
            line.block != previous_block
            or line.indented
            or BULLET.match(line.text) is not None
            or len(current[-1]) > WRAPPED_LINE
            or len(line.text) > WRAPPED_LINE
        )
        if not new_paragraph and current[-1].endswith(TERMINAL_PUNCTUATION):
            if unwrapped is None:
                unwrapped = {one.block for one in lines if len(one.text) > WRAPPED_LINE}
            new_paragraph = line.block in unwrapped
        if new_paragraph and current:
            paragraphs.append(_join(current))
            current = []
        current.append(line.text)
        previous_block = line.block
    if current:
        paragraphs.append(_join(current))
    headline = header.headline or ""
    return [p for p in paragraphs if not _same_text(p, headline)]


def _may_be_dateline(paragraphs: list[str], current: list[str]) -> bool:
    """Whether the first lines of a story, not yet a paragraph, may be a dateline that a page
    printed line by line: short, and no sentence."""
    return (
        not paragraphs
        and bool(current)
        and sum(map(len, current)) <= MAX_DATELINE
        and not current[-1].endswith(TERMINAL_PUNCTUATION)
    )


def _sentences_rejoined(paragraphs: list[str]) -> list[str]:
    """Paragraphs that a blank line cut in mid-sentence joined again: one that ends without a
    stop before one that starts in small letters ("The heat wave is likely to" / "continue in
    different parts of the country"), as scrapers leave a page's wrapped lines or the gaps of
    links they dropped."""
    joined = paragraphs[:1]
    for paragraph in paragraphs[1:]:
        if paragraph[0].islower() and not joined[-1].endswith(SENTENCE_GOES_ON_AFTER):
            # a drop capital set apart ("G" / "ioca da sempre") is the word's first letter
            space = "" if len(joined[-1]) == 1 else " "
            joined[-1] = f"{joined[-1]}{space}{paragraph}"
        else:
            joined.append(paragraph)
    return joined


def _link_lists(lines: list[_Line]) -> set[int]:
    """The positions of the lists of links that a page prints between or under paragraphs: a
    footer heading ("Related Articles") and the short lines that are not sentences under it,
    in its block, or in the next block when the heading stands alone."""
    listed: set[int] = set()
    for position, line in enumerate(lines):
        if not _is_footer_heading(line.text):
            continue
        block = line.block
        following = position + 1
        if following < len(lines) and lines[following].block != block:
            block = lines[following].block  # "Related" alone, the links after a blank line
        end = following
        while end < len(lines) and lines[end].block == block:
            end += 1
        links = lines[following:end]
        if links and all(_is_link(link.text) for link in links):
            listed.update(range(position, end))
    return listed


def _is_footer_heading(text: str) -> bool:
    return _is_one_of(text, FOOTER_HEADINGS, LONGEST_FOOTER_HEADING)


def _is_link(text: str) -> bool:
    return _is_phrase(text, MAX_HEADLINE)


def _is_one_of(text: str, names: frozenset[str], longest: int) -> bool:
    """Whether a line, trimmed of its decoration, is one of `names` (folded), `longest`
    characters at most with it: "Related stories", "| Getty Images"."""
    return len(text) <= longest and text.strip(CHROME_DECORATION).casefold() in names


def _is_phrase(text: str, longest: int) -> bool:
    """A line that may be a link's words or a caption: short, and not a sentence."""
    return len(text) <= longest and not text.endswith(TERMINAL_PUNCTUATION)


def _footer_start(lines: list[_Line]) -> int:
    """The index of the first footer heading under which only short lines that are not
    sentences follow (links, tags); len(lines) when there is none. Read from the end: most
    stories end with a sentence, and one line is read."""
    start = len(lines)
    for position in range(len(lines) - 1, -1, -1):
        text = lines[position].text
        if _is_footer_heading(text):
            start = position
        elif not _is_link(text):
            break
    return start


def _join(lines: list[str]) -> str:
    joined = lines[0]
    for line in lines[1:]:
        if joined.endswith("-") and joined[-2:-1].isalpha():
            joined += line  # a word broken at the margin: "Moscow-\nbacked"
        else:
            joined += " " + line
    return joined


def _strip_sign_off(paragraphs: list[str], header: _Header) -> None:
    """Take a wire service's end mark off the last paragraph, then a source line that ends the
    story ("Source: Al Jazeera and news agencies") into the header, with the labelled times a
    page may print under the story ("Published: 02/05/2024 - 21:14"); a database's fields there
    ("LANGUAGE: ENGLISH") go."""
    while len(paragraphs) > 1:
        if _is_metadata(last := paragraphs[-1]):  # "LANGUAGE: ENGLISH" under the story
            paragraphs.pop()
            continue
        stamps = _timestamps(last) if len(last) <= MAX_TIMESTAMP else None
        if not stamps or not all(_is_bare_timestamp(value) for _, value in stamps):
            break  # "Posted prices were unchanged at 22 dlrs, it said."
        header.timestamps.extend(stamps)
        paragraphs.pop()
    last = paragraphs[-1] if len(paragraphs) > 1 else ""
    if last[:1].islower() and (sign_off := DESK_SIGN_OFF.match(last)):
        header.add_agencies(_agency_names(sign_off.group("agencies") or sign_off.group("slashed")))
        paragraphs.pop()
    while (
        paragraphs
        and _may_end_with_mark(paragraphs[-1])
        and (end := END_MARK.search(paragraphs[-1], max(0, len(paragraphs[-1]) - MAX_END_MARK)))
    ):
        if end.start() == 0 and len(paragraphs) == 1:
            break  # the whole text: "dlrs/bbl" is what the story says
        if end.group("agency"):
            header.add_agencies([AGENCY_BY_FOLDED_SPELLING[end.group("agency").casefold()]])
        paragraphs[-1] = paragraphs[-1][: end.start()]
        if not paragraphs[-1]:
            paragraphs.pop()
    if len(paragraphs) > 1 and SOURCE_LABEL.match(paragraphs[-1]):
        _header_line(paragraphs.pop(), header)


def _may_end_with_mark(paragraph: str) -> bool:
    """Asked before END_MARK: every end mark ends with a letter, a digit, a bracket or a dash,
    and most paragraphs with a stop."""
    final = paragraph[-1:]
    return final.isalnum() or final in ")-"


def _dateline_match(text: str) -> re.Match[str] | None:
    head = text[:MAX_DATELINE]
    for pattern, needs in DATELINES:
        if not needs(head):
            continue
        match = pattern.match(text)
        if match and len(match.group(0)) < MAX_DATELINE and _names_a_place(match):
            return match
    return None


def _names_a_place(match: re.Match[str]) -> bool:
    """Whether a dateline's place reads as one: not a label that opens a paragraph ("UPDATE
    — "), nor a sentence before an abbreviation in parentheses ("They called themselves Drink
    Or Die (DOD). They ..."): its words are capitalised but for the small words of places'
    names ("Rio de Janeiro", "Bosnia and Herzegovina")."""
    place = (match.groupdict().get("place") or "").strip()
    return place.upper() not in LEAD_LABELS and all(
        not word[0].islower() or word in PLACE_SMALL_WORDS  # capitalised, or in Chinese
        for word in place.replace(",", " ").split()
    )


def _is_place_alone(paragraph: str, lead: str, under_credit_and_time: bool) -> bool:
    """A place in capitals on a line of its own over a lead in prose ("BENGALURU", "ANKARA"),
    or in capitalised words with a colon ("New Delhi:", as NDTV prints it), or one capitalised
    word under the byline and the times ("Kathmandu", The Kathmandu Post); not a label
    ("UPDATE", "Key Points:"), a section ("WORLD"), an agency ("AFP") or a table's heading."""
    if under_credit_and_time and _is_place_word(paragraph):
        place, is_place = paragraph, True
    elif paragraph.endswith(":"):
        place = paragraph[:-1].rstrip()
        is_place = PLACE_LINE.fullmatch(place) is not None and not _holds_a_label_word(place)
    else:
        place, is_place = paragraph, _in_capitals_only(paragraph)
    return is_place and _reads_as_prose(lead) and not _is_label_section_or_agency(place)


def _in_capitals_only(text: str) -> bool:
    """One to three words of capital letters: "NEW DELHI", "BRASÍLIA"."""
    return text.isupper() and CAPITALS_ONLY.match(text) is not None


def _is_label_section_or_agency(text: str) -> bool:
    """Words that open a paragraph as a place does but name none: a label ("UPDATE"), a section
    ("World") or an agency ("AFP")."""
    folded = text.casefold()
    return (
        text.upper().replace("’", "'") in LEAD_LABELS
        or folded in SECTION_LABELS
        or folded in AGENCY_BY_FOLDED_SPELLING
    )


def _strip_place_lead(paragraph: str) -> tuple[str, str | None]:
    """Split "ISLAMABAD: Prime Minister ..." or "Berlin - Ein ..." into (rest, place), when the
    rest reads as prose."""
    if paragraph[:2].isupper():
        match = CAPITALS_LEAD.match(paragraph)
        place = match.group("place") if match else ""
        rest = paragraph[match.end() :] if match else ""
        if (
            not (place.isupper() and (rest[:1].isupper() or rest[:1] in LEAD_QUOTES))
            or place.replace("’", "'") in LEAD_LABELS
            or sum(map(str.isalpha, place)) < 3
            or not _reads_as_prose(rest)
        ):
            return paragraph, None
        return rest, place_name(place)
    match = MIXED_CASE_LEAD.match(paragraph) if " - " in paragraph or " – " in paragraph else None
    if match is None or not _is_mixed_case_place(match.group("place")):
        return paragraph, None
    rest = paragraph[match.end() :]
    if not (rest[:1].isupper() or rest[:1] in LEAD_QUOTES) or not _reads_as_prose(rest, 4):
        return paragraph, None
    return rest, match.group("place")


def _is_mixed_case_place(text: str) -> bool:
    """Places in capitalised words, not a label, a section or an agency ("Update", "Sport")."""
    capitalised = all(part[0].isupper() for part in text.split("/"))
    return capitalised and not _is_label_section_or_agency(text)


def _reads_as_prose(text: str, share: int = 2) -> bool:
    """Whether a `share`-th of the first MIN_LEAD_WORDS words are in small letters (half unless
    said): not a table's row or heading."""
    words = text.split(" ", MIN_LEAD_WORDS)[:MIN_LEAD_WORDS]
    return sum(word.isalpha() and word.islower() for word in words) >= MIN_LEAD_WORDS // share


def _strip_dateline(paragraph: str) -> tuple[str, str | None, list[str], str | None]:
    """Split a wire lead into (rest, place, agencies, date text)."""
    match = _dateline_match(paragraph)
    if match is None:
        return paragraph, None, [], None
    groups = match.groupdict()
    agencies = _agency_names(groups["agency"]) if groups.get("agency") else []
    rest, place, date = (
        paragraph[match.end() :],
        place_name(groups.get("place")),
        groups.get("date"),
    )
    if place is None and date is None:  # the agency first: "(ANSA) - ROMA, 10 MAR - Il ..."
        rest, place, more, date = _strip_dateline(rest)
        agencies += [name for name in more if name not in agencies]
    return rest, place, agencies, date


def _read_lead(paragraph: str, place_known: bool) -> tuple[str, str | None, list[str], str | None]:
    """Split the lead into (rest, place, agencies, date text): a wire dateline, or else, when
    the header gave no place, a place before a colon or a dash."""
    rest, place, agencies, date = _strip_dateline(paragraph)
    if place is None and not agencies and not place_known:
        rest, place = _strip_place_lead(rest)
    return rest, place, agencies, date


def _may_be_dateline_alone(paragraphs: list[str]) -> bool:
    """Whether the first paragraph may be a dateline alone, over the lead: short, and ending
    as datelines end, with a colon or a dash."""
    first = paragraphs[0]
    return len(paragraphs) > 1 and len(first) < MAX_DATELINE and first[-1] in DATELINE_ENDS


def _agency_names(text: str) -> list[str]:
    names = []
    for part in NAME_LIST.split(text.strip()):
        if part.casefold() in ("agency", "agencies", "news agencies", "wire services", ""):
            continue
        name = AGENCY_BY_SPELLING.get(part, part)
        if name not in names:
            names.append(name)
    return names


def _writers_and_agencies(byline: str) -> tuple[str | None, list[str]]:
    """A byline's writers and the agencies it credits: "Jane Smith | Reuters" -> ("Jane Smith",
    ["Reuters"]), "JANE DOE Associated Press" -> ("JANE DOE", ["AP"]), "Reuters" -> (None,
    ["Reuters"]); a desk that bears an agency's name, "Reuters Staff", stays as it is."""
    agencies = _known_agencies(NAME_LIST.split(byline))
    writers = byline
    while writers:
        separators = list(NAME_LIST.finditer(writers))
        last = separators[-1] if separators else None
        if writers[last.end() if last else 0 :] in AGENCY_BY_SPELLING:
            writers = writers[: last.start()] if last else ""
        elif glued := GLUED_AGENCY.search(writers):  # after a space, no separator
            writers = writers[: glued.start()]
            agencies.append(AGENCY_BY_SPELLING[glued.group(1)])
        elif writers.endswith("News") and (outlet := GLUED_OUTLET.search(writers)):
            writers = writers[: outlet.start()]
        else:
            break
    return writers.strip(" ,") or None, list(dict.fromkeys(agencies))


def _known_agencies(names: list[str]) -> list[str]:
    """The agencies among names, by their canonical names; other names are left out."""
    return [AGENCY_BY_SPELLING[name] for name in names if name in AGENCY_BY_SPELLING]


def agency_of(outlet: str | None) -> str | None:
    """The agency an outlet is, when its name is one: "Agence France Presse -- English" -> "AFP"."""
    match = AGENCY_OUTLET.match(outlet or "")
    return AGENCY_BY_SPELLING[match.group(0)] if match else None


def writer_and_place(byline: str) -> tuple[str, str | None]:
    """A stated byline's writers and the place it names, if any: "Jane Doe in Rotterdam" ->
    ("Jane Doe", "Rotterdam"), as the Guardian credits a correspondent; others as they are."""
    match = PLACED_BYLINE.match(byline)
    if match is None or match.group("place") is None:
        return byline, None
    return match.group("name"), place_name(match.group("place"))


# Upper-case abbreviations that stay upper-case in a place name.
PLACE_ABBREVIATIONS = frozenset({"US", "USA", "UK", "UAE", "UN", "EU", "DC", "DRC"})


def place_name(text: str | None) -> str | None:
    """'MOSCOW' -> 'Moscow', 'WASHINGTON, D.C.' -> 'Washington, D.C.', 'SPRINGFIELD, NJ' ->
    'Springfield, NJ'; mixed case is kept."""
    text = (text or "").strip(" ,-:")
    if text.endswith(".") and "." not in text[:-1].split(" ")[-1]:
        text = text[:-1]  # a sentence stop, not the end of an abbreviation such as "D.C."
    if not text:
        return None
    if "," not in text:
        return _title_case(text)
    first, *rest = re.split(r"\s*,\s*", text)
    # a region's two-letter code after the place stays: "SPRINGFIELD, NJ" -> "Springfield, NJ"
    return ", ".join(
        [_title_case(first), *(part if len(part) == 2 else _title_case(part) for part in rest)]
    )


def _title_case(part: str) -> str:
    if not part.isupper():
        return part
    return re.sub(
        r"[^\W\d_]+",
        lambda m: m.group(0) if m.group(0) in PLACE_ABBREVIATIONS else m.group(0).capitalize(),
        part,
    )


def _published(
    timestamps: list[tuple[str, str]], lead_date: str | None, dayfirst: bool | None
) -> tuple[str | None, str | None]:
    """The best timestamp: published before updated, then a dated lead; raw text always kept."""
    ordered = sorted(timestamps, key=lambda item: item[0].startswith(UPDATE_LABELS))
    candidates = [value for _, value in ordered] + ([lead_date] if lead_date else [])
    for raw in candidates:
        value = parse_published(raw, dayfirst=dayfirst)
        if value is not None:
            return value, raw
    return None, candidates[0] if candidates else None
