"""Train the statistical NER on the corpus's ``train`` split and write it to ``models/ner``.

    python -m reportnlp.ner.train --out models/ner      (what ``make train`` runs)

Training data: every ``train`` report of ``corpora/splits.json`` (never an ``eval`` one),
normalised as the pipeline normalises it, with every occurrence of each gold entity form
marked (longest first, not overlapping). A development set is carved from ``train`` by a
fixed seed, a few reports per family, to choose the number of epochs; the model is then
trained again on the whole ``train`` split for that many epochs. The spaCy config lives in
:data:`CONFIG` and is saved with the model as ``models/ner/config.cfg``; seeds are fixed, so a
re-run on the same machine gives the same model.
"""

from __future__ import annotations

import argparse
import logging
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.training import Example

from reportnlp.model import ENTITY_LABELS

log = logging.getLogger(__name__)

# The tokenizer is reportnlp's character tokenizer (CJK characters one by one, Latin words
# whole) with jieba word positions as TAG and character bigrams as LEMMA; no vectors.
CONFIG = """
[paths]
train = null
dev = null

[system]
seed = 0
gpu_allocator = null

[nlp]
lang = "zh"
pipeline = ["ner"]
batch_size = 64

[nlp.tokenizer]
@tokenizers = "reportnlp.CharTokenizer.v1"
word_positions = true
bigrams = true

[components]

[components.ner]
factory = "ner"
moves = null
update_with_oracle_cut_size = 100
incorrect_spans_key = null

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[components.ner.model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 64
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "LEMMA", "TAG"]
rows = [3000, 500, 500, 200, 3000, 50]
include_static_vectors = false

[components.ner.model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 64
depth = 4
window_size = 1
maxout_pieces = 3

[training]
seed = ${system.seed}
dropout = 0.2
max_epochs = 30
patience = 6

[training.batcher]
@batchers = "spacy.batch_by_sequence.v1"
size = 8
get_length = null

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 0.00000001
learn_rate = 0.001

[reportnlp]
# Share of each family's train reports held out to choose the number of epochs.
dev_fraction = 0.2
# Longest stretch of text (characters, cut at line ends) in one training example.
chunk_chars = 300
"""



@dataclass(frozen=True)
class AnnotatedText:
    """One report's analysis text with its gold entity spans ``(start, end, label)``."""

    id: str
    family: str
    text: str
    spans: tuple[tuple[int, int, str], ...]


def entity_spans(text: str, entities: Iterable[dict[str, str]]) -> list[tuple[int, int, str]]:
    """Every occurrence of each entity form in ``text``, longest form first, not overlapping.

    A form that is a Latin word must stand as a whole word (``US`` is not marked in ``BUS``).
    """
    from reportnlp.ner.statistical import char_words

    boundaries, offset = {0}, 0
    for word in char_words(text):
        offset += len(word)
        boundaries.add(offset)
    labels: dict[str, str] = {}
    for entity in entities:
        if entity["label"] in ENTITY_LABELS and entity["text"].strip():
            labels.setdefault(entity["text"], entity["label"])
    taken = [False] * len(text)
    spans = []
    for form in sorted(labels, key=lambda f: (-len(f), f)):
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if start in boundaries and end in boundaries and not any(taken[start:end]):
                spans.append((start, end, labels[form]))
                for i in range(start, end):
                    taken[i] = True
            start = text.find(form, start + 1)
    return sorted(spans)


def annotate(report_id: str, family: str, raw_text: str,
             entities: Iterable[dict[str, str]]) -> AnnotatedText:
    """Normalise ``raw_text`` as the pipeline does and mark the gold entities in it.

    Gold forms are written as in the source, so they are found in the normalised text as
    written; the spans carry over to the analysis (traditional) text at the same offsets.
    """
    from reportnlp.io.raw import RawDocument
    from reportnlp.text.normalize import normalize

    normalised = normalize(RawDocument.from_text(raw_text))
    spans = entity_spans(normalised.text, entities)
    return AnnotatedText(report_id, family, normalised.analysis, tuple(spans))


