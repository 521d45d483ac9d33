"""The sample corpus extracted, with one error of each kind injected: the data on which the
fast validation engine is compared with pyshacl (``test_validation_equivalence*.py``)."""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox

INJECTED = {
    # shape that must report it: SPARQL update that injects it
    "EvidenceSpan-anchor-matches-text": """
        DELETE { GRAPH ?g { ?span nif:anchorOf ?a } } INSERT { GRAPH ?g { ?span nif:anchorOf "not what the text says" } }
        WHERE { { SELECT ?g ?span ?a WHERE { GRAPH ?g { ?span a bkg:EvidenceSpan ; nif:anchorOf ?a } } ORDER BY ?span LIMIT 1 } }""",
    "Policy-status": """
        DELETE { GRAPH ?g { ?p bkg:status ?s } }
        WHERE { { SELECT ?g ?p WHERE { GRAPH ?g { ?p a bkg:Policy ; bkg:status [] } } ORDER BY ?p LIMIT 1 } GRAPH ?g { ?p bkg:status ?s } }""",
    "ExternalIdentifier-unique": """
        INSERT { GRAPH ?g { place:test-town a bkg:Settlement ; rdfs:label "Test town"@en ;
                 skos:exactMatch <https://sws.geonames.org/2043837/> } }
        WHERE { { SELECT ?g WHERE { GRAPH ?g { ?a a bkg:Article } } ORDER BY ?g LIMIT 1 } }""",
    "AnonymousSourceGraphsShape": """
        INSERT { GRAPH ?g2 { ?a2 bkg:mentions ?s } }
        WHERE { { SELECT ?s WHERE { GRAPH ?g1 { ?s a bkg:AnonymousSource } } ORDER BY ?s LIMIT 1 }
                { SELECT ?g2 ?a2 WHERE { GRAPH ?g2 { ?a2 a bkg:Article } } ORDER BY DESC(?g2) LIMIT 1 } }""",
    "Location-lat-range": """
        INSERT { GRAPH ?g { place:test-town wgs:lat 120.0 } }
        WHERE { { SELECT ?g WHERE { GRAPH ?g { ?a a bkg:Article } } ORDER BY ?g LIMIT 1 } }""",
    "Provision-number": """
        INSERT { GRAPH ?g { <https://w3id.org/borderkg/id/legal/refugee-convention/art_99> a bkg:Provision ;
                 rdfs:label "Article 99"@en ;
                 eli:is_part_of <https://w3id.org/borderkg/id/legal/refugee-convention> } }
        WHERE { { SELECT ?g WHERE { GRAPH ?g { ?a a bkg:Article } } ORDER BY ?g LIMIT 1 } }""",
    "Article-headline": """
        DELETE { GRAPH ?g { ?a schema:headline ?h } }
        WHERE { { SELECT ?g ?a WHERE { GRAPH ?g { ?a a bkg:Article ; schema:headline [] } } ORDER BY DESC(?a) LIMIT 1 }
                GRAPH ?g { ?a schema:headline ?h } }""",
}
UPDATE_PREFIXES = """
PREFIX bkg: <https://w3id.org/borderkg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX place: <https://w3id.org/borderkg/id/place/>
"""


@cache
def corpus_nquads(limit: int | None) -> bytes:
    """The sample corpus (the first ``limit`` articles of each format), extracted, as N-Quads."""
    from borderkg.loaders.readers import ReadError, iter_records
    from borderkg.loaders.samples import sample_paths
    from borderkg.pipeline import build_article

    quads: list[ox.Quad] = []
    for folder in sample_paths():
        records = [r for r in iter_records([str(folder)], None) if not isinstance(r, ReadError)]
        for record in sorted(records, key=lambda r: r.source)[:limit]:
            built = build_article(record)
            name = ox.NamedNode(built.graph)
            quads += [
                ox.Quad(t.subject, t.predicate, t.object, name) for t in built.quads.triples()
            ]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def corpus_store(limit: int | None) -> ox.Store:
    """Corpus articles with the shipped ontology, schemes and vocabulary, errors injected."""
    from borderkg.validation.data import add_background

    store = ox.Store()
    add_background(store)
    store.load(corpus_nquads(limit), format=ox.RdfFormat.N_QUADS)
    for update in INJECTED.values():
        store.update(UPDATE_PREFIXES + update)
    return store
