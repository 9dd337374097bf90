"""Compose the stages: RawDocument -> Text -> Layout -> Report.

``parse_text`` and ``parse_file`` are thin calls into :func:`parse_document`.
Every stage reads the *analysis* text (traditional script, same offsets), and
every string that reaches the Report is cut from the text *as written* at the
same offsets, so a simplified report keeps its characters.
"""

from __future__ import annotations

import logging
from pathlib import Path

from reportnlp.confidence.assess import assess
from reportnlp.dates import scan_dates
from reportnlp.errors import InputError, ReportNLPError
from reportnlp.extract.header_fields import HeaderValues, extract_header
from reportnlp.extract.itinerary import extract_itinerary
from reportnlp.io import RawDocument, read_document
from reportnlp.io.ocr import engine_name
from reportnlp.limits import max_chars
from reportnlp.model import (
    DateMention,
    Entity,
    ItineraryRow,
    Official,
    Period,
    Report,
    Section,
    Source,
    Span,
    Traveler,
)
from reportnlp.structure.sections import SectionNode, find_sections
from reportnlp.text import Text, normalize
from reportnlp.text.normalize import to_traditional

log = logging.getLogger(__name__)


class _Writer:
    """Cuts values out of the text as written, at the offsets found in the analysis text."""

    def __init__(self, text: Text) -> None:
        self.text = text
        self.identity = text.text == text.analysis

    def at(self, start: int, end: int) -> str:
        return self.text.text[start:end]

    def written(self, value: str | None, near: int = 0) -> str | None:
        if value is None or self.identity:
            return value
        index = self.text.analysis.find(value, near)
        if index < 0:
            index = self.text.analysis.find(value)
        return self.text.text[index : index + len(value)] if index >= 0 else value


def _section(node: SectionNode, writer: _Writer) -> Section:
    return Section(
        kind=node.kind,
        heading=writer.at(node.heading.line.start, node.heading.line.end).strip(),
        text=writer.at(node.start, node.end),
        start=node.start,
        end=node.end,
        page=writer.text.page_of(node.start),
        children=[_section(child, writer) for child in node.children],
    )


def _header_end(nodes: list[SectionNode], text: str) -> int:
    return nodes[0].start if nodes else min(len(text), 3000)


def _travelers(header: HeaderValues, writer: _Writer) -> list[Traveler]:
    return [
        Traveler(name=writer.written(t.name), agency=writer.written(t.agency),
                 unit=writer.written(t.unit), title=writer.written(t.title))
        for t in header.travelers
    ]


WINDOW = 50_000  # characters of text the entity stage reads at once


