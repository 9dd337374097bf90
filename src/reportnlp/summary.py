"""A readable table of parsed reports, for the terminal (``reportnlp parse --summary``)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from reportnlp.model import Report


def _cut(value: str | None, width: int) -> str:
    if not value:
        return "—"
    return value if len(value) <= width else value[: width - 1] + "…"


def print_summary(reports: list[Report], failed: int = 0, console: Console | None = None) -> None:
    """Print one row per report: who went where, when, and what was found."""
    console = console or Console()
    table = Table(title=f"{len(reports)} reports parsed, {failed} failed", show_lines=False)
    for column in ("file", "type", "title", "period", "where", "travelers", "sections",
                   "itinerary", "entities", "officials", "warnings"):
        table.add_column(column, overflow="fold")
    for report in reports:
        period = (f"{report.period.start}..{report.period.end}" if report.period else "—")
        travelers = "、".join(t.name for t in report.travelers if t.name)
        table.add_row(
            _cut((report.source.path or "").rsplit("/", 1)[-1], 28),
            report.report_type or "—",
            _cut(report.title, 30),
            period,
            _cut("、".join(report.destinations), 14),
            _cut(travelers, 14),
            str(len(report.sections)),
            str(len(report.itinerary)),
            str(len(report.entities)),
            str(len(report.officials)),
            str(len(report.warnings)),
        )
    console.print(table)
