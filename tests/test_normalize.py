"""Normalisation: HTML leftovers, width, spaced-out CJK, simplified script, offsets."""

from __future__ import annotations

import pytest

from reportnlp.io.raw import RawDocument, RawPage
from reportnlp.text.normalize import normalize


def _norm(text: str):
    return normalize(RawDocument.from_text(text))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('<input checked="" type="checkbox"/> 是 <input type="checkbox"/> 否', "☑ 是 ☐ 否"),
        ("<p>壹、摘要</p>", "\n壹、摘要\n"),
        ("１０６年１１月", "106年11月"),
        ("中 華 民 國 103 年", "中華民國 103 年"),
        ("A&amp;B", "A&B"),
        ("line\r\nnext", "line\nnext"),
        ("全形　空白", "全形 空白"),
    ],
)
def test_normalize_rewrites(raw: str, expected: str) -> None:
    assert _norm(raw).text == expected


def test_normalize_keeps_cjk_punctuation() -> None:
    assert _norm("出國期間：106年（星期六）").text == "出國期間：106年（星期六）"


def test_normalize_simplified_text_keeps_script_and_gets_traditional_analysis() -> None:
    text = _norm("出国报告：考察日期为2019年5月6日，前往厦门市。")
    assert text.script == "s"
    assert text.text.startswith("出国报告")
    assert text.analysis.startswith("出國報告")
    assert len(text.analysis) == len(text.text)


def test_normalize_traditional_text_is_its_own_analysis() -> None:
    text = _norm("臺中市政府出國報告")
    assert text.script == "t"
    assert text.analysis == text.text


def test_normalize_pages_and_offsets_map_back() -> None:
    raw = RawDocument(pages=(RawPage(1, "第一頁<p>內容"), RawPage(2, "第二頁")), paged=True)
    text = normalize(raw)
    assert text.text == "第一頁\n內容\n第二頁"
    assert text.page_of(0) == 1
    assert text.page_of(text.text.index("第二頁")) == 2
    assert text.raw_offset(text.text.index("內容")) == (1, 6)
