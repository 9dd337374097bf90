"""Find headings and build the section tree.

A heading is a short line that starts with a numbering label (壹、 / 一、 / (一) /
第一章 / 1. / 1.1) or is a standalone heading word (摘要, 目次, 附錄). The
outermost scheme with a run of ordinals (1, 2, 3 …) is the top level; each
top-level section is searched again, one scheme further in, for its children.
Table-of-contents lines (dot leaders and page numbers) are never headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportnlp.structure.header import header_labels
from reportnlp.structure.kinds import STANDALONE_HEADINGS, section_kind
from reportnlp.structure.numbering import SCHEME_RANK, parse_numbering

MAX_TITLE = 30
# A heading written with a bullet instead of a number: ■ 目的, ◆ 心得與建議.
_BULLET_TITLE = re.compile(r"^(?:[■◆●◎▶►▪]\s*(?P<title>[\u4e00-\u9fff]{2,8})"
                           r"|【(?P<bracketed>[\u4e00-\u9fff]{2,8})】)$")
# An unnumbered line that may be a heading when it stands alone: 緣起, 考察行程, 心得與建議.
_SHORT_TITLE = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
_TOC_ENTRY = re.compile(r"(?:[.…·．‧‥⋯_-]{3,}|\t)[ \t]*(?:\d{1,3}|[ivxIVX]{1,5})[ \t]*$")
_SENTENCE_END = re.compile(r"[。！？；;]|[，,].*[，,]")


@dataclass(frozen=True)
class Line:
    """One line of the text with its offsets."""

    text: str
    start: int
    end: int


@dataclass
class Heading:
    """A heading line: its numbering scheme and ordinal (scheme 'word' when unnumbered)."""

    line: Line
    scheme: str
    ordinal: int
    title: str
    depth: int = 0


@dataclass
class SectionNode:
    """A section in the tree: the heading and the span it governs."""

    heading: Heading
    kind: str
    start: int
    end: int
    children: list[SectionNode] = field(default_factory=list)


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Lines of ``text[start:end]`` with absolute offsets (line breaks excluded)."""
    end = len(text) if end is None else end
    lines = []
    position = start
    for piece in text[start:end].split("\n"):
        lines.append(Line(piece, position, position + len(piece)))
        position += len(piece) + 1
    return lines


def is_toc_entry(line: str) -> bool:
    """A table-of-contents line: a title followed by dot leaders and a page number."""
    return bool(_TOC_ENTRY.search(line.rstrip())) and len(line.strip()) > 2


def _title_ok(title: str) -> bool:
    title = title.strip().rstrip("：:")
    if not title or len(title) > MAX_TITLE or title.isdigit():
        return False
    if _SENTENCE_END.search(title):
        return False
    labelled = re.match(r"^([^：:]+)[：:][ \t]*\S", title)
    if labelled and (labelled.group(1).strip() in header_labels()
                     or section_kind(labelled.group(1)) == "other"):
        return False  # a label with its value (（一）姓名：陳建興), not 附錄：發表論文摘要
    # A date or number row of a table is not a heading.
    return not re.match(r"^[\d./\-~～至年月日\s]+$", title)


def heading_of(line: Line) -> Heading | None:
    """The heading a line is, if it is one."""
    stripped = line.text.strip()
    if not stripped or is_toc_entry(line.text):
        return None
    numbering = parse_numbering(line.text)
    if numbering:
        title = line.text[numbering.label_end :].strip()
        if "\t" in title or not _title_ok(title):
            return None
        return Heading(line, numbering.scheme, numbering.ordinal, title, numbering.depth)
    bare = stripped.rstrip("：:").strip()
    # 內容摘要： with a colon is a form label whose value follows, not a heading.
    if stripped.endswith(("：", ":")):
        return None
    if STANDALONE_HEADINGS.match(bare):
        return Heading(line, "word", 0, bare)
    bullet = _BULLET_TITLE.match(bare)
    title = bullet and (bullet.group("title") or bullet.group("bracketed"))
    if title and section_kind(title) != "other":
        return Heading(line, "word", 0, title)
    if (_SHORT_TITLE.match(bare) and "報告" not in bare and section_kind(bare) != "other"
            and bare not in header_labels()):  # 出國人員 alone heads a header table
        return Heading(line, "title", 0, bare)
    return None


