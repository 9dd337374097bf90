"""Header fields of the Report (title, types, organizer, contact, travelers, period …).

Reads the labelled fields the structure stage found and turns each into its
contract value, recording where in the text every value came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from reportnlp.dates import parse_date, parse_period
from reportnlp.extract.cells import (
    TravelerCells,
    classify,
    column_labels,
    header_columns,
    is_known_body,
    read_traveler,
)
from reportnlp.extract.checkboxes import checked_options, has_boxes
from reportnlp.extract.people import is_title, split_agency_unit, split_people
from reportnlp.model import Contact, Period, Span, Traveler
from reportnlp.resources import models_dir
from reportnlp.structure.header import (
    LABEL_RANK,
    Field,
    cover_title,
    cover_trip_type,
    header_fields,
    slash_rows,
)

_LIST_SEPARATORS = re.compile(r"[、，,/／；;]|及|與|\s{2,}")  # not 和: 和歌山
_TYPE_SEPARATORS = re.compile(r"[、，,/／；;\s]+")
_PHONE_EXTENSION = re.compile(r"(?:分機|轉|ext\.?|EXT\.?|Ext\.?|#|x)\s*(\d{1,6})\s*$")
_ACADEMIC_AGENCY = re.compile(
    r"^(.*?(?:大學|學院|研究院|中央研究院))(.+?(?:學系|系|研究所|所|中心|學程|學院|處|組|室))$")


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


def _ranked(fields: list[Field], name: str) -> list[Field]:
    """The fields of ``name`` with a value, best label first (the lexicon's precedence:
    出國期間 before 會議時間), then in text order."""
    return sorted((f for f in fields if f.name == name and f.value),
                  key=lambda f: (LABEL_RANK.get(f.label, 99), f.start))


def _first(fields: list[Field], name: str) -> Field | None:
    ranked = _ranked(fields, name)
    return ranked[0] if ranked else None


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


def _slash_travelers(text: str, header_end: int, header: HeaderValues) -> list[Traveler]:
    """出國人員姓名/服務機關/單位/職稱 followed by one slash line per person."""
    for labels, rows in slash_rows(text, header_end):
        if not any("姓名" in label for label in labels):
            continue
        columns: list[str | None] = [_column_key(label) for label in labels]
        travelers = []
        for cells in rows:
            found = read_traveler([value for value, _, _ in cells], columns)
            if found is None:
                continue
            travelers.append(_traveler(found))
            header.note("travelers", cells[0][1], cells[-1][2])
        return travelers
    return []


def _column_key(column: str) -> str:
    return column_labels().field_of(column) or ("name" if "姓名" in column else column)


_CELL_SPLIT = re.compile(r"\t+|[ \u3000]+|[／/]")
_ENUMERATOR = re.compile(r"^[ \t]*(?:[(（]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）.、．]|[0-9]{1,2}[ \t])[ \t]*")
_LIST_MARKS = re.compile(r"[、，,；;]")


def _cells_of(line: str) -> list[str]:
    return [c for c in _CELL_SPLIT.split(line.strip()) if c]


def _table_travelers(text: str, header: HeaderValues, agency: str | None = None,
                     unit: str | None = None) -> list[Traveler]:
    """A members table: a header row of column labels in any order (姓名, 職稱, 單位,
    服務機關 …), then one row per person, read by the columns and each cell's evidence."""
    position = 0
    lines = text.split("\n")
    for index, line in enumerate(lines):
        columns = header_columns([c.strip() for c in line.split("\t")]) if "\t" in line else None
        if columns:
            travelers = []
            offset = position + len(line) + 1
            for row in lines[index + 1 : index + 40]:
                cells = [c.strip() for c in row.split("\t")]
                found = read_traveler(cells, columns) if len(cells) >= 2 else None
                if found is None:
                    break
                travelers.append(_traveler(found, agency, unit))
                header.note("travelers", offset, offset + len(row))
                offset += len(row) + 1
            if travelers:
                return travelers
        position += len(line) + 1
    return []


