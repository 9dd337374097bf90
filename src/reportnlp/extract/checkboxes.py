"""Checkbox rows of 提要 forms: which options are ticked.

Forms reach us with the boxes drawn in many ways: ☑/☐, ■/□, a V before the
chosen option, or HTML ``<input checked>`` (already turned into ☑/☐ by
normalisation). An option is the text after its box, up to the next box.
"""

from __future__ import annotations

import re

CHECKED = "☑☒■✓✔✅▣◼√"
UNCHECKED = "☐□◻"
# A tick written next to an empty box (V□, □V) counts as one ticked box; a box may also be
# a pair of brackets, with a tick inside ((V), （V）, [V], [X]) or empty (( ), （　）, [ ]).
_TICK = "Vv✓✔Xx■●"
_BRACKET_TICKED = rf"[(（\[][ \t\u3000]*[{_TICK}][ \t\u3000]*[)）\]]"
_BRACKET_EMPTY = r"[(（\[][ \t\u3000]*[)）\]]"
_BOX = re.compile(rf"{_BRACKET_TICKED}|{_BRACKET_EMPTY}"
                  rf"|[Vv✓][{UNCHECKED}]|[{UNCHECKED}][Vv✓](?![A-Za-z])|[{CHECKED}{UNCHECKED}]"
                  rf"|(?:(?<=^)|(?<=[\s.、{UNCHECKED}]))[Vv](?=[ \t]?[^\x00-\x7f])")
_EMPTY = re.compile(rf"^(?:[{UNCHECKED}]|{_BRACKET_EMPTY})$")
# Box numbering (□1考察, 1.V□考察 2.□進修) and blanks are not part of an option.
_FILLER = re.compile(r"^[\s_＿:：\d.、]+|[\s_＿:：、,，\d.]+$")


def has_boxes(value: str) -> bool:
    """Whether a value is a row of checkboxes rather than written text."""
    boxes = _BOX.findall(value)
    return len(boxes) >= 2 or any(c in value for c in CHECKED) or any(
        not _EMPTY.match(box) for box in boxes)  # V考察　進修　研究: one tick, no boxes


def checked_options(value: str) -> list[tuple[str, int, int]]:
    """The ticked options of a checkbox row as ``(text, start, end)`` within ``value``."""
    boxes = list(_BOX.finditer(value))
    options = []
    for index, box in enumerate(boxes):
        if _EMPTY.match(box.group()):
            continue
        stop = boxes[index + 1].start() if index + 1 < len(boxes) else len(value)
        raw = value[box.end() : stop]
        # An option is one word: V考察　進修　研究 ticks 考察 alone.
        raw = re.split(r"[ \t]{1,}(?=\S)", raw.strip(" \t"), maxsplit=1)[0] if raw.strip() else raw
        raw = value[box.end() : box.end() + value[box.end():].index(raw) + len(raw)] if raw else raw
        option = _FILLER.sub("", raw)
        if option and not set(option) <= set("_＿ "):
            start = box.end() + raw.index(option)
            options.append((option, start, start + len(option)))
    return options
