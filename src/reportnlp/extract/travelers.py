"""Travelers: who went, with the body, unit and title each serves in.

Traveler lists come in every shape (slash lines, tables with column labels in any order,
one person per line, several per line, 服務機構及職稱 forms); every cell is read by its own
evidence (``extract/cells.py``). A traveler whose own entry names no body takes the body the
report speaks for (corpora/README.md, travelers).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from reportnlp.extract.cells import (
    TravelerCells,
    classify,
    column_labels,
    header_columns,
    is_bare_division,
    read_traveler,
)
from reportnlp.extract.people import is_title, looks_like_name, split_agency_unit, split_people
from reportnlp.model import Traveler
from reportnlp.structure.header import Field, best_field, slash_rows

Note = Callable[[int, int], None]  # records where in the text a traveler was read


_ACADEMIC_AGENCY = re.compile(
    r"^(.*?(?:大學|學院|研究院|中央研究院))(.+?(?:學系|系|研究所|所|中心|學程|學院|處|組|室))$")


def _slash_travelers(text: str, header_end: int, note: Note) -> list[Traveler]:
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
            note(cells[0][1], cells[-1][2])
        return travelers
    return []


def _column_key(column: str) -> str:
    return column_labels().field_of(column) or ("name" if "姓名" in column else column)


_CELL_SPLIT = re.compile(r"\t+|[ \u3000]+|[／/](?![^（(]*[)）])")
_ENUMERATOR = re.compile(r"^[ \t]*(?:[(（]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）.、．]|[0-9]{1,2}[ \t])[ \t]*")
_LIST_MARKS = re.compile(r"[、，,；;]")


def _cells_of(line: str) -> list[str]:
    return [c for c in _CELL_SPLIT.split(line.strip()) if c]


def _table_travelers(text: str, note: Note, agency: str | None = None,
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
                note(offset, offset + len(row))
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
                      note: Note, until_prose: bool = False) -> list[Traveler] | None:
    """A traveler list with one person per line (陳建志　綜合規劃處　技正, in any order, or a
    table under the label); None when the list is not written one per line. With
    ``until_prose`` (a members section), the list ends where prose begins."""
    lines = [(m.group(), m.start()) for m in re.finditer(r"[^\n]+", people.value)]
    travelers: list[Traveler] = []
    columns = None
    for line, offset in lines:
        cells = _cells_of(_ENUMERATOR.sub("", line))
        header = header_columns(cells)
        if header:
            columns = header
            continue
        group = classify(cells[0]) if len(cells) == 1 and not re.search(r"[：:]", line) else None
        if group and group.kind in ("agency", "org", "unit") and group.text not in column_labels().by_label:
            # 國家通訊傳播委員會綜合規劃處 on a line of its own: the body of the people below it
            agency, unit = (group.agency or agency), (group.unit if group.kind != "agency" else None)
            continue
        row = _labelled_row(line)
        if row:  # 姓名／職稱／服務單位：鄭雅文／研究員兼組長／森林保護組
            found = read_traveler(*row)
            if found is not None:
                travelers.append(_traveler(found, agency, unit))
                note(people.start + offset, people.start + offset + len(line))
                continue
        for item in _items(line):
            found = read_traveler(item, columns)
            if found is None and travelers and _record_rest(item):
                # 　服務單位：烏日啤酒廠 under 姓名：陳建興　職稱：副廠長: the same person's record
                rest = read_traveler(item, columns, nameless=True)
                if rest is not None:
                    last = travelers[-1]
                    travelers[-1] = last.model_copy(update={
                        k: getattr(last, k) or getattr(rest, k) for k in ("agency", "unit", "title")})
                    continue
            if found is None:
                return (travelers or None) if until_prose else None
            travelers.append(_traveler(found, agency, unit))
        note(people.start + offset, people.start + offset + len(line))
    return travelers or None


def _labelled_row(line: str) -> tuple[list[str], list[str | None]] | None:
    """A line that names its own columns (姓名／職稱／服務單位：A／B／C): its cells and columns."""
    match = re.match(r"^[ \t]*([^：:\n]+)[：:](.+)$", _ENUMERATOR.sub("", line))
    if not match:
        return None
    labels = [c.strip() for c in re.split(r"[／/]", match.group(1))]
    values = [c.strip() for c in re.split(r"[／/]", match.group(2))]
    columns = header_columns(labels)
    return (values, columns) if columns and len(values) == len(labels) else None


def _record_rest(cells: list[str]) -> bool:
    """Cells that are all 'label：value' and name nobody: the rest of the record above."""
    return bool(cells) and all(re.match(r"^[^：:]{2,6}[：:]\S", c) for c in cells)


def _names(cells: list[str]) -> int:
    return sum(classify(c).kind == "name" for c in cells)


def _title_and_name(piece: str) -> bool:
    """議員蘇雅惠: a title and a name run together."""
    return any(is_title(piece[:size]) and looks_like_name(piece[size:])
               for size in range(2, min(6, len(piece) - 1)))


_TITLE_COLON = re.compile(r"^[ \t]*(?P<title>[^：:\s、，,]{2,14})[ \t]*[：:][ \t]*(?P<rest>[^：:]+)$")


def _items(line: str) -> list[list[str]]:
    """The people of one list line, each as its cells: 陳建志　綜合規劃處　技正 is one;
    一、鍾明哲，郵務處，經理 is one (its fields joined by commas); 護理部 護理長 蔡宜君；重症醫學部
    專科護理師 彭郁雯 is two. A line that is not of these shapes gives nothing to read."""
    line = _ENUMERATOR.sub("", line)
    titled = _TITLE_COLON.match(line)
    if titled and classify(titled.group("title")).kind in ("title", "unit_title"):
        line = f"{titled.group('title')}\t{titled.group('rest')}"  # 1. 觀光課課長：許家豪
    # 教授（計畫主持人，8月4日至8月10日赴挪威訪視）: a remark in brackets is no list
    line = re.sub(r"[（(][^()（）]*[，,、；;][^()（）]*[)）]", "", line)
    pieces = [p for p in _LIST_MARKS.split(line) if p.strip()]
    if len(pieces) > 1:
        fields = [p.strip() for p in pieces]
        if _names(fields) == 1 and all(len(_cells_of(p)) == 1 for p in fields) and not any(
                _title_and_name(p) for p in fields):  # 議員蘇雅惠、邱文彬 is two people
            return [fields]
        items = [_cells_of(p) for p in pieces]
        # 游佳蓉（宜蘭縣政府工商旅遊處觀光行銷科科長）: a name with its fields in brackets
        return items if all(_names(cells) == 1 and (len(cells) >= 2 or "（" in cells[0]
                                                     or "(" in cells[0]) for cells in items) else [[]]
    cells = _cells_of(line)
    if _record_rest(cells):
        return [cells]
    if len(cells) < 2 or _names(cells) > 1:
        return [[]]  # 科長 吳承翰 技正 蔡佩珊: title-name pairs, read as a list below
    return [cells]


def split_agency(value: str) -> tuple[str, str | None, str | None]:
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


def _distinct_lists(lists: list[Field]) -> list[Field]:
    """The people fields to read: one per label, except a label repeated on consecutive lines
    (姓名／職稱／服務單位：A／B／C, once per person), each of which is a person."""
    kept: list[Field] = []
    for index, field in enumerate(lists):
        earlier = [g for g in lists[:index] if g.label == field.label]
        if not earlier or (kept and kept[-1].label == field.label
                           and "\n" not in field.value and "\n" not in kept[-1].value):
            kept.append(field)
    return kept


def _unit_of(value: str) -> str:
    """A 服務單位 or 系級 value as the unit it names (英語學系四年級 -> 英語學系)."""
    cell = classify(value)
    return cell.unit if cell.kind == "unit" and cell.unit else value.strip()


def _written_travelers(text: str, fields: list[Field], header_end: int,
                       note: Note) -> list[Traveler]:
    agency_field = best_field(fields, "agency")
    agency, unit, agency_title = (
        split_agency(agency_field.value) if agency_field else (None, None, None)
    )
    unit_field = best_field(fields, "unit")
    if unit_field and not unit and agency:  # 服務機關 written: the 單位 is as written
        unit = _unit_of(unit_field.value.removeprefix(agency).strip() or unit_field.value)
    elif unit_field and not unit:  # 服務單位：國立中興大學國際事務處 holds the agency too
        field_agency, unit = split_agency_unit(unit_field.value)
        agency = agency or (field_agency if unit else None)
        unit = unit or _unit_of(unit_field.value)
    travelers = _slash_travelers(text, header_end, note) or _table_travelers(
        text[:header_end], note, agency, unit)
    if travelers:
        return travelers
    # 服務機構及職稱 may list one entry per person, in the order of the names.
    per_person = ([split_agency(v.strip()) for v in re.split(r"[、，,；;]", agency_field.value)]
                  if agency_field else [])
    lists = [f for f in fields if f.name == "people" and f.value]
    for people in _distinct_lists(lists):
        listed = _listed_travelers(people, agency, unit, note)
        if listed:
            travelers.extend(listed)
            continue
        found = [p for p in split_people(people.value) if not column_labels().field_of(p.name)]
        own = len(per_person) == len(found) > 1
        for index, person in enumerate(found):
            if index and person.title is None and person.unit is None and found[index - 1].title:
                # 議員林國榮、黃秀琴: a bare name shares the title of the name before it
                person = replace(person, title=found[index - 1].title)
                found[index] = person
            base_agency, base_unit, base_title = per_person[index] if own else (agency, unit, None)
            person_agency, person_unit = (split_agency_unit(person.organization)
                                          if person.organization else (base_agency, None))
            travelers.append(Traveler(
                name=person.name, agency=person_agency,
                unit=person.unit or person_unit or base_unit,
                title=person.title or base_title
                or (agency_title if len(found) == 1 else None)))
            start = people.start + person.offset
            note(start, start + len(person.name))
    if travelers:
        return travelers
    return _table_travelers(text, note, agency, unit)


_COVER_BODY = re.compile(r"^[ \t]*(?:\d{2,3}年度)?(?P<body>[^\s　：:]{3,30}?)[ \t]*"
                         r"(?:\d{2,4}年度?)?(?:公務)?(?:出國.*報告|出國人員|因公出國|赴.+報告|考察.*報告|$)")


def _report_agency(text: str, field_agency: str | None, organizer: str | None) -> str | None:
    """The body the whole report speaks for: its 服務機關, else the organiser, else the body on
    its cover line (漢翔航空工業股份有限公司 / 出國報告)."""
    if field_agency:
        return field_agency
    if organizer:
        return organizer
    for line in [line for line in text[:400].split("\n") if line.strip()][:3]:
        line = re.sub(r"[（(][^()（）]*[)）]", "", line)  # 出國報告（出國類別：考察）
        match = _COVER_BODY.match(line) if not re.search(r"[：:]", line) else None
        if match and classify(match.group("body")).kind in ("agency", "org"):
            body = classify(match.group("body"))
            return body.agency
    return None


_BRANCH = re.compile(r"分(?P<kind>局|署|處|院|公司|行|會)$")


def _is_bare_division(agency: str, report_agency: str) -> bool:
    """業務局, 信託部, 發動機事業處: a division written without its body, in a report whose body
    is known, is a unit of that body; so is a regional branch of it (臺中分局 of 標準檢驗局,
    花蓮分署 of 林業及自然保育署)."""
    if agency in report_agency or report_agency in agency:
        return False
    branch = _BRANCH.search(agency)
    return is_bare_division(agency) or bool(branch and len(agency) <= 8 and report_agency.endswith(
        "銀行" if branch.group("kind") == "行" else branch.group("kind")))


def _with_report_agency(travelers: list[Traveler], report_agency: str | None) -> list[Traveler]:
    """Travelers whose agency is not written take the report's; a bare division written as
    their agency becomes their unit of it."""
    if not report_agency:
        return travelers
    completed = []
    for t in travelers:
        if t.agency is None:
            t = t.model_copy(update={"agency": report_agency})
        elif _is_bare_division(t.agency, report_agency):  # 觀光處 (+ 觀光行銷科): all of it the unit
            t = t.model_copy(update={"agency": report_agency, "unit": t.agency + (t.unit or "")})
        completed.append(t)
    return completed


# 由議長何文淵率副議長蕭金鳳、議員林志遠、簡麗雲及主任秘書賴德勝等一行7人: a delegation
# named in a sentence, its leader before 率 and the members after it.
_DELEGATION = re.compile(
    r"(?:由|係由|(?:本|該)(?:團|會|所|府|局|處|鎮|鄉|區|院|校)由?|^)(?P<lead>[^，。；\n]{3,24}?)"
    r"(?:率領|率同|率|帶領|偕同)"
    r"(?P<members>[^。；\n]{3,300}?)(?:等[一二三四五六七八九十\d]*[人名位員]|一行|組團|組成|共同|赴|前往|，|。)")
_COUNT = re.compile(r"等[ \t]*(?P<count>\d{1,2}|[二三四五六七八九十]{1,3})[ \t]*[人名位員]")


def _delegation(text: str, note: Note) -> list[Traveler]:
    """The travelers of a delegation written as a sentence in the opening paragraphs; a bare
    name takes the title of the person before it (議員林志遠、簡麗雲: both 議員)."""
    match = _DELEGATION.search(text[:2500])
    if not match:
        return []
    travelers: list[Traveler] = []
    title = None
    for group in ("lead", "members"):
        value = match.group(group)
        for person in split_people(re.sub(r"及|和|與|暨", "、", value)):
            title = person.title or title
            travelers.append(Traveler(name=person.name, agency=person.organization,
                                      unit=person.unit, title=person.title or title))
            note(match.start(group) + person.offset,
                 match.start(group) + person.offset + len(person.name))
    return travelers if len(travelers) >= 2 else []


def _members_table(text: str, header: str, found: list[Traveler], note: Note,
                   agency: str | None) -> list[Traveler]:
    """高振宇　保安組組長等4人: the header names one and counts the rest; a members table
    later in the report names them all."""
    count = _COUNT.search(header)
    if not count:
        return found
    wanted = count.group("count")
    number = int(wanted) if wanted.isdigit() else len(found) + 1
    table = _table_travelers(text, note, agency)
    return table if len(table) >= max(number, len(found) + 1) else found


def _members_sections(text: str, members: list[tuple[int, int]], note: Note) -> list[Traveler]:
    """貳、考察團員 and its list or table: the travelers written in a section of their own."""
    for start, end in members:
        body_start = text.find("\n", start) + 1
        if body_start <= 0 or body_start >= end:
            continue
        body = Field("people", "members", text[body_start:end].strip("\n"), body_start, end)
        def shifted(a: int, b: int, offset: int = body_start) -> None:
            note(offset + a, offset + b)

        found = _table_travelers(text[body_start:end], shifted)
        found = found or _listed_travelers(body, None, None, note, until_prose=True) or []
        if found:
            return found
    return []


def find_travelers(text: str, fields: list[Field], header_end: int, organizer: str | None,
                   note: Note, members: list[tuple[int, int]] | None = None) -> list[Traveler]:
    """Every traveler the header, a members section or table, or a delegation sentence names;
    ``members`` are the spans of the report's members sections."""
    agency_field = best_field(fields, "agency")
    field_agency = split_agency(agency_field.value)[0] if agency_field else None
    travelers = (_written_travelers(text, fields, header_end, note)
                 or _members_sections(text, members or [], note) or _delegation(text, note))
    travelers = _members_table(text, text[:header_end], travelers, note, field_agency)
    job_title = best_field(fields, "job_title")
    if len(travelers) == 1 and travelers[0].title is None and job_title and is_title(
            job_title.value):  # 姓名：黃士銘 / 職稱：主治醫師 on lines of their own
        travelers = [travelers[0].model_copy(update={"title": job_title.value})]
    return _with_report_agency(travelers, _report_agency(text, field_agency, organizer))