def _run(headings: list[Heading]) -> list[Heading]:
    """Keep the headings whose ordinals count up (1, 2, 3 …), allowing one skipped number."""
    kept: list[Heading] = []
    for heading in headings:
        last = kept[-1].ordinal if kept else 0
        if last < heading.ordinal <= last + 2 or (not kept and heading.ordinal <= 2):
            kept.append(heading)
        elif heading.ordinal == 1 and len(kept) >= 1:
            # The numbering restarts: what came before was a contents list or a preamble.
            kept = [heading]
    return kept


def _level(candidates: list[Heading]) -> list[Heading]:
    """The outermost numbering scheme's run of headings among ``candidates``."""
    by_scheme: dict[tuple[str, int], list[Heading]] = {}
    for heading in candidates:
        if heading.scheme not in ("word", "title"):
            by_scheme.setdefault((heading.scheme, heading.depth), []).append(heading)
    for scheme in sorted(by_scheme, key=lambda s: (SCHEME_RANK[s[0]], s[1])):
        run = _run(by_scheme[scheme])
        if len(run) >= 2 or (len(run) == 1 and len(by_scheme) == 1):
            return run
    return []


def _nodes(text: str, headings: list[Heading], end: int, depth: int) -> list[SectionNode]:
    nodes = []
    for index, heading in enumerate(headings):
        stop = headings[index + 1].line.start if index + 1 < len(headings) else end
        stop = len(text[:stop].rstrip()) if stop > heading.line.start else stop
        stop = max(stop, heading.line.end)
        node = SectionNode(heading, section_kind(heading.title), heading.line.start, stop)
        if depth < 2:
            lines = split_lines(text, heading.line.end + 1, stop)
            inner = [h for h in map(heading_of, lines)
                     if h is not None and h.scheme not in ("word", "title")]
            node.children = _nodes(text, _level(inner), stop, depth + 1)
        nodes.append(node)
    return nodes


def _words_govern(words: list[Heading], numbered: list[Heading], restarts: int) -> bool:
    """Whether unnumbered headings stand above the numbered ones (參訪紀要 holding 一、二、三):
    they do when they come before and after the numbered run, or when the numbering starts
    over under each of them; not when the numbered run is itself the report's outline."""
    kinds = {section_kind(h.title) for h in numbered} - {"other"}
    if len(kinds) >= 3 and restarts == 0:
        return False  # 一、前言 … 六、附錄: the numbered run is the outline
    before = [w for w in words if w.line.start < numbered[0].line.start]
    after = [w for w in words if w.line.start > numbered[-1].line.start
             and section_kind(w.title) not in ("appendix", "toc")]
    return (len(before) >= 2 and len(after) >= 1) or (restarts >= 2 and len(words) >= 3)


_INLINE_LABEL = re.compile(
    r"^[ \t]*(?P<title>(?:考察|參訪|出國|會議|出訪)?(?:摘要|目的|緣起|背景|過程|經過|行程|心得及建議|心得與建議"
    r"|心得|感想|建議事項|建議|結論|附錄))[ \t]*[：:][ \t]*\S", re.MULTILINE)


def inline_sections(text: str) -> list[SectionNode]:
    """Sections opened by inline labels (目的：…, 過程：…), for reports written without headings."""
    headings = []
    for match in _INLINE_LABEL.finditer(text):
        line_end = text.find("\n", match.start())
        line = Line(text[match.start() : len(text) if line_end < 0 else line_end], match.start(),
                    len(text) if line_end < 0 else line_end)
        headings.append(Heading(line, "word", 0, match.group("title")))
    if len(headings) < 2:
        return []
    nodes = _nodes(text, headings, len(text.rstrip()), 2)
    for node, heading in zip(nodes, headings, strict=True):
        # The heading is the label; the rest of its line is already the section's text.
        title_end = heading.line.start + heading.line.text.index(heading.title) + len(heading.title)
        node.heading = Heading(Line(text[heading.line.start : title_end + 1].strip(),
                                    heading.line.start, title_end + 1), "word", 0, heading.title)
    return nodes


_PARAGRAPH_END = ("。", "！", "？", "」", "）", ")", ".")