def _traveler(found: TravelerCells, agency: str | None = None, unit: str | None = None) -> Traveler:
    """A traveler from its cells; the header's 服務機關 fills what the cells leave open."""
    own_agency, own_unit = found.agency, found.unit
    return Traveler(name=found.name, agency=own_agency or agency,
                    unit=own_unit or (unit if not own_agency else None), title=found.title)


def _listed_travelers(people: Field, agency: str | None, unit: str | None,
                      header: HeaderValues) -> list[Traveler] | None:
    """A traveler list with one person per line (陳建志　綜合規劃處　技正, in any order, or a
    table under the label); None when the list is not written one per line."""
    lines = [(m.group(), m.start()) for m in re.finditer(r"[^\n]+", people.value)]
    travelers: list[Traveler] = []
    columns = None
    for line, offset in lines:
        cells = _cells_of(_ENUMERATOR.sub("", line))
        if header_columns(cells):
            columns = header_columns(cells)
            continue
        for item in _items(line):
            found = read_traveler(item, columns)
            if found is None:
                return None
            travelers.append(_traveler(found, agency, unit))
        header.note("travelers", people.start + offset, people.start + offset + len(line))
    return travelers or None


def _names(cells: list[str]) -> int:
    return sum(classify(c).kind == "name" for c in cells)


def _items(line: str) -> list[list[str]]:
    """The people of one list line, each as its cells: 陳建志　綜合規劃處　技正 is one;
    一、鍾明哲，郵務處，經理 is one (its fields joined by commas); 護理部 護理長 蔡宜君；重症醫學部
    專科護理師 彭郁雯 is two. A line that is not of these shapes gives nothing to read."""
    line = _ENUMERATOR.sub("", line)
    pieces = [p for p in _LIST_MARKS.split(line) if p.strip()]
    if len(pieces) > 1:
        fields = [p.strip() for p in pieces]
        if _names(fields) == 1 and all(len(_cells_of(p)) == 1 for p in fields):
            return [fields]
        items = [_cells_of(p) for p in pieces]
        return items if all(_names(cells) == 1 and len(cells) >= 2 for cells in items) else [[]]
    cells = _cells_of(line)
    if len(cells) < 2 or _names(cells) > 1:
        return [[]]  # 科長 吳承翰 技正 蔡佩珊: title-name pairs, read as a list below
    return [cells]


def _split_agency(value: str) -> tuple[str, str | None, str | None]:
    """服務機構及職稱 values: 國立臺灣大學電機工程學系 教授 -> (agency, unit, title)."""
    title = None
    value = re.sub(r"[ \t]*[／/][ \t]*", " ", value.strip())
    parts = value.split()
    if len(parts) >= 2 and is_title(parts[-1]):
        title, value = parts[-1], " ".join(parts[:-1])
    else:
        for size in range(min(len(value) - 2, 6), 1, -1):
            if is_title(value[-size:]):
                title, value = value[-size:], value[:-size]
                break
    match = _ACADEMIC_AGENCY.match(value.strip())
    if match:
        return match.group(1), match.group(2), title
    return value.strip(), None, title


