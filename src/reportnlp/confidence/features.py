"""The evidence behind every value of a Report, as named features a calibrated model weighs.

Each value (a header field or its absence, a traveler, a section, an itinerary row, an
entity, an official) becomes an :class:`Item`: the kind of value it is, where it sits in the
Report, and the features that speak for or against it — read after a field label, listed in
a gazetteer, built with an agency suffix, a name that opens with a family name, a date inside
the trip, a page read by OCR. Features are computed from the Report and the lexicons in
``models/`` alone, so the stage runs last and reads nothing the earlier stages hide.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from reportnlp.extract.cells import is_body, is_known_body
from reportnlp.extract.people import is_title, looks_like_name
from reportnlp.model import Report, Section
from reportnlp.ner.gazetteer import load_gazetteer, surnames
from reportnlp.structure.numbering import parse_numbering

# Header fields that carry one field confidence each (absent ones too: a missing period is
# a value that can be wrong).
FIELDS = ("report_type", "title", "category", "trip_types", "organizer", "contact", "travelers",
          "period", "destinations", "report_date", "project_id", "conference", "paper_title")


@dataclass
class Item:
    """One value to judge: its model kind, its place in the Report, features and evidence."""

    kind: str
    path: tuple[str, ...]
    features: dict[str, float] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)

    def add(self, name: str, present: object, evidence: str | None = None) -> None:
        """Set feature ``name`` when ``present`` holds, with its evidence (default: the name)."""
        if present:
            self.features[name] = 1.0
            self.evidence.append(evidence or name)


_UNIT_END = re.compile(r"(?:科|組|課|室|股|系|中心)$")
_PHONE = re.compile(r"^\d{2,4}-\d{5,8}(?:#\d{1,6})?$")
_LABEL_BEFORE = re.compile(r"([^\t\n　 ：:]{2,12})[ 　]*[：:][ 　]*$")


def _label_of(report: Report, name: str) -> str | None:
    """The label written before a field's first span (出國期間 in ``出國期間：113年…``)."""
    spans = report.provenance.get(name)
    if not spans:
        return None
    start = spans[0].start
    line_start = report.text.rfind("\n", 0, start) + 1
    found = _LABEL_BEFORE.search(report.text[max(line_start, start - 20):start])
    return found.group(1) if found else None


def _ocr_page(report: Report, page: int | None) -> bool:
    return page is not None and page in report.source.ocr_pages


