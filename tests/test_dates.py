"""The ROC date engine (reportnlp.dates): table of written forms, then properties.

Each table row is ``(text, expected mentions, expected warning)``: the mentions as
``(text as written, ISO date, ISO end date or None)`` in text order, and a fragment the
warnings must contain (``None``: there must be no warning).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportnlp.dates import DateScan, find_dates, parse_date, parse_period, scan_dates

Expected = list[tuple[str, str, str | None]]

# ---------------------------------------------------------------------------
# find_dates / scan_dates without a period: the table
# ---------------------------------------------------------------------------

ROC_AND_GREGORIAN_YEARS: list[tuple[str, Expected, str | None]] = [
    ("出國期間：106年11月4日", [("106年11月4日", "2017-11-04", None)], None),
    ("民國106年11月4日", [("民國106年11月4日", "2017-11-04", None)], None),
    ("中華民國106年11月4日", [("中華民國106年11月4日", "2017-11-04", None)], None),
    ("中華民國107年1月24日", [("中華民國107年1月24日", "2018-01-24", None)], None),
    ("民國 106 年 11 月 4 日", [("民國 106 年 11 月 4 日", "2017-11-04", None)], None),
    ("2017年11月4日", [("2017年11月4日", "2017-11-04", None)], None),
    ("西元2017年11月4日", [("西元2017年11月4日", "2017-11-04", None)], None),
    ("公元2017年11月4日", [("公元2017年11月4日", "2017-11-04", None)], None),
    ("98年12月31日", [("98年12月31日", "2009-12-31", None)], None),
    ("113年3月5日", [("113年3月5日", "2024-03-05", None)], None),
    ("098年1月5日", [("098年1月5日", "2009-01-05", None)], None),
    ("106年01月05日", [("106年01月05日", "2017-01-05", None)], None),
    ("1年1月1日", [("1年1月1日", "1912-01-01", None)], None),
    ("150年12月31日", [("150年12月31日", "2061-12-31", None)], None),
    ("民國98年9月1日起實施", [("民國98年9月1日", "2009-09-01", None)], None),
    ("自106年11月4日起", [("106年11月4日", "2017-11-04", None)], None),
    ("於2017年11月5日舉行", [("2017年11月5日", "2017-11-05", None)], None),
    ("11月5號", [], "no year written"),
    (
        "106年11月4日抵達，11月5號開會",
        [("106年11月4日", "2017-11-04", None), ("11月5號", "2017-11-05", None)],
        None,
    ),
]

SPACES_AND_WIDTH: list[tuple[str, Expected, str | None]] = [
    ("106 年 7 月 19 日", [("106 年 7 月 19 日", "2017-07-19", None)], None),
    ("106　年　11　月　4　日", [("106　年　11　月　4　日", "2017-11-04", None)], None),
    ("2017年 11月 5日", [("2017年 11月 5日", "2017-11-05", None)], None),
    ("１０６年１１月４日", [("１０６年１１月４日", "2017-11-04", None)], None),
    ("１０６年11月4日", [("１０６年11月4日", "2017-11-04", None)], None),
    ("２０１７年１１月４日", [("２０１７年１１月４日", "2017-11-04", None)], None),
    ("１０６.１１.０４", [("１０６.１１.０４", "2017-11-04", None)], None),
    ("日期：１０６１１０４", [("１０６１１０４", "2017-11-04", None)], None),
]

SEPARATORS: list[tuple[str, Expected, str | None]] = [
    ("106.11.04", [("106.11.04", "2017-11-04", None)], None),
    ("106/11/4", [("106/11/4", "2017-11-04", None)], None),
    ("106-11-04", [("106-11-04", "2017-11-04", None)], None),
    ("2017.11.04", [("2017.11.04", "2017-11-04", None)], None),
    ("2017/11/4", [("2017/11/4", "2017-11-04", None)], None),
    ("2017-11-04", [("2017-11-04", "2017-11-04", None)], None),
    ("106.01.05", [("106.01.05", "2017-01-05", None)], None),
    ("106.1.5", [("106.1.5", "2017-01-05", None)], None),
    ("98.12.31", [("98.12.31", "2009-12-31", None)], None),
    ("098/12/31", [("098/12/31", "2009-12-31", None)], None),
    ("106．11．04", [("106．11．04", "2017-11-04", None)], None),
    ("106／11／04", [("106／11／04", "2017-11-04", None)], None),
    ("2017-11-04T09:00", [("2017-11-04", "2017-11-04", None)], None),
    ("於106.11.04出發", [("106.11.04", "2017-11-04", None)], None),
    ("106.11.04\t臺中→斯里蘭卡\t搭乘班機", [("106.11.04", "2017-11-04", None)], None),
    (
        "日期\t地點\n106.11.05\t斯里蘭卡\n106.11.06\t斯里蘭卡",
        [("106.11.05", "2017-11-05", None), ("106.11.06", "2017-11-06", None)],
        None,
    ),
    (
        "106.11.04、106.11.05",
        [("106.11.04", "2017-11-04", None), ("106.11.05", "2017-11-05", None)],
        None,
    ),
]

COMPACT: list[tuple[str, Expected, str | None]] = [
    ("日期：1061104", [("1061104", "2017-11-04", None)], None),
    ("日期: 1061104", [("1061104", "2017-11-04", None)], None),
    ("報告日期：1070124。", [("1070124", "2018-01-24", None)], None),
    ("1061104\t臺中", [("1061104", "2017-11-04", None)], None),
    ("行程\n0981231\t返國", [("0981231", "2009-12-31", None)], None),
    ("  1061105 參訪", [("1061105", "2017-11-05", None)], None),
    ("日期：1061104（六）", [("1061104（六）", "2017-11-04", None)], None),
    ("期間1061104至1061109", [("1061104至1061109", "2017-11-04", "2017-11-09")], None),
    ("1061104-1061109", [("1061104-1061109", "2017-11-04", "2017-11-09")], None),
    ("出國期間：1061104~1061109", [("1061104~1061109", "2017-11-04", "2017-11-09")], None),
    ("1041104日至1109", [("1041104日至1109", "2015-11-04", "2015-11-09")], None),
    ("1061228至1070103", [("1061228至1070103", "2017-12-28", "2018-01-03")], None),
    ("1061228至0103", [("1061228至0103", "2017-12-28", "2018-01-03")], None),
    ("考察日期：1061104至1061109。", [("1061104至1061109", "2017-11-04", "2017-11-09")], None),
    ("編號A1061104", [], None),
    ("共1061104元", [], None),
    ("金額：1061104元", [], None),
    ("第1070012號", [], None),
    ("電話：2345678", [], None),
    ("12345678", [], None),
    ("案號10611041", [], None),
]

CHINESE_NUMERALS: list[tuple[str, Expected, str | None]] = [
    ("一○六年十一月四日", [("一○六年十一月四日", "2017-11-04", None)], None),
    ("一〇六年十一月四日", [("一〇六年十一月四日", "2017-11-04", None)], None),
    ("一零六年十一月四日", [("一零六年十一月四日", "2017-11-04", None)], None),
    ("一O六年十一月四日", [("一O六年十一月四日", "2017-11-04", None)], None),
    ("一一三年三月五日", [("一一三年三月五日", "2024-03-05", None)], None),
    ("○九八年一月五日", [("○九八年一月五日", "2009-01-05", None)], None),
    ("二〇一七年十一月四日", [("二〇一七年十一月四日", "2017-11-04", None)], None),
    ("二零一七年十月十日", [("二零一七年十月十日", "2017-10-10", None)], None),
    ("二○一七年十二月三十一日", [("二○一七年十二月三十一日", "2017-12-31", None)], None),
    ("一百零六年十一月四日", [("一百零六年十一月四日", "2017-11-04", None)], None),
    ("一百一十三年三月五日", [("一百一十三年三月五日", "2024-03-05", None)], None),
    ("一百十三年三月五日", [("一百十三年三月五日", "2024-03-05", None)], None),
    ("九十八年十二月三十一日", [("九十八年十二月三十一日", "2009-12-31", None)], None),
    ("一百零六年十月二十日", [("一百零六年十月二十日", "2017-10-20", None)], None),
    ("一百零六年十二月三十一日", [("一百零六年十二月三十一日", "2017-12-31", None)], None),
    ("一百零六年一月二十九日", [("一百零六年一月二十九日", "2017-01-29", None)], None),
    ("一百零六年二月廿八日", [("一百零六年二月廿八日", "2017-02-28", None)], None),
    ("民國一百零六年十一月四日", [("民國一百零六年十一月四日", "2017-11-04", None)], None),
    ("中華民國一百十年十月十日", [("中華民國一百十年十月十日", "2021-10-10", None)], None),
    ("民國九年十月十日", [("民國九年十月十日", "1920-10-10", None)], None),
    ("106年十一月四日", [("106年十一月四日", "2017-11-04", None)], None),
    ("今年十一月五日", [], "no year written"),
    ("一年一度的大會", [], None),
]

WEEKDAYS: list[tuple[str, Expected, str | None]] = [
    ("106年11月6日(一)", [("106年11月6日(一)", "2017-11-06", None)], None),
    ("106年11月4日（星期六）", [("106年11月4日（星期六）", "2017-11-04", None)], None),
    ("106年11月8日(週三)", [("106年11月8日(週三)", "2017-11-08", None)], None),
    ("106年11月7日(周二)", [("106年11月7日(周二)", "2017-11-07", None)], None),
    ("106年11月5日(日)", [("106年11月5日(日)", "2017-11-05", None)], None),
    ("106年11月5日（星期天）", [("106年11月5日（星期天）", "2017-11-05", None)], None),
    ("106年11月6日星期一", [("106年11月6日星期一", "2017-11-06", None)], None),
    ("106年11月6日 (一) 上午", [("106年11月6日 (一)", "2017-11-06", None)], None),
    ("2017/11/6 (Mon)", [("2017/11/6 (Mon)", "2017-11-06", None)], None),
    ("2017-11-06(Monday)", [("2017-11-06(Monday)", "2017-11-06", None)], None),
    ("2017.11.07 (Tue.)", [("2017.11.07 (Tue.)", "2017-11-07", None)], None),
    ("2017/11/9 (THU)", [("2017/11/9 (THU)", "2017-11-09", None)], None),
    ("106.11.05（星期日）", [("106.11.05（星期日）", "2017-11-05", None)], None),
    ("107年1月24日(三)", [("107年1月24日(三)", "2018-01-24", None)], None),
    (
        "106年11月4日(一)",
        [("106年11月4日(一)", "2017-11-04", None)],
        "2017-11-04 is a Saturday, not a Monday",
    ),
    ("106年11月4日(備註)", [("106年11月4日", "2017-11-04", None)], None),
]

RANGES: list[tuple[str, Expected, str | None]] = [
    (
        "106年11月4日至106年11月9日",
        [("106年11月4日至106年11月9日", "2017-11-04", "2017-11-09")],
        None,
    ),
    (
        "106年11月4日到106年11月9日",
        [("106年11月4日到106年11月9日", "2017-11-04", "2017-11-09")],
        None,
    ),
    (
        "106年11月4日~106年11月9日",
        [("106年11月4日~106年11月9日", "2017-11-04", "2017-11-09")],
        None,
    ),
    ("106年11月4日～11月9日", [("106年11月4日～11月9日", "2017-11-04", "2017-11-09")], None),
    ("106年11月4日〜9日", [("106年11月4日〜9日", "2017-11-04", "2017-11-09")], None),
    ("106年11月4日-11月9日", [("106年11月4日-11月9日", "2017-11-04", "2017-11-09")], None),
    ("106年11月4日–11月9日", [("106年11月4日–11月9日", "2017-11-04", "2017-11-09")], None),
    ("106年11月4日—11月9日", [("106年11月4日—11月9日", "2017-11-04", "2017-11-09")], None),
    (
        "106年11月4日 至 106年11月9日",
        [("106年11月4日 至 106年11月9日", "2017-11-04", "2017-11-09")],
        None,
    ),
    (
        "自106年11月4日起至11月9日止",
        [("106年11月4日起至11月9日止", "2017-11-04", "2017-11-09")],
        None,
    ),
    ("106年11月4日至9日止", [("106年11月4日至9日止", "2017-11-04", "2017-11-09")], None),
    ("106年11月4日起至9日", [("106年11月4日起至9日", "2017-11-04", "2017-11-09")], None),
    ("113年3月5日至9日", [("113年3月5日至9日", "2024-03-05", "2024-03-09")], None),
    ("中華民國113年3月5日至9日", [("中華民國113年3月5日至9日", "2024-03-05", "2024-03-09")], None),
    ("106年11月4日至12月2日", [("106年11月4日至12月2日", "2017-11-04", "2017-12-02")], None),
    ("112年12月28日至1月3日", [("112年12月28日至1月3日", "2023-12-28", "2024-01-03")], None),
    ("106年3月30日至4月2日", [("106年3月30日至4月2日", "2017-03-30", "2017-04-02")], None),
    ("106年3月30日至2日", [("106年3月30日至2日", "2017-03-30", "2017-04-02")], None),
    ("106年11月4日至11月4日", [("106年11月4日至11月4日", "2017-11-04", "2017-11-04")], None),
    (
        "民國106年11月4日至民國106年11月9日",
        [("民國106年11月4日至民國106年11月9日", "2017-11-04", "2017-11-09")],
        None,
    ),
    (
        "2017年11月5日至8日由可倫坡市政府",
        [("2017年11月5日至8日", "2017-11-05", "2017-11-08")],
        None,
    ),
    (
        "2017年12月30日至2018年1月2日",
        [("2017年12月30日至2018年1月2日", "2017-12-30", "2018-01-02")],
        None,
    ),
    (
        "一百零六年十一月四日至九日",
        [("一百零六年十一月四日至九日", "2017-11-04", "2017-11-09")],
        None,
    ),
    (
        "106年11月4日(六)至11月9日(四)",
        [("106年11月4日(六)至11月9日(四)", "2017-11-04", "2017-11-09")],
        None,
    ),
    ("106.11.04-106.11.09", [("106.11.04-106.11.09", "2017-11-04", "2017-11-09")], None),
    ("106/11/04~106/11/09", [("106/11/04~106/11/09", "2017-11-04", "2017-11-09")], None),
    ("2017-11-04 - 2017-11-09", [("2017-11-04 - 2017-11-09", "2017-11-04", "2017-11-09")], None),
    ("2017-11-04至2017-11-09", [("2017-11-04至2017-11-09", "2017-11-04", "2017-11-09")], None),
    ("106.11.04~11.09", [("106.11.04~11.09", "2017-11-04", "2017-11-09")], None),
    ("106/11/4-9", [("106/11/4-9", "2017-11-04", "2017-11-09")], None),
    ("2017/12/28–2018/1/3", [("2017/12/28–2018/1/3", "2017-12-28", "2018-01-03")], None),
    ("106年11月9日至106年11月4日", [("106年11月9日", "2017-11-09", None)], "before it starts"),
    ("106年2月1日至2月30日", [("106年2月1日", "2017-02-01", None)], "February 2017 has no day 30"),
    ("106.11.04-11/09", [("106.11.04", "2017-11-04", None)], None),
]

WITHOUT_YEAR: list[tuple[str, Expected, str | None]] = [
    (
        "出國期間：106年11月4日至106年11月9日。11月5日上午開會",
        [
            ("106年11月4日至106年11月9日", "2017-11-04", "2017-11-09"),
            ("11月5日", "2017-11-05", None),
        ],
        None,
    ),
    (
        "106年11月4日出發。5/8(一)另有會議",
        [("106年11月4日", "2017-11-04", None), ("5/8(一)", "2017-05-08", None)],
        None,
    ),
    (
        "2017年11月4日出發，11/5(日)開會",
        [("2017年11月4日", "2017-11-04", None), ("11/5(日)", "2017-11-05", None)],
        None,
    ),
    (
        "106年11月4日出發\n11/6\t參訪市政府",
        [("106年11月4日", "2017-11-04", None), ("11/6", "2017-11-06", None)],
        None,
    ),
    (
        "106年11月4日出發\n日期：11/6",
        [("106年11月4日", "2017-11-04", None), ("11/6", "2017-11-06", None)],
        None,
    ),
    (
        "106年12月28日出發，1月3日返國",
        [("106年12月28日", "2017-12-28", None), ("1月3日", "2018-01-03", None)],
        None,
    ),
    (
        "106年11月4日出發\n11/5-11/7 參訪",
        [("106年11月4日", "2017-11-04", None), ("11/5-11/7", "2017-11-05", "2017-11-07")],
        None,
    ),
    (
        "106年11月4日出發，11月5日至8日開會",
        [("106年11月4日", "2017-11-04", None), ("11月5日至8日", "2017-11-05", "2017-11-08")],
        None,
    ),
    (
        "106年11月4日出發，5/8(一)至5/12(五)",
        [("106年11月4日", "2017-11-04", None), ("5/8(一)至5/12(五)", "2017-05-08", "2017-05-12")],
        None,
    ),
    (
        "106年11月4日 十一月五日",
        [("106年11月4日", "2017-11-04", None), ("十一月五日", "2017-11-05", None)],
        None,
    ),
    (
        "11月5日開會，出國期間106年11月4日至9日",
        [("11月5日", "2017-11-05", None), ("106年11月4日至9日", "2017-11-04", "2017-11-09")],
        None,
    ),
    ("11月5日至106年11月9日", [("11月5日至106年11月9日", "2017-11-05", "2017-11-09")], None),
    (
        "106年11月4日出發，11.5(日)開會",
        [("106年11月4日", "2017-11-04", None), ("11.5(日)", "2017-11-05", None)],
        None,
    ),
    ("106年11月4日出發，開會11.5", [("106年11月4日", "2017-11-04", None)], None),
    (
        "111/5/21～111/5/22\t回程（5/22返抵國門）",
        [("111/5/21～111/5/22", "2022-05-21", "2022-05-22"), ("5/22", "2022-05-22", None)],
        None,
    ),
    (
        "106年11月4日出發。第一天（11月4日，星期六）",
        [("106年11月4日", "2017-11-04", None), ("11月4日", "2017-11-04", None)],
        None,
    ),
    ("106年11月4日出發，約1/2的經費", [("106年11月4日", "2017-11-04", None)], None),
    ("11月5日開會", [], "11月5日: no year written"),
    ("5/8(一)", [], "5/8(一): no year written"),
    ("5/8(一)至5/12(五)", [], "5/8(一)至5/12(五): no year written"),
    (
        "106年11月4日出發，5月8日另有會議",
        [("106年11月4日", "2017-11-04", None), ("5月8日", "2017-05-08", None)],
        "5月8日: no year written; assumed 2017",
    ),
]

NOT_DATES: list[tuple[str, Expected, str | None]] = [
    ("聯絡人：任珮諤 電話：04-22289111分機11414", [], None),
    ("(02)2345-6789轉123", [], None),
    ("02-2345-6789", [], None),
    ("0912-345-678", [], None),
    ("目前擁有87個正會員", [], None),
    ("目前有 138 個會員", [], None),
    ("第35屆執委會", [], None),
    ("第 35 及 36 屆執委會會議", [], None),
    ("新臺幣1,200元", [], None),
    ("府授秘外字第1070012345號", [], None),
    ("2.1 研究方法", [], None),
    ("3.2.1 設備檢查", [], None),
    ("10.2.1 測試程序", [], None),
    ("12.3.1 附錄", [], None),
    ("下午14:30開會", [], None),
    ("2018年舉辦世界花卉博覽會", [], None),
    ("2018-2021主席/副主席", [], None),
    ("106年11月", [], None),
    ("106年11月至12月", [], None),
    ("3.5公尺", [], None),
    ("1.5-2.5公尺", [], None),
    ("192.168.1.1", [], None),
    ("Python 3.11.2", [], None),
    ("v106.11.04", [], None),
    ("4年1度之大會", [], None),
    ("ISO 9001:2015", [], None),
    ("2017城市聯絡網30周年大會", [], None),
    ("成立於 1987 年", [], None),
    ("每 4 年召開一次", [], None),
    ("106/13/01", [], None),
    ("106.00.12", [], None),
    ("比例為1/2", [], None),
    ("", [], None),
]

IMPOSSIBLE: list[tuple[str, Expected, str | None]] = [
    ("106年2月30日", [], "106年2月30日: February 2017 has no day 30"),
    ("106年13月5日", [], "106年13月5日: there is no month 13"),
    ("88年2月29日", [], "88年2月29日: February 1999 has no day 29"),
    ("106年0月5日", [], "106年0月5日: there is no month 0"),
    ("106年4月31日", [], "April 2017 has no day 31"),
    ("106年1月0日", [], "January 2017 has no day 0"),
    ("189年2月29日", [], "February 2100 has no day 29"),
    ("109年2月29日", [("109年2月29日", "2020-02-29", None)], None),
    ("89年2月29日", [("89年2月29日", "2000-02-29", None)], None),
    ("一百零六年二月三十日", [], "February 2017 has no day 30"),
    ("106.02.30", [], "106.02.30: February 2017 has no day 30"),
    ("2017/02/29", [], "February 2017 has no day 29"),
    ("日期：1060230", [], "1060230: February 2017 has no day 30"),
    ("300年1月1日", [], "300年1月1日: year 300 is neither"),
    ("西元206年1月1日", [], "year 206 is neither"),
    ("2月30日", [], "2月30日: February has no day 30"),
    ("13月5日", [], "13月5日: there is no month 13"),
    ("106年2月30日至3月2日", [], "February 2017 has no day 30"),
    ("106年2月28日、106年2月30日", [("106年2月28日", "2017-02-28", None)], "106年2月30日"),
]

MIXED: list[tuple[str, Expected, str | None]] = [
    (
        "報告日期：107年1月24日\n出國期間：106年11月4日至106年11月9日",
        [
            ("107年1月24日", "2018-01-24", None),
            ("106年11月4日至106年11月9日", "2017-11-04", "2017-11-09"),
        ],
        None,
    ),
    ("106年11月4日、5日", [("106年11月4日", "2017-11-04", None)], None),
    (
        "2017年11月5日與106.11.06",
        [("2017年11月5日", "2017-11-05", None), ("106.11.06", "2017-11-06", None)],
        None,
    ),
    (
        "出國期間：106年11月4日至106年11月9日\t出國地區：斯里蘭卡\n報告日期：107年1月24日",
        [
            ("106年11月4日至106年11月9日", "2017-11-04", "2017-11-09"),
            ("107年1月24日", "2018-01-24", None),
        ],
        None,
    ),
    (
        "會議時間：2023年5月28日至6月1日，會議地點：羅馬",
        [("2023年5月28日至6月1日", "2023-05-28", "2023-06-01")],
        None,
    ),
    (
        "訓練期間自民國108年3月4日起至108年3月29日止，共4週。",
        [("民國108年3月4日起至108年3月29日止", "2019-03-04", "2019-03-29")],
        None,
    ),
]

TABLE = (
    ROC_AND_GREGORIAN_YEARS
    + SPACES_AND_WIDTH
    + SEPARATORS
    + COMPACT
    + CHINESE_NUMERALS
    + WEEKDAYS
    + RANGES
    + WITHOUT_YEAR
    + NOT_DATES
    + IMPOSSIBLE
    + MIXED
)


def _as_rows(scan: DateScan) -> Expected:
    return [
        (m.text, m.date.isoformat(), m.end_date.isoformat() if m.end_date else None)
        for m in scan.mentions
    ]


@pytest.mark.parametrize(("text", "expected", "warning"), TABLE, ids=[row[0] for row in TABLE])
def test_dates_table(text: str, expected: Expected, warning: str | None) -> None:
    scan = scan_dates(text)
    assert _as_rows(scan) == expected
    if warning is None:
        assert scan.warnings == []
    else:
        assert any(warning in message for message in scan.warnings), scan.warnings
    for mention in scan.mentions:
        assert text[mention.start : mention.end] == mention.text
    assert find_dates(text) == scan.mentions


def test_dates_table_is_large() -> None:
    assert len(TABLE) >= 150


# ---------------------------------------------------------------------------
# Dates without a year, resolved from a period or default year
# ---------------------------------------------------------------------------

NOV_2017 = (date(2017, 11, 4), date(2017, 11, 9))
NEW_YEAR_2024 = (date(2023, 12, 28), date(2024, 1, 3))

PERIOD_TABLE: list[tuple[str, tuple[date, date] | None, int | None, Expected, str | None]] = [
    ("5/8(一)", NOV_2017, None, [("5/8(一)", "2017-05-08", None)], None),
    ("11月5日", NOV_2017, None, [("11月5日", "2017-11-05", None)], None),
    ("11/5", NOV_2017, None, [("11/5", "2017-11-05", None)], None),
    ("1月24日", NOV_2017, None, [("1月24日", "2018-01-24", None)], None),
    ("5月8日", NOV_2017, None, [("5月8日", "2017-05-08", None)], "5月8日: no year written"),
    ("1/2\t返國", NEW_YEAR_2024, None, [("1/2", "2024-01-02", None)], None),
    ("12/30\t參訪", NEW_YEAR_2024, None, [("12/30", "2023-12-30", None)], None),
    ("6月15日", NEW_YEAR_2024, None, [("6月15日", "2024-06-15", None)], "6月15日"),
    (
        "12月28日至1月3日",
        (date(2023, 12, 27), date(2024, 1, 4)),
        None,
        [("12月28日至1月3日", "2023-12-28", "2024-01-03")],
        None,
    ),
    (
        "5/8(一)至5/12(五)",
        (date(2017, 5, 1), date(2017, 5, 31)),
        None,
        [("5/8(一)至5/12(五)", "2017-05-08", "2017-05-12")],
        None,
    ),
    (
        "2月29日",
        (date(2020, 2, 1), date(2020, 3, 1)),
        None,
        [("2月29日", "2020-02-29", None)],
        None,
    ),
    ("2月29日", NOV_2017, None, [], "February 2018 has no day 29"),
    ("11月5日", None, 2017, [("11月5日", "2017-11-05", None)], None),
    ("1月3日", None, 2024, [("1月3日", "2024-01-03", None)], None),
    ("11月5日", None, None, [], "no year written"),
    (
        "106年11月4日 3月5日",
        (date(2024, 3, 1), date(2024, 3, 10)),
        None,
        [("106年11月4日", "2017-11-04", None), ("3月5日", "2024-03-05", None)],
        None,
    ),
    ("11月9日至11月4日", NOV_2017, None, [("11月9日", "2017-11-09", None)], "before it starts"),
    ("3月5日", (date(2024, 3, 10), date(2024, 3, 1)), None, [("3月5日", "2024-03-05", None)], None),
]


@pytest.mark.parametrize(
    ("text", "period", "default_year", "expected", "warning"),
    PERIOD_TABLE,
    ids=[f"{row[0]}@{row[1] or row[2]}" for row in PERIOD_TABLE],
)
def test_dates_without_year_resolve_from_period(
    text: str,
    period: tuple[date, date] | None,
    default_year: int | None,
    expected: Expected,
    warning: str | None,
) -> None:
    scan = scan_dates(text, period=period, default_year=default_year)
    assert _as_rows(scan) == expected
    if warning is None:
        assert scan.warnings == []
    else:
        assert any(warning in message for message in scan.warnings), scan.warnings


def test_dates_period_overrides_first_full_date() -> None:
    text = "106年11月4日出發，3月5日返國"
    assert _as_rows(scan_dates(text))[1] == ("3月5日", "2018-03-05", None)
    scan = scan_dates(text, period=(date(2024, 3, 1), date(2024, 3, 10)))
    assert _as_rows(scan)[1] == ("3月5日", "2024-03-05", None)


def test_dates_weekday_picks_the_year() -> None:
    # 5/8 is a Monday in 2017 and a Tuesday in 2018: the weekday decides.
    period = (date(2017, 11, 4), date(2017, 11, 9))
    assert scan_dates("5/8(一)", period=period).mentions[0].date == date(2017, 5, 8)
    assert scan_dates("5/8(二)", period=period).mentions[0].date == date(2018, 5, 8)


# ---------------------------------------------------------------------------
# parse_date / parse_period
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("107年1月24日", date(2018, 1, 24)),
        ("1070124", date(2018, 1, 24)),
        ("2018/01/24", date(2018, 1, 24)),
        (" 107年1月24日（三） ", date(2018, 1, 24)),
        ("107.01.24", date(2018, 1, 24)),
        ("中華民國107年1月24日", date(2018, 1, 24)),
        ("一百零七年一月二十四日", date(2018, 1, 24)),
        ("２０１８－０１－２４", date(2018, 1, 24)),
        ("", None),
        ("無", None),
        ("107年1月24日至1月30日", None),
        ("107年2月30日", None),
        ("1月24日", None),
        ("107年1月24日、107年1月25日", None),
        ("107年1月", None),
    ],
)
def test_dates_parse_date(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("106年11月4日至106年11月9日", (date(2017, 11, 4), date(2017, 11, 9))),
        ("1061104至1061109", (date(2017, 11, 4), date(2017, 11, 9))),
        ("113年3月5日至9日", (date(2024, 3, 5), date(2024, 3, 9))),
        ("112年12月28日至1月3日", (date(2023, 12, 28), date(2024, 1, 3))),
        ("自106年11月4日起至11月9日止", (date(2017, 11, 4), date(2017, 11, 9))),
        ("106.11.04-106.11.09", (date(2017, 11, 4), date(2017, 11, 9))),
        ("1041104日至1109", (date(2015, 11, 4), date(2015, 11, 9))),
        ("106年11月4日至106年11月9日（共6天）", (date(2017, 11, 4), date(2017, 11, 9))),
        ("自106年11月4日起，至106年11月9日止", (date(2017, 11, 4), date(2017, 11, 9))),
        ("106年11月4日", (date(2017, 11, 4), date(2017, 11, 4))),
        ("共6天", None),
        ("", None),
        ("106年11月9日至106年11月4日", None),
        ("106年11月9日，106年11月4日", None),
        ("106年2月30日至3月2日", None),
    ],
)
def test_dates_parse_period(value: str, expected: tuple[date, date] | None) -> None:
    assert parse_period(value) == expected


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
CN_DIGITS = "〇一二三四五六七八九"
CN_WEEKDAYS = "一二三四五六日"
EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _cn_digits(number: int, zero: str = "〇") -> str:
    """Digit-style Chinese numerals: 106 -> 一〇六."""
    return "".join(CN_DIGITS[int(ch)] for ch in str(number)).replace("〇", zero)


def _cn_reading(number: int) -> str:
    """Reading-style Chinese numerals: 106 -> 一百零六, 13 -> 十三, 113 -> 一百一十三."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    out = ""
    if hundreds:
        out += CN_DIGITS[hundreds] + "百"
        if tens == 0 and units:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else CN_DIGITS[tens]) + "十"
    if units:
        out += CN_DIGITS[units]
    return out


