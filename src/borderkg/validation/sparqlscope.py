"""Whether a SPARQL-based constraint may be joined with its focus nodes, or needs LATERAL.

SHACL pre-binds ``$this`` (and a component's parameters and ``$value``) by substitution:
every mention becomes the bound term, inside nested groups, UNION branches and subqueries too.
The fast engine instead puts a pattern binding ``?this`` first in the query's WHERE group
(``sparqltext.py``), which gives the same rows only where each mention sees that binding: the
group's own triple patterns, FILTERs and BINDs, and a top-level OPTIONAL or ``[NOT] EXISTS``
block without groups of its own. A mention inside an expression of a nested group (``{ FILTER
($this = ex:a) }``, a UNION branch, a BIND inside OPTIONAL) is evaluated before the join, with
the variable unbound, and drops rows pre-binding keeps. Such queries run under Oxigraph's
``LATERAL`` (:meth:`~borderkg.validation.sparqltext.SelectQuery.with_lateral`), which
substitutes the leading pattern's bindings into the query as pre-binding does.
"""

from __future__ import annotations

from borderkg.validation.sparqlgroup import Element, Token, read_group
from borderkg.validation.sparqlrewrite import variables
from borderkg.validation.sparqltext import SelectQuery

#: Keywords that open a scope of their own inside a block.
_SCOPES = frozenset({"SELECT", "BIND", "VALUES"})


def needs_lateral(query: SelectQuery, prebound: set[str]) -> bool:
    """Whether joining first would miss a mention of a pre-bound variable of ``query``."""
    body = query.text[query.brace + 1 : query.close]
    elements = read_group(body)
    if elements is None:  # not read with certainty: substitute if any is mentioned
        return bool(prebound & set(variables(body)))
    return any(_hidden(body, element, prebound) for element in elements)


def _hidden(body: str, element: Element, prebound: set[str]) -> bool:
    """Whether an element of the WHERE group reads a pre-bound variable out of the join's sight."""
    if not prebound & set(variables(body[element.start : element.end])):
        return False
    if element.kind in ("triples", "bind"):
        return False
    tokens = element.tokens
    if element.kind in ("filter", "optional") and _flat(tokens):
        return False
    return _in_expression(tokens, prebound) or any(t.word in _SCOPES for t in tokens)


def _flat(tokens: list[Token]) -> bool:
    """Whether a FILTER or OPTIONAL holds at most one brace block and nothing scoped."""
    braces = sum(1 for t in tokens if t.text == "{")
    return braces <= 1 and not any(t.word in _SCOPES for t in tokens)


def _in_expression(tokens: list[Token], prebound: set[str]) -> bool:
    """Whether a pre-bound variable is mentioned inside parentheses (an expression) of a
    nested block: a triple pattern there joins on it, an expression sees it unbound."""
    depth = 0
    for token in tokens:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth and token.kind == "var" and token.text[1:] in prebound:
            return True
    return False
