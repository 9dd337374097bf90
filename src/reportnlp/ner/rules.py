"""Rule-based entity finders over the analysis (traditional-script) text.

Pure functions returning character spans, so they can be tested without
spaCy and reused by the spaCy components in :mod:`reportnlp.ner.components`:

- gazetteer names, longest match first (the gazetteers in ``models/``);
- organisations grown from a place name and an organisational suffix
  (可倫坡 + 市政府, 斯里蘭卡 + 工業部), for bodies no list holds;
- Latin-script names after an honorific (Mr. Park Won-Soon, Dr. Maria Lopez)
  or after a Chinese title (市長 Kinlay Dorjee);
- Chinese names next to a title (科員任珮諤, 林振雄議長), checked against the
  surname list.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportnlp.extract.people import is_title, title_last_chars
from reportnlp.ner.gazetteer import Gazetteer, load_gazetteer, surnames
from reportnlp.ner.matches import STOP_CHARS, Match, normalize_form
from reportnlp.ner.organisations import (
    acronym_pairs,
    bilingual_pairs,
    chinese_organisations,
    english_organisations,
    propagate,
)
from reportnlp.resources import models_dir

_ORG_SUFFIX = re.compile(
    r"(?:市政府|縣政府|州政府|省政府|聯邦政府|中央政府|政府|市議會|縣議會|議會|市政局|市政廳|市役所"
    r"|都廳|府廳|廳|委員會|部|署|局|處|院|公司|大學|學院|研究院|研究所|協會|學會|基金會|銀行|中心"
    r"|港務局|醫院|聯盟|組織|總會|商會|事務所|辦事處|代表處|領事館|大使館)"
)
_ORG_BODY = r"[\u4e00-\u9fff]{0,6}?"
_HONORIFIC = (r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Mayor|Governor|Sir|Dame|Madam|Mme|Hon"
              r"|Capt|Col|Gen|Lt|Maj|Cdr|Adm|Amb|Insp|Supt|Rev|Sen|Rep|Judge|Justice)\.?")
_UPPER = r"[A-ZÀ-ÖØ-Þ]"
_LOWER = r"[a-zß-öø-ÿ'’]"
_LATIN_WORD = rf"(?:{_UPPER}(?:{_UPPER}|{_LOWER})+(?:-{_UPPER}?{_LOWER}+)*|{_UPPER}\.?)"
_PARTICLE = r"(?:de|da|di|du|van|von|der|den|la|le|bin|binti|al|el)"
_PARTICLES = rf"(?:{_PARTICLE}[ \t]+){{0,2}}"  # Jeroen van der Meer
_LATIN_NAME = rf"{_LATIN_WORD}(?:[ \t]+{_PARTICLES}{_LATIN_WORD}){{0,4}}"
_HONORIFIC_NAME = re.compile(rf"(?<![A-Za-z]){_HONORIFIC}[ \t]*(?P<name>{_LATIN_NAME})")
_TITLE_LATIN_NAME = re.compile(
    rf"(?<=[\u4e00-\u9fff])[ \t]*(?P<name>{_LATIN_WORD}(?:[ \t]+{_PARTICLES}{_LATIN_WORD}){{1,6}})")
# Honorifics written after a name (石川夏美小姐, 村上健太先生): they mark a person as a title does.
_HONORIFICS_AFTER = frozenset({"先生", "女士", "小姐", "博士"})
_BODY_END = set("處局部組課科室會館府司署院校隊社廳心所")


@lru_cache(maxsize=4)
def _lengths_by_first_char(gazetteer: Gazetteer) -> dict[str, tuple[int, ...]]:
    """For each first character, the lengths of the forms starting with it, longest first."""
    lengths: dict[str, set[int]] = {}
    for form, entry in gazetteer.forms.items():
        if len(form) >= 2 and entry.label != "TITLE":
            lengths.setdefault(form[0], set()).add(len(form))
    return {char: tuple(sorted(sizes, reverse=True)) for char, sizes in lengths.items()}


def gazetteer_matches(text: str, gazetteer: Gazetteer | None = None) -> list[Match]:
    """Gazetteer names in ``text``, leftmost-longest, not overlapping (titles excluded)."""
    gazetteer = gazetteer or load_gazetteer()
    forms = gazetteer.forms
    index = _lengths_by_first_char(gazetteer)
    matches = []
    position = 0
    length_of_text = len(text)
    while position < length_of_text:
        found = None
        for length in index.get(text[position], ()):
            if position + length > length_of_text:
                continue
            candidate = text[position : position + length]
            entry = forms.get(candidate)
            if entry is None or entry.label == "TITLE":
                continue
            if candidate.isascii() and not _word_bounded(text, position, position + length):
                continue
            if candidate.isascii() and _inside_latin_name(text, position, position + length):
                continue
            found = Match(position, position + length, entry.label, entry.canonical)
            found = _yield_to_title(text, found, forms) or found
            break
        if found:
            matches.append(found)
            position = found.end
        else:
            position += 1
    return matches


def _yield_to_title(text: str, match: Match, forms: dict) -> Match | None:
    """首爾市 before 長 is 首爾 + 市長: give the last character back to the title."""
    end = match.end
    if end - match.start < 3 or not is_title(text[end - 1 : end + 1]):
        return None
    entry = forms.get(text[match.start : end - 1])
    if entry is None or entry.label == "TITLE":
        return None
    return Match(match.start, end - 1, entry.label, entry.canonical)


_NAME_AFTER = re.compile(r"[ \t]+(?:of[ \t]+)?[A-Z][a-z]")
_NAME_BEFORE = re.compile(r"[A-Z][A-Za-z]*[ \t]+$")


def _inside_latin_name(text: str, start: int, end: int) -> bool:
    """Sofia Lindqvist, Colorado State University, University of Amsterdam: a place word
    that is part of a longer capitalised name is not a place mention."""
    if _NAME_AFTER.match(text, end):
        return True
    before = text[max(0, start - 30) : start]
    return bool(_NAME_BEFORE.search(before)) and not before.rstrip().endswith(",")


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def grow_organisations(text: str, matches: list[Match]) -> list[Match]:
    """Turn a place followed by an organisational suffix into one ORG (可倫坡市政府)."""
    grown: list[Match] = []
    skip_until = -1
    starts = {m.start for m in matches}
    for match in matches:
        if match.start < skip_until:
            continue
        # 斯里蘭卡可倫坡市議會: the organisation grows from the place nearest to it.
        if match.label in ("GPE", "LOC") and match.end not in starts:
            tail = re.match(rf"{_ORG_BODY}{_ORG_SUFFIX.pattern}", text[match.end : match.end + 12])
            body = tail.group() if tail else ""
            if body.endswith("政府") and len(body) > 4:
                tail, body = None, ""  # 新加坡數位政府: a description, not a government's name
            if tail and not (set(body) & STOP_CHARS) and not _ends_in_title(text, match.end + len(body)):
                end = match.end + len(body)
                grown.append(Match(match.start, end, "ORG", normalize_form(text[match.start:end])))
                skip_until = end
                continue
        grown.append(match)
    return grown


_PLACE_TAIL = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:區|区|町|郡|面|市|縣|县|鎮|镇|鄉|乡|村|府|州|省)")


_NUMERAL_CHARS = set("一二三四五六七八九十百千萬萬幾多各全每數约約")
# jieba tags of words that cannot start a place name: verbs, numerals, adjectives, adverbs …
_NOT_PLACE_TAGS = {"v", "vn", "vd", "m", "mq", "a", "ad", "an", "d", "p", "c", "r", "q", "u", "j"}


def _place_body(body: str, whole: str) -> bool:
    """Whether 福田 (in 福田區) can be a place's name rather than a word (四面, 消費市)."""
    from reportnlp.text.segment import segment, word_tags

    tags = word_tags()
    if len(body) < 2 or set(body) & _NUMERAL_CHARS:
        return False
    if tags.get(whole, "ns") not in ("ns", "nz", "nr", "nrt"):
        return False  # 城市, 地區, 方面: ordinary words
    first = segment(body)[0][0]
    return tags.get(first, "ns") not in _NOT_PLACE_TAGS


