"""The spaCy pipeline reportnlp runs, built once per process."""

from __future__ import annotations

import os
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
    # The trained model in models/ner adds names the rules miss, when it helps (see
    # statistical.ENABLED_BY_DEFAULT); REPORTNLP_NO_STATISTICAL_NER=1 leaves it out, =0 puts it in.
    from reportnlp.ner.statistical import ENABLED_BY_DEFAULT, model_available

    switch = os.environ.get("REPORTNLP_NO_STATISTICAL_NER", "")
    if (switch == "0" or (switch == "" and ENABLED_BY_DEFAULT)) and model_available():
        nlp.add_pipe("reportnlp_statistical_ner")
    nlp.add_pipe("reportnlp_officials")
    return nlp
