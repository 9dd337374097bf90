"""The spaCy pipeline reportnlp runs, built once per process."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """reportnlp's spaCy ``Language``: jieba tokenizer, gazetteer ruler, officials.

    Built once and cached; nothing is downloaded. Use it like any spaCy
    pipeline (``load_nlp()(text).ents``, ``displacy.render``).
    """
    import spacy

    import reportnlp.ner.components  # noqa: F401  (registers the factories)

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "reportnlp.JiebaTokenizer.v1"}}})
    nlp.add_pipe("reportnlp_gazetteer_ruler")
    nlp.add_pipe("reportnlp_officials")
    return nlp
