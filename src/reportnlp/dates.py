"""Find and read the dates written in Taiwanese government trip reports.

Reports mix ROC (民國) and Gregorian years, Arabic, full-width and Chinese numerals,
several separators, weekdays in brackets, ranges whose end leaves out the year and
month, and dates with no year at all. This module turns all of them into
:class:`~reportnlp.model.DateMention` objects whose ``start``/``end`` offsets point into
the text exactly as given (``text[start:end] == mention.text``).

Recognised forms (each may be followed by a weekday such as ``(一)``, ``（星期六）``,
``(週三)``, ``(Mon)`` or ``星期一``, which then belongs to the mention; one after a
comma, ``5月24日，星期五``, does not):

* ``106年11月4日``, ``民國106年…``, ``中華民國98年…``, ``2017年…``, ``西元2017年…``,
  spaced ``106 年 7 月 19 日``, full-width ``１０６年…``, Chinese numerals in digit style
  (``一〇六年``, ``二〇一七年``; ``〇 ○ 零 O`` are zero) or reading style
  (``一百零六年十一月四日``, ``三十一日``).
* ``106.11.04``, ``106/11/4``, ``106-11-04``, ``2017.11.04``, ``2017/11/4``, ``2017-11-04``.
* Compact ``1061104`` / ``0981231``, only where it stands as a field value (at the start
  of a line or table cell, after a label colon) or as part of a range.
* Dates without a year: ``11月5日`` anywhere; ``5/8`` with a weekday, in a range, as a
  field value or right after an opening bracket; ``5.8`` only with a weekday. Their year
  comes from the report period.
* Ranges joined by 至, 到, ``~``, ``～``, ``〜``, ``-``, ``–``, ``—``, optionally as
  ``…起至…止``; the end may leave out the year, or year and month, which it then takes
  from the start (``113年3月5日至9日``, ``112年12月28日至1月3日`` crosses into 2024).

Not dates: a year alone (``2018年``, ``2018-2021``), year and month only (``106年11月``:
deliberately skipped, since a month is not a day), phone numbers, counts, ordinals,
money, document numbers, section numbers (``2.1``, ``3.2.1``, ``10.2.1``) and times.
Separator forms must be plausible: a ROC year of 3 digits, or of 2 digits from 30 up
(so chapter numbers like ``12.3.1`` are not read as 1923), or a Gregorian year
1900-2100, with a real month and day.

An impossible date written with 年月日 (``106年2月30日``, ``88年2月29日``, ``106年13月5日``)
yields no mention and a warning naming the text and the reason; the looser separator and
compact forms only warn when everything but the day is plausible. A range whose end is
impossible or before its start keeps only its start, with a warning. In ``自…起至…止``
the mention runs from the first date through 止 (自 is left out). No input string makes
these functions raise.

Performance: one master regex (compiled at import) finds every candidate in a single
pass (see ``_MASTER`` for how it lets re skip ahead); a small per-family regex reads a
range's end right after a candidate; only the candidates are handled in Python, and all
mentions are validated in one pydantic call. ``benchmarks/bench_dates.py`` measures it.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import TypeAdapter

from reportnlp.model import DateMention

__all__ = ["DateScan", "find_dates", "parse_date", "parse_period", "scan_dates"]

# ---------------------------------------------------------------------------
# Regular expressions (compiled once)
# ---------------------------------------------------------------------------

_SP = r"[ \u3000\u00a0]*"  # spaces allowed inside a date (never tabs or newlines)
_CN_ZERO = "〇○零"
_CN_DIGIT = "一二三四五六七八九"
_ERA = r"中華民國|民國|西元|公元"
_YEAR = rf"\d{{1,4}}|[{_CN_ZERO}{_CN_DIGIT}十][O{_CN_ZERO}{_CN_DIGIT}十百]{{0,5}}"
_MONTH = rf"\d{{1,2}}|[{_CN_DIGIT}十]{{1,3}}"
_DAY = rf"\d{{1,2}}|[{_CN_DIGIT}十廿卅]{{1,4}}"
_DAY_MARK = "[日號号]"
_SEP = r"[./\-．／－]"
_JOIN = r"至|到|[~～〜\-–—－]"
_SEP_RE = re.compile(_SEP)
_WEEKDAY = (
    rf"{_SP}[(（]{_SP}(?:(?:星期|禮拜|礼拜|週|周){_SP})?[一二三四五六日天]{_SP}[)）]"
    rf"|{_SP}[(（]{_SP}(?i:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?"
    rf"|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?{_SP}[)）]"
    r"|(?:星期|禮拜|礼拜|週|周)[一二三四五六日天]"
)

# The date grammar. Group names say which family matched:
#   cjk  era? y? m d    年月日 form (y absent: a date without a year)
#   sy sep sm sep2 sd   separator form with a year (sep2 must equal sep: checked in
#                       Python, as a backreference cannot sit inside the lookbehind below)
#   mm msep md          month/day without a year
#   c                   compact 7-digit ROC date (with a trailing 日 when written)
#   wd                  a weekday after any of them
_GRAMMAR = rf"""
    (?P<all>
        (?:
            (?<![\d{_CN_ZERO}{_CN_DIGIT}十百廿卅O])
            (?P<cjk>
                (?:(?:(?P<era>{_ERA}){_SP})?(?P<y>{_YEAR}){_SP}年{_SP})?
                (?P<m>{_MONTH}){_SP}月{_SP}(?P<d>{_DAY}){_SP}{_DAY_MARK}
            )
        |
            (?<![\dA-Za-z./．／])
            (?:
                (?P<sy>\d{{2,4}})(?P<sep>{_SEP})(?P<sm>\d{{1,2}})(?P<sep2>{_SEP})(?P<sd>\d{{1,2}})
                (?!\d)(?![./．／]\d)
            |   (?P<mm>\d{{1,2}})(?P<msep>[/.／．])(?P<md>\d{{1,2}})(?!\d)(?![./．／]\d)
            |   (?P<c>\d{{7}})(?!\d)日?
            )
        )
        (?P<wd>{_WEEKDAY})?
    )
