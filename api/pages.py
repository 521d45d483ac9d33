"""Linked Data pages: every IRI the project mints dereferences here, HTML or RDF by ``Accept``.

``https://w3id.org/borderkg/<path>`` is served at ``/<path>``: ``/article/<id>`` (the text
with its evidence spans and the statements extracted from it; per-article nodes such as
``#policy-1`` are anchors on that page), ``/id/…`` (places, actors, legal instruments and
provisions), ``/scheme/<scheme>[/<Concept>]``, ``/ontology`` (terms are anchors),
``/graph/…`` and ``/run/…``. ``/page?iri=…`` shows any other IRI the store mentions (and
redirects minted ones to their own path). Browsers get HTML; other clients Turtle, JSON-LD,
N-Triples or RDF/XML (``Accept``, or ``?format=turtle|jsonld|ntriples|rdfxml|html``), with
``Vary: Accept``. Errors (an unknown IRI's 404, a bad ``iri=`` …) are a page for browsers
and the JSON error shape otherwise (:func:`borderkg.api.errors.error_page`). A link on a page
goes to a page of this server only when there is one (:class:`borderkg.ldpaths.Links`);
other IRIs link out, marked as external. All data comes through the query pool (``borderkg.pagedata``, ``borderkg.pageviews``,
``borderkg.entityviews``); RDF is serialized by pyoxigraph in the query workers.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, redirect, render_template, request
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from rdflib import URIRef
from werkzeug.exceptions import HTTPException

from borderkg import conneg
from borderkg.api.errors import ApiError, error_page, register_page_errors
from borderkg.api.services import services
from borderkg.entityviews import entity_view, graph_view, scheme_concepts
from borderkg.ldpaths import Links, document_of, iri_for_path, local_path
from borderkg.ontology.namespaces import ONTOLOGY_GRAPH, ONTOLOGY_IRI
from borderkg.pagedata import RDF_TYPE, BadIri, checked_iri, curie, is_known, sparql
from borderkg.pageviews import article_graph_of, article_view
from borderkg.querypool import QueryError

bp = Blueprint("pages", __name__)
register_page_errors(bp)

HTML = "text/html"
#: RDF serializations pages offer, in the order used for ``*/*`` (Turtle first).
RDF_TYPES = (conneg.TURTLE, conneg.JSONLD, conneg.NTRIPLES, conneg.RDFXML)
RDF_LABELS = {
    conneg.TURTLE: ("Turtle", "turtle"),
    conneg.JSONLD: ("JSON-LD", "jsonld"),
    conneg.NTRIPLES: ("N-Triples", "ntriples"),
    conneg.RDFXML: ("RDF/XML", "rdfxml"),
}
_ALIASES = {a: t for a, t in conneg.GRAPH_ALIASES.items() if t in RDF_TYPES}
#: What a page can be: Turtle first (clients that accept anything get data), then HTML.
OFFERED = (conneg.TURTLE, HTML, "application/xhtml+xml", *RDF_TYPES[1:], *_ALIASES)
SD_GRAPH = "http://www.w3.org/ns/sparql-service-description#Graph"
#: Incoming links included in an entity's RDF description.
MAX_INCOMING_RDF = 1000


def _negotiate() -> str:
    """``text/html`` or an RDF media type for this request; 406 when none is acceptable."""
    fmt = request.args.get("format", "").strip().lower()
    if fmt:
        if fmt in ("html", "xhtml"):
            return HTML
        wanted = conneg.JSONLD if fmt == "json" else conneg.FORMAT_PARAM.get(fmt, fmt)
        wanted = _ALIASES.get(wanted, wanted)
        if wanted in RDF_TYPES:
            return wanted
        raise ApiError(
            406,
            "not-acceptable",
            f"format={fmt} is not offered here; use html, turtle, jsonld, ntriples or rdfxml.",
        )
    chosen = conneg.choose(request.headers.get("Accept"), OFFERED)
    if chosen is None:
        raise ApiError(
            406,
            "not-acceptable",
            "This page is available as text/html, " + ", ".join(RDF_TYPES) + ".",
        )
    if chosen in (HTML, "application/xhtml+xml"):
        return HTML
    return _ALIASES.get(chosen, chosen)


@bp.after_request
def _vary(response: Response) -> Response:
    """Every answer of these URLs depends on ``Accept`` (errors and redirects too)."""
    if "accept" not in response.headers.get("Vary", "").lower():
        response.headers.add("Vary", "Accept")
    return response


def _alternates(path_and_query: str) -> list[dict[str, str]]:
    """Links to this page's RDF forms (``?format=…``)."""
    joiner = "&" if "?" in path_and_query else "?"
    return [
        {"label": label, "media_type": media, "url": f"{path_and_query}{joiner}format={name}"}
        for media, (label, name) in RDF_LABELS.items()
    ]