def chain_places(text: str, matches: list[Match]) -> list[Match]:
    """Places written after a place (深圳市福田區, 和歌山縣那智勝浦町): the second is a place too."""
    taken = {m.start for m in matches}
    found = []
    for match in matches:
        if match.label != "GPE" or match.end in taken:
            continue
        tail = _PLACE_TAIL.match(text, match.end)
        if not tail or set(tail.group()) & STOP_CHARS or _ORG_SUFFIX.fullmatch(tail.group()):
            continue
        after = text[tail.end() : tail.end() + 2]
        if _ORG_SUFFIX.match(after) or after[:1] in "長长" or is_title(after):
            continue
        if not _place_body(tail.group()[:-1], tail.group()):
            continue
        found.append(Match(tail.start(), tail.end(), "GPE", normalize_form(tail.group())))
    return found


def _ends_in_title(text: str, end: int) -> bool:
    """Whether the suffix just matched is really the start of a title (部 in 部長)."""
    return bool(re.match(r"長|主任|秘書", text[end : end + 2]))


# A Latin-script name written before a Chinese honorific or title: Pieter Claes先生,
# Jennifer Ortiz館長.
_LATIN_NAME_TITLE = re.compile(
    rf"(?<![A-Za-z.])(?P<name>{_LATIN_WORD}(?:[ \t]+{_PARTICLES}{_LATIN_WORD}){{1,6}})"
    r"[ \t]*(?=[\u4e00-\u9fff])")
