"""What ``borderkg validate`` checks: files, folders and articles read into one dataset.

RDF files are parsed with pyoxigraph (which reports the line and column of a syntax
error); each file's default-graph triples go into a named graph of their own (the file's
``file:`` IRI), while the named graphs of TriG and N-Quads files are kept as they are.
Article files are read and extracted as ``borderkg load`` would, each into its article
graph. The project's ontology, concept schemes and vocabulary are added in their own
graphs, so class hierarchies and scheme membership are there for the shapes to see.
For every node the inputs describe, the file that first describes it is remembered, so a
result can point at a file and (see ``borderkg.sourcelines``) a line.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from borderkg import deepstack
from borderkg.sourcelines import location

#: RDF format names the command accepts, and the pyoxigraph format of each.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}

#: File extensions (lower-case) of RDF inputs and the format each selects.
RDF_EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "ntriples",
    ".jsonld": "jsonld",
    ".json-ld": "jsonld",
    ".rdf": "rdfxml",
    ".owl": "rdfxml",
    ".xml": "rdfxml",
}

#: Article formats (read by ``borderkg.loaders.readers``).
ARTICLE_FORMATS = ("text", "json", "jsonl", "html")

_GLOB_CHARS = re.compile(r"[*?\[]")
# pyoxigraph repeats the position in its message ("Parser error at line 3 column 16: …",
# "… at line 3 between columns 16 and 20: …", "… between line 3 column 16 and line 4
# column 2: …"); the location is reported separately.
_POSITION_PREFIX = re.compile(
    r"^Parser error (?:at|between) line (?P<line>\d+) "
    r"(?:column|between columns) (?P<column>\d+)[^:]*: "
)


def xml_error_position(data: bytes) -> tuple[int, int] | None:
    """(line, 1-based column) of the first XML well-formedness error, found with expat.

    pyoxigraph's RDF/XML errors carry no position; an ill-formed document's position is
    the one expat reports. ``None`` when the XML is well-formed (an RDF/XML-level error).
    """
    from xml.parsers import expat

    parser = expat.ParserCreate()
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        return exc.lineno, exc.offset + 1
    return None


def _syntax_error(
    file: str, exc: SyntaxError, fmt: str | None = None, data: bytes | None = None
) -> InputError:
    text = exc.msg or str(exc)
    line, column = exc.lineno, exc.offset
    found = _POSITION_PREFIX.match(text)
    if found:
        text = text[found.end() :]
        if line is None:
            line, column = int(found["line"]), int(found["column"])
    if line is None and fmt == "rdfxml":
        try:
            position = xml_error_position(data if data is not None else Path(file).read_bytes())
        except OSError:
            position = None
        if position is not None:
            line, column = position
    return InputError(file, text + _syntax_hint(text, file, line, data), line, column)


#: A prefixed name with a character Turtle allows in a local name only escaped.
_UNESCAPED_LOCAL = re.compile(r"(?<![\w<\"'])[A-Za-z][\w.\-]*:(?:\\.|[^\s<>\\=,#\"'])*[#=]")


def _syntax_hint(text: str, file: str, line: int | None, data: bytes | None) -> str:
    """What usually causes a parser message the parser does not explain, or ""."""
    if "LoadDocumentCallback" in text:
        return " (a remote JSON-LD @context is never fetched: write the @context inline)"
    if "dot is expected at the end of statements" in text:
        return " (often the statement before this point lacks its final '.')"
    if line is None:
        return ""
    try:
        source = data if data is not None else Path(file).read_bytes()
    except OSError:
        return ""
    # An unescaped '#' starts a comment, so the parser may stop a line or two further on.
    lines = source.decode("utf-8", errors="replace").split("\n")[max(0, line - 3) : line]
    if any(_UNESCAPED_LOCAL.search(written) for written in lines):
        return (
            " (in a prefixed name, '#', '=' and ',' must be escaped with a backslash, as in "
            "article:abc\\#char\\=0\\,113, or write the IRI in full: "
            "<https://w3id.org/borderkg/article/abc#char=0,113>)"
        )
    return ""


@dataclass(frozen=True)
class InputError:
    """An input that could not be read: missing, unreadable, or not valid in its syntax."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    kind: str = "syntax"

    @property
    def location(self) -> str:
        """``FILE``, ``FILE:LINE`` or ``FILE:LINE:COLUMN``."""
        return location(self.file, self.line, self.column)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass
