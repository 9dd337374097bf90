"""Make a batch's SQLite open in Datasette at once: searchable text and a metadata file.

``datasette out.sqlite -m out.metadata.json`` then shows every table with its description,
links each child row to its report by the report's title, and answers ``?_search=`` on
sections and reports through the full-text indexes the SQLite sink fills. FTS5's own
tokenizer splits on spaces and punctuation, which Chinese text has few of, so the indexed
text is the words jieba finds (search mode: 交通部 is indexed as 交通, 交通部), with the
traditional form of a simplified text indexed beside it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TABLES: dict[str, dict[str, Any]] = {
    "reports": {
        "description": "One row per report: header fields, review flag and per-field "
                       "confidence (0–1); raw holds the whole Report as JSON.",
        "label_column": "title",
        "fts_table": "reports_fts", "fts_pk": "rowid",
        "sort_desc": "needs_review",
        "columns": {
            "id": "sha256 of the file's content",
            "needs_review": "1 when a header field or traveler is below the review threshold",
            "review_reasons": "which values sent the report to review, and why (JSON)",
            "period_start": "出國期間, first day (ISO)", "period_end": "出國期間, last day (ISO)",
            "organizer": "出國計畫主辦機關", "trip_types": "出國類別 (JSON array)",
            "destinations": "出國地區 as written (JSON array)", "report_date": "報告日期 (ISO)",
        },
    },
    "travelers": {"description": "出國人員: one row per traveler", "label_column": "name",
                  "columns": {"agency": "服務機關", "unit": "服務單位", "title": "職稱",
                              "confidence": "probability the row is right"}},
    "destinations": {"description": "One row per destination as written",
                     "label_column": "name"},
    "sections": {"description": "Sections as a tree (parent_id); kind is the contract's "
                                "section kind", "label_column": "heading",
                 "fts_table": "sections_fts", "fts_pk": "id",
                 "columns": {"start_offset": "character offset into the report's text",
                             "end_offset": "character offset into the report's text"}},
    "itinerary": {"description": "One row per itinerary day or range", "label_column": "date"},
    "entities": {"description": "Every PERSON / ORG / GPE mention, with offsets",
                 "label_column": "text",
                 "facets": ["label"]},
    "officials": {"description": "People written with a title", "label_column": "name"},
    "dates": {"description": "Every date mention, ISO", "label_column": "text"},
    "trips": {"description": "Who went where, when: traveler × destination"},
    "sections_fts": {"hidden": True}, "reports_fts": {"hidden": True},
    "meta": {"hidden": True},
}


def searchable(text: str | None) -> str:
    """``text`` as space-separated words for the full-text index (its traditional form too,
    when it is written in simplified characters)."""
    if not text:
        return ""
    from reportnlp.text.normalize import to_traditional
    from reportnlp.text.segment import segmenter

    forms = [text]
    traditional = to_traditional(text)
    if traditional != text:
        forms.append(traditional)
    return " ".join(word for form in forms for word in segmenter().cut_for_search(form)
                    if word.strip())


def metadata(database: Path) -> dict[str, Any]:
    """Datasette metadata for a batch database (tables, labels, search)."""
    return {
        "title": "reportnlp: Taiwanese government trip reports",
        "description": "Parsed by reportnlp; reports that need review sort first. "
                       "Search sections and titles with the search box.",
        "databases": {database.stem: {"tables": TABLES}},
    }


def write_metadata(database: Path) -> Path:
    """Write ``<database>.metadata.json`` beside the database and return its path."""
    target = database.with_suffix(".metadata.json")
    target.write_text(json.dumps(metadata(database), ensure_ascii=False, indent=1) + "\n",
                      encoding="utf-8")
    return target
