"""The curated registries (ontology/registry/*.csv) and the vocabulary generated from them."""

from __future__ import annotations

import copy
import csv
import math
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS

from borderkg.iris import actor_iri, legal_iri, place_iri
from borderkg.ontology.build_vocabulary import (
    COLUMNS,
    EMIT_CHECKS,
    FIPS10_4,
    ISO3166_1,
    ISO3166_2,
    RegistryError,
    build_graph,
    load_registries,
    load_vocabulary,
    render_vocabulary,
    to_turtle,
)
from borderkg.ontology.namespaces import BKG, GEOSPARQL, PLACE, REVIEW, WD

WGS = "http://www.w3.org/2003/01/geo/wgs84_pos#"
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return load_vocabulary()


@pytest.fixture(scope="module")
def registries():
    return load_registries()


# ---------------------------------------------------------------------------
# A small registry written to tmp_path, to exercise the generator on known input
# ---------------------------------------------------------------------------

Registry = dict[str, list[dict[str, str]]]


def small_registry() -> Registry:
    """Four tiny registries; the line of row i of a file is i + 2."""
    return {
        "places.csv": [
            dict(local_id="china", type="Country", label_en="China", admin_level="0",
                 iso3166_2="CN", wikidata="Q148", wikidata_check="verified"),
            dict(local_id="north-korea", type="Country", label_en="North Korea",
                 admin_level="0", iso3166_2="KP", wikidata="Q423", wikidata_check="rechecked",
                 geonames="1873107", geonames_check="single-source"),
            dict(local_id="jilin", type="AdministrativeArea", label_en="Jilin", label_zh="吉林省",
                 admin_level="1", admin_parent="china", country="china", iso3166_2="CN-JL",
                 fips_admin1="CH05"),
            dict(local_id="ryanggang", type="AdministrativeArea", label_en="Ryanggang",
                 label_ko="량강도", admin_level="1", admin_parent="north-korea",
                 country="north-korea", iso3166_2="KP-10", wikidata="Q110171",
                 wikidata_check="conflict"),
            dict(local_id="changbai", type="Settlement", label_en="Changbai",
                 alt_labels="Changbai County|Changbai Korean Autonomous County", admin_level="3",
                 admin_parent="jilin", country="china", lat="41.42", long="128.20",
                 on_river="yalu-river", faces_across="hyesan"),
            dict(local_id="hyesan", type="Settlement", label_en="Hyesan", admin_level="3",
                 admin_parent="ryanggang", country="north-korea", lat="41.40", long="128.18",
                 on_river="yalu-river", geonames="2043837", geonames_check="verified"),
            dict(local_id="yalu-river", type="River", label_en="Yalu River",
                 admin_parent="china|north-korea", country="china|north-korea"),
            dict(local_id="changbai-hyesan-crossing", type="BorderCrossing",
                 label_en="Changbai-Hyesan crossing", admin_parent="changbai|hyesan",
                 country="china|north-korea", on_river="yalu-river", connects="changbai|hyesan"),
        ],
        "actors.csv": [
            dict(local_id="united-nations", type="Organization", label_en="United Nations",
                 actor_type="IntergovernmentalOrganization", wikidata="Q1065",
                 wikidata_check="verified"),
            dict(local_id="unhcr", type="Organization", label_en="UNHCR", actor_type="UNBody",
                 parent_org="united-nations"),
            dict(local_id="chinese-border-police", type="Organization",
                 label_en="Chinese border police", actor_type="BorderGuard", country="china"),
        ],
        "legal.csv": [
            dict(local_id="refugee-convention", type="LegalInstrument",
                 label_en="Convention relating to the Status of Refugees",
                 legal_type="Convention", date="1951-07-28"),
            dict(local_id="refugee-convention/art_33", type="Provision",
                 label_en="Article 33 of the Refugee Convention", legal_type="Article",
                 part_of="refugee-convention", number="33"),
            dict(local_id="unsc-2397", type="LegalInstrument",
                 label_en="UN Security Council resolution 2397", legal_type="UNSCResolution",
                 identifier="S/RES/2397 (2017)"),
        ],
        "participations.csv": [
            dict(state="china", instrument="refugee-convention", kind="Accession",
                 date="1982-09-24"),
        ],
    }  # fmt: skip


