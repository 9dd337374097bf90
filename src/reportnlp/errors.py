"""Typed errors with coded messages that name the file and the reason.

A user who hits one can search its code (``E101``) in the README. Nothing else
escapes ``parse_file``: every failure of reading a file is one of these.
"""

from __future__ import annotations

from pathlib import Path

MESSAGES: dict[str, str] = {
    "E101": "{path}: file is empty (0 bytes)",
    "E102": "{path}: file does not exist",
    "E103": "{path}: cannot read file ({reason})",
    "E104": "{path}: unsupported file type '{suffix}' (expected .txt, .pdf, .docx or an image)",
    "E105": "{path}: text encoding not recognised (tried UTF-8, UTF-16, Big5/CP950, GB18030)",
    "E106": "{path}: contains no text",
    "E107": "{path}: does not look like a trip report ({reason})",
    "E108": "{path}: PDF is corrupt or truncated ({reason})",
    "E109": "{path}: PDF is encrypted and cannot be read without a password",
    "E110": "{path}: OCR unavailable ({reason})",
    "E111": "{path}: input too large: {chars} characters, more than the limit of {limit} "
            "(set REPORTNLP_MAX_CHARS to raise it)",
    "E112": "{path}: PDF too large: more than the limit of {limit} pages "
            "(set REPORTNLP_MAX_PAGES to raise it)",
    "E113": "{path}: unknown OCR engine '{engine}' (REPORTNLP_OCR_ENGINE or --ocr-engine: "
            "tesseract or rapidocr)",
    "E190": "{path}: internal error while parsing ({reason}); please report it with the file",
    # reportnlp batch: one input that failed, as written to the errors file
    "E201": "{path}: parsing took longer than the time limit of {seconds} s; "
            "the worker was stopped and replaced",
    "E202": "{path}: the worker process died while parsing ({reason})",
    "E203": "{path}: internal error while parsing ({reason})",
    "E204": "{path}: unsafe archive member name '{member}' (absolute or with '..'); not extracted",
    "E205": "{path}: archive limit exceeded ({reason})",
    "E206": "{path}: cannot read archive ({reason})",
    "E207": "{path}: same content as {first}; parsed once, as {first} (not an error: "
            "the record is there)",
    # reportnlp evaluate
    "E301": "{path}: the first-seen score of batch {batch} is recorded already and is never "
            "recomputed",
    "E302": "{path}: no annotated reports in batch {batch}",
    # reportnlp batch: the run itself cannot start
    "E211": "{path}: output and manifest disagree ({reason}); re-run with --force to start over",
    "E212": "{path}: already exists but has no batch manifest ({manifest}); "
            "use --force to overwrite it",
    "E213": "{path}: unsupported output type '{suffix}' (expected .jsonl, .parquet or .sqlite)",
    "E214": "{path}: {feature} needs the package '{package}' (pip install 'reportnlp[batch]')",
    "E215": "{path}: no such input (expected a folder, a glob, a .zip/.tar archive, "
            "a report file or @a-list-of-paths.txt)",
}


class ReportNLPError(Exception):
    """Base of every error reportnlp raises on purpose."""

    code: str = "E000"

    def __init__(self, code: str, path: str | Path | None = None, **values: object) -> None:
        self.code = code
        self.path = str(path) if path is not None else "<text>"
        self.values = values
        template = MESSAGES[code]
        super().__init__(f"[{code}] " + template.format(path=self.path, **values))

    @property
    def reason(self) -> str:
        """The message without its code, for errors files and logs."""
        return str(self).split("] ", 1)[1]


class InputError(ReportNLPError, ValueError):
    """The input was read but cannot be used (empty, not a report, bad encoding)."""


class UnreadableFileError(ReportNLPError, OSError):
    """The file could not be opened or decoded at all (missing, corrupt, encrypted)."""


class UnsupportedFormatError(ReportNLPError, ValueError):
    """The file's type is not one reportnlp reads."""


class CorpusError(ReportNLPError, ValueError):
    """The corpus cannot be scored as asked (a batch recorded twice, an empty batch)."""