def _roc(day: date) -> int:
    return day.year - 1911


# Each renderer writes a date the way some report does, inside a little context.
RENDERERS = {
    "roc": lambda d: f"{_roc(d)}年{d.month}月{d.day}日",
    "roc_padded": lambda d: f"{_roc(d):03d}年{d.month:02d}月{d.day:02d}日",
    "minguo": lambda d: f"民國{_roc(d)}年{d.month}月{d.day}日",
    "zhonghua_minguo": lambda d: f"中華民國{_roc(d)}年{d.month}月{d.day}日",
    "gregorian": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "xiyuan": lambda d: f"西元{d.year}年{d.month}月{d.day}日",
    "spaced": lambda d: f"{_roc(d)} 年 {d.month} 月 {d.day} 日",
    "full_width": lambda d: f"{_roc(d)}年{d.month}月{d.day}日".translate(FULL_WIDTH),
    "cn_digit_year": lambda d: (
        f"{_cn_digits(_roc(d))}年{_cn_reading(d.month)}月{_cn_reading(d.day)}日"
    ),
    "cn_digit_year_circle": lambda d: (
        f"{_cn_digits(_roc(d), '○')}年{_cn_reading(d.month)}月{_cn_reading(d.day)}日"
    ),
    "cn_reading": lambda d: (
        f"{_cn_reading(_roc(d))}年{_cn_reading(d.month)}月{_cn_reading(d.day)}日"
    ),
    "cn_gregorian": lambda d: (
        f"{_cn_digits(d.year, '零')}年{_cn_reading(d.month)}月{_cn_reading(d.day)}日"
    ),
    "roc_dot": lambda d: f"{_roc(d):03d}.{d.month:02d}.{d.day:02d}",
    "roc_slash": lambda d: f"{_roc(d):03d}/{d.month}/{d.day}",
    "roc_dash": lambda d: f"{_roc(d):03d}-{d.month:02d}-{d.day:02d}",
    "gregorian_dot": lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",
    "gregorian_slash": lambda d: f"{d.year}/{d.month}/{d.day}",
    "iso": lambda d: d.isoformat(),
    "weekday_cn": lambda d: f"{_roc(d)}年{d.month}月{d.day}日({CN_WEEKDAYS[d.weekday()]})",
    "weekday_xingqi": lambda d: (
        f"{_roc(d)}年{d.month}月{d.day}日（星期{CN_WEEKDAYS[d.weekday()]}）"
    ),
    "weekday_en": lambda d: f"{d.year}/{d.month}/{d.day} ({EN_WEEKDAYS[d.weekday()]})",
}

