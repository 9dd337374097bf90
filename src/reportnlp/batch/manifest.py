"""The batch manifest: which inputs are done, keyed by the sha256 of their bytes.

A SQLite file beside the output (``DEST.manifest.sqlite``, WAL journal,
``synchronous=FULL``) with three tables:

- ``files``: one row per finished input: ``key`` (the sha256, or ``path:NAME``
  for an input whose bytes could not be read), ``path``, ``status`` (``ok`` or
  ``failed``), ``run`` and ``finished`` (Unix time).
- ``state``: how far each output file is committed (byte offsets of the JSONL
  and errors files, Parquet parts written), updated in the same transaction as
  the ``files`` rows those bytes hold.
- ``runs``: one row per run with its summary.

The order of writes makes ``kill -9`` safe: records are first made durable in
the output (``fsync``), then the manifest commits them. On the next run every
output is cut back to what the manifest committed, so a record written but not
committed is dropped and redone, never duplicated, and one committed is never
lost.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    key      TEXT PRIMARY KEY,
    path     TEXT NOT NULL,
    status   TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    run      INTEGER NOT NULL,
    finished REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id       INTEGER PRIMARY KEY,
    started  REAL NOT NULL,
    finished REAL,
    source   TEXT NOT NULL,
    summary  TEXT
);
"""


def manifest_key(sha256: str | None, display: str) -> str:
    """The manifest key of an input: its content hash, or its name when unreadable."""
    return sha256 if sha256 else f"path:{display}"


class Manifest:
    """Open (or create) the manifest at ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.existed = path.exists()
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        self.run_id = 0

    def start_run(self, source: str) -> int:
        """Record a new run; returns its id."""
        cursor = self.db.execute("INSERT INTO runs (started, source) VALUES (?, ?)",
                                 (time.time(), source))
        self.run_id = int(cursor.lastrowid or 0)
        return self.run_id

    def finish_run(self, summary: dict[str, object]) -> None:
        """Store the run's summary."""
        self.db.execute("UPDATE runs SET finished = ?, summary = ? WHERE id = ?",
                        (time.time(), json.dumps(summary, ensure_ascii=False), self.run_id))

    def done_by(self, key: str) -> int | None:
        """The run that finished this input, or None when it is still to do."""
        row = self.db.execute("SELECT run FROM files WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row else None

    def count(self, status: str) -> int:
        """How many inputs are recorded with this status (``ok`` or ``failed``)."""
        return int(self.db.execute("SELECT count(*) FROM files WHERE status = ?",
                                   (status,)).fetchone()[0])

    def get(self, key: str) -> str | None:
        """A value of the ``state`` table."""
        row = self.db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def commit(self, files: Iterable[tuple[str, str, str]], state: dict[str, str]) -> None:
        """Mark ``(key, path, status)`` rows done and update ``state``, in one transaction."""
        now = time.time()
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany(
                "INSERT OR REPLACE INTO files (key, path, status, run, finished) "
                "VALUES (?, ?, ?, ?, ?)",
                [(key, path, status, self.run_id, now) for key, path, status in files])
            self.db.executemany("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)",
                                list(state.items()))

    def close(self) -> None:
        """Close the database."""
        self.db.close()