def _split_heading(lines: list[Line], index: int) -> Heading | None:
    """A numbering alone on its line with the title on the next (肆、 / 心得與建議): one
    heading spanning both lines."""
    line = lines[index]
    numbering = parse_numbering(line.text, alone=True)
    if not numbering or line.text[numbering.label_end:].strip() or index + 1 >= len(lines):
        return None
    following = lines[index + 1]
    title = following.text.strip()
    if not _title_ok(title) or parse_numbering(following.text) or "\t" in title:
        return None
    both = Line(f"{line.text}\n{following.text}", line.start, following.end)
    return Heading(both, numbering.scheme, numbering.ordinal, title, numbering.depth)


_OPEN_END = re.compile(r"(?:[（(][^)）]*|[與及和、，暨之])$")


def _wrapped(lines: list[Line], index: int, heading: Heading) -> Heading:
    """A heading whose title the page wrapped (…參訪紀要（法務省矯正局、 / 川越少年刑務所）,
    …之啟示與 / 具體建議): one heading over both lines."""
    if index + 1 >= len(lines) or not _OPEN_END.search(heading.line.text.rstrip()):
        return heading
    following = lines[index + 1]
    rest = following.text.strip()
    if not rest or len(rest) > MAX_TITLE or parse_numbering(following.text) or _SENTENCE_END.search(rest):
        return heading
    both = Line(f"{heading.line.text}\n{following.text}", heading.line.start, following.end)
    return Heading(both, heading.scheme, heading.ordinal, heading.title + rest, heading.depth)


_COLON_HEADING = re.compile(r"^(?P<title>[\u4e00-\u9fff]{2,8})[ \t]*[：:]$")


def _colon_headings(lines: list[Line]) -> list[Heading]:
    """目的： alone on its line, its text below: a heading when the report is built of them
    (three or more), not a lone form label."""
    found = []
    for line in lines:
        match = _COLON_HEADING.match(line.text.strip())
        if match and section_kind(match.group("title")) != "other" and \
                match.group("title") not in header_labels() and "提要" not in match.group("title"):
            found.append(Heading(line, "word", 0, match.group("title")))
    return found if len(found) >= 3 else []


def find_sections(text: str) -> list[SectionNode]:
    """The top-level sections of a document, in order, with their children.

    A report written without headings but with inline labels (目的：… 過程：…) gets
    its sections from those labels.
    """
    lines = split_lines(text)
    candidates = []
    for index, line in enumerate(lines):
        heading = heading_of(line) or _split_heading(lines, index)
        if heading and heading.scheme not in ("word", "title"):
            heading = _wrapped(lines, index, heading)
        if heading and heading.scheme == "title":
            # A bare title is a heading where a paragraph has ended: after a blank line or a
            # finished sentence, never inside a list of short lines.
            previous = lines[index - 1].text.strip() if index else ""
            after = index + 1 < len(lines) and not lines[index + 1].text.strip()
            ended = not previous or previous.endswith(_PARAGRAPH_END)
            heading = heading if ended and (after or not previous or (index + 1 < len(lines)
                                            and not heading_of(lines[index + 1]))) else None
            if heading:
                heading.scheme = "word"
        if heading:
            candidates.append(heading)
    colon = _colon_headings(lines)
    covered = {h.line.start for h in candidates}
    candidates = sorted(candidates + [h for h in colon if h.line.start not in covered],
                        key=lambda h: h.line.start)
    numbered = _level(candidates)
    first = numbered[0].line.start if numbered else len(text)
    words = [h for h in candidates if h.scheme == "word"]
    restarts = sum(1 for h in candidates if numbered and h.scheme == numbered[0].scheme
                   and h.depth == numbered[0].depth and h.ordinal == 1) - 1
    appendix = next((w for w in words if section_kind(w.title) == "appendix"), None)
    if (numbered and appendix and numbered[0].line.start > appendix.line.start
            and sum(w.line.start < appendix.line.start for w in words) >= 2
            and {section_kind(h.title) for h in numbered} <= {"other", "appendix", "process"}):
        numbered = []  # 附件 then 一、二、: the appendix's own list, under unnumbered headings
        first = len(text)
    top = [h for h in words if h.line.start < first]
    if numbered and _words_govern(words, numbered, restarts):
        # Unnumbered headings frame the numbered ones: 參訪紀要 holding 一、二、三.
        return _nodes(text, words, len(text.rstrip()), 0)
    if numbered:
        last = numbered[-1].line.start
        top += numbered
        top += [h for h in words if h.line.start > last and section_kind(h.title) == "appendix"]
    top.sort(key=lambda h: h.line.start)
    return _nodes(text, top, len(text.rstrip()), 0) or inline_sections(text)