ROC_DATES = st.dates(min_value=date(1912, 1, 1), max_value=date(2061, 12, 31))


@settings(max_examples=60)
@given(day=ROC_DATES, renderer=st.sampled_from(sorted(RENDERERS)))
def test_dates_render_then_find_roundtrips(day: date, renderer: str) -> None:
    written = RENDERERS[renderer](day)
    text = f"本次會議於{written}舉行。"
    mentions = find_dates(text)
    assert len(mentions) == 1, (written, mentions)
    assert mentions[0].date == day
    assert mentions[0].end_date is None
    assert mentions[0].text == written


@settings(max_examples=60)
@given(day=ROC_DATES, label=st.sampled_from(["日期：", "報告日期: ", "\n", "行程\t"]))
def test_dates_compact_field_roundtrips(day: date, label: str) -> None:
    written = f"{_roc(day):03d}{day.month:02d}{day.day:02d}"
    mentions = find_dates(f"{label}{written}\t臺中")
    assert [(m.text, m.date) for m in mentions] == [(written, day)]


def _range_renderers(start: date, end: date) -> list[str]:
    """Every way this test writes the range start..end (end inherits what it can)."""
    y = _roc(start)
    head = f"{y}年{start.month}月{start.day}日"
    if (start.year, start.month) == (end.year, end.month):
        inherit = f"{head}至{end.day}日"
    else:
        inherit = f"{head}至{end.month}月{end.day}日"

    def compact(d: date) -> str:
        return f"{_roc(d):03d}{d.month:02d}{d.day:02d}"

    def dotted(d: date) -> str:
        return f"{_roc(d):03d}.{d.month:02d}.{d.day:02d}"

    full_end = f"{_roc(end)}年{end.month}月{end.day}日"
    return [
        f"{head}至{full_end}",
        f"{head}到{full_end}",
        f"{head}～{full_end}",
        inherit,
        f"自{head}起至{full_end}止",
        f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日",
        f"{compact(start)}至{compact(end)}",
        f"{compact(start)}-{compact(end)}",
        f"{dotted(start)}-{dotted(end)}",
        f"{dotted(start)}~{dotted(end)}",
        f"{start.isoformat()} - {end.isoformat()}",
    ]


