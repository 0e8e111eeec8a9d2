"""Timestamp text as found in scraped pages, wire copy and database exports."""

from datetime import date, datetime

import pytest

from newsarc.dates import parse_published

TODAY = date(2026, 11, 24)

# (id, text, expected); the texts are modelled on real timestamp lines and fields.
ROWS = [
    # Day precision: no clock, or only a placeholder clock.
    ("seed-malformed-placeholder", "6 March, 2020 00:00 00 AM", "2020-03-06"),
    ("day-month-year", "6 March 2020", "2020-03-06"),
    ("month-day-year", "March 6, 2020", "2020-03-06"),
    ("short-month", "Feb 15, 2026", "2026-02-15"),
    ("weekday-and-midnight", "Sunday, 15 February, 2026, 12:00 am", "2026-02-15"),
    ("iso-date", "2020-03-05", "2020-03-05"),
    ("iso-midnight", "2020-03-05T00:00:00", "2020-03-05"),
    ("dotted-day-first", "15.02.2026", "2026-02-15"),
    ("numeric-ambiguous-default-dayfirst", "05/03/2020", "2020-03-05"),
    ("numeric-day-over-12", "13/03/2020", "2020-03-13"),
    ("numeric-ambiguous-beside-a-us-zone", "05/03/2020 10:30 AM EST", "2020-05-03T10:30:00-05:00"),
    ("numeric-ambiguous-beside-et", "12/02/2020 9:15 a.m. ET", "2020-12-02T09:15:00-05:00"),
    (
        "eastern-standard-time-written-out",
        "Dec 2, 2020 08:00 AM Eastern Standard Time",
        "2020-12-02T08:00:00-05:00",
    ),
    (
        "central-standard-time-written-out",
        "Dec 2, 2020 3:14 PM Central Standard Time",
        "2020-12-02T15:14:00-06:00",
    ),
    (
        "british-summer-time-written-out",
        "2 June 2020 10:00 British Summer Time",
        "2020-06-02T10:00:00+01:00",
    ),
    ("russian-month-and-year-word", "2 декабря 2020 г., 14:32", "2020-12-02T14:32:00"),
    ("russian-abbreviation-and-at", "вторник, 2 дек 2020 в 14:32", "2020-12-02T14:32:00"),
    ("japanese-clock", "2020年12月2日 14時32分", "2020-12-02T14:32:00"),
    ("korean-clock", "2020년 12월 2일 14시 32분", "2020-12-02T14:32:00"),
    ("date-and-dotted-clock-after-a-dash", "December 2, 2020 — 2.45pm", "2020-12-02T14:45:00"),
    ("numeric-ambiguous-beside-cet", "05/03/2020 10:30 CET", "2020-03-05T10:30:00+01:00"),
    ("numeric-month-first-unambiguous", "03/13/2020", "2020-03-13"),
    ("two-digit-year", "05/03/20", "2020-03-05"),
    ("uppercase-month", "27-MAR-1987", "1987-03-27"),
    ("uppercase-five-letter-month", "6 MARCH 2020", "2020-03-06"),
    ("uppercase-april-with-clock", "APRIL 6, 2020, 10:30 AM", "2020-04-06T10:30:00"),
    ("ordinal-day", "Feb 15th, 2026", "2026-02-15"),
    ("pipe-separated", "15 Feb 2026 | 00:00", "2026-02-15"),
    # Time precision, no zone named: no offset invented.
    ("malformed-clock-pm", "5 March 2020 10:30 00 PM", "2020-03-05T22:30:00"),
    ("malformed-clock-first", "10:30 00 PM 5 March 2020", "2020-03-05T22:30:00"),
    ("clock-am", "Sun Feb 15th, 2026 10:12 am", "2026-02-15T10:12:00"),
    ("clock-before-date", "10:36 PM, 15 February 2026", "2026-02-15T22:36:00"),
    ("at-between", "February 15, 2026 at 10:30 am", "2026-02-15T10:30:00"),
    ("dotted-pm", "March 5, 2020 10:30 p.m.", "2020-03-05T22:30:00"),
    ("iso-fraction", "2026-02-15T12:46:09.758131", "2026-02-15T12:46:09"),
    ("reuters-junk-tail", "27-MAR-1987 00:02:59.13&#5;&#5;RM", "1987-03-27T00:02:59"),
    ("reuters-plain", "26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01"),
    ("year-and-clock-run-together", "March 10, 20253:45 PM GMT", "2025-03-10T15:45:00+00:00"),
    ("no-space-before-the-year", "00:17, Feb 14,2026", "2026-02-14T00:17:00"),
    ("figures-run-into-words", "03/03/2024March 3, 2024", "2024-03-03"),
    ("printed-twice-run-together", "3 Nov 20253 Nov 2025", "2025-11-03"),
    ("printed-twice", "3 Nov 2025 3 Nov 2025", "2025-11-03"),
    ("german-clock-with-a-stop", "10.03.2025, 14.32 Uhr", "2025-03-10T14:32:00"),
    ("trailing-place", "6 March, 2020 | 10:30 AM | Dhaka", "2020-03-06T10:30:00"),
    ("ambiguous-bst-dropped", "5 March 2020 10:36 BST", "2020-03-05T10:36:00"),
    ("dotted-clock-and-zone", "Tue 18 Jul 2023 14.02 BST", "2023-07-18T14:02:00"),
    ("dotted-clock-pm", "18 July 2023 3.45pm", "2023-07-18T15:45:00"),
    ("dotted-date-and-clock", "12.03.2025 14.05", "2025-03-12T14:05:00"),
    ("dotted-clock-gmt", "Mon 3 Feb 2025 09.30 GMT", "2025-02-03T09:30:00+00:00"),
    ("ambiguous-ist-dropped", "15 Feb 2026, 08:15 PM IST", "2026-02-15T20:15:00"),
    # Time with a named zone.
    ("gmt-plus-six-east", "Thu Mar 5 2020 22:30 GMT+6", "2020-03-05T22:30:00+06:00"),
    ("utc-plus-half-hour", "15 February 2026 10:36 PM UTC+5:30", "2026-02-15T22:36:00+05:30"),
    ("gmt-minus", "March 5, 2020 9:00 AM GMT-3", "2020-03-05T09:00:00-03:00"),
    ("nexis-gmt", "March 14, 2013 Thursday 9:50 PM GMT", "2013-03-14T21:50:00+00:00"),
    ("est", "March 5, 2020 10:30 p.m. EST", "2020-03-05T22:30:00-05:00"),
    ("cet", "14 March 2013 09:15 CET", "2013-03-14T09:15:00+01:00"),
    # US zones named without standard or daylight time: the offset follows the date.
    ("us-eastern-in-winter", "Mar. 5, 2020, 10:30 a.m. ET", "2020-03-05T10:30:00-05:00"),
    ("us-eastern-in-summer", "9:02 PM ET, Sun July 5, 2020", "2020-07-05T21:02:00-04:00"),
    ("us-daylight-from-march-8-2020", "March 8, 2020 3:30 AM ET", "2020-03-08T03:30:00-04:00"),
    ("us-rules-of-2006", "March 20, 2006 9:00 AM CT", "2006-03-20T09:00:00-06:00"),
    ("us-pacific", "Jan 5, 2021 4:15 p.m. PT", "2021-01-05T16:15:00-08:00"),
    ("us-mountain", "Nov 3, 2020 12:00 PM MT", "2020-11-03T12:00:00-07:00"),
    ("us-zone-without-a-clock", "March 5, 2020 ET", "2020-03-05"),
    ("numeric-offset", "Sun, 15 Feb 2026 06:12:00 +0600", "2026-02-15T06:12:00+06:00"),
    ("iso-zulu", "2013-03-14T21:50:00Z", "2013-03-14T21:50:00+00:00"),
    # Month precision.
    ("month-year", "March 2020", "2020-03"),
    # Null: no full, plausible date.
    ("time-only", "10:36", None),
    ("time-only-pm", "10:36 PM", None),
    ("date-without-year", "Feb 26", None),
    ("reuters-dateline-no-year", "March 5", None),
    ("relative-hours", "2 hours ago", None),
    ("relative-yesterday", "Yesterday, 10:30 AM", None),
    ("before-1800", "1750-01-01", None),
    ("far-future", "3026-01-01", None),
    ("next-year", "1 March 2028", None),
    ("impossible-day", "31/02/2020", None),
    ("impossible-month", "2020-13-01", None),
    ("german-nexis", "27. Februar 2012 Montag 9:50 PM GMT+1", "2012-02-27T21:50:00+01:00"),
    ("german-factiva", "9 Januar 1993", "1993-01-09"),
    ("german-day-first-weekday", "Mittwoch, 3. Oktober 2012", "2012-10-03"),
    ("german-march-umlaut", "1. März 2012", "2012-03-01"),
    ("chinese-factiva-clock", "2018 年 10 月 7 日 17:04", "2018-10-07T17:04:00"),
    ("chinese-no-spaces", "2018年9月25日", "2018-09-25"),
    ("korean", "2018년 5월 31일", "2018-05-31"),
    ("german-month-alone", "Mai 2012", "2012-05"),
    ("german-weekday-english-month", "Samstag, 1. April 2017", "2017-04-01"),
    ("french", "lundi 3 mai 2021", "2021-05-03"),
    ("french-first-at-clock", "1er août 2020 à 14:30", "2020-08-01T14:30:00"),
    ("french-h-clock", "2 avril 2021 08h30", "2021-04-02T08:30:00"),
    ("spanish", "3 de mayo de 2021", "2021-05-03"),
    ("spanish-weekday-clock", "miércoles, 5 de marzo de 2014 10:15", "2014-03-05T10:15:00"),
    ("spanish-at-clock", "14 de mayo de 2024 a las 10:30", "2024-05-14T10:30:00"),
    ("italian", "martedì 14 maggio 2024", "2024-05-14"),
    ("italian-at-clock", "14 dicembre 2023 ore 18:45", "2023-12-14T18:45:00"),
    ("portuguese", "1 de março de 2024", "2024-03-01"),
    (
        "portuguese-weekday-at-clock",
        "terça-feira, 14 de maio de 2024 às 10h30",
        "2024-05-14T10:30:00",
    ),
    ("german-at-clock", "14. Mai 2024 um 10:30 Uhr", "2024-05-14T10:30:00"),
    ("spanish-abbreviated", "02 dic 2025 - 10:32 CET", "2025-12-02T10:32:00+01:00"),
    ("french-abbreviated", "12 févr. 2024 à 10h15", "2024-02-12T10:15:00"),
    ("german-abbreviated", "8. Okt. 2025", "2025-10-08"),
    ("italian-abbreviated", "3 giu 2024", "2024-06-03"),
    ("spanish-ago-is-no-month", "2 ago", None),
    ("words", "Staff Correspondent", None),
    # No digit, no year: the normalizer tries no timestamp pattern on a line without a digit.
    ("weekday-and-month", "Monday, March the sixth", None),
    ("relative-day", "yesterday evening", None),
    ("chinese-numerals", "二〇二〇年三月六日", None),
    ("arabic-indic-digits", "٢٠٢٠-٠٣-٠٦", "2020-03-06"),
    ("fullwidth-digits", "２０２０年３月６日", "2020-03-06"),
    ("empty", "", None),
    ("blank", "   ", None),
]


