"""newsarc: a command-line news archive."""

__version__ = "0.1.0"