def _page_url() -> str:
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "format"]
    return request.path + ("?" + urlencode(args) if args else "")


def not_found(iri: str, html: bool) -> Response:
    """404 for an IRI the store does not know: a page for browsers, JSON otherwise."""
    message = "The store has no data about this IRI."
    return error_page(404, "not-found", message, html=html, title="Not found", iri=iri)


def _query_failed(exc: QueryError, html: bool) -> Response:
    status = getattr(exc, "status", 500)
    code = getattr(exc, "code", "query-failed")
    headers = dict(getattr(exc, "headers", None) or {})
    title = "The page could not be built"
    return error_page(status, code, str(exc), html=html, title=title, headers=headers)


def construct_query(kind: str, iri: str) -> str:
    """The CONSTRUCT query whose result is the RDF form of the page about ``iri``."""
    if kind == "article":
        return sparql(
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <$g> { ?s ?p ?o } }", g=article_graph_of(iri)
        )
    if kind == "ontology":
        return sparql(
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <$g> { ?s ?p ?o } }", g=str(ONTOLOGY_GRAPH)
        )
    if kind == "graph":
        return sparql(
            "CONSTRUCT { ?s ?p ?o } WHERE { { GRAPH <$g> { ?s ?p ?o } }"
            " UNION { <$g> ?p ?o . BIND(<$g> AS ?s) }"
            " UNION { BIND(<$g> AS ?s) BIND(<$type> AS ?p) BIND(<$sd> AS ?o) } }",
            g=iri,
            type=RDF_TYPE,
            sd=SD_GRAPH,
        )
    # Entities, concepts, schemes, runs, any other IRI: what it says, what points to it,
    # and its own hash nodes (a place's #geometry, an instrument's #accession-china).
    members = (
        " UNION { ?s <http://www.w3.org/2004/02/skos/core#inScheme> <$e> ; ?p ?o }"
        if kind == "scheme"
        else ""
    )
    return sparql(
        "CONSTRUCT { <$e> ?p ?o . ?s ?q <$e> . ?f ?fp ?fo . ?s ?p ?o } WHERE {"
        " { <$e> ?p ?o }"
        f" UNION {{ SELECT ?s ?q WHERE {{ ?s ?q <$e> }} LIMIT {MAX_INCOMING_RDF} }}"
        ' UNION { <$e> ?x ?f . FILTER(isIRI(?f) && STRSTARTS(STR(?f), CONCAT(STR(<$e>), "#")))'
        " ?f ?fp ?fo }"
        ' UNION { ?f ?x <$e> . FILTER(isIRI(?f) && STRSTARTS(STR(?f), CONCAT(STR(<$e>), "#")))'
        " ?f ?fp ?fo }" + members + " }",
        e=iri,
    )


def _rdf(kind: str, iri: str, media: str) -> Response:
    pool = services().pool
    if not is_known(pool.select, iri):
        return not_found(iri, html=False)
    body = pool.graph(construct_query(kind, iri), media_type=media)
    return Response(body, content_type=conneg.CONTENT_TYPES[media])


def _html(kind: str, iri: str) -> Response:
    select = services().pool.select
    context: dict[str, Any] = {"iri": iri, "kind": kind, "alternates": _alternates(_page_url())}
    if kind == "article":
        view = article_view(select, iri)
        if view is None:
            return not_found(iri, html=True)
        return _render("article.html", view, view.links, context)
    if kind == "graph":
        gview = graph_view(select, iri)
        if gview is None:
            return not_found(iri, html=True)
        return _render("graph.html", gview, gview.links, context)
    eview = entity_view(select, iri)
    if not eview.resource.exists:
        return not_found(iri, html=True)
    if kind == "scheme":
        context["concepts"] = scheme_concepts(select, iri)
    return _render("resource.html", eview, eview.links, context)


def _render(template: str, view: Any, links: Links, context: dict[str, Any]) -> Response:
    body = render_template(template, view=view, ld_links=links, **context)
    return Response(body, mimetype=HTML)


def serve(kind: str, iri: str) -> Response:
    """The page about ``iri`` (a ``kind`` of document), negotiated between HTML and RDF."""
    try:
        checked_iri(iri)
    except BadIri as exc:
        raise ApiError(400, "bad-iri", str(exc)) from None
    media = _negotiate()
    try:
        if media == HTML:
            return _html(kind, iri)
        return _rdf(kind, iri, media)
    except QueryError as exc:
        return _query_failed(exc, html=media == HTML)


@bp.get("/article/<path:art_id>")
def article(art_id: str) -> Response:
    """An article: text with evidence highlighted, statements beside it."""
    return serve("article", iri_for_path("article/" + art_id))


