"""Headings, numbering schemes, kinds and the section tree."""

from __future__ import annotations

import pytest

from reportnlp import parse_text
from reportnlp.structure.kinds import section_kind
from reportnlp.structure.numbering import chinese_ordinal, parse_numbering
from reportnlp.structure.sections import find_sections, is_toc_entry


@pytest.mark.parametrize(
    ("line", "scheme", "ordinal"),
    [("壹、摘要", "upper", 1), ("陸、 建議", "upper", 6), ("參 、目的", "upper", 3),
     ("壹. 摘要", "upper", 1), ("第一章 前言", "chapter", 1), ("第十二章 結論", "chapter", 12),
     ("一、目的", "lower", 1), ("十一、附錄", "lower", 11), ("(一) 開幕式：", "paren", 1),
     ("（二）全體會員大會", "paren", 2), ("1. 目的", "arabic", 1), ("2.1 訓練內容", "decimal", 1),
     ("1、 緣起", "arabic", 1), ("Ⅱ. 過程", "roman", 2), ("(3) 項目", "arabic_paren", 3)],
)
def test_sections_numbering_schemes(line: str, scheme: str, ordinal: int) -> None:
    numbering = parse_numbering(line)
    assert numbering is not None
    assert (numbering.scheme, numbering.ordinal) == (scheme, ordinal)


@pytest.mark.parametrize("line", ["106.11.04\t斯里蘭卡", "2017 城市聯絡網", "壹、"])
def test_sections_not_numbering(line: str) -> None:
    assert parse_numbering(line) is None


@pytest.mark.parametrize(
    ("label", "value"), [("一", 1), ("十", 10), ("十二", 12), ("二十一", 21), ("壹拾", 10), ("肆", 4)]
)
def test_sections_chinese_ordinal(label: str, value: int) -> None:
    assert chinese_ordinal(label) == value


@pytest.mark.parametrize(
    ("title", "kind"),
    [("摘要", "summary"), ("出國人員名單", "members"), ("目的", "purpose"), ("緣起", "purpose"),
     ("背景", "purpose"), ("過程", "process"), ("實習過程", "process"),
     ("參加會議經過", "process"), ("心得", "impressions"), ("與會心得", "impressions"),
     ("建議事項", "recommendations"), ("心得及建議", "impressions_recommendations"),
     ("心得與建議", "impressions_recommendations"), ("結論", "conclusion"),
     ("附錄", "appendix"), ("攜回資料", "appendix"), ("目次", "toc"), ("行程表", "itinerary"),
     ("其他", "other")],
)
def test_sections_kind_synonyms(title: str, kind: str) -> None:
    assert section_kind(title) == kind


def test_sections_toc_lines_are_not_sections() -> None:
    text = ("摘要\n\n本報告。\n\n目次\n\n壹、目的……………1\n貳、過程……………2\n\n"
            "壹、目的\n\n說明。\n\n貳、過程\n\n一、行程\n\n內容。\n\n二、會議\n\n內容。\n")
    assert is_toc_entry("壹、目的……………1")
    nodes = find_sections(text)
    assert [(n.kind, n.heading.title) for n in nodes] == [
        ("summary", "摘要"), ("toc", "目次"), ("purpose", "目的"), ("process", "過程")]
    assert [c.heading.title for c in nodes[-1].children] == ["行程", "會議"]


def test_sections_sentences_are_not_headings() -> None:
    text = "壹、目的\n\n一、本次會議為4年1次大會，規模更勝年會。\n\n貳、建議\n\n內容。"
    nodes = find_sections(text)
    assert [n.heading.title for n in nodes] == ["目的", "建議"]
    assert nodes[0].children == []


def test_sections_chapters_with_decimal_children() -> None:
    text = "第一章 前言\n\n說明。\n\n第二章 訓練內容\n\n2.1 課程\n\n內容。\n\n2.2 實作\n\n內容。\n"
    nodes = find_sections(text)
    assert [n.heading.title for n in nodes] == ["前言", "訓練內容"]
    assert [c.heading.title for c in nodes[1].children] == ["課程", "實作"]


def test_sections_issue_empty_roman_numeral_is_no_heading() -> None:
    # OCR produced a line that only an empty roman-numeral alternative matched.
    assert parse_numbering(". 本次會議") is None
    assert find_sections("\n. 本次會議\n") == []


