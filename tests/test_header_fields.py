"""Header fields: labels, checkboxes, phones, travelers, cover pages, academic forms."""

from __future__ import annotations

import datetime as dt

import pytest

import reportnlp
from reportnlp.extract.checkboxes import checked_options
from reportnlp.extract.header_fields import normalize_phone


@pytest.mark.parametrize(
    ("raw", "phone"),
    [("04-22289111分機11414", "04-22289111#11414"), ("(02)2345-6789轉123", "02-23456789#123"),
     ("（07）3368333 ext. 2561", "07-3368333#2561"), ("02-2311-7722#2718", "02-23117722#2718"),
     ("049-2345678", "049-2345678"), ("0912345678", "0912345678")],
)
def test_header_phone_normalised(raw: str, phone: str) -> None:
    assert normalize_phone(raw) == phone


@pytest.mark.parametrize(
    ("row", "checked"),
    [("其他 ☑ 國際會議 ☐ 業務接洽 ☐ 表演", ["國際會議"]), ("■考察 □進修 ■開會 □其他", ["考察", "開會"]),
     ("V考察 □進修 □研究", ["考察"]), ("□考察 v 國際會議 □其他：____", ["國際會議"]),
     ("☐考察 ☐進修", [])],
)
def test_header_checkbox_rows(row: str, checked: list[str]) -> None:
    assert [option for option, _, _ in checked_options(row)] == checked


COVER = """出國報告（出國類別：考察）

赴日本考察防災體系

服務機關：內政部消防署
姓名職稱：王大明 科長、李小華 技正
派赴國家/地區：日本/東京、神戶
出國期間：107年10月21日至10月27日
報告日期：108年1月10日

摘要

本報告說明考察經過。

壹、目的

說明。
"""


def test_header_cover_page() -> None:
    report = reportnlp.parse_text(COVER)
    assert report.report_type == "報告"
    assert report.title == "赴日本考察防災體系"
    assert report.trip_types == ["考察"]
    assert report.category is None
    assert report.organizer == "內政部消防署"
    assert [(t.name, t.title, t.agency) for t in report.travelers] == [
        ("王大明", "科長", "內政部消防署"), ("李小華", "技正", "內政部消防署")]
    assert report.destinations == ["日本", "東京", "神戶"]
    assert (report.period.start, report.period.end) == (dt.date(2018, 10, 21), dt.date(2018, 10, 27))
    assert report.report_date == dt.date(2019, 1, 10)


ACADEMIC = """國家科學及技術委員會補助專題研究計畫項下出席國際學術會議心得報告

日期：2023年6月20日

計畫編號\tNSTC 111-2221-E-002-087-MY3
出國人員姓名\t黃柏翰
服務機構及職稱\t國立臺灣大學電機工程學系 教授
會議時間\t2023年5月28日至2023年6月1日
會議地點\t義大利羅馬
會議名稱\t(中文) 2023年IEEE國際通訊會議
發表題目\tJoint Beamforming for RIS-Assisted Systems

一、參加會議經過

內容。
"""


def test_header_academic_form() -> None:
    report = reportnlp.parse_text(ACADEMIC)
    assert report.project_id == "NSTC 111-2221-E-002-087-MY3"
    assert report.conference == "(中文) 2023年IEEE國際通訊會議"
    assert report.paper_title == "Joint Beamforming for RIS-Assisted Systems"
    assert report.report_date == dt.date(2023, 6, 20)
    assert report.period.start == dt.date(2023, 5, 28)
    assert report.organizer == "國立臺灣大學"
    assert [(t.name, t.agency, t.unit, t.title) for t in report.travelers] == [
        ("黃柏翰", "國立臺灣大學", "電機工程學系", "教授")]


