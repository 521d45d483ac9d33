"""Helpers of the extractor tests: an invented text in, its extraction or policy pairs out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest

from borderkg.loaders.extract import Extraction, Extractor, get_extractor
from borderkg.loaders.extract.model import Policy
from borderkg.loaders.record import ArticleRecord

#: The publication date of the invented articles (relative dates resolve against it).
PUBLISHED = dt.date(2024, 6, 1)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """The extractor on the shipped vocabulary (built once per process)."""
    return get_extractor()


def extract(extractor: Extractor, text: str, published: dt.date = PUBLISHED) -> Extraction:
    """The extraction of ``text`` as one article."""
    record = ArticleRecord(text=text, source="t.txt", id="t", published=published)
    return extractor.extract(record)


def pairs(found: Iterable[Policy]) -> list[tuple[str, str]]:
    """(measure type, status) local names of policies, in order."""
    return [(p.measure_type.rsplit("/", 1)[-1], p.status.rsplit("/", 1)[-1]) for p in found]


def policies(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    """(measure type, status) of the policies found in ``text``."""
    return pairs(extract(extractor, text).policies)
