"""The SQLite newsarc runs on: a recent release with FTS5, from the sqlean.py wheel.

Python's own `sqlite3` links whatever SQLite the system has (3.40 on Debian 12, sometimes built
without FTS5); the wheel brings the same recent one everywhere. Its JSON functions escape text
about three times faster, and escaping was half of an export's work. Same interface as `sqlite3`.
"""

TYPE_CHECKING = False  # not `typing`'s: a piped search does not import typing
if TYPE_CHECKING:
    import sqlite3
else:
    import sqlean as sqlite3

__all__ = ["sqlite3"]
