"""Header fields of the Report (title, types, organizer, contact, travelers, period …).

Reads the labelled fields the structure stage found and turns each into its
contract value, recording where in the text every value came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from reportnlp.dates import find_dates, parse_date, parse_period
from reportnlp.extract.cells import classify
from reportnlp.extract.checkboxes import checked_options, has_boxes
from reportnlp.extract.people import split_people
from reportnlp.extract.travelers import find_travelers, split_agency
from reportnlp.model import Contact, DateMention, Period, Span, Traveler
from reportnlp.resources import models_dir
from reportnlp.structure.header import (
    Field,
    best_field,
    cover_title,
    cover_trip_type,
    header_fields,
    ranked_fields,
)
from reportnlp.structure.sections import Line, heading_of

_LIST_SEPARATORS = re.compile(r"[、，,/／；;]|及|與|\s{2,}")  # not 和: 和歌山
_TYPE_SEPARATORS = re.compile(r"[、，,/／；;\s]+")
_PHONE_EXTENSION = re.compile(r"(?:分機|轉|ext\.?|EXT\.?|Ext\.?|#|x)\s*(\d{1,6})\s*$")

@dataclass
class HeaderValues:
    """The header fields of one report, with provenance spans by field name."""

    title: str | None = None
    category: str | None = None
    trip_types: list[str] = field(default_factory=list)
    organizer: str | None = None
    contact: Contact | None = None
    travelers: list[Traveler] = field(default_factory=list)
    period: Period | None = None
    destinations: list[str] = field(default_factory=list)
    report_date: object | None = None
    project_id: str | None = None
    conference: str | None = None
    paper_title: str | None = None
    report_type: str | None = None
    spans: dict[str, list[Span]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def note(self, name: str, start: int, end: int) -> None:
        """Record that ``name`` was read from ``text[start:end]``."""
        self.spans.setdefault(name, []).append(Span(start=start, end=end))


def normalize_phone(value: str) -> str | None:
    """04-22289111分機11414 -> 04-22289111#11414; (02)2345-6789轉123 -> 02-23456789#123."""
    value = value.strip()
    extension = None
    match = _PHONE_EXTENSION.search(value)
    if match:
        extension = match.group(1)
        value = value[: match.start()]
    area = None
    paren = re.match(r"^\s*[(（]\s*(\d{1,4})\s*[)）]\s*", value)
    if paren:
        area, value = paren.group(1), value[paren.end() :]
    groups = re.findall(r"\d+", value)
    if not groups:
        return None
    if area is None and len(groups) > 1 and groups[0].startswith("0") and len(groups[0]) <= 4:
        area, groups = groups[0], groups[1:]
    number = "".join(groups)
    phone = f"{area}-{number}" if area else number
    return f"{phone}#{extension}" if extension else phone


_PARENTHESISED = re.compile(r"[(（]([^()（）\n]*)[)）]")


def _without_aliases(value: str) -> str:
    """Destinations with a parenthesised other-script name (日本東京（Tokyo）) blanked out, so
    it is no destination of its own; parentheses around Chinese places (美國（舊金山、西雅圖）)
    become separators. The length is kept, so offsets still point into the text."""
    def blank(match: re.Match[str]) -> str:
        inner = match.group(1)
        if re.search(r"[\u4e00-\u9fff]", inner):
            return "、" + inner + "、"
        return " " * len(match.group())

    return _PARENTHESISED.sub(blank, value)


def _split_list(value: str, offset: int, pattern: re.Pattern[str]) -> list[tuple[str, int]]:
    items = []
    position = 0
    for piece in pattern.split(value):
        stripped = piece.strip(" \t()（）「」")
        if stripped:
            start = value.find(stripped, position)
            position = start + len(stripped)
            items.append((stripped, offset + start))
    return items


@lru_cache(maxsize=1)
def trip_type_forms() -> frozenset[str]:
    """Every written form of the closed 出國類別 vocabulary (``models/header/trip_types.tsv``)."""
    path = models_dir() / "header" / "trip_types.tsv"
    return frozenset(form.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#")
                     for form in line.split("\t")[1].split("|"))


def _trip_types(fields: list[Field], text: str, header: HeaderValues) -> list[str]:
    """The checked or written trip types, only from the closed vocabulary: anything else
    (a stray label, markup, a description) is dropped with a warning."""
    types_field = best_field(fields, "trip_types")
    if types_field:
        if has_boxes(types_field.value):
            options = [(v, types_field.start + s, types_field.start + e)
                       for v, s, e in checked_options(types_field.value)]
        else:
            options = [(v, types_field.start + o, types_field.start + o + len(v))
                       for v, o in _split_list(types_field.value, 0, _TYPE_SEPARATORS)]
    elif cover := cover_trip_type(text):
        options = [(v, o, o + len(v)) for v, o in _split_list(cover[0], cover[1], _TYPE_SEPARATORS)]
    else:
        return []
    kept = []
    for value, start, end in options:
        trip_type = _trip_type(value)
        if trip_type:
            kept.append(trip_type)
            header.note("trip_types", start, end)
        else:
            header.warnings.append(f"出國類別 '{value}' is not a trip type; dropped")
    return kept