class InputFile:
    """One input as read: where from, what kind, how many quads it gave."""

    source: str  # the path as the user named it (or as found under a named folder)
    kind: str  # "rdf", "article" or "store"
    format: str
    quads: int = 0
    base: str | None = None  # the base IRI an RDF file was parsed with
    prefixes: dict[str, str] = field(default_factory=dict)


@dataclass
class Collected:
    """The dataset to validate and everything known about where its nodes came from."""

    store: ox.Store
    inputs: list[InputFile] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: N-Triples term → index in ``inputs`` of the file that first has it as a subject.
    subject_of: dict[str, int] = field(default_factory=dict)
    #: N-Triples term → index of the first file that mentions it (as object) otherwise.
    mentioned_in: dict[str, int] = field(default_factory=dict)

    def focus_nodes(self) -> list[str]:
        """Every IRI or blank node the inputs describe or mention, in N-Triples form."""
        return sorted(set(self.subject_of) | set(self.mentioned_in))

    def described_by_project(self, node: str) -> bool:
        """Whether the project's ontology, schemes or vocabulary describe ``node`` (an IRI
        in N-Triples form): such a node is the project's, whoever mentions it."""
        from borderkg.validation.data import BACKGROUND_GRAPHS

        if not (node.startswith("<") and node.endswith(">")):
            return False
        subject = ox.NamedNode(node[1:-1])
        return any(
            next(iter(self.store.quads_for_pattern(subject, None, None, ox.NamedNode(g))), None)
            is not None
            for g in BACKGROUND_GRAPHS
        )


def file_graph_iri(path: Path) -> str:
    """The named graph of one input file's default-graph triples: the file's IRI."""
    return path.resolve().as_uri()


def add_schema_graphs(store: ox.Store) -> None:
    """Add the shipped ontology, concept schemes and vocabulary, each in its graph.

    They are added even when an input already has a graph of that name (a TriG export,
    ``borderkg extract`` output with its entity context): the union keeps every statement
    either side makes, so a partial copy never hides the shipped one.
    """
    from borderkg.validation.data import BACKGROUND_GRAPHS, background_nquads

    for graph in BACKGROUND_GRAPHS:
        store.load(background_nquads(graph), format=ox.RdfFormat.N_QUADS)


def _walk(top: Path) -> Iterator[Path]:
    """Non-hidden files under a folder, sorted (``__pycache__`` skipped)."""
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _kind_of(path: Path, input_format: str | None) -> str | None:
    """``"rdf"``, ``"article"`` or ``None`` (unknown) for one file."""
    from borderkg.loaders.readers import EXTENSIONS

    if input_format:
        return "rdf" if input_format in RDF_FORMATS else "article"
    suffix = path.suffix.lower()
    if suffix in RDF_EXTENSIONS:
        return "rdf"
    if suffix in EXTENSIONS:
        return "article"
    return None


def _is_sidecar(path: Path, input_format: str | None) -> bool:
    return (
        input_format is None
        and path.suffix.lower() == ".json"
        and path.with_suffix(".txt").is_file()
    )


def expand_paths(
    paths: Iterable[str], input_format: str | None, collected: Collected
) -> tuple[list[Path], list[Path]]:
    """RDF files and article files named by ``paths`` (files, folders, globs).

    A named file of unknown type is an error; a file of unknown type found in a folder
    (a README, a script) is skipped with a warning.
    """
    rdf: list[Path] = []
    articles: list[Path] = []
    seen: set[str] = set()
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            found = [(p, True) for p in _walk(path)]
        elif os.path.lexists(path):
            found = [(path, False)]
        elif _GLOB_CHARS.search(arg) and (matches := sorted(glob.glob(arg, recursive=True))):
            found = [(Path(m), True) for m in matches if Path(m).is_file()]
            found += [(p, True) for m in matches if Path(m).is_dir() for p in _walk(Path(m))]
        else:
            collected.errors.append(InputError(arg, "no such file or directory", kind="not-found"))
            continue
        for file, was_found in found:
            if _is_sidecar(file, input_format):
                # NAME.json beside NAME.txt is the text's metadata: validate the article.
                file = file.with_suffix(".txt")
            key = os.path.realpath(file)
            if key in seen:
                continue
            seen.add(key)
            kind = _kind_of(file, input_format)
            if kind == "rdf":
                rdf.append(file)
            elif kind == "article":
                articles.append(file)
            elif was_found:
                collected.warnings.append(f"{file}: skipped (not an RDF or article file)")
            else:
                known = ", ".join([*RDF_EXTENSIONS, ".txt", ".json", ".jsonl", ".html"])
                collected.errors.append(
                    InputError(
                        str(file),
                        f"unknown extension {file.suffix or 'none'!r} (known: {known}; "
                        "or give --input-format)",
                        kind="extension",
                    )
                )
    return rdf, articles


