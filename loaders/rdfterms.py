"""The RDF terms an article's graph is written with, as N-Triples text.

A quad of ``loaders.rdf`` is one formatted line, so its IRIs are kept here in N-Triples form
(``<…>``) and literals are formatted by the helpers below, with no rdflib or pyoxigraph term
objects on the hot path of a load.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from borderkg.ontology.namespaces import (
    BKG,
    ELI,
    ITSRDF,
    NIF,
    REVIEW,
    SCHEMA,
    SEM,
    STATUS,
    TIMEPREC,
)


def nt_iri(iri: object) -> str:
    """An IRI in N-Triples form."""
    return f"<{iri}>"


RDF_TYPE = nt_iri(RDF.type)
XSD_DATE = nt_iri(XSD.date)
XSD_INTEGER = nt_iri(XSD.integer)
XSD_DECIMAL = nt_iri(XSD.decimal)
XSD_NNI = nt_iri(XSD.nonNegativeInteger)
XSD_ANYURI = nt_iri(XSD.anyURI)
TRUE = f'"true"^^{nt_iri(XSD.boolean)}'
PROV_DERIVED = nt_iri(PROV.wasDerivedFrom)
PROV_GENERATED = nt_iri(PROV.wasGeneratedBy)
PROV_ATTRIBUTED = nt_iri(PROV.wasAttributedTo)
RDFS_LABEL = nt_iri(RDFS.label)
SKOS_PREF = nt_iri(SKOS.prefLabel)
DCT_IDENTIFIER = nt_iri(DCTERMS.identifier)
SCHEMA_NEWS = nt_iri(SCHEMA.NewsArticle)
SCHEMA_PERSON = nt_iri(SCHEMA.Person)
SCHEMA_ORG = nt_iri(SCHEMA.Organization)
SCHEMA_QV = nt_iri(SCHEMA.QuantitativeValue)
SCHEMA_MONEY = nt_iri(SCHEMA.MonetaryAmount)
NIF_CONTEXT = nt_iri(NIF.Context)
NIF_SENTENCE = nt_iri(NIF.Sentence)
B = {name: nt_iri(BKG[name]) for name in BKG.__annotations__}
S = {
    name: nt_iri(SCHEMA[name])
    for name in [
        "headline",
        "datePublished",
        "url",
        "inLanguage",
        "keywords",
        "author",
        "translator",
        "editor",
        "publisher",
        "name",
        "text",
        "value",
        "minValue",
        "maxValue",
        "unitText",
        "currency",
    ]
}
N = {
    name: nt_iri(NIF[name])
    for name in ["isString", "sourceUrl", "referenceContext", "beginIndex", "endIndex", "anchorOf"]
}
SEM_P = {
    name: nt_iri(SEM[name])
    for name in [
        "eventType",
        "hasPlace",
        "hasEarliestBeginTimeStamp",
        "hasLatestBeginTimeStamp",
        "hasEarliestEndTimeStamp",
        "hasLatestEndTimeStamp",
    ]
}
ELI_P = {
    name: nt_iri(ELI[name])
    for name in ["is_part_of", "number", "type_subdivision", "type_document"]
}
TA_IDENT = nt_iri(ITSRDF.taIdentRef)
UNREVIEWED = nt_iri(REVIEW.Unreviewed)
LIFTED = str(STATUS.Lifted)
UNKNOWN_PRECISION = str(TIMEPREC.Unknown)
#: Statuses of a rule being applied, whose date is when it came into force. A one-off act
#: (CarriedOut) happened at its date but is never "in force"; an announced, planned or
#: rumoured measure is not yet shown applied, and its date is often that of the telling.
IN_FORCE_FROM = {str(s) for s in (STATUS.InForce, STATUS.Eased)}
EPOCH = dt.date(1970, 1, 1)


def escape(value: str) -> str:
    """A string escaped for an N-Triples (and SPARQL) literal; most need nothing done.

    Backslash, quote, line feed and carriage return, by ``str.replace`` (backslashes first,
    so no escape is escaped again): far cheaper on an article's whole text than a
    per-character table.
    """
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if '"' in value:
        value = value.replace('"', '\\"')
    if "\n" in value:
        value = value.replace("\n", "\\n")
    if "\r" in value:
        value = value.replace("\r", "\\r")
    return value


def lit(value: str) -> str:
    """A plain (``xsd:string``) literal in N-Triples form."""
    return f'"{escape(value)}"'


def date_lit(day: dt.date) -> str:
    return f'"{day.isoformat()}"^^{XSD_DATE}'


def int_lit(value: int, datatype: str = XSD_INTEGER) -> str:
    return f'"{value}"^^{datatype}'


def number_lit(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f'"{int(value)}"^^{XSD_INTEGER}'
    return f'"{format(value.normalize(), "f")}"^^{XSD_DECIMAL}'
