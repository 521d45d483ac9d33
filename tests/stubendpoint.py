"""A real HTTP SPARQL endpoint in a thread, for tests of SERVICE calls: it answers every GET
or POST with one fixed body (a JSON result, or an error), optionally after a delay, and
records the paths called."""

from __future__ import annotations

import contextlib
import http.server
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class StubEndpoint:
    """Where the stub listens and what it was asked."""

    base: str
    hits: list[str] = field(default_factory=list)

    @property
    def sparql(self) -> str:
        """The stub's ``/sparql`` URL (any path answers the same)."""
        return f"{self.base}/sparql"


def result_json(variables: list[str], rows: list[dict[str, str]]) -> bytes:
    """A SPARQL JSON result whose rows bind each name to a plain literal."""
    bindings = [{k: {"type": "literal", "value": v} for k, v in row.items()} for row in rows]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}).encode()


@contextlib.contextmanager
def stub_endpoint(
    body: bytes,
    delay: float = 0.0,
    hold: threading.Event | None = None,
    status: int = 200,
    content_type: str = "application/sparql-results+json",
) -> Iterator[StubEndpoint]:
    """Serve ``body`` as ``content_type`` with ``status`` to every request, ``delay``
    seconds after it arrives, or once ``hold`` is set (at most a minute): holding a caller
    without using a CPU, for as long as a test needs whatever the machine's speed."""
    stub = StubEndpoint("")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            stub.hits.append(self.path.split("?")[0])
            if hold is not None:
                hold.wait(60)
            else:
                time.sleep(delay)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.do_GET()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stub.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
