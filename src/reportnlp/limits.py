"""How large an input reportnlp accepts, so that one huge file fails fast and clearly.

Both limits are read from the environment on each call, so a batch run or a test can
raise them without code: ``REPORTNLP_MAX_CHARS`` (characters of text, default 20 million:
a 500-page report with appendices is about 1 million) and ``REPORTNLP_MAX_PAGES`` (pages of
a PDF, default 5,000).
"""

from __future__ import annotations

import os

DEFAULT_MAX_CHARS = 20_000_000
DEFAULT_MAX_PAGES = 5_000


def _limit(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip().isdigit() and int(value) > 0 else default


def max_chars() -> int:
    """The most characters of text one input may hold."""
    return _limit("REPORTNLP_MAX_CHARS", DEFAULT_MAX_CHARS)


def max_pages() -> int:
    """The most pages one PDF may have."""
    return _limit("REPORTNLP_MAX_PAGES", DEFAULT_MAX_PAGES)
