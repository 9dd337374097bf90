"""Canonical section kinds (shared/CONTRACT.md) from heading words and their synonyms."""

from __future__ import annotations

import re

# Checked in order: the first pattern found in the heading's title decides its kind.
_KIND_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("toc", r"^(?:目\s*次|目\s*錄|目\s*录|contents)$"),
        ("appendix", r"^(?:附\s*錄|附\s*录|附件)"),
        # A paper's abstract is the paper's, not the report's summary.
        ("other", r"論文|论文|paper(?! presentation)"),
        ("process", r"conference (?:summary|overview|activities)|presentation|technical visit"),
        ("impressions_recommendations", r"(?:心得|感想|觀察|观察).{0,4}(?:建議|建议)"),
        # 行程 with 紀要, 內容 or 概要 still names the itinerary; with 過程 or 經過, the process
        ("process", r"(?:行程|日程).{0,3}(?:過程|过程|經過|经过)"),
        ("itinerary", r"行程|日程|itinerary|schedule"),
        ("summary", r"摘\s*要|提\s*要|概要|summary|abstract"),
        ("members", r"人員|人员|名單|名单|成員|成员|團員|团员|代表團組成|代表团组成|members"),
        ("purpose", r"目的|緣起|缘起|背景|前言|緣由|缘由|動機|动机|緒論|绪论|導言|导言|purpose|introduction"),
        ("conclusion", r"^(?:結論|结论|結語|结语|總結|总结)"),
        ("recommendations", r"建議|建议|recommendation|suggestion"),
        ("impressions", r"心得|感想|觀察|观察|省思|啟示|启示|impression|reflection|observation"
                        r"|lessons? learned"),
        ("conclusion", r"結論|结论|結語|结语|總結|总结|conclusion"),
        ("appendix", r"附錄|附录|附件|攜回|携回|參考資料|参考资料|參考文獻|参考文献|appendix|reference"
                     r"|attachment"),
        ("process", r"過程|过程|經過|经过|紀要|纪要|紀實|纪实|實習|实习|內容|内容|議程|议程"
                    r"|會議|会议|考察|參訪|参访|研習|研习|研修|訓練|训练|拜會|拜会"
                    r"|process|proceedings"),
    )
)

# Unnumbered lines that are headings on their own (摘要, 目次, 附錄 …).
STANDALONE_HEADINGS = re.compile(
    r"^(?:(?:附\s*錄|附\s*录|附件)(?:[ \t：:、].{1,20})?|摘\s*要|內容摘要|提要|目\s*次|目\s*錄|目\s*录|前言|附\s*錄|附\s*录|附件|心得|建議|建议"
    r"|心得(?:及|與|与|和)建議|結論|结论|結語|结语|結論與建議|参考资料|參考資料|Abstract|ABSTRACT)$"
)


def section_kind(title: str) -> str:
    """The contract kind of a section whose heading title (numbering removed) is given."""
    lowered = title.strip().lower()
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(lowered):
            return kind
    return "other"
