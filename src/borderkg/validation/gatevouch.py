"""More plans the gate decides in Python: property pairs, schemes, evidence spans, datatypes.

:class:`~borderkg.validation.gatedecide.Vouch` skips a plan that certainly finds nothing on the
batch's subjects. Besides counts and value checks (``gatefacts.py``) it decides, from the same
record of the scratch store's triples (:class:`~borderkg.validation.gatefacts.Facts`):

* ``sh:lessThan`` / ``sh:lessThanOrEquals`` plans (kind ``pair``). The plan's query gives a
  row for each (value, other value) pair its SPARQL test does not certainly pass, and the row
  is a result only if pyshacl's test (``checks.pair_fails``) fails it. So the plan finds
  nothing when that test passes every pair: decided here by integer comparison for plain
  integer literals (what rdflib makes of them), by ``checks.pair_fails`` itself for at most
  :data:`~borderkg.validation.gatefacts.VALUE_TESTS` other pairs.
* the in-scheme component's validator (:data:`IN_SCHEME_QUERY`, recognised by its text with
  the shape's path): no row when every value has ``skos:inScheme`` the scheme;
* the two SPARQL constraints of evidence spans, recognised by their exact query text
  (:data:`ANCHOR_QUERY`, :data:`SENTENCE_QUERY`): the anchor is ``text[begin:end]``, and a
  span lies inside its sentence. Each finds a row only for some combination of a span's
  values for which its expression is defined and its filter true; the Python test says
  "nothing" only when every combination has plain non-negative integer offsets, literal
  texts and anchors, IRI (or blank node) contexts, and fails the filter — where SPARQL's
  ``SUBSTR`` (code points, 1-based) and comparisons give exactly Python's slices and ``<``.
  Anything else — another query text, unusual terms, too many combinations — runs the query.
* quick passes (:class:`Shortcut`) of value checks, which need no rdflib term and count
  against no budget: ``sh:datatype`` of ``xsd:string`` literals, plain integers and real
  ``YYYY-MM-DD`` dates of the datatype asked for, integer ranges on plain integers, and
  ``sh:or`` over member shapes of such checks only (:func:`any_of`). Each passes exactly the
  values pyshacl's test passes; any other value gets the exact test.

Every test here only ever concludes "finds nothing"; a plan it is unsure of runs as usual
(tests/test_gate_vouch.py compares each with the query).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import SH, SKOS, XSD

from borderkg.ontology.namespaces import BKG, NIF
from borderkg.validation.checks import ValueCheck, pair_fails
from borderkg.validation.terms import to_rdflib

if TYPE_CHECKING:
    from borderkg.validation.compile import Plan
    from borderkg.validation.gatefacts import Facts
    from borderkg.validation.model import Shape

ANCHOR_OF = ox.NamedNode(str(NIF.anchorOf))
BEGIN = ox.NamedNode(str(NIF.beginIndex))
END = ox.NamedNode(str(NIF.endIndex))
CONTEXT = ox.NamedNode(str(NIF.referenceContext))
IS_STRING = ox.NamedNode(str(NIF.isString))
SENTENCE = ox.NamedNode(str(BKG.sentence))
IN_SCHEME = ox.NamedNode(str(SKOS.inScheme))
#: The predicates the evidence-span tests read (noted in the facts when a shape has sh:sparql).
EVIDENCE_PREDICATES = (ANCHOR_OF, BEGIN, END, CONTEXT, IS_STRING, SENTENCE)

#: Datatypes of the integers decided here: Oxigraph and rdflib read both as integers.
_INTEGERS = frozenset(ox.NamedNode(str(d)) for d in (XSD.integer, XSD.nonNegativeInteger))
_STRING = ox.NamedNode(str(XSD.string))
_DATE = ox.NamedNode(str(XSD.date))
_YMD = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: At most this many value combinations of one span are tested (else the query runs).
COMBINATIONS = 16

#: bkgsh:EvidenceSpan-anchor-matches-text's query (whitespace aside), as shapes/evidence.ttl.
ANCHOR_QUERY = """
SELECT $this ?value ?expected WHERE {
    $this nif:anchorOf ?value ; nif:beginIndex ?begin ; nif:endIndex ?end ;
        nif:referenceContext ?context .
    ?context nif:isString ?text .
    BIND (STR(SUBSTR(STR(?text), ?begin + 1, ?end - ?begin)) AS ?expected)
    FILTER (?expected != STR(?value))
}"""
#: bkgsh:EvidenceSpan-sentence-contains's query (whitespace aside).
SENTENCE_QUERY = """
SELECT $this ?value WHERE {
    $this bkg:sentence ?value ; nif:beginIndex ?begin ; nif:endIndex ?end ;
        nif:referenceContext ?context .
    ?value nif:beginIndex ?sentenceBegin ; nif:endIndex ?sentenceEnd ;
        nif:referenceContext ?sentenceContext .
    FILTER (?sentenceBegin > ?begin || ?end > ?sentenceEnd || ?sentenceContext != ?context)
}"""
#: bkgsh:InSchemeValidator's query ($PATH: the shape's path), as shapes/schemes.ttl.
IN_SCHEME_QUERY = """
SELECT $this ?value $inScheme WHERE {
    $this $PATH ?value .
    FILTER NOT EXISTS { ?value skos:inScheme $inScheme . }
}"""
_PREFIXES = {"nif": str(NIF), "bkg": str(BKG)}


def query_words(text: str) -> str:
    """A query text with its whitespace normalised (a space wherever the text has any, and
    around punctuation, so that line breaks and indentation do not matter)."""
    return " ".join(re.sub(r"([{}();.,])", r" \1 ", text).split())


_KNOWN = {query_words(ANCHOR_QUERY): "anchors", query_words(SENTENCE_QUERY): "sentences"}


def plan_key(shape: Shape, plan: Plan) -> tuple[str, Any] | None:
    """(kind, parameters) for a pair or SPARQL plan decided here, else ``None``."""
    if plan.kind == "pair" and "strict" in plan.extra and shape.is_property:
        return "pair", (ox.NamedNode(str(plan.extra["other"])), bool(plan.extra["strict"]))
    if plan.kind == "custom" and shape.is_property and shape.path_sparql:
        prepared, bindings = plan.extra["query"], plan.extra["bindings"]
        scheme = bindings.get("inScheme")
        expected = query_words(IN_SCHEME_QUERY.replace("$PATH", shape.path_sparql))
        if (
            set(bindings) == {"inScheme"}
            and isinstance(scheme, URIRef)
            and prepared.prefixes.get("skos") == str(SKOS)
            and query_words(prepared.text) == expected
        ):
            return "schemes", ox.NamedNode(str(scheme))
        return None
    if plan.kind == "sparql":
        prepared = plan.extra["query"]
        if any(prepared.prefixes.get(p) != ns for p, ns in _PREFIXES.items()):
            return None
        known = _KNOWN.get(query_words(prepared.text))
        return (known, None) if known else None
    return None


def wanted_by(shape: Shape) -> set[ox.Term]:
    """The predicates the tests here read for a shape's plans (noted in the facts)."""
    found: set[ox.Term] = set()
    for parameter in (SH.lessThan, SH.lessThanOrEquals):
        found.update(ox.NamedNode(str(o)) for o in shape.params.get(parameter, []))
    if shape.params.get(SH.sparql):
        found.update(EVIDENCE_PREDICATES)
    if shape.components:
        found.add(IN_SCHEME)
    return found