def _note_terms(collected: Collected, index: int, quad: ox.Quad) -> None:
    subject = str(quad.subject)
    collected.subject_of.setdefault(subject, index)
    obj = quad.object
    if isinstance(obj, ox.NamedNode | ox.BlankNode):
        term = str(obj)
        if term not in collected.subject_of:
            collected.mentioned_in.setdefault(term, index)


def _parse_rdf(
    path: Path, fmt: str, base: str, file_graph: ox.NamedNode
) -> tuple[list[ox.Quad], dict[str, str]]:
    """The quads of an RDF file (default graph as ``file_graph``) and its prefixes."""
    parser = ox.parse(path=path, format=RDF_FORMATS[fmt], base_iri=base, rename_blank_nodes=True)
    quads = [
        ox.Quad(q.subject, q.predicate, q.object, file_graph)
        if isinstance(q.graph_name, ox.DefaultGraph)
        else q
        for q in parser
    ]
    return quads, dict(getattr(parser, "prefixes", None) or {})


def read_rdf_file(path: Path, fmt: str, collected: Collected) -> None:
    """Parse one RDF file into the dataset, or record why it cannot be parsed."""
    base = path.resolve().as_uri()
    file_graph = ox.NamedNode(file_graph_iri(path))
    index = len(collected.inputs)
    entry = InputFile(str(path), "rdf", fmt, base=base)
    try:
        quads, entry.prefixes = deepstack.call(_parse_rdf, path, fmt, base, file_graph)
    except SyntaxError as exc:
        collected.errors.append(_syntax_error(str(path), exc, fmt))
        return
    except (OSError, ValueError) as exc:
        collected.errors.append(InputError(str(path), str(exc), kind="unreadable"))
        return
    if not quads:
        # Empty data conforms in SHACL, but a file truncated by a bad merge should not pass
        # unnoticed: say so (on standard error and in every report format).
        collected.warnings.append(
            f"{path}: no statements (the file is empty or holds only prefixes and comments)"
        )
    collected.store.extend(quads)
    entry.quads = len(quads)
    collected.inputs.append(entry)
    for quad in quads:
        _note_terms(collected, index, quad)


def read_article_files(paths: list[Path], input_format: str | None, collected: Collected) -> None:
    """Read and extract article files (as ``borderkg load`` would) into the dataset."""
    if not paths:
        return
    from borderkg.loaders.readers import EXTENSIONS, ReadError, ReadOptions, iter_records
    from borderkg.pipeline import Rejected, build_all, default_workers
    from borderkg.storetypes import article_update

    options = ReadOptions(format=input_format if input_format in ARTICLE_FORMATS else None)
    records = []
    for item in iter_records([str(p) for p in paths], options):
        if isinstance(item, ReadError):
            if item.is_warning:
                collected.warnings.append(str(item))
            else:
                collected.errors.append(
                    InputError(item.file, item.message, item.line, item.column, kind=item.kind)
                )
        else:
            records.append(item)
    workers = default_workers() if len(records) >= 8 else 1
    for built in build_all(records, workers):
        if isinstance(built, Rejected):
            collected.errors.append(InputError(built.source, built.reason, kind="extraction"))
            continue
        graph = ox.NamedNode(built.graph)
        _, triples = article_update(built.graph, built.quads, built.content_hash)
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
        collected.store.extend(quads)
        index = len(collected.inputs)
        file = re.sub(r":\d+$", "", built.source)  # a JSON Lines record is FILE:LINE
        reader = options.format or EXTENSIONS.get(Path(file).suffix.lower(), "text")
        collected.inputs.append(InputFile(built.source, "article", reader, quads=len(quads)))
        for quad in quads:
            _note_terms(collected, index, quad)


def collect(paths: Iterable[str], input_format: str | None = None) -> Collected:
    """Read every input into one in-memory dataset with the project's schema graphs."""
    collected = Collected(store=ox.Store())
    rdf, articles = expand_paths(paths, input_format, collected)
    for path in rdf:
        fmt = input_format if input_format in RDF_FORMATS else RDF_EXTENSIONS[path.suffix.lower()]
        read_rdf_file(path, fmt, collected)
    read_article_files(articles, input_format, collected)
    if collected.inputs:  # the readable ones are validated even when others failed
        add_schema_graphs(collected.store)
    return collected


