"""The header block: ``label：value`` fields of 提要 forms, cover pages and inline labels.

Labels are matched anywhere in the text before the body (a line may hold two,
``出國期間：…\t出國地區：…``); a value runs to the next label on its line, or is
the next line when the label stands alone. The label lexicon is data
(``models/header/field_labels.tsv``): each field with its label variants, in order of
precedence where two compete (出國期間 is the trip, 會議時間 the conference).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportnlp.resources import models_dir


@lru_cache(maxsize=1)
def field_labels() -> dict[str, tuple[str, ...]]:
    """``models/header/field_labels.tsv``: field -> its label variants, in precedence order."""
    labels: dict[str, list[str]] = {}
    path = models_dir() / "header" / "field_labels.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, label = line.split("\t")[:2]
            labels.setdefault(name, []).append(label.strip())
    return {name: tuple(variants) for name, variants in labels.items()}


FIELD_LABELS = field_labels()


def header_labels() -> frozenset[str]:
    """Every label of the lexicon: a line that is one alone is a header field, no heading."""
    return _HEADER_LABELS


_HEADER_LABELS = frozenset(label for labels in FIELD_LABELS.values() for label in labels)
LABEL_RANK = {label: rank for labels in FIELD_LABELS.values()
              for rank, label in enumerate(labels)}
_ALL_LABELS = sorted(_HEADER_LABELS, key=len, reverse=True)
_LABEL_TO_FIELD = {label: name for name, labels in FIELD_LABELS.items() for label in labels}


def _spaced(label: str) -> str:
    """A label as written with spaces between its characters (姓　　名), and — for a label of
    four or more characters — broken over two lines by a table cell (服務機構\n及職稱)."""
    gap = r"(?:[ \t]{0,3}|[ \t]*\n[ \t]*)" if len(label) >= 4 else r"[ \t]{0,3}"
    return gap.join(re.escape(c) for c in label)


_LABEL = re.compile(
    r"(?:(?:(?<=^)|(?<=[\t ☐☑□■\u3000]))[ \t]*"
    r"(?P<label>" + "|".join(_spaced(label) for label in _ALL_LABELS) + r")"
    # 電話 right after a name (聯絡人：任珮諤電話：…) when the space between was lost
    r"|(?<=[\u4e00-\u9fff\"“”])(?P<label_phone>電話)(?=[ \t]*[：:]))"
    # a label may carry its columns (出國人員姓名／服務機關／職稱：) or a note in brackets
    r"(?P<sep>[ \t]*(?:[(（][^)）\n]{0,12}[)）]|(?:[ \t]*[／/][^：:／/\n]{1,8}){1,4})?[ \t]*[：:]|\t+)",
    re.MULTILINE,
)
# Labels too generic to trust once the body has begun.
_HEADER_ONLY = {"日期", "地點", "姓名", "團員", "報告人", "電話"}
_COVER = re.compile(r"^[^\n]{0,40}?出國報告[ \t]*[(（][ \t]*出國類別[ \t]*[：:][ \t]*"
                    r"(?P<type>[^)）\n]+?)[ \t]*[)）]", re.MULTILINE)


@dataclass(frozen=True)
class Field:
    """A labelled value in the header: ``text[start:end] == value``."""

    name: str
    label: str
    value: str
    start: int
    end: int


def ranked_fields(fields: list[Field], name: str) -> list[Field]:
    """The fields of ``name`` with a value, best label first (the lexicon's precedence:
    出國期間 before 會議時間), then in text order."""
    return sorted((f for f in fields if f.name == name and f.value),
                  key=lambda f: (LABEL_RANK.get(f.label, 99), f.start))


def best_field(fields: list[Field], name: str) -> Field | None:
    """The best-ranked field of ``name`` with a value, or None."""
    ranked = ranked_fields(fields, name)
    return ranked[0] if ranked else None


def _trimmed(text: str, start: int, stop: int) -> tuple[int, int]:
    segment = text[start:stop]
    left = len(segment) - len(segment.lstrip(" \t"))
    return start + left, start + len(segment.rstrip(" \t"))


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _next_line_value(text: str, position: int, region_end: int) -> tuple[int, int] | None:
    """The next non-empty line after ``position`` when it is not itself a label line."""
    for _ in range(3):
        position = _line_end(text, position) + 1
        if position >= region_end:
            return None
        stop = _line_end(text, position)
        if text[position:stop].strip():
            if _LABEL.match(text, position):
                return None
            return _trimmed(text, position, stop)
    return None


def _label_of(match: re.Match[str]) -> str:
    """The label a match found, without the spaces a spaced-out form put in it."""
    return re.sub(r"\s", "", match.group("label") or match.group("label_phone"))


def _usable(text: str, match: re.Match[str], label: str, header_end: int) -> bool:
    in_header = match.start() < header_end
    at_line_start = match.start() == 0 or text[match.start() - 1] == "\n"
    if not in_header and (label in _HEADER_ONLY or "\t" in (match.group("sep") or "")):
        return False
    after_tab = match.start() > 0 and text[match.start() - 1] == "\t"
    if "\t" in (match.group("sep") or "") and not (at_line_start or after_tab):
        return False
    # 類別 alone is the form's category; inside 出國類別 it is another label.
    return not (label == "類別" and match.group("label")
                and text[max(match.start("label") - 1, 0)] not in "\n\t ")


def _following_lines(text: str, position: int, limit: int) -> tuple[int, int]:
    """A label alone on its line, its list on the lines below (姓名職稱：\n王大明 科長\n…)."""
    start = end = _line_end(text, position) + 1
    while end < limit:
        stop = _line_end(text, end)
        if not text[end:stop].strip() or _LABEL.match(text, end):
            break
        end = stop + 1
    start, stop = _trimmed(text, start, min(end, limit))
    return (start, stop) if stop > start else (position, position)


# Labels of one traveler's record (姓名：許文龍　職稱：研究員 / 服務單位：作物組).
_RECORD_LABELS = frozenset({"姓名", "職稱", "服務單位", "服務機關", "單位", "級職", "職務", "服務機構"})


def _record_lines(text: str, position: int, limit: int) -> tuple[int, int]:
    """The lines after a list label that are person records made of labels (姓名：…　職稱：…,
    a record's 服務單位：… on the line below): the span they cover, empty when there are none."""
    start = end = _line_end(text, position) + 1
    while end < limit:
        stop = _line_end(text, end)
        line = text[end:stop]
        if not line.strip():
            break
        bare = re.sub(r"^[ \t]*[(（]?[一二三四五六七八九十\d]{1,3}[)）.、．][ \t]*", "", line)
        labels = {_label_of(m) for m in _LABEL.finditer(bare)}
        if not labels or not labels <= _RECORD_LABELS:
            break
        end = stop + 1
    start, stop = _trimmed(text, start, min(end, limit))
    return (start, stop) if stop > start else (position, position)


def header_fields(text: str, header_end: int | None = None) -> list[Field]:
    """Every labelled field in ``text``, in text order.

    Before ``header_end`` (where the body's first section starts) every label
    counts, also in ``label<TAB>value`` table form; after it, only
    ``label：value`` with a specific label (考察日期：, not 日期：).
    """
    region_end = len(text)
    header_end = region_end if header_end is None else header_end
    matches = [m for m in _LABEL.finditer(text)
               if _usable(text, m, _label_of(m), header_end)]
    matches = _without_header_rows(text, matches)
    fields: list[Field] = []
    skip_until = -1
    for index, match in enumerate(matches):
        if match.start() < skip_until:
            continue  # a label inside a list of person records read above
        label = _label_of(match)
        name = _LABEL_TO_FIELD[label]
        columns = _columns(match)
        if columns and name != "people":  # 出國計畫主辦機關/聯絡人/電話：A/B/C
            fields += _row_fields(text, match, [label, *columns])
            continue
        line_end = _line_end(text, match.end())
        following = matches[index + 1].start() if index + 1 < len(matches) else line_end
        start, end = _trimmed(text, match.end(), min(line_end, following))
        if start == end and following >= line_end and name == "people":
            next_label = matches[index + 1].start() if index + 1 < len(matches) else region_end
            # 出國人員： then 姓名：許文龍　職稱：研究員 lines, one per person, or a plain list
            start, end = _record_lines(text, match.end(), header_end)
            if start == end:
                start, end = _following_lines(text, match.end(), min(next_label, header_end))
            else:
                skip_until = max(skip_until, end)
        elif start == end and following >= line_end:
            start, end = _next_line_value(text, match.end(), region_end) or (start, end)
        elif following >= line_end and name in ("people", "title"):
            end = _continuation_end(text, end, following)
        fields.append(Field(name, label, text[start:end], start, end))
    return fields + slash_fields(text, header_end)


def _columns(match: re.Match[str]) -> list[str]:
    """出國計畫主辦機關/聯絡人/電話：: the further labels a label carries, when every one is a
    label (出國國家/城市 is one label, its 城市 no field)."""
    parts = [re.sub(r"[\s：:]", "", p) for p in re.split(r"[／/]", match.group("sep") or "")[1:]]
    return parts if parts and all(p in _LABEL_TO_FIELD for p in parts) else []


def _row_fields(text: str, match: re.Match[str], labels: list[str]) -> list[Field]:
    """The values of a one-line slash row, one field per label, when the counts agree."""
    start, end = _trimmed(text, match.end(), _line_end(text, match.end()))
    cells = _cells(text[start:end], start)
    if len(cells) != len(labels):
        return []
    return [Field(_LABEL_TO_FIELD[label], label, value, a, b)
            for label, (value, a, b) in zip(labels, cells, strict=True) if value]


_TAB_LABEL_CELLS = frozenset({"單位", "機關", "序號", "編號", "備註", "職級", "級職"})


def _without_header_rows(text: str, matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """姓名	服務機關	單位	職稱: a table's header row, its labels heading columns, fills no field
    (the table is read by its columns)."""
    rows: dict[int, list[re.Match[str]]] = {}
    for match in matches:
        rows.setdefault(text.rfind("\n", 0, match.start()) + 1, []).append(match)
    dropped = set()
    for line_start, on_line in rows.items():
        cells = [c.strip() for c in text[line_start:_line_end(text, line_start)].split("\t")]
        labels = [c for c in cells if re.sub(r"\s", "", c) in _HEADER_LABELS
                  or c in _TAB_LABEL_CELLS]
        if len(cells) >= 2 and len(labels) == len([c for c in cells if c]):
            dropped |= {id(m) for m in on_line}
    return [m for m in matches if id(m) not in dropped]


_CONTINUATION = re.compile(r"\n[ \t]+(?=\S)([^\n]*)")


def _continuation_end(text: str, end: int, limit: int) -> int:
    """Extend a value over indented lines that carry no label of their own (a list of people)."""
    while True:
        match = _CONTINUATION.match(text, end)
        if not match or match.end() > limit or _LABEL.match(text, match.start() + 1):
            return end
        end = match.end()


_SLASH = re.compile(r"[ \t]*[/／][ \t]*")


def slash_rows(text: str, header_end: int) -> list[tuple[list[str], list[list[tuple[str, int, int]]]]]:
    """Tables written as a line of labels joined by '/' and value lines of the same shape.

    ``出國計畫主辦機關/聯絡人/電話`` then ``台灣中油股份有限公司/王雅婷/(07)582-4141``;
    returns ``(labels, rows)`` with each cell as ``(value, start, end)``.
    """
    tables = []
    lines = [(m.group(), m.start()) for m in re.finditer(r"[^\n]*", text[:header_end])]
    for index, (line, _) in enumerate(lines):
        labels = _SLASH.split(line.strip())
        if len(labels) < 2 or not all(0 < len(label) <= 12 for label in labels):
            continue
        if not any(_LABEL_TO_FIELD.get(label) for label in labels) and "姓名" not in line:
            continue
        rows = []
        for row, offset in lines[index + 1 : index + 40]:
            if not row.strip():
                continue
            cells = _cells(row, offset)
            if len(cells) != len(labels):
                break
            rows.append(cells)
        if rows:
            tables.append((labels, rows))
    return tables


def _cells(row: str, offset: int) -> list[tuple[str, int, int]]:
    cells, position = [], 0
    for piece in _SLASH.split(row):
        start = row.find(piece, position) if piece else position
        position = start + len(piece)
        value = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        cells.append((value, offset + start + lead, offset + start + lead + len(value)))
    return cells


def slash_fields(text: str, header_end: int) -> list[Field]:
    """Fields from slash tables that are not lists of people (主辦機關/聯絡人/電話)."""
    fields = []
    for labels, rows in slash_rows(text, header_end):
        if any("姓名" in label for label in labels):
            continue
        for label, (value, start, end) in zip(labels, rows[0], strict=True):
            name = _LABEL_TO_FIELD.get(label)
            if name and value:
                fields.append(Field(name, label, value, start, end))
    return fields


def cover_trip_type(text: str, limit: int | None = None) -> tuple[str, int, int] | None:
    """The type written on a cover page: 出國報告（出國類別：考察） -> ('考察', start, end)."""
    match = _COVER.search(text, 0, len(text) if limit is None else limit)
    if not match:
        return None
    return match.group("type"), match.start("type"), match.end("type")


def cover_title(text: str, limit: int | None = None) -> tuple[str, int, int] | None:
    """The title line(s) after a cover page's 出國報告（出國類別：…） line."""
    match = _COVER.search(text, 0, len(text) if limit is None else limit)
    if not match:
        return None
    lines = []
    position = _line_end(text, match.end()) + 1
    while position < len(text):
        stop = _line_end(text, position)
        line = text[position:stop]
        if not line.strip():
            if lines:
                break
        elif _LABEL.match(text, position):
            break
        else:
            lines.append((line.strip(), position + len(line) - len(line.lstrip())))
        position = stop + 1
    if not lines:
        return None
    # A title the page broke over lines is one title: 出席…委員會 / 第19屆年會報告.
    title = "".join(line for line, _ in lines)
    last_line, last_start = lines[-1]
    return title, lines[0][1], last_start + len(last_line)
