"""What people type -> FTS5 queries, and date filter values -> day ranges."""

import pytest

from newsarc.errors import QueryError
from newsarc.query import parse_period, to_fts

FTS_ROWS = [
    ("word", "idlib", '"idlib"'),
    ("words", "putin erdogan", '"putin" "erdogan"'),
    ("hyphen", "al-Assad", '"al-Assad"'),
    ("dots", "U.S.", '"U.S."'),
    ("plus", "C++", '"C++"'),
    ("comma", "Putin, Erdogan", '"Putin," "Erdogan"'),
    ("phrase", '"moscow talks"', '"moscow talks"'),
    ("unbalanced", '"moscow talks', '"moscow talks"'),
    ("prefix", "erdog*", '"erdog"*'),
    ("phrase-prefix", '"moscow tal"*', '"moscow tal"*'),
    ("column", "headline:putin", 'headline:"putin"'),
    ("unknown-column-is-text", "http://example.com", '"http://example.com"'),
    ("and-between", "putin AND erdogan", '"putin" "erdogan"'),
    ("or", "putin OR erdogan", '("putin" OR "erdogan")'),
    ("not", "putin NOT erdogan", '"putin" NOT "erdogan"'),
    ("minus", "syria -idlib", '"syria" NOT "idlib"'),
    ("bare-and", "AND", '"AND"'),
    ("fts-syntax-is-text", "NEAR(a b)", '"NEAR(a" "b)"'),
    ("stray-punctuation", "syria - turkey", '"syria" "turkey"'),
]


@pytest.mark.parametrize(
    ("text", "expected"), [r[1:] for r in FTS_ROWS], ids=[r[0] for r in FTS_ROWS]
)
def test_to_fts(text: str, expected: str) -> None:
    assert to_fts(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "*", '""', "-", "!!!", "-idlib"])
def test_nothing_to_search_for(text: str) -> None:
    with pytest.raises(QueryError):
        to_fts(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020", ("2020-01-01", "2021-01-01")),
        ("2020-03", ("2020-03-01", "2020-04-01")),
        ("2020-12", ("2020-12-01", "2021-01-01")),
        ("2020-03-06", ("2020-03-06", "2020-03-07")),
        ("March 2020", ("2020-03-01", "2020-04-01")),
        ("6 March 2020", ("2020-03-06", "2020-03-07")),
        ("2020-02-29", ("2020-02-29", "2020-03-01")),
    ],
)
def test_parse_period(text: str, expected: tuple[str, str]) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["soon", "2020-13", "March", ""])
def test_unreadable_period(text: str) -> None:
    with pytest.raises(QueryError, match="Cannot read"):
        parse_period(text)
