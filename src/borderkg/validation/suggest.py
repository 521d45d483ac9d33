"""Likely intended IRIs for links to nodes that exist nowhere (typos).

A ``skos:broader``/``narrower``/``related`` value that is no concept of the data or of the
project's schemes (``sh:class skos:Concept`` of bkgsh:Concept-broader, -narrower, -related)
is almost always a misspelt IRI, and so is any other result's value IRI that nothing
describes (``sem:hasPlace place:hyesn``). SHACL cannot measure edit distance, so the report
is completed here, the same way for both engines: the known concept (for the concept links)
or the described IRI of the value's namespace (for the others) closest by edit distance is
appended to the result's message as "did you mean …?", when it is close enough to be a
typo. :func:`closest_concept` is also what ``borderkg.validation.knownterms`` guesses with.
"""

from __future__ import annotations

from dataclasses import replace

import pyoxigraph as ox

from borderkg.validation.report import ValidationReport, ValidationResult

#: Shapes whose results get a suggestion (full IRIs).
SUGGESTING_SHAPES = frozenset(
    f"https://w3id.org/borderkg/shapes#Concept-{relation}"
    for relation in ("broader", "narrower", "related")
)

_CONCEPTS = """
SELECT DISTINCT ?concept WHERE {
    ?concept a <http://www.w3.org/2004/02/skos/core#Concept> . FILTER (isIRI(?concept))
}"""


def edit_distance(first: str, second: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions of one character."""
    if len(first) < len(second):
        first, second = second, first
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i]
        for j, b in enumerate(second, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


def split_iri(iri: str) -> tuple[str, str]:
    """``(namespace, local name)``: the IRI cut after its last ``/`` or ``#``."""
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    return iri[:cut], iri[cut:]


def _tolerance(local: str) -> int:
    """Edits a typo of ``local`` may plausibly have: one per four characters, 1 to 3."""
    return min(3, max(1, len(local) // 4))


def closest_concept(iri: str, concepts: list[str]) -> str | None:
    """The concept IRI ``iri`` most likely misspells, or ``None`` when none is close.

    Compared by local name, case-insensitively, within the same namespace first; a concept
    of another namespace qualifies only with exactly the same local name.
    """
    namespace, local = split_iri(iri)
    if not local:
        return None
    wanted = local.casefold()
    best: tuple[bool, int, str] | None = None
    for concept in concepts:
        if concept == iri:
            continue
        other_namespace, other_local = split_iri(concept)
        elsewhere = other_namespace != namespace  # ranks after every same-namespace guess
        if not elsewhere:
            distance = edit_distance(wanted, other_local.casefold())
        elif other_local.casefold() == wanted:
            distance = 0
        else:
            continue
        rank = (elsewhere, distance, concept)
        if distance <= _tolerance(local) and (best is None or rank < best):
            best = rank
    return None if best is None else best[2]


def known_concepts(store: ox.Store) -> list[str]:
    """Every IRI typed ``skos:Concept`` in the store, in any graph."""
    rows = store.query(_CONCEPTS, use_default_graph_as_union=True)
    return sorted(row["concept"].value for row in rows)


def with_suggestion(result: ValidationResult, concepts: list[str]) -> ValidationResult:
    """The result with "did you mean …?" added to its message, when a concept is close."""
    value = result.value
    if not (value and value.startswith("<") and value.endswith(">")):
        return result
    guess = closest_concept(value[1:-1], concepts)
    if guess is None:
        return result
    return replace(result, message=f"{result.message} Did you mean {guess}?")


def add_suggestions(report: ValidationReport, store: ox.Store) -> None:
    """Complete the messages of dangling links in ``report`` (in place): a concept link to
    no concept, and any value IRI nothing describes (``place:hyesn``), get the closest
    known IRI of their namespace, when one is close enough to be a typo."""
    concepts = (
        known_concepts(store)
        if any(r.source_shape in SUGGESTING_SHAPES for r in report.results)
        else []
    )
    described = _Described(store, [r.value for r in report.results])
    report.results = [
        with_suggestion(r, concepts)
        if r.source_shape in SUGGESTING_SHAPES
        else with_suggestion(r, described.near(r.value))
        for r in report.results
    ]


class _Described:
    """IRIs the store describes (as subjects) in the namespaces of the dangling values.

    All namespaces are fetched by one query when first needed (a store scan each, per
    namespace, cost seconds on a large ``--store``): one pass over the store whatever the
    number of namespaces the results' values fall in."""

    def __init__(self, store: ox.Store, values: list[str | None]) -> None:
        self.store = store
        self.values = values
        self.by_namespace: dict[str, list[str]] | None = None

    def _dangling(self, value: str | None) -> str | None:
        """The IRI of a value nothing describes (with a local name), else ``None``."""
        if not (value and value.startswith("<") and value.endswith(">")):
            return None
        iri = value[1:-1]
        if not split_iri(iri)[1]:
            return None
        if any(True for _ in self.store.quads_for_pattern(ox.NamedNode(iri), None, None)):
            return None
        return iri

    def _fetch(self) -> dict[str, list[str]]:
        namespaces = sorted(
            {split_iri(iri)[0] for iri in map(self._dangling, set(self.values)) if iri}
        )
        found: dict[str, list[str]] = {n: [] for n in namespaces}
        if namespaces:
            wanted = " || ".join(f'STRSTARTS(STR(?s), "{_escaped(n)}")' for n in namespaces)
            query = f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o . FILTER(isIRI(?s) && ({wanted})) }}"
            for row in self.store.query(query, use_default_graph_as_union=True):
                iri = row["s"].value
                namespace = split_iri(iri)[0]
                if namespace in found:
                    found[namespace].append(iri)
        return {n: sorted(iris) for n, iris in found.items()}

    def near(self, value: str | None) -> list[str]:
        """Candidates for a dangling IRI value (N-Triples): the described IRIs of its
        namespace; none when the value is described, is no IRI or ends in its namespace."""
        iri = self._dangling(value)
        if iri is None:
            return []
        if self.by_namespace is None:
            self.by_namespace = self._fetch()
        return self.by_namespace.get(split_iri(iri)[0], [])


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