def write_registry(directory: Path, registry: Registry) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, rows in registry.items():
        with (directory / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS[name], lineterminator="\n")
            writer.writeheader()
            writer.writerows({c: row.get(c, "") for c in COLUMNS[name]} for row in rows)
    return directory


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "borderkg.ontology.build_vocabulary", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# ---------------------------------------------------------------------------
# The committed vocabulary
# ---------------------------------------------------------------------------


def test_committed_vocabulary_equals_what_the_registries_generate() -> None:
    committed = files("borderkg.ontology").joinpath("vocabulary.ttl").read_text(encoding="utf-8")
    assert committed == render_vocabulary(), (
        "ontology/vocabulary.ttl is stale: run python -m borderkg.ontology.build_vocabulary"
    )


def test_generated_turtle_parses_back_to_the_generated_graph(vocabulary: Graph) -> None:
    assert isomorphic(vocabulary, build_graph())


def test_generation_is_deterministic_across_processes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    assert run_cli("--out", str(first)).returncode == 0
    assert run_cli("--out", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_registries_hold_at_least_200_entities_and_90_places(vocabulary: Graph) -> None:
    curated = set(vocabulary.subjects(BKG.reviewStatus, REVIEW.Curated))
    places = {s for s in curated if str(s).startswith(str(PLACE))}
    assert len(places) >= 90
    assert len(curated) >= 200


def test_exact_match_only_for_verified_or_rechecked_rows(registries, vocabulary: Graph) -> None:
    iri_of = {"places.csv": place_iri, "actors.csv": actor_iri, "legal.csv": legal_iri}
    checked = 0
    for row in registries.places + registries.actors + registries.legal:
        iri = iri_of[Path(row.file).name](row["local_id"])
        links = {
            "wikidata": WD[row["wikidata"]] if row["wikidata"] else None,
            "geonames": URIRef(f"https://sws.geonames.org/{row['geonames']}/")
            if row["geonames"]
            else None,
        }
        for column, link in links.items():
            if link is None:
                continue
            emitted = (iri, SKOS.exactMatch, link) in vocabulary
            assert emitted == (row[f"{column}_check"] in EMIT_CHECKS), (row.file, row.line)
            checked += 1
    assert checked > 20
    linked = {o for o in vocabulary.objects(None, SKOS.exactMatch)}
    assert len(linked) == len(list(vocabulary.triples((None, SKOS.exactMatch, None))))


def test_faces_across_border_is_stated_in_both_directions(vocabulary: Graph) -> None:
    pairs = set(vocabulary.subject_objects(BKG.facesAcrossBorder))
    assert (place_iri("dandong"), place_iri("sinuiju")) in pairs
    assert (place_iri("changbai"), place_iri("hyesan")) in pairs
    assert {(b, a) for a, b in pairs} == pairs


def test_every_place_but_a_country_has_an_admin_chain_ending_at_a_country(
    vocabulary: Graph,
) -> None:
    places = {
        s
        for s in vocabulary.subjects(BKG.reviewStatus, REVIEW.Curated)
        if str(s).startswith(str(PLACE))
    }
    countries = set(vocabulary.subjects(RDF.type, BKG.Country))
    assert {place_iri("china"), place_iri("north-korea")} <= countries
    for place in places - countries:
        reached = set(vocabulary.transitive_objects(place, BKG.adminParent))
        assert reached & countries, f"{place} has no admin chain to a country"
        assert set(vocabulary.objects(place, BKG.country)) == reached & countries, place


def test_places_facing_each_other_lie_within_30_km(vocabulary: Graph) -> None:
    def point(place: URIRef) -> tuple[float, float] | None:
        lat = vocabulary.value(place, URIRef(WGS + "lat"))
        long = vocabulary.value(place, URIRef(WGS + "long"))
        return None if lat is None or long is None else (float(lat), float(long))

    measured = 0
    for a, b in vocabulary.subject_objects(BKG.facesAcrossBorder):
        pa, pb = point(a), point(b)
        if pa and pb:
            dy = (pa[0] - pb[0]) * 111.2
            dx = (pa[1] - pb[1]) * 111.2 * math.cos(math.radians(pa[0]))
            assert math.hypot(dx, dy) < 30, (a, b)
            measured += 1
    assert measured >= 4


def test_place_labels_name_one_place_only(registries) -> None:
    names = Counter(
        name.casefold()
        for row in registries.places
        for name in {row["label_en"], *row.many("alt_labels")}
    )
    assert [name for name, n in names.items() if n > 1] == []


def test_border_counties_lie_on_the_border_rivers(vocabulary: Graph) -> None:
    on_yalu = set(vocabulary.subjects(BKG.onRiver, place_iri("yalu-river")))
    on_tumen = set(vocabulary.subjects(BKG.onRiver, place_iri("tumen-river")))
    assert {place_iri(p) for p in ("dandong", "sinuiju", "hyesan", "changbai", "manpo")} <= on_yalu
    assert {place_iri(p) for p in ("tumen", "hoeryong", "musan", "hunchun", "onsong")} <= on_tumen


# ---------------------------------------------------------------------------
# The generator on a small registry
# ---------------------------------------------------------------------------


def test_small_registry_gives_the_documented_triples(tmp_path: Path) -> None:
    graph = build_graph(load_registries(write_registry(tmp_path / "reg", small_registry())))
    changbai, hyesan = place_iri("changbai"), place_iri("hyesan")
    assert (changbai, RDF.type, BKG.Settlement) in graph
    assert (changbai, BKG.adminLevel, Literal(3)) in graph
    assert (changbai, BKG.facesAcrossBorder, hyesan) in graph
    assert (hyesan, BKG.facesAcrossBorder, changbai) in graph
    assert (changbai, SKOS.altLabel, Literal("Changbai County", lang="en")) in graph
    assert (changbai, BKG.reviewStatus, REVIEW.Curated) in graph
    geometry = URIRef(f"{changbai}#geometry")
    assert (changbai, GEOSPARQL.hasGeometry, geometry) in graph
    wkt = Literal("POINT(128.20 41.42)", datatype=GEOSPARQL.wktLiteral)
    assert (geometry, GEOSPARQL.asWKT, wkt) in graph
    lat = graph.value(changbai, URIRef(WGS + "lat"))
    assert lat.datatype == XSD_DECIMAL and float(lat) == 41.42
    jilin = place_iri("jilin")
    assert (jilin, SKOS.notation, Literal("CN-JL", datatype=ISO3166_2)) in graph
    assert (jilin, SKOS.notation, Literal("CH05", datatype=FIPS10_4)) in graph
    assert (place_iri("china"), SKOS.notation, Literal("CN", datatype=ISO3166_1)) in graph
    crossing = place_iri("changbai-hyesan-crossing")
    assert set(graph.objects(crossing, BKG.connects)) == {changbai, hyesan}
    assert set(graph.objects(crossing, BKG.country)) == {
        place_iri("china"),
        place_iri("north-korea"),
    }


def test_small_registry_links_out_only_verified_and_rechecked_ids(tmp_path: Path) -> None:
    graph = build_graph(load_registries(write_registry(tmp_path / "reg", small_registry())))
    assert set(graph.subject_objects(SKOS.exactMatch)) == {
        (place_iri("china"), WD.Q148),  # verified
        (place_iri("north-korea"), WD.Q423),  # rechecked (its GeoNames id is single-source)
        (place_iri("hyesan"), URIRef("https://sws.geonames.org/2043837/")),  # verified
        (actor_iri("united-nations"), WD.Q1065),  # verified; Ryanggang's conflict is not linked
    }


def test_small_registry_gives_actor_legal_and_participation_triples(tmp_path: Path) -> None:
    from borderkg.ontology.namespaces import ACTORTYPE, ELI, LEGALTYPE, PARTICIPATION, SCHEMA

    graph = build_graph(load_registries(write_registry(tmp_path / "reg", small_registry())))
    org = URIRef("http://www.w3.org/ns/org#subOrganizationOf")
    assert (actor_iri("unhcr"), org, actor_iri("united-nations")) in graph
    police = actor_iri("chinese-border-police")
    assert (police, BKG.actorType, ACTORTYPE.BorderGuard) in graph
    assert (police, BKG.country, place_iri("china")) in graph
    convention, article = legal_iri("refugee-convention"), legal_iri("refugee-convention/art_33")
    assert (convention, ELI.type_document, LEGALTYPE.Convention) in graph
    assert (convention, ELI.date_document, Literal("1951-07-28", datatype=XSD_DATE)) in graph
    assert (article, RDF.type, BKG.Provision) in graph
    assert (article, ELI.type_subdivision, LEGALTYPE.Article) in graph
    assert (article, ELI.is_part_of, convention) in graph
    assert (convention, ELI.has_part, article) in graph
    assert (article, ELI.number, Literal("33")) in graph
    resolution = legal_iri("unsc-2397")
    assert (resolution, SCHEMA.legislationIdentifier, Literal("S/RES/2397 (2017)")) in graph
    [participation] = graph.subjects(RDF.type, BKG.TreatyParticipation)
    assert (participation, BKG.participant, place_iri("china")) in graph
    assert (participation, BKG.instrument, convention) in graph
    assert (participation, BKG.participationKind, PARTICIPATION.Accession) in graph
    date = Literal("1982-09-24", datatype=XSD_DATE)
    assert (participation, BKG.participationDate, date) in graph


def test_generator_runs_with_only_the_places_registry(tmp_path: Path) -> None:
    registry = {"places.csv": small_registry()["places.csv"]}
    loaded = load_registries(write_registry(tmp_path / "reg", registry))
    assert loaded.counts() == {"places": 8, "actors": 0, "legal": 0, "participations": 0}
    assert "place:hyesan" in to_turtle(build_graph(loaded))


def test_turtle_of_the_same_registry_in_another_row_order_is_identical(tmp_path: Path) -> None:
    registry = small_registry()
    shuffled = copy.deepcopy(registry)
    for rows in shuffled.values():
        rows.reverse()
    first = render_vocabulary(write_registry(tmp_path / "a", registry))
    second = render_vocabulary(write_registry(tmp_path / "b", shuffled))
    assert first == second


# ---------------------------------------------------------------------------
# Bad input: every problem names its file, line and column
# ---------------------------------------------------------------------------


def _set(name: str, index: int, **cells: str) -> Callable[[Registry], None]:
    def mutate(registry: Registry) -> None:
        registry[name][index].update(cells)

    return mutate


def _append_copy(name: str, index: int) -> Callable[[Registry], None]:
    def mutate(registry: Registry) -> None:
        registry[name].append(dict(registry[name][index]))

    return mutate


BAD_INPUT = [
    ("unknown place type", "places.csv", _set("places.csv", 4, type="Town"), 6, "type"),
    ("unknown actor type concept", "actors.csv", _set("actors.csv", 0, actor_type="Army"),
     2, "actor_type"),
    ("unknown legal type concept", "legal.csv", _set("legal.csv", 1, legal_type="Section"),
     3, "legal_type"),
    ("unknown participation kind", "participations.csv",
     _set("participations.csv", 0, kind="Adoption"), 2, "kind"),
    ("unknown admin parent", "places.csv", _set("places.csv", 4, admin_parent="jilinn"),
     6, "admin_parent"),
    ("unknown country of an actor", "actors.csv", _set("actors.csv", 2, country="prc"),
     4, "country"),
    ("unknown instrument", "participations.csv",
     _set("participations.csv", 0, instrument="refugee-conv"), 2, "instrument"),
    ("unknown river", "places.csv", _set("places.csv", 5, on_river="amnok"), 7, "on_river"),
    ("reference to the wrong kind", "places.csv", _set("places.csv", 5, on_river="jilin"),
     7, "on_river"),
    ("duplicate local_id", "places.csv", _append_copy("places.csv", 5), 10, "local_id"),
    ("duplicate provision", "legal.csv", _append_copy("legal.csv", 1), 5, "local_id"),
    ("malformed QID", "places.csv", _set("places.csv", 0, wikidata="148"), 2, "wikidata"),
    ("malformed GeoNames id", "places.csv", _set("places.csv", 5, geonames="gn2043837"),
     7, "geonames"),
    ("latitude out of range", "places.csv", _set("places.csv", 4, lat="141.42"), 6, "lat"),
    ("longitude out of range", "places.csv", _set("places.csv", 5, long="-228.18"), 7, "long"),
    ("QID used twice", "actors.csv",
     _set("actors.csv", 1, wikidata="Q148", wikidata_check="verified"), 3, "wikidata"),
    ("GeoNames id used twice", "places.csv",
     _set("places.csv", 4, geonames="2043837", geonames_check="single-source"), 7, "geonames"),
    ("id without check", "places.csv", _set("places.csv", 2, wikidata="Q45208"), 4,
     "wikidata_check"),
    ("unknown check value", "places.csv", _set("places.csv", 0, wikidata_check="checked"), 2,
     "wikidata_check"),
    ("facing a place in the same country", "places.csv",
     _set("places.csv", 4, faces_across="jilin"), 6, "faces_across"),
    ("admin chain loops", "places.csv", _set("places.csv", 2, admin_parent="changbai"), 4,
     "admin_parent"),
    ("country differs from admin chain", "places.csv",
     _set("places.csv", 4, country="north-korea"), 6, "country"),
    ("crossing within one country", "places.csv",
     _set("places.csv", 7, connects="changbai|jilin"), 9, "connects"),
    ("provision without number", "legal.csv", _set("legal.csv", 1, number=""), 3, "number"),
    ("malformed date", "legal.csv", _set("legal.csv", 0, date="28 July 1951"), 2, "date"),
    ("ISO code of another country", "places.csv", _set("places.csv", 3, iso3166_2="CN-10"), 5,
     "iso3166_2"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "mutate", "line", "column"),
    [pytest.param(f, m, ln, c, id=i) for i, f, m, ln, c in BAD_INPUT],
)
def test_bad_registry_input_is_reported_with_file_line_and_column(
    tmp_path: Path, name: str, mutate: Callable[[Registry], None], line: int, column: str
) -> None:
    registry = small_registry()
    mutate(registry)
    directory = write_registry(tmp_path / "reg", registry)
    with pytest.raises(RegistryError) as caught:
        load_registries(directory)
    located = [(Path(i.file).name, i.line, i.column) for i in caught.value.issues]
    assert (name, line, column) in located
    assert f"{name}:{line}: column '{column}':" in str(caught.value)


def test_a_renamed_column_is_reported_on_the_header_line(tmp_path: Path) -> None:
    directory = write_registry(tmp_path / "reg", small_registry())
    places = directory / "places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace(",lat,", ",latitude,", 1))
    with pytest.raises(RegistryError) as caught:
        load_registries(directory)
    message = str(caught.value)
    assert "places.csv:1: bad header: missing lat; unknown latitude" in message


def test_small_valid_registry_has_no_issues(tmp_path: Path) -> None:
    loaded = load_registries(write_registry(tmp_path / "reg", small_registry()))
    assert loaded.counts() == {"places": 8, "actors": 3, "legal": 3, "participations": 1}


# ---------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------


def test_check_exits_1_when_the_turtle_differs_and_0_when_it_matches(tmp_path: Path) -> None:
    registry = str(write_registry(tmp_path / "reg", small_registry()))
    out = tmp_path / "vocabulary.ttl"
    assert run_cli("--registry", registry, "--out", str(out), "--check").returncode == 1
    written = run_cli("--registry", registry, "--out", str(out))
    assert written.returncode == 0 and out.is_file()
    assert run_cli("--registry", registry, "--out", str(out), "--check").returncode == 0
    out.write_text(out.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    stale = run_cli("--registry", registry, "--out", str(out), "--check")
    assert stale.returncode == 1
    assert "out of date" in stale.stderr
    assert out.read_text(encoding="utf-8").endswith("# edited by hand\n")


def test_cli_lists_registry_errors_and_writes_nothing(tmp_path: Path) -> None:
    registry = small_registry()
    registry["places.csv"][5]["lat"] = "95"
    directory = write_registry(tmp_path / "reg", registry)
    out = tmp_path / "vocabulary.ttl"
    result = run_cli("--registry", str(directory), "--out", str(out))
    assert result.returncode == 2
    assert "places.csv:7: column 'lat': 95 is out of range" in result.stderr
    assert not out.exists()
