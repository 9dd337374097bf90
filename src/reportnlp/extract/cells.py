"""What one cell of a traveler list holds: a name, a title, an agency, a unit — or a label.

Traveler lists come in every order (``陳建志　綜合規劃處　技正``, ``科長　劉家豪``, a table
whose header row is ``職稱	姓名	單位``), so each cell is classified by its own evidence
(the gazetteer's bodies and titles, the suffixes agencies and units are built with, the
surname list, the column-label lexicon in ``models/``) and never by where it stands. A cell
that is a column label is never a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportnlp.extract.people import (
    OWN_BODY,
    OWN_DIVISION,
    is_title,
    looks_like_name,
    split_agency_unit,
    split_unit_title,
)
from reportnlp.ner.gazetteer import load_gazetteer
from reportnlp.resources import models_dir

# A body in its own right (機關): ministries, their agencies, governments, companies, schools.
_AGENCY_END = re.compile(
    r"(?:部|署|局|府|院|委員會|公司|大學|學院|醫院|公所|議會|代表會|銀行|農會|漁會|研究院|學校|中學"
    r"|監獄|看守所|戒治所|觀護所|分署|關|院區"
    r"|高中|國小|博物館|美術館|圖書館|基金會|協會|學會|總會|公會|商會|總隊|Inc\.|Ltd\.|University)$")
# A division inside a body (單位).
_UNIT_END = re.compile(r"(?:司|處|科|室|課|組|股|系|學系|研究所|所|中心|分行|廠|隊|站|館|分局|分處"
                       r"|辦公室|學程|實驗室|部門|事業部)$")


@dataclass(frozen=True)
class ColumnLabels:
    """Column labels of traveler tables, by the traveler field they head."""

    by_label: dict[str, str]

    def field_of(self, cell: str) -> str | None:
        """The field a header cell names (``name``, ``agency``, ``unit``, ``title``, ``mixed``,
        ``other``); a label written inside a list's own label (出國人員（單位) counts."""
        cleaned = re.sub(r"[\s　：:]", "", cell)
        found = self.by_label.get(cleaned)
        if found is None and re.search(r"[（(）)]", cleaned):
            inner = [p for p in re.split(r"[（(）)]", cleaned) if p]
            found = self.by_label.get(inner[-1]) if inner else None
        if found is None and re.search(r"及|與|、", cleaned):  # 服務機關及單位: two labels in one
            parts = [self.by_label.get(p) for p in re.split(r"及|與|、", cleaned) if p]
            found = "mixed" if len(parts) > 1 and None not in parts else None
        return found


@lru_cache(maxsize=1)
def column_labels() -> ColumnLabels:
    """``models/header/traveler_columns.tsv``: every column label with the field it heads."""
    by_label = {}
    path = models_dir() / "header" / "traveler_columns.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, field_name = line.split("\t")[:2]
            by_label[label.strip()] = field_name.strip()
    return ColumnLabels(by_label)


@lru_cache(maxsize=1)
def _bodies() -> frozenset[str]:
    gazetteer = load_gazetteer()
    return frozenset(form for form, entry in gazetteer.forms.items() if entry.label == "ORG")


# Suffixes only a body has, never a division inside one (局, 部, 處 can be either).
_STRONG_BODY = re.compile(r"(?:公所|農會|漁會|議會|代表會|政府|公司|大學|學校|醫院|銀行|研究院|委員會)$")


def is_bare_division(name: str) -> bool:
    """業務局, 信託部, 觀光處: a division's name, not a body's (short, listed nowhere as a body,
    no suffix only a body has, no place in front: 彰化縣衛生局 is a body)."""
    return (len(name) <= 7 and not is_known_body(name) and not _STRONG_BODY.search(name)
            and not _opens_with_place(name))


def _opens_with_place(name: str) -> bool:
    forms = load_gazetteer().forms
    return any(name[:size] in forms and forms[name[:size]].label == "GPE" for size in (2, 3, 4))


def is_known_body(text: str) -> bool:
    """Whether the gazetteer lists ``text`` as a body."""
    return text in _bodies()


