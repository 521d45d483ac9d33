"""Helpers of the extractor tests: an invented text in, its extraction or policy pairs out."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

import pytest

from borderkg.loaders.extract import Extraction, Extractor, get_extractor
from borderkg.loaders.extract.model import Policy
from borderkg.loaders.readers import read_json
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import PLACE

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


def extract_json_body(extractor: Extractor, body: str, record_id: str = "t") -> Extraction:
    """The extraction of ``body`` read as the body of a JSON record (as the JSON reader reads
    it: a caption, footer boilerplate and the like are taken out as in any JSON article)."""
    raw = json.dumps(
        {"id": record_id, "headline": "T", "datePublished": PUBLISHED.isoformat(), "body": body}
    )
    record = next(iter(read_json(raw, f"{record_id}.json")))
    assert isinstance(record, ArticleRecord), record
    return extractor.extract(record)


def pairs(found: Iterable[Policy]) -> list[tuple[str, str]]:
    """(measure type, status) local names of policies, in order."""
    return [(p.measure_type.rsplit("/", 1)[-1], p.status.rsplit("/", 1)[-1]) for p in found]


def policies(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    """(measure type, status) of the policies found in ``text``."""
    return pairs(extract(extractor, text).policies)


def places_by_policy(extractor: Extractor, text: str) -> list[list[str]]:
    """The place local names of each policy found in ``text``, sorted within each policy."""
    return [
        sorted(iri.removeprefix(PLACE) for iri in policy.places)
        for policy in extract(extractor, text).policies
    ]


def roles_at(extractor: Extractor, text: str, words: str) -> tuple[set[str], set[str], set[str]]:
    """(issuers, implementers, targets) of the policy whose evidence holds ``words``."""
    found = extract(extractor, text)
    start = text.index(words)
    for policy in found.policies:
        if any(
            e.begin <= start < e.end or start <= e.begin < start + len(words)
            for e in policy.evidence
        ):
            return set(policy.issued_by), set(policy.implemented_by), set(policy.targets)
    raise AssertionError(
        f"no policy at {words!r}: {[(p.evidence, p.measure_type) for p in found.policies]}"
    )
