"""Organisations no gazetteer lists, read from the shape of their names.

- English names: a run of capitalised words holding an organisational word
  (University of Amsterdam, Nokia Bell Labs, Financial Conduct Authority).
- Chinese names: a noun phrase ending in an organisational suffix (國際傳播學會,
  艾茉莉大學, 東港區漁會), its start found at the nearest verb or function word.
- Bilingual pairs and acronyms: 英國金融行為監理總署 (Financial Conduct Authority,
  FCA) names one body three ways; the label of the recognised side passes to the
  others, and the canonical form of all three is the Chinese one.
"""

from __future__ import annotations

import re

from reportnlp.ner.rules import _STOP_CHARS, Match, normalize_form

_KEY = (r"University|Universidad|Università|Universität|Université|Universiteit|Politecnico"
        r"|Institute|Institution|Instituut|Society|Association|Center|Centre|Foundation|Bank"
        r"|Authority|Department|Ministry|Council|Agency|Office|Commission|Committee|Network"
        r"|Group|Corporation|Company|Co\.|Inc\.?|Ltd\.?|Labs?|Laboratory|Laboratories|School"
        r"|College|Government|Administration|Service|Organi[sz]ation|Union|Federation|Board"
        r"|Bureau|Fund|Assembly|Hall|Treasury|Entity|Unit|Cooperative|Alliance|Corp\.?|AG|GmbH"
        r"|Secretariat|Airlines?|Railways?|Gemeente|Inrichtingen|Port|Municipality|Police")
_CAP = r"(?:[A-Z][\w'’&.\-]*|[A-Z]{2,}[\w\-]*|\d+[A-Z]+)"
_CONNECT = r"(?:of|for|and|the|de|di|del|della|du|des|van|von|on|in|&|y|e)"
_CAPITAL_RUN = re.compile(rf"(?<![\w.])(?:The[ \t]+)?{_CAP}(?:[ \t]+(?:{_CONNECT}[ \t]+)*{_CAP}){{0,8}}")
_KEY_WORD = re.compile(rf"(?<![\w])(?:{_KEY})(?![\w])")
_HONORIFIC_START = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Mayor|Sir)\b")
# Capitalised names of things that are not bodies: tests, programmes, events.
_NOT_BODY_END = re.compile(r"\b(?:Test|Exam|Examination|Program|Programme|Scheme|Act|Law|Award|"
                           r"Conference|Congress|Forum|Summit|Workshop|Meeting|Session|Course)$")

_SUFFIX = re.compile(
    r"(?:大學|大学|學院|学院|學會|学会|協會|协会|聯合會|联合会|基金會|基金会|研究院|研究所|公司|銀行|银行"
    r"|委員會|委员会|總署|管理局|事務局|公所|代表會|議會|议会|漁會|农会|農會|商會|聯盟|联盟|小組|小组"
    r"|集團|集团|株式會社|商事|協同組合|役場|役所|郡廳|市廳|都廳|消防局|警察局|衛生局|教育局"
    r"|警察署|消防署|本部|和解廳|博物館|美術館|病院)"
)
# Phrases that name a kind of body, not a body (地方政府, 各國銀行, 國際組織), or that a verb
# runs into (建議本署, 了解開放銀行).
_GENERIC = re.compile(
    r"^(?:各|多|相關|相关|地方|國際|国际|基層|基层|更多|該|该|此|本|其|傳統|传统|純|纯|志願|志愿|社區|社区"
    r"|區域性|区域性|主要|重要|其他|國內|国内|國外|国外|民間|民间|一般|新創|新创|大型|小型|跨國|跨国)"
    r"|建議|建议|了解|瞭解|分享|掌握|協助|协助|辦理|办理|修訂|修订|擴編|扩编|要求|爭取|争取|說明|说明|規劃|规划"
    r"|引領|引领|研議|研议|旁聽|旁听|簡報|简报|關閉|关闭|取代|表示|組成|组成|納入|纳入|推動|推动|成為|成为"
)
# Words that end the phrase before an organisation's name (參加 國際傳播學會).
_LEAD_WORDS = re.compile(
    r"(?:參加|参加|出席|拜會|拜会|參訪|参访|訪問|访问|前往|抵達|抵达|會晤|会晤|邀請|邀请|透過|通过|代表|包括"
    r"|舉辦|举办|主辦|主办|協辦|协办|合作|成立|來自|来自|位於|位于|以及|本人|本署|本局|本府|本會|我國|我国"
    r"|發表|发表|介紹|介绍|促請|促请|提供|可供|合組|合组|召開|召开|加入|支援|宣傳|宣传|交流|聯繫|联系|洽談|洽谈"
    r"|擔任|担任|會同|会同|拜訪|拜访|轉往|转往|搭乘|協調|协调"
    r"|由|與|与|和|及|向|在|於|于|為|为|係|系|之|的|至|赴|到|並|并|或|及其|等)$"
)
MAX_NAME = 16