@pytest.mark.parametrize(("text", "expected"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_parse_published(text: str, expected: str | None) -> None:
    assert parse_published(text, today=TODAY) == expected


def test_rows_are_unique() -> None:
    assert len({r[0] for r in ROWS}) == len(ROWS)
    assert len({r[1] for r in ROWS}) == len(ROWS)


@pytest.mark.parametrize(
    ("dayfirst", "expected"), [(None, "2020-03-05"), (True, "2020-03-05"), (False, "2020-05-03")]
)
def test_ambiguous_numeric_date_follows_preference(dayfirst: bool | None, expected: str) -> None:
    assert parse_published("05/03/2020", dayfirst=dayfirst, today=TODAY) == expected


def test_a_stated_preference_outweighs_a_us_zone() -> None:
    assert parse_published("05/03/2020 10:30 AM EST", dayfirst=True, today=TODAY) == (
        "2020-03-05T10:30:00-05:00"
    )


def test_unambiguous_numeric_date_ignores_preference() -> None:
    assert parse_published("13/03/2020", dayfirst=False, today=TODAY) == "2020-03-13"


def test_future_tolerance_allows_zones_ahead() -> None:
    assert parse_published("25 November 2026", today=TODAY) == "2026-11-25"


@pytest.mark.parametrize(
    "text",
    [
        "6 March, 2020 00:00:00 AM",
        "Feb 15th, 2026 10:12 am",
        "2026-02-15T12:46:09.758131",
        "15 February 2026, 10:36 PM",
        "March 5, 2020 at 10:30 p.m.",
        "2020-03-05",
        "12 Dec 2019 12:05 AM",
        "12 Dec 2019 12:05 PM",
        "26-FEB-1987 15:01:01.79",
        "5-Mar-1987",
    ],
)
def test_fast_path_agrees_with_dateutil(text: str) -> None:
    from newsarc.dates import _parse_both, _parse_common

    def seen(parsed: tuple[datetime, datetime] | None) -> tuple[datetime, list[bool]]:
        assert parsed is not None
        first, second = (moment.replace(microsecond=0) for moment in parsed)
        fields = ("year", "month", "day", "hour", "minute", "second")
        return first, [getattr(first, f) == getattr(second, f) for f in fields]

    assert seen(_parse_common(text)) == seen(_parse_both(text, None, {}))


@pytest.mark.parametrize(
    "text",
    [
        "6 March, 2020 00:00 00 AM",
        "5 March 2020 10:30 00 PM",
        "5 March 2020 10:30 00PM",
        "Jan 10, 2013",
        "19 January, 2005 00:00 00 AM",
        "6 MARCH 2020",
        "APRIL 6, 2020, 10:30 AM",
        "Feb. 15, 2026 at 10:30 p.m.",
        "2026-02-15T12:46:09.758131",
        "26-FEB-1987 15:01:01.79",
    ],
)
def test_common_forms_read_as_the_cleaning_path_reads_them(text: str) -> None:
    """Timestamps in a common form skip the cleaning steps: the result must not change."""
    from newsarc.dates import _parse_common, _parse_messy

    assert _parse_common(text) is not None
    assert _parse_common(text) == _parse_messy(text, None)