"""
# Every date starts with a digit, a Chinese numeral or an era (中華民國, 民國, 西元, 公元).
# The master regex consumes that first character with a plain character class, so re's
# C search loop skips straight to such characters. Two cheap checks then drop most of
# them: the next character must be one a date can continue with, and a numeral must not
# sit inside a longer number. Only then does the grammar run, in a lookahead wrapped in a
# one-character lookbehind that starts again at the first character. A match's span is
# that one character; the date is group "all". This is about ten times faster than the
# same grammar starting with its lookbehinds, which re has to try at every position.
_FIRST_CHAR = rf"[\d{_CN_ZERO}{_CN_DIGIT}十中民西公]"
_SECOND_CHAR = rf"(?=[\dO{_CN_ZERO}{_CN_DIGIT}十百年月./\-．／－ \u3000\u00a0華國元])"
_NOT_INSIDE_NUMBER = (
    rf"(?<![\dO]\d)(?<![\d{_CN_ZERO}{_CN_DIGIT}十百廿卅O][{_CN_ZERO}{_CN_DIGIT}十])"
)
_MASTER = re.compile(
    rf"{_FIRST_CHAR}{_SECOND_CHAR}{_NOT_INSIDE_NUMBER}(?<=(?={_GRAMMAR}).)", re.VERBOSE
)
_GROUP_NAMES = "cjk era y m d sy sep sm sep2 sd mm msep md c wd".split()
_pick_groups = operator.itemgetter(*(_MASTER.groupindex[name] - 1 for name in _GROUP_NAMES))

_TAIL_HEAD = rf"{_SP}(?:起{_SP})?(?:{_JOIN}){_SP}"
_TAIL_FOOT = rf"(?P<wd>{_WEEKDAY})?(?:{_SP}止)?"
# A range's end, read right after a start of each family.
_TAILS: dict[str, re.Pattern[str]] = {
    "cjk": re.compile(
        rf"{_TAIL_HEAD}(?:(?:(?P<era>{_ERA}){_SP})?(?P<y>{_YEAR}){_SP}年{_SP})?"
        rf"(?:(?P<m>{_MONTH}){_SP}月{_SP})?(?P<d>{_DAY}){_SP}{_DAY_MARK}{_TAIL_FOOT}"
    ),
    "sep": re.compile(
        rf"{_TAIL_HEAD}(?P<end>\d{{1,4}}(?:{_SEP}\d{{1,2}}){{0,2}})(?!\d)(?![./．／]\d)"
        rf"{_TAIL_FOOT}"
    ),
    "md": re.compile(
        rf"{_TAIL_HEAD}(?P<end>\d{{1,2}}(?:[/／]\d{{1,2}})?)(?!\d)(?![./．／]\d){_TAIL_FOOT}"
    ),
    "compact": re.compile(rf"{_TAIL_HEAD}(?P<end>\d{{7}}|\d{{4}})(?!\d)日?{_TAIL_FOOT}"),
}

_WEEKDAY_CN = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY_EN = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_WEEKDAY_READ = re.compile(r"[一二三四五六日天](?=\W*$)|[A-Za-z]{3}")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_CN_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0, "O": 0}
_CN_READING = re.compile(
    r"(?:(?P<h>[一二三四五六七八九])百[零〇○]?)?"
    r"(?:(?P<t>[一二三四五六七八九]?)十|(?P<tw>廿)|(?P<th>卅))?"
    r"(?P<u>[一二三四五六七八九])?"
)
_NEED_CONTEXT = frozenset({"md", "compact"})  # families that count alone only in context
_FIELD_BEFORE = "\n\r\t:："  # a compact or bare m/d date must stand right after one of these
_TAIL_STARTS = frozenset(" \u3000\u00a0起至到~～〜-–—－")  # a range end can follow these
_FIELD_AFTER = " \u3000\t\r\n，,、。；;)）(（起止至到~～〜-–—－"
_MENTIONS = TypeAdapter(list[DateMention])  # one validation call for all mentions
_AMBIGUOUS_MARGIN_DAYS = 30  # nearer than this to a second year, a year-less date is doubtful


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DateScan:
    """What :func:`scan_dates` found.

    Attributes:
        mentions: The dates and ranges in text order.
        warnings: What was doubtful or skipped (impossible dates, dates whose year had
            to be guessed), each naming the text as written, in text order.
    """

    mentions: list[DateMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def find_dates(text: str) -> list[DateMention]:
    """Find every date and date range written in ``text`` (the contract API).

    Dates without a year take it from the first date in the text that has one; with no
    such date they are skipped. Use :func:`scan_dates` to pass the report period and to
    see the warnings.

    Args:
        text: Report text; offsets in the result index into it.

    Returns:
        The mentions in text order; ranges are one mention with ``end_date`` set.
    """
    return scan_dates(text).mentions


def scan_dates(
    text: str,
    *,
    period: tuple[date, date] | None = None,
    default_year: int | None = None,
) -> DateScan:
    """Find every date in ``text`` and say what was doubtful.

    Args:
        text: Report text; offsets in the result index into it.
        period: The report's trip period. A date without a year (``5/8(一)``,
            ``11月5日``) gets the year that puts it inside the period, or nearest to it.
        default_year: The year for dates without one when no period is given.

    Returns:
        A :class:`DateScan`. Without ``period`` and ``default_year``, dates without a
        year resolve against the first date that has one (the first mention with a
        year, range included); if there is none they are skipped with a warning.
    """
    notes: list[tuple[int, str]] = []
    rows: list[dict[str, Any]] = []  # the mentions' fields, validated together at the end
    waiting: list[_Candidate] = []  # dates without a year, seen before any with one
    guess = _YearGuesser(_given_context(period, default_year))
    search = _MASTER.search
    match = search(text)
    while match is not None:
        cand = _read_match(text, match, notes)
        if cand is None:
            match = search(text, match.end("all"))
            continue
        match = search(text, cand.end)
        if cand.year is not None and cand.end_parts is None and cand.weekday is None:
            row: dict[str, Any] | None = {  # a plain dated mention: nothing left to decide
                "text": text[cand.start : cand.end],
                "start": cand.start,
                "end": cand.end,
                "date": date(cand.year, cand.month, cand.day),
                "end_date": None,
            }
        elif guess.context is None and cand.year is None and not _end_has_year(cand):
            waiting.append(cand)
            continue
        else:
            row = _finish(text, cand, guess, notes)
        if row is not None:
            rows.append(row)
            if guess.context is None:
                guess.context = (row["date"], row["end_date"] or row["date"])
    if waiting:
        rows.extend(filter(None, (_finish(text, cand, guess, notes) for cand in waiting)))
        rows.sort(key=lambda row: row["start"])
    notes.sort(key=lambda note: note[0])
    return DateScan(
        mentions=_MENTIONS.validate_python(rows), warnings=[message for _, message in notes]
    )


def parse_date(value: str) -> date | None:
    """Read one field value such as ``107年1月24日``, ``1070124`` or ``2018/01/24``.

    Args:
        value: The value of a form field (e.g. what follows ``報告日期：``).

    Returns:
        The date, or ``None`` when the value does not hold exactly one single date
        with a year (a range, two dates, an impossible date or no date give ``None``).
    """
    mentions = scan_dates(value.strip()).mentions
    if len(mentions) == 1 and mentions[0].end_date is None:
        return mentions[0].date
    return None


def parse_period(value: str) -> tuple[date, date] | None:
    """Read a period field such as ``106年11月4日至106年11月9日`` or ``1061104至1061109``.

    Args:
        value: The value of a period field (e.g. what follows ``出國期間：``).

    Returns:
        ``(start, end)``; a single date gives ``(day, day)`` and two separate dates in
        order give ``(first, second)``. ``None`` when the value holds no date, more
        than one range, dates that do not make one period, or anything doubtful
        (an impossible end, an end before the start).
    """
    scan = scan_dates(value.strip())
    mentions = scan.mentions
    if scan.warnings:
        return None
    if len(mentions) == 1:
        first = mentions[0]
        return first.date, first.end_date or first.date
    if len(mentions) == 2 and not (mentions[0].end_date or mentions[1].end_date):
        start, end = mentions[0].date, mentions[1].date
        if start <= end:
            return start, end
    return None


# ---------------------------------------------------------------------------
# Candidates
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    """A date or range found by the regexes, its year possibly still unknown."""

    start: int
    end: int
    unit_end: int  # end of the start date (with its weekday), for a fallback mention
    year: int | None  # Gregorian; None when the text gives no year
    month: int
    day: int
    weekday: int | None
    end_parts: tuple[int | None, int | None, int] | None = None  # (year, month, day)
    end_weekday: int | None = None


def _read_match(text: str, match: re.Match[str], notes: list[tuple[int, str]]) -> _Candidate | None:
    """Turn one master-regex match (plus any range tail after it) into a candidate."""
    cjk, era, y, m, d, sy, sep, sm, sep2, sd, mm, msep, md, c, wd = _pick_groups(match.groups())
    pos, unit_end = match.span("all")
    year: int | None = None
    if cjk is not None:
        family, strict = "cjk", True
        month = int(m) if m.isdecimal() else _number(m)
        day = int(d) if d.isdecimal() else _number(d)
        if month is None or day is None:
            return None
        if y is not None:
            year, why = _cjk_year(y, era)
            if year is None:
                notes.append((pos, f"{text[pos:unit_end]}: {why}"))
                return None
    elif sy is not None:
        family, strict = "sep", False
        year, month, day = _separator_year(sy), int(sm), int(sd)
        if year is None or sep2 != sep:
            return None
    elif mm is not None:
        family, strict, sep = "md", False, msep
        month, day = int(mm), int(md)
    else:
        family, strict = "compact", False
        year, month, day = _compact_year(c[:3]), int(c[3:5]), int(c[5:])
        if year is None:
            return None

    tail = end_parts = None
    if text[unit_end : unit_end + 1] in _TAIL_STARTS:
        tail = _TAILS[family].match(text, unit_end)
        end_parts = _tail_parts(family, tail, sep)
    if end_parts is None and family in _NEED_CONTEXT and not _stands_alone(text, match, family):
        return None
    if not (1 <= month <= 12 and 1 <= day <= 28):  # the cheap test settles most dates
        why = _invalid(year, month, day)
        if why is not None:
            if strict or _looks_like_date(month, day):
                notes.append((pos, f"{text[pos:unit_end]}: {why}"))
            return None
    weekday = _weekday(wd) if wd else None
    if tail is None or end_parts is None:
        return _Candidate(pos, unit_end, unit_end, year, month, day, weekday)
    return _Candidate(
        pos, tail.end(), unit_end, year, month, day, weekday, end_parts, _weekday(tail["wd"])
    )


def _stands_alone(text: str, match: re.Match[str], family: str) -> bool:
    """Whether a date not followed by a range end counts on its own.

    A bare ``5/8`` needs a weekday, a field position or an opening bracket before it;
    ``5.8`` needs a weekday; a compact ``1061104`` needs a field position (line or cell
    start, after a label colon) and a field end.
    """
    if family == "md":
        if match.group("wd"):
            return True
        start = match.start()
        return match.group("msep") in "/／" and (
            _at_field_start(text, start) or text[start - 1 : start] in ("(", "（")
        )
    end = match.end("all")  # compact
    return _at_field_start(text, match.start()) and (end == len(text) or text[end] in _FIELD_AFTER)


def _at_field_start(text: str, pos: int) -> bool:
    """True at the start of the text, a line or a cell, or after a label colon."""
    while pos > 0 and text[pos - 1] in " \u3000":
        pos -= 1
    return pos == 0 or text[pos - 1] in _FIELD_BEFORE


def _tail_parts(
    family: str, tail: re.Match[str] | None, start_sep: str | None
) -> tuple[int | None, int | None, int] | None:
    """Read the end of a range as (year or None, month or None, day)."""
    if tail is None:
        return None
    if family == "cjk":
        day = _number(tail.group("d"))
        month = _number(tail.group("m")) if tail.group("m") else None
        if day is None or (tail.group("m") and month is None):
            return None
        year = None
        if tail.group("y") is not None:
            if month is None:
                return None
            year, _ = _cjk_year(tail.group("y"), tail.group("era"))
            if year is None:
                return None
        return year, month, day
    end = tail.group("end")
    if family == "compact":
        if len(end) == 7:
            return _compact_year(end[:3]), int(end[3:5]), int(end[5:])
        return None, int(end[:2]), int(end[2:])
    parts = _SEP_RE.split(end)
    if any(sep != start_sep for sep in _SEP_RE.findall(end)):
        return None
    if len(parts) == 3 and family == "sep":
        year = _separator_year(parts[0])
        return None if year is None else (year, int(parts[1]), int(parts[2]))
    if len(parts) == 2:
        return None, int(parts[0]), int(parts[1])
    if len(parts) == 1 and len(end) <= 2:
        return None, None, int(end)
    return None


# ---------------------------------------------------------------------------
# Numbers, years and validity
# ---------------------------------------------------------------------------


def _number(token: str) -> int | None:
    """Read Arabic, full-width or Chinese (digit or reading style) numerals."""
    if not token:
        return None
    if token.isdecimal():
        return int(token)
    if all(ch in _CN_DIGIT_VALUE for ch in token):
        return int("".join(str(_CN_DIGIT_VALUE[ch]) for ch in token))
    match = _CN_READING.fullmatch(token)
    if match is None:
        return None
    hundreds = _CN_DIGIT_VALUE[match["h"]] if match["h"] else 0
    if match["tw"]:
        tens = 2
    elif match["th"]:
        tens = 3
    elif match["t"] is not None:
        tens = _CN_DIGIT_VALUE[match["t"]] if match["t"] else 1
    else:
        tens = 0
    units = _CN_DIGIT_VALUE[match["u"]] if match["u"] else 0
    return hundreds * 100 + tens * 10 + units


def _cjk_year(token: str, era: str | None) -> tuple[int | None, str]:
    """Gregorian year of a 年 form; (None, reason) when it cannot be a year."""
    value = int(token) if token.isdecimal() else _number(token)
    if value is None:
        return None, f"cannot read {token} as a year"
    roc = era in ("民國", "中華民國") or (era is None and value <= 200)
    if roc and 1 <= value <= 200:
        return value + 1911, ""
    if not roc and 1000 <= value <= 2999:
        return value, ""
    return None, f"year {value} is neither a ROC year (1-200) nor a Gregorian year (1000-2999)"


def _separator_year(token: str) -> int | None:
    """Gregorian year of ``106.11.04`` / ``2017/11/4`` forms, or None if implausible."""
    value = int(token)
    if len(token) == 2 and value >= 30:
        return value + 1911
    if len(token) == 3 and 1 <= value <= 200:
        return value + 1911
    if len(token) == 4 and 1900 <= value <= 2100:
        return value
    return None


def _compact_year(token: str) -> int | None:
    """Gregorian year of the first three digits of a compact ``1061104`` date."""
    value = int(token)
    return value + 1911 if 1 <= value <= 200 else None


def _invalid(year: int | None, month: int, day: int) -> str | None:
    """Why (year, month, day) is no date, or None when it is one (year None: any year)."""
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if year is None:
        last = 29 if month == 2 else _days_in_month(2001, month)
        return None if 1 <= day <= last else f"{_MONTH_NAMES[month]} has no day {day}"
    if not 1 <= day <= _days_in_month(year, month):
        return f"{_MONTH_NAMES[month]} {year} has no day {day}"
    return None


def _days_in_month(year: int, month: int) -> int:
    """Days in a month (1..12) of a Gregorian year; faster than calendar.monthrange."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month]


