"""One report as a page a person can check in a minute.

Left, the report's text with its section headings, dates, entities and officials
highlighted (one colour per label, displaCy-style); right, every extracted value with its
confidence and evidence, each linked to the place in the text it was read from. Every
highlight carries its offsets (``data-start``/``data-end``), so what the page shows can be
checked against the text the offsets point into. Plain HTML and CSS: no server, no script,
nothing fetched.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape

from reportnlp.confidence.assess import load_weights
from reportnlp.model import Report, Section


@dataclass(frozen=True)
class Mark:
    """A highlighted span of the text."""

    start: int
    end: int
    label: str  # PERSON, ORG, GPE, LOC, DATE, OFFICIAL, heading
    note: str = ""
    official: bool = False


def _headings(report: Report, sections: list[Section]) -> Iterator[Mark]:
    for section in sections:
        at = report.text.find(section.heading, section.start, section.end)
        if at >= 0 and section.heading:
            yield Mark(at, at + len(section.heading), "heading", section.kind)
        yield from _headings(report, section.children)


def _candidates(report: Report) -> list[Mark]:
    """Every span worth a highlight, in the order overlaps are settled: headings, then
    officials' names, entities, dates."""
    official_spans = {(o.start, o.end): o for o in report.officials if o.start is not None}
    marks = list(_headings(report, report.sections))
    for entity in report.entities:
        official = official_spans.pop((entity.start, entity.end), None)
        note = f"{entity.label} · {entity.normalized}"
        if official is not None:
            note += f" · {official.title or ''} {official.organization or ''}".rstrip()
        marks.append(Mark(entity.start, entity.end, entity.label, note, official is not None))
    for (start, end), official in official_spans.items():
        marks.append(Mark(start, end, "OFFICIAL",  # type: ignore[arg-type]
                          f"{official.title or ''} {official.organization or ''}".strip(), True))
    marks += [Mark(d.start, d.end, "DATE", f"{d.date}" + (f" – {d.end_date}" if d.end_date else ""))
              for d in report.dates]
    return marks


def non_overlapping(marks: Iterable[Mark]) -> list[Mark]:
    """The marks that do not overlap one taken before them, in text order."""
    starts: list[int] = []
    kept: list[Mark] = []
    for mark in marks:
        if mark.end <= mark.start:
            continue
        index = bisect.bisect_left(starts, mark.start)
        if index > 0 and kept[index - 1].end > mark.start:
            continue
        if index < len(kept) and kept[index].start < mark.end:
            continue
        starts.insert(index, mark.start)
        kept.insert(index, mark)
    return kept


def _text_html(text: str, marks: list[Mark], anchors: set[int]) -> str:
    """The text with its marks, and zero-width anchors (``at-N``) at the offsets values link
    to (an anchor that falls inside a mark stands just before it)."""
    pieces: list[str] = []
    points = sorted(a for a in anchors if 0 <= a <= len(text))
    position, next_point = 0, 0
    for mark in [*marks, Mark(len(text), len(text) + 1, "end")]:
        inside = []
        while next_point < len(points) and points[next_point] < mark.end:
            at = points[next_point]
            next_point += 1
            if at > mark.start:
                inside.append(at)
                continue
            pieces.append(escape(text[position:at]))
            pieces.append(f'<a class="anchor" id="at-{at}"></a>')
            position = at
        pieces.append(escape(text[position:mark.start]))
        pieces += [f'<a class="anchor" id="at-{at}"></a>' for at in inside]
        if mark.label == "end":
            break
        classes = mark.label + (" official" if mark.official else "")
        pieces.append(f'<mark class="{classes}" id="m-{mark.start}" data-start="{mark.start}" '
                      f'data-end="{mark.end}" title="{escape(mark.note)}">'
                      f"{escape(text[mark.start:mark.end])}</mark>")
        position = mark.end
    return "".join(pieces)


def badge(confidence: float | None) -> str:
    """A confidence as a coloured badge: green at or above the review threshold."""
    if confidence is None:
        return ""
    threshold = load_weights().review_threshold
    level = "high" if confidence >= threshold else "mid" if confidence >= 0.5 else "low"
    return f'<span class="badge {level}">{confidence:.2f}</span>'


def _evidence(evidence: list[str]) -> str:
    return f'<div class="evidence">{escape("; ".join(evidence))}</div>' if evidence else ""


def _link(offset: int | None, page: int | None, label: str = "↪") -> str:
    if offset is None:
        return ""
    where = f" p.{page}" if page else ""
    return f'<a href="#at-{offset}" title="offset {offset}{where}">{label}{where}</a>'


def _field_value(report: Report, name: str) -> str:
    value = getattr(report, name)
    if value in (None, []):
        return '<span class="evidence">—</span>'
    if name == "period":
        return f"{value.start} – {value.end}"
    if name == "contact":
        return escape(" ".join(v for v in (value.name, value.phone) if v))
    if name == "travelers":
        return f"{len(value)}"
    if isinstance(value, list):
        return escape("、".join(value))
    return escape(str(value))


def _fields(report: Report) -> str:
    rows = []
    for name, confidence in report.field_confidence.items():
        spans = report.provenance.get(name) or []
        link = _link(spans[0].start, spans[0].page) if spans else ""
        rows.append(f"<tr><th>{escape(name)}</th><td>{_field_value(report, name)} {link}"
                    f"{_evidence(confidence.evidence)}</td><td>{badge(confidence.confidence)}"
                    f"</td></tr>")
    return "<table>" + "".join(rows) + "</table>"


