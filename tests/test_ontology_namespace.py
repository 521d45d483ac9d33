"""The Python namespaces and the Turtle files declare exactly the same terms and concepts.

Also checks the class layout (four top classes plus a documented list of non-entity classes)
and the parts of the concept schemes that other code and researchers rely on.
"""

from __future__ import annotations

import inspect
import re
from typing import TYPE_CHECKING

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from borderkg.ontology import ontology_graph, schemes_graph
from borderkg.ontology.namespaces import (
    BKG,
    CAMEO,
    EVENTTYPE,
    MEASURE,
    PLOVER,
    PLOVERCONTEXT,
    PREFIXES,
    SCHEMES,
    STATUS,
)

if TYPE_CHECKING:  # imported for the annotation only: pytest would probe the class
    from rdflib.namespace import DefinedNamespace

TOP_CLASSES = ("Actor", "Location", "Policy", "LegalInstrument")
#: Local classes that are deliberately not entities (not under a top class).
NON_ENTITY_CLASSES = (
    "Article",
    "EvidenceSpan",
    "Claim",
    "Quotation",
    "EventReport",
    "Incident",
    "ExtractionRun",
    "TreatyParticipation",
)
MIRRORS = (PLOVER, PLOVERCONTEXT, CAMEO)
_RESERVED = {"_NS", "_fail", "_warn", "_extras", "_underscore_num"}


def terms(namespace: type[DefinedNamespace]) -> set[URIRef]:
    """Every term a DefinedNamespace declares, Python identifiers and ``_extras`` alike."""
    names = set(inspect.get_annotations(namespace)) - _RESERVED
    names |= set(getattr(namespace, "_extras", ()))
    return {namespace[name] for name in names}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return ontology_graph()


@pytest.fixture(scope="module")
def schemes() -> Graph:
    return schemes_graph()


def _local_terms(ontology: Graph, *kinds: URIRef) -> set[URIRef]:
    return {
        subject
        for kind in kinds
        for subject in ontology.subjects(RDF.type, kind)
        if isinstance(subject, URIRef) and subject.startswith(str(BKG._NS))
    }


def _local_classes(ontology: Graph) -> set[URIRef]:
    return _local_terms(ontology, OWL.Class)


def test_bkg_namespace_declares_exactly_the_ontology_terms(ontology: Graph) -> None:
    declared = _local_terms(
        ontology, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDFS.Datatype
    )
    assert terms(BKG) == declared


@pytest.mark.parametrize("scheme", sorted(SCHEMES), ids=lambda s: s.rsplit("/", 1)[-1])
def test_scheme_namespace_declares_exactly_the_concepts_in_its_scheme(
    schemes: Graph, scheme: URIRef
) -> None:
    assert (scheme, RDF.type, SKOS.ConceptScheme) in schemes
    in_scheme = set(schemes.subjects(SKOS.inScheme, scheme))
    assert terms(SCHEMES[scheme]) == in_scheme
    assert all((c, RDF.type, SKOS.Concept) in schemes for c in in_scheme)


def test_every_concept_scheme_in_the_file_is_registered(schemes: Graph) -> None:
    assert set(schemes.subjects(RDF.type, SKOS.ConceptScheme)) == set(SCHEMES)


def test_every_scheme_namespace_has_a_prefix() -> None:
    assert {str(ns._NS) for ns in SCHEMES.values()} <= set(PREFIXES.values())


@pytest.mark.parametrize(
    "lookup",
    [
        lambda: BKG.Setlement,
        lambda: BKG["adminparent"],
        lambda: MEASURE.CCTVInstalation,
        lambda: EVENTTYPE.Defektion,
        lambda: PLOVER["COERCE-deprt"],
        lambda: PLOVERCONTEXT.health,
        lambda: CAMEO["175"],
    ],
    ids=["class", "property", "measure", "event", "plover-mode", "plover-context", "cameo"],
)
def test_misspelt_term_raises_attribute_error(lookup) -> None:
    with pytest.raises(AttributeError):
        lookup()


def test_the_four_top_classes_exist(ontology: Graph) -> None:
    for name in TOP_CLASSES:
        assert (BKG[name], RDF.type, OWL.Class) in ontology, name


def test_every_local_class_is_an_entity_class_or_a_documented_non_entity_class(
    ontology: Graph,
) -> None:
    tops = {BKG[name] for name in TOP_CLASSES}
    non_entities = {BKG[name] for name in NON_ENTITY_CLASSES}
    for cls in _local_classes(ontology):
        ancestors = set(ontology.transitive_objects(cls, RDFS.subClassOf))  # includes cls
        assert ancestors & tops or cls in non_entities, f"{cls} is under no top class"