def _looks_like_date(month: int, day: int) -> bool:
    """A loose form is worth a warning only when just the day is out of its month."""
    return 1 <= month <= 12 and 1 <= day <= 31


def _weekday(token: str | None) -> int | None:
    """Weekday index (Monday 0) written in a weekday suffix, or None."""
    if not token:
        return None
    match = _WEEKDAY_READ.search(token)
    if match is None:
        return None
    word = match.group()
    return _WEEKDAY_CN.get(word, _WEEKDAY_EN.get(word.lower()))


# ---------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------


def _given_context(
    period: tuple[date, date] | None, default_year: int | None
) -> tuple[date, date] | None:
    """The period that dates without a year are placed in, from the caller's arguments."""
    if period is not None:
        return (period[0], period[1]) if period[0] <= period[1] else (period[1], period[0])
    if default_year is not None and 1 <= default_year <= 9999:
        return date(default_year, 1, 1), date(default_year, 12, 31)
    return None


def _end_has_year(cand: _Candidate) -> bool:
    """Whether a range's end gives the year (``11月5日至106年11月9日``)."""
    return cand.end_parts is not None and cand.end_parts[0] is not None


def _finish(
    text: str, cand: _Candidate, guess: _YearGuesser, notes: list[tuple[int, str]]
) -> dict[str, Any] | None:
    """Give a candidate its year and range end; return the mention's fields."""
    if cand.year is None:
        if cand.end_parts is not None and cand.end_parts[0] is not None:
            end_year, end_month, end_day = cand.end_parts  # 11月5日至106年11月9日
            year: int | None = end_year - ((cand.month, cand.day) > (end_month or 0, end_day))
            why = _invalid(year, cand.month, cand.day) or ""
            skip = bool(why)
        else:
            year, why = guess(cand.month, cand.day, cand.weekday)
            skip = year is None
        if why:
            notes.append((cand.start, f"{text[cand.start : cand.end]}: {why}"))
        if skip or year is None:
            return None
        cand.year = year
    start = date(cand.year, cand.month, cand.day)
    if cand.weekday is not None:
        _check_weekday(text[cand.start : cand.unit_end], start, cand.weekday, cand.start, notes)
    end_date = None
    if cand.end_parts is not None:
        end_date, why = _end_date(start, cand.end_parts)
        if end_date is None:
            notes.append((cand.start, f"{text[cand.start : cand.end]}: {why}"))
            cand.end = cand.unit_end
        elif cand.end_weekday is not None:
            tail = text[cand.unit_end : cand.end].strip()
            _check_weekday(tail, end_date, cand.end_weekday, cand.unit_end, notes)
    return {
        "text": text[cand.start : cand.end],
        "start": cand.start,
        "end": cand.end,
        "date": start,
        "end_date": end_date,
    }


