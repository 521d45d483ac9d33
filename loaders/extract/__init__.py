"""The extractor: an ArticleRecord in, entities, policies, events, claims and sources out.

Typical use::

    from borderkg.loaders.extract import extract
    extraction = extract(record)          # cached extractor over the shipped vocabulary

or, with another vocabulary graph or a trained spaCy pipeline::

    extractor = Extractor(vocabulary=graph, settings=ExtractSettings(spacy_model="en_core_web_sm"))
    extraction = extractor.extract(record)

``borderkg.loaders.rdf`` turns the result into quads.
"""

from .model import (
    AnonymousSource,
    Claim,
    Entity,
    EventReport,
    Extraction,
    Mention,
    Policy,
    Quantity,
    Quotation,
    Span,
    TimeInfo,
)
from .nlp import MODEL_ENV, ExtractorConfigError
from .pipeline import Extractor, ExtractSettings, extract, get_extractor

__all__ = [
    "MODEL_ENV",
    "AnonymousSource",
    "Claim",
    "Entity",
    "EventReport",
    "ExtractSettings",
    "Extraction",
    "Extractor",
    "ExtractorConfigError",
    "Mention",
    "Policy",
    "Quantity",
    "Quotation",
    "Span",
    "TimeInfo",
    "extract",
    "get_extractor",
    "warm_up",
]