@bp.get("/id/<path:rest>")
def entity(rest: str) -> Response:
    """A place, actor, legal instrument or provision."""
    return serve("entity", iri_for_path("id/" + rest))


@bp.get("/graph/<path:rest>")
def graph(rest: str) -> Response:
    """A named graph (an article's, or a well-known one)."""
    return serve("graph", iri_for_path("graph/" + rest))


@bp.get("/scheme/<name>")
def scheme(name: str) -> Response:
    """A concept scheme with its concepts."""
    return serve("scheme", iri_for_path("scheme/" + name))


@bp.get("/scheme/<name>/<path:concept>")
def concept(name: str, concept: str) -> Response:
    """A concept of a scheme, with what uses it."""
    return serve("concept", iri_for_path(f"scheme/{name}/{concept}"))


@bp.get("/run/<path:rest>")
def run(rest: str) -> Response:
    """An extraction run."""
    return serve("run", iri_for_path("run/" + rest))


@lru_cache(maxsize=1)
def _ontology_terms() -> dict[str, Any]:
    """Classes, properties and schemes of the shipped ontology, for the ontology page."""
    from borderkg.ontology import ontology_graph, schemes_graph
    from borderkg.ontology.docs import collect_schemes, collect_terms

    onto = ontology_graph()
    classes, properties = collect_terms(onto)
    label = onto.value(URIRef(str(ONTOLOGY_IRI)), URIRef("http://purl.org/dc/terms/title"))
    description = onto.value(
        URIRef(str(ONTOLOGY_IRI)), URIRef("http://purl.org/dc/terms/description")
    )
    return {
        "title": str(label or "borderkg ontology"),
        "description": str(description or ""),
        "classes": classes,
        "properties": properties,
        "schemes": collect_schemes(schemes_graph()),
    }


@bp.get("/ontology")
def ontology() -> Response:
    """The ontology: every class, property and concept scheme, each term an anchor."""
    media = _negotiate()
    if media != HTML:
        try:
            return _rdf("ontology", str(ONTOLOGY_IRI), media)
        except QueryError as exc:
            return _query_failed(exc, html=False)
    body = render_template(
        "ontology.html",
        iri=str(ONTOLOGY_IRI),
        alternates=_alternates("/ontology"),
        **_ontology_terms(),
    )
    return Response(body, mimetype=HTML)


@bp.get("/page")
def page() -> Response:
    """Any IRI: minted ones redirect to their own path, others are described here."""
    iri = request.args.get("iri", "").strip()
    if not iri:
        raise ApiError(400, "missing-parameter", "Give the IRI to show in the iri parameter.")
    try:
        checked_iri(iri)
    except BadIri as exc:
        raise ApiError(400, "bad-iri", str(exc)) from None
    doc = document_of(iri)
    if doc is not None:
        path, _, fragment = (local_path(iri) or doc.path).partition("#")
        fmt = request.args.get("format")
        target = path + ("?" + urlencode({"format": fmt}) if fmt else "")
        target += "#" + fragment if fragment else ""
        return redirect(target, code=303)
    return serve("other", iri)


_NO_LOOKUP = Links()


@bp.app_template_global("ld_link")
@pass_context
def ld_link(
    context: Context, iri: str, text: str | None = None, title: str | None = None
) -> Markup:
    """Template function: a link to ``iri`` showing ``text`` (escaped unless markup).

    Where it goes is the page's ``ld_links`` (:class:`~borderkg.ldpaths.Links`; without one,
    only IRIs with a page of their own link here): a page of this server, the IRI itself
    (``class="external"``, marked for sight and screen readers), or no link at all.
    """
    found = (context.get("ld_links") or _NO_LOOKUP).link(iri)
    shown = iri if text is None else text
    hint = title or iri
    if found is None:
        return Markup('<span class="unlinked" title="{}">{}</span>').format(hint, shown)
    if found.external:
        return Markup(
            '<a class="external" href="{}" title="{}" rel="external noopener">{}'
            '<span class="visually-hidden"> (external)</span></a>'
        ).format(found.url, hint, shown)
    return Markup('<a href="{}" title="{}">{}</a>').format(found.url, hint, shown)


@bp.app_template_filter("curie")
def curie_filter(iri: str) -> str:
    """Template filter: ``prefix:local`` for a project IRI."""
    return curie(iri)


@bp.app_context_processor
def _constants() -> dict[str, str]:
    return {"rdf_type": RDF_TYPE}


@bp.app_errorhandler(404)
def _not_found_anywhere(exc: HTTPException) -> Response:
    """404 for any path (an unknown IRI of ours, too): a page for browsers, JSON otherwise."""
    message = exc.description or "Nothing is served at this address."
    return error_page(404, "not-found", message, title="Not found")
