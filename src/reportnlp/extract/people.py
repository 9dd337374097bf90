"""Split written people into name and title: 王大明 科長, 科員任珮諤, 議長林振雄.

Titles come from the gazetteer (label TITLE) plus the productive suffixes
Taiwanese job titles are made of, so an unlisted 副總工程師 still splits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportnlp.ner.gazetteer import load_gazetteer, surnames

# A title no list holds: an optional rank prefix and a core title word (副處長, 總工程師).
_TITLE_SUFFIX = re.compile(
    r"^(?:副|總|首席|資深|助理|高級|專案|代理|執行|主任|常務|政務|簡任|薦任|委任|碩士班|博士班|大學部|駐.{1,4})?"
    r"(?:[科處局組股課所院校館隊站廠部署司市縣鄉鎮區社室町村里場園廳]長|主任|專員|委員|研究員|技正|技士|科員"
    r"|秘書|代表|主席|經理|協理|襄理|工程師|教授|議員|議長|董事|顧問|助理|博士生|碩士生|研究生|幹事"
    r"|辦事員|書記|技術員|檢查員|管理師|督導|參事|執行長|總裁|總監|視察|主管|分析師|技術師"
    r"|參事官|書記官|事務官|外交官|檢察官|教官|審查官|調查官|廉政官|管理官|政風官|關務官|稽核官|主幹|研究主幹|主查|課長補佐|課長代理"
    r"|醫師|稽核|課員|護理師|護理長|專科護理師|研究官|專門官|學藝員|學藝研究員|修復師|參審員|策展人|看護師|本部長|係長|探員|特別探員|參贊|秘書官|理事官|法官|調辦事法官|稽察|約聘人員|約僱人員|約用人員|典獄長|副分署長|分署長|輪機長|船長|艦長|督導長|偵查員|警務員|警務正|巡官|警員|隊員|組員|參謀官|作戰官|藥師|獸醫師|技師|工程司|幫工程司|副工程司|正工程司|國際長|治療師|研究助理|推廣員|研究專員"
    r"|知事|郡守|數位長|資訊長|財務長|營運長|技術長)$"
)
# Occupational titles that take a descriptive prefix (控制系統工程師, 永續發展專案經理); the
# prefix must not hold a body's name (環境局工程師 is 環境局 + 工程師).
_DESCRIBED_TITLE = re.compile(
    r"^[\u4e00-\u9fff]{2,6}(?:工程師|經理|分析師|顧問|研究員|技術師|管理師|設計師|規劃師|流行病學家|醫師|治療師|專員|技術員|護理師)$")
_BODY_CHARS = re.compile(r"[局處部署會司廳所院校組科課室股門]|公司|中心")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff々]{2,5}$")
# An indigenous name written in parts (尤幹‧巴彥, 尤瑪‧瓦旦).
_JOINED_NAME = re.compile(r"^[\u4e00-\u9fff]{1,5}(?:[‧・·•][\u4e00-\u9fff]{1,5}){1,2}$")
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z.'\-]*(?:\s+[A-Z][A-Za-z.'\-]*)*$")
_SEPARATORS = re.compile(r"[、，,；;]|\s{2,}|\t|\n")


@lru_cache(maxsize=1 << 17)
def is_title(word: str) -> bool:
    """Whether a word reads as a job title."""
    if word in _title_set() or _TITLE_SUFFIX.match(word):
        return True
    return bool(_DESCRIBED_TITLE.match(word)) and not _BODY_CHARS.search(word[:-2])


@lru_cache(maxsize=1)
def title_last_chars() -> frozenset[str]:
    """Every character a title can end with: where no title ends, none need be looked for."""
    core = _TITLE_SUFFIX.pattern.rsplit("(?:", 1)[1].rstrip(")$")
    described = _DESCRIBED_TITLE.pattern.rsplit("(?:", 1)[1].rstrip(")$")
    words = [w for w in (core + "|" + described).split("|") if w]
    return frozenset({w[-1] for w in words} | {t[-1] for t in _title_set()})


@lru_cache(maxsize=1)
def _title_set() -> frozenset[str]:
    """The titles the gazetteer lists (titles.tsv, every written form)."""
    return frozenset(load_gazetteer().by_label("TITLE"))


def looks_like_name(word: str) -> bool:
    """A 2–4 character Chinese name starting with a family name, or a capitalised Latin name."""
    if is_title(word):
        return False
    if _CJK_NAME.match(word):
        family = surnames()
        return word[:1] in family or word[:2] in family
    if _JOINED_NAME.match(word):  # 嘎嘎‧卡樂樂, not 議員嘎嘎‧卡樂樂
        return not any(is_title(word[:size]) for size in range(2, 5))
    return bool(_LATIN_NAME.match(word))


@dataclass(frozen=True)
class Person:
    """One written person: name, title, and the unit and body written with them."""

    name: str
    title: str | None = None
    unit: str | None = None
    organization: str | None = None
    offset: int = 0


_UNIT_SUFFIX = re.compile(r"(?<=.)(?:分公司|中心|組|科|處|課|室|股|系|所|部|局|廠|隊|會|廳|分署|(?<!公)司|政府)")
_UNIT_ONLY = re.compile(r"(?:組|科|課|室|股|中心)$")
# Written run together, agency and unit are cut before the division (corpora/README.md,
# travelers): 國立中興大學 + 國際事務處, 經濟部國際貿易署 + 多邊貿易組, a ministry's 司
# (環境部 + 綜合規劃司), a 署's or 局's regional 分署/分局. A government's or a
# company's 處/局 is a body of its own and stays in the agency (臺中市政府秘書處 + 國際事務科,
# 台灣電力公司電力修護處 whole).
_AGENCY_UNIT = re.compile(
    r"^(.+?(?:政府|公司)(?:[^政公]{2,8}?(?:處|局))?|.+(?:局|署|部|委員會|公司|政府|大學|學院|研究院"
    r"|研究所|議會|公所|代表處|辦事處|處|醫院|銀行))"
    r"(.{2,12}?(?:組|科|課|室|股|中心|系|所|廠|站|隊|分行|處|(?<!公)司|分署|分局))$"
)
# A government's or company's 處/局: a body of its own (臺中市政府秘書處); OWN_DIVISION leaves
# out a branch company's (高雄港務分公司港務處 is a division of 臺灣港務股份有限公司).
OWN_BODY = re.compile(r"(?:政府|公司)[^政公]{2,8}?(?:處|局)$")
OWN_DIVISION = re.compile(r"(?:政府|(?<!分)公司)[^政公]{2,8}?(?:處|局)$")
_ENUMERATOR = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,2})[.、．)）]\s*")
_BRACKETED = re.compile(r"^(?P<outer>[^（(]+)[（(](?P<inner>[^)）]+)[)）]$")


def split_unit_title(title: str) -> tuple[str | None, str]:
    """核工組研究員 -> ('核工組', '研究員'): a unit written in front of the title."""
    if title in _title_set():
        return None, title
    for unit_end in _UNIT_SUFFIX.finditer(title):
        unit, rest = title[: unit_end.end()], title[unit_end.end() :]
        if rest and is_title(rest):
            return unit, rest
    return None, title


def split_agency_unit(value: str) -> tuple[str | None, str | None]:
    """經濟部國際貿易局多邊貿易組 -> ('經濟部國際貿易局', '多邊貿易組'); 國際事務科 alone is a unit."""
    value = value.strip()
    match = _AGENCY_UNIT.match(value)
    if match and not OWN_BODY.search(value):
        return match.group(1), match.group(2)
    return (None, value) if _UNIT_ONLY.search(value) else (value, None)


def _titled(word: str) -> bool:
    """A title, possibly with its unit in front (化學組副研究員)."""
    return is_title(word) or split_unit_title(word)[0] is not None


_AGENCY_END = re.compile(r"(?:公所|政府|公司|議會|代表會|農會|漁會|大學|醫院|研究院|公會|協會|學會|基金會|商會)$")


def _person(name: str, title: str | None, organization: str | None = None) -> Person:
    unit, title = split_unit_title(title) if title else (None, None)
    if unit and organization is None and _AGENCY_END.search(unit):
        unit, organization = None, unit  # 魚池鄉公所課長: the body, not a unit of it
    elif unit and organization is None:
        body, division = split_agency_unit(unit)
        if body and division:  # 文化部人文及出版司科長: body, division, title
            unit, organization = division, body
        elif body and OWN_DIVISION.search(unit):  # 新竹市政府產業發展處: a body of its own
            unit, organization = None, body
    return Person(name=name, title=title, unit=unit, organization=organization)


def split_person(item: str) -> Person | None:
    """The person in one list item: 王大明 科長, 科員任珮諤, 楊宗翰（經濟發展處簡任視察）,
    經濟部國際貿易局多邊貿易組 科長 黃國維. None when no name can be told apart."""
    item = _ENUMERATOR.sub("", item.strip())
    bracketed = _BRACKETED.match(item)
    if bracketed:
        outer = split_person(bracketed.group("outer"))
        inner = bracketed.group("inner").strip()
        if outer and outer.title is None and _titled(inner):
            return _person(outer.name, inner)
        inner_parts = inner.split()
        if outer and outer.title is None and len(inner_parts) == 2 and _titled(inner_parts[1]):
            return _person(outer.name, inner_parts[1], inner_parts[0])  # （台灣電力公司 課長）
        if outer and outer.title and outer.unit is None:
            return Person(outer.name, outer.title, inner, outer.organization)
        return outer
    parts = item.split()
    if len(parts) == 3 and _titled(parts[1]) and looks_like_name(parts[2]):
        return _person(parts[2], parts[1], parts[0])
    if len(parts) == 2:
        first, second = parts
        if _titled(second) and not is_title(first) and looks_like_name(first):
            return _person(first, second)
        if _titled(first) and not is_title(second) and looks_like_name(second):
            return _person(second, first)
    for size in range(min(len(item) - 2, 12), 1, -1):
        head, tail = item[:size], item[-size:]
        if _titled(tail) and looks_like_name(item[:-size].strip()):
            return _person(item[:-size].strip(), tail)
        if _titled(head) and looks_like_name(item[size:].strip()):
            return _person(item[size:].strip(), head)
    if looks_like_name(item):
        return Person(item)
    return None


def split_people(value: str) -> list[Person]:
    """People in a list such as 王大明 科長、李小華 技正 (or one per line), in order."""
    people = []
    position = 0
    for piece in _SEPARATORS.split(value):
        offset = value.find(piece, position)
        position = offset + len(piece)
        for part in _pairs(piece):
            person = split_person(part)
            if person:
                start = offset + max(piece.find(person.name), 0)
                people.append(Person(person.name, person.title, person.unit, person.organization,
                                     start))
    return people


def _pairs(piece: str) -> list[str]:
    """科長 吳承翰 技正 蔡佩珊 (one space apart) is two people: split it into title-name pairs."""
    words = piece.split()
    if len(words) < 4 or len(words) % 2:
        return [piece]
    pairs = [" ".join(words[i : i + 2]) for i in range(0, len(words), 2)]
    people = [split_person(pair) for pair in pairs]
    return pairs if all(p and p.title for p in people) else [piece]
