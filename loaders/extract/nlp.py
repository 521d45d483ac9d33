"""The spaCy pipeline: tokenizer and rule-based sentences by default, a trained one on request.

The default needs no model download: ``spacy.blank("en")`` and one component that starts a
new sentence after every line break (paragraphs and subheadings never share a sentence) and
after sentence-final punctuation, by the rule of spaCy's ``sentencizer`` but over the
token arrays rather than token objects (the same sentences at a fraction of the cost). A user with a trained pipeline installed (for example
``en_core_web_sm``) can switch it on with ``ExtractSettings(spacy_model=...)`` or the
``BORDERKG_SPACY_MODEL`` environment variable; its named entities then add unreviewed
places, organisations and laws the vocabulary lacks.
"""

from __future__ import annotations

import itertools
import os
import re
import threading

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from .model import Span

#: Environment variable naming a trained spaCy pipeline for open-class entity discovery.
MODEL_ENV = "BORDERKG_SPACY_MODEL"

_LOCK = threading.Lock()
_PIPELINES: dict[str, Language] = {}


class ExtractorConfigError(RuntimeError):
    """The extractor was configured with something that is not available."""


@Language.component("borderkg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence at the first token after any line break."""
    spaces = doc.to_array(IS_SPACE).tolist()
    for i, is_space in enumerate(spaces):
        if is_space and i + 1 < len(spaces) and not spaces[i + 1] and "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


_PUNCT_CHARS = frozenset(Sentencizer.default_punct_chars)


@Language.component("borderkg_sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence starts after line breaks and after sentence-final punctuation.

    The punctuation rule is spaCy's ``Sentencizer``: a sentence ends at a token that is one
    of its final punctuation characters, together with the punctuation right after it (a
    closing quote or bracket), and the next token starts a new one.
    """
    n = len(doc)
    if not n:
        return doc
    strings = doc.vocab.strings
    final = {strings[c] for c in _PUNCT_CHARS}  # hashes: no string is looked up per token
    rows = doc.to_array([ORTH, IS_PUNCT, IS_SPACE]).tolist()
    starts = [-1] * n
    starts[0] = 1
    seen_period = False
    for i, (orth, is_punct, is_space) in enumerate(rows):
        ends = orth in final
        if seen_period and not is_punct and not ends:
            starts[i] = 1
            seen_period = False
        elif ends:
            seen_period = True
        if is_space and i + 1 < n and not rows[i + 1][2] and "\n" in strings[orth]:
            starts[i + 1] = 1
    doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64"))
    return doc


# spaCy's tokenizer strips affixes one at a time and rescans what is left, so a long run of
# characters with no space in it ("=====…", an encoded blob) costs time quadratic in its
# length; such runs are cut every ``_RUN`` characters before tokenizing.
_RUN = 64
_LONG_RUN = re.compile(rf"\S{{{2 * _RUN},}}")


def _cut(match: re.Match[str]) -> str:
    """The run with its every 64th character a space, each other character in its place."""
    run = match.group(0)
    return "".join(run[i : i + _RUN - 1] + " " for i in range(0, len(run), _RUN))[: len(run)]


def tokenizable(text: str) -> str:
    """``text`` with every run of 128 or more non-space characters broken by a space every
    64 characters: the same length and offsets, and no word of an article is that long."""
    return _LONG_RUN.sub(_cut, text) if len(text) >= 2 * _RUN else text


def model_from_env() -> str | None:
    """The trained pipeline named by ``BORDERKG_SPACY_MODEL``, if any."""
    value = os.environ.get(MODEL_ENV, "").strip()
    return value or None


def get_pipeline(model: str | None = None) -> Language:
    """The (cached) pipeline: blank English with rule sentences, or the named trained one."""
    key = model or ""
    with _LOCK:
        nlp = _PIPELINES.get(key)
        if nlp is None:
            nlp = _build(model)
            _PIPELINES[key] = nlp
    return nlp


def _build(model: str | None) -> Language:
    if not model:
        nlp = spacy.blank("en")
        nlp.add_pipe("borderkg_sentences")
        return nlp
    try:
        nlp = spacy.load(model, exclude=["lemmatizer", "textcat"])
    except OSError as exc:
        raise ExtractorConfigError(
            f"the spaCy pipeline {model!r} is not installed, so open-class entity discovery "
            f"cannot run: install it (python -m spacy download {model}) or unset "
            f"{MODEL_ENV} / ExtractSettings.spacy_model to use the rule-based extractor"
        ) from exc
    if "ner" not in nlp.pipe_names:
        raise ExtractorConfigError(
            f"the spaCy pipeline {model!r} has no 'ner' component, so it cannot discover entities"
        )
    nlp.add_pipe("borderkg_line_breaks", first=True)
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer")
    return nlp


_OPENING = "\"\u201c'\u2018"


def sentence_spans(doc: Doc, text: str) -> list[Span]:
    """Sentences as spans of ``text`` (the doc's text), without surrounding whitespace."""
    if not len(doc):
        return []
    array = doc.to_array([SENT_START, IDX])
    starts = [int(idx) for flag, idx in array.tolist() if flag == 1]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    bounds = [*starts, len(text)]
    # An opening quote after a full stop belongs to the next sentence: '… China. "They …'.
    for i in range(1, len(bounds) - 1):
        cut = bounds[i]
        j = cut - 1
        while j > bounds[i - 1] and text[j].isspace():
            j -= 1
        if text[j] in _OPENING and j > 0 and text[j - 1].isspace():
            bounds[i] = j
    out: list[Span] = []
    for begin, end in itertools.pairwise(bounds):
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if end > begin:
            out += _bounded(text, begin, end)
    return out


#: The longest sentence kept whole. The longest in the 1,124 articles of the sample corpus
#: and the held-out sets has 393 characters; text with no sentence-final punctuation (a table, a list, a scrape that lost
#: its full stops) would otherwise be one sentence over which the cues' work grows faster
#: than its length.
LONGEST_SENTENCE = 1000
_CLAUSE_END = re.compile(r"[;,:]\s")


def _bounded(text: str, begin: int, end: int) -> list[Span]:
    """The sentence ``begin:end`` cut into pieces of at most ``LONGEST_SENTENCE``
    characters, each after the last clause mark (else space) that keeps it in bounds."""
    out: list[Span] = []
    while end - begin > LONGEST_SENTENCE:
        limit = begin + LONGEST_SENTENCE
        marks = list(_CLAUSE_END.finditer(text, begin + LONGEST_SENTENCE // 2, limit))
        cut = marks[-1].start() + 1 if marks else text.rfind(" ", begin + 1, limit)
        if cut <= begin:
            cut = limit
        out.append(Span(begin, cut))
        begin = cut
        while begin < end and text[begin].isspace():
            begin += 1
    if end > begin:
        out.append(Span(begin, end))
    return out