def _travelers(
    text: str, fields: list[Field], header_end: int, header: HeaderValues
) -> list[Traveler]:
    agency_field = _first(fields, "agency")
    agency, unit, agency_title = (
        _split_agency(agency_field.value) if agency_field else (None, None, None)
    )
    unit_field = _first(fields, "unit")
    if unit_field and not unit:  # 服務單位：國立中興大學國際事務處 holds the agency too
        field_agency, unit = split_agency_unit(unit_field.value)
        agency = agency or (field_agency if unit else None)
        unit = unit or unit_field.value
    travelers = _slash_travelers(text, header_end, header) or _table_travelers(
        text[:header_end], header, agency, unit)
    if travelers:
        return travelers
    # 服務機構及職稱 may list one entry per person, in the order of the names.
    per_person = ([_split_agency(v.strip()) for v in re.split(r"[、，,；;]", agency_field.value)]
                  if agency_field else [])
    lists = [f for f in fields if f.name == "people" and f.value]
    for people in [f for i, f in enumerate(lists) if f.label not in {g.label for g in lists[:i]}]:
        listed = _listed_travelers(people, agency, unit, header)
        if listed:
            travelers.extend(listed)
            continue
        found = [p for p in split_people(people.value) if not column_labels().field_of(p.name)]
        own = len(per_person) == len(found) > 1
        for index, person in enumerate(found):
            base_agency, base_unit, base_title = per_person[index] if own else (agency, unit, None)
            person_agency, person_unit = (split_agency_unit(person.organization)
                                          if person.organization else (base_agency, None))
            travelers.append(Traveler(
                name=person.name, agency=person_agency,
                unit=person.unit or person_unit or base_unit,
                title=person.title or base_title
                or (agency_title if len(found) == 1 else None)))
            start = people.start + person.offset
            header.note("travelers", start, start + len(person.name))
    if travelers:
        return travelers
    return _table_travelers(text, header, agency, unit)


@lru_cache(maxsize=1)
def trip_type_forms() -> frozenset[str]:
    """Every written form of the closed 出國類別 vocabulary (``models/header/trip_types.tsv``)."""
    path = models_dir() / "header" / "trip_types.tsv"
    return frozenset(form.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#")
                     for form in line.split("\t")[1].split("|"))


_COVER_BODY = re.compile(r"^[ \t]*(?:\d{2,3}年度)?(?P<body>[^\s　：:]{3,30}?)[ \t]*"
                         r"(?:出國報告|出國人員|因公出國|赴.+報告|考察.*報告|$)")


def _report_agency(text: str, agency_field: Field | None, organizer: str | None) -> str | None:
    """The body the whole report speaks for: its 服務機關, else the body on its cover line
    (漢翔航空工業股份有限公司 / 出國報告), else the organiser."""
    if agency_field:
        return _split_agency(agency_field.value)[0]
    for line in [line for line in text[:400].split("\n") if line.strip()][:3]:
        match = _COVER_BODY.match(line) if not re.search(r"[：:]", line) else None
        if match and classify(match.group("body")).kind in ("agency", "org"):
            body = classify(match.group("body"))
            return body.agency
    return organizer


# Suffixes only a body has, never a division inside one (局, 部, 處 can be either).
_STRONG_BODY = re.compile(r"(?:公所|農會|漁會|議會|代表會|政府|公司|大學|學院|醫院|銀行|研究院|委員會)$")


def _is_bare_division(agency: str, report_agency: str) -> bool:
    """業務局, 信託部, 發動機事業處: a division written without its body, in a report whose body
    is known, is a unit of that body."""
    return (len(agency) <= 7 and agency not in report_agency and report_agency not in agency
            and not is_known_body(agency) and not _STRONG_BODY.search(agency))


def _with_report_agency(travelers: list[Traveler], report_agency: str | None) -> list[Traveler]:
    """Travelers whose agency is not written take the report's; a bare division written as
    their agency becomes their unit of it."""
    if not report_agency:
        return travelers
    completed = []
    for t in travelers:
        if t.agency is None:
            t = t.model_copy(update={"agency": report_agency})
        elif t.unit is None and _is_bare_division(t.agency, report_agency):
            t = t.model_copy(update={"agency": report_agency, "unit": t.agency})
        completed.append(t)
    return completed


