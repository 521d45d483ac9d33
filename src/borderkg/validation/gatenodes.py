"""The terms and the batch summary the gate's parts share; small helpers about them.

:class:`BatchNodes` is what the gate reads back about a batch from its scratch store
(``gatebatch.py``) and what the neighbourhood reader (``neighbourhood.py``) looks up in the
store; the constants name the predicates and classes the gate's shortcuts single out, and the
reader's thresholds. Kept apart from the reader so that the modules that only need the terms
do not depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from borderkg.closure import ancestors, parents_of
from borderkg.ontology.namespaces import BKG, ONTOLOGY_GRAPH

TYPE = ox.NamedNode(str(RDF.type))
SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))
ANONYMOUS_SOURCE = ox.NamedNode(str(BKG.AnonymousSource))
ADMIN_PARENT = ox.NamedNode(str(BKG.adminParent))
SCHEMA_URL = ox.NamedNode("https://schema.org/url")
ANY_URI = ox.NamedNode("http://www.w3.org/2001/XMLSchema#anyURI")
ONTOLOGY = ox.NamedNode(str(ONTOLOGY_GRAPH))
#: Predicates whose links to the batch's values the cross-article rules compare.
CROSS_LINKS = (ox.NamedNode(str(SKOS.exactMatch)), ox.NamedNode(str(OWL.sameAs)), SCHEMA_URL)
#: A node with more quads than this as subject is read as distinct triples (plus two graphs).
HUB = 32
#: Up to this many nodes the store has are read quad by quad, more with two queries.
READ_ONE_BY_ONE = 8

Node = ox.NamedNode | ox.BlankNode


@dataclass
class BatchNodes:
    """What the reader needs to know about a batch (read from the scratch store it is in)."""

    #: subjects of the batch's quads
    subjects: set[ox.Term] = field(default_factory=set)
    #: IRIs and blank nodes the batch links to other than by rdf:type, not among the subjects
    objects: set[ox.Term] = field(default_factory=set)
    #: classes the batch gives its nodes (their own triples are value triples too)
    classes: set[ox.Term] = field(default_factory=set)
    #: batch nodes the batch types with a class whose instances are read whole
    whole: set[ox.Term] = field(default_factory=set)
    #: per cross-link predicate (:data:`CROSS_LINKS`), its objects in the batch
    links: dict[ox.NamedNode, set[ox.Term]] = field(default_factory=dict)
    #: predicates of the batch's quads
    predicates: set[ox.Term] = field(default_factory=set)
    #: predicates of the batch's quads whose object is an IRI or a blank node
    linking: set[ox.Term] = field(default_factory=set)


def url_forms(value: ox.Term) -> list[ox.Term]:
    """A URL as IRI and as ``xsd:anyURI`` literal (Article-url-unique compares both)."""
    if isinstance(value, ox.NamedNode):
        return [value, ox.Literal(value.value, datatype=ANY_URI)]
    if isinstance(value, ox.Literal):
        try:
            return [value, ox.NamedNode(value.value)]
        except ValueError:
            return [value]
    return [value]


def superclasses(store: ox.Store) -> dict[ox.Term, set[ox.Term]]:
    """Each class of a store's rdfs:subClassOf triples with all its superclasses (itself too)."""
    parents = parents_of(
        (q.subject, q.object) for q in store.quads_for_pattern(None, SUBCLASS, None, None)
    )
    return {cls: ancestors(parents, cls) for cls in parents}
