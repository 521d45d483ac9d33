"""Value-node constraints: a SPARQL test that certainly passes, and pyshacl's exact test.

Each check gives a SPARQL boolean expression over a value that is true only when pyshacl would
accept the value (``passes``), and a Python predicate that decides exactly as pyshacl does, on
the rdflib term pyshacl would see (``fails``). The SPARQL side is exact for the common cases
(plain strings, IRIs, canonical numbers and dates); values it cannot vouch for — ill-typed
literals, lexical forms rdflib writes differently, types only rdflib parses — come back from
the query and are decided in Python. That is how the engine agrees with pyshacl on literals
where pyoxigraph and rdflib differ, without deciding every value in Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node, _toPythonMapping

from borderkg.validation.terms import nt, to_rdflib

# Datatypes whose canonical pyoxigraph form rdflib parses to a value of the right type, with
# a test keeping out forms Python's date types cannot hold (years outside 1..9999, time
# zones on dates, fractions of seconds); those are decided in Python.
_CASTABLE = {
    XSD.integer: "",
    XSD.decimal: "",
    XSD.double: "",
    XSD.float: "",
    XSD.boolean: "",
    XSD.date: ' && STRLEN(STR({v})) = 10 && !STRSTARTS(STR({v}), "0000")',
    XSD.dateTime: (
        ' && SUBSTR(STR({v}), 5, 1) = "-" && !STRSTARTS(STR({v}), "0000")'
        ' && !CONTAINS(STR({v}), ".")'
    ),
}
_NUMERIC = (XSD.integer, XSD.decimal, XSD.double, XSD.float)
_STRINGY = '(isIRI({v}) || DATATYPE({v}) = <{s}> || LANG({v}) != "")'
_NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "!isLiteral({v})",
    SH.BlankNodeOrLiteral: "!isIRI({v})",
    SH.IRIOrLiteral: "!isBlank({v})",
}


def sparql_string(text: str) -> str:
    """A SPARQL string literal of ``text``."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _stringy(var: str) -> str:
    return _STRINGY.format(v=var, s=XSD.string)


@dataclass
class ValueCheck:
    """One value-node constraint: its component, SPARQL pass test and exact Python test."""

    component: URIRef
    passes: Callable[[str], str]  # SPARQL expression over a variable: certainly passes
    exact: bool  # whether ``passes`` is also necessary (no Python check needed)
    fails: Callable[[ox.Term, Node], bool] | None  # exact test (ox term, rdflib term)
    needs_store: bool = False  # decided by the evaluator against the store (sh:class)
    classes: list[Node] | None = None  # the classes of a sh:class check
    datatype: Node | None = None  # the datatype of a sh:datatype check
    bound: Node | None = None  # the bound of a range check (sh:minInclusive …)
    accept: Callable[[int], bool] | None = None  # a range check's test of a comparison's sign
    iri_exact: bool = False  # ``passes`` is exact on IRIs (a sh:pattern of literal text)


# --- datatype ---------------------------------------------------------------------------------


# pyshacl's two value tests, written out here so that a check need not import pyshacl
# (~0.4 s): tests/test_validation_checks_pyshacl.py holds them to pyshacl's own functions.

#: Datatypes whose Python value pyshacl checks; any other datatype passes (pyshacl 0.40,
#: ``DatatypeConstraintComponent._assert_actual_datatype``).
_PYTHON_TYPES: dict[Node, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}


def actual_datatype(value: Literal, datatype: Node) -> bool:
    """Whether the literal's Python value is of the kind ``datatype`` asks for, as pyshacl
    decides it (an ill-formed ``"x"^^xsd:integer`` keeps a ``str`` value and fails)."""
    kind = _PYTHON_TYPES.get(datatype)
    return True if kind is None else isinstance(value.value, kind)


def compare_literal(first: Literal, second: Literal) -> int:
    """pyshacl's ordering of two literals (``rdfutil.compare.compare_literal``): 0 equal,
    1 greater, -1 otherwise; raises ``TypeError`` for literals that do not compare.
    Date-times and times compare by value, without rdflib's forced total order."""
    if first.eq(second):
        return 0
    if first.value.__class__ in (datetime, time):
        if first.value == second.value:
            return 0
        if first.value > second.value:
            return 1
    elif first > second:
        return 1
    return -1


