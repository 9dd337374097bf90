"""Split written people into name and title: 王大明 科長, 科員任珮諤, 議長林振雄.

Titles come from the gazetteer (label TITLE) plus the productive suffixes
Taiwanese job titles are made of, so an unlisted 副總工程師 still splits.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportnlp.ner.gazetteer import load_gazetteer

# A title no list holds: an optional rank prefix and a core title word (副處長, 總工程師).
_TITLE_SUFFIX = re.compile(
    r"^(?:副|總|首席|資深|助理|高級|專案|代理|執行|主任|常務|政務|簡任|薦任|委任|駐.{1,4})?"
    r"(?:[科處局組股課所院校館隊站廠部署司市縣鄉鎮區社室町村里]長|主任|專員|委員|研究員|技正|技士|科員"
    r"|秘書|代表|主席|經理|協理|襄理|工程師|教授|議員|議長|董事|顧問|助理|博士生|碩士生|研究生|幹事"
    r"|辦事員|書記|技術員|檢查員|管理師|督導|參事|執行長|總裁|總監|視察|主管|分析師|技術師"
    r"|參事官|書記官|事務官|外交官|檢察官|教官|審查官|調查官|主幹|研究主幹|主查|課長補佐|課長代理"
    r"|知事|郡守|數位長|資訊長|財務長|營運長|技術長)$"
)
# Occupational titles that take a descriptive prefix (控制系統工程師, 永續發展專案經理); the
# prefix must not hold a body's name (環境局工程師 is 環境局 + 工程師).
_DESCRIBED_TITLE = re.compile(
    r"^[\u4e00-\u9fff]{2,6}(?:工程師|經理|分析師|顧問|研究員|技術師|管理師|設計師|規劃師|流行病學家)$")
_BODY_CHARS = re.compile(r"[局處部署會司廳所院校]|公司")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z.'\-]*(?:\s+[A-Z][A-Za-z.'\-]*)*$")
_SEPARATORS = re.compile(r"[、，,；;]|\s{2,}|\t")


@lru_cache(maxsize=1)
def titles() -> tuple[str, ...]:
    """Known titles, longest first."""
    known = set(load_gazetteer().by_label("TITLE"))
    return tuple(sorted(known, key=len, reverse=True))


def is_title(word: str) -> bool:
    """Whether a word reads as a job title."""
    if word in _title_set() or _TITLE_SUFFIX.match(word):
        return True
    return bool(_DESCRIBED_TITLE.match(word)) and not _BODY_CHARS.search(word[:-2])


@lru_cache(maxsize=1)
def _title_set() -> frozenset[str]:
    return frozenset(titles())


def looks_like_name(word: str) -> bool:
    """A 2–4 character Chinese name or a capitalised Latin name."""
    return bool(_CJK_NAME.match(word) or _LATIN_NAME.match(word)) and not is_title(word)


def split_person(item: str) -> tuple[str | None, str | None]:
    """``(name, title)`` of one written person; either may be None."""
    item = item.strip()
    parts = item.split()
    if len(parts) == 2:
        first, second = parts
        if _titled(second) and not is_title(first):
            return first, second
        if _titled(first) and not is_title(second):
            return second, first
    for size in range(min(len(item) - 2, 8), 1, -1):
        head, tail = item[:size], item[-size:]
        if is_title(tail) and _CJK_NAME.match(item[:-size].strip()):
            return item[:-size].strip(), tail
        if is_title(head) and _CJK_NAME.match(item[size:].strip()):
            return item[size:].strip(), head
    if looks_like_name(item):
        return item, None
    return None, None


def _titled(word: str) -> bool:
    """A title, possibly with its unit in front (化學組副研究員)."""
    return is_title(word) or split_unit_title(word)[0] is not None


def split_people(value: str) -> list[tuple[str, str | None, int]]:
    """People in a list such as 王大明 科長、李小華 技正: ``(name, title, offset)``."""
    people = []
    position = 0
    for piece in _SEPARATORS.split(value):
        offset = value.find(piece, position)
        position = offset + len(piece)
        name, title = split_person(piece)
        if name:
            people.append((name, title, offset + piece.find(name)))
    return people


_UNIT_END = re.compile(r"^(.{1,10}?(?:組|科|處|課|室|股|中心|系|所|部|局|廠|隊))(.+)$")


def split_unit_title(title: str) -> tuple[str | None, str]:
    """核工組研究員 -> ('核工組', '研究員'): a unit written in front of the title."""
    if title in _title_set():
        return None, title
    match = _UNIT_END.match(title)
    if match and is_title(match.group(2)):
        return match.group(1), match.group(2)
    return None, title