#: rdflib's parser name for each RDF format.
_RDFLIB_FORMATS = {
    "turtle": "turtle",
    "trig": "trig",
    "nquads": "nquads",
    "ntriples": "nt",
    "jsonld": "json-ld",
    "rdfxml": "xml",
}


def _parse_shapes(graph: Graph, data: bytes, fmt: str, base: str) -> None:
    """Check a shapes file with pyoxigraph (for its error positions), then add it."""
    for _ in ox.parse(input=data, format=RDF_FORMATS[fmt], base_iri=base):
        pass
    graph.parse(data=data, format=_RDFLIB_FORMATS[fmt], publicID=base)


def read_shapes(
    files: Iterable[str], warnings: list[str] | None = None
) -> tuple[Graph, list[InputError]]:
    """The project's shapes with the researcher's shape files added on top.

    Each file is checked with pyoxigraph first, whose syntax errors carry a line and
    column, then parsed into the rdflib shapes graph the validators take (format by
    extension, Turtle otherwise). Then every SPARQL query the files bring is parsed
    (:func:`borderkg.shapequeries.sparql_errors`), so a broken one fails the run whatever
    the data. ``warnings``, when given, gets one ``FILE:LINE: …`` line per ``sh:`` term a
    file uses that SHACL does not define (``sh:minCnt``): every engine ignores such a
    triple, as SHACL says, so the rule written with it never fires. A warning, not an
    error: the W3C suite itself has one (``sh:nodeShape``).
    """
    from borderkg.shapequeries import query_nodes, sparql_errors
    from borderkg.shapes import shapes_graph

    graph = shapes_graph()
    errors: list[InputError] = []
    queries_of: dict[str, set[Node]] = {}
    unknown_before = _unknown_shacl_terms(graph)  # none: the project's shapes are SHACL
    for name in files:
        path = Path(name)
        fmt = RDF_EXTENSIONS.get(path.suffix.lower(), "turtle")
        base = path.resolve().as_uri()
        before = query_nodes(graph)
        try:
            data = path.read_bytes()
            deepstack.call(_parse_shapes, graph, data, fmt, base)
        except SyntaxError as exc:
            errors.append(_syntax_error(name, exc, fmt, data))
        except OSError as exc:
            errors.append(InputError(name, exc.strerror or str(exc), kind="not-found"))
        except Exception as exc:  # rdflib's parsers raise assorted types on bad input
            errors.append(InputError(name, f"{type(exc).__name__}: {exc}"))
        else:
            queries_of[name] = query_nodes(graph) - before
            unknown = _unknown_shacl_terms(graph)
            if warnings is not None:
                warnings += _term_warnings(name, data, unknown - unknown_before)
            unknown_before = unknown
    if not errors:
        errors = sparql_errors(graph, queries_of)
    return graph, errors


#: SHACL Advanced Features and SHACL 1.2 terms rdflib's SH namespace does not list.
_SHACL_MORE = frozenset(
    {"values", "targetValidator", "memberShape", "reifierShape", "singleLine", "nodeByExpression"}
)


def _unknown_shacl_terms(graph: Graph) -> set[str]:
    """The local names of the ``sh:`` predicates and classes ``graph`` uses that SHACL does
    not define."""
    from rdflib.namespace import RDF, SH

    namespace = str(SH)
    used = {p for p in graph.predicates() if str(p).startswith(namespace)}
    used |= {o for o in graph.objects(None, RDF.type) if str(o).startswith(namespace)}
    locals_ = {str(term)[len(namespace) :] for term in used if term not in SH}
    return locals_ - _SHACL_MORE


def _term_warnings(name: str, data: bytes, unknown: set[str]) -> list[str]:
    """``FILE:LINE: …`` for each unknown ``sh:`` term, with the closest SHACL term."""
    from rdflib.namespace import SH

    from borderkg.validation.suggest import edit_distance

    known = [*SH.__annotations__, *_SHACL_MORE]  # the local names of the terms SHACL defines
    text = data.decode("utf-8", errors="replace")
    warnings = []
    for local in sorted(unknown):
        distance, guess = min((edit_distance(local.lower(), k.lower()), k) for k in known)
        hint = f" Did you mean sh:{guess}?" if distance <= max(2, len(local) // 3) else ""
        found = re.search(rf"(?<=[:#]){re.escape(local)}(?![\w-])", text)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        message = f"sh:{local} is not a SHACL term, so no engine checks it.{hint}"
        warnings.append(f"{location(name, line)}: {message}")
    return warnings
