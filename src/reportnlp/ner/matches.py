"""What the entity finders share: the span they return, the characters no name crosses,
and the canonical form of a name no gazetteer holds."""

from __future__ import annotations

from dataclasses import dataclass

STOP_CHARS = set("的之與及和或等於在為並係向由從對把被將已曾也亦均皆都即則而且以說、，,。；;：:（）()「」『』 \t\n")


@dataclass(frozen=True)
class Match:
    """An entity span found by a rule: ``text[start:end]`` with label and canonical form."""

    start: int
    end: int
    label: str
    normalized: str


def normalize_form(text: str) -> str:
    """The canonical form of a name no gazetteer holds: traditional script, 臺 for 台."""
    from reportnlp.text.normalize import to_traditional

    return to_traditional(text).replace("台", "臺")
