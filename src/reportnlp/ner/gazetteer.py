"""Load the curated gazetteers in ``models/gazetteers/`` (one TSV per list).

Each line is ``canonical<TAB>label<TAB>alias|alias…``; ``#`` lines carry the
list's source. Every written form (canonical, alias and their 台/臺 and
traditional variants) maps to one entry, so a mention normalises to its
canonical name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportnlp.resources import models_dir


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry: its canonical name, label and the list it came from."""

    canonical: str
    label: str
    source: str


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Every surface form of every entry, by form (hashed by identity, so it can key a cache)."""

    forms: dict[str, Entry]

    def by_label(self, label: str) -> list[str]:
        """Surface forms whose entry has ``label``."""
        return [form for form, entry in self.forms.items() if entry.label == label]


def read_tsv(path: Path) -> list[tuple[str, str, list[str]]]:
    """The entries of one gazetteer file as ``(canonical, label, aliases)``."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        aliases = [a.strip() for a in columns[2].split("|")] if len(columns) > 2 else []
        rows.append((columns[0].strip(), columns[1].strip(), [a for a in aliases if a]))
    return rows


def _variants(form: str) -> set[str]:
    return {form, form.replace("台", "臺"), form.replace("臺", "台")}


@lru_cache(maxsize=1)
def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """All gazetteer files merged; the first list to claim a form keeps it."""
    from reportnlp.text.normalize import to_traditional

    directory = directory or models_dir() / "gazetteers"
    forms: dict[str, Entry] = {}
    for path in sorted(directory.glob("*.tsv")):
        for canonical, label, aliases in read_tsv(path):
            entry = Entry(canonical, label, path.stem)
            for form in [canonical, *aliases]:
                for variant in _variants(form) | _variants(to_traditional(form)):
                    forms.setdefault(variant, entry)
    _add_bare_names(forms)
    return Gazetteer(forms)


def _add_bare_names(forms: dict[str, Entry]) -> None:
    """新加坡建屋發展局 is also written 建屋發展局 once the country is clear: enter the name
    without its leading place as another form of the same body (unless it means another)."""
    places = {f for f, e in forms.items() if e.label == "GPE" and not f.isascii()}
    for form, entry in list(forms.items()):
        if entry.label != "ORG" or form.isascii():
            continue
        # The longest place the name opens with, leaving a body name of 4+ characters.
        size = next((n for n in range(len(form) - 4, 1, -1) if form[:n] in places), 0)
        if size:
            forms.setdefault(form[size:], entry)


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Chinese (and common Japanese) family names from ``models/surnames.txt``."""
    path = models_dir() / "surnames.txt"
    return frozenset(word for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.startswith("#") for word in line.split())