def read_train_split(corpus: Path) -> list[AnnotatedText]:
    """The ``train`` reports of ``corpus`` (and only those), annotated, sorted by id."""
    from reportnlp.corpus import load_corpus

    return [annotate(r.id, r.family, r.path.read_text(encoding="utf-8"), r.gold["entities"])
            for r in load_corpus(corpus, split="train")]


def carve_dev(texts: Sequence[AnnotatedText], fraction: float,
              seed: int) -> tuple[list[AnnotatedText], list[AnnotatedText]]:
    """Hold out ``fraction`` of each family's reports (at least one when fraction > 0)."""
    if fraction <= 0:
        return list(texts), []
    rng = random.Random(seed)
    dev_ids: set[str] = set()
    for family in sorted({t.family for t in texts}):
        ids = sorted(t.id for t in texts if t.family == family)
        if len(ids) < 2:
            continue
        dev_ids.update(rng.sample(ids, max(1, round(len(ids) * fraction))))
    return ([t for t in texts if t.id not in dev_ids], [t for t in texts if t.id in dev_ids])


def chunks(text: AnnotatedText, max_chars: int) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """``text`` cut at line ends into pieces of at most ``max_chars`` (or one long line)."""
    pieces: list[tuple[int, int]] = []
    start = end = 0
    for line in text.text.splitlines(keepends=True):
        if end > start and end + len(line) - start > max_chars:
            pieces.append((start, end))
            start = end
        end += len(line)
    if end > start:
        pieces.append((start, end))
    out = []
    for begin, stop in pieces:
        piece = text.text[begin:stop]
        if piece.strip():
            out.append((piece, [(s - begin, e - begin, label) for s, e, label in text.spans
                                if begin <= s and e <= stop]))
    return out


def examples(nlp: Language, texts: Iterable[AnnotatedText], max_chars: int) -> list[Example]:
    """spaCy training examples, one per chunk; a span off the token grid is dropped."""
    out, dropped = [], 0
    for text in texts:
        for piece, spans in chunks(text, max_chars):
            doc = nlp.make_doc(piece)
            aligned = [s for s in spans if doc.char_span(s[0], s[1]) is not None]
            dropped += len(spans) - len(aligned)
            out.append(Example.from_dict(doc, {"entities": aligned}))
    if dropped:
        log.info("dropped %d gold spans that do not fall on token boundaries", dropped)
    return out


def build_nlp(config_text: str = CONFIG, overrides: dict[str, object] | None = None) -> Language:
    """A blank pipeline from ``config_text`` (the tokenizer and an untrained ``ner``)."""
    from spacy.util import load_model_from_config
    from thinc.api import Config

    import reportnlp.ner.statistical  # noqa: F401  (registers the character tokenizer)

    config = Config().from_str(config_text, overrides=overrides or {})
    return load_model_from_config(config, auto_fill=True, validate=True)


