"""SHACL-SPARQL's restrictions on the queries of constraints and validators.

SHACL defines pre-binding as substituting the pre-bound variables (``$this``, a component's
parameters, an ASK validator's ``$value``, ``$shapesGraph``, ``$currentShape``) into the query,
and requires a processor to report a failure for a query outside the fragment where that is
well defined: one with ``MINUS``, ``SERVICE`` or ``VALUES``, one that binds a pre-bound variable
with ``AS``, or a subquery that does not return every pre-bound variable (``$shapesGraph`` and
``$currentShape`` excepted). A constraint component's ``sh:nodeValidator`` and
``sh:propertyValidator`` take SELECT-based validators and its ``sh:validator`` ASK-based ones
(issue w3c/data-shapes#96). borderkg does not support the optional ``$shapesGraph``, which SHACL
lets a processor refuse the same way. :func:`query_problems` says what a query breaks; the
shapes reader turns it into an input error (exit 2) before any data is validated.
"""

from __future__ import annotations

import re

from rdflib import Graph
from rdflib.namespace import SH
from rdflib.term import Node

from borderkg.validation.sparqltext import UnsupportedQuery, blank_out, closing_brace

_FORBIDDEN = ("MINUS", "SERVICE", "VALUES")
#: Pre-bound variables a subquery need not return.
_OPTIONAL = {"shapesGraph", "currentShape"}
_SELECT = re.compile(r"\bSELECT\b\s*(?:(?:DISTINCT|REDUCED)\b\s*)?", re.I)
_VALIDATORS = {
    SH.nodeValidator: ("sh:nodeValidator", SH.select),
    SH.propertyValidator: ("sh:propertyValidator", SH.select),
    SH.validator: ("sh:validator", SH.ask),
}


def query_problems(graph: Graph, node: Node, text: str, prebound: set[str]) -> list[str]:
    """Why SHACL-SPARQL forbids the query ``text`` of ``node`` (a constraint or validator
    whose query pre-binds ``prebound``), or ``[]``."""
    clean = blank_out(text)
    problems = [_validator_kind(graph, node)]
    problems += [f"it uses {word}" for word in _FORBIDDEN if re.search(rf"\b{word}\b", clean, re.I)]
    for name in sorted(prebound):
        if re.search(rf"\bAS\s+[?$]{name}\b", clean, re.I):
            problems.append(f"it binds the pre-bound ${name} with AS ${name}")
    for name in sorted(_missing_from_subqueries(clean, prebound - _OPTIONAL)):
        problems.append(f"a subquery does not return the pre-bound ${name}")
    if re.search(r"[?$]shapesGraph\b", clean):
        problems.append("it uses $shapesGraph, which borderkg does not support")
    return [p for p in problems if p]


def prebound_variables(graph: Graph, node: Node) -> set[str]:
    """The variables SHACL pre-binds in the query of a constraint or validator ``node``."""
    found = {"this", "shapesGraph", "currentShape"}
    for link in _VALIDATORS:
        for component in graph.subjects(link, node):
            for parameter in graph.objects(component, SH.parameter):
                path = graph.value(parameter, SH.path)
                if path is not None:
                    found.add(str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1])
    if graph.value(node, SH.ask) is not None:  # an ASK validator, whatever links to it
        found.add("value")
    return found


def _validator_kind(graph: Graph, node: Node) -> str:
    """Why a validator has the wrong kind of query for the property linking to it, or ``""``."""
    for link, (name, wanted) in _VALIDATORS.items():
        if (None, link, node) in graph and graph.value(node, wanted) is None:
            kind, other = ("SELECT", "ask") if wanted == SH.select else ("ASK", "select")
            return f"{name} takes {kind}-based validators, not one with sh:{other}"
    return ""


def _missing_from_subqueries(clean: str, required: set[str]) -> set[str]:
    """The ``required`` variables some subquery of a query (strings blanked) does not return."""
    missing: set[str] = set()
    selects = list(_SELECT.finditer(clean))
    for match in selects[1:]:
        brace = clean.find("{", match.end())
        if brace < 0:
            continue
        projection = re.sub(r"\bWHERE\b\s*$", "", clean[match.end() : brace].rstrip(), flags=re.I)
        try:
            group = clean[brace : closing_brace(clean, brace) + 1]
        except UnsupportedQuery:
            group = clean[brace:]  # unbalanced: the parser reports it
        for name in required:
            if not _returns(projection, group, name):
                missing.add(name)
    return missing


def _returns(projection: str, group: str, name: str) -> bool:
    """Whether a subquery's projection returns a variable: named outside an expression, or
    ``*`` with the variable bound by its group (mentioned outside parentheses)."""
    if projection.strip() == "*":
        return re.search(rf"[?$]{name}\b", _outside_parentheses(group)) is not None
    return re.search(rf"[?$]{name}\b", _outside_parentheses(projection)) is not None


def _outside_parentheses(text: str) -> str:
    """``text`` with everything inside parentheses replaced by spaces."""
    out, depth = [], 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        out.append(char if depth == 0 and char != ")" else " ")
    return "".join(out)
