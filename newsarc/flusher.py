"""Writing an archive's WAL to the disk in the background, between checkpoints.

With `synchronous = NORMAL` a commit only appends to the WAL (in the system's cache); the disk
waits come at each checkpoint, which syncs the WAL before copying it into the archive and the
archive after. The writing thread waits for both. Syncing the WAL after every commit from a
thread of our own leaves the checkpoint's sync of it little to write: in a 100k-article
ingest the writer's wait in the WAL's syncs fell from 1.46 s to 0.31 s, ~3% of the ingest
(bench/NOTES.md). Extra syncs never lose data; when one fails, the flusher stops and SQLite's
own syncs carry on as without it.
"""

from __future__ import annotations

import os
import threading

# macOS has no fdatasync; fsync does the same there (and syncs the file's times as well).
_sync = getattr(os, "fdatasync", os.fsync)


class WalFlusher:
    """Syncs `PATH-wal` after each `committed()`, coalescing commits that come while it syncs.

    The WAL is opened by a descriptor of its own. That is safe beside SQLite's: in WAL mode its
    locks are taken on the archive and the `-shm` file, never on the WAL, so closing this
    descriptor cannot release them (POSIX drops a process's locks on a file with any of its
    descriptors).
    """

    def __init__(self, archive_path: str) -> None:
        self._wal_path = f"{archive_path}-wal"
        self._wanted = threading.Condition()
        self._pending = False
        self._closing = False
        self._thread: threading.Thread | None = None

    def committed(self) -> None:
        """A transaction was committed: sync the WAL soon."""
        with self._wanted:
            if self._closing:
                return
            self._pending = True
            self._wanted.notify()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="wal-flusher", daemon=True)
            self._thread.start()

    def close(self) -> None:
        """Stop after the sync under way, if any; call before the archive's connection closes,
        which removes the WAL."""
        with self._wanted:
            self._closing = True
            self._wanted.notify()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        descriptor = None
        try:
            while True:
                with self._wanted:
                    while not self._pending and not self._closing:
                        self._wanted.wait()
                    if self._closing:
                        return
                    self._pending = False
                if descriptor is None:
                    descriptor = os.open(self._wal_path, os.O_RDONLY)
                _sync(descriptor)
        except OSError:
            return  # SQLite syncs the WAL itself at every checkpoint
        finally:
            if descriptor is not None:
                os.close(descriptor)