def test_sections_inline_labels_when_there_are_no_headings() -> None:
    text = ("鄉民代表會考察紀實\n\n目的：瞭解日本地方創生作法。\n"
            "過程：11月4日抵達福岡，參訪福岡市政府。\n心得：地方特色產業值得學習。\n建議：推動在地品牌。\n")
    nodes = find_sections(text)
    assert [(n.kind, n.heading.title) for n in nodes] == [
        ("purpose", "目的"), ("process", "過程"), ("impressions", "心得"), ("recommendations", "建議")]
    assert text[nodes[1].start : nodes[1].end].startswith("過程：11月4日")


def test_sections_unnumbered_headings_without_blank_lines_after() -> None:
    text = "標題\n\n目的\n了解制度。\n\n過程\n抵達東京。\n心得\n制度完善。\n建議\n引進制度。\n"
    kinds = [(s.kind, s.heading) for s in parse_text(text).sections]
    assert kinds == [("purpose", "目的"), ("process", "過程"), ("impressions", "心得"),
                     ("recommendations", "建議")]


def test_sections_heading_split_over_two_lines() -> None:
    text = "標題\n\n壹、\n目的\n了解制度。\n\n貳、\n心得與建議\n引進制度。\n"
    sections = parse_text(text).sections
    assert [(s.kind, s.heading) for s in sections] == [
        ("purpose", "壹、\n目的"), ("impressions_recommendations", "貳、\n心得與建議")]
    assert all(text[s.start:s.end].startswith(s.heading) for s in sections)


def test_sections_a_list_of_short_lines_is_no_heading() -> None:
    text = "標題\n\n壹、目的\n本次行程包括：\n考察\n研習\n參訪\n\n貳、建議\n引進制度。\n"
    assert [s.heading for s in parse_text(text).sections] == ["壹、目的", "貳、建議"]


def test_sections_numbering_with_a_space_and_bracketed_words() -> None:
    text = "標題\n\n一 摘要\n說明。\n\n二 考察目的\n了解。\n\n【心得】\n良好。\n"
    headings = [(s.kind, s.heading) for s in parse_text(text).sections]
    assert ("summary", "一 摘要") in headings and ("purpose", "二 考察目的") in headings


def test_sections_numbered_outline_outranks_words_inside_it() -> None:
    text = ("標題\n\n摘要\n說明。\n\n目次\n一、前言\t1\n二、過程\t2\n\n一、前言\n說明。\n\n二、考察內容\n"
            "說明。\n\n三、心得\n良好。\n\n四、附錄\n\n拜會人員\n王大明。\n")
    headings = [s.heading for s in parse_text(text).sections]
    assert headings[-4:] == ["一、前言", "二、考察內容", "三、心得", "四、附錄"]


def test_sections_a_wrapped_heading_is_one_heading() -> None:
    text = ("標題\n\n壹、目的\n了解。\n\n貳、日本矯正制度概況與參訪紀要（法務省矯正局、\n府中刑務所）\n說明。\n\n"
            "參、對我國之啟示與\n具體建議\n建議如下。\n")
    headings = [(s.kind, s.heading) for s in parse_text(text).sections]
    assert headings[1] == ("process", "貳、日本矯正制度概況與參訪紀要（法務省矯正局、\n府中刑務所）")
    assert headings[2] == ("recommendations", "參、對我國之啟示與\n具體建議")


def test_sections_numbered_list_under_an_unnumbered_appendix() -> None:
    text = ("標題\n\n目的\n了解。\n\n過程\n參訪。\n\n心得\n良好。\n\n附件\n一、濱松市音樂文化政策簡報\n"
            "二、樂器博物館導覽手冊\n")
    assert [s.heading for s in parse_text(text).sections] == ["目的", "過程", "心得", "附件"]


def test_sections_colon_headings_and_no_headings() -> None:
    text = "標題\n\n目的：\n了解制度。\n\n過程：\n抵達。\n\n建議：\n引進。\n"
    assert [s.heading for s in parse_text(text).sections] == ["目的：", "過程：", "建議："]
    assert parse_text("某會赴日本考察報告\n\n本會於113年3月5日赴日本考察，行程順利。\n").sections == []
