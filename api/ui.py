"""The web UI: the query editor (YASGUI, shipped with the package), the examples gallery, search.

``/`` is the editor with the project prefixes loaded, preset to this server's ``/sparql``
(``/?query=…`` opens a query in it and runs it, which is how gallery links work);
``/examples`` lists the stored queries of ``api/examples/`` and ``/examples/<name>.rq``
serves one as text; ``/search?q=`` shows full-text hits over article bodies and entity
labels. Every page has the search box (``templates/base.html``).
"""

from __future__ import annotations

import html
import re

from flask import Blueprint, Response, abort, render_template, request
from markupsafe import Markup

from borderkg.api.gallery import example, load_examples
from borderkg.api.services import services
from borderkg.ldpaths import href
from borderkg.ontology.namespaces import BASE, PREFIXES, sparql_prefixes
from borderkg.search import SearchIndexError

bp = Blueprint("ui", __name__)

#: Hits per search page.
PAGE_SIZE = 20
#: The deepest result offset a search page may ask for.
MAX_OFFSET = 10_000

STARTER_QUERY = (
    sparql_prefixes()
    + """
# The latest articles in the graph. Every result IRI links to its page;
# open an example from the gallery below, or write your own query.
SELECT ?article ?headline ?published WHERE {
  ?article a bkg:Article .
  OPTIONAL { ?article schema:headline ?headline }
  OPTIONAL { ?article schema:datePublished ?published }
}
ORDER BY DESC(?published)
LIMIT 20
"""
)

_MARK = re.compile(r"&lt;(/?)mark&gt;")


def safe_snippet(snippet: str) -> Markup:
    """A search snippet as markup: everything escaped except ``<mark>``/``</mark>``.

    The index already returns escaped HTML; unescaping and escaping again makes the page
    safe whatever the snippet holds, without escaping anything twice.
    """
    escaped = html.escape(html.unescape(snippet), quote=False)
    return Markup(_MARK.sub(r"<\1mark>", escaped))


def editor_config() -> dict:
    """What ``static/editor.js`` needs: our endpoint, the IRI base, the prefixes, a first query."""
    return {
        "endpoint": "/sparql",
        "base": BASE,
        "prefixes": PREFIXES,
        "query": STARTER_QUERY,
    }


@bp.get("/")
def index() -> str:
    """The query editor, with the examples below it."""
    return render_template("index.html", editor_config=editor_config(), examples=load_examples())


@bp.get("/examples")
def examples() -> str:
    """The examples gallery: title, description, query and a link into the editor for each."""
    return render_template("examples.html", examples=load_examples())


@bp.get("/examples/<name>.rq")
def example_query(name: str) -> Response:
    """One stored query as a SPARQL file."""
    found = example(name)
    if found is None:
        abort(404, description=f"There is no example query called {name!r}.")
    return Response(found.query, mimetype="application/sparql-query")


@bp.get("/search")
def search() -> tuple[str, int] | str:
    """Search results for ``q`` (all kinds, or ``kind=article|entity``), 20 a page."""
    q = request.args.get("q", "").strip()
    kind = request.args.get("kind", "").strip()
    if kind not in ("", "article", "entity"):
        kind = ""
    try:
        offset = min(max(int(request.args.get("offset", "0")), 0), MAX_OFFSET)
    except ValueError:
        offset = 0
    context = {"q": q, "kind": kind, "offset": offset, "page_size": PAGE_SIZE}
    if not q:
        return render_template("search.html", hits=None, total=0, **context)
    index_ = services().search
    try:
        hits = index_.search(q, kind=kind or None, limit=PAGE_SIZE, offset=offset)
        total = index_.count(q, kind=kind or None)
    except SearchIndexError as exc:  # a missing or broken index file: say so, not a 500 page
        return (
            render_template(
                "error.html",
                status=503,
                title="Search is not available",
                message=str(exc),
                q=q,
            ),
            503,
        )
    shown = [
        {
            "hit": hit,
            "href": href(hit.iri),
            "snippet": safe_snippet(hit.snippet),
        }
        for hit in hits
    ]
    return render_template("search.html", hits=shown, total=total, **context)
