"""Heading numbering schemes of Taiwanese reports and the ordinal each label stands for.

Schemes, from the outermost level in: 第一章, 壹、, 一、, (一), 1., 1.1, (1). A
document uses some of them; the outermost one present is its top level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UPPER = "壹貳參叁肆伍陸柒捌玖拾"
_LOWER = "一二三四五六七八九十"
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"

SCHEME_RANK = {"chapter": 0, "upper": 1, "roman": 1, "lower": 2, "paren": 3, "arabic": 4,
               "decimal": 5, "arabic_paren": 6}

_SEP = r"[ \t]*[、,，.．:：︰]?[ \t]*"
NUMBERING = re.compile(
    r"^[ \t]*(?:[-•●◎■□◆·*][ \t]+)?(?:"
    rf"(?P<chapter>第[ \t]*(?P<chapter_n>[{_LOWER}百零〇○\d]+)[ \t]*[章篇部])[ \t]*[、:：.．]?[ \t]*"
    rf"|(?P<upper>(?P<upper_n>[{_UPPER}]{{1,3}}))(?:[ \t]*[、.．,，:：]|[ \t]+)[ \t]*"
    rf"|(?P<roman>(?P<roman_n>[{_ROMAN}]|(?:X{{0,1}}(?:IX|IV|V?I{{0,3}})))(?=[ \t]*[.．、]))[ \t]*[.．、][ \t]*"
    rf"|(?P<lower>(?P<lower_n>[{_LOWER}]{{1,3}}))(?:[ \t]*[、.．,，]|[ \t]+)[ \t]*"
    rf"|(?P<paren>[(（][ \t]*(?P<paren_n>[{_LOWER}]{{1,3}})[ \t]*[)）]){_SEP}"
    r"|(?P<decimal>(?P<decimal_n>\d{1,2}(?:[.．]\d{1,2})+))[.．]?[ \t]*"
    r"|(?P<arabic>(?P<arabic_n>\d{1,2}))(?:[ \t]*[.．、](?!\d)|[ \t]+(?=[^\d\s]))[ \t]*"
    r"|(?P<arabic_paren>[(（][ \t]*(?P<arabic_paren_n>\d{1,2})[ \t]*[)）])[ \t]*"
    r")"
)

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0}
_UPPER_VALUE = {c: i + 1 for i, c in enumerate("壹貳參肆伍陸柒捌玖")} | {"叁": 3, "拾": 10}
_ROMAN_VALUE = {c: i + 1 for i, c in enumerate(_ROMAN)}
_LATIN_ROMAN = {"I": 1, "V": 5, "X": 10}


@dataclass(frozen=True)
class Numbering:
    """A heading's numbering: its scheme, ordinal and where the label ends."""

    scheme: str
    ordinal: int
    depth: int
    label_end: int


def chinese_ordinal(label: str) -> int:
    """Value of a small Chinese numeral: 一 -> 1, 十二 -> 12, 二十一 -> 21, 壹拾 -> 10."""
    if label.isdigit():
        return int(label)
    if all(c in _UPPER_VALUE for c in label):
        label = "".join("十" if c == "拾" else "一二三四五六七八九"[_UPPER_VALUE[c] - 1]
                        for c in label)
    total, current = 0, 0
    for c in label:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS.get(c, 0)
    return total + current


def _roman_value(label: str) -> int:
    if label in _ROMAN_VALUE:
        return _ROMAN_VALUE[label]
    total, previous = 0, 0
    for c in reversed(label):
        value = _LATIN_ROMAN[c]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total


def parse_numbering(line: str, alone: bool = False) -> Numbering | None:
    """The numbering a line starts with, or None; with ``alone``, also a line that holds
    only the numbering (a heading whose title the page put on the next line)."""
    match = NUMBERING.match(line)
    if not match or (match.end() == len(line.rstrip()) and not alone):
        return None
    scheme = next((name for name in SCHEME_RANK if match.group(name)), None)
    if scheme is None:  # only an empty alternative matched (an empty roman numeral)
        return None
    label = match.group(f"{scheme}_n")
    if scheme == "decimal":
        parts = re.split(r"[.．]", label)
        return Numbering(scheme, int(parts[-1]), len(parts) - 1, match.end())
    if scheme == "roman":
        if not label:
            return None
        ordinal = _roman_value(label)
    elif scheme in ("arabic", "arabic_paren"):
        ordinal = int(label)
    else:
        ordinal = chinese_ordinal(label)
    return Numbering(scheme, ordinal, 0, match.end())
