"""reportnlp's spaCy pieces, registered by name so users can put them in their own pipelines.

- ``reportnlp.JiebaTokenizer.v1``: jieba with the traditional and domain dictionaries.
- ``reportnlp_gazetteer_ruler`` (factory names may not hold dots): gazetteer names and the rule-based finders of
  :mod:`reportnlp.ner.rules` as ``doc.ents`` (PERSON, ORG, GPE, LOC).
- ``reportnlp_officials``: titled people into ``doc._.officials``.

Entity spans may cut through a jieba word (可倫坡 inside 斯里蘭卡可倫坡), so the
ruler splits such tokens at the entity boundaries before setting ``doc.ents``.
"""

from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from reportnlp.ner.matches import Match
from reportnlp.ner.officials import find_officials
from reportnlp.ner.rules import find_entities
from reportnlp.text.segment import segment

if not Doc.has_extension("officials"):
    Doc.set_extension("officials", default=[])
if not Span.has_extension("normalized"):
    Span.set_extension("normalized", default=None)


class StatelessTokenizer:
    """What spaCy asks of a tokenizer it saves and loads, for one that has no state:
    its dictionaries come from ``models/``, not from the saved pipeline."""

    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: object) -> StatelessTokenizer:
        return self

    def to_disk(self, _path: object, **_: object) -> None:
        return None

    def from_disk(self, _path: object, **_: object) -> StatelessTokenizer:
        return self


class JiebaTokenizer(StatelessTokenizer):
    """Tokenise with reportnlp's jieba segmenter (whitespace kept as tokens)."""

    def __init__(self, vocab: object) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words = [word for word, _, _ in segment(text)] or [text]
        spaces = [False] * len(words)
        return Doc(self.vocab, words=words, spaces=spaces)


@registry.tokenizers("reportnlp.JiebaTokenizer.v1")
def create_jieba_tokenizer() -> object:
    """spaCy tokenizer factory for :class:`JiebaTokenizer`."""

    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab)

    return make


def _split_at(doc: Doc, boundaries: set[int]) -> None:
    ordered = sorted(boundaries)
    with doc.retokenize() as retokenizer:
        for token in doc:
            first = bisect.bisect_right(ordered, token.idx)
            last = bisect.bisect_left(ordered, token.idx + len(token))
            cuts = [b - token.idx for b in ordered[first:last]]
            if not cuts:
                continue
            pieces, last = [], 0
            for cut in [*cuts, len(token.text)]:
                pieces.append(token.text[last:cut])
                last = cut
            retokenizer.split(token, pieces, heads=[(token, i) for i in range(len(pieces))])


def set_entities(doc: Doc, matches: list[Match]) -> Doc:
    """Put character-span matches on ``doc.ents``, splitting tokens where needed."""
    _split_at(doc, {m.start for m in matches} | {m.end for m in matches})
    spans = []
    for match in matches:
        span = doc.char_span(match.start, match.end, label=match.label)
        if span is not None:
            span._.normalized = match.normalized
            spans.append(span)
    doc.ents = spans
    return doc


@Language.factory("reportnlp_gazetteer_ruler", assigns=["doc.ents"])
def create_gazetteer_ruler(nlp: Language, name: str) -> object:
    """Entities from the gazetteers in ``models/`` and the name rules."""

    def ruler(doc: Doc) -> Doc:
        known = tuple(doc.user_data.get("reportnlp.known_people", ()))
        return set_entities(doc, find_entities(doc.text, known))

    return ruler


@Language.factory("reportnlp_officials", requires=["doc.ents"], assigns=["doc._.officials"])
def create_officials(nlp: Language, name: str) -> object:
    """Titled people (name, title, organisation) from the entities."""

    def officials(doc: Doc) -> Doc:
        matches = [Match(e.start_char, e.end_char, e.label_, e._.normalized or e.text)
                   for e in doc.ents]
        doc._.officials = find_officials(doc.text, matches)
        return doc

    return officials
