"""The gazetteers in models/: sourced, well-formed, unambiguous, and every form resolves."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from reportnlp.ner.gazetteer import load_gazetteer, read_tsv
from reportnlp.resources import models_dir

FILES = sorted((models_dir() / "gazetteers").glob("*.tsv"))
LABELS = {"GPE", "LOC", "ORG", "TITLE"}
# Characters OpenCC's s2t turns into other traditional forms though Taiwan writes them so.
TAIWAN_FORMS = set("里群峰核秘台岩昆干庄准")  # 准將: the rank is written 准 in Taiwan


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_gazetteer_file_is_sourced_and_well_formed(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# source:"), "every list says where its names come from"
    for line in lines:
        if line and not line.startswith("#"):
            columns = line.split("\t")
            assert len(columns) == 3 and columns[0] and columns[1] in LABELS, line


def test_gazetteer_no_form_names_two_entries() -> None:
    seen: Counter[str] = Counter()
    for path in FILES:
        for canonical, _, aliases in read_tsv(path):
            seen.update({canonical, *aliases})
    assert [form for form, count in seen.items() if count > 1] == []


def test_gazetteer_canonical_names_are_traditional() -> None:
    from reportnlp.text.normalize import to_traditional

    simplified = []
    for path in FILES:
        for canonical, _, _ in read_tsv(path):
            converted = to_traditional(canonical)
            if any(a != b and a not in TAIWAN_FORMS for a, b in zip(canonical, converted,
                                                                    strict=True)):
                simplified.append(canonical)
    assert simplified == []


def test_gazetteer_every_alias_resolves_to_its_entry() -> None:
    forms = load_gazetteer().forms
    for path in FILES:
        for canonical, label, aliases in read_tsv(path):
            for form in (canonical, *aliases):
                assert forms[form].canonical == canonical and forms[form].label == label, form
