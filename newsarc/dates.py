"""Messy timestamp text -> ISO 8601 at the precision the text really gives.

`parse_published` never raises: text it cannot read with confidence gives None.
Output forms: ``2020-03`` (month), ``2020-03-06`` (day), ``2020-03-05T22:30:00`` (time, no zone
named) and ``2020-03-05T22:30:00+06:00`` (time with a zone the text names).
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache

# Unambiguous zone abbreviations seen on news sites, as offsets east of Greenwich in minutes.
ZONE_OFFSETS: dict[str, int] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
    "WEST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180, "MSK": 180,
    "SAST": 120, "EAT": 180, "GST": 240, "PKT": 300, "NPT": 345, "ICT": 420,
    "WIB": 420, "HKT": 480, "SGT": 480, "PHT": 480, "AWST": 480, "JST": 540, "KST": 540,
    "ACST": 570, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
    "EST": -300, "EDT": -240, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480,
    "PDT": -420, "AKST": -540, "HST": -600,
}  # fmt: skip

# The US zones named without standard or daylight time ("10:30 a.m. ET", as American papers
# print them): the offset follows the date, by the zone's rules in the time zone database.
US_ZONES = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}  # fmt: skip

# North America's zones: its papers write a numeric date month first ("12/02/2026 05:00 AM EST").
MONTH_FIRST_ZONES = frozenset(
    {"EST", "EDT", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "HST", *US_ZONES}
)

# Abbreviations with more than one common reading. Rule: never guess; the zone is dropped and
# the time is kept without an offset. (BST: British Summer Time +01:00 or Bangladesh Standard
# Time +06:00; IST: India +05:30, Ireland +01:00, Israel +02:00; CST: US Central -06:00 or China
# +08:00; AST: Atlantic -04:00 or Arabia +03:00; ADT and SST likewise.)
AMBIGUOUS_ZONES = frozenset({"BST", "IST", "CST", "AST", "ADT", "SST", "MYT"})

# Words that make a timestamp relative to an unknown "now": no date can be read from them.
RELATIVE_WORDS = re.compile(r"\b(ago|yesterday|today|tomorrow|just now|last|next)\b", re.I)

# Publication times cannot lie in the future; two days allow for zones and clock skew.
FUTURE_TOLERANCE = timedelta(days=2)
EARLIEST_YEAR = 1800

# "00:00 00 AM": hours:minutes, a space where the colon before the seconds belongs, then AM/PM.
MALFORMED_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\s+(\d{2})\s*([AaPp]\.?[Mm]\.?)")
# "14.02 BST", "3.45pm", "12.03.2025 14.05", "14.32 Uhr": a clock written with a stop, as British
# and German papers do, known from a decimal or a numeric date by what follows it (a half day, a
# zone, "Uhr" or the end).
DOTTED_CLOCK = re.compile(
    r"(?<![\d.:])(\d{1,2})\.([0-5]\d)(?![\d.])(?=\s*(?:[AaPp]\.?[Mm]\b|[A-Z]{2,5}\b|Uhr\b|$))"
)
# "March 10, 20253:45 PM": a year and a clock that a scraper ran together.
GLUED_CLOCK = re.compile(r"\b((?:19|20)\d\d)(\d{1,2}:\d\d)\b")
# "03/03/2024March 3, 2024" (DW): a date in figures run into the same date in words, which
# is read alone (it says which number is the month).
FIGURES_BEFORE_WORDS = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}(?=[A-Z][a-z])")
# "Feb 14,2026" (New Age): a day and its year with no space after the comma.
GLUED_YEAR = re.compile(r"(?<![\d,])(\d{1,2}),(?=(?:19|20)\d\d\b)")
# "GMT+6", "UTC +05:30", "GMT-3": the offset east of Greenwich (dateutil reads it POSIX-style).
# Zones written out, as press releases print them ("08:00 AM Eastern Standard Time"), by the
# abbreviation or offset they stand for.
LONG_ZONES = {
    "eastern standard time": "EST", "eastern daylight time": "EDT", "eastern time": "ET",
    "central standard time": "-06:00", "central daylight time": "CDT", "central time": "CT",
    "mountain standard time": "MST", "mountain daylight time": "MDT", "mountain time": "MT",
    "pacific standard time": "PST", "pacific daylight time": "PDT", "pacific time": "PT",
    "greenwich mean time": "GMT", "coordinated universal time": "UTC",
    "british summer time": "+01:00", "central european time": "CET",
    "central european summer time": "CEST",
}  # fmt: skip
LONG_ZONE = re.compile(
    r"\b(?:" + "|".join(sorted(LONG_ZONES, key=len, reverse=True)) + r")\b", re.I
)
GMT_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b")
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b")
ISO_LIKE = re.compile(r"^\s*\d{4}[-/.]\d{1,2}")
# Anything after markup debris ("&#5;&#5;RM" after a Reuters <DATE>) is junk.
JUNK_TAIL = re.compile(r"(&#?\w+;|[<>{}\[\]\\@#$%^*=~`]).*$", re.S)
UPPER_WORD = re.compile(r"\b[A-Z]{2,5}\b")
DAY_NAMES = re.compile(
    r"\b(mon|tue|wed|thu|fri|sat|sun)(day|sday|nesday|rsday|urday)?\b\.?,?", re.I
)

# Upper-case words that are part of a date, not a zone.
KEEP_UPPER = frozenset({
    "AM", "PM", "JAN", "FEB", "MAR", "MARCH", "APR", "APRIL", "MAY", "JUN", "JUNE", "JUL", "JULY",
    "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC",
})  # fmt: skip

# German, French, Spanish, Italian and Portuguese month and day names, as news databases and
# sites print them ("27. Februar 2012 Montag", "lundi 3 mai 2021", "3 de mayo de 2021",
# "martedì 14 maggio 2024", "14 de maio de 2024"); names two languages share appear once.
FOREIGN_MONTHS = {
    "januar": "January", "jänner": "January", "februar": "February", "märz": "March",
    "mai": "May", "juni": "June", "juli": "July", "oktober": "October", "dezember": "December",
    "janvier": "January", "février": "February", "mars": "March", "avril": "April",
    "juin": "June", "juillet": "July", "août": "August", "septembre": "September",
    "octobre": "October", "novembre": "November", "décembre": "December",
    "enero": "January", "febrero": "February", "marzo": "March", "abril": "April",
    "mayo": "May", "junio": "June", "julio": "July", "agosto": "August",
    "septiembre": "September", "setiembre": "September", "octubre": "October",
    "noviembre": "November", "diciembre": "December",
    "gennaio": "January", "febbraio": "February", "aprile": "April", "maggio": "May",
    "giugno": "June", "luglio": "July", "settembre": "September", "ottobre": "October",
    "dicembre": "December",
    "janeiro": "January", "fevereiro": "February", "março": "March", "maio": "May",
    "junho": "June", "julho": "July", "setembro": "September", "outubro": "October",
    "novembro": "November", "dezembro": "December",
    # their abbreviations, as sites print them ("02 dic 2026", "7 déc. 2025"), but for those
    # that are English words ("ago", "set", "out", "gen", "mag")
    "ene": "January", "abr": "April", "dic": "December", "giu": "June", "lug": "July",
    "ott": "October", "okt": "October", "dez": "December", "mär": "March", "fev": "February",
    "janv": "January", "févr": "February", "avr": "April", "juil": "July", "déc": "December",
    # Russian, as dates give them ("2 декабря 2026"), named alone, and abbreviated ("2 дек")
    "января": "January", "февраля": "February", "марта": "March", "апреля": "April",
    "мая": "May", "июня": "June", "июля": "July", "августа": "August",
    "сентября": "September", "октября": "October", "ноября": "November", "декабря": "December",
    "январь": "January", "февраль": "February", "март": "March", "апрель": "April",
    "май": "May", "июнь": "June", "июль": "July", "август": "August", "сентябрь": "September",
    "октябрь": "October", "ноябрь": "November", "декабрь": "December",
    "янв": "January", "фев": "February", "февр": "February", "мар": "March", "апр": "April",
    "июн": "June", "июл": "July", "авг": "August", "сен": "September", "сент": "September",
    "окт": "October", "ноя": "November", "нояб": "November", "дек": "December",
}  # fmt: skip
FOREIGN_MONTH = re.compile(r"\b(" + "|".join(FOREIGN_MONTHS) + r")\b", re.I)
FOREIGN_DAYS = (
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
    "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
    "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
    "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
)  # fmt: skip
FOREIGN_DAY_NAMES = re.compile(r"\b(" + "|".join(FOREIGN_DAYS) + r")\b,?", re.I)
# "3 de mayo de 2021": the Spanish and Portuguese "of" between day, month and year; "1er août
# 2020 à 14:30": the French first, and "at" before a clock, as each language says it ("às
# 10h30", "a las 10:30", "alle 18:45", "ore 18:45", "um 10:30 Uhr", "в 14:32"); the Russian
# "year" after one ("2 декабря 2026 г.", "2026 года").
FOREIGN_WORDS = re.compile(
    r"(?<=\d) de (?=[^\W\d_])|(?<=[^\W\d_]) de (?=\d)"
    r"|(?<=\d),? (?:à|às|a las|alle|ore|um|в) (?=\d{1,2}[:h]\d)"
    r"|(?<=\d{4}) ?(?:года|г\.?)(?![^\W\d_])",
    re.I,
)
FRENCH_FIRST = re.compile(r"\b1er\b")
# "27. Februar 2012": a German day number ends with a stop.
DAY_STOP = re.compile(r"\b(\d{1,2})\.(?= [^\W\d_])")
# "2018 年 10 月 7 日 17:04": year, month and day in Chinese, Japanese or Korean.
CJK_DATE = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
# "14時32分", "14点32分", "14시 32분": hours and minutes (and seconds) in the same languages.
CJK_CLOCK = re.compile(r"(\d{1,2})\s*[時时点시]\s*(\d{1,2})\s*[分분](?:\s*(\d{1,2})\s*[秒초])?")

MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip
# "6 March, 2020", "26-FEB-1987", "Feb 15th, 2026", "2026-02-15", each optionally followed by
# a clock.
COMMON_FORM = re.compile(
    r"^(?:(?P<day>\d{1,2})(?:st|nd|rd|th)? (?P<month>[A-Za-z]{3,9})\.?,? (?P<year>\d{4})"
    r"|(?P<hday>\d{1,2})-(?P<hmonth>[A-Za-z]{3})-(?P<hyear>\d{4})"
    r"|(?P<month2>[A-Za-z]{3,9})\.? (?P<day2>\d{1,2})(?:st|nd|rd|th)?,? (?P<year2>\d{4})"
    r"|(?P<iyear>\d{4})-(?P<imonth>\d{2})-(?P<iday>\d{2}))"
    r"(?:(?:,? (?:at )?|T)(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"(?:(?::| (?=\d{2} ?[AaPp]))(?P<second>\d{2}))?(?:\.\d+)?"  # also "00:00 00 AM"
    r"(?: ?(?P<ampm>[AaPp]\.?[Mm]\.?))?)?$"
)

# Two defaults that differ in every field: a field that comes out different was not in the text.
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2001, 2, 2, 1, 1, 1)


@lru_cache(maxsize=16384)
def parse_published(
    text: str | None, *, dayfirst: bool | None = None, today: date | None = None
) -> str | None:
    """Read a publication timestamp; None when it holds no full, plausible date.

    `dayfirst` settles numeric dates such as 05/03/2020 when neither number exceeds 12; the
    default (None) reads them day first, as most of the world's press writes them, but month
    first beside a North American zone.
    """
    if not text:
        return None
    # Most timestamps take a common form as they are, which no cleaning step would change.
    parsed = _parse_common(text) or _parse_messy(text, dayfirst)
    if parsed is None:
        return None
    first, second = parsed
    if first.year != second.year or first.month != second.month:
        return None
    if not _plausible(first, today or date.today()):
        return None
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}"
    day = first.date().isoformat()
    if first.hour != second.hour or (first.hour, first.minute, first.second) == (0, 0, 0):
        # No clock, or only the placeholder 00:00 sites print when they do not know the time.
        return day
    clock = f"{first.hour:02d}:{first.minute:02d}:{first.second:02d}"
    offset = first.utcoffset()
    if offset is None:
        return f"{day}T{clock}"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{day}T{clock}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _parse_messy(text: str, dayfirst: bool | None) -> tuple[datetime, datetime] | None:
    cleaned = _clean(text)
    if not cleaned or RELATIVE_WORDS.search(cleaned):
        return None
    cleaned, zones = _resolve_zones(cleaned)
    if dayfirst is None and not MONTH_FIRST_ZONES.isdisjoint(zones):
        dayfirst = False
    return (None if zones else _parse_common(cleaned)) or _parse_both(cleaned, dayfirst, zones)


def _clean(text: str) -> str:
    text = JUNK_TAIL.sub("", text.replace("\u00a0", " ").replace("|", " "))
    if "ime" in text or "IME" in text:
        text = LONG_ZONE.sub(_zone_abbreviation, text)
    if not text.isascii():
        text = CJK_CLOCK.sub(_clock, CJK_DATE.sub(_iso_date, text))
        text = text.replace("—", " - ").replace("–", " - ")
        text = text.replace("•", " ")
    text = FOREIGN_WORDS.sub(" ", FRENCH_FIRST.sub("1", DAY_STOP.sub(r"\1", text)))
    text = FOREIGN_DAY_NAMES.sub(" ", FOREIGN_MONTH.sub(_english_month, text))
    text = MALFORMED_CLOCK.sub(r"\1:\2:\3 \4", DOTTED_CLOCK.sub(r"\1:\2", text))
    text = GLUED_YEAR.sub(r"\1, ", GLUED_CLOCK.sub(r"\1 \2", FIGURES_BEFORE_WORDS.sub("", text)))
    text = GMT_OFFSET.sub(_explicit_offset, text)
    text = DAY_NAMES.sub(" ", text)
    return _printed_once(" ".join(text.split()).strip(" ,;|-"))


def _printed_once(text: str) -> str:
    """A date that a scraper ran together with its copy, "3 Nov 20253 Nov 2025" (pages print
    one for the eye and one for screen readers), as one date."""
    half = len(text) // 2
    if half and text[:half] == text[-half:] and text[half:-half] in ("", " "):
        return text[:half]
    return text


def _iso_date(match: re.Match[str]) -> str:
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _zone_abbreviation(match: re.Match[str]) -> str:
    return LONG_ZONES[match.group().casefold()]


def _clock(match: re.Match[str]) -> str:
    hour, minute, second = match.groups()
    return f" {hour}:{minute}" + (f":{second}" if second else "")


def _english_month(match: re.Match[str]) -> str:
    return FOREIGN_MONTHS[match.group(1).casefold()]


def _explicit_offset(match: re.Match[str]) -> str:
    sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
    return f" {sign}{hours:02d}:{minutes:02d}"


def _resolve_zones(text: str) -> tuple[str, dict[str, int | tzinfo]]:
    """Keep the known zone abbreviations (as tzinfos), drop ambiguous and unknown ones."""
    zones: dict[str, int | tzinfo] = {}

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in ZONE_OFFSETS:
            zones[word] = ZONE_OFFSETS[word] * 60
            return word
        if word in US_ZONES:
            zones[word] = _zone(US_ZONES[word])
            return word
        if word in KEEP_UPPER:
            return word
        return " "

    return UPPER_WORD.sub(replace, text), zones


@lru_cache(maxsize=len(US_ZONES))
def _zone(name: str) -> tzinfo:
    """A zone of the time zone database: the system's, else the tzdata package's."""
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def _parse_common(text: str) -> tuple[datetime, datetime] | None:
    """The forms most timestamps take, read without dateutil (several times faster)."""
    match = COMMON_FORM.match(text)
    if match is None:
        return None
    day, month, year = (
        match["day"] or match["day2"] or match["hday"] or match["iday"],
        match["month"] or match["month2"] or match["hmonth"] or match["imonth"],
        match["year"] or match["year2"] or match["hyear"] or match["iyear"],
    )
    month_number = int(month) if month.isdigit() else MONTH_NUMBERS.get(month.casefold())
    if month_number is None:
        return None
    try:
        if match["hour"] is None:
            return datetime(int(year), month_number, int(day)), datetime(
                int(year), month_number, int(day), 1, 1, 1
            )
        hour = int(match["hour"])
        if match["ampm"]:
            if hour > 12:
                return None
            hour = hour % 12 + (12 if match["ampm"][0] in "pP" else 0)
        moment = datetime(
            int(year), month_number, int(day), hour, int(match["minute"]), int(match["second"] or 0)
        )
    except ValueError:
        return None
    return moment, moment if match["second"] else moment.replace(second=1)


def _parse_both(
    text: str, dayfirst: bool | None, zones: dict[str, int | tzinfo]
) -> tuple[datetime, datetime] | None:
    """Parse with both defaults; on failure retry without trailing words ("..., 10:30 AM Dhaka")."""
    words = text.split()
    for end in range(len(words), 0, -1):
        candidate = " ".join(words[:end])
        try:
            return (
                _parse(candidate, _DEFAULT_A, dayfirst, zones),
                _parse(candidate, _DEFAULT_B, dayfirst, zones),
            )
        except (ValueError, OverflowError, TypeError, LookupError):
            continue
    return None


def _parse(
    text: str, default: datetime, dayfirst: bool | None, zones: dict[str, int | tzinfo]
) -> datetime:
    from dateutil import parser  # imported here: dateutil costs ~30 ms of CLI start-up

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if ISO_LIKE.match(text):
            return parser.parse(
                text, default=default, yearfirst=True, dayfirst=False, tzinfos=zones
            )
        return parser.parse(
            text, default=default, dayfirst=_dayfirst(text, dayfirst), tzinfos=zones
        )


def _dayfirst(text: str, preference: bool | None) -> bool:
    """An unambiguous numeric date decides; otherwise the caller's preference, else day first."""
    match = NUMERIC_DATE.search(text)
    if match:
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            return True
        if second > 12 >= first:
            return False
    return True if preference is None else preference


def _plausible(value: datetime, today: date) -> bool:
    return value.year >= EARLIEST_YEAR and value.date() <= today + FUTURE_TOLERANCE