def _end_date(start: date, parts: tuple[int | None, int | None, int]) -> tuple[date | None, str]:
    """The end of a range, taking a left-out year and month from its start."""
    year, month, day = parts
    if year is None:
        year = start.year
        if month is None:
            month = start.month
            if day < start.day:  # 3月30日至2日: into the next month
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        elif month < start.month:  # 12月28日至1月3日: into the next year
            year += 1
    why = _invalid(year, month, day) if month is not None else None
    if why is not None or month is None:
        return None, f"the range end is no date ({why})"
    end = date(year, month, day)
    if end < start:
        return None, f"the range ends ({end.isoformat()}) before it starts"
    return end, ""


class _YearGuesser:
    """Years for dates written without one, memoised per scan (reports repeat dates).

    ``context`` is the period they are placed in; :func:`scan_dates` sets it from the
    first dated mention when the caller gave neither period nor default year.
    """

    __slots__ = ("_memo", "context")

    def __init__(self, context: tuple[date, date] | None) -> None:
        self.context = context
        self._memo: dict[tuple[int, int, int | None], tuple[int | None, str]] = {}

    def __call__(self, month: int, day: int, weekday: int | None) -> tuple[int | None, str]:
        key = (month, day, weekday)
        if key not in self._memo:
            self._memo[key] = _resolve_year(month, day, weekday, self.context)
        return self._memo[key]


