"""Parquet output: one row per report, written in parts and combined at the end.

A Parquet file cannot be appended to record by record, so reports are written
to ``DEST.parts/part-00001.parquet``, … every ``part_rows`` reports (each part
written to a temporary name, fsynced, then renamed); the manifest commits a
part's reports together with the part count. At the end of every run the parts
are combined, one at a time, into DEST. After ``kill -9`` the parts the
manifest does not know are deleted and their reports redone; the parts stay
beside DEST so a later run can add to it (``--force`` removes them).

Columns: ``id`` (sha256), the source and header fields as scalars
(``period_start``/``period_end``/``report_date`` as dates), ``trip_types``,
``destinations`` and ``warnings`` as lists of strings, and the nested fields
(``travelers``, ``sections``, ``itinerary``, ``entities``, ``officials``,
``dates``, ``contact``, ``provenance``, ``field_confidence``) as JSON strings, plus
``needs_review``, ``review_reasons`` and ``text``; every nested value carries its
``confidence``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from reportnlp.batch.manifest import Manifest
from reportnlp.batch.sinks import Durable, fsync_folder
from reportnlp.errors import InputError

log = logging.getLogger(__name__)

JSON_COLUMNS = ("travelers", "sections", "itinerary", "entities", "officials", "dates",
                "contact", "provenance", "field_confidence")

SCHEMA = pa.schema([
    ("id", pa.string()), ("path", pa.string()), ("media_type", pa.string()),
    ("pages", pa.int32()), ("ocr", pa.bool_()), ("encoding", pa.string()),
    ("schema_version", pa.string()), ("report_type", pa.string()), ("title", pa.string()),
    ("category", pa.string()), ("trip_types", pa.list_(pa.string())),
    ("organizer", pa.string()), ("period_start", pa.date32()), ("period_end", pa.date32()),
    ("report_date", pa.date32()), ("destinations", pa.list_(pa.string())),
    ("project_id", pa.string()), ("conference", pa.string()), ("paper_title", pa.string()),
    *[(name, pa.string()) for name in JSON_COLUMNS],
    ("warnings", pa.list_(pa.string())), ("needs_review", pa.bool_()),
    ("review_reasons", pa.list_(pa.string())), ("text", pa.string()),
])
PART_NAME = re.compile(r"^part-(\d{5,})\.parquet$")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def parquet_row(key: str, record: dict[str, Any]) -> dict[str, Any]:
    """One report as a row of :data:`SCHEMA`."""
    source = record.get("source") or {}
    period = record.get("period") or {}
    row = {
        "id": key, "path": source.get("path"), "media_type": source.get("media_type"),
        "pages": source.get("pages"), "ocr": bool(source.get("ocr")),
        "encoding": source.get("encoding"),
        "period_start": _date(period.get("start")), "period_end": _date(period.get("end")),
        "report_date": _date(record.get("report_date")),
    }
    for name in ("schema_version", "report_type", "title", "category", "trip_types",
                 "organizer", "destinations", "project_id", "conference", "paper_title",
                 "warnings", "review_reasons", "text"):
        row[name] = record.get(name)
    row["needs_review"] = bool(record.get("needs_review"))
    for name in JSON_COLUMNS:
        row[name] = json.dumps(record.get(name), ensure_ascii=False)
    return row


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """The reports of a Parquet output as contract records (the inverse of
    :func:`parquet_row`, less the ``id`` column)."""
    table = pq.read_table(path)
    for batch in table.to_batches():
        for row in batch.to_pylist():
            record = {name: json.loads(row[name]) if row.get(name) else None
                      for name in JSON_COLUMNS}
            record = {k: v for k, v in record.items() if v is not None}
            record["source"] = {k: row[k] for k in ("path", "media_type", "pages", "ocr",
                                                     "encoding")}
            if row["period_start"]:
                record["period"] = {"start": row["period_start"], "end": row["period_end"]}
            for name in ("schema_version", "report_type", "title", "category", "trip_types",
                         "organizer", "destinations", "project_id", "conference", "paper_title",
                         "warnings", "needs_review", "review_reasons", "text", "report_date"):
                if row.get(name) is not None:
                    record[name] = row[name]
            yield record


class ParquetSink:
    """Reports into ``DEST.parts/`` as they arrive, combined into DEST on close."""

    def __init__(self, path: Path, part_rows: int = 256) -> None:
        self.path = path
        self.parts = Path(f"{path}.parts")
        self.part_rows = part_rows
        self.state_key = "output:parquet_parts"
        self.committed = 0
        self.rows: list[dict[str, Any]] = []
        self.keys: list[str] = []

    def recover(self, manifest: Manifest) -> None:
        """Delete parts written after the last commit."""
        value = manifest.get(self.state_key)
        if value is None:
            if self.path.exists() or (self.parts.exists() and any(self.parts.iterdir())):
                raise InputError("E212", self.path, manifest=manifest.path)
            manifest.commit([], {self.state_key: "0"})
            value = "0"
        self.committed = int(value)
        self.parts.mkdir(parents=True, exist_ok=True)
        for part in self.parts.iterdir():
            match = PART_NAME.match(part.name)
            if match is None or int(match.group(1)) > self.committed:
                log.warning("%s: dropping %s, written after the last commit (redone)",
                            self.path, part.name)
                part.unlink()
        missing = [n for n in range(1, self.committed + 1) if not self._part(n).exists()]
        if missing:
            raise InputError("E211", self.path,
                             reason=f"{len(missing)} committed parts are missing")

    def _part(self, number: int) -> Path:
        return self.parts / f"part-{number:05d}.parquet"

    def write(self, key: str, record: dict[str, Any]) -> None:
        """Hold one report until its part is written."""
        self.rows.append(parquet_row(key, record))
        self.keys.append(key)

    def durable(self, final: bool = False) -> Durable:
        """Write a part when one is full (or, when ``final``, whatever is held)."""
        if not self.rows or (len(self.rows) < self.part_rows and not final):
            return [], {}
        number = self.committed + 1
        target = self._part(number)
        temporary = target.with_suffix(".tmp")
        pq.write_table(pa.Table.from_pylist(self.rows, schema=SCHEMA), temporary)
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        fsync_folder(self.parts)
        self.committed = number
        keys, self.keys, self.rows = self.keys, [], []
        return keys, {self.state_key: str(number)}

    def close(self) -> None:
        """Nothing to release: every part is closed once written."""

    def finish(self) -> None:
        """Combine the committed parts into DEST, one part in memory at a time."""
        temporary = Path(f"{self.path}.tmp")
        with pq.ParquetWriter(temporary, SCHEMA) as writer:
            for number in range(1, self.committed + 1):
                writer.write_table(pq.read_table(self._part(number), schema=SCHEMA))
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)
        fsync_folder(self.path.parent)