def test_header_inline_labels_with_compact_dates() -> None:
    text = ("彰化縣議會赴日本考察報告\n\n考察人員：議長林振雄、議員陳怡君\n"
            "考察日期：1061104至1061109\n考察地點：日本福岡縣、熊本縣\n\n一、前言\n\n內容。\n")
    report = reportnlp.parse_text(text)
    assert report.title == "彰化縣議會赴日本考察報告"
    assert [(t.name, t.title) for t in report.travelers] == [("林振雄", "議長"), ("陳怡君", "議員")]
    assert (report.period.start, report.period.end) == (dt.date(2017, 11, 4), dt.date(2017, 11, 9))
    assert report.destinations == ["日本福岡縣", "熊本縣"]


def test_header_trip_period_wins_over_conference_time() -> None:
    text = ("補助出席國際學術會議心得報告\n\n會議時間：2023年9月12日至9月14日\n"
            "出國期間：112年9月10日至112年9月17日\n會議地點：葡萄牙波多\n"
            "出國地區：葡萄牙里斯本、波多\n\n一、會議經過\n說明。\n")
    report = reportnlp.parse_text(text)
    assert (str(report.period.start), str(report.period.end)) == ("2023-09-10", "2023-09-17")
    assert report.destinations == ["葡萄牙里斯本", "波多"]


def test_header_english_in_parentheses_is_no_destination() -> None:
    text = ("出國報告（出國類別：開會）\n\n出席會議報告\n\n服務機關：客家委員會\n"
            "派赴國家：比利時布魯塞爾(Brussels)、法國史特拉斯堡（Strasbourg）及盧森堡\n"
            "出國期間：112年4月2日至4月9日\n\n壹、目的\n說明。\n")
    assert reportnlp.parse_text(text).destinations == ["比利時布魯塞爾", "法國史特拉斯堡", "盧森堡"]


def test_header_trip_types_only_from_the_closed_vocabulary() -> None:
    text = ("宜蘭縣政府出國報告提要\n\n出國報告名稱：赴泰國參展\n"
            "出國類別：考察、<b>洽展</b>、預算科目\n出國期間：112年3月1日至3月4日\n\n摘要：\n說明。\n")
    report = reportnlp.parse_text(text)
    assert report.trip_types == ["考察", "洽展"]  # the markup is gone, the label too
    assert any("預算科目" in w for w in report.warnings)


@pytest.mark.parametrize("heading", ["臺北市政府所屬機關出國報告", "行政院所屬各機關因公出國人員出國報告書",
                                     "公务出国报告（赴大陆地区）", "嘉義縣番路鄉公所公務出國報告"])
def test_header_form_heading_is_no_title(heading: str) -> None:
    text = (f"{heading}\n出國類別：考察\n\n赴越南考察咖啡產業與農村旅遊\n\n"
            "出國期間：113年3月5日至3月9日\n\n壹、目的\n說明。\n")
    assert reportnlp.parse_text(text).title == "赴越南考察咖啡產業與農村旅遊"


def test_header_period_from_the_opening_when_no_label() -> None:
    text = ("雲林縣古坑鄉農會赴日本考察報告\n\n本會為了解日本咖啡產業，由理事長率團於113年3月5日至3月9日"
            "赴日本沖繩考察，並於113年4月1日完成報告。\n\n一、心得\n良好。\n")
    report = reportnlp.parse_text(text)
    assert (str(report.period.start), str(report.period.end)) == ("2024-03-05", "2024-03-09")
    assert any("not written" in w for w in report.warnings)


@pytest.mark.parametrize(("row", "ticked"), [
    ("（ ）考察（ ）進修（V）訪問（ ）其他", ["訪問"]),
    ("V考察　 進修　 研究　 實習　 其他", ["考察"]),
    ("(V)考察　( )進修　(V)開會", ["考察", "開會"]),
    ("[V]考察　[ ]進修　[V]其他（參展觀摩）", ["考察", "其他"]),
    ("☐考察　☐進修　☑其他（洽展）", ["洽展"]),
])
def test_header_checkbox_rows_in_every_glyph(row: str, ticked: list[str]) -> None:
    text = f"出國報告提要\n\n出國報告名稱：赴日本考察\n出國類別：{row}\n出國期間：113年3月5日至3月9日\n\n摘要：\n說明。\n"
    assert reportnlp.parse_text(text).trip_types == ticked