def _resolve_year(
    month: int, day: int, weekday: int | None, context: tuple[date, date] | None
) -> tuple[int | None, str]:
    """Pick the year for a date written without one.

    The year that puts the date inside the period wins, else the one nearest to it; a
    written weekday first narrows the years to those where it fits.

    Returns:
        ``(year, "")`` when the choice is clear, ``(year, note)`` when another year is
        about as plausible, and ``(None, reason)`` when the date must be skipped.
    """
    if context is None:
        return None, "no year written and no report period or dated text to take it from"
    first, last = context
    first_day, last_day = first.toordinal(), last.toordinal()
    ranked: list[tuple[int, int]] = []  # (days outside the period, year)
    for year in range(max(1, first.year - 1), min(9999, last.year + 1) + 1):
        last_of_month = _days_in_month(year, month)
        ordinal = date(year, month, min(day, last_of_month)).toordinal()
        if weekday is not None and (day > last_of_month or ordinal % 7 != (weekday + 1) % 7):
            continue  # date.toordinal() % 7 is 1 on a Monday
        outside = first_day - ordinal if ordinal < first_day else max(0, ordinal - last_day)
        ranked.append((outside, year))
    if not ranked:  # the weekday fits no year near the period: ignore it
        return _resolve_year(month, day, None, context)
    ranked.sort()
    best_distance, best = ranked[0]
    why = _invalid(best, month, day)
    if why is not None:
        return None, why
    inside = sum(1 for dist, _ in ranked if dist == 0)
    ambiguous = inside > 1 or (
        not inside
        and (
            first.year != last.year
            or (len(ranked) > 1 and ranked[1][0] - best_distance < _AMBIGUOUS_MARGIN_DAYS)
        )
    )
    if ambiguous:
        others = ", ".join(str(y) for _, y in ranked[1:3] if _invalid(y, month, day) is None)
        return best, (
            f"no year written; assumed {best} from the period {first.isoformat()} to "
            f"{last.isoformat()}, but {others or 'another year'} is as plausible"
        )
    return best, ""


def _check_weekday(
    written: str, day: date, weekday: int | None, pos: int, notes: list[tuple[int, str]]
) -> None:
    """Warn when a written weekday does not match the date (the date is kept)."""
    if weekday is not None and day.weekday() != weekday:
        notes.append(
            (
                pos,
                f"{written}: {day.isoformat()} is a {_WEEKDAY_NAMES[day.weekday()]}, "
                f"not a {_WEEKDAY_NAMES[weekday]}",
            )
        )