_CHINESE_HONORIFIC = ("先生", "女士", "小姐", "博士", "教授", "夫人")
_LATIN_RUN = re.compile(
    rf"(?<![A-Za-z.])({_LATIN_WORD}(?:[ \t]+{_PARTICLES}{_LATIN_WORD}){{2,7}})(?![A-Za-z])")


@lru_cache(maxsize=1)
def _latin_titles() -> frozenset[str]:
    """The Latin-script titles the gazetteer lists (Rear Admiral, Councilmember, Principal)."""
    return frozenset(f for f in load_gazetteer().by_label("TITLE") if f.isascii())


def _without_latin_title(text: str, start: int, end: int) -> Match | None:
    """The name in ``text[start:end]`` once a title written before it in Latin script is
    cut off (Rear Admiral Eduardo Villanueva -> Eduardo Villanueva); None when no name of
    two words or more is left."""
    words = list(re.finditer(r"\S+", text[start:end]))
    titles = _latin_titles()
    cut = max((n for n in range(1, min(5, len(words) - 1))
               if " ".join(w.group() for w in words[:n]) in titles), default=0)
    if len(words) - cut < 2:
        return None if cut else Match(start, end, "PERSON", text[start:end])
    begin = start + words[cut].start()
    return Match(begin, end, "PERSON", text[begin:end])


def latin_people(text: str) -> list[Match]:
    """Latin-script names after an honorific, right after a Chinese title, or right before
    a Chinese honorific or title; a Latin-script title written before the name is not part
    of it."""
    matches = [Match(m.start("name"), m.end("name"), "PERSON", m.group("name"))
               for m in _HONORIFIC_NAME.finditer(text)]
    found: list[Match | None] = []
    for m in _TITLE_LATIN_NAME.finditer(text):
        if title_ending_at(text, m.start()) and not re.match(_HONORIFIC, m.group("name")):
            found.append(_without_latin_title(text, m.start("name"), m.end("name")))
    for m in _LATIN_NAME_TITLE.finditer(text):
        after = m.end()
        if text.startswith(_CHINESE_HONORIFIC, after) or title_starting_at(text, after):
            if not re.match(_HONORIFIC, m.group("name")):
                found.append(_without_latin_title(text, m.start("name"), m.end("name")))
    for m in _LATIN_RUN.finditer(text):  # Director Thomas Reyes接待: a Latin title, then the name
        person = _without_latin_title(text, m.start(), m.end())
        if person is not None and person.start > m.start() and (
                m.end() == len(text) or not text[m.end()].isascii()):
            found.append(person)
    return matches + [m for m in found if m is not None]


@lru_cache(maxsize=1)
def _title_modifiers() -> frozenset[str]:
    """``models/title_modifiers.txt``: words that open a Latin-script title (Senior, Chief)."""
    path = models_dir() / "title_modifiers.txt"
    return frozenset(word for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.startswith("#") for word in line.split())


def _latin_title_ending_at(text: str, end: int) -> str | None:
    """The longest Latin-script title ending at ``end``: a title the gazetteer lists (City
    Manager), with the words that open titles before it (Senior, Programme)."""
    words = [w.group() for w in re.finditer(r"[A-Za-z][A-Za-z.\-]*", text[max(0, end - 60):end])]
    if not words or not text[:end].endswith(words[-1]):
        return None
    titles = _latin_titles()
    head = max((n for n in range(1, min(4, len(words)) + 1)
                if " ".join(words[-n:]) in titles), default=0)
    if not head:
        return None
    while head < len(words) and words[-head - 1] in _title_modifiers():
        head += 1
    return " ".join(words[-head:])


def title_ending_at(text: str, end: int) -> str | None:
    """The longest title (one or several, 部長秘書) that ends at ``end``."""
    if end > 0 and text[end - 1].isascii() and text[end - 1].isalpha():
        return _latin_title_ending_at(text, end)
    if end <= 0 or text[end - 1] not in title_last_chars():
        return None
    best = None
    for length in range(2, 9):
        start = end - length
        if start < 0:
            break
        if is_title(text[start:end]) and not set(text[start:end]) & STOP_CHARS:
            best = text[start:end]
    return best


def title_starting_at(text: str, start: int) -> str | None:
    """The longest title that starts at ``start``."""
    best = None
    last = title_last_chars()
    for length in range(2, 7):
        if start + length > len(text):
            break
        if text[start + length - 1] in last and is_title(text[start : start + length]) and not set(text[start : start + length]) & STOP_CHARS:
            best = text[start : start + length]
    return best


