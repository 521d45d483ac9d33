"""Where the endpoint serves each IRI: minted ``https://w3id.org/borderkg/…`` IRIs ↔ local paths.

Every IRI the project mints lives under :data:`BASE`; the server answers for the same
resource at the same path (``…/id/place/yalu-river`` → ``/id/place/yalu-river``). A hash IRI
is described by the document of the IRI before the ``#`` (``…/article/abc#policy-1`` by the
article page, ``…/ontology#Policy`` by the ontology page), so browsers, which never send the
fragment, land on the right page. IRIs minted elsewhere are shown by ``/page?iri=…`` when
the store holds data about them; :class:`Links` decides where a page's links go, so that no
link on a page leads to a 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from borderkg.ontology.namespaces import BASE

#: What kind of document a local path is, by its first segment.
DOCUMENT_KINDS = {
    "article": "article",
    "graph": "graph",
    "id": "entity",
    "ontology": "ontology",
    "scheme": "scheme",
    "run": "run",
}

#: Characters left as they are in local paths (IRIs minted here are ASCII slugs).
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def is_minted(iri: str) -> bool:
    """Whether ``iri`` is one the project mints (it lives under :data:`BASE`)."""
    return iri.startswith(BASE) and len(iri) > len(BASE)


def document_iri(iri: str) -> str:
    """The IRI without its fragment: the document that describes ``iri``."""
    return iri.split("#", 1)[0]


def local_path(iri: str) -> str | None:
    """The server path of a minted IRI, fragment kept (``/article/abc#policy-1``), else ``None``."""
    if not is_minted(iri):
        return None
    rest = iri[len(BASE) :]
    path, _, fragment = rest.partition("#")
    local = "/" + quote(path, safe=_PATH_SAFE)
    return local + ("#" + quote(fragment, safe=_PATH_SAFE + "?") if fragment else "")


def href(iri: str) -> str:
    """Where a link to ``iri`` should go on this server: its own path, or ``/page?iri=…``."""
    return local_path(iri) or "/page?" + urlencode({"iri": iri})


def iri_for_path(path: str) -> str:
    """The minted IRI a local path stands for (``/id/place/x`` → ``https://w3id.org/borderkg/id/place/x``)."""
    return BASE + path.lstrip("/")


@dataclass(frozen=True)
class Document:
    """A document the server can show: its IRI and kind (article, entity, graph, …)."""

    iri: str
    kind: str

    @property
    def path(self) -> str:
        """Its local path (no fragment)."""
        return local_path(self.iri) or "/"


def document_of(iri: str) -> Document | None:
    """The local document describing a minted ``iri`` (fragment dropped), else ``None``."""
    if not is_minted(iri):
        return None
    doc = document_iri(iri)
    first = doc[len(BASE) :].split("/", 1)[0]
    kind = DOCUMENT_KINDS.get(first)
    if kind is None:
        return None
    if kind == "scheme" and doc.count("/") > BASE.count("/") + 1:
        kind = "concept"
    return Document(doc, kind)


@dataclass(frozen=True)
class Link:
    """Where one link goes: ``url``, and whether it leaves this server (``external``)."""

    url: str
    external: bool = False


class Links:
    """Where the links of one page go: to a page on this server only when there is one.

    Minted IRIs of a document kind go to their own path (the page views only show minted
    IRIs read from the store, so their documents exist); ``#fragment`` references stay
    anchors; any other IRI goes to ``/page?iri=…`` when it is in ``described`` (the store
    says something about it or points to it, see :func:`borderkg.pagedata.page_links`), else
    out to the IRI itself when it is a web address (an external vocabulary term, a Wikidata
    item), else nowhere.
    """

    def __init__(self, described: Iterable[str] = ()) -> None:
        self.described = frozenset(described)

    def link(self, iri: str) -> Link | None:
        """The link for ``iri``, or ``None`` when nothing useful can be linked."""
        if iri.startswith("#"):
            return Link(iri)
        if document_of(iri) is not None:
            return Link(local_path(iri) or "/")
        if iri in self.described:
            return Link("/page?" + urlencode({"iri": iri}))
        if iri.startswith(("http://", "https://")):
            return Link(iri, external=True)
        return None


def needs_lookup(iri: str) -> bool:
    """Whether :class:`Links` needs to know if the store describes ``iri`` to link it well."""
    return not iri.startswith("#") and document_of(iri) is None