def windows(text: str, size: int = WINDOW) -> list[tuple[int, int]]:
    """``text`` cut into pieces of at most ``size`` characters, at a paragraph break where
    there is one (else a line break, else anywhere), so that the entity stage's cost grows
    linearly with the text and no piece reaches spaCy's length limit."""
    pieces, start = [], 0
    while len(text) - start > size:
        stop = start + size
        cut = max(text.rfind("\n\n", start + size // 2, stop), text.rfind("\n", start + size // 2, stop))
        stop = cut + 1 if cut > start else stop
        pieces.append((start, stop))
        start = stop
    pieces.append((start, len(text)))
    return pieces


def _entities_and_officials(
    text: Text, writer: _Writer, travelers: list[Traveler]
) -> tuple[list[Entity], list[Official]]:
    from reportnlp.ner.components import entity_matches
    from reportnlp.ner.pipeline import load_nlp

    nlp = load_nlp()
    known_people = tuple(
        to_traditional(t.name) if text.script == "s" else t.name for t in travelers if t.name)
    entities: list[Entity] = []
    mentions = []
    for start, stop in windows(text.analysis):
        doc = nlp.make_doc(text.analysis[start:stop])
        doc.user_data["reportnlp.known_people"] = known_people
        for _, component in nlp.pipeline:
            doc = component(doc)
        entities += [
            Entity(text=writer.at(start + m.start, start + m.end), label=m.label,
                   start=start + m.start, end=start + m.end,
                   normalized=m.normalized or doc.text[m.start:m.end],
                   page=text.page_of(start + m.start))
            for m in entity_matches(doc)
        ]
        mentions += [(start, mention) for mention in doc._.officials]
    officials: list[Official] = []
    seen: set[tuple[str, str | None, str | None]] = set()
    for traveler in travelers:
        if traveler.name and traveler.title:
            key = (traveler.name, traveler.title, traveler.agency)
            if key not in seen:
                seen.add(key)
                officials.append(Official(name=traveler.name, title=traveler.title,
                                          organization=traveler.agency))
    for offset, mention in mentions:
        name = writer.at(offset + mention.start, offset + mention.end)
        key = (name, writer.written(mention.title), writer.written(mention.organization))
        if key in seen:
            continue
        seen.add(key)
        officials.append(Official(name=name, title=key[1], organization=key[2],
                                  start=offset + mention.start, end=offset + mention.end,
                                  page=text.page_of(offset + mention.start)))
    return entities, officials


def looks_like_report(report: Report) -> bool:
    """Whether anything of a trip report's shape was found."""
    known_sections = [s for s in report.sections if s.kind != "other"]
    return bool(report.period or report.report_date or report.travelers or report.trip_types
                or report.destinations or len(known_sections) >= 2 or report.itinerary)


def parse_document(raw: RawDocument) -> Report:
    """Run every stage on a document that has been read."""
    ocr = any(p.ocr for p in raw.pages)
    source = Source(path=raw.path, sha256=raw.sha256, media_type=raw.media_type,
                    pages=len(raw.pages) if raw.paged else None,
                    ocr=ocr, encoding=raw.encoding,
                    ocr_pages=[p.number for p in raw.pages if p.ocr],
                    ocr_engine=engine_name() if ocr else None,
                    ocr_confidence={p.number: p.ocr_confidence for p in raw.pages
                                    if p.ocr and p.ocr_confidence is not None})
    size = sum(len(page.text) for page in raw.pages)
    if size > max_chars():
        raise InputError("E111", raw.path, chars=size, limit=max_chars())
    text = normalize(raw)
    warnings = list(raw.warnings)
    if not text.text.strip():
        return assess(Report(source=source, warnings=[*warnings, "the text is empty"],
                             text=text.text))
    writer = _Writer(text)
    analysis = text.analysis

    nodes = find_sections(analysis)
    members = [(n.start, n.end) for n in nodes if n.kind == "members"]
    header = extract_header(analysis, _header_end(nodes, analysis), members)
    warnings += header.warnings
    period = header.period
    scan = scan_dates(analysis, period=(period.start, period.end) if period else None)
    warnings += scan.warnings
    itinerary = [
        ItineraryRow(**(row.model_dump() | {
            "location": writer.written(row.location, row.start or 0),
            "activity": writer.written(row.activity, row.start or 0),
            "page": text.page_of(row.start or 0)}))
        for row in extract_itinerary(analysis, period)
    ]
    if period is None and itinerary:  # no period written: the itinerary's first and last day
        last = max(row.end_date or row.date for row in itinerary)
        period = Period(start=min(row.date for row in itinerary), end=last)
        warnings.append("出國期間 not written; the period is the itinerary's first and last day")
    travelers = _travelers(header, writer)
    entities, officials = _entities_and_officials(text, writer, travelers)
    sections = [_section(node, writer) for node in nodes]
    if not sections:
        warnings.append("no section headings were recognised; the report is written without "
                        "sections (its text is in 'text')")

    report = Report(
        source=source,
        report_type=header.report_type,
        title=writer.written(header.title),
        category=writer.written(header.category),
        trip_types=[writer.written(t) or t for t in header.trip_types],
        organizer=writer.written(header.organizer),
        contact=header.contact.model_copy(update={"name": writer.written(header.contact.name)})
        if header.contact else None,
        travelers=travelers,
        period=period,
        destinations=[writer.written(d) or d for d in header.destinations],
        report_date=header.report_date,
        project_id=writer.written(header.project_id),
        conference=writer.written(header.conference),
        paper_title=writer.written(header.paper_title),
        sections=sections,
        itinerary=itinerary,
        entities=entities,
        officials=officials,
        dates=[DateMention(**(m.model_dump() | {"text": writer.at(m.start, m.end),
                                                "page": text.page_of(m.start)}))
               for m in scan.mentions],
        warnings=warnings,
        text=text.text,
        provenance={name: [Span(start=s.start, end=s.end, page=text.page_of(s.start)) for s in spans]
                    for name, spans in header.spans.items()},
    )
    if not looks_like_report(report):
        report.warnings.append("the text does not look like a trip report: no header fields, "
                               "dates or known sections were found")
    return assess(report)


def parse_text(text: str) -> Report:
    """Parse a report given as a string.

    An empty or unstructured text gives a Report whose ``warnings`` say what was missing.

    Raises:
        reportnlp.errors.InputError: the text is larger than the limit (E111, see
            ``reportnlp.limits``).
        reportnlp.errors.ReportNLPError: any internal failure (E190); nothing else escapes.
    """
    try:
        return parse_document(RawDocument.from_text(text))
    except ReportNLPError:
        raise
    except Exception as exc:  # a bug reaches the caller as a typed error
        log.exception("internal error parsing a text")
        raise ReportNLPError("E190", None, reason=f"{type(exc).__name__}: {exc}") from exc


def parse_file(path: str | Path) -> Report:
    """Parse a report file (.txt in UTF-8/UTF-16/Big5, .pdf, images).

    Raises:
        reportnlp.errors.ReportNLPError: the file cannot be read, holds no text,
            or is not a trip report; the message names the file and the reason.
    """
    raw = read_document(path)
    try:
        report = parse_document(raw)
    except ReportNLPError:
        raise
    except Exception as exc:  # a bug must reach the caller as a typed error naming the file
        log.exception("internal error parsing %s", path)
        raise ReportNLPError("E190", str(path), reason=f"{type(exc).__name__}: {exc}") from exc
    if not report.text.strip():
        raise InputError("E106", str(path))
    if not looks_like_report(report):
        raise InputError("E107", str(path), reason="no header fields, dates or known sections")
    return report
