"""The SQLite newsarc runs on: a recent release with FTS5, from the sqlean.py wheel.

Python's own `sqlite3` links whatever SQLite the system has (3.40 on Debian 12, sometimes built
without FTS5); the wheel brings the same recent one everywhere. Its JSON functions escape text
about three times faster, and escaping was half of an export's work. Same interface as `sqlite3`.
"""

TYPE_CHECKING = False  # not `typing`'s: a piped search does not import typing
if TYPE_CHECKING:
    import sqlite3
    from typing import TypeVar

    Value = TypeVar("Value", None, bytes)
else:
    import sqlean as sqlite3


def _as_is(value: "Value") -> "Value":
    return value


# The wheel's module looks for an adapter each time it binds None or bytes, ~1.2 us a value
# where text and integers take ~0.2; an adapter that returns the value as it is ends the search
# at once. Storing an article binds about four such values.
sqlite3.register_adapter(type(None), _as_is)
sqlite3.register_adapter(bytes, _as_is)

__all__ = ["sqlite3"]
