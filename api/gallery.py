"""The example queries shipped in ``api/examples/*.rq``: title, description and query text.

Each file starts with ``#`` header lines — ``# title:``, one or more ``# description:``
lines, optionally ``# questions:`` (the research questions of DOMAIN.md §4 it answers) and
``# requires: service`` for a federated query that runs only where the operator allows its
``SERVICE`` endpoint — followed by the query, whose ``PREFIX`` lines make it runnable on any
SPARQL 1.1 endpoint. ``python -m borderkg.api.gallery`` prints the Markdown list kept in
``docs/examples.md``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from urllib.parse import urlencode

#: Header keys a query file may use.
HEADER_KEYS = ("title", "description", "questions", "requires")


class ExampleError(ValueError):
    """An example file without a title, a description or a query."""


@dataclass(frozen=True)
class Example:
    """One stored query."""

    name: str
    title: str
    description: str
    query: str
    questions: str = ""
    requires: str = ""

    @property
    def runnable(self) -> bool:
        """Whether it runs on a default server (federated queries need the operator's allowlist)."""
        return not self.requires

    @property
    def editor_url(self) -> str:
        """The UI link that opens this query in the editor (and runs it)."""
        return "/?" + urlencode({"query": self.query})


def parse_example(name: str, text: str) -> Example:
    """An :class:`Example` from the text of a ``.rq`` file."""
    header: dict[str, list[str]] = {}
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if not line.startswith("#")), len(lines))
    for line in lines[:start]:
        key, sep, value = line[1:].partition(":")
        key = key.strip().lower()
        if sep and key in HEADER_KEYS:
            header.setdefault(key, []).append(value.strip())
    query = "\n".join(lines[start:]).strip() + "\n"
    title = " ".join(header.get("title", [])).strip()
    description = " ".join(header.get("description", [])).strip()
    if not title or not description or not query.strip():
        raise ExampleError(f"example {name}: needs '# title:', '# description:' and a query")
    return Example(
        name=name,
        title=title,
        description=description,
        query=query,
        questions=" ".join(header.get("questions", [])).strip(),
        requires=" ".join(header.get("requires", [])).strip(),
    )


@lru_cache(maxsize=1)
def load_examples() -> tuple[Example, ...]:
    """Every shipped example, in file-name order (read once per process)."""
    folder = files("borderkg.api").joinpath("examples")
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            found.append(parse_example(entry.name[: -len(".rq")], entry.read_text("utf-8")))
    return tuple(found)


def example(name: str) -> Example | None:
    """The example called ``name`` (its file name without ``.rq``), or ``None``."""
    return next((e for e in load_examples() if e.name == name), None)


def examples_markdown() -> str:
    """The list of examples as Markdown (``docs/examples.md``)."""
    out = [
        "# Example queries",
        "",
        "The stored queries of the web UI's gallery (`/examples`), generated from",
        "`api/examples/*.rq` by `python -m borderkg.api.gallery > docs/examples.md`.",
        "Each opens in the editor from the gallery; `tests/test_examples.py` runs every",
        "runnable one against the sample corpus and checks it returns rows.",
        "Research questions refer to DOMAIN.md §4.",
        "",
    ]
    for ex in load_examples():
        out.append(f"## {ex.title}")
        out.append("")
        out.append(
            f"`api/examples/{ex.name}.rq`"
            + (f" — questions {ex.questions}" if ex.questions else "")
        )
        out.append("")
        out.append(ex.description)
        if not ex.runnable:
            out.append("")
            out.append(
                "**Federated:** needs the operator to allow its `SERVICE` endpoint "
                "(`--service-allow`); it is not run by the tests."
            )
        out.append("")
        out.append("```sparql")
        out.append(ex.query.rstrip())
        out.append("```")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(examples_markdown())
