"""``borderkg serve`` and ``borderkg demo`` as real processes, and how settings are resolved.

The servers here are private (small stores, their own settings): one with ``--timeout 2``
and settings from all three sources, short-lived ones to check that signals stop every
process, and ``demo`` over an empty store.
"""

from __future__ import annotations

import json
import os
import re
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from serverfixture import Server, borderkg, running_server, small_store, start_server

from borderkg.api.config import SETTINGS, ConfigError, ServeConfig

EXPLOSIVE = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?v{i} {{ {' '.join(str(n) for n in range(60))} }}" for i in range(6))
    + " }"
)
TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
TOKEN = "a-long-enough-test-token-0123456789"


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] == "Z":
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def ask(srv: Server, query: str = "ASK {}", **params) -> requests.Response:
    return requests.get(f"{srv.url}/sparql", params={"query": query, **params}, timeout=60)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_store(tmp_path_factory.mktemp("serve") / "store")


@pytest.fixture(scope="module")
def configured(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose settings come from a file (timeout, cap), variables (one overrides the
    file's cap, one sets the slots per worker process, one the workers' malloc), and
    options."""
    config = tmp_path_factory.mktemp("conf") / "borderkg.toml"
    config.write_text("timeout = 2\nmax_rows = 3\nworkers = 1\n", encoding="utf-8")
    with running_server(
        store,
        "--config",
        str(config),
        "--workers",
        "2",
        env={
            "BORDERKG_MAX_ROWS": "4",
            "BORDERKG_WORKER_THREADS": "1",
            "BORDERKG_ALLOCATOR": "glibc",
        },
    ) as srv:
        yield srv


# -- serve --------------------------------------------------------------------------------


def test_serve_prints_the_url_and_answers(configured: Server) -> None:
    log = configured.log_text()
    assert f"{configured.url}/" in log
    assert "Configuration allows spawning" not in log  # granian's advice on thread counts
    reply = ask(configured, "SELECT ?name { ?x <http://xmlns.com/foaf/0.1/name> ?name }")
    assert reply.status_code == 200
    assert {b["name"]["value"] for b in reply.json()["results"]["bindings"]} == {
        "Alice",
        "Bob",
        "Anonymous",
    }


def test_settings_come_from_options_then_variables_then_file(configured: Server) -> None:
    capped = ask(configured, TRIPLES)
    assert capped.headers["BorderKG-Result-Cap"] == "4"  # the variable beats the file's 3
    assert len(capped.json()["results"]["bindings"]) == 4
    # The option's 2 queries, one per process as the variable asks, and a spare (which may
    # still be starting); with the default 16 slots per process they would share one.
    deadline = time.monotonic() + 30
    while len(_query_workers(configured)) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(_query_workers(configured)) == 3
    for pid in _query_workers(configured):  # glibc, as the variable asks: nothing preloaded
        assert "jemalloc" not in Path(f"/proc/{pid}/maps").read_text(errors="replace")
    slots = requests.get(f"{configured.url}/health", timeout=30).json()["workers"]
    assert slots["configured"] == 2  # the option beats the file's 1


def _query_workers(srv: Server) -> list[int]:
    return [p for p in descendants(srv.process.pid) if "queryworker" in _cmdline(p)]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.mark.alone  # times itself
def test_explosive_query_is_stopped_near_the_limit_and_the_next_answers_at_once(
    configured: Server,
) -> None:
    started = time.monotonic()
    reply = ask(configured, EXPLOSIVE)
    elapsed = time.monotonic() - started
    assert reply.status_code == 503, reply.text
    assert reply.headers["Retry-After"]
    assert "2" in reply.json()["error"]["message"]
    assert 1.8 <= elapsed < 5.0
    started = time.monotonic()
    assert ask(configured).status_code == 200
    assert time.monotonic() - started < 0.5


def test_serve_refuses_a_folder_that_is_no_store(tmp_path: Path) -> None:
    result = borderkg("serve", "--store", str(tmp_path / "nothing"), "--port", "0", timeout=60)
    assert result.returncode == 2
    assert "There is no store" in result.stderr
    assert not (tmp_path / "nothing").exists()


def test_serve_refuses_bad_settings_with_the_source_named(store: Path, tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("timeuot = 3\n", encoding="utf-8")
    result = borderkg("serve", "--store", str(store), "--config", str(config), timeout=60)
    assert result.returncode == 2
    assert "timeuot" in result.stderr and str(config) in result.stderr


@pytest.mark.parametrize(
    ("sig", "to_group"),
    [(signal.SIGTERM, False), (signal.SIGINT, False), (signal.SIGINT, True)],
    ids=["sigterm", "sigint", "ctrl-c-to-the-process-group"],
)
@pytest.mark.alone  # times itself
def test_a_signal_stops_the_server_and_every_query_worker(
    store: Path, sig: int, to_group: bool
) -> None:
    srv = start_server(store, "--workers", "2", token=TOKEN)
    processes = descendants(srv.process.pid)
    assert len(processes) >= 3  # granian's worker and two query workers at least
    started = time.monotonic()
    if to_group:
        os.killpg(srv.process.pid, sig)
    code = srv.stop(sig)
    assert code in (0, -sig, 128 + sig), srv.log_text()
    assert time.monotonic() - started < 5, srv.log_text()
    _wait_gone(processes)
    assert not [p for p in processes if alive(p)], srv.log_text()
    assert "Traceback" not in srv.log_text() and "refused" not in srv.log_text()


def test_killing_the_supervisor_outright_takes_its_workers_down(store: Path) -> None:
    srv = start_server(store, "--workers", "1")
    processes = descendants(srv.process.pid)
    srv.process.kill()
    srv.process.wait(10)
    _wait_gone(processes)
    assert not [p for p in processes if alive(p)]


def _wait_gone(processes: set[int], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(alive(p) for p in processes):
        time.sleep(0.1)


@dataclass
class DemoRun:
    store: Path
    articles: int
    first_log: str
    second_log: str
    second_articles: int


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """``borderkg demo`` twice on one store: first empty (it loads the sample), then full."""
    store = tmp_path_factory.mktemp("demo") / "store"
    with running_server(store, "--workers", "1", command="demo", timeout=300) as srv:
        articles = _count_articles(srv)
        first_log = srv.log_text()
    with running_server(store, "--workers", "1", command="demo") as again:
        return DemoRun(store, articles, first_log, again.log_text(), _count_articles(again))


def _count_articles(srv: Server) -> int:
    reply = ask(srv, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a bkg:Article }")
    return int(reply.json()["results"]["bindings"][0]["n"]["value"])


def test_demo_loads_the_sample_corpus_into_an_empty_store_then_serves(demo: DemoRun) -> None:
    assert demo.articles >= 20
    assert "has no article: loading the bundled sample corpus" in demo.first_log
    assert re.search(r"open http://127\.0\.0\.1:\d+/ ", demo.first_log)


def test_demo_serves_a_filled_store_without_loading_again(demo: DemoRun) -> None:
    assert "sample corpus" not in demo.second_log
    assert demo.second_articles == demo.articles


def test_search_command_finds_articles_and_entities(demo: DemoRun) -> None:
    found = borderkg("search", "Hyesan", "--store", str(demo.store), "--json")
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert {hit["kind"] for hit in hits} == {"article", "entity"}
    assert all(hit["iri"].startswith("https://w3id.org/borderkg/") for hit in hits)
    entities = borderkg("search", "Hyesan", "--kind", "entity", "--store", str(demo.store))
    assert entities.returncode == 0
    assert "https://w3id.org/borderkg/id/place/hyesan" in entities.stdout
    assert "[Hyesan]" in entities.stdout  # the match, marked in plain text
    nothing = borderkg("search", 'zzzqqq "AND (', "--store", str(demo.store))
    assert (nothing.returncode, nothing.stdout.strip()) == (0, "no match")


def test_reindex_command_rebuilds_the_search_index(demo: DemoRun) -> None:
    (demo.store / "search.sqlite").unlink()
    missing = borderkg("search", "Hyesan", "--store", str(demo.store))
    assert missing.returncode == 2 and "reindex" in missing.stderr
    rebuilt = borderkg("reindex", "--store", str(demo.store))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert f"{demo.articles} article(s)" in rebuilt.stdout
    again = borderkg("search", "Hyesan", "--store", str(demo.store), "--json")
    assert json.loads(again.stdout)


# -- settings, without a server -----------------------------------------------------------


def test_options_beat_variables_beat_the_file_beat_defaults(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('port = 9001\ntimeout = 5\nhost = "0.0.0.0"\n', encoding="utf-8")
    env = {"BORDERKG_TIMEOUT": "7", "BORDERKG_PORT": "9002", "BORDERKG_STORE": str(tmp_path)}
    resolved = ServeConfig.resolve({"port": 9003}, environ=env, config_file=config)
    assert (resolved.port, resolved.timeout, resolved.host) == (9003, 7.0, "0.0.0.0")
    assert resolved.store == tmp_path
    assert resolved.workers == 16  # default
    assert resolved.url == "http://127.0.0.1:9003/"


def test_config_file_comes_from_the_variable_and_paths_are_relative_to_it(tmp_path: Path) -> None:
    (tmp_path / "token").write_text(TOKEN + "\n", encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text(
        'store = "kg"\ntoken_file = "token"\nservice_allow = ["https://query.wikidata.org/sparql"]\n'
        "union_default_graph = false\n",
        encoding="utf-8",
    )
    resolved = ServeConfig.resolve({}, environ={"BORDERKG_CONFIG": str(config)})
    assert resolved.store == tmp_path / "kg"
    assert resolved.token == TOKEN and resolved.writes_enabled
    assert resolved.service_allow == ("https://query.wikidata.org/sparql",)
    assert resolved.union_default_graph is False
    assert TOKEN not in repr(resolved)


def test_lookups_in_the_server_process_can_be_switched_off(tmp_path: Path) -> None:
    env = {"BORDERKG_STORE": str(tmp_path)}
    assert ServeConfig.resolve({}, environ=env).lookup_budget == 0.02
    off = ServeConfig.resolve({}, environ={**env, "BORDERKG_LOOKUP_BUDGET": "0"})
    assert off.lookup_budget == 0.0
    assert ServeConfig.resolve({"lookup_budget": 0.05}, environ=env).lookup_budget == 0.05


def test_token_variable_and_service_list_variable(tmp_path: Path) -> None:
    env = {
        "BORDERKG_TOKEN": TOKEN,
        "BORDERKG_SERVICE_ALLOW": "https://a.example/sparql, https://b.example/sparql",
        "BORDERKG_UNION_DEFAULT_GRAPH": "off",
        "BORDERKG_STORE": str(tmp_path),
    }
    resolved = ServeConfig.resolve({}, environ=env)
    assert resolved.token == TOKEN
    assert resolved.service_allow == ("https://a.example/sparql", "https://b.example/sparql")
    assert resolved.union_default_graph is False


@pytest.mark.parametrize(
    ("options", "env", "message"),
    [
        ({}, {"BORDERKG_PORT": "eighty"}, "BORDERKG_PORT"),
        ({}, {"BORDERKG_TOKEN": "short"}, "at least 16"),
        ({"workers": 0}, {}, "workers must be at least 1"),
        ({"service_allow": ("ftp://x",)}, {}, "service_allow"),
        ({"timeout": -1.0}, {}, "timeout"),
        ({}, {"BORDERKG_LOOKUP_BUDGET": "2"}, "lookup_budget must be 0 to 1 seconds"),
        ({"token_file": "/nonexistent/token"}, {}, "cannot read the token file"),
        ({}, {"BORDERKG_ALLOCATOR": "tcmalloc"}, "allocator must be one of auto, jemalloc"),
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(
    tmp_path: Path, options: dict, env: dict, message: str
) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        ServeConfig.resolve(options, environ={"BORDERKG_STORE": str(tmp_path), **env})


def test_every_setting_is_in_the_documented_table() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "serving.md").read_text("utf-8")
    rows = [line for line in doc.splitlines() if line.startswith("| `")]
    for setting in SETTINGS:
        row = next((r for r in rows if r.startswith(f"| `{setting.name}` |")), None)
        assert row is not None, f"{setting.name} is missing from docs/serving.md"
        assert setting.env in row and setting.option.split()[0] in row
    assert len(rows) >= len(SETTINGS)