def _first(report: Report, value: str | None, near: int = 0) -> int | None:
    if not value:
        return None
    found = report.text.find(value, near)
    return found if found >= 0 else None


def _travelers(report: Report) -> str:
    header = "<tr><th>name</th><th>agency</th><th>unit</th><th>title</th><th></th></tr>"
    rows = [f"<tr><td>{escape(t.name or '')} {_link(_first(report, t.name), None)}</td>"
            f"<td>{escape(t.agency or '')}</td><td>{escape(t.unit or '')}</td>"
            f"<td>{escape(t.title or '')}</td><td>{badge(t.confidence)}{_evidence(t.evidence)}"
            f"</td></tr>" for t in report.travelers]
    return f"<table>{header}{''.join(rows)}</table>" if rows else "<p>none found</p>"


def _section_rows(report: Report, sections: list[Section], depth: int = 0) -> Iterator[str]:
    for section in sections:
        at = report.text.find(section.heading, section.start, section.end)
        link = f'<a href="#m-{at}">{escape(section.heading)}</a>' if at >= 0 else escape(
            section.heading)
        yield (f"<tr><td>{'　' * depth}{link}</td><td>{section.kind}</td>"
               f"<td>{badge(section.confidence)}</td></tr>")
        yield from _section_rows(report, section.children, depth + 1)


def _itinerary(report: Report) -> str:
    rows = [f"<tr><td>{row.date}{' – ' + str(row.end_date) if row.end_date else ''} "
            f"{_link(row.start, row.page)}</td><td>{escape(row.location or '')}</td>"
            f"<td>{escape((row.activity or '')[:80])}</td><td>{badge(row.confidence)}</td></tr>"
            for row in report.itinerary]
    return "<table>" + "".join(rows) + "</table>" if rows else "<p>none found</p>"


def _officials(report: Report) -> str:
    rows = [f"<tr><td>{escape(o.name)} {_link(o.start, o.page)}</td>"
            f"<td>{escape(o.title or '')}</td><td>{escape(o.organization or '')}</td>"
            f"<td>{badge(o.confidence)}</td></tr>" for o in report.officials]
    return "<table>" + "".join(rows) + "</table>" if rows else "<p>none found</p>"


def _entities(report: Report) -> str:
    groups: dict[tuple[str, str], list] = {}
    for entity in report.entities:
        groups.setdefault((entity.label, entity.normalized), []).append(entity)
    rows = [f'<tr><td><a href="#m-{found[0].start}">{escape(name)}</a></td><td>{label}</td>'
            f"<td>{len(found)}</td><td>{badge(min(e.confidence or 0 for e in found))}</td></tr>"
            for (label, name), found in sorted(groups.items())]
    return ("<table><tr><th>entity</th><th>label</th><th>mentions</th><th>lowest</th></tr>"
            + "".join(rows) + "</table>")


LEGEND = "".join(f'<mark class="{label}">{label}</mark>'
                 for label in ("PERSON", "ORG", "GPE", "LOC", "DATE", "OFFICIAL", "heading"))


def review_banner(report: Report) -> str:
    """Why the report needs review, or that it does not."""
    if report.needs_review:
        reasons = "".join(f"<li>{escape(r)}</li>" for r in report.review_reasons)
        return f'<div class="review"><b>Needs review</b><ul>{reasons}</ul></div>'
    return '<div class="ok">Every header field and traveler is above the review threshold.</div>'


def render_report(report: Report, css: str, index_href: str | None = None) -> str:
    """The review page of one report, as a complete HTML document."""
    anchors = {spans[0].start for spans in report.provenance.values() if spans}
    anchors |= {row.start for row in report.itinerary if row.start is not None}
    anchors |= {o.start for o in report.officials if o.start is not None}
    anchors |= {at for t in report.travelers if (at := _first(report, t.name)) is not None}
    marks = non_overlapping(_candidates(report))
    title = report.title or report.source.path or "report"
    back = f'<a href="{escape(index_href)}">← all reports</a>' if index_href else ""
    sections = "".join(_section_rows(report, report.sections))
    return f"""<!DOCTYPE html>
<html lang="zh-Hant"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>{css}</style></head><body>
<header>{back}<h1>{escape(title)}</h1><div>{escape(report.source.path or '')}
{f' · {report.source.pages} pages' if report.source.pages else ''}
{' · OCR pages ' + ', '.join(map(str, report.source.ocr_pages)) if report.source.ocr_pages else ''}
</div></header>
{review_banner(report)}
<main class="report">
<div><div class="legend">{LEGEND}</div>
<div class="text" id="text">{_text_html(report.text, marks, anchors)}</div></div>
<div class="fields">
<h2>Header</h2>{_fields(report)}
<h2>Travelers</h2>{_travelers(report)}
<h2>Sections</h2><table>{sections}</table>
<h2>Itinerary</h2>{_itinerary(report)}
<h2>Officials</h2>{_officials(report)}
<h2>Entities</h2>{_entities(report)}
<h2>Warnings</h2><ul>{''.join(f'<li>{escape(w)}</li>' for w in report.warnings)}</ul>
</div></main></body></html>
"""


def lowest_confidence(report: Report) -> float:
    """The lowest confidence among the report's header fields and travelers."""
    values = [c.confidence for c in report.field_confidence.values()]
    values += [t.confidence for t in report.travelers if t.confidence is not None]
    return min(values, default=1.0)
