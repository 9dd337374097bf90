"""Checkbox rows of 提要 forms: which options are ticked.

Forms reach us with the boxes drawn in many ways: ☑/☐, ■/□, a V before the
chosen option, or HTML ``<input checked>`` (already turned into ☑/☐ by
normalisation). An option is the text after its box, up to the next box.
"""

from __future__ import annotations

import re

CHECKED = "☑☒■✓✔✅▣◼√"
UNCHECKED = "☐□◻"
# A tick written next to an empty box (V□, □V) counts as one ticked box.
_BOX = re.compile(rf"[Vv✓][{UNCHECKED}]|[{UNCHECKED}][Vv✓](?![A-Za-z])|[{CHECKED}{UNCHECKED}]"
                  rf"|(?:(?<=^)|(?<=[\s.、{UNCHECKED}]))[Vv](?=[ \t]?[^\x00-\x7f])")
# Box numbering (□1考察, 1.V□考察 2.□進修) and blanks are not part of an option.
_FILLER = re.compile(r"^[\s_＿:：\d.、]+|[\s_＿:：、,，\d.]+$")


def has_boxes(value: str) -> bool:
    """Whether a value is a row of checkboxes rather than written text."""
    return len(_BOX.findall(value)) >= 2 or any(c in value for c in CHECKED)


def checked_options(value: str) -> list[tuple[str, int, int]]:
    """The ticked options of a checkbox row as ``(text, start, end)`` within ``value``."""
    boxes = list(_BOX.finditer(value))
    options = []
    for index, box in enumerate(boxes):
        if box.group() in UNCHECKED:
            continue
        stop = boxes[index + 1].start() if index + 1 < len(boxes) else len(value)
        raw = value[box.end() : stop]
        option = _FILLER.sub("", raw)
        if option and not set(option) <= set("_＿ "):
            start = box.end() + raw.index(option)
            options.append((option, start, start + len(option)))
    return options
