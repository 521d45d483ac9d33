"""Gallery 16 dates a statement by its own day when the article gives one."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox

from borderkg.api.gallery import load_examples

_EPOCH = dt.date(1970, 1, 1)
_DATA = """
@prefix bkg: <https://w3id.org/borderkg/ontology#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix et: <https://w3id.org/borderkg/scheme/event-type/> .
@prefix at: <https://w3id.org/borderkg/scheme/actor-type/> .
@prefix tp: <https://w3id.org/borderkg/scheme/time-precision/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .

ex:incidents { ex:i1 a bkg:Incident ; sem:eventType et:ForcedRepatriation ;
    sem:hasEarliestBeginTimeStamp "2026-05-09"^^xsd:date ; bkg:timePrecision tp:Day ;
    bkg:dayIndex %(handover)d . }
ex:vocabulary { ex:un bkg:actorType at:UNBody ; skos:prefLabel "A rapporteur"@en .
    at:UNBody skos:prefLabel "UN body"@en .
    ex:ngo bkg:actorType at:NGO ; skos:prefLabel "A watchdog"@en .
    at:NGO skos:prefLabel "NGO"@en . }
ex:g1 { ex:g1 prov:wasDerivedFrom ex:a1 .
    ex:a1 bkg:publishedDayIndex %(published)d ; schema:datePublished "2026-05-28"^^xsd:date .
    ex:claim1 a bkg:Claim ; prov:wasAttributedTo ex:un .
    ex:claim2 a bkg:Claim ; prov:wasAttributedTo ex:un .
    ex:claim3 a bkg:Claim ; prov:wasAttributedTo ex:ngo .
    ex:said a bkg:EventReport ; sem:eventType et:Statement ; bkg:agent ex:un ;
        bkg:timePrecision tp:Day ; bkg:dayIndex %(said)d ;
        sem:hasEarliestBeginTimeStamp "2026-05-20"^^xsd:date . }
"""


def _day(iso: str) -> int:
    return (dt.date.fromisoformat(iso) - _EPOCH).days


def test_a_statement_dated_in_its_article_counts_from_its_own_day_once_per_speaker() -> None:
    [example] = [e for e in load_examples() if e.name == "16-statements-after-repatriations"]
    store = ox.Store()
    days = {"handover": _day("2026-05-09"), "published": _day("2026-05-28")}
    data = _DATA % {**days, "said": _day("2026-05-20")}
    store.load(data.encode(), format=ox.RdfFormat.TRIG)
    rows = {
        row["statementBy"].value: (
            row["datedBy"].value,
            int(row["daysAfter"].value),
            row["statedOn"].value,
            int(row["claims"].value),
        )
        for row in store.query(example.query, use_default_graph_as_union=True)
    }
    assert rows == {
        "A rapporteur": ("its statement's date", 11, "2026-05-20", 2),
        "A watchdog": ("the article's publication", 19, "2026-05-28", 1),
    }
