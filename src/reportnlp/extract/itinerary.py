"""Itinerary rows: from tables (日期 | 地點 | 行程) and from day-by-day text (第一天 …).

Dates in a row may be written any way the date engine reads, including
without a year (11/5(日)); those resolve from the report's period.
"""

from __future__ import annotations

import datetime as dt
import re

from reportnlp.dates import scan_dates
from reportnlp.model import ItineraryRow, Period
from reportnlp.structure.numbering import chinese_ordinal

_DATE_HEADER = re.compile(r"^(?:日\s*期|時\s*間|日期/時間|日期時間|月\s*日|月/日|date)$", re.IGNORECASE)
_LOCATION_HEADER = re.compile(r"地\s*點|地區|城市|國家|停留|location|place", re.IGNORECASE)
_ACTIVITY_HEADER = re.compile(r"行\s*程|活動|內容|工作|說明|紀要|事項|摘要|參訪|activity|agenda",
                              re.IGNORECASE)
_DAY_LINE = re.compile(r"^[ \t]*(?:[-•●◎]\s*)?(?:第\s*(?P<n>[一二三四五六七八九十\d]{1,3})\s*天|Day\s*(?P<d>\d{1,2}))"
                       r"[ \t]*(?P<rest>.*)$", re.MULTILINE)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    date = next((i for i, c in enumerate(cells) if _DATE_HEADER.match(c)), None)
    if date is None:
        return None
    columns = {"date": date}
    for i, cell in enumerate(cells):
        if i == date:
            continue
        if "location" not in columns and _LOCATION_HEADER.search(cell):
            columns["location"] = i
        elif "activity" not in columns and _ACTIVITY_HEADER.search(cell):
            columns["activity"] = i
    return columns if len(columns) > 1 else None


def _row_dates(cell: str, period: Period | None) -> tuple[dt.date, dt.date | None] | None:
    scan = scan_dates(cell, period=(period.start, period.end) if period else None)
    if not scan.mentions:
        return None
    first = scan.mentions[0]
    end = first.end_date
    if end is None and len(scan.mentions) > 1 and re.search(r"[~～〜\-–—至到]", cell):
        end = scan.mentions[1].date
    return first.date, end


def table_rows(text: str, period: Period | None) -> list[ItineraryRow]:
    """Rows of every itinerary table in the text."""
    rows: list[ItineraryRow] = []
    lines = text.split("\n")
    offsets = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    index = 0
    while index < len(lines):
        columns = _header_columns(_cells(lines[index])) if "\t" in lines[index] else None
        index += 1
        if not columns:
            continue
        while index < len(lines):
            line = lines[index]
            if not line.strip():
                index += 1
                continue
            if "\t" not in line:
                break
            cells = _cells(line)
            date_cell = cells[columns["date"]] if columns["date"] < len(cells) else ""
            dates = _row_dates(date_cell, period) if date_cell else None
            location = _cell(cells, columns.get("location"))
            activity = _cell(cells, columns.get("activity"))
            if dates:
                rows.append(ItineraryRow(
                    date=dates[0], end_date=dates[1], location=location, activity=activity,
                    start=offsets[index], end=offsets[index] + len(line.rstrip())))
            elif rows and not date_cell and any(cells):
                # A continuation line: the previous row's last cell went on.
                more = " ".join(c for c in cells if c)
                last = rows[-1]
                last.activity = f"{last.activity} {more}".strip() if last.activity else more
            else:
                break
            index += 1
    return rows


def _cell(cells: list[str], index: int | None) -> str | None:
    if index is None or index >= len(cells):
        return None
    return cells[index] or None


