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
from functools import lru_cache

from reportnlp.ner.matches import STOP_CHARS, Match, normalize_form
from reportnlp.resources import models_dir

_CAP = r"(?:[A-Z][\w'’&.\-]*|[A-Z]{2,}[\w\-]*|\d+[A-Z]+)"
_CONNECT = r"(?:of|for|and|the|de|di|del|della|du|des|van|von|on|in|&|y|e|für|und|der|den|voor|en|et|la|le|zur|zum)"
_CAPITAL_RUN = re.compile(rf"(?<![\w.])(?:The[ \t]+)?{_CAP}(?:[ \t]+(?:{_CONNECT}[ \t]+)*{_CAP}){{0,8}}")
_HONORIFIC_START = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Mayor|Sir)\b")
# Capitalised names of things that are not bodies: tests, programmes, events.
_NOT_BODY_END = re.compile(r"\b(?:Test|Exam|Examination|Program|Programme|Scheme|Act|Law|Award|"
                           r"Conference|Congress|Forum|Summit|Workshop|Meeting|Session|Course)$")

@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, ...]]:
    """``models/organisations.tsv``: the grammar's words by kind, longest first."""
    words: dict[str, list[str]] = {}
    path = models_dir() / "organisations.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, word = line.split("\t")[:2]
            words.setdefault(kind, []).append(word.strip())
    return {kind: tuple(sorted(ws, key=len, reverse=True)) for kind, ws in words.items()}


def _alternatives(kind: str) -> str:
    return "|".join(re.escape(word) for word in _lexicon()[kind])


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        "key": re.compile(rf"(?<![\w])(?:{_alternatives('key')})(?![\w])"),
        "suffix": re.compile(rf"(?:{_alternatives('suffix')})"),
        "generic": re.compile(rf"^(?:{_alternatives('generic_start')})|{_alternatives('generic')}"),
        "lead": re.compile(rf"(?:{_alternatives('lead')})$"),
    }


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
        named = (_patterns()["key"].search(name) and not _HONORIFIC_START.match(name)
                 and 2 <= len(words) <= 7 and not _patterns()["key"].fullmatch(words[0])
                 and not _NOT_BODY_END.search(name))
        if named or _bare_key(words):
            found.append(Match(start, start + len(name), "ORG", name))
    return found


def _bare_key(words: list[str]) -> bool:
    """University of Amsterdam, Bank of Korea, Bundesministerium für Wirtschaft, Ministerie
    van Infrastructuur: the key word first, then a connecting word."""
    return (len(words) >= 3 and bool(_patterns()["key"].fullmatch(words[0]))
            and words[1] in ("of", "for", "für", "van", "voor", "de", "des", "du", "der", "di"))


def chinese_organisations(text: str) -> list[Match]:
    """Chinese noun phrases ending in an organisational suffix (國際傳播學會)."""
    found = []
    for suffix in _patterns()["suffix"].finditer(text):
        end = suffix.end()
        if end < len(text) and text[end] in "長员員":  # 部長, 局長: a title, not a body
            continue
        start = suffix.start()
        if start > 0 and text[start - 1] in "本該该此各":  # 本公司, 該局: a reference, not a name
            continue
        while start > 0 and suffix.end() - start < MAX_NAME:
            char = text[start - 1]
            if char in STOP_CHARS or not ("\u4e00" <= char <= "\u9fff"):
                break
            if _patterns()["lead"].search(text[max(0, start - 3) : start]):
                break
            start -= 1
        if suffix.start() - start >= 2 and not _patterns()["generic"].search(text[start : suffix.start()]):
            found.append(Match(start, end, "ORG", normalize_form(text[start:end])))
    return found


_PAIR = re.compile(r"[ \t]*[(（](?P<inside>[^()（）\n]{2,90})[)）]")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&\-]{1,9}$")
_LATIN_PERSON = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z]?[a-z]+){1,3}")


def bilingual_pairs(text: str, entities: list[Match]) -> list[Match]:
    """Names in brackets after a recognised name (城市聯絡網 (CityNet)) share its label."""
    found = []
    for entity in entities:
        if entity.label not in ("ORG", "GPE", "PERSON"):
            continue
        pair = _PAIR.match(text, entity.end)
        if not pair:
            continue
        if entity.label == "PERSON":  # 尹惠媛（Yoon Hye-won）: the same person in Latin script
            inside = pair.group("inside").strip()
            if _LATIN_PERSON.fullmatch(inside):
                start = pair.start("inside") + pair.group("inside").index(inside)
                found.append(Match(start, start + len(inside), "PERSON", inside))
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


_NAMED_ACRONYM = re.compile(r"(?P<name>[\u4e00-\u9fff]{3,24})[ \t]*[(（](?P<acronym>[A-Z][A-Za-z&]{1,9})[)）]")


def _after_last_verb(phrase: str, latest: int) -> int:
    """Where a body's name can start in ``phrase``: after its last verb or place-deictic word
    ending by ``latest`` (取得當地伊斯蘭發展局 -> 伊斯蘭發展局), by jieba's part-of-speech
    tags; a verb inside the name itself (海洋保育局) lies past ``latest``."""
    from reportnlp.text.segment import segment, word_tags

    tags = word_tags()
    cut = 0
    for word, _, end in segment(phrase):
        if end <= latest and (tags.get(word, "").startswith("v")
                              or word in ("當地", "該國", "各國", "本國")):
            cut = end
    return cut


def acronym_pairs(text: str, entities: list[Match]) -> list[Match]:
    """A Chinese name that ends as a body's name ends, with its acronym in brackets
    (伊斯蘭發展局（JAKIM）, 國際法定計量組織（OIML）): both are the body, whether or not a list
    holds it. The name starts after the last word that ends the phrase before a body (參與,
    當地 …) or a character no name holds."""
    found = []
    taken = {i for e in entities for i in range(e.start, e.end)}
    lead = _patterns()["lead"]
    for m in _NAMED_ACRONYM.finditer(text):
        name, start = m.group("name"), m.start("name")
        ending = next((w for w in _lexicon()["body_end"] if name.endswith(w)), "")  # longest first
        if m.start("acronym") in taken or not ending:
            continue
        cut = max((i + 1 for i, c in enumerate(name[:-2]) if c in STOP_CHARS), default=0)
        for index in range(cut, len(name) - 2):
            if lead.search(name[:index]):
                cut = index
        cut = max(cut, _after_last_verb(name, len(name) - len(ending) - 4))
        name, start = name[cut:], start + cut
        if len(name) - len(ending) < 2:  # 水委員會: a kind of body, not one
            continue
        normalized = normalize_form(name)
        if not set(range(start, start + len(name))) & taken:
            found.append(Match(start, start + len(name), "ORG", normalized))
        found.append(Match(m.start("acronym"), m.end("acronym"), "ORG", normalized))
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
        start = text.find(surface)
        while start >= 0:
            end = start + len(surface)
            if not surface.isascii() or _ascii_bounded(text, start, end):
                found.append(Match(start, end, entity.label, entity.normalized))
            start = text.find(surface, end)
    return found


def _ascii_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())
