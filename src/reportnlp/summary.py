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
    """Print one row per report: who went where, when, and how much was found."""
    console = console or Console(width=max(Console().width, 120))
    table = Table(title=f"{len(reports)} reports parsed, {failed} failed", show_lines=False)
    table.add_column("file", no_wrap=True, overflow="ellipsis", max_width=24)
    table.add_column("type", no_wrap=True, min_width=4)
    table.add_column("period", no_wrap=True, min_width=14)
    table.add_column("where", no_wrap=True, overflow="ellipsis", max_width=20)
    table.add_column("travelers", no_wrap=True, overflow="ellipsis", max_width=22)
    for column in ("sect", "itin", "ents", "offic", "warn"):
        table.add_column(column, justify="right", no_wrap=True, min_width=len(column))
    for report in reports:
        period = "—"
        if report.period:
            days = (report.period.end - report.period.start).days + 1
            period = f"{report.period.start} {days}d"
        table.add_row(
            _cut((report.source.path or "").rsplit("/", 1)[-1], 26),
            report.report_type or "—",
            period,
            _cut("、".join(report.destinations), 14),
            _cut("、".join(t.name for t in report.travelers if t.name), 16),
            str(len(report.sections)),
            str(len(report.itinerary)),
            str(len(report.entities)),
            str(len(report.officials)),
            str(len(report.warnings)),
        )
    console.print(table)
