"""SQLite output: one row per report in ``reports`` and normalised child tables.

Tables (every child has ``report_id`` → ``reports.id`` with ``ON DELETE
CASCADE``, and ``position``, its order in the report):

- ``reports``: ``id`` (sha256 of the file), ``path``, ``title``, ``report_type``,
  ``category``, ``organizer``, ``period_start``, ``period_end``, ``report_date``
  (ISO dates), ``destinations`` and ``trip_types`` (JSON arrays), ``raw`` (the
  whole Report as JSON), and a few more source/header columns.
- ``travelers`` (name, agency, unit, title), ``destinations`` (name),
  ``sections`` (a tree through ``parent_id``), ``itinerary`` (date, end_date,
  location, activity), ``entities`` (text, label, normalized), ``officials``
  (name, title, organization), ``dates`` (text, date, end_date).
  Offsets into the report's text are ``start_offset``/``end_offset``.
- the view ``trips``: who went where, when, one row per traveler × destination.
- confidence (0–1, see ``reportnlp.confidence``): ``reports.needs_review``,
  ``review_reasons`` and ``<field>_confidence``; ``confidence`` on every child row.
- ``sections_fts`` and ``reports_fts``: full-text indexes of section headings and texts and of
  titles, segmented into words, which ``DEST.metadata.json`` points Datasette to.

Who went to 斯里蘭卡, and when::

    SELECT traveler, period_start, period_end FROM trips WHERE destination = '斯里蘭卡';
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

from reportnlp.batch.datasette import searchable, write_metadata
from reportnlp.batch.manifest import Manifest
from reportnlp.batch.sinks import Durable
from reportnlp.errors import InputError

log = logging.getLogger(__name__)

CHILD = ("report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE, "
         "position INTEGER NOT NULL")
SPAN = "start_offset INTEGER, end_offset INTEGER, page INTEGER"
CONFIDENCE = "confidence REAL"
LAYOUT = "reportnlp.batch.sqlite.v2"
# Header fields whose confidence gets a column of its own (``period_confidence`` …).
CONFIDENT_FIELDS = ("report_type", "title", "category", "trip_types", "organizer", "contact",
                    "travelers", "period", "destinations", "report_date")

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY, path TEXT, media_type TEXT, pages INTEGER, ocr INTEGER,
    encoding TEXT, schema_version TEXT, report_type TEXT, title TEXT, category TEXT,
    trip_types TEXT, organizer TEXT, contact_name TEXT, contact_phone TEXT,
    period_start TEXT, period_end TEXT, report_date TEXT, destinations TEXT,
    project_id TEXT, conference TEXT, paper_title TEXT, warnings TEXT,
    needs_review INTEGER NOT NULL DEFAULT 0, review_reasons TEXT,
    {", ".join(f"{name}_confidence REAL" for name in CONFIDENT_FIELDS)}, raw TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS travelers (
    {CHILD}, name TEXT, agency TEXT, unit TEXT, title TEXT, {CONFIDENCE}
);
CREATE TABLE IF NOT EXISTS destinations ({CHILD}, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sections (
    id INTEGER PRIMARY KEY, {CHILD},
    parent_id INTEGER REFERENCES sections(id) ON DELETE CASCADE, depth INTEGER NOT NULL,
    kind TEXT NOT NULL, heading TEXT, text TEXT, {SPAN}, {CONFIDENCE}
);
CREATE TABLE IF NOT EXISTS itinerary (
    {CHILD}, date TEXT NOT NULL, end_date TEXT, location TEXT, activity TEXT, {SPAN},
    {CONFIDENCE}
);
CREATE TABLE IF NOT EXISTS entities (
    {CHILD}, text TEXT NOT NULL, label TEXT NOT NULL, normalized TEXT, {SPAN}, {CONFIDENCE}
);
CREATE TABLE IF NOT EXISTS officials (
    {CHILD}, name TEXT NOT NULL, title TEXT, organization TEXT, {SPAN}, {CONFIDENCE}
);
CREATE TABLE IF NOT EXISTS dates (
    {CHILD}, text TEXT NOT NULL, date TEXT NOT NULL, end_date TEXT, {SPAN}
);
-- Full-text search (Datasette's ?_search=): section headings and texts, report titles,
-- segmented into words (jieba's search mode) so that a Chinese word finds the text it is in.
-- rowid is sections.id / reports.rowid; the sink writes both as it writes the rows.
CREATE VIRTUAL TABLE IF NOT EXISTS sections_fts USING fts5(heading, text);
CREATE VIRTUAL TABLE IF NOT EXISTS reports_fts USING fts5(title);
CREATE TRIGGER IF NOT EXISTS sections_fts_delete AFTER DELETE ON sections BEGIN
    DELETE FROM sections_fts WHERE rowid = old.id;
END;
CREATE TRIGGER IF NOT EXISTS reports_fts_delete AFTER DELETE ON reports BEGIN
    DELETE FROM reports_fts WHERE rowid = old.rowid;
END;
CREATE INDEX IF NOT EXISTS ix_reports_period ON reports (period_start, period_end);
CREATE INDEX IF NOT EXISTS ix_reports_review ON reports (needs_review);
CREATE INDEX IF NOT EXISTS ix_reports_organizer ON reports (organizer);
CREATE INDEX IF NOT EXISTS ix_travelers_report ON travelers (report_id);
CREATE INDEX IF NOT EXISTS ix_travelers_name ON travelers (name);
CREATE INDEX IF NOT EXISTS ix_destinations_report ON destinations (report_id);
CREATE INDEX IF NOT EXISTS ix_destinations_name ON destinations (name);
CREATE INDEX IF NOT EXISTS ix_sections_report ON sections (report_id);
CREATE INDEX IF NOT EXISTS ix_sections_parent ON sections (parent_id);
CREATE INDEX IF NOT EXISTS ix_sections_kind ON sections (kind);
CREATE INDEX IF NOT EXISTS ix_itinerary_report ON itinerary (report_id);
CREATE INDEX IF NOT EXISTS ix_itinerary_date ON itinerary (date);
CREATE INDEX IF NOT EXISTS ix_entities_report ON entities (report_id);
CREATE INDEX IF NOT EXISTS ix_entities_text ON entities (text);
CREATE INDEX IF NOT EXISTS ix_entities_label ON entities (label, normalized);
CREATE INDEX IF NOT EXISTS ix_officials_report ON officials (report_id);
CREATE INDEX IF NOT EXISTS ix_officials_name ON officials (name);
CREATE INDEX IF NOT EXISTS ix_dates_report ON dates (report_id);
CREATE INDEX IF NOT EXISTS ix_dates_date ON dates (date);
CREATE VIEW IF NOT EXISTS trips AS
    SELECT r.id AS report_id, t.name AS traveler, t.agency, t.title AS traveler_title,
           d.name AS destination, r.period_start, r.period_end, r.title, r.path
    FROM reports r
    LEFT JOIN travelers t ON t.report_id = r.id
    LEFT JOIN destinations d ON d.report_id = r.id;
"""

