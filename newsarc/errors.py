"""Errors the core raises; the CLI turns them into messages and exit codes."""


class NewsarcError(Exception):
    """Base class: a problem the user can act on, with a readable message."""


class NotAnArticle(NewsarcError):
    """The input cannot be read as an article (empty, binary, no headline, too large)."""


class ArchiveError(NewsarcError):
    """The archive is missing, locked, unreadable or of an unknown newer version."""


class QueryError(NewsarcError):
    """A search query or filter value that cannot run."""


class NotFound(NewsarcError):
    """No article with the requested id."""