_OTHER = re.compile(r"^(?P<other>其他|其它)[ \t]*(?:[（(:：][ \t]*(?P<what>[^)）]*)[)）]?)?$")


def _trip_type(option: str) -> str | None:
    """The trip type an option names: 考察; 其他（洽展） is 洽展, a type of its own; 其他（業務查核）
    is 其他; anything outside the vocabulary, None."""
    if option in trip_type_forms():
        return option
    other = _OTHER.match(option)
    if other:
        what = (other.group("what") or "").strip()
        return what if what in trip_type_forms() else other.group("other")
    return None


# Trip types named in a title when no 出國類別 is written, most specific first.
_TITLE_TYPES = (("國際會議", re.compile(r"國際.{0,4}會議")), ("考察", re.compile("考察")),
                ("實習", re.compile("實習")), ("進修", re.compile("進修")), ("開會", re.compile("開會")),
                ("洽展", re.compile("洽展|參展")), ("訪問", re.compile("訪問")))


def _is_label_line(line: str) -> bool:
    return bool(header_fields(line, len(line))) or "：" in line


# A form's own heading, not the report's title: (body) (公務/因公) 出國(人員)報告(書/提要), with
# an optional bracket (出國類別：進修 / 赴大陸地區) — 臺北市政府所屬機關出國報告, 行政院所屬各機關
# 因公出國人員出國報告書, 公务出国报告（赴大陆地区）.
_GENERIC_HEADING = re.compile(
    r"^(?P<body>.{0,30}?)(?:所屬(?:各)?機關)?(?:公務|因公|公务)?(?:出國|出国)(?:人員|人员)?"
    r"(?:出國|出国)?(?:報告|报告)(?:書|书|提要)?[ \t]*(?:[（(][^)）\n]*[)）])?$")
_BRACKET_LINE = re.compile(r"^[（(][^)）\n]*[)）]$")


def _is_generic_heading(line: str) -> bool:
    match = _GENERIC_HEADING.match(line)
    if not match:
        return bool(_BRACKET_LINE.match(line))
    body = re.sub(r"所屬(?:各)?機關$|各機關$", "", match.group("body")).strip()
    return not body or classify(body).kind in ("agency", "org", "unit") or body.endswith("政府")


def _title_line(text: str) -> tuple[str, int] | None:
    """The report's title when no label names it: the first line of the opening that is no
    form heading, no bracket, no label line and no date."""
    for match in list(re.finditer(r"[^\n]+", text[:2000]))[:8]:
        line = match.group().strip()
        if (not line or _is_generic_heading(line) or parse_date(line) or _is_label_line(line)
                or classify(line).kind in ("agency", "org")):
            continue
        if "\t" in line or len(re.split(r"[／/]", line)) > 2:
            return None  # a table row: the header has begun
        if len(line) > 80 or heading_of(Line(line, 0, len(line))):
            return None  # the body has begun
        return line, match.start() + match.group().index(line)
    return None


_TRIP_PERIOD_PROSE = re.compile(r"(?:出國|出差|考察|訪問|行程)期間(?:為|係|自|是|：|:)?[ \t]*")


def _trip_period_in_prose(text: str) -> DateMention | None:
    """A trip period written in a sentence (本人出國期間為113年5月12日至5月18日), as forms
    whose only labelled dates are the conference's write it."""
    for match in _TRIP_PERIOD_PROSE.finditer(text[:8000]):
        found = find_dates(text[match.end():match.end() + 40])
        if found and found[0].start == 0 and found[0].end_date:
            mention = found[0]
            return mention.model_copy(update={"start": match.end() + mention.start,
                                              "end": match.end() + mention.end})
    return None