def test_documented_non_entity_classes_exist_and_are_not_entity_classes(ontology: Graph) -> None:
    tops = {BKG[name] for name in TOP_CLASSES}
    for name in NON_ENTITY_CLASSES:
        cls = BKG[name]
        assert (cls, RDF.type, OWL.Class) in ontology, name
        assert not set(ontology.transitive_objects(cls, RDFS.subClassOf)) & tops, name


# --- concept schemes: what other parts and researchers rely on ------------------------------


@pytest.mark.parametrize(
    ("narrower", "broader"),
    [
        (MEASURE.CCTVInstallation, MEASURE.SurveillanceInstallation),
        (MEASURE.SensorInstallation, MEASURE.SurveillanceInstallation),
        (MEASURE.LightingInstallation, MEASURE.SurveillanceInstallation),
        (MEASURE.PhoneCrackdown, MEASURE.Crackdown),
        (MEASURE.SmugglingCrackdown, MEASURE.Crackdown),
        (EVENTTYPE.Defection, EVENTTYPE.BorderCrossing),
        (EVENTTYPE.ReDefection, EVENTTYPE.BorderCrossing),
        (EVENTTYPE.Execution, EVENTTYPE.Punishment),
        (EVENTTYPE.Condemnation, EVENTTYPE.Statement),
        (EVENTTYPE.Appeal, EVENTTYPE.Statement),
    ],
)
def test_concept_sits_under_its_broader_concept(
    schemes: Graph, narrower: URIRef, broader: URIRef
) -> None:
    assert broader in set(schemes.transitive_objects(narrower, SKOS.broader))


def test_worker_repatriation_is_kept_apart_from_forced_repatriation(schemes: Graph) -> None:
    worker, forced = MEASURE.WorkerRepatriation, MEASURE.ForcedRepatriation
    assert forced not in set(schemes.transitive_objects(worker, SKOS.broader))
    assert worker not in set(schemes.transitive_objects(forced, SKOS.broader))
    assert not set(schemes.objects(worker, SKOS.closeMatch))
    assert PLOVER["COERCE-deport"] in set(schemes.objects(forced, SKOS.closeMatch))
    worker_definition = str(schemes.value(worker, SKOS.definition))
    assert "2397" in worker_definition and "not ForcedRepatriation" in worker_definition
    assert "Not WorkerRepatriation" in str(schemes.value(forced, SKOS.definition))
    assert "WorkerRepatriation" in str(schemes.value(EVENTTYPE.ForcedRepatriation, SKOS.definition))


@pytest.mark.parametrize(
    ("status", "cue"),
    [
        (STATUS.Planned, "is set to build a fence"),
        (STATUS.Announced, "announced"),
        (STATUS.InForce, "remain in place"),
        (STATUS.CarriedOut, "installed cameras"),
        (STATUS.Eased, "relaxed"),
        (STATUS.Lifted, "lifted the ban"),
        (STATUS.Rumoured, "rumours are circulating"),
    ],
)
def test_policy_status_definition_gives_the_wording_that_identifies_it(
    schemes: Graph, status: URIRef, cue: str
) -> None:
    assert cue in str(schemes.value(status, SKOS.definition))


def test_plover_mode_concepts_carry_category_and_mode_notations(schemes: Graph) -> None:
    for name in PLOVER._extras:
        category, mode = name.split("-", 1)
        concept = PLOVER[name]
        assert {str(n) for n in schemes.objects(concept, SKOS.notation)} == {category, mode}
        assert set(schemes.objects(concept, SKOS.broader)) == {PLOVER[category]}


def test_cameo_concepts_are_notated_by_code_and_sit_under_their_parent_code(
    schemes: Graph,
) -> None:
    for code in CAMEO._extras:
        concept = CAMEO[code]
        assert [str(n) for n in schemes.objects(concept, SKOS.notation)] == [code]
        parents = set(schemes.objects(concept, SKOS.broader))
        if len(code) == 2:
            assert not parents
        else:
            assert parents == {CAMEO[code[:-1]]}


def test_mappings_lead_only_into_the_mirror_schemes(schemes: Graph) -> None:
    mirror = set().union(*(terms(ns) for ns in MIRRORS))
    contexts = terms(PLOVERCONTEXT)
    for mapping in (SKOS.closeMatch, SKOS.relatedMatch, SKOS.exactMatch, SKOS.broadMatch):
        for _, target in schemes.subject_objects(mapping):
            assert target in mirror, target
            if target in contexts:
                assert mapping == SKOS.relatedMatch, "a context is related, never a close match"


def test_korean_and_chinese_labels_are_written_in_their_scripts(schemes: Graph) -> None:
    hangul = re.compile(r"[\uac00-\ud7a3]")
    han = re.compile(r"[\u4e00-\u9fff]")
    for label_property in (SKOS.prefLabel, SKOS.altLabel):
        for _, label in schemes.subject_objects(label_property):
            if label.language == "ko":
                assert hangul.search(label), label
            elif label.language == "zh":
                assert han.search(label) and not hangul.search(label), label