def finds_nothing(
    kind: str,
    parameters: Any,
    facts: Facts,
    focus: Iterable[ox.Term],
    path: tuple[ox.Term, ...],
    budget: int,
) -> bool:
    """Whether a plan decided here certainly has no result on the ``focus`` nodes."""
    if kind == "pair":
        other, strict = parameters
        return pairs_pass(facts, focus, path, other, strict, budget)
    if kind == "anchors":
        return anchors_match(facts, focus)
    if kind == "schemes":
        return in_scheme(facts, focus, path, parameters)
    return sentences_contain(facts, focus)


@lru_cache(maxsize=1 << 14)
def small_int(term: ox.Term) -> int | None:
    """The value of a plain non-negative integer literal (``xsd:integer`` or
    ``xsd:nonNegativeInteger``, at most 15 ASCII digits), else ``None``. Remembered: the
    same offsets are read by several plans of a check."""
    if isinstance(term, ox.Literal) and term.datatype in _INTEGERS:
        text = term.value
        if len(text) <= 15 and text.isascii() and text.isdigit():
            return int(text)
    return None


def pairs_pass(
    facts: Facts,
    focus: Iterable[ox.Term],
    path: tuple[ox.Term, ...],
    other: ox.Term,
    strict: bool,
    budget: int,
) -> bool:
    """Whether pyshacl's sh:lessThan(OrEquals) test passes every (value, other value) pair of
    the focus nodes (``budget``: pairs tested through rdflib at most)."""
    for node in focus:
        values = facts.objects(node, path)
        if not values:
            continue
        for second in facts.objects(node, (other,)):
            right = small_int(second)
            for value in values:
                left = small_int(value)
                if left is not None and right is not None:
                    if left < right if strict else left <= right:
                        continue
                    return False
                budget -= 1
                if budget < 0 or pair_fails(to_rdflib(value), to_rdflib(second), strict=strict):
                    return False
    return True