def _field(report: Report, name: str) -> Item:
    value = getattr(report, name)
    item = Item(f"field.{name}" + ("" if value not in (None, []) else ".absent"), ("field", name))
    item.add("value", value not in (None, []), "a value was found")
    if value in (None, []):
        item.evidence.append("no value was found")
    label = _label_of(report, name)
    item.add("label", label or report.provenance.get(name),
             f"read after the label {label}" if label else "read from the header")
    spans = report.provenance.get(name) or []
    item.add("ocr", any(_ocr_page(report, s.page) for s in spans), "read from an OCR page")
    item.add("pdf", report.source.media_type == "application/pdf", "read from a PDF")
    if name == "title" and value:
        item.add("short", len(value) < 8, "shorter than 8 characters")
        item.add("long", len(value) > 60, "longer than 60 characters")
        item.add("punctuation", re.search(r"[：:\t□☐■☑]", value), "holds a label mark or box")
    elif name == "organizer" and value:
        item.add("known_body", is_known_body(value), "a body the gazetteer lists")
        item.add("body_suffix", is_body(value), "ends as an agency's name ends")
        item.add("traveler_agency", any(t.agency == value for t in report.travelers),
                 "a traveler's agency")
    elif name == "contact" and value:
        item.add("phone", value.phone and _PHONE.match(value.phone), "a well-formed phone number")
        item.add("name", value.name and looks_like_name(value.name), "the contact reads as a name")
    elif name == "period" and value:
        days = (value.end - value.start).days
        item.add("long_trip", days > 45, "longer than 45 days")
        rows = [row.date for row in report.itinerary]
        item.add("itinerary_inside", rows and all(value.start <= d <= value.end for d in rows),
                 "every itinerary day is inside it")
        item.add("itinerary_outside", rows and not all(value.start <= d <= value.end for d in rows),
                 "an itinerary day falls outside it")
        item.add("inferred", not report.provenance.get("period"), "taken from the itinerary")
        item.add("trip_label", label and ("出國" in label or "考察" in label or "期間" in label),
                 "the label names the trip's period")
    elif name == "report_date" and value:
        period = report.period
        item.add("after_trip", period and 0 <= (value - period.end).days <= 400,
                 "within a year after the trip")
        item.add("before_trip", period and value < period.end, "before the trip ended")
    elif name == "destinations" and value:
        places = load_gazetteer().forms
        known = [d in places and places[d].label in ("GPE", "LOC") for d in value]
        item.add("all_known", all(known), "every place is in the gazetteer")
        item.add("some_unknown", not all(known), "a place the gazetteer does not list")
        item.add("many", len(value) > 3, "more than three places")
    elif name == "travelers" and value:
        item.add("one", len(value) == 1, "one traveler")
        item.add("many", len(value) >= 5, "five or more travelers")
        item.add("all_titled", all(t.title for t in value), "every traveler has a title")
        item.add("all_agency", all(t.agency for t in value), "every traveler has an agency")
        item.add("all_named", all(t.name and looks_like_name(t.name) for t in value),
                 "every name reads as a name")
        item.add("titles_known", all(t.title and is_title(t.title) for t in value),
                 "every title is a known title")
        item.add("agencies_known", all(t.agency and is_known_body(t.agency) for t in value),
                 "every agency is in the gazetteer")
        item.add("some_unit", any(t.unit for t in value), "a unit is written")
        item.add("delegation", len({t.agency for t in value}) > 1, "travelers of several agencies")
        item.add("members_section", any(s.kind == "members" for s in report.sections),
                 "a members section lists them")
    elif name == "trip_types" and value:
        item.add("several", len(value) > 1, "more than one type")
    elif name in ("conference", "paper_title", "project_id"):
        item.add("academic", report.project_id or report.conference,
                 "an academic form (計畫編號 or 會議名稱)")
    return item


def _traveler_items(report: Report) -> Iterator[Item]:
    family = surnames()
    for index, traveler in enumerate(report.travelers):
        item = Item("traveler", ("travelers", str(index)))
        name = traveler.name or ""
        item.add("name_shape", looks_like_name(name), "the name reads as a name")
        item.add("surname", name[:1] in family or name[:2] in family, "opens with a family name")
        item.add("latin", name.isascii(), "a Latin-script name")
        item.add("agency", traveler.agency, "an agency")
        item.add("agency_known", traveler.agency and is_known_body(traveler.agency),
                 "an agency the gazetteer lists")
        item.add("agency_suffix", traveler.agency and is_body(traveler.agency),
                 "the agency ends as a body's name ends")
        item.add("unit", traveler.unit, "a unit")
        item.add("title", traveler.title, "a title")
        item.add("title_known", traveler.title and is_title(traveler.title), "a known title")
        item.add("long_title", traveler.title and len(traveler.title) > 6,
                 "a title over six characters")
        item.add("agency_as_unit", traveler.agency and _UNIT_END.search(traveler.agency),
                 "the agency ends as a unit's name ends")
        item.add("one", len(report.travelers) == 1, "the only traveler")
        item.add("many", len(report.travelers) >= 5, "one of five or more travelers")
        item.add("mentioned", name and report.text.count(name) >= 2, "named again in the text")
        yield item


