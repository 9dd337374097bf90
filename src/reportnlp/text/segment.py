"""Word segmentation: jieba with the traditional dictionary and the domain dictionary.

One :class:`jieba.Tokenizer` per process, built from
``models/jieba/dict.hant.txt`` (jieba's dictionary in traditional script, see
:mod:`reportnlp.text.dictionary`) plus ``models/jieba/domain.txt`` and the
gazetteers' names, so agency and place names stay whole.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from reportnlp.resources import models_dir

log = logging.getLogger(__name__)

# Frequency given to domain and gazetteer words: high enough to win over splits.
DOMAIN_FREQUENCY = 50000


def traditional_dictionary() -> Path:
    """The traditional dictionary, built from jieba's own on first use if setup skipped it."""
    path = models_dir() / "jieba" / "dict.hant.txt"
    if not path.exists():
        from reportnlp.text.dictionary import build

        log.info("building %s from jieba's dictionary (one time)", path)
        build(path)
    return path


def domain_words() -> list[str]:
    """Words of the domain dictionary and every gazetteer form."""
    from reportnlp.ner.gazetteer import load_gazetteer

    domain = models_dir() / "jieba" / "domain.txt"
    words = [line.split()[0] for line in domain.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    words += [form for form in load_gazetteer().forms if not form.isascii()]
    return words


@lru_cache(maxsize=1)
def segmenter() -> object:
    """The process-wide jieba tokenizer (built once; jieba caches its prefix index)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer(dictionary=str(traditional_dictionary()))
    tokenizer.initialize()
    for word in domain_words():
        tokenizer.add_word(word, DOMAIN_FREQUENCY)
    return tokenizer


def segment(text: str) -> list[tuple[str, int, int]]:
    """Words of ``text`` as ``(word, start, end)``, covering the text without gaps."""
    return list(segmenter().tokenize(text, HMM=True))


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """Part-of-speech tag of every dictionary word (jieba's tag set: ns place, v verb …)."""
    tags = {}
    with traditional_dictionary().open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags
