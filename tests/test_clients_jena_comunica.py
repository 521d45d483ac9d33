"""Two more researchers' SPARQL clients against the real server: Apache Jena and Comunica.

Jena's ``rsparql`` (the remote-query command of ARQ, from Debian's ``libapache-jena-java``) and
its local engine federating to the endpoint with ``SERVICE``; Comunica (``@comunica/query-sparql``
from npm, run by Node.js through ``tests/clients/comunica.cjs``) querying the endpoint alone, by
auto-detection through the service description, and joined with a local Turtle file. Both parse
the query themselves and speak the protocol their own way (their own Accept headers; a query too
long for a URL goes as an ``application/sparql-query`` body from Jena, as a form from Comunica),
so they check what SPARQLWrapper and rdflib do not.

``.ci/run`` installs both and sets ``$BORDERKG_REQUIRE_CLIENTS``; elsewhere the tests skip when a
client is missing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import requests
from rdflib import Graph, URIRef
from serverfixture import Server

REQUIRED = bool(os.environ.get("BORDERKG_REQUIRE_CLIENTS"))
JAVA_DIR = Path("/usr/share/java")
# ARQ's commands and what they need, as Debian ships them (the whole folder would bring
# clashing loggers; Jena's stores, SHACL and ShEx are not needed to query an endpoint).
JENA_JARS = [
    "jena-arq",
    "jena-base",
    "jena-core",
    "jena-iri",
    "jena-cmds",
    "commons-cli",
    "commons-codec",
    "commons-compress",
    "commons-csv",
    "commons-io",
    "commons-lang3",
    "commons-logging",
    "gson",
    "guava",
    "httpclient",
    "httpcore",
    "jackson-core",
    "jackson-databind",
    "jackson-annotations",
    "jakarta.json-api",
    "jsonld-java",
    "slf4j-api",
    "titanium-json-ld",
    "dexx.collection",
    "protobuf",
    "thrift",
]
COMUNICA_SCRIPT = Path(__file__).parent / "clients" / "comunica.cjs"
COMUNICA_MODULES = os.environ.get("BORDERKG_COMUNICA_MODULES", "")

PREFIXES = """PREFIX bkg: <https://w3id.org/borderkg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX ext: <http://example.org/ext#>
"""
HEADLINES = (
    PREFIXES + "SELECT ?article ?title WHERE { ?article a bkg:Article ; schema:headline ?title }"
)
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
WIKIDATA = "http://www.wikidata.org/entity/"
CHINA = "https://w3id.org/borderkg/id/place/china"
NORTH_KOREA = "https://w3id.org/borderkg/id/place/north-korea"
# Another dataset keyed by Wikidata items: China (Q148) and North Korea (Q423).
EXTERNAL_TTL = f"""@prefix ext: <http://example.org/ext#> .
<{WIKIDATA}Q148> ext:code "CN" .
<{WIKIDATA}Q423> ext:code "KP" .
"""


def _missing(what: str) -> None:
    if REQUIRED:
        pytest.fail(f"{what} is missing and $BORDERKG_REQUIRE_CLIENTS is set")
    pytest.skip(f"{what} is missing (set BORDERKG_REQUIRE_CLIENTS to fail instead)")


@pytest.fixture(scope="module")
def reference(server: Server) -> dict[str, str]:
    """Every article with a headline, as requests sees it (what the clients must agree with)."""
    reply = requests.get(
        f"{server.url}/sparql",
        params={"query": HEADLINES},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    assert reply.status_code == 200, reply.text
    rows = reply.json()["results"]["bindings"]
    assert len(rows) >= 20
    return {row["article"]["value"]: row["title"]["value"] for row in rows}


@pytest.fixture(scope="module")
def external_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("external") / "codes.ttl"
    path.write_text(EXTERNAL_TTL, encoding="utf-8")
    return path


# --- Apache Jena ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def jena_classpath(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The classpath for ARQ's commands from Debian's jars.

    Debian's jena-core moves Jena's bundled Xerces classes to the package ``xerces`` but leaves
    their message files under ``org/apache/jena/ext/xerces``, so Jena fails at start-up ("internal
    error" building the XSD types); a folder with those files at the moved path mends it.
    """
    if shutil.which("java") is None:
        _missing("java")
    jars = [JAVA_DIR / f"{name}.jar" for name in JENA_JARS]
    absent = [jar.name for jar in jars if not jar.exists()]
    if absent:
        _missing(f"Apache Jena (Debian's libapache-jena-java: {', '.join(absent)})")
    messages = tmp_path_factory.mktemp("jena-xerces-messages")
    moved = "org/apache/jena/ext/xerces/"
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as core:
        for name in core.namelist():
            if name.startswith(moved) and not name.endswith((".class", "/")):
                target = messages / "xerces" / name[len(moved) :]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(core.read(name))
    return os.pathsep.join([*map(str, jars), str(messages)])


