"""The web UI: the query editor (YASGUI, shipped with the package), the examples gallery, search.

``/`` is the editor with the project prefixes loaded, preset to this server's ``/sparql``
(``/?query=…`` opens a query in it and runs it, which is how gallery links work);
``/examples`` lists the stored queries of ``api/examples/`` and ``/examples/<name>.rq``
serves one as text; ``/search?q=`` shows full-text hits over article bodies and entity
labels (an ``offset`` follows ``/api/search``'s rules: past the last hit the page says so,
beyond the limit it is a 400); ``/dataset`` shows the dataset description of
``/.well-known/void`` as a page (RDF clients keep getting RDF there). Every page has the
search box (``templates/base.html``).
"""

from __future__ import annotations

import html
import re

from flask import Blueprint, Response, abort, render_template, request
from markupsafe import Markup

from borderkg.api import voidgraph
from borderkg.api.errors import ApiError, error_page
from borderkg.api.gallery import example, load_examples

# The dataset page shares /.well-known/void's cached counts (computed once per snapshot).
from borderkg.api.meta import void_stats
from borderkg.api.searchapi import MAX_OFFSET, int_param
from borderkg.api.services import services
from borderkg.api.voidstats import LINK_TARGETS
from borderkg.ldpaths import href
from borderkg.ontology.namespaces import BASE, PREFIXES, sparql_prefixes
from borderkg.pagedata import UNTITLED, labels, page_links
from borderkg.querypool import QueryError
from borderkg.search import Hit, SearchIndexError

bp = Blueprint("ui", __name__)

#: Hits per search page.
PAGE_SIZE = 20
#: The forms of the dataset description linked from its page: (label, ``format=`` value).
VOID_FORMATS = (
    ("Turtle", "turtle"),
    ("N-Triples", "ntriples"),
    ("JSON-LD", "jsonld"),
    ("RDF/XML", "rdfxml"),
)

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


#: Namespaces of the external vocabularies the data uses (``schema:``, ``skos:``, ``rdf:`` …):
#: result IRIs in them link to the term's own definition, as the pages do, since this
#: server has no page for a property it only uses. Wikidata entities are data, not terms.
VOCABULARY_NAMESPACES = sorted(
    ns for name, ns in PREFIXES.items() if not ns.startswith(BASE) and name != "wd"
)


def editor_config() -> dict:
    """What ``static/editor.js`` needs: our endpoint, the IRI base, the prefixes, the
    external vocabularies' namespaces, a first query."""
    return {
        "endpoint": "/sparql",
        "base": BASE,
        "prefixes": PREFIXES,
        "vocabularies": VOCABULARY_NAMESPACES,
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


def _is_untitled(hit: Hit) -> bool:
    """Whether the index named an article by its identifier for want of a headline."""
    return hit.kind == "article" and hit.label in ("", hit.iri.rsplit("/", 1)[-1])


def _untitled_names(hits: list[Hit]) -> dict[str, str]:
    """Names ("(untitled) “first words…”") for the untitled articles among ``hits``."""
    untitled = [hit.iri for hit in hits if _is_untitled(hit)]
    if not untitled:
        return {}
    try:
        names = labels(services().pool.select, untitled)
    except QueryError:  # the store is busy: the page still shows, with a plainer name
        names = {}
    return {iri: names.get(iri, UNTITLED) for iri in untitled}


@bp.get("/search")
def search() -> tuple[str, int] | str | Response:
    """Search results for ``q`` (all kinds, or ``kind=article|entity``), 20 a page."""
    q = request.args.get("q", "").strip()
    kind = request.args.get("kind", "").strip()
    if kind not in ("", "article", "entity"):
        kind = ""
    context = {"q": q, "kind": kind, "page_size": PAGE_SIZE}
    if not q:
        return render_template("search.html", hits=None, total=0, offset=0, **context)
    try:
        offset = int_param("offset", 0, 0, MAX_OFFSET)
    except ApiError as exc:  # the rule of /api/search, which answers 400 too
        page = render_template(
            "search.html", hits=None, total=0, offset=0, problem=exc.message, **context
        )
        return page, 400
    index_ = services().search
    try:
        hits = index_.search(q, kind=kind or None, limit=PAGE_SIZE, offset=offset)
        total = index_.count(q, kind=kind or None)
    except SearchIndexError as exc:  # a missing or broken index file: say so, not a 500 page
        return error_page(
            503, "search-unavailable", str(exc), html=True, title="Search is not available", q=q
        )
    names = _untitled_names(hits)
    shown = [
        {
            "hit": hit,
            "label": names.get(hit.iri) or hit.label or hit.iri,
            "untitled": hit.iri in names,
            "href": href(hit.iri),
            "snippet": safe_snippet(hit.snippet),
        }
        for hit in hits
    ]
    return render_template("search.html", hits=shown, total=total, offset=offset, **context)


@bp.get("/dataset")
def dataset() -> str:
    """The dataset description of ``/.well-known/void`` for people: what the dataset is, its
    size, its classes and properties with their counts, its links out, and where to get it."""
    stats = void_stats()
    classes = sorted(stats.class_partitions.items(), key=lambda item: (-item[1], item[0]))
    properties = sorted(stats.properties.items(), key=lambda item: (-item[1], item[0]))
    iris = [iri for iri, _ in classes] + [iri for iri, _ in properties]
    select = services().pool.select
    try:
        names, links = labels(select, iris), page_links(select, iris)
    except QueryError:  # the store is busy: show the counts without names
        names, links = {}, None
    linksets = [
        (title, home, stats.linksets.get(key)) for key, (title, home, *_) in LINK_TARGETS.items()
    ]
    return render_template(
        "dataset.html",
        stats=stats,
        title=voidgraph.TITLE,
        description=voidgraph.DESCRIPTION,
        license=voidgraph.LICENSE,
        dumps=voidgraph.DUMPS,
        classes=classes,
        properties=properties,
        linksets=linksets,
        names=names,
        ld_links=links,
        formats=VOID_FORMATS,
    )
