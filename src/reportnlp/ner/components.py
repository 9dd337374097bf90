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
    """Split the tokens a boundary falls inside, touching only those tokens (the offsets of all
    tokens come from one array, so a long document is not walked token by token)."""
    from spacy.attrs import IDX, LENGTH

    offsets = doc.to_array([IDX, LENGTH])
    starts = offsets[:, 0].tolist() if len(doc) else []
    cuts_by_token: dict[int, list[int]] = {}
    for boundary in sorted(boundaries):
        i = bisect.bisect_right(starts, boundary) - 1
        if i >= 0 and starts[i] < boundary < starts[i] + int(offsets[i, 1]):
            cuts_by_token.setdefault(i, []).append(boundary - starts[i])
    if not cuts_by_token:
        return
    with doc.retokenize() as retokenizer:
        for i, cuts in cuts_by_token.items():
            token = doc[i]
            pieces, last = [], 0
            for cut in [*cuts, len(token.text)]:
                pieces.append(token.text[last:cut])
                last = cut
            retokenizer.split(token, pieces, heads=[(token, k) for k in range(len(pieces))])


def set_entities(doc: Doc, matches: list[Match]) -> Doc:
    """Put character-span matches on ``doc.ents``, splitting tokens where needed."""
    _split_at(doc, {m.start for m in matches} | {m.end for m in matches})
    spans, kept = [], []
    for match in matches:
        span = doc.char_span(match.start, match.end, label=match.label)
        if span is not None:
            span._.normalized = match.normalized
            spans.append(span)
            kept.append(match)
    doc.ents = spans
    # The same entities as character spans: reading doc.ents back walks every token.
    doc.user_data[ENTITY_MATCHES] = kept
    return doc


ENTITY_MATCHES = "reportnlp.entity_matches"


def entity_matches(doc: Doc) -> list[Match]:
    """The entities set on ``doc`` as character-span matches, without walking its tokens."""
    if ENTITY_MATCHES in doc.user_data:
        return list(doc.user_data[ENTITY_MATCHES])
    return [Match(e.start_char, e.end_char, e.label_, e._.normalized or e.text) for e in doc.ents]


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
        doc._.officials = find_officials(doc.text, entity_matches(doc))
        return doc

    return officials
