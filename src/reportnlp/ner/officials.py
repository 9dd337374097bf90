"""Officials: a person written with a title, and the body the title belongs to.

Reads chains such as 城市聯絡網主席暨韓國首爾市長 Mr. Park Won-Soon, which name
one person with two titles (主席 of 城市聯絡網, 市長 of 首爾), and the reverse
order 林振雄議長. Works on entity spans found earlier, so a title's
organisation is the ORG or GPE entity written right before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportnlp.ner.rules import Match, title_ending_at, title_starting_at

_HONORIFIC_BEFORE = re.compile(
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


def _organisation_before(text: str, position: int, ends: dict[int, Match]) -> Match | None:
    return ends.get(position)


def find_officials(text: str, entities: list[Match]) -> list[OfficialMention]:
    """Officials among the PERSON entities of ``text`` (analysis script)."""
    ends = {m.end: m for m in entities if m.label in ("ORG", "GPE")}
    officials: list[OfficialMention] = []
    for person in (m for m in entities if m.label == "PERSON"):
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
            title_start = position - len(title)
            organisation = _organisation_before(text, title_start, ends)
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
            officials.append(OfficialMention(name, title, None, person.start, person.end))
        if honorific and _PROFESSOR.search(honorific.group()) and not any(
            o.name == name for o in officials
        ):
            officials.append(OfficialMention(name, "Prof.", _affiliation(text, person, position, ends),
                                             person.start, person.end))
    return officials


def _affiliation(text: str, person: Match, before: int, ends: dict[int, Match]) -> str | None:
    """The body a professor is named with: (Stanford University) after, or 的 before."""
    bracket = _BRACKETED.match(text, person.end)
    if bracket:
        inside = next((m for m in ends.values() if m.start == bracket.end() and m.label == "ORG"), None)
        if inside:
            return text[inside.start : inside.end]
    position = before - 1 if before > 0 and text[before - 1] in "的之" else before
    organisation = ends.get(position)
    return text[organisation.start : organisation.end] if organisation else None
