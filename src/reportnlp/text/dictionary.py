"""Build jieba's traditional-script dictionary from its bundled simplified-centred one.

jieba ships a dictionary made mostly of simplified words, so traditional text
segments poorly with it. Converting every entry with OpenCC (``s2tw``, Taiwan
character forms) and summing the frequencies of entries that become the same
word gives a dictionary with the same coverage in the script our reports use.
The build is deterministic: the same jieba and OpenCC give the same file.

Run ``python -m reportnlp.text.dictionary OUT`` (``make`` does it at setup).
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from pathlib import Path

log = logging.getLogger(__name__)


def jieba_dictionary_path() -> Path:
    """The dictionary file bundled with the installed jieba."""
    import jieba

    return Path(jieba.__file__).with_name("dict.txt")


def convert_dictionary(lines: list[str]) -> list[str]:
    """Convert ``word freq tag`` lines to traditional script, merging collisions.

    Words written with 台 are also entered with 臺 (and the reverse), since
    reports use both for the same names.
    """
    import opencc

    converter = opencc.OpenCC("s2tw")
    freq: Counter[str] = Counter()
    tags: dict[str, Counter[str]] = {}
    for line in lines:
        parts = line.split()
        if len(parts) < 2:
            continue
        word, count = converter.convert(parts[0]), int(parts[1])
        tag = parts[2] if len(parts) > 2 else "x"
        variants = {word, word.replace("台", "臺"), word.replace("臺", "台")}
        for variant in variants:
            freq[variant] += count
            tags.setdefault(variant, Counter())[tag] += count
    return [f"{w} {freq[w]} {tags[w].most_common(1)[0][0]}" for w in sorted(freq)]


def build(out: Path) -> Path:
    """Write the traditional dictionary to ``out`` and return it."""
    source = jieba_dictionary_path().read_text(encoding="utf-8").splitlines()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text("\n".join(convert_dictionary(source)) + "\n", encoding="utf-8")
    tmp.replace(out)
    log.info("wrote %s", out)
    return out


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    build(Path(sys.argv[1]))
