"""Write the review pages of many reports, and the index that sends a person to the ones
that need checking first.

``reportnlp review FILE... --out DIR`` parses the files; ``reportnlp batch … --review DIR``
reads back what the batch wrote (JSON Lines, SQLite or Parquet) and its errors file, so a
file that failed is listed with its reason beside the ones that parsed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any

from reportnlp.model import Report
from reportnlp.review.charts import bar_chart, top_agencies, top_destinations, trips_per_year
from reportnlp.review.page import badge, lowest_confidence, render_report


@dataclass(frozen=True)
class Failure:
    """An input that did not parse, and why."""

    path: str
    reason: str


def stylesheet() -> str:
    """The pages' CSS (inlined in every page, so a page works on its own)."""
    return files("reportnlp.review").joinpath("review.css").read_text(encoding="utf-8")


def page_name(report: Report) -> str:
    """A stable file name for a report's page: its file's stem and content hash."""
    stem = Path(report.source.path).stem if report.source.path else "report"
    digest = report.source.sha256 or hashlib.sha256(report.text.encode()).hexdigest()
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in stem)[:60]
    return f"{safe}-{digest[:10]}.html"


def review_order(reports: Iterable[Report]) -> list[Report]:
    """Reports that need review first, the least sure first; then the others."""
    return sorted(reports, key=lambda r: (not r.needs_review, lowest_confidence(r),
                                          r.source.path or ""))


def _row(report: Report) -> str:
    period = f"{report.period.start} – {report.period.end}" if report.period else ""
    agency = next((t.agency for t in report.travelers if t.agency), report.organizer) or ""
    reasons = "<br>".join(escape(r) for r in report.review_reasons[:3])
    more = f" (+{len(report.review_reasons) - 3})" if len(report.review_reasons) > 3 else ""
    status = "needs review" if report.needs_review else "ok"
    return (f'<tr class="{"needs-review" if report.needs_review else "ok"}">'
            f'<td><a href="{page_name(report)}">{escape(report.title or report.source.path or "?")}'
            f"</a></td><td>{status}</td><td>{badge(lowest_confidence(report))}</td>"
            f"<td>{period}</td><td>{escape(agency)}</td>"
            f"<td>{escape('、'.join(report.destinations))}</td><td>{reasons}{more}</td></tr>")


def render_index(reports: list[Report], failures: list[Failure], css: str) -> str:
    """The batch's index page: counts, charts of what the archive holds, the reports (needs
    review first) and the inputs that failed."""
    ordered = review_order(reports)
    flagged = sum(r.needs_review for r in reports)
    failed = "".join(f'<tr class="failed"><td>{escape(f.path)}</td><td>{escape(f.reason)}</td></tr>'
                     for f in failures)
    charts = "".join(f"<figure><figcaption>{caption}</figcaption>{bar_chart(counts)}</figure>"
                     for caption, counts in (("Trips per year", trips_per_year(reports)),
                                             ("Top destinations", top_destinations(reports)),
                                             ("Top agencies", top_agencies(reports))))
    return f"""<!DOCTYPE html>
<html lang="zh-Hant"><head><meta charset="utf-8"><title>reportnlp review</title>
<style>{css}</style></head><body>
<header><h1>reportnlp review</h1><div>{len(reports)} reports parsed · {flagged} need review ·
{len(failures)} failed</div></header>
<section class="index">
<h2>What the archive holds</h2><div class="charts">{charts}</div>
<h2>Reports (needs review first)</h2>
<table id="reports"><tr><th>report</th><th>status</th><th>lowest</th><th>period</th>
<th>agency</th><th>destinations</th><th>why</th></tr>
{''.join(_row(r) for r in ordered)}</table>
<h2>Failed inputs</h2>
<table id="failed"><tr><th>input</th><th>reason</th></tr>{failed}</table>
</section></body></html>
"""


def write_review(reports: Iterable[Report], out: Path,
                 failures: Iterable[Failure] = ()) -> Path:
    """Write one page per report and ``index.html`` into ``out``; returns the index's path."""
    out.mkdir(parents=True, exist_ok=True)
    css = stylesheet()
    kept = []
    for report in reports:
        (out / page_name(report)).write_text(render_report(report, css, "index.html"),
                                             encoding="utf-8")
        kept.append(report.model_copy(update={"text": "", "entities": [], "dates": []}))
    index = out / "index.html"
    index.write_text(render_index(kept, list(failures), css), encoding="utf-8")
    return index


def _records(dest: Path) -> Iterator[dict[str, Any]]:
    """The records a batch wrote into DEST, whatever its format."""
    suffix = dest.suffix.lower()
    if suffix == ".jsonl":
        with dest.open(encoding="utf-8") as lines:
            yield from (json.loads(line) for line in lines if line.strip())
    elif suffix in (".sqlite", ".sqlite3", ".db"):
        import sqlite3

        with sqlite3.connect(dest) as db:
            for (raw,) in db.execute("SELECT raw FROM reports ORDER BY rowid"):
                yield json.loads(raw)
    else:
        from reportnlp.batch.parquet_sink import read_records

        yield from read_records(dest)


def batch_reports(dest: Path) -> Iterator[Report]:
    """The reports of a finished batch, read back from its output."""
    for record in _records(dest):
        record.pop("id", None)
        yield Report.model_validate(record)


def batch_failures(errors: Path) -> list[Failure]:
    """The inputs the batch's errors file lists, with their reasons."""
    if not errors.exists():
        return []
    failures = []
    for line in errors.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            failures.append(Failure(str(record.get("path")), str(record.get("reason"))))
    return failures