def in_scheme(
    facts: Facts, focus: Iterable[ox.Term], path: tuple[ox.Term, ...], scheme: ox.Term
) -> bool:
    """Whether every value along the path of the focus nodes is ``skos:inScheme`` the
    scheme: then :data:`IN_SCHEME_QUERY` has no row."""
    for node in focus:
        for value in facts.objects(node, path):
            if scheme not in facts.record(value).get(IN_SCHEME, ()):
                return False
    return True


def anchors_match(facts: Facts, focus: Iterable[ox.Term]) -> bool:
    """Whether :data:`ANCHOR_QUERY` certainly has no row for the focus spans."""
    texts: dict[ox.Term, list[str] | None] = {}  # each context's texts (read once: long)
    for span in focus:
        record = facts.record(span)
        anchors = record.get(ANCHOR_OF)
        begins = record.get(BEGIN)
        ends = record.get(END)
        contexts = record.get(CONTEXT)
        if not (anchors and begins and ends and contexts):
            continue  # no row: the pattern does not match
        if len(anchors) * len(begins) * len(ends) * len(contexts) > COMBINATIONS:
            return False
        firsts, lasts = _numbers(begins), _numbers(ends)
        if firsts is None or lasts is None:
            return False
        for context in contexts:
            if context not in texts:
                found = facts.record(context).get(IS_STRING, ())
                plain = all(isinstance(t, ox.Literal) for t in found)
                texts[context] = [t.value for t in found] if plain else None
            wholes = texts[context]
            if wholes is None:
                return False
            for whole in wholes:
                for first in firsts:
                    for last in lasts:
                        expected = whole[first:last] if first <= last else ""
                        for anchor in anchors:
                            if not isinstance(anchor, ox.Literal) or anchor.value != expected:
                                return False
    return True


#: A node's offsets and texts for :func:`sentences_contain`: (begins, ends, contexts), or
#: ``None`` when one of them is not decided here.
_Offsets = tuple[list[int], list[int], list[ox.NamedNode | ox.BlankNode]] | None


def sentences_contain(facts: Facts, focus: Iterable[ox.Term]) -> bool:
    """Whether :data:`SENTENCE_QUERY` certainly has no row for the focus spans."""
    seen: dict[ox.Term, _Offsets] = {}

    def offsets(node: ox.Term) -> _Offsets:
        if node not in seen:
            seen[node] = _offsets(facts, node)
        return seen[node]

    for span in focus:
        sentences = facts.record(span).get(SENTENCE)
        if not sentences:
            continue
        inner = offsets(span)
        for sentence in sentences:
            outer = offsets(sentence)
            if inner is None or outer is None or not _inside(inner, outer):
                return False
    return True


def _offsets(facts: Facts, node: ox.Term) -> _Offsets:
    record = facts.record(node)
    begins = _numbers(record.get(BEGIN, ()))
    ends = _numbers(record.get(END, ()))
    contexts = list(record.get(CONTEXT, ()))
    if begins is None or ends is None or not all(map(_node, contexts)):
        return None
    return begins, ends, contexts