def is_body(text: str) -> bool:
    """Whether ``text`` names a body: listed in the gazetteer or ending as a body's name ends."""
    return text in _bodies() or bool(_AGENCY_END.search(text))


@dataclass(frozen=True)
class Cell:
    """A classified cell: its kind and the parts it was cut into."""

    kind: str  # label, name, title, agency, unit, org (agency and unit), unit_title, other
    text: str
    agency: str | None = None
    unit: str | None = None
    title: str | None = None


_REMARK = re.compile(r"[（(][^()（）]*[)）]$")  # 副教授（指導老師）: a remark after the value
_GRADE = re.compile(r"(?:碩士班|博士班|大學部|學士班)?(?:[一二三四五六七1-7]|碩[一二三]?|博[一二三四]?)年級$"
                    r"|(?:碩士班|博士班|大學部)?[一二三四]?(?:年級)?學生$")


def classify(cell: str) -> Cell:
    """The kind of one cell, from its own evidence."""
    text = _REMARK.sub("", cell.strip()).strip()
    if not text:
        return Cell("other", text)
    if column_labels().field_of(text):
        return Cell("label", text)
    grade = _GRADE.search(text)
    if grade and grade.start() >= 2:  # 觀光管理系四年級: the student's department
        return Cell("unit", text, unit=text[: grade.start()])
    unit_part, title = split_unit_title(text)
    if unit_part and title != text:  # 核工組研究員, 工務處處長, 臺中市政府秘書處科員
        agency, unit = split_agency_unit(unit_part)
        if agency and not unit and not is_body(agency) and not OWN_DIVISION.search(agency):
            agency, unit = None, agency  # (臺中市政府秘書處 is a body of its own)
        return Cell("unit_title", text, agency=agency, unit=unit, title=title)
    if is_title(text):
        return Cell("title", text, title=text)
    if text in _bodies():
        return Cell("agency", text, agency=text)
    agency, unit = split_agency_unit(text)
    if agency and not unit and OWN_BODY.search(text):
        return Cell("agency", text, agency=text)  # 雲林縣政府農業處: a government's 處 is a body
    if agency and unit and is_bare_division(agency):
        return Cell("unit", text, unit=text)  # 觀光處觀光行銷科: divisions only, no body
    if agency and unit:
        return Cell("org", text, agency=agency, unit=unit)
    if len(text) >= 4 and not _UNIT_END.search(text[:-2]) and any(
            is_title(text[-size:]) for size in (2, 3)):  # 監察調查官: a title no list holds
        return Cell("title", text, title=text)
    if is_body(text) and len(text) >= 3:
        return Cell("agency", text, agency=text)
    if _UNIT_END.search(text) and len(text) >= 3:
        return Cell("unit", text, unit=text)
    if looks_like_name(text):
        return Cell("name", text)
    return Cell("other", text)


_PART = re.compile(r"[／/]")
_EMPTY_CELL = re.compile(r"^[ \t]*(?:[-－—–‐_＿]+|無|N/?A|n/?a)[ \t]*$")
_LABELLED = re.compile(r"^([^：:]{2,8})[：:](.+)$")
_BRACKET_TAIL = re.compile(r"^(?P<outer>[^（(]+)[（(](?P<inner>[^()（）]+)[)）]$")


def _unbracketed(cell: str) -> list[str]:
    """蕭文昌（臺中市政府消防局）, 陳俊男（區長）: the bracket holds another field of the same
    person, read as a cell of its own; a remark (團長, 指導老師) is left out."""
    match = _BRACKET_TAIL.match(cell.strip())
    if not match:
        return [cell]
    inner = classify(match.group("inner"))
    if inner.kind in ("agency", "org", "unit", "title", "unit_title"):
        return [match.group("outer"), match.group("inner")]
    return [match.group("outer")]


@dataclass(frozen=True)
class TravelerCells:
    """One traveler read from cells, with the cell index of the name."""

    name: str
    agency: str | None
    unit: str | None
    title: str | None
    name_index: int