_REPORT_COLUMNS = (
    "id", "path", "media_type", "pages", "ocr", "encoding", "schema_version", "report_type",
    "title", "category", "trip_types", "organizer", "contact_name", "contact_phone",
    "period_start", "period_end", "report_date", "destinations", "project_id", "conference",
    "paper_title", "warnings", "needs_review", "review_reasons",
    *(f"{name}_confidence" for name in CONFIDENT_FIELDS), "raw",
)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def report_row(key: str, record: dict[str, Any]) -> dict[str, Any]:
    """The scalar columns of one report (nested lists as JSON text)."""
    source = record.get("source") or {}
    confidence = record.get("field_confidence") or {}
    contact = record.get("contact") or {}
    period = record.get("period") or {}
    return {
        "id": key, "path": source.get("path"), "media_type": source.get("media_type"),
        "pages": source.get("pages"), "ocr": int(bool(source.get("ocr"))),
        "encoding": source.get("encoding"), "schema_version": record.get("schema_version"),
        "report_type": record.get("report_type"), "title": record.get("title"),
        "category": record.get("category"), "trip_types": _json(record.get("trip_types", [])),
        "organizer": record.get("organizer"), "contact_name": contact.get("name"),
        "contact_phone": contact.get("phone"), "period_start": period.get("start"),
        "period_end": period.get("end"), "report_date": record.get("report_date"),
        "destinations": _json(record.get("destinations", [])),
        "project_id": record.get("project_id"), "conference": record.get("conference"),
        "paper_title": record.get("paper_title"), "warnings": _json(record.get("warnings", [])),
        "needs_review": int(bool(record.get("needs_review"))),
        "review_reasons": _json(record.get("review_reasons", [])),
        **{f"{name}_confidence": (confidence.get(name) or {}).get("confidence")
           for name in CONFIDENT_FIELDS},
        "raw": _json(record),
    }


