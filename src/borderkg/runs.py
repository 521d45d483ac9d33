"""Extraction runs: the IRI of this loader's run and what the runs graph says of it.

An article graph names its run (``<graph> prov:wasGeneratedBy <run>``); what the run is
goes to the runs graph once, not into every article graph: restated in each, the run node
gathered two quads per article in the union, which every write's SHACL check of the run had
to read (20,000 quads, ~19 ms a check, in a 10,000-article store). Kept apart from the
extractor so the loading process can describe its run without importing it.
"""

from __future__ import annotations

import pyoxigraph as ox

from borderkg import __version__, iris
from borderkg.ontology.namespaces import BKG, RUN, RUNS_GRAPH

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def default_run_iri() -> str:
    """The extraction run IRI used when the caller names none: one per loader version."""
    return str(RUN["borderkg-" + iris.slugify(__version__)])


def run_quads(run: str | None = None) -> list[ox.Quad]:
    """What an extraction run is, in the runs graph: ``a bkg:ExtractionRun``, loader version.

    A load adds them once (``borderkg.pipeline.ensure_schema_graphs``); ``borderkg extract``
    prints them next to the article so its output can be read alone.
    """
    node, graph = ox.NamedNode(run or default_run_iri()), ox.NamedNode(str(RUNS_GRAPH))
    return [
        ox.Quad(node, _RDF_TYPE, ox.NamedNode(str(BKG.ExtractionRun)), graph),
        ox.Quad(node, ox.NamedNode(str(BKG.loaderVersion)), ox.Literal(__version__), graph),
    ]
