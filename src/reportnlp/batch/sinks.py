"""Where parsed reports go: JSON Lines, SQLite or Parquet, chosen by DEST's suffix.

Every sink follows the same protocol so the runner can make ``kill -9`` safe
(see :mod:`reportnlp.batch.manifest`):

- ``recover(manifest)``: at start, cut the output back to what the manifest committed;
- ``write(key, record)``: add one report (not yet durable);
- ``durable(final)``: make what was written durable; returns the keys that now
  are, and the ``state`` values the manifest stores with them;
- ``finish()``: complete the output after the last commit (Parquet combines its parts);
- ``close()``: release files (also after a failure; never writes).

This module holds the protocol, the JSON Lines sink and the errors file; the
SQLite and Parquet sinks have their own modules.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from reportnlp.batch.manifest import Manifest
from reportnlp.errors import InputError, UnsupportedFormatError

log = logging.getLogger(__name__)

Durable = tuple[list[str], dict[str, str]]


class Sink(Protocol):
    """An output of parsed reports (see the module docstring)."""

    path: Path

    def recover(self, manifest: Manifest) -> None: ...

    def write(self, key: str, record: dict[str, Any]) -> None: ...

    def durable(self, final: bool = False) -> Durable: ...

    def finish(self) -> None: ...

    def close(self) -> None: ...


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


class AppendLog:
    """A JSON Lines file appended to, and cut back on recovery to its committed offset.

    The manifest's ``state`` keeps, for the file's ``role`` (``output``,
    ``errors``), its committed offset and its path relative to the manifest, so
    the folder can move; a different file in that role starts from zero.
    """

    def __init__(self, path: Path, role: str) -> None:
        self.path = path
        self.state_key = f"{role}:offset"
        self.path_key = f"{role}:path"
        self.handle: BinaryIO | None = None

    def recover(self, manifest: Manifest) -> None:
        """Open the file, cutting off anything written after the last commit."""
        name = os.path.relpath(self.path.resolve(), manifest.path.resolve().parent)
        committed = manifest.get(self.state_key) if manifest.get(self.path_key) == name else None
        size = self.path.stat().st_size if self.path.exists() else 0
        if committed is None:
            if size:
                raise InputError("E212", self.path, manifest=manifest.path)
            committed = "0"
            manifest.commit([], {self.state_key: committed, self.path_key: name})
        offset = int(committed)
        if size < offset:
            raise InputError("E211", self.path, reason=f"the file has {size:,} bytes, "
                                                       f"the manifest committed {offset:,}")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "r+b" if self.path.exists() else "w+b")
        if size > offset:
            log.warning("%s: dropping %d bytes written after the last commit (they are redone)",
                        self.path, size - offset)
            self.handle.truncate(offset)
            os.fsync(self.handle.fileno())
        self.handle.seek(offset)

    def append(self, record: dict[str, Any]) -> None:
        """Write one line (buffered until :meth:`durable`)."""
        assert self.handle is not None, "recover() opens the file"
        self.handle.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")

    def durable(self) -> dict[str, str]:
        """Flush and fsync; returns the manifest state that commits the lines written."""
        assert self.handle is not None, "recover() opens the file"
        self.handle.flush()
        os.fsync(self.handle.fileno())
        return {self.state_key: str(self.handle.tell())}

    def close(self) -> None:
        """Close the file."""
        if self.handle is not None:
            self.handle.close()
            self.handle = None


class JsonLinesSink:
    """One ``Report.model_dump(mode="json")`` per line, appended as results arrive."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.log = AppendLog(path, "output")
        self.pending: list[str] = []

    def recover(self, manifest: Manifest) -> None:
        """Cut the file back to its committed offset."""
        self.log.recover(manifest)

    def write(self, key: str, record: dict[str, Any]) -> None:
        """Append one report."""
        self.log.append(record)
        self.pending.append(key)

    def durable(self, final: bool = False) -> Durable:
        """fsync the file; every report written is now durable."""
        state = self.log.durable()
        keys, self.pending = self.pending, []
        return keys, state

    def finish(self) -> None:
        """Nothing to do: every line is in place."""

    def close(self) -> None:
        """Close the file."""
        self.log.close()


def open_sink(path: Path, manifest_path: Path, parquet_part_rows: int = 256) -> Sink:
    """The sink for DEST's suffix (not yet recovered).

    Raises:
        reportnlp.errors.UnsupportedFormatError: DEST is not .jsonl/.parquet/.sqlite (E213).
        reportnlp.errors.InputError: Parquet without pyarrow installed (E214).
    """
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return JsonLinesSink(path)
    if suffix in (".sqlite", ".sqlite3", ".db"):
        from reportnlp.batch.sqlite_sink import SqliteSink

        return SqliteSink(path, manifest_path)
    if suffix == ".parquet":
        try:
            from reportnlp.batch.parquet_sink import ParquetSink
        except ImportError as exc:
            raise InputError("E214", path, feature="Parquet output", package="pyarrow") from exc
        return ParquetSink(path, part_rows=parquet_part_rows)
    raise UnsupportedFormatError("E213", path, suffix=suffix or "(none)")


def output_files(path: Path) -> list[Path]:
    """Every file a sink at ``path`` may leave (removed by ``--force``)."""
    return [path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}.parts"),
            Path(f"{path}.tmp")]