def jena(classpath: str, command: str, *args: str) -> str:
    """Run one of ARQ's commands (``arq.rsparql``, ``arq.sparql``) and return its output."""
    run = subprocess.run(
        ["java", "-cp", classpath, command, *args],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_jena_rsparql_reads_select_results_in_every_format(
    server: Server, jena_classpath: str, reference: dict[str, str]
) -> None:
    endpoint = f"{server.url}/sparql"
    as_json = json.loads(
        jena(jena_classpath, "arq.rsparql", "--service", endpoint, "--results=json", HEADLINES)
    )
    got = {b["article"]["value"]: b["title"]["value"] for b in as_json["results"]["bindings"]}
    assert got == reference
    as_csv = jena(jena_classpath, "arq.rsparql", "--service", endpoint, "--results=csv", HEADLINES)
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert {row["article"]: row["title"] for row in rows} == reference
    as_xml = jena(jena_classpath, "arq.rsparql", "--service", endpoint, "--results=xml", HEADLINES)
    assert as_xml.count("<result>") == len(reference)
    table = jena(jena_classpath, "arq.rsparql", "--service", endpoint, HEADLINES)
    some_article, some_title = next(iter(reference.items()))
    assert f"<{some_article}>" in table and some_title in table


def test_jena_rsparql_asks_and_constructs(
    server: Server, jena_classpath: str, reference: dict[str, str]
) -> None:
    endpoint = f"{server.url}/sparql"
    yes = jena(
        jena_classpath, "arq.rsparql", "--service", endpoint, PREFIXES + "ASK { ?a a bkg:Article }"
    )
    no = jena(jena_classpath, "arq.rsparql", "--service", endpoint, "ASK { <urn:x:none> ?p ?o }")
    assert "Yes" in yes and "No" in no
    construct = PREFIXES + (
        "CONSTRUCT { ?article schema:headline ?title } "
        "WHERE { ?article a bkg:Article ; schema:headline ?title }"
    )
    turtle = jena(jena_classpath, "arq.rsparql", "--service", endpoint, construct)
    graph = Graph().parse(data=turtle, format="turtle")
    headline = URIRef("https://schema.org/headline")
    assert {str(s): str(o) for s, o in graph.subject_objects(headline)} == reference


def test_jena_federates_a_local_dataset_with_the_endpoint_through_service(
    server: Server, jena_classpath: str, external_ttl: Path
) -> None:
    query = PREFIXES + (
        "SELECT ?place ?code WHERE { ?item ext:code ?code "
        f"SERVICE <{server.url}/sparql> {{ ?place skos:exactMatch ?item }} }}"
    )
    out = jena(jena_classpath, "arq.sparql", "--data", str(external_ttl), "--results=json", query)
    rows = {
        (b["place"]["value"], b["code"]["value"]) for b in json.loads(out)["results"]["bindings"]
    }
    assert rows == {(CHINA, "CN"), (NORTH_KOREA, "KP")}


def long_query(reference: dict[str, str]) -> str:
    """The headlines of every article, asked by a VALUES list too long for a URL (over 4,000
    characters): Jena sends it as a ``application/sparql-query`` body, Comunica as a form."""
    values = " ".join(f"<{article}>" for article in sorted(reference))
    padding = " ".join(f"<urn:x:absent-{i:04d}>" for i in range(120))
    query = PREFIXES + (
        f"SELECT ?article ?title WHERE {{ VALUES ?article {{ {values} {padding} }} "
        "?article schema:headline ?title }"
    )
    assert len(query) > 4000
    return query


def test_jena_posts_a_query_too_long_for_a_url(
    server: Server, jena_classpath: str, reference: dict[str, str]
) -> None:
    endpoint = f"{server.url}/sparql"
    query = long_query(reference)
    out = jena(jena_classpath, "arq.rsparql", "--service", endpoint, "--results=json", query)
    got = {
        b["article"]["value"]: b["title"]["value"] for b in json.loads(out)["results"]["bindings"]
    }
    assert got == reference


# --- Comunica ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def node_path() -> str:
    if shutil.which("node") is None:
        _missing("Node.js")
    modules = Path(COMUNICA_MODULES) if COMUNICA_MODULES else None
    if modules is None or not (modules / "@comunica" / "query-sparql").is_dir():
        _missing(
            "Comunica ($BORDERKG_COMUNICA_MODULES naming node_modules with @comunica/query-sparql)"
        )
    return str(modules)


def comunica(node_path: str, query: str, *sources: str) -> dict:
    """Run one query through Comunica over ``sources``; its result as JSON."""
    run = subprocess.run(
        ["node", str(COMUNICA_SCRIPT), query, *sources],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "NODE_PATH": node_path},
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_comunica_selects_from_the_endpoint(
    server: Server, node_path: str, reference: dict[str, str]
) -> None:
    out = comunica(node_path, HEADLINES, f"sparql@{server.url}/sparql")
    got = {b["article"]["value"]: b["title"]["value"] for b in out["bindings"]}
    assert got == reference


def test_comunica_recognises_the_endpoint_from_its_service_description(
    server: Server, node_path: str
) -> None:
    # A bare URL: Comunica dereferences it, reads the SPARQL service description and only then
    # sends queries to it as a SPARQL endpoint.
    out = comunica(node_path, PREFIXES + "ASK { ?a a bkg:Article }", f"{server.url}/sparql")
    assert out == {"boolean": True}
    out = comunica(node_path, "ASK { <urn:x:none> ?p ?o }", f"{server.url}/sparql")
    assert out == {"boolean": False}


def test_comunica_constructs_quads_with_typed_literals(
    server: Server, node_path: str, reference: dict[str, str]
) -> None:
    query = PREFIXES + (
        "CONSTRUCT { ?article schema:headline ?title } "
        "WHERE { ?article a bkg:Article ; schema:headline ?title }"
    )
    out = comunica(node_path, query, f"sparql@{server.url}/sparql")
    got = {s["value"]: o["value"] for s, _, o, _ in out["quads"]}
    assert got == reference
    assert {o["datatype"] for _, _, o, _ in out["quads"]} == {XSD_STRING}


def test_comunica_joins_the_endpoint_with_a_local_dataset(
    server: Server, node_path: str, external_ttl: Path
) -> None:
    query = (
        PREFIXES
        + "SELECT ?place ?code WHERE { ?place skos:exactMatch ?item . ?item ext:code ?code }"
    )
    out = comunica(node_path, query, f"sparql@{server.url}/sparql", f"turtle@{external_ttl}")
    rows = {(b["place"]["value"], b["code"]["value"]) for b in out["bindings"]}
    assert rows == {(CHINA, "CN"), (NORTH_KOREA, "KP")}


def test_comunica_posts_a_query_too_long_for_a_url(
    server: Server, node_path: str, reference: dict[str, str]
) -> None:
    out = comunica(node_path, long_query(reference), f"sparql@{server.url}/sparql")
    got = {b["article"]["value"]: b["title"]["value"] for b in out["bindings"]}
    assert got == reference
