"""The curator's queue: entities the extractor found by pattern, not in the vocabulary.

A place, actor or legal instrument the curated registries lack is minted from its type and
label and marked ``bkg:reviewStatus review:Unreviewed`` in every article that names it
(``docs/data-model.md``). :func:`unreviewed` lists them across the store with how many
articles and mentions each has and a sentence that names it, most widespread first;
:func:`registry_rows` turns them into rows in the column layout of
``ontology/registry/*.csv``, so a curator can check each one (identifiers, parent, country),
complete it and append it to the registry, after which the next load links the name to the
vocabulary entry instead of minting it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import SKOS

from borderkg.ontology.namespaces import BKG, ELI, ID_BASE, ITSRDF, NIF, REVIEW

#: Registry file of each kind of minted IRI (``…/id/{kind}/{local_id}``).
REGISTRY_OF = {"place": "places.csv", "actor": "actors.csv", "legal": "legal.csv"}

#: What the extractor knew beyond type and label, by the registry column it fills.
_DETAIL_PROPS = {
    "admin_level": BKG.adminLevel,
    "admin_parent": BKG.adminParent,
    "country": BKG.country,
    "actor_type": BKG.actorType,
    "part_of": ELI.is_part_of,
    "number": ELI.number,
    "legal_type": ELI.type_document,
}

_QUERY = """
SELECT ?e (GROUP_CONCAT(DISTINCT STR(?type); separator=" ") AS ?types)
       (SAMPLE(?label) AS ?name) (COUNT(DISTINCT ?g) AS ?articles)
       (COUNT(DISTINCT ?span) AS ?mentions) (SAMPLE(?words) AS ?example)
       (GROUP_CONCAT(DISTINCT STR(?article); separator=" ") AS ?where)
       %(detail_vars)s
WHERE {
  GRAPH ?g {
    ?e <%(status)s> <%(unreviewed)s> ; a ?type ; <%(label)s> ?label .
    OPTIONAL { ?article <%(mentions)s> ?e }
    OPTIONAL { ?span <%(ident)s> ?e ; <%(sentence)s>/<%(anchor)s> ?words }
    %(detail_patterns)s
  }
}
GROUP BY ?e
HAVING (COUNT(DISTINCT ?g) >= %(least)d)
ORDER BY DESC(?articles) DESC(?mentions) ?e
"""


@dataclass
class Candidate:
    """One unreviewed entity: what the articles say about it, and where."""

    iri: str
    types: list[str]
    label: str
    articles: int
    mentions: int
    example: str
    article_iris: list[str] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> str | None:
        """``place``, ``actor`` or ``legal`` from the IRI, else ``None``."""
        if not self.iri.startswith(ID_BASE):
            return None
        kind = self.iri[len(ID_BASE) :].partition("/")[0]
        return kind if kind in REGISTRY_OF else None

    @property
    def local_id(self) -> str:
        """The IRI's slug: the registry's ``local_id`` that keeps this IRI when promoted."""
        return self.iri[len(ID_BASE) :].partition("/")[2]

    @property
    def registry_type(self) -> str:
        """The most specific borderkg class among the entity's types (registry ``type``)."""
        own = [t[len(str(BKG._NS)) :] for t in self.types if t.startswith(str(BKG._NS))]
        return next((t for t in own if t not in ("Location", "Actor")), own[0] if own else "")

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON values."""
        return {
            "iri": self.iri,
            "kind": self.kind,
            "type": self.registry_type,
            "label": self.label,
            "articles": self.articles,
            "mentions": self.mentions,
            "example": self.example,
            "article_iris": self.article_iris,
            **({"details": self.details} if self.details else {}),
        }


def unreviewed(store: Any, *, min_articles: int = 1) -> list[Candidate]:
    """Every unreviewed entity named by at least ``min_articles`` articles of ``store`` (a
    ``GraphStore``), most widespread first."""
    query = _QUERY % {
        "status": BKG.reviewStatus,
        "unreviewed": REVIEW.Unreviewed,
        "label": SKOS.prefLabel,
        "mentions": BKG.mentions,
        "ident": ITSRDF.taIdentRef,
        "sentence": BKG.sentence,
        "anchor": NIF.anchorOf,
        "least": max(1, min_articles),
        "detail_vars": " ".join(f"(SAMPLE(?d_{c}) AS ?{c})" for c in _DETAIL_PROPS),
        "detail_patterns": " ".join(
            f"OPTIONAL {{ ?e <{p}> ?d_{c} }}" for c, p in _DETAIL_PROPS.items()
        ),
    }
    out: list[Candidate] = []
    for row in store.query(query):
        iri = row["e"].value
        out.append(
            Candidate(
                iri=iri,
                types=sorted(row["types"].value.split()),
                label=row["name"].value,
                articles=int(row["articles"].value),
                mentions=int(row["mentions"].value),
                example=" ".join(row["example"].value.split()) if row["example"] else "",
                article_iris=sorted(row["where"].value.split()) if row["where"] else [],
                details=_details(row),
            )
        )
    return out


def _details(row: Any) -> dict[str, str]:
    """The registry columns a result row has a value for (admin level, instrument …)."""
    found: dict[str, str] = {}
    for column in _DETAIL_PROPS:
        value = row[column]
        if value is None:
            continue
        text = value.value
        if column == "part_of" and text.startswith(ID_BASE + "legal/"):
            text = text[len(ID_BASE + "legal/") :]
        elif column in ("admin_parent", "country") and text.startswith(ID_BASE + "place/"):
            text = text[len(ID_BASE + "place/") :]
        elif column in ("actor_type", "legal_type") and isinstance(value, ox.NamedNode):
            text = text.rsplit("/", 1)[-1]
        found[column] = text
    return found


def registry_header(kind: str) -> list[str]:
    """The columns of the registry file for ``kind`` (``place``, ``actor``, ``legal``)."""
    resource = files("borderkg.ontology").joinpath("registry", REGISTRY_OF[kind])
    with resource.open(encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def registry_rows(candidates: list[Candidate]) -> dict[str, str]:
    """``{registry file name: CSV text}``: a header and one row per candidate of that kind,
    with ``local_id``, ``type``, ``label_en`` and what the extractor knew filled in, and
    ``evidence`` saying where it was found; identifiers, country and parent are left to the
    curator (the registry checks ask for them before the vocabulary is rebuilt)."""
    out: dict[str, str] = {}
    for kind, name in REGISTRY_OF.items():
        mine = [c for c in candidates if c.kind == kind]
        if not mine:
            continue
        header = registry_header(kind)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for c in mine:
            row = dict.fromkeys(header, "")
            row.update({k: v for k, v in c.details.items() if k in row})
            seen = ", ".join(c.article_iris[:3]) + (" …" if len(c.article_iris) > 3 else "")
            row.update(
                local_id=c.local_id,
                type=c.registry_type,
                label_en=c.label,
                evidence=f"found by the extractor in {c.articles} article(s) ({seen}); "
                "not yet checked",
            )
            writer.writerow(row)
        out[name] = buffer.getvalue()
    return out