def english_organisations(text: str) -> list[Match]:
    """Capitalised English names that hold an organisational word."""
    found = []
    for run in _CAPITAL_RUN.finditer(text):
        name = run.group()
        start = run.start()
        if name.startswith("The "):
            name, start = name[4:], start + 4
        name = re.sub(rf"(?:[ \t]+{_CONNECT})+$", "", name).rstrip(".")
        words = name.split()
        named = (_KEY_WORD.search(name) and not _HONORIFIC_START.match(name)
                 and 2 <= len(words) <= 7 and not _KEY_WORD.fullmatch(words[0])
                 and not _NOT_BODY_END.search(name))
        if named or _bare_key(words):
            found.append(Match(start, start + len(name), "ORG", name))
    return found


def _bare_key(words: list[str]) -> bool:
    """University of Amsterdam, Bank of Korea: the key word first, then 'of …'."""
    return len(words) >= 3 and bool(_KEY_WORD.fullmatch(words[0])) and words[1] == "of"


def chinese_organisations(text: str) -> list[Match]:
    """Chinese noun phrases ending in an organisational suffix (國際傳播學會)."""
    found = []
    for suffix in _SUFFIX.finditer(text):
        end = suffix.end()
        if end < len(text) and text[end] in "長员員":  # 部長, 局長: a title, not a body
            continue
        start = suffix.start()
        if start > 0 and text[start - 1] in "本該该此各":  # 本公司, 該局: a reference, not a name
            continue
        while start > 0 and suffix.end() - start < MAX_NAME:
            char = text[start - 1]
            if char in _STOP_CHARS or not ("\u4e00" <= char <= "\u9fff"):
                break
            if _LEAD_WORDS.search(text[max(0, start - 3) : start]):
                break
            start -= 1
        if suffix.start() - start >= 2 and not _GENERIC.search(text[start : suffix.start()]):
            found.append(Match(start, end, "ORG", normalize_form(text[start:end])))
    return found


_PAIR = re.compile(r"[ \t]*[(（](?P<inside>[^()（）\n]{2,90})[)）]")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&\-]{1,9}$")


def bilingual_pairs(text: str, entities: list[Match]) -> list[Match]:
    """Names in brackets after a recognised name (城市聯絡網 (CityNet)) share its label."""
    found = []
    for entity in entities:
        if entity.label not in ("ORG", "GPE"):
            continue
        pair = _PAIR.match(text, entity.end)
        if not pair:
            continue
        offset = pair.start("inside")
        for part in re.finditer(r"[^,，;；、]+", pair.group("inside")):
            value = part.group().strip()
            if not value or not value[0].isascii() or not value[0].isupper():
                continue
            if _ACRONYM.match(value) or len(value.split()) <= 8:
                start = offset + part.start() + part.group().index(value)
                found.append(Match(start, start + len(value), entity.label, entity.normalized))
    return found


def propagate(text: str, entities: list[Match], known_people: tuple[str, ...] = ()) -> list[Match]:
    """Every other occurrence of a name already recognised in the document (and of the
    travelers' names), so a body or person named once with context is found everywhere."""
    names: dict[str, Match] = {}
    for entity in entities:
        surface = text[entity.start : entity.end]
        if len(surface) >= 2 and (not surface.isascii() or len(surface) >= 3):
            names.setdefault(surface, entity)
    for person in known_people:
        if person and len(person) >= 2:
            names.setdefault(person, Match(0, 0, "PERSON", person))
    found = []
    for surface, entity in sorted(names.items(), key=lambda item: -len(item[0])):
        for occurrence in re.finditer(re.escape(surface), text):
            if surface.isascii() and not _ascii_bounded(text, occurrence.start(), occurrence.end()):
                continue
            found.append(Match(occurrence.start(), occurrence.end(), entity.label, entity.normalized))
    return found


def _ascii_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())
