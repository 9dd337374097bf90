"""Traveler cells classified by their own evidence, in any order (extract/cells.py)."""

from __future__ import annotations

import itertools

import pytest

from reportnlp import parse_text
from reportnlp.extract.cells import classify, header_columns, read_traveler


@pytest.mark.parametrize(("cell", "kind"), [
    ("姓名", "label"), ("職　稱", "label"), ("服務機關", "label"), ("單位", "label"),
    ("幫工程司", "title"), ("簡任技正", "title"), ("游雅婷", "name"),
    ("綜合規劃處", "unit"), ("養護工程科", "unit"), ("花蓮縣政府", "agency"),
    ("交通部公路局", "agency"), ("嘉義縣政府農業處農務科", "org"), ("核工組研究員", "unit_title"),
])
def test_cells_classify_by_evidence(cell: str, kind: str) -> None:
    assert classify(cell).kind == kind


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_cells_traveler_in_any_order(order: tuple[int, ...]) -> None:
    cells = ["游雅婷", "綜合規劃處", "簡任技正"]
    found = read_traveler([cells[i] for i in order])
    assert found is not None
    assert (found.name, found.unit, found.title) == ("游雅婷", "綜合規劃處", "簡任技正")


def test_cells_header_row_names_columns_whatever_the_order() -> None:
    columns = header_columns(["單位", "職稱", "姓名"])
    assert columns == ["unit", "title", "name"]
    found = read_traveler(["嘉義縣政府農業處農務科", "技士", "翁志遠"], columns)
    assert found is not None  # run together, agency and unit are cut (corpora/README.md)
    assert (found.name, found.agency, found.unit, found.title) == (
        "翁志遠", "嘉義縣政府農業處", "農務科", "技士")
    assert header_columns(["翁志遠", "技士", "農務科"]) is None


def test_cells_a_label_is_never_a_value() -> None:
    assert read_traveler(["姓名", "職稱", "單位"]) is None


def test_cells_cover_page_one_traveler_per_line() -> None:
    text = ("交通部觀光署出國報告（出國類別：考察）\n\n赴紐西蘭考察生態旅遊管理\n\n"
            "服務機關：交通部觀光署\n出國人員：\n　游雅婷　國際事務組　簡任技正\n"
            "　企劃組　科員　石家榮\n　專員　柯佳蓉　國際事務組\n"
            "派赴國家：紐西蘭\n出國期間：112年10月2日至10月8日\n報告日期：112年12月1日\n\n壹、目的\n說明。\n")
    travelers = [(t.name, t.agency, t.unit, t.title) for t in parse_text(text).travelers]
    assert travelers == [("游雅婷", "交通部觀光署", "國際事務組", "簡任技正"),
                         ("石家榮", "交通部觀光署", "企劃組", "科員"),
                         ("柯佳蓉", "交通部觀光署", "國際事務組", "專員")]


def test_cells_table_with_labels_in_any_order() -> None:
    text = ("花蓮縣政府出國報告提要\n\n出國報告名稱：赴日本考察溫泉觀光\n出國人員：\n"
            "職稱\t姓名\t單位\n處長\t葉建成\t觀光處\n約僱人員\t卓美惠\t觀光處觀光行銷科\n"
            "出國類別：■考察 □進修\n出國期間：112年5月1日至5月5日\n\n摘要：\n說明。\n")
    travelers = [(t.name, t.unit, t.title) for t in parse_text(text).travelers]
    assert travelers == [("葉建成", "觀光處", "處長"), ("卓美惠", "觀光處觀光行銷科", "約僱人員")]


def test_cells_person_records_and_rows_that_name_their_columns() -> None:
    text = ("臺灣菸酒股份有限公司出國報告書\n\n出國報告名稱：赴德國辦理工廠驗收\n服務機關：臺灣菸酒股份有限公司\n"
            "出國人員：\n（一）姓名：陳建興　　職稱：副廠長\n　　　服務單位：烏日啤酒廠\n"
            "（二）姓名：王淑芬　　職稱：工程師\n　　　服務單位：生產事業部\n"
            "出國期間：108年10月14日至108年10月23日\n\n壹、目的\n說明。\n")
    assert [(t.name, t.agency, t.unit, t.title) for t in parse_text(text).travelers] == [
        ("陳建興", "臺灣菸酒股份有限公司", "烏日啤酒廠", "副廠長"),
        ("王淑芬", "臺灣菸酒股份有限公司", "生產事業部", "工程師")]
    rows = ("農業部林業試驗所　出國報告\n\n出國報告名稱：參加世界大會\n服務機關：農業部林業試驗所\n出國人員：\n"
            "姓名／職稱／服務單位：鄭雅文／研究員兼組長／森林保護組\n"
            "姓名／職稱／服務單位：何俊傑／助理研究員／育林組\n"
            "出國期間：2024年6月22日至6月30日\n\n壹、目的\n說明。\n")
    assert [(t.name, t.unit, t.title) for t in parse_text(rows).travelers] == [
        ("鄭雅文", "森林保護組", "研究員兼組長"), ("何俊傑", "育林組", "助理研究員")]
