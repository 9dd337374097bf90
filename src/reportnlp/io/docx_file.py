"""Read Word (.docx) reports with python-docx: paragraphs and tables in document order.

Table rows become tab-separated lines, the shape the rest of the pipeline reads
for 行程表 and 出國人員名單 tables; checkbox symbols Word stores as fonts
(Wingdings ☑ etc.) come through as the characters python-docx gives.
"""

from __future__ import annotations

import io

from reportnlp.errors import UnreadableFileError


def _cell_text(cell: object) -> str:
    return " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


def read_docx(data: bytes, path: str) -> str:
    """The document's text, body order kept: paragraphs, then table rows as tab lines.

    Raises:
        UnreadableFileError: the file is not a readable .docx (E108-like corruption: E103).
    """
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zipfile, KeyError, lxml errors for bad files
        raise UnreadableFileError("E103", path, reason=f"not a readable .docx ({exc})") from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells = []
                for cell in row.cells:  # merged cells repeat: keep each once
                    text = _cell_text(cell)
                    if not cells or cell._tc is not cells[-1][0]:
                        cells.append((cell._tc, text))
                lines.append("\t".join(text for _, text in cells))
            lines.append("")
    return "\n".join(lines)