def datatype_fails(value: Node, datatype: Node) -> bool:
    """pyshacl's sh:datatype test (constraints/core/value_constraints.py)."""
    matches = False
    if isinstance(value, Literal):
        if value.datatype == datatype:
            ill = getattr(value, "ill_typed", None)
            matches = False if ill is True else actual_datatype(value, datatype)
        elif datatype == RDFS.Literal or (datatype == RDFS.Datatype and value.datatype):
            matches = True
        elif (value.datatype is None and value.language is None and datatype == XSD.string) or (
            datatype == RDF.langString and value.language
        ):
            matches = actual_datatype(value, datatype)
    return not matches


def datatype_check(datatype: Node) -> ValueCheck:
    """sh:datatype."""
    exact = True
    if datatype == XSD.string:
        template = f"(isLiteral({{v}}) && DATATYPE({{v}}) = <{XSD.string}>)"
    elif datatype == RDF.langString:
        template = '(isLiteral({v}) && LANG({v}) != "")'
    elif datatype == RDFS.Literal:
        template = "isLiteral({v})"
    elif datatype in _CASTABLE:
        exact = False
        shape_test = _CASTABLE[datatype]
        # The cast's sameTerm implies the datatype; DATATYPE() itself costs Oxigraph a
        # dictionary lookup per row, several times the cast.
        template = (
            f"(isLiteral({{v}}){shape_test}"
            f" && COALESCE(sameTerm(<{datatype}>(STR({{v}})), {{v}}), false))"
        )
    elif isinstance(datatype, URIRef) and _toPythonMapping.get(datatype) is None:
        # rdflib neither parses nor checks this datatype: the datatype IRI decides.
        template = f"(isLiteral({{v}}) && DATATYPE({{v}}) = <{datatype}>)"
    else:
        exact = False
        template = "false"
    return ValueCheck(
        component=SH.DatatypeConstraintComponent,
        passes=lambda v: template.replace("{v}", v),
        exact=exact,
        fails=lambda _o, value: datatype_fails(value, datatype),
        datatype=datatype,
    )


# --- node kind, class, strings, languages, sh:in -------------------------------------------


def node_kind_fails(value: Node, kind: Node) -> bool:
    """pyshacl's sh:nodeKind test."""
    if isinstance(value, BNode):
        return kind not in (SH.BlankNode, SH.BlankNodeOrLiteral, SH.BlankNodeOrIRI)
    if isinstance(value, Literal):
        return kind not in (SH.Literal, SH.BlankNodeOrLiteral, SH.IRIOrLiteral)
    return kind not in (SH.IRI, SH.IRIOrLiteral, SH.BlankNodeOrIRI)


def node_kind_check(kind: Node) -> ValueCheck:
    """sh:nodeKind (exact in SPARQL)."""
    template = _NODE_KINDS.get(kind, "false")
    return ValueCheck(
        component=SH.NodeKindConstraintComponent,
        passes=lambda v: template.replace("{v}", v),
        exact=kind in _NODE_KINDS,
        fails=lambda _o, value: node_kind_fails(value, kind),
    )


def class_check(classes: list[Node]) -> ValueCheck:
    """sh:class: an instance of every class, through rdfs:subClassOf* (exact in SPARQL)."""
    tests = " && ".join(is_instance("{v}", c) for c in classes)
    return ValueCheck(
        component=SH.ClassConstraintComponent,
        passes=lambda v: tests.replace("{v}", v),
        exact=True,
        fails=None,
        needs_store=True,
        classes=list(classes),
    )


def is_instance(var: str, cls: Node) -> str:
    """A placeholder for "``var`` is an instance of ``cls``", expanded when the query runs.

    ``engine_sparql.expand_classes`` writes it as a membership test of the type in the class's
    subclasses, read from the data first: far cheaper per value than walking
    ``rdf:type/rdfs:subClassOf*`` from every value.
    """
    return f"%%ISA {var} {nt(cls)}%%"


def string_of(value: Node) -> str:
    """pyshacl's string form of a value for sh:minLength, sh:maxLength and sh:pattern."""
    if (
        isinstance(value, Literal)
        and value.value is not None
        and value.datatype in (None, RDF.langString, XSD.string)
    ):
        return str(value.value)
    return str(value)


