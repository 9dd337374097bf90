"""Officials: a person written with a title, and the body the title belongs to.

Reads chains such as 城市聯絡網主席暨韓國首爾市長 Mr. Park Won-Soon, which name
one person with two titles (主席 of 城市聯絡網, 市長 of 首爾), and the reverse
order 林振雄議長. Works on entity spans found earlier, so a title's
organisation is the ORG or GPE entity written right before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportnlp.extract.people import is_title
from reportnlp.ner.gazetteer import surnames
from reportnlp.ner.matches import Match
from reportnlp.ner.rules import title_ending_at, title_starting_at

_HONORIFIC_BEFORE = re.compile(
    r"(?:(?:Assoc|Asst|Associate|Assistant)\.?[ \t]+)?"
    r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Mayor|Governor|Sir|Dame|Madam|Mme|Hon)\.?[ \t]*$"
)
_JOINERS = ("暨", "兼", "及", "、")
_PROFESSOR = re.compile(r"(?:Prof|Professor)\.?[ \t]*$")
_BRACKETED = re.compile(r"[ \t]*[(（]")


@dataclass(frozen=True)
class OfficialMention:
    """A titled person found in the text: name span, title and organisation."""

    name: str
    title: str
    organization: str | None
    start: int
    end: int


_PARENTHETICAL_BEFORE = re.compile(r"[(（][^()（）\n]{1,80}[)）][ \t]*$")
_CLAUSE_END = re.compile(r"[。；;！？\n]")
_CONTEXT = 40  # how far back a body named earlier in the clause may be


def _organisation_before(text: str, position: int, ends: dict[int, Match]) -> Match | None:
    """The body written right before ``position``: 國家地震工程研究中心研究員, with 的 or 之
    between (國家同步輻射研究中心的張淑芬博士), or with its other-script name in brackets
    between (阿姆斯特丹大學 (University of Amsterdam) 的)."""
    for _ in range(3):
        while position > 0 and text[position - 1] in " \t":
            position -= 1
        if position in ends:
            return ends[position]
        if position > 0 and text[position - 1] in "的之":
            position -= 1
            continue
        bracket = _PARENTHETICAL_BEFORE.search(text, max(0, position - 90), position)
        if not bracket:
            return None
        position = bracket.start()
    return None


def _organisation_in_clause(text: str, position: int, ends: dict[int, Match]) -> Match | None:
    """The last body named earlier in the same clause (拜會駐泰國台北經濟文化辦事處教育組，由組長
    黃彥廷說明): whom a title belongs to when no body is written next to it."""
    start = max(0, position - _CONTEXT)
    clause = _CLAUSE_END.search(text[start:position][::-1])
    if clause:
        start = position - clause.start()
    candidates = [m for end, m in ends.items() if start <= m.start and end <= position
                  and m.label == "ORG"]
    return _first_written(text, max(candidates, key=lambda m: m.end), ends) if candidates else None


def _first_written(text: str, body: Match, ends: dict[int, Match]) -> Match:
    """A body named inside brackets after its first-written form (美國貿易代表署（USTR）,
    日本水產廳 (Fisheries Agency of Japan)) stands for that form, as annotators write it."""
    opening = max(text.rfind("(", max(0, body.start - 80), body.start),
                  text.rfind("（", max(0, body.start - 80), body.start))
    if opening < 0 or re.search(r"[)）]", text[opening:body.start]):
        return body
    position = opening
    while position > 0 and text[position - 1] in " \t":
        position -= 1
    outer = ends.get(position)
    return outer if outer is not None and outer.label == "ORG" else body


def _title_after_body(text: str, title_start: int, position: int,
                      ends: dict[int, Match]) -> int:
    """Where the title really starts when its longest reading swallowed the end of a body's
    name (國家地震工程研究中心 + 研究員, not 程研究中心研究員)."""
    for inner in range(title_start + 1, position - 1):
        if inner in ends and is_title(text[inner:position]):
            return inner
    return title_start


def find_officials(text: str, entities: list[Match]) -> list[OfficialMention]:
    """Officials among the PERSON entities of ``text`` (analysis script)."""
    ends = {m.end: m for m in entities if m.label in ("ORG", "GPE")}
    officials: list[OfficialMention] = []
    # A surname alone (王副處長, 井上校長) is a person but no official: the official is the
    # full name, written elsewhere.
    family = surnames()
    for person in (m for m in entities if m.label == "PERSON" and m.end - m.start > 1
                   and text[m.start:m.end] not in family):
        name = text[person.start : person.end]
        position = person.start
        prefix = text[max(0, position - 20) : position]
        honorific = _HONORIFIC_BEFORE.search(prefix)
        position -= len(honorific.group()) if honorific else 0
        while position > 0 and text[position - 1] in " \t":
            position -= 1
        # Walk left over "ORG title 暨 ORG title" chains.
        while True:
            title = title_ending_at(text, position)
            if not title:
                break
            chinese = title.isascii() and title_ending_at(text, position - len(title))
            if chinese and not chinese.isascii():  # 副市長Mayor Pro Tem: the Chinese title
                position, title = position - len(title), chinese
            title_start = _title_after_body(text, position - len(title), position, ends)
            title = text[title_start:position]
            organisation = (_organisation_before(text, title_start, ends)
                            or _organisation_in_clause(text, title_start, ends))
            officials.append(OfficialMention(
                name, title, text[organisation.start : organisation.end] if organisation else None,
                person.start, person.end))
            position = organisation.start if organisation else title_start
            while position in ends:  # 韓國首爾: the country before the city
                position = ends[position].start
            if position > 0 and text[position - 1] in _JOINERS:
                position -= 1
                continue
            break
        after = person.end
        while after < len(text) and text[after] in " \t":
            after += 1
        title = title_starting_at(text, after)
        if title and not any(o.name == name and o.title == title for o in officials):
            organisation = (_organisation_before(text, position, ends)
                            or _organisation_in_clause(text, position, ends))
            officials.append(OfficialMention(
                name, title, text[organisation.start : organisation.end] if organisation else None,
                person.start, person.end))
        if honorific and _PROFESSOR.search(honorific.group()) and not any(
            o.name == name for o in officials
        ):
            officials.append(OfficialMention(name, "Prof.", _affiliation(text, person, position, ends),
                                             person.start, person.end))
    return officials


def _affiliation(text: str, person: Match, before: int, ends: dict[int, Match]) -> str | None:
    """The body a professor is named with: (Stanford University) after, or before the name
    (京都大學防災研究所的Prof. …), or earlier in the clause."""
    bracket = _BRACKETED.match(text, person.end)
    if bracket:
        inside = next((m for m in ends.values() if m.start == bracket.end() and m.label == "ORG"), None)
        if inside:
            return text[inside.start : inside.end]
    organisation = (_organisation_before(text, before, ends)
                    or _organisation_in_clause(text, before, ends))
    return text[organisation.start : organisation.end] if organisation else None
