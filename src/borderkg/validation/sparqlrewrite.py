"""Whole-store forms of SPARQL-based constraints: the same rows, with scans and hash joins.

A constraint's SELECT, once its WHERE group starts with the focus-node pattern (``?this``
bound to every focus node), is evaluated by Oxigraph as index lookups from each focus node:
right for a gate check, some 10 µs per lookup over a whole store. :func:`rewrite_group`
rewrites the top level of the group, element by element, into forms Oxigraph evaluates as one
scan and a hash join, keeping the solutions (as a set: the engine deduplicates results):

* a triple pattern with an IRI predicate becomes ``{ SELECT * WHERE { s p o } }`` where
  :class:`~borderkg.validation.costs.Costs` says scanning it beats the lookups;
* ``FILTER NOT EXISTS { triples }`` becomes ``MINUS { triples }`` and ``FILTER EXISTS
  { triples }`` a join with ``{ SELECT DISTINCT shared WHERE { triples } }``, when every
  variable they share with the rest of the query is certainly bound by its triples (then
  MINUS and the join remove and keep exactly the rows the filters do) and at least one is;
* a ``GRAPH`` block, group or triple with a variable predicate that has variables used
  nowhere else becomes ``{ SELECT DISTINCT kept WHERE { focus element } }``: the focus
  pattern drives the lookups, and the rows differing only in the unused variables — the
  cross products that made such queries slow — are merged before the joins.

Anything :mod:`~borderkg.validation.sparqlgroup` cannot read is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from borderkg.validation.sparqlgroup import Element, Triple, read_group, tokenize
from borderkg.validation.sparqltext import SelectQuery, blank_out

#: ``pays(triple)``: whether to scan this triple pattern once.
Pays = Callable[[Triple], bool]

_STRINGS = re.compile(
    r"'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\""
)
_VAR = re.compile(r"[?$]([A-Za-z0-9_\u00b7\u00c0-\uffff]+)")


@dataclass
class Rewrite:
    """The text of a rewritten group, and what the rewrite did."""

    text: str
    changed: bool
    pushed: bool  # an element was pushed under the focus pattern
    free: bool = False  # the focus pattern was left out: keep only the rows of focus nodes


def variables(text: str) -> list[str]:
    """The variable names mentioned in a stretch of SPARQL (``$x`` and ``?x`` alike),
    read generously: also from text inside IRIs, so that no use is ever missed."""
    clean = _STRINGS.sub(lambda m: " " * len(m.group(0)), text)
    return [m.group(1) for m in _VAR.finditer(clean)]


def rewrite_group(
    query: SelectQuery,
    focus: str,
    lead: str,
    pays: Pays,
    *,
    pushdown: bool = True,
    free: bool = True,
) -> Rewrite | None:
    """The full text of ``query`` with ``focus`` and ``lead`` first in its WHERE group,
    rewritten; ``None`` if the group could not be read (run the query as written).

    ``focus``: the focus-node pattern (the group binding ``?this``), also repeated inside
    pushed-down elements; ``lead``: what else precedes the query's own pattern;
    ``pays(triple)`` decides each scan. With ``free``, the focus pattern is left out when
    ``?this`` is bound by a triple of the group before any OPTIONAL, BIND or MINUS (so that
    nothing sees ``?this`` unbound) and one of its triples is scanned: the query's rows for a
    focus node do not change, and the caller keeps the rows of focus nodes (``Rewrite.free``).
    """
    body = lead + "\n" + query.text[query.brace + 1 : query.close]
    elements = read_group(body)
    if elements is None:
        return None
    head = query.text[: query.brace + 1]
    tail = query.text[query.close :]
    projection = blank_out(head)[: query.brace]
    star = "*" in projection[projection.upper().rfind("SELECT") :]
    everywhere = _occurrences(head + focus + body + tail)
    certain = _certain(elements) | {"this"}
    early = _certain(_before_sequence(elements))
    out: list[str] = []
    after: list[str] = []
    changed = pushed = scanned = False
    for element in elements:
        text = body[element.start : element.end]
        inside = _occurrences(text)
        outside = {v: n - inside.get(v, 0) for v, n in everywhere.items()}
        private = {v for v in inside if not outside.get(v)}
        if element.kind == "triples" and element.triples is not None:
            spread = _spread(element.triples, outside)
            parts = []
            for triple in element.triples:
                own = _private(triple, spread) if pushdown and not star else set()
                part = _triple(triple, pays, focus, own)
                parts.append(part)
                changed = changed or part != triple.text
                pushed = pushed or part.startswith("{ SELECT DISTINCT")
                scanned = scanned or (part.startswith("{ SELECT *") and "this" in _names(triple))
            out.append(" ".join(parts))
            continue
        if element.kind == "filter":
            moved = _filter(body, element, outside, certain, pays)
            if moved is not None:
                after.append(moved)
                changed = True
                continue
        if (
            pushdown
            and not star
            and element.kind in ("graph", "group")
            and private
            and "this" in inside
            and _has_variable_predicate(element)
        ):
            kept = sorted(v for v in inside if v not in private)
            out.append(
                f"{{ SELECT DISTINCT {' '.join('?' + v for v in kept)} WHERE {{ {focus} {text} }} }}"
            )
            changed = pushed = True
            continue
        out.append(text)
    if not changed:
        return Rewrite(query.with_leading(focus + " " + lead), False, False)
    unbound = free and scanned and "this" in early
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in query.prefixes.items())
    group = "\n".join([*([] if unbound else [focus]), *out, *after])
    return Rewrite(prologue + head + "\n" + group + "\n" + tail, True, pushed, unbound)


def _occurrences(text: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for name in variables(text):
        found[name] = found.get(name, 0) + 1
    return found


def _names(triple: Triple) -> list[str]:
    return [t[1:] for t in (triple.subject, triple.predicate, triple.object) if t[:1] in "?$"]


def _spread(triples: list[Triple], outside: dict[str, int]) -> dict[str, int]:
    """How many terms name each variable: in the block's triples (a subject shared through
    ``;`` counts once per triple) plus everywhere outside the block."""
    found = {v: n for v, n in outside.items() if n}
    for triple in triples:
        for name in _names(triple):
            found[name] = found.get(name, 0) + 1
    return found


def _private(triple: Triple, spread: dict[str, int]) -> set[str]:
    """The variables of a triple that no other part of the query mentions."""
    names = _names(triple)
    return {v for v in names if spread.get(v, 0) == names.count(v)}


def _before_sequence(elements: list[Element]) -> list[Element]:
    """The elements before the first one whose meaning depends on what precedes it
    (OPTIONAL, BIND, MINUS, SERVICE): joins and filters in any order give the same rows."""
    found = []
    for element in elements:
        if element.kind in ("optional", "bind", "minus", "service"):
            break
        found.append(element)
    return found


def _certain(elements: list[Element]) -> set[str]:
    """Variables bound in every solution of the group: those of its top-level triples and of
    VALUES without UNDEF."""
    found: set[str] = set()
    for element in elements:
        if element.kind == "triples" and element.triples is not None:
            for triple in element.triples:
                for term in (triple.subject, triple.predicate, triple.object):
                    if term[:1] in "?$":
                        found.add(term[1:])
        elif element.kind == "values" and not any(t.word == "UNDEF" for t in element.tokens):
            found.update(t.text[1:] for t in element.tokens if t.kind == "var")
    return found


def _triple(triple: Triple, pays: Pays, focus: str, private: set[str]) -> str:
    names = set(_names(triple))
    if triple.simple and not _blank_label(triple) and pays(triple):
        return f"{{ SELECT * WHERE {{ {triple.text} }} }}"
    if (
        triple.predicate[:1] in "?$"
        and "this" in names
        and names & private
        and not _blank_label(triple)
    ):
        kept = sorted(names - private)
        return f"{{ SELECT DISTINCT {' '.join('?' + v for v in kept)} WHERE {{ {focus} {triple.text} }} }}"
    return triple.text


def _blank_label(triple: Triple) -> bool:
    return any(t.startswith("_:") for t in (triple.subject, triple.object))


def _has_variable_predicate(element: Element) -> bool:
    """Whether a block has a triple pattern whose predicate is a variable (by its tokens:
    a variable right after a subject term)."""
    tokens = element.tokens
    for i in range(1, len(tokens)):
        previous, token = tokens[i - 1], tokens[i]
        if token.kind == "var" and previous.kind in ("var", "iri", "pname", "bnode"):
            return True
    return False


def _filter(
    body: str, element: Element, outside: dict[str, int], certain: set[str], pays: Pays
) -> str | None:
    """The MINUS or semi-join replacing a ``FILTER [NOT] EXISTS { triples }``, or ``None``."""
    words = [t.word for t in element.tokens[:3]]
    if words[1:3] == ["NOT", "EXISTS"]:
        negated = True
    elif words[1:2] == ["EXISTS"]:
        negated = False
    else:
        return None
    brace = next(i for i, t in enumerate(element.tokens) if t.text == "{")
    inner_start, inner_end = element.tokens[brace].end, element.tokens[-1].start
    inner = body[inner_start:inner_end]
    elements = read_group(inner)
    if not elements or any(e.kind != "triples" or e.triples is None for e in elements):
        return None
    triples = [t for e in elements for t in e.triples or []]
    if any(not t.simple or _blank_label(t) for t in triples):
        return None
    mentioned = set(variables(inner))
    shared = {v for v in mentioned if outside.get(v)}
    if not shared or not shared <= certain:
        return None
    if not all(pays(t) for t in triples):
        return None
    pattern = " ".join(t.text for t in triples)
    if negated:
        return f"MINUS {{ {pattern} }}"
    return (
        f"{{ SELECT DISTINCT {' '.join('?' + v for v in sorted(shared))} WHERE {{ {pattern} }} }}"
    )


def parses(text: str) -> bool:
    """Whether the tokenizer balances the text's brackets (a cheap sanity check)."""
    return tokenize(text) is not None