class SqliteSink:
    """Reports into a SQLite database, committed in groups (WAL, ``synchronous=FULL``)."""

    def __init__(self, path: Path, manifest_path: Path) -> None:
        self.path = path
        self.manifest_path = manifest_path
        self.state_key = "output:sqlite"
        self.db: sqlite3.Connection | None = None
        self.pending: list[str] = []

    def recover(self, manifest: Manifest) -> None:
        """Open the database and delete reports the manifest never committed."""
        known = manifest.get(self.state_key) is not None
        if not known and self.path.exists() and self.path.stat().st_size:
            raise InputError("E212", self.path, manifest=manifest.path)
        if known and not self.path.exists() and manifest.count("ok"):
            raise InputError("E211", self.path, reason="the database is missing")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        db.executescript(SCHEMA)
        db.execute("INSERT OR IGNORE INTO meta VALUES ('layout', ?)", (LAYOUT,))
        layout = db.execute("SELECT value FROM meta WHERE key = 'layout'").fetchone()[0]
        if layout != LAYOUT:
            db.close()
            raise InputError("E211", self.path, reason=f"it was written as {layout}, this "
                             f"version writes {LAYOUT}")
        self.db = db
        if not known:
            manifest.commit([], {self.state_key: "1"})
            return
        db.execute("ATTACH DATABASE ? AS manifest", (str(self.manifest_path),))
        try:
            with db:
                db.execute("BEGIN IMMEDIATE")
                dropped = db.execute(
                    "DELETE FROM reports WHERE id NOT IN "
                    "(SELECT key FROM manifest.files WHERE status = 'ok')").rowcount
            missing = db.execute(
                "SELECT count(*) FROM manifest.files WHERE status = 'ok' "
                "AND key NOT IN (SELECT id FROM reports)").fetchone()[0]
        finally:
            db.execute("DETACH DATABASE manifest")
        if dropped:
            log.warning("%s: dropped %d reports written after the last commit (they are redone)",
                        self.path, dropped)
        if missing:
            raise InputError("E211", self.path,
                             reason=f"{missing} reports the manifest committed are missing")

    def write(self, key: str, record: dict[str, Any]) -> None:
        """Insert one report and its child rows (in the open transaction)."""
        db = self.db
        assert db is not None, "recover() opens the database"
        if not db.in_transaction:
            db.execute("BEGIN")
        row = report_row(key, record)
        db.execute("DELETE FROM reports WHERE id = ?", (key,))
        cursor = db.execute(f"INSERT INTO reports ({', '.join(_REPORT_COLUMNS)}) "
                            f"VALUES ({', '.join('?' * len(_REPORT_COLUMNS))})",
                            [row[c] for c in _REPORT_COLUMNS])
        db.execute("INSERT INTO reports_fts (rowid, title) VALUES (?, ?)",
                   (cursor.lastrowid, searchable(record.get("title"))))
        db.executemany(
            "INSERT INTO travelers VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(key, i, t.get("name"), t.get("agency"), t.get("unit"), t.get("title"),
              t.get("confidence")) for i, t in enumerate(record.get("travelers", []))])
        db.executemany("INSERT INTO destinations VALUES (?, ?, ?)",
                       [(key, i, d) for i, d in enumerate(record.get("destinations", []))])
        for i, section in enumerate(record.get("sections", [])):
            self._section(key, section, i, None, 0)
        db.executemany(
            "INSERT INTO itinerary VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(key, i, r["date"], r.get("end_date"), r.get("location"), r.get("activity"),
              r.get("start"), r.get("end"), r.get("page"), r.get("confidence"))
             for i, r in enumerate(record.get("itinerary", []))])
        db.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(key, i, e["text"], e["label"], e.get("normalized"), e["start"], e["end"],
              e.get("page"), e.get("confidence"))
             for i, e in enumerate(record.get("entities", []))])
        db.executemany(
            "INSERT INTO officials VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(key, i, o["name"], o.get("title"), o.get("organization"), o.get("start"),
              o.get("end"), o.get("page"), o.get("confidence"))
             for i, o in enumerate(record.get("officials", []))])
        db.executemany(
            "INSERT INTO dates VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(key, i, d["text"], d["date"], d.get("end_date"), d["start"], d["end"],
              d.get("page")) for i, d in enumerate(record.get("dates", []))])
        self.pending.append(key)

    def _section(self, key: str, section: dict[str, Any], position: int, parent: int | None,
                 depth: int) -> None:
        assert self.db is not None
        cursor = self.db.execute(
            "INSERT INTO sections (report_id, position, parent_id, depth, kind, heading, text, "
            "start_offset, end_offset, page, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, position, parent, depth, section["kind"], section.get("heading"),
             section.get("text"), section.get("start"), section.get("end"), section.get("page"),
             section.get("confidence")))
        self.db.execute("INSERT INTO sections_fts (rowid, heading, text) VALUES (?, ?, ?)",
                        (cursor.lastrowid, searchable(section.get("heading")),
                         searchable(section.get("text"))))
        for i, child in enumerate(section.get("children", [])):
            self._section(key, child, i, cursor.lastrowid, depth + 1)

    def durable(self, final: bool = False) -> Durable:
        """Commit the open transaction; every report written is now durable."""
        if self.db is not None and self.db.in_transaction:
            self.db.execute("COMMIT")
        keys, self.pending = self.pending, []
        return keys, {}

    def finish(self) -> None:
        """Fold the WAL into the database file, so DEST is whole on its own, and describe it
        for Datasette beside it (``DEST.metadata.json``)."""
        if self.db is not None:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            write_metadata(self.path)

    def close(self) -> None:
        """Close the database (an open transaction is rolled back)."""
        if self.db is not None:
            self.db.close()
            self.db = None