@settings(max_examples=60)
@given(
    start=st.dates(min_value=date(1912, 1, 1), max_value=date(2061, 1, 1)),
    length=st.integers(min_value=0, max_value=300),
    which=st.integers(min_value=0, max_value=10),
)
def test_dates_ranges_roundtrip(start: date, length: int, which: int) -> None:
    end = start + timedelta(days=length)
    written = _range_renderers(start, end)[which]
    mentions = find_dates(f"期間：{written}，共{length + 1}天")
    assert [(m.date, m.end_date) for m in mentions] == [(start, end)], written
    assert mentions[0].text == written.removeprefix("自")


DATEISH = st.text(
    alphabet="0123456789０１２３年月日號./-~至到起止自民國中華西元()（）一二三十百〇○O零廿卅"
    "星期週 \t\n:：",
    max_size=40,
)


@settings(max_examples=300)
@given(text=st.one_of(st.text(max_size=60), DATEISH))
def test_dates_never_raise_on_arbitrary_text(text: str) -> None:
    scan = scan_dates(text)
    assert find_dates(text) == scan.mentions
    for mention in scan.mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.end_date is None or mention.end_date >= mention.date
    assert [m.start for m in scan.mentions] == sorted(m.start for m in scan.mentions)
    parse_date(text)
    parse_period(text)


@settings(max_examples=100)
@given(
    text=DATEISH,
    period=st.tuples(ROC_DATES, ROC_DATES),
    default_year=st.one_of(st.none(), st.integers(min_value=-5, max_value=10000)),
)
def test_dates_never_raise_with_period_or_year(
    text: str, period: tuple[date, date], default_year: int | None
) -> None:
    scan_dates(text, period=period)
    scan_dates(text, default_year=default_year)