def day_rows(text: str, period: Period | None) -> list[ItineraryRow]:
    """Rows from day-by-day paragraphs: 第一天（11月4日）…, dated from the period when undated."""
    rows = []
    for match in _DAY_LINE.finditer(text):
        rest = match.group("rest")
        number = int(match.group("d")) if match.group("d") else chinese_ordinal(match.group("n"))
        scan = scan_dates(rest[:60], period=(period.start, period.end) if period else None)
        if scan.mentions:
            date, end_date = scan.mentions[0].date, scan.mentions[0].end_date
            rest = rest[scan.mentions[0].end :]
            through = _THROUGH_DAY.match(rest)
            if through and len(scan.mentions) > 1:  # 第五天（6月23日）至第六天（6月24日）
                end_date = scan.mentions[1].date
                rest = rest[through.end() :]
        elif period:
            date, end_date = period.start + dt.timedelta(days=number - 1), None
        else:
            continue
        rest = re.sub(r"^[^)）\n]{0,8}[)）]", "", rest)  # the rest of 第二天（11月5日，星期日）
        activity = re.sub(r"^[\s)）:：，,、]+", "", rest).strip() or None
        rows.append(ItineraryRow(date=date, end_date=end_date, location=None, activity=activity,
                                 start=match.start(), end=match.end()))
    return rows


_THROUGH_DAY = re.compile(r"^[^至\n]{0,8}至\s*第\s*[一二三四五六七八九十\d]{1,3}\s*天\s*[(（][^)）\n]*[)）]")
# Non-empty lines without a date allowed between two dated itinerary lines.
MAX_GAP_LINES = 3
_LINE_LEAD = re.compile(r"^[ \t]*(?:[-•●◎▪*][ \t]*)?")
_AFTER_DATE = re.compile(r"^[ \t]*(?:[：:]|[ \t]|(?=[\u4e00-\u9fff]))")


_DATE_ONLY_REST = re.compile(r"^[ \t]*[：:，,]?[ \t]*$")
_WEEKDAY = re.compile(r"[（(](?:星期|週|周|礼拜|禮拜)?[一二三四五六日天][)）]")


def dated_lines(text: str, period: Period | None) -> list[ItineraryRow]:
    """Rows from lines that open with a date: 6月30日（星期日）：辦理報到…, 4/7(日) 自桃園搭機…,
    or a date alone on its line with the day's account on the next (11月10日（日） / 自桃園…)."""
    scan = scan_dates(text, period=(period.start, period.end) if period else None)
    starts = {m.start: m for m in scan.mentions}
    rows: list[ItineraryRow] = []
    lines, position = [], 0
    for line in text.split("\n"):
        lines.append((line, position))
        position += len(line) + 1
    since_last_row = 0
    for index, (line, position) in enumerate(lines):
        if rows and line.strip():
            since_last_row += 1
            if since_last_row > MAX_GAP_LINES and len(rows) >= 2:
                break  # the dated block has ended; later dated lines are narrative
        lead = _LINE_LEAD.match(line).end()
        mention = starts.get(position + lead)
        if mention is None or mention.end > position + len(line):
            continue
        rest = text[mention.end : position + len(line)]
        if rows and mention.date < rows[-1].date and len(rows) >= 2:
            break  # time runs backwards: a narrative after the itinerary
        end = position + len(line)
        if _DATE_ONLY_REST.match(rest):
            if not _WEEKDAY.search(line):
                continue  # a date alone without its weekday: a signature or report date
            following = next(((text_line, at) for text_line, at in lines[index + 1 : index + 3]
                              if text_line.strip()), None)
            if following is None or starts.get(following[1] + _LINE_LEAD.match(following[0]).end()):
                continue
            rest, end = following[0], following[1] + len(following[0])
        elif not (_AFTER_DATE.match(rest) and len(rest.strip()) >= 2):
            continue
        activity = re.sub(r"^[\s:：，,、]+", "", rest).strip() or None
        rows.append(ItineraryRow(date=mention.date, end_date=mention.end_date, location=None,
                                 activity=activity, start=position, end=end))
        since_last_row = -1 if _DATE_ONLY_REST.match(text[mention.end : position + len(line)]) else 0
    return rows if len(rows) >= 2 else []


def extract_itinerary(text: str, period: Period | None) -> list[ItineraryRow]:
    """The report's itinerary: its tables, else its day-by-day paragraphs, else its dated lines."""
    return table_rows(text, period) or day_rows(text, period) or dated_lines(text, period)