def test_header_one_line_slash_row_and_a_table_header_row() -> None:
    text = ("國家衛生研究院\n出國報告\n\n出國報告名稱：赴日本研習流感病毒分析\n"
            "出國計畫主辦機關/聯絡人/電話：國家衛生研究院/邱美玲/(037)246-166轉35507\n出國人員\n"
            "姓名\t服務機關\t單位\t職稱\n謝宜臻\t國家衛生研究院\t感染症與疫苗研究所\t助研究員\n"
            "出國國家/城市：日本東京、大阪\n出國期間：113年5月6日至5月17日\n\n壹、目的\n說明。\n")
    report = reportnlp.parse_text(text)
    assert report.organizer == "國家衛生研究院"
    assert (report.contact.name, report.contact.phone) == ("邱美玲", "037-246166#35507")
    assert [(t.name, t.agency, t.unit, t.title) for t in report.travelers] == [
        ("謝宜臻", "國家衛生研究院", "感染症與疫苗研究所", "助研究員")]
    assert report.destinations == ["日本東京", "大阪"]


def test_header_trip_period_written_in_a_sentence_wins_over_the_conference_time() -> None:
    text = ("國科會補助專題研究計畫出席國際學術會議心得報告\n\n計畫編號\tNSTC 112-2221-E-000-001\n"
            "會議時間\t2023年9月4日至9月7日\n會議地點\t芬蘭赫爾辛基\n\n一、參加會議經過\n\n"
            "本人出國期間為112年9月2日至9月9日，9月2日自桃園搭機經伊斯坦堡轉機。\n\n二、與會心得\n\n收穫良多。\n")
    report = reportnlp.parse_text(text)
    assert report.period is not None
    assert (report.period.start, report.period.end) == (dt.date(2023, 9, 2), dt.date(2023, 9, 9))
    span = report.provenance["period"][0]
    assert report.text[span.start:span.end] == "112年9月2日至9月9日"


def _people(report: reportnlp.Report) -> list[tuple[str | None, ...]]:
    return [(t.name, t.agency, t.unit, t.title) for t in report.travelers]


def test_header_travelers_grouped_under_a_unit_line() -> None:
    text = ("交通部公路局出國報告\n\n出國人員：\n交通部公路局規劃組\n副組長　蔡承恩\n技正　林美玲\n"
            "交通部公路局養路組\n幫工程司　高子淇\n\n出國期間：113年3月4日至3月8日\n\n壹、目的\n\n考察。\n")
    assert _people(reportnlp.parse_text(text)) == [
        ("蔡承恩", "交通部公路局", "規劃組", "副組長"), ("林美玲", "交通部公路局", "規劃組", "技正"),
        ("高子淇", "交通部公路局", "養路組", "幫工程司")]


def test_header_travelers_bare_names_share_the_title_before_them() -> None:
    text = ("雲林縣議會赴泰國考察報告\n\n考察期間：112年6月5日至6月9日\n"
            "考察人員：議長馮明德、議員蘇雅惠、邱文彬、秘書長廖志昇\n\n一、目的\n\n考察。\n")
    assert [(t.name, t.title) for t in reportnlp.parse_text(text).travelers] == [
        ("馮明德", "議長"), ("蘇雅惠", "議員"), ("邱文彬", "議員"), ("廖志昇", "秘書長")]


def test_header_numbered_title_colon_name_list() -> None:
    text = ("嘉義縣竹崎鄉公所出國考察報告\n\n考察日期：113年10月7日至10月11日\n考察人員：\n"
            "1. 鄉長：翁國豪\n2. 民政課課長：賴惠如\n\n一、考察緣由\n\n考察。\n")
    assert _people(reportnlp.parse_text(text)) == [
        ("翁國豪", "嘉義縣竹崎鄉公所", None, "鄉長"), ("賴惠如", "嘉義縣竹崎鄉公所", "民政課", "課長")]
