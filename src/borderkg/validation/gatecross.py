"""Cross-article rules the gate settles with a few lookups in its scratch store.

A few plans compare a node with the rest of the store: on the scratch store of a check each
costs a query (about a millisecond for the anonymous-source one), yet for almost every batch
the lookup below shows the data they would need is not there. :class:`CrossCheck` recognises
them and says "finds nothing" only when that holds for every node of the scratch store — a
superset of the focus nodes kept — so the query is skipped exactly when it would give no row:

* ``graphs`` — bkgsh:AnonymousSourceGraphsShape's query (:data:`ONE_GRAPH_QUERY`): a row
  needs a focus node (an instance of the target classes) that two articles use — by the
  article graphs it is stated in, and by what the data says (the article of a node that
  names it: its ``prov:wasDerivedFrom``, the ``bkg:text`` its evidence span or span refers
  to, the article node itself; the source's own derivation and evidence). Settled by
  :func:`articles_using` each instance, a superset of the articles the query counts (it
  skips the query's ``a bkg:Article`` tests), so "one article each" is never wrong.
* ``url`` — bkgsh:Article-url-unique's query (:data:`URL_QUERY`): a row needs two nodes with
  ``schema:url`` values of the same text (the value or its twin: the IRI and the
  ``xsd:anyURI`` literal with the text; a blank node only matches itself). Settled by
  grouping the scratch store's ``schema:url`` triples by that text.
* ``acyclic`` — bkgsh:Location-adminParent-acyclic's query (:data:`ACYCLIC_QUERY`): a row
  needs a cycle (or a self-loop) of ``bkg:adminParent`` links. Settled by a depth-first walk
  over all of them.
* ``unlinked`` — any count plan with ``sh:maxCount 0`` (and no ``sh:minCount``) of a property
  shape with class targets only and a path of plain forward or inverse predicates: a result
  needs an instance of the classes with a value along the path. Settled by the triples with
  those predicates.

Instances are those of the target classes and their subclasses in the ontology's hierarchy
(``superclasses``): valid while only the ontology states ``rdfs:subClassOf``, which is when
the gate profiles a batch (``gateshapes.py``) — only then is this asked. Other query texts
(other shapes) are not recognised and run as usual (tests/test_gate_cross.py compares each
rule with its query).
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF, SKOS, XSD

from borderkg.ontology.namespaces import BKG, NIF
from borderkg.validation.compile import Plan
from borderkg.validation.gatenodes import ADMIN_PARENT, SCHEMA_URL, TYPE
from borderkg.validation.gatevouch import query_words
from borderkg.validation.model import Shape
from borderkg.validation.shapeindex import path_predicates

#: The graphs the one-graph rule counts (article graphs).
ARTICLE_GRAPHS = "https://w3id.org/borderkg/graph/article/"

#: The articles the one-article rule maps article graphs to (graph/article/{id} → article/{id}).
ARTICLES = "https://w3id.org/borderkg/article/"


def _uses(use: str, value: str) -> str:
    """The query's pattern for "$this is used in ``use`` through node ``value``": ``use`` is
    an article graph or an article (then mapped to its article). A UNION of basic graph
    patterns, each anchored on ``$this a bkg:AnonymousSource``, with no BIND and no $this
    inside an expression: the fast engine then joins it with the focus nodes (LATERAL
    re-ran it whole per focus node) and Oxigraph evaluates each branch from the anchor
    (nested UNIONs, optional paths, or branches without the anchor made it scan)."""
    anchor = "$this a bkg:AnonymousSource .\n    "
    named = f"{anchor}{value} ?r $this .\n    "
    in_article_graph = f'FILTER (STRSTARTS(STR({use}), "{ARTICLE_GRAPHS}"))'
    branches = [
        f"{anchor}GRAPH {use} {{ $this ?p ?o . }}\n    {in_article_graph}",
        f"{anchor}GRAPH {use} {{ {value} ?q $this . }}\n    {in_article_graph}",
        f"{named}{value} prov:wasDerivedFrom {use} .\n    {use} a bkg:Article .",
        f"{named}{value} bkg:evidence ?span .\n    ?span nif:referenceContext ?text .\n"
        f"    {use} bkg:text ?text .",
        f"{named}{value} nif:referenceContext ?text .\n    {use} bkg:text ?text .",
        f"{anchor}{use} ?s $this ;\n        a bkg:Article .\n    {value} ?s $this .\n"
        f"    FILTER ({value} = {use})",
        f"{anchor}$this prov:wasDerivedFrom {use} .\n    {use} a bkg:Article .",
        f"{anchor}$this bkg:evidence {value} .\n    {value} nif:referenceContext ?text .\n"
        f"    {use} bkg:text ?text .",
    ]
    return "{\n    " + "\n} UNION {\n    ".join(branches) + "\n}"


#: bkgsh:AnonymousSourceGraphsShape's query (whitespace aside), as shapes/sources.ttl.
ONE_GRAPH_QUERY = f"""
SELECT DISTINCT $this ?value ?otherArticle
WHERE {{
{_uses("?use", "?value")}
BIND (IF(STRSTARTS(STR(?use), "{ARTICLE_GRAPHS}"),
          IRI(CONCAT("{ARTICLES}", STRAFTER(STR(?use), "{ARTICLE_GRAPHS}"))),
          ?use) AS ?otherArticle)
FILTER (CONTAINS(STR($this), "#") && STR(?otherArticle) != STRBEFORE(STR($this), "#"))
}}"""
#: bkgsh:Article-url-unique's query (whitespace aside), as shapes/article.ttl.
URL_QUERY = """
SELECT DISTINCT $this ?value ?other
WHERE {
    {
        $this schema:url ?value .
        BIND (COALESCE(
            IF(isIRI(?value), STRDT(STR(?value), xsd:anyURI), IRI(STR(?value))),
            ?value) AS ?twin)
    }
    { ?other schema:url ?value . } UNION { ?other schema:url ?twin . }
    FILTER (?other != $this)
    ?other a bkg:Article .
}"""
#: bkgsh:Location-adminParent-acyclic's query (whitespace aside), as shapes/locations.ttl.
ACYCLIC_QUERY = """
SELECT $this ?value
WHERE {
    $this bkg:adminParent ?value .
    ?value bkg:adminParent* $this .
}"""
_PREFIXES = {
    "bkg": str(BKG),
    "nif": str(NIF),
    "prov": str(PROV),
    "schema": "https://schema.org/",
    "xsd": str(XSD),
    "skos": str(SKOS),
    "rdf": str(RDF),
}


_KNOWN = {
    query_words(ONE_GRAPH_QUERY): "graphs",
    query_words(URL_QUERY): "url",
    query_words(ACYCLIC_QUERY): "acyclic",
}


class Look:
    """One scratch store as the cross-article rules read it (instances remembered per class
    set). ``superclasses``: each ontology class with all its superclasses."""

    def __init__(self, store: ox.Store, superclasses: dict[ox.Term, set[ox.Term]]) -> None:
        self.store = store
        self.superclasses = superclasses
        self._instances: dict[frozenset[ox.Term], set[ox.Term]] = {}

    def instances(self, classes: frozenset[ox.Term]) -> set[ox.Term]:
        """The nodes typed with one of ``classes`` or a subclass of one (in any graph)."""
        found = self._instances.get(classes)
        if found is None:
            below = set(classes)
            below.update(
                c for c, above in self.superclasses.items() if not classes.isdisjoint(above)
            )
            found = set()
            for cls in below:
                found.update(q.subject for q in self.store.quads_for_pattern(None, TYPE, cls, None))
            self._instances[classes] = found
        return found


class CrossCheck:
    """Recognises the cross-article plans settled here (see the module docstring).

    ``plans``: the compiled shapes' (shape, plans); ``targets``: per shape node, its
    (classes, subjects-of, objects-of, nodes) targets with its parents'
    (``shapeindex.target_index``).
    """

    def __init__(
        self,
        plans: list[tuple[Shape, list[Plan]]],
        targets: dict[Any, tuple[set[str], ...]],
    ) -> None:
        self._keys: dict[int, tuple[str, Any]] = {}
        for shape, shape_plans in plans:
            for plan in shape_plans:
                key = _key(shape, plan, targets.get(shape.node))
                if key is not None:
                    self._keys[id(plan)] = key

    def knows(self, plan: Plan) -> bool:
        """Whether the plan is one settled here."""
        return id(plan) in self._keys

    def finds_nothing(self, plan: Plan, look: Look) -> bool:
        """Whether the plan certainly finds nothing on the scratch store ``look`` reads;
        ``False`` for plans not settled here."""
        key = self._keys.get(id(plan))
        if key is None:
            return False
        kind, parameters = key
        if kind == "graphs":
            return one_article_each(look, parameters)
        if kind == "url":
            return urls_unshared(look.store)
        if kind == "acyclic":
            return acyclic(look.store, ADMIN_PARENT)
        classes, forward, backward = parameters
        return unlinked(look, classes, forward, backward)


def _key(shape: Shape, plan: Plan, targets: tuple[set[str], ...] | None) -> tuple[str, Any] | None:
    """(kind, parameters) of a plan settled here, else ``None``."""
    if targets is None:
        return None
    classes, subjects_of, objects_of, named = targets
    by_class = bool(classes) and not (subjects_of or objects_of or named)
    as_terms = frozenset(ox.NamedNode(c[1:-1]) for c in classes)
    if plan.kind == "sparql":
        prepared = plan.extra["query"]
        if any(prepared.prefixes.get(p, ns) != ns for p, ns in _PREFIXES.items()):
            return None
        kind = _KNOWN.get(query_words(prepared.text))
        if kind == "graphs" and by_class:
            return kind, as_terms
        if kind == "url" or kind == "acyclic":
            return kind, None
        return None
    if plan.kind == "counts" and shape.is_property and by_class:
        low, high = plan.extra.get("min"), plan.extra.get("max")
        steps = path_predicates(shape)
        if high == 0 and not low and steps is not None:
            forward, backward = (tuple(ox.NamedNode(p[1:-1]) for p in sorted(s)) for s in steps)
            return "unlinked", (as_terms, forward, backward)
    return None


_DERIVED_FROM = ox.NamedNode(str(PROV.wasDerivedFrom))
_EVIDENCE = ox.NamedNode(str(BKG.evidence))
_CONTEXT = ox.NamedNode(str(NIF.referenceContext))
_TEXT = ox.NamedNode(str(BKG.text))
_ARTICLE = ox.NamedNode(str(BKG.Article))


def articles_using(store: ox.Store, node: ox.Term) -> set[str]:
    """The articles (IRIs) that use ``node`` as bkgsh:AnonymousSourceGraphsShape counts them,
    or more: the article graphs it is stated in (as article IRIs), the articles of the nodes
    that name it (:func:`articles_of`), and those of its own derivation and evidence."""

    def objects(subject: ox.Term, predicate: ox.NamedNode) -> list[ox.Term]:
        return [q.object for q in store.quads_for_pattern(subject, predicate, None, None)]

    found: set[str] = set()
    for quad in store.quads_for_pattern(node, None, None, None):
        found.update(_article_of_graph(quad.graph_name))
    for quad in store.quads_for_pattern(None, None, node, None):
        found.update(_article_of_graph(quad.graph_name))
        found.update(articles_of(store, quad.subject))
    found.update(a.value for a in objects(node, _DERIVED_FROM) if isinstance(a, ox.NamedNode))
    for span in objects(node, _EVIDENCE):
        found.update(_articles_of_texts(store, objects(span, _CONTEXT)))
    return found


def articles_of(store: ox.Store, node: ox.Term) -> set[str]:
    """The articles a node belongs to, by what it says (docs/data-model.md): what it
    ``prov:wasDerivedFrom``, the article whose ``bkg:text`` its evidence spans (or, for a
    span, it) refer to, or itself if it is an article node."""
    found: set[str] = set()
    if isinstance(node, ox.NamedNode) and any(
        True for _ in store.quads_for_pattern(node, TYPE, _ARTICLE, None)
    ):
        found.add(node.value)
    for quad in store.quads_for_pattern(node, _DERIVED_FROM, None, None):
        if isinstance(quad.object, ox.NamedNode):
            found.add(quad.object.value)
    spans = [node] + [q.object for q in store.quads_for_pattern(node, _EVIDENCE, None, None)]
    texts = [
        q.object for span in spans for q in store.quads_for_pattern(span, _CONTEXT, None, None)
    ]
    found.update(_articles_of_texts(store, texts))
    return found


def _articles_of_texts(store: ox.Store, texts: list[ox.Term]) -> set[str]:
    return {
        q.subject.value
        for text in texts
        for q in store.quads_for_pattern(None, _TEXT, text, None)
        if isinstance(q.subject, ox.NamedNode)
    }


def _article_of_graph(graph: object) -> set[str]:
    if isinstance(graph, ox.NamedNode) and graph.value.startswith(ARTICLE_GRAPHS):
        return {ARTICLES + graph.value[len(ARTICLE_GRAPHS) :]}
    return set()


def one_article_each(look: Look, classes: frozenset[ox.Term]) -> bool:
    """Whether every instance of ``classes`` is used by no article but the one its IRI
    names (``{article}#source-n``; :func:`articles_using` is a superset of the uses)."""
    for node in look.instances(classes):
        # A source IRI without '#' names no article (AnonymousSourceIriShape reports it).
        if not isinstance(node, ox.NamedNode) or "#" not in node.value:
            continue
        if articles_using(look.store, node) - {node.value.partition("#")[0]}:
            return False
    return True


def urls_unshared(store: ox.Store) -> bool:
    """Whether no two nodes have ``schema:url`` values of the same text (a value and its
    twin have the same text; a blank node is compared as itself)."""
    owners: dict[object, ox.Term] = {}
    for quad in store.quads_for_pattern(None, SCHEMA_URL, None, None):
        value = quad.object
        text = value if isinstance(value, ox.BlankNode) else value.value
        owner = owners.setdefault(text, quad.subject)
        if owner != quad.subject:
            return False
    return True


def acyclic(store: ox.Store, predicate: ox.NamedNode) -> bool:
    """Whether the ``predicate`` links of the store (in any graph) form no cycle."""
    links: dict[ox.Term, set[ox.Term]] = {}
    for quad in store.quads_for_pattern(None, predicate, None, None):
        links.setdefault(quad.subject, set()).add(quad.object)
    done: set[ox.Term] = set()
    for start in links:
        if start in done:
            continue
        # iterative depth-first walk: ``path`` holds the nodes being walked from
        path: set[ox.Term] = {start}
        stack = [(start, iter(links[start]))]
        while stack:
            node, following = stack[-1]
            step = next(following, None)
            if step is None:
                stack.pop()
                path.discard(node)
                done.add(node)
            elif step in path:
                return False
            elif step not in done and step in links:
                path.add(step)
                stack.append((step, iter(links[step])))
    return True


def unlinked(
    look: Look,
    classes: frozenset[ox.Term],
    forward: tuple[ox.NamedNode, ...],
    backward: tuple[ox.NamedNode, ...],
) -> bool:
    """Whether no instance of ``classes`` has a value along the path (``forward``
    predicates from it, ``backward`` ones to it)."""
    nodes = look.instances(classes)
    if not nodes:
        return True
    store = look.store
    for predicate in forward:
        if any(q.subject in nodes for q in store.quads_for_pattern(None, predicate, None, None)):
            return False
    for predicate in backward:
        if any(q.object in nodes for q in store.quads_for_pattern(None, predicate, None, None)):
            return False
    return True
