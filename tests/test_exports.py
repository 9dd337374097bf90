"""Every public name imports, and the README's library example runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import reportnlp

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", reportnlp.__all__)
def test_exports_name_imports(name: str) -> None:
    assert getattr(reportnlp, name) is not None


def test_exports_json_schema_has_contract_keys() -> None:
    schema = reportnlp.Report.model_json_schema()
    for key in ("schema_version", "source", "report_type", "title", "category", "trip_types",
                "organizer", "contact", "travelers", "period", "destinations", "report_date",
                "sections", "itinerary", "entities", "officials", "dates", "warnings", "text"):
        assert key in schema["properties"], key


def test_exports_readme_library_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    assert blocks, "the README has a python example"
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(blocks[0], "README.md", "exec"), namespace)
    assert namespace["report"].title