def extract_header(text: str, header_end: int,
                   members: list[tuple[int, int]] | None = None) -> HeaderValues:
    """Every header field of the report whose body starts at ``header_end``; ``members`` are
    the spans of its members sections (貳、考察團員), where travelers may be listed."""
    header = HeaderValues()
    fields = header_fields(text, header_end)
    first_line = _title_line(text)

    title = best_field(fields, "title")
    cover = cover_title(text, header_end or None)
    if title:
        header.title = "".join(line.strip() for line in title.value.split("\n"))
        header.note("title", title.start, title.end)
    elif cover:
        header.title = cover[0]
        header.note("title", cover[1], cover[2])
    elif (plan := best_field(fields, "plan_name")) and (
            not first_line or first_line[1] > plan.start):  # a form whose title is 計畫名稱
        header.title = plan.value
        header.note("title", plan.start, plan.end)
    elif first_line:
        header.title = first_line[0]
        header.note("title", first_line[1], first_line[1] + len(first_line[0]))

    opening = "\n".join(text[:600].split("\n")[:6])
    is_summary_form = "提要" in opening or any(f.label.endswith("提要名稱") for f in fields)
    header.report_type = "提要" if is_summary_form else ("報告" if text.strip() else None)

    category = best_field(fields, "category")
    if category:
        header.category = category.value
        header.note("category", category.start, category.end)

    header.trip_types = _trip_types(fields, text, header)
    if not header.trip_types and header.title:
        named = next((kind for kind, pattern in _TITLE_TYPES if pattern.search(header.title)), None)
        if named:
            header.trip_types = [named]
            header.warnings.append(f"出國類別 not written; trip type '{named}' read from the title")

    organizer = best_field(fields, "organizer")
    agency_field = best_field(fields, "agency")
    if organizer:
        header.organizer = organizer.value
        header.note("organizer", organizer.start, organizer.end)
    elif agency_field:
        header.organizer = split_agency(agency_field.value)[0]
        header.note("organizer", agency_field.start, agency_field.start + len(header.organizer))

    contact = best_field(fields, "contact")
    phone = best_field(fields, "phone")
    if contact or phone:
        named = split_people(contact.value) if contact else []
        header.contact = Contact(
            name=named[0].name if named else (contact.value if contact else None),
            phone=normalize_phone(phone.value) if phone else None,
        )
        for found in (contact, phone):
            if found:
                header.note("contact", found.start, found.end)

    header.travelers = find_travelers(text, fields, header_end, header.organizer,
                                      lambda start, end: header.note("travelers", start, end),
                                      members)

    candidates = ranked_fields(fields, "period")
    in_prose = _trip_period_in_prose(text)
    if in_prose and (not candidates or candidates[0].label.startswith("會議")):
        header.period = Period(start=in_prose.date, end=in_prose.end_date)  # the trip, not
        header.note("period", in_prose.start, in_prose.end)  # the conference (corpora/README)
        candidates = []
    for candidate in candidates:
        single = parse_date(candidate.value)
        if candidate.label == "日期" and single is not None:
            continue  # a bare 日期：with one date is the report's date, below
        period = parse_period(candidate.value)
        if period is None and single is not None:
            period = (single, single)
        if period:
            header.period = Period(start=period[0], end=period[1])
            header.note("period", candidate.start, candidate.end)
            break
        header.warnings.append(f"出國期間 '{candidate.value}' is not a readable date range")
    if header.period is None:  # no label: the first date range the opening writes
        opening = next((m for m in find_dates(text[:3000]) if m.end_date
                        and 0 < (m.end_date - m.date).days <= 366), None)
        if opening:
            header.period = Period(start=opening.date, end=opening.end_date)
            header.note("period", opening.start, opening.end)
            header.warnings.append(f"出國期間 not written; the period is read from '{opening.text}'")

    destinations = best_field(fields, "destinations")
    if destinations:
        places = _without_aliases(destinations.value)
        for value, start in _split_list(places, destinations.start, _LIST_SEPARATORS):
            header.destinations.append(value)
            header.note("destinations", start, start + len(value))

    dated = [f for f in fields if f.name == "report_date" and f.value]
    dated += [f for f in fields if f.label == "日期" and f.value and f.start < header_end]
    for candidate in dated:
        value = parse_date(candidate.value)
        if value:
            header.report_date = value
            header.note("report_date", candidate.start, candidate.end)
            break

    if header.report_date is None:
        tail_start = max(0, len(text.rstrip()) - 60)  # a date signed under the last line
        signed = [m for m in re.finditer(r"^[ \t]*(\S[^\n]{5,18}?)[ \t]*$", text[tail_start:], re.M)]
        if signed and parse_date(signed[-1].group(1)):
            header.report_date = parse_date(signed[-1].group(1))
            header.note("report_date", tail_start + signed[-1].start(1), tail_start + signed[-1].end(1))
    if header.report_date is None:
        for line in re.finditer(r"^[ \t]*(\S[^\n]{5,18}?)[ \t]*$", text[: min(header_end, 600)], re.M):
            value = parse_date(line.group(1))
            if value and line.start() > 0:
                header.report_date = value
                header.note("report_date", line.start(1), line.end(1))
                break

    for name in ("project_id", "conference", "paper_title"):
        found = best_field(fields, name)
        if found:
            setattr(header, name, found.value)
            header.note(name, found.start, found.end)
    return header