def length_check(limit: Node, *, minimum: bool) -> ValueCheck:
    """sh:minLength / sh:maxLength; exact in SPARQL for IRIs and strings."""
    n = int(limit.toPython()) if isinstance(limit, Literal) else 0
    if minimum and n == 0:
        return ValueCheck(SH.MinLengthConstraintComponent, lambda v: "true", True, None)
    op = ">=" if minimum else "<="

    def fails(_o: ox.Term, value: Node) -> bool:
        if isinstance(value, BNode):
            return True
        length = len(string_of(value))
        return not (length >= n if minimum else length <= n)

    return ValueCheck(
        component=SH.MinLengthConstraintComponent if minimum else SH.MaxLengthConstraintComponent,
        passes=lambda v: f"({_stringy(v)} && STRLEN(STR({v})) {op} {n})",
        exact=False,
        fails=fails,
    )


# A pattern of literal text: an optional ``^``, characters that are no regex syntax or
# escaped regex syntax (``\.``), an optional final ``$``. SPARQL's REGEX and Python's ``re``
# match it alike on text without line breaks, such as an IRI.
_LITERAL_PATTERN = re.compile(r"\^?(?:[^\\.^$*+?()\[\]{}|\s]|\\[\\.^$*+?()\[\]{}|-])*\$?")


def pattern_check(pattern: Node, flags: Node | None) -> ValueCheck:
    """sh:pattern (flags i and m, as pyshacl); Python's ``re`` has the final say.

    Exact on IRIs when the pattern is literal text without flags (``iri_exact``): a shape
    that also has ``sh:nodeKind sh:IRI`` is then decided in SPARQL alone, as a qualified
    value shape must be.
    """
    text = str(pattern.value) if isinstance(pattern, Literal) and pattern.value else str(pattern)
    lowered = str(flags).lower() if flags is not None else ""
    re_flags = (re.I if "i" in lowered else 0) | (re.M if "m" in lowered else 0)
    compiled = re.compile(text, re_flags)
    sparql_flags = "".join(f for f in "im" if f in lowered)
    portable = not re.search(r"\[:|\\[pPZAz]|\(\?|\\[0-9]", text)

    def passes(v: str) -> str:
        if not portable:
            return "false"
        return f"({_stringy(v)} && REGEX(STR({v}), {sparql_string(text)}, {sparql_string(sparql_flags)}))"

    def fails(_o: ox.Term, value: Node) -> bool:
        if isinstance(value, BNode):
            return True
        string = string_of(value)
        return not (compiled.match(string) or compiled.search(string))

    literal = not lowered and bool(_LITERAL_PATTERN.fullmatch(text))
    return ValueCheck(SH.PatternConstraintComponent, passes, False, fails, iri_exact=literal)


def language_in_check(languages: list[Node]) -> ValueCheck:
    """sh:languageIn as pyshacl reads it: the tag, or its first subtag, in the list."""
    wanted = {str(lang).lower() for lang in languages}
    listed = ", ".join(sparql_string(w) for w in sorted(wanted)) or '""'

    def passes(v: str) -> str:
        if "*" in wanted:
            return f'(isLiteral({v}) && LANG({v}) != "")'
        return (
            f'(isLiteral({v}) && LANG({v}) != "" && (LCASE(LANG({v})) IN ({listed}) || '
            f'LCASE(STRBEFORE(CONCAT(LANG({v}), "-"), "-")) IN ({listed})))'
        )

    def fails(_o: ox.Term, value: Node) -> bool:
        if not isinstance(value, Literal) or not value.language:
            return True
        lang = str(value.language).lower()
        return not ("*" in wanted or lang in wanted or lang.split("-")[0] in wanted)

    return ValueCheck(SH.LanguageInConstraintComponent, passes, True, fails)


def in_check(members: list[Node]) -> ValueCheck:
    """sh:in: IRIs and strings matched in SPARQL, other literals decided on rdflib terms."""
    allowed = set(members)
    simple = [
        m
        for m in members
        if isinstance(m, URIRef)
        or (isinstance(m, Literal) and m.datatype is None and m.language is None)
    ]

    def passes(v: str) -> str:
        if not simple:
            return "false"
        return "(" + " || ".join(f"sameTerm({v}, {nt(m)})" for m in simple) + ")"

    return ValueCheck(
        SH.InConstraintComponent, passes, False, lambda _o, value: value not in allowed
    )


# --- value ranges -------------------------------------------------------------------------------