def chinese_people(text: str) -> list[Match]:
    """Chinese names written next to a title: 科員任珮諤, 議長林振雄, 林振雄議長."""
    names = surnames()
    found = []
    for match in re.finditer(r"[\u4e00-\u9fff々]{4,}", text):
        run, offset = match.group(), match.start()
        for i in range(len(run)):
            title = title_ending_at(run, i)
            if title:
                name = _name_at(run, i, names)
                if name and not is_title(name):
                    found.append(Match(offset + i, offset + i + len(name), "PERSON", name))
            title_after = title_starting_at(run, i) or (
                run[i:i + 2] if run[i:i + 2] in _HONORIFICS_AFTER else None)
            if title_after and i >= 2 and run[i - 1] in "副總" and run[i - 2] in names and (
                    i == 2 or run[i - 3] in STOP_CHARS or offset + i - 2 == 0):
                # 王副處長: a surname written with its title is the person (corpora/README.md)
                found.append(Match(offset + i - 2, offset + i - 1, "PERSON", run[i - 2]))
                continue
            if title_after and i >= 2:
                for length in (5, 4, 3, 2):
                    start = i - length
                    name = run[start:i] if start >= 0 else ""
                    before = text[offset + start - 1] if offset + start else ""
                    # after a stop, or after a body's last character (代表處孫偉倫秘書)
                    boundary = not before or before in STOP_CHARS or (
                        before in _BODY_END and (length >= 3 or name in names))
                    if (name and boundary and _is_name(name, names)
                            and not title_ending_at(run, i - length + 1)
                            and not is_title(name + title_after)  # 簡任 + 技正 is one title
                            and not (name[-1] in "副總代"  # 吉田浩二 + 副所長
                                     and is_title(name[-1] + title_after))):
                        found.append(Match(offset + start, offset + i, "PERSON", name))
                        break
    return found


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    """``models/not_names.txt``: words that open like a name but are none (簡報, 說明)."""
    path = models_dir() / "not_names.txt"
    return frozenset(word for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.startswith("#") for word in line.split())


def _is_name(candidate: str, names: frozenset[str]) -> bool:
    if is_title(candidate[:2]) or candidate[:2] in _not_names():
        return False
    surname = next((size for size in (3, 2) if len(candidate) > size and candidate[:size] in names), 0)
    # 松尾由紀: a given name after a two-character surname may hold a stop word's character
    checked = candidate[:surname] if surname else candidate
    if set(checked) & STOP_CHARS:
        return False
    if len(candidate) >= 4:
        return surname > 0
    return candidate[:1] in names or candidate[:2] in names


def _name_at(run: str, start: int, names: frozenset[str]) -> str | None:
    for length in (5, 4, 3, 2):
        candidate = run[start : start + length]
        if len(candidate) == length and _is_name(candidate, names):
            rest = run[start + length : start + length + 2]
            follows_place = bool(rest) and rest[0] in "市縣"
            if length >= 3 and (title_starting_at(run, start + length - 1) or follows_place):
                continue
            if length == 5 and candidate[:3] not in names:
                continue
            return candidate
    return None


def resolve_overlaps(*groups: list[Match]) -> list[Match]:
    """Non-overlapping matches: earlier groups win, then the longest, then the earliest."""
    chosen: list[Match] = []
    taken: set[int] = set()
    ranked = [(rank, m) for rank, group in enumerate(groups) for m in group]
    for _, match in sorted(ranked, key=lambda r: (r[0], -(r[1].end - r[1].start), r[1].start)):
        span = set(range(match.start, match.end))
        if not span & taken:
            chosen.append(match)
            taken |= span
    return sorted(chosen, key=lambda m: m.start)


def find_entities(text: str, known_people: tuple[str, ...] = ()) -> list[Match]:
    """Every entity the rules find in ``text`` (traditional script), in text order.

    ``known_people`` are names read elsewhere (the travelers of the header), found
    wherever they occur.
    """
    gazetteer = gazetteer_matches(text)
    chained = sorted(gazetteer + chain_places(text, gazetteer), key=lambda m: m.start)
    places = grow_organisations(text, chained)
    organisations = [m for m in places if m.label == "ORG"]
    chinese = chinese_people(text)
    people = latin_people(text) + chinese
    # A name next to a title that holds a place's name (學藝員石川夏美) is the person.
    placed = [p for p in chinese if any(g.label == "GPE" and p.start <= g.start and g.end <= p.end
                                        and g.end - g.start < p.end - p.start for g in places)]
    # An English name holding a place (Georgetown University) is the organisation.
    # A body's name opening with a place (英國國家檔案館) is the body, not the place.
    first = resolve_overlaps(organisations, english_organisations(text),
                             chinese_organisations(text), placed, places, people)
    pairs = bilingual_pairs(text, first)
    second = resolve_overlaps(first, pairs, acronym_pairs(text, first))
    return resolve_overlaps(second, propagate(text, second, known_people))