def _trip_types(fields: list[Field], text: str, header: HeaderValues) -> list[str]:
    """The checked or written trip types, only from the closed vocabulary: anything else
    (a stray label, markup, a description) is dropped with a warning."""
    types_field = _first(fields, "trip_types")
    cover = cover_trip_type(text)
    if types_field:
        if has_boxes(types_field.value):
            options = [(v, types_field.start + s, types_field.start + e)
                       for v, s, e in checked_options(types_field.value)]
        else:
            options = [(v, types_field.start + o, types_field.start + o + len(v))
                       for v, o in _split_list(types_field.value, 0, _TYPE_SEPARATORS)]
    elif cover:
        options = [(v, o, o + len(v)) for v, o in _split_list(cover[0], cover[1], _TYPE_SEPARATORS)]
    else:
        return []
    kept = []
    for value, start, end in options:
        if value in trip_type_forms():
            kept.append(value)
            header.note("trip_types", start, end)
        else:
            header.warnings.append(f"出國類別 '{value}' is not a trip type; dropped")
    return kept


# Trip types named in a title when no 出國類別 is written, most specific first.
_TITLE_TYPES = (("國際會議", re.compile(r"國際.{0,4}會議")), ("考察", re.compile("考察")),
                ("實習", re.compile("實習")), ("進修", re.compile("進修")), ("開會", re.compile("開會")),
                ("洽展", re.compile("洽展|參展")), ("訪問", re.compile("訪問")))


def _is_label_line(line: str) -> bool:
    return bool(header_fields(line, len(line))) or "：" in line


def _first_line(text: str) -> tuple[str, int] | None:
    for match in re.finditer(r"[^\n]+", text[:2000]):
        line = match.group().strip()
        if line:
            return line, match.start() + match.group().index(line)
    return None


def extract_header(text: str, header_end: int) -> HeaderValues:
    """Every header field of the report whose body starts at ``header_end``."""
    header = HeaderValues()
    fields = header_fields(text, header_end)
    first_line = _first_line(text)

    title = _first(fields, "title")
    cover = cover_title(text, header_end or None)
    if title:
        header.title = "".join(line.strip() for line in title.value.split("\n"))
        header.note("title", title.start, title.end)
    elif cover:
        header.title = cover[0]
        header.note("title", cover[1], cover[2])
    elif first_line and len(first_line[0]) <= 80 and not _is_label_line(first_line[0]):
        header.title = first_line[0]
        header.note("title", first_line[1], first_line[1] + len(first_line[0]))
    elif plan := _first(fields, "plan_name"):  # a header table that opens with 計畫名稱
        header.title = plan.value
        header.note("title", plan.start, plan.end)

    opening = "\n".join(text[:600].split("\n")[:6])
    is_summary_form = "提要" in opening or any(f.label.endswith("提要名稱") for f in fields)
    header.report_type = "提要" if is_summary_form else ("報告" if text.strip() else None)

    category = _first(fields, "category")
    if category:
        header.category = category.value
        header.note("category", category.start, category.end)

    header.trip_types = _trip_types(fields, text, header)
    if not header.trip_types and header.title:
        named = next((kind for kind, pattern in _TITLE_TYPES if pattern.search(header.title)), None)
        if named:
            header.trip_types = [named]
            header.warnings.append(f"出國類別 not written; trip type '{named}' read from the title")

    organizer = _first(fields, "organizer")
    agency_field = _first(fields, "agency")
    if organizer:
        header.organizer = organizer.value
        header.note("organizer", organizer.start, organizer.end)
    elif agency_field:
        header.organizer = _split_agency(agency_field.value)[0]
        header.note("organizer", agency_field.start, agency_field.start + len(header.organizer))

    contact = _first(fields, "contact")
    phone = _first(fields, "phone")
    if contact or phone:
        named = split_people(contact.value) if contact else []
        header.contact = Contact(
            name=named[0].name if named else (contact.value if contact else None),
            phone=normalize_phone(phone.value) if phone else None,
        )
        for found in (contact, phone):
            if found:
                header.note("contact", found.start, found.end)

    header.travelers = _with_report_agency(
        _travelers(text, fields, header_end, header),
        _report_agency(text, agency_field, header.organizer))

    for candidate in _ranked(fields, "period"):
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

    destinations = _first(fields, "destinations")
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
        found = _first(fields, name)
        if found:
            setattr(header, name, found.value)
            header.note(name, found.start, found.end)
    return header