_RANGES = {
    SH.minInclusive: (SH.MinInclusiveConstraintComponent, ">=", lambda c: c >= 0),
    SH.minExclusive: (SH.MinExclusiveConstraintComponent, ">", lambda c: c > 0),
    SH.maxInclusive: (SH.MaxInclusiveConstraintComponent, "<=", lambda c: c <= 0),
    SH.maxExclusive: (SH.MaxExclusiveConstraintComponent, "<", lambda c: c < 0),
}


def range_fails(value: Node, bound: Literal, accept: Callable[[int], bool]) -> bool:
    """pyshacl's range test (constraints/core/value_range_constraints.py)."""
    if not isinstance(value, Literal):
        return True
    bound_is_string = isinstance(bound.value, str)
    value_is_string = isinstance(value.value, str)
    if bound_is_string != value_is_string:
        return True
    try:
        return not accept(compare_literal(value, bound))
    except (TypeError, NotImplementedError):
        return True


def range_check(parameter: URIRef, bound: Node) -> ValueCheck:
    """sh:minInclusive, sh:minExclusive, sh:maxInclusive, sh:maxExclusive."""
    component, op, accept = _RANGES[parameter]
    assert isinstance(bound, Literal)
    text = nt(bound)
    if bound.datatype in _NUMERIC and not bound.ill_typed:
        integral = float(bound.value) == int(bound.value) and abs(bound.value) < 2**53
        kinds = (
            "isNumeric({v})"
            if integral
            else (f"DATATYPE({{v}}) IN (<{XSD.integer}>, <{XSD.decimal}>)")
        )
        template = f"({kinds} && {{v}} {op} {text})"
    elif bound.datatype == XSD.date and len(str(bound)) == 10:
        template = (
            f"(DATATYPE({{v}}) = <{XSD.date}> && STRLEN(STR({{v}})) = 10 && {{v}} {op} {text})"
        )
    else:
        template = "false"
    return ValueCheck(
        component=component,
        passes=lambda v: template.replace("{v}", v),
        exact=False,
        fails=lambda _o, value: range_fails(value, bound, accept),
        bound=bound,
        accept=accept,
    )


# --- pairs of properties ----------------------------------------------------------------------


def pair_fails(value: Node, other: Node, *, strict: bool) -> bool:
    """pyshacl's sh:lessThan / sh:lessThanOrEquals test of one value against one other value.

    pyshacl stops with an error on blank nodes; they are reported here instead.
    """
    if isinstance(value, BNode) or isinstance(other, BNode):
        return True

    def plain(node: Node) -> tuple[object, bool]:
        if isinstance(node, URIRef):
            return str(node), True
        if isinstance(node, Literal) and isinstance(node.value, str):
            return node.value, True
        return node, False

    left, left_is_string = plain(value)
    right, right_is_string = plain(other)
    if left_is_string != right_is_string:
        return True
    try:
        return not (left < right if strict else left <= right)
    except TypeError:
        return True


def pair_passes(left: str, right: str, *, strict: bool) -> str:
    """SPARQL that certainly passes sh:lessThan(OrEquals): same-family numbers, plain dates.

    A number's family is told by a cast that gives the same term back (an ``xsd:integer``
    cast of an integer, ``xsd:double`` of a double …): stricter than its datatype only for
    non-canonical forms, whose rows the evaluator then decides, and far cheaper than
    ``DATATYPE()`` in Oxigraph.
    """
    op = "<" if strict else "<="

    def family(term: str, datatypes: tuple[URIRef, ...]) -> str:
        return (
            "("
            + " || ".join(f"COALESCE(sameTerm(<{d}>({term}), {term}), false)" for d in datatypes)
            + ")"
        )

    exact, floats = (XSD.integer, XSD.decimal), (XSD.double, XSD.float)
    return (
        f"((isNumeric({left}) && isNumeric({right}) && {left} {op} {right} && "
        f"(({family(left, exact)} && {family(right, exact)}) || "
        f"({family(left, floats)} && {family(right, floats)}))) || "
        f"(DATATYPE({left}) = <{XSD.date}> && DATATYPE({right}) = <{XSD.date}> && "
        f"STRLEN(STR({left})) = 10 && STRLEN(STR({right})) = 10 && {left} {op} {right}))"
    )


def rdflib_term(term: ox.Term) -> Node:
    """The rdflib term for a query result term."""
    return to_rdflib(term)