def _fit(nlp: Language, train: list[Example], dev: list[Example], epochs: int,
         patience: int | None) -> tuple[int, float | None]:
    """Train ``nlp`` in place; with ``dev``, keep the weights of the best epoch."""
    from spacy.util import registry

    settings = nlp.config["training"]
    resolved = registry.resolve({"optimizer": settings["optimizer"],
                                 "batcher": settings["batcher"]})
    optimizer, batcher = resolved["optimizer"], resolved["batcher"]
    rng = random.Random(settings["seed"])
    nlp.initialize(lambda: train, sgd=optimizer)
    best_epoch, best_score, best_weights = epochs, None, None
    for epoch in range(1, epochs + 1):
        started = time.perf_counter()
        order = list(train)
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for batch in batcher(order):
            nlp.update(batch, drop=settings["dropout"], sgd=optimizer, losses=losses)
        message = f"epoch {epoch:2d}  loss {losses.get('ner', 0.0):8.1f}"
        if dev:
            with nlp.use_params(optimizer.averages):
                scores = nlp.evaluate(dev)
            score = float(scores["ents_f"] or 0.0)
            message += (f"  dev P {scores['ents_p']:.3f} R {scores['ents_r']:.3f}"
                        f" F {score:.3f}")
            if best_score is None or score > best_score:
                best_epoch, best_score = epoch, score
                with nlp.use_params(optimizer.averages):
                    best_weights = nlp.get_pipe("ner").to_bytes()
        log.info("%s  (%.1fs)", message, time.perf_counter() - started)
        if dev and patience and epoch - best_epoch >= patience:
            log.info("no better dev F for %d epochs: stopping", patience)
            break
    if best_weights is None:
        with nlp.use_params(optimizer.averages):
            best_weights = nlp.get_pipe("ner").to_bytes()
    nlp.get_pipe("ner").from_bytes(best_weights)
    return best_epoch, best_score


def train_model(texts: Sequence[AnnotatedText], out: Path, *, config_text: str = CONFIG,
                overrides: dict[str, object] | None = None, final: bool = True) -> Language:
    """Train on ``texts`` and write the model to ``out``.

    With ``reportnlp.dev_fraction`` > 0, a dev set carved from ``texts`` chooses the number
    of epochs; with ``final``, the model is then trained again on every text for that many
    epochs (otherwise the best dev-epoch model is kept).
    """
    from spacy.util import fix_random_seed

    nlp = build_nlp(config_text, overrides)
    config = nlp.config
    seed = int(config["training"]["seed"])
    fraction = float(config["reportnlp"]["dev_fraction"])
    chunk_chars = int(config["reportnlp"]["chunk_chars"])
    epochs = int(config["training"]["max_epochs"])
    train_texts, dev_texts = carve_dev(texts, fraction, seed)
    log.info("%d training reports, %d dev reports (%s)", len(train_texts), len(dev_texts),
             ", ".join(t.id for t in dev_texts) or "none")
    fix_random_seed(seed)
    train = examples(nlp, train_texts, chunk_chars)
    dev = examples(nlp, dev_texts, chunk_chars)
    best_epoch, best_score = _fit(nlp, train, dev, epochs, config["training"]["patience"])
    if dev:
        log.info("best dev F %.3f at epoch %d", best_score or 0.0, best_epoch)
    if dev and final:
        log.info("training again on all %d reports for %d epochs", len(texts), best_epoch)
        fix_random_seed(seed)
        nlp = build_nlp(config_text, overrides)
        _fit(nlp, examples(nlp, texts, chunk_chars), [], best_epoch, None)
    nlp.meta.update({
        "name": "reportnlp_ner",
        "version": "1.0.0",
        "description": "reportnlp statistical NER (PERSON, ORG, GPE), character level, "
                       "trained on the train split of corpora/ by reportnlp.ner.train",
        "reportnlp": {"train_reports": [t.id for t in texts],
                      "dev_reports": [t.id for t in dev_texts],
                      "epochs": best_epoch if dev else epochs,
                      "dev_ents_f": best_score},
    })
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    log.info("wrote %s", out)
    return nlp


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m reportnlp.ner.train --out models/ner``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("models/ner"))
    parser.add_argument("--corpus", type=Path, default=Path("corpora"))
    parser.add_argument("--config", type=Path, default=None,
                        help="a spaCy config to train from instead of the built-in one")
    parser.add_argument("--no-final", action="store_true",
                        help="keep the best dev-epoch model instead of retraining on all")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    started = time.perf_counter()
    config_text = args.config.read_text(encoding="utf-8") if args.config else CONFIG
    texts = read_train_split(args.corpus)
    log.info("%d train reports, %d gold spans", len(texts), sum(len(t.spans) for t in texts))
    train_model(texts, args.out, config_text=config_text, final=not args.no_final)
    log.info("done in %.0fs", time.perf_counter() - started)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
