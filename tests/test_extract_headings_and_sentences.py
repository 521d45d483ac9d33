"""Subheadings that ask a question, and the sentence splitter behind every extraction.

A short question alone on its line heads a section like any other subheading: the reader
lists it and the extractor takes no measure, event or claim from it. The sentence component
gives the same sentences as spaCy's ``sentencizer`` after a line-break splitter, which it
replaces. Texts are invented for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from borderkg.loaders.extract import Extractor, get_extractor
from borderkg.loaders.extract.nlp import get_pipeline, sentence_spans
from borderkg.loaders.readers import clean_body
from borderkg.loaders.record import ArticleRecord

BODY = (
    "Guards in Hyesan have put up new floodlights along the river, a source said.\n\n"
    "Cameras to be installed next?\n\n"
    "Villagers have heard that cameras will follow in the spring.\n\n"
    "Why now?\n\n"
    "The source did not say why the lights went up this month."
)


def test_a_short_question_alone_on_its_line_is_a_subheading() -> None:
    cleaned = clean_body(BODY)
    assert cleaned.subheadings == ["Cameras to be installed next?", "Why now?"]
    assert "Cameras to be installed next?" in cleaned.text  # subheadings stay in the text


def test_a_long_question_or_a_quoted_one_is_body_text() -> None:
    body = (
        "Guards put up floodlights in Hyesan.\n\n"
        "Will the authorities also put up cameras on every post along the whole river?\n\n"
        "“Are they watching us?”\n\n"
        "Nobody knows, the source said."
    )
    assert clean_body(body).subheadings == []


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return get_extractor()


def test_a_question_subheading_gives_no_measure(extractor: Extractor) -> None:
    cleaned = clean_body(BODY)
    record = ArticleRecord(
        text=cleaned.text,
        source="t.txt",
        id="t",
        published=dt.date(2024, 6, 1),
        subheadings=cleaned.subheadings,
    )
    x = extractor.extract(record)
    heading = cleaned.text.index("Cameras to be installed next?")
    assert x.policies
    assert not any(e.begin == heading for p in x.policies for e in p.evidence)
    assert [p.status.rsplit("/", 1)[-1] for p in x.policies] == ["CarriedOut", "Rumoured"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "One line without an end",
        "First sentence. Second one! Third? Fourth",
        "He said: “Enough.” Then he left.\n\nNext paragraph (with a bracket.) And more.",
        "Heading\n\nBody text. More text.\nA line break here. ‘Quoted.’ End",
        "Dots... and dashes – then “a quote!” and (brackets?) end.",
    ],
)
def test_the_sentence_component_matches_the_spacy_sentencizer(text: str) -> None:
    reference = spacy.blank("en")
    reference.add_pipe("borderkg_line_breaks")
    reference.add_pipe("sentencizer")
    assert sentence_spans(get_pipeline(None)(text), text) == sentence_spans(reference(text), text)


def test_sentences_alone_are_those_the_extraction_cuts() -> None:
    """``Extractor.sentences`` (for scoring a second annotation) cuts as ``extract`` does."""
    from borderkg.loaders.readers import ReadError, ReadOptions, iter_records
    from borderkg.loaders.samples import sample_paths

    extractor = get_extractor()
    paths = [str(p) for p in sample_paths()]
    records = [r for r in iter_records(paths, ReadOptions()) if not isinstance(r, ReadError)]
    assert len(records) >= 30
    for record in records:
        assert extractor.sentences(record.text) == extractor.extract(record).sentences