def read_traveler(cells: list[str], columns: list[str | None] | None = None,
                  nameless: bool = False) -> TravelerCells | None:
    """The traveler in one row of cells; ``columns`` (from a header row) name each cell's field
    where the table has one. A cell's own evidence decides where no column names it, and a
    name column holding no name reads nothing. None when the row names nobody (with
    ``nameless``, the fields it holds, under an empty name)."""
    values: dict[str, str | None] = {"name": None, "agency": None, "unit": None, "title": None}
    name_index = -1
    has_agency_column = bool(columns) and "agency" in columns
    cells = [part for cell in cells for part in _unbracketed(cell)]
    cells = ["" if _EMPTY_CELL.match(c) else c for c in cells]  # －, —, 無: nothing written
    if columns and len(cells) != len(columns):
        columns = None  # a bracket split a cell: read by evidence alone
    for index, raw in enumerate(cells):
        text = raw.strip()
        if not text:
            continue
        column = columns[index] if columns and index < len(columns) else None
        labelled = _LABELLED.match(text)
        if labelled and column_labels().field_of(labelled.group(1)):  # 職稱：隊長 inside a row
            column, text = column_labels().field_of(labelled.group(1)), labelled.group(2).strip()
            if column == "unit" and classify(text).kind != "org":
                values["unit"] = values["unit"] or text  # 服務單位：生產事業部, as labelled
                continue
        parts = [p for p in _PART.split(text) if p.strip()] if column != "name" else [text]
        if len(parts) > 1 and column != "other":  # 國立東華大學自然資源與環境學系／助理教授
            for part in parts:
                cell = classify(part)
                if cell.kind == "name" and values["name"] is None:
                    values["name"], name_index = cell.text, index
                else:
                    _assign(values, cell)
            continue
        column = None if column == "mixed" else column
        cell = classify(text)
        if cell.kind == "label":
            continue
        if column == "name":
            if cell.kind in ("name", "other") and looks_like_name(_REMARK.sub("", text).strip()):
                values["name"], name_index = values["name"] or text, index
        elif column in ("agency", "unit") and cell.kind == "org":  # 陸軍司令部計畫處: cut
            values["agency"] = values["agency"] or cell.agency
            values["unit"] = values["unit"] or cell.unit
        elif column == "agency":
            values["agency"] = values["agency"] or text
        elif column == "title" and cell.kind == "unit_title":
            values["unit"], values["title"] = values["unit"] or cell.unit, cell.title
        elif column == "title":
            values["title"] = values["title"] or (cell.title if cell.kind == "title" else text)
        elif column == "unit" and cell.kind == "agency" and not has_agency_column:
            values["agency"] = values["agency"] or text  # a lone 單位 column naming the body
        elif column == "unit":
            values["unit"] = values["unit"] or text
        elif cell.kind == "name" and values["name"] is None:
            values["name"], name_index = cell.text, index
        elif column != "other":
            _assign(values, cell)
    if nameless and not values["name"]:  # the rest of a record whose name came before
        return TravelerCells("", values["agency"], values["unit"], values["title"], -1)
    if not values["name"] or column_labels().field_of(values["name"]):
        return None
    return TravelerCells(values["name"], values["agency"], values["unit"], values["title"],
                         name_index)


def _assign(values: dict[str, str | None], cell: Cell) -> None:
    """Fill the agency, unit and title a cell holds, where still open."""
    if cell.kind in ("title", "unit_title", "org", "agency", "unit"):
        for key in ("agency", "unit", "title"):
            part = getattr(cell, key)
            if part and values[key] is None:
                values[key] = part


def header_columns(cells: list[str]) -> list[str | None] | None:
    """The fields a header row's cells head, when the row is one (every cell a label, two or
    more, one of them a name column); None for a row of values."""
    filled = [c for c in cells if c.strip()]
    fields = [column_labels().field_of(c) for c in filled]
    if len(fields) >= 2 and None not in fields and "name" in fields:
        return [column_labels().field_of(c) if c.strip() else None for c in cells]
    return None
