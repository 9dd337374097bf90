"""What an archive holds, drawn as inline SVG bar charts (no plotting library, no script)."""

from __future__ import annotations

from collections import Counter
from html import escape

from reportnlp.model import Report


def bar_chart(counts: list[tuple[str, int]], width: int = 420, bar: int = 16) -> str:
    """Horizontal bars, one per ``(label, count)``, in the order given."""
    if not counts:
        return "<p>nothing to show</p>"
    label_width = 150
    largest = max(n for _, n in counts) or 1
    rows = []
    for index, (label, count) in enumerate(counts):
        y = index * (bar + 4)
        length = (width - label_width - 40) * count / largest
        rows.append(f'<text x="{label_width - 6}" y="{y + bar - 4}" text-anchor="end">'
                    f"{escape(label[:18])}</text>"
                    f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar}" '
                    f'fill="#4f7cac"><title>{escape(label)}: {count}</title></rect>'
                    f'<text x="{label_width + length + 4:.1f}" y="{y + bar - 4}">{count}</text>')
    height = len(counts) * (bar + 4)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'role="img">{"".join(rows)}</svg>')


def trips_per_year(reports: list[Report]) -> list[tuple[str, int]]:
    """Reports by the year their trip began, in year order."""
    years = Counter(str(r.period.start.year) for r in reports if r.period)
    return sorted(years.items())


def top_destinations(reports: list[Report], top: int = 15) -> list[tuple[str, int]]:
    """The places most often travelled to (each counted once per report)."""
    return Counter(d for r in reports for d in set(r.destinations)).most_common(top)


def top_agencies(reports: list[Report], top: int = 15) -> list[tuple[str, int]]:
    """The agencies most often travelling: the travelers' agencies, else the organiser
    (each counted once per report)."""
    counts: Counter[str] = Counter()
    for report in reports:
        agencies = {t.agency for t in report.travelers if t.agency} or (
            {report.organizer} if report.organizer else set())
        counts.update(agencies)
    return counts.most_common(top)