def _section_items(report: Report, sections: list[Section], path: tuple[str, ...]
                   ) -> Iterator[Item]:
    for index, section in enumerate(sections):
        item = Item("section", (*path, str(index)))
        item.add("known_kind", section.kind != "other", f"a {section.kind} heading")
        item.add("numbered", parse_numbering(section.heading), "a numbered heading")
        item.add("long_heading", len(section.heading) > 25, "a heading over 25 characters")
        item.add("short_text", len(section.text) < 60, "under 60 characters of text")
        item.add("nested", len(path) > 1, "a sub-section")
        item.add("few", len(report.sections) < 3, "one of fewer than three sections")
        item.add("ocr", _ocr_page(report, section.page), "on an OCR page")
        yield item
        yield from _section_items(report, section.children, (*item.path, "children"))


def _itinerary_items(report: Report) -> Iterator[Item]:
    period = report.period
    for index, row in enumerate(report.itinerary):
        item = Item("itinerary", ("itinerary", str(index)))
        item.add("in_period", period and period.start <= row.date <= period.end,
                 "inside the trip's period")
        item.add("outside_period", period and not period.start <= row.date <= period.end,
                 "outside the trip's period")
        item.add("location", row.location, "a location")
        item.add("activity", row.activity, "an activity")
        item.add("range", row.end_date, "a range of days")
        item.add("ocr", _ocr_page(report, row.page), "on an OCR page")
        yield item


_ORG_SUFFIX = re.compile(r"(?:部|署|局|處|府|院|會|公司|大學|學院|醫院|中心|館|所|廳|省|Inc\.|Ltd\.|"
                         r"University|Ministry|Agency|Association|Institute|Council|Office)$")


def _entity_items(report: Report) -> Iterator[Item]:
    forms = load_gazetteer().forms
    counts = Counter(e.text for e in report.entities)
    titled = {o.name for o in report.officials}
    travelers = {t.name for t in report.travelers if t.name}
    family = surnames()
    for index, entity in enumerate(report.entities):
        label = entity.label if entity.label in ("PERSON", "ORG", "GPE") else "other"
        item = Item(f"entity.{label}", ("entities", str(index)))
        entry = forms.get(entity.text) or forms.get(entity.normalized)
        item.add("gazetteer", entry and entry.label == entity.label, "listed in the gazetteer")
        item.add("gazetteer_other", entry and entry.label != entity.label,
                 f"the gazetteer lists it as {entry.label}" if entry else None)
        item.add("repeated", counts[entity.text] >= 2, "written more than once")
        item.add("latin", entity.text.isascii(), "Latin script")
        item.add("short", len(entity.text) <= 2, "two characters or fewer")
        item.add("long", len(entity.text) >= 12, "twelve characters or more")
        if label == "ORG":
            item.add("suffix", _ORG_SUFFIX.search(entity.text), "ends as a body's name ends")
        if label == "PERSON":
            item.add("surname", entity.text[:1] in family, "opens with a family name")
            item.add("titled", entity.text in titled, "written with a title")
            item.add("traveler", entity.text in travelers, "a traveler")
        item.add("ocr", _ocr_page(report, entity.page), "on an OCR page")
        yield item


def _official_items(report: Report) -> Iterator[Item]:
    people = {e.text for e in report.entities if e.label == "PERSON"}
    travelers = {t.name for t in report.travelers if t.name}
    for index, official in enumerate(report.officials):
        item = Item("official", ("officials", str(index)))
        item.add("title_known", official.title and is_title(official.title), "a known title")
        item.add("organization", official.organization, "an organisation")
        item.add("traveler", official.name in travelers, "a traveler")
        item.add("person", official.name in people, "also found as a person")
        item.add("latin", official.name.isascii(), "a Latin-script name")
        item.add("ocr", _ocr_page(report, official.page), "on an OCR page")
        yield item


def items(report: Report) -> list[Item]:
    """Every value of ``report`` to judge, with its features, in a fixed order."""
    return [*(_field(report, name) for name in FIELDS), *_traveler_items(report),
            *_section_items(report, report.sections, ("sections",)),
            *_itinerary_items(report), *_entity_items(report), *_official_items(report)]