def _inside(
    inner: tuple[list[int], list[int], list[ox.Term]],
    outer: tuple[list[int], list[int], list[ox.Term]],
) -> bool:
    """Whether every combination of a span's (``inner``) and its sentence's offsets and
    texts has the span inside the sentence, in the same text (true too when there is no
    combination at all: then the query has no row)."""
    begins, ends, contexts = inner
    starts, limits, texts = outer
    if not (begins and ends and contexts and starts and limits and texts):
        return True
    if any(text != context for context in contexts for text in texts):
        return False
    return max(starts) <= min(begins) and max(ends) <= min(limits)


def _node(term: ox.Term) -> bool:
    return isinstance(term, ox.NamedNode | ox.BlankNode)


def _numbers(terms: Iterable[ox.Term]) -> list[int] | None:
    """The values of plain integer literals, or ``None`` if one is not."""
    found = []
    for term in terms:
        number = small_int(term)
        if number is None:
            return None
        found.append(number)
    return found


class Shortcut:
    """An exact Python test with a quick answer for values it certainly passes.

    ``fails(value, rdflib value)``: the test; ``passes(value)``: ``True`` only where the test
    certainly passes (the value then needs no rdflib term).
    """

    def __init__(
        self, fails: Callable[[ox.Term, Any], bool], passes: Callable[[ox.Term], bool]
    ) -> None:
        self.fails = fails
        self.passes = passes

    def __call__(self, value: ox.Term, rdf: Any) -> bool:
        return self.fails(value, rdf)


def string_literal(value: ox.Term) -> bool:
    """Whether a value is an ``xsd:string`` literal: it passes ``sh:datatype xsd:string``
    (pyshacl asks for a literal whose Python value is a string, which every one is)."""
    return isinstance(value, ox.Literal) and value.datatype == _STRING


def _typed_integer(datatype: ox.NamedNode) -> Callable[[ox.Term], bool]:
    """A test of literals of ``datatype`` (an integer type) with plain digits: rdflib reads
    them as ``int``, which is what pyshacl's sh:datatype test asks for."""

    def passes(value: ox.Term) -> bool:
        return (
            isinstance(value, ox.Literal)
            and value.datatype == datatype
            and (small_int(value) is not None)
        )

    return passes


@lru_cache(maxsize=1 << 12)
def _plain_date(value: ox.Term) -> bool:
    """Whether a value is an ``xsd:date`` literal ``YYYY-MM-DD`` naming a real day: rdflib
    reads it as a ``date``, which is what pyshacl's sh:datatype test asks for."""
    if not (isinstance(value, ox.Literal) and value.datatype == _DATE):
        return False
    text = value.value
    if not _YMD.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


_QUICK_DATATYPES: dict[ox.NamedNode, Callable[[ox.Term], bool]] = {
    _STRING: string_literal,
    _DATE: _plain_date,
    **{d: _typed_integer(d) for d in _INTEGERS},
}


def shortcut(check: ValueCheck) -> Shortcut | None:
    """A :class:`Shortcut` for a datatype check of strings, plain integers or dates, or a
    range check with an integer bound on plain integers; ``None`` for other checks."""
    fails = check.fails
    if fails is None:
        return None
    if check.datatype is not None:
        quick = _QUICK_DATATYPES.get(ox.NamedNode(str(check.datatype)))
        return Shortcut(fails, quick) if quick is not None else None
    bound, accept = check.bound, check.accept
    if (
        isinstance(bound, Literal)
        and bound.datatype == XSD.integer
        and type(bound.value) is int
        and accept is not None
    ):
        limit = bound.value

        def within(value: ox.Term) -> bool:
            number = small_int(value)
            return number is not None and accept((number > limit) - (number < limit))

        return Shortcut(fails, within)
    return None


def any_of(members: list[list[Any]]) -> Shortcut:
    """The test of ``sh:or`` over member shapes that have value checks only (``members``:
    each one's tests): a value passes when it passes every test of some member. Quick only
    where some member's tests are all shortcuts passing the value."""

    quick = [
        [test.passes for test in tests]
        for tests in members
        if all(isinstance(test, Shortcut) for test in tests)
    ]

    def fails(value: ox.Term, rdf: Any) -> bool:
        return not any(all(not test(value, rdf) for test in tests) for tests in members)

    def passes(value: ox.Term) -> bool:
        for tests in quick:
            for test in tests:
                if not test(value):
                    break
            else:
                return True
        return False

    return Shortcut(fails, passes)
