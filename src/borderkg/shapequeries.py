"""The SPARQL queries a researcher's shapes bring, checked before any data is validated.

The engines run a SPARQL constraint (or target, or validator) only on the nodes its shape
targets, so a query that does not parse would pass every run until some data reaches it.
:func:`sparql_errors` parses each one as the engine will run it (``$PATH`` substituted, the
``sh:prefixes`` declared), checks the queries of constraints and validators against
SHACL-SPARQL's rules (``validation/sparqlrules.py``: no MINUS, VALUES or SERVICE, pre-bound
variables kept …) and reports each problem as a ``shapes`` input error: exit 2, whatever the
data, naming the shape or component and the reason.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from borderkg.validation_inputs import InputError

#: Where a SPARQL query sits: the link from its owner, and what the owner is called.
_QUERY_OWNERS = (
    (SH.sparql, "shape"),
    (SH.target, "target of shape"),
    (SH.validator, "constraint component"),
    (SH.nodeValidator, "constraint component"),
    (SH.propertyValidator, "constraint component"),
)
_PLACEHOLDER_PATH = "<urn:borderkg:path>"


def query_nodes(graph: Graph) -> set[Node]:
    """The nodes of ``graph`` that carry a SPARQL query (``sh:select`` or ``sh:ask``)."""
    return set(graph.subjects(SH.select, None)) | set(graph.subjects(SH.ask, None))


def _owner(graph: Graph, node: Node) -> tuple[str, Node | None]:
    """(what owns the query, its node): a shape, a shape's target or a component."""
    for link, what in _QUERY_OWNERS:
        for owner in graph.subjects(link, node):
            return what, owner
    return "query", None


def _query_problem(graph: Graph, node: Node, owner: Node | None, what: str) -> str | None:
    """Why the query of ``node`` would fail when the engine runs it, or ``None``."""
    from rdflib.plugins.sparql import prepareQuery

    from borderkg.validation.model import declared_prefixes
    from borderkg.validation.sparqlrules import prebound_variables, query_problems
    from borderkg.validation.sparqltext import UnsupportedQuery, substitute_path
    from borderkg.validation.terms import path_text

    deactivated = graph.value(node, SH.deactivated)
    if isinstance(deactivated, Literal) and deactivated.toPython() is True:
        return None
    keyword = "sh:select" if graph.value(node, SH.select) is not None else "sh:ask"
    text = str(graph.value(node, SH.select) or graph.value(node, SH.ask))
    path = graph.value(owner, SH.path) if what == "shape" and owner is not None else None
    try:
        if what == "shape":
            text = substitute_path(text, path_text(graph, path) if path is not None else None)
        else:  # a validator takes the path of the shape using it; a target has none
            text = substitute_path(text, _PLACEHOLDER_PATH)
    except (UnsupportedQuery, ValueError) as exc:
        return f"its {keyword} query cannot be run: {exc}"
    # The engines prepend sh:prefixes as PREFIX lines; pyshacl's rdflib also knows its own
    # default prefixes. Given as initNs, positions in the message stay those of the text.
    namespaces = dict(Graph().namespaces()) | declared_prefixes(graph, node)
    try:
        prepareQuery(text, initNs=namespaces)
    except Exception as exc:  # pyparsing's ParseException, rdflib's bare Exception
        message = " ".join(str(exc).split())
        return f"its {keyword} query does not parse: {message}"
    if what == "target of shape":
        return None
    problems = query_problems(graph, node, text, prebound_variables(graph, node))
    if problems:
        return f"its {keyword} query breaks SHACL-SPARQL's rules: {'; '.join(problems)}"
    return None


def sparql_errors(graph: Graph, queries_of: dict[str, set[Node]]) -> list[InputError]:
    """A ``shapes`` error for every query of the given files that would fail when run.

    ``queries_of``: shapes file → the nodes with ``sh:select``/``sh:ask`` it brought.
    Checked up front because the engines only run a constraint on the nodes its shape
    targets: a broken query would otherwise pass until some data reaches it.
    """
    from borderkg.reportmodel import default_compactor, display_id
    from borderkg.validation.terms import shape_id

    compact = default_compactor(graph)
    errors: list[InputError] = []
    for name, nodes in queries_of.items():
        found = []
        for node in nodes:
            what, owner = _owner(graph, node)
            problem = _query_problem(graph, node, owner, what)
            if problem is None:
                continue
            if isinstance(owner, URIRef | BNode):
                label = display_id(graph, owner, shape_id(graph, owner), compact)
            else:
                label = "a query"
            found.append(InputError(name, f"{what} {label}: {problem}", kind="shapes"))
        errors.extend(sorted(found, key=lambda e: e.message))
    return errors
