"""The exact row cap (borderkg.resultcap) on its own, at every chunking of the results."""

from __future__ import annotations

import contextlib
import csv
import io

import pyoxigraph as ox
import pytest

# -- the row cap on its own, at every chunking ------------------------------------------

CAP_VALUES = """
SELECT ?x ?y WHERE { VALUES (?x ?y) {
  ("plain" 1)
  ("comma,{brace" "},{\\"x\\":{}}")
  ("back\\\\slash\\\\" "quote\\"inside")
  ("ends with backslash\\\\" UNDEF)
  (UNDEF UNDEF)
  ("<result>not a row</result>" "line\\r\\nbreak")
  ("tab\\tand\\nnewline" "\\"\\"doubled\\"\\"")
  (<http://ex/iri> 3.5e0)
  ("lang"@ko "2023-09-01"^^<http://www.w3.org/2001/XMLSchema#date>)
  ("ends with,{" "x,{\\"a\\":1}")
  (UNDEF "last")
} }
"""


def _rows(data: bytes, fmt: str) -> list[tuple[str, ...]]:
    if fmt == "csv":
        return [tuple(r) for r in csv.reader(io.StringIO(data.decode(), newline=""))][1:]
    parsed = ox.parse_query_results(data, getattr(ox.QueryResultsFormat, fmt.upper()))
    return [tuple(str(term) for term in solution) for solution in parsed]


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_row_cap_is_exact_whatever_the_chunking(fmt: str) -> None:
    from borderkg.resultcap import Capped, RowCap

    store = ox.Store()
    form = getattr(ox.QueryResultsFormat, fmt.upper())
    full = store.query(CAP_VALUES).serialize(format=form)
    everything = _rows(full, fmt)
    assert len(everything) == 11
    for max_rows in (1, 2, 4, 5, 9, 10, 11, 12):
        for size in (1, 2, 3, 7, 64, len(full)):
            out = io.BytesIO()
            cap = RowCap(out, fmt, max_rows)
            try:
                for start in range(0, len(full), size):
                    cap.write(full[start : start + size])
            except Capped:
                pass
            cap.finish()
            expected = everything[:max_rows]
            assert _rows(out.getvalue(), fmt) == expected, (max_rows, size)
            assert cap.rows == len(expected), (max_rows, size)
            assert cap.capped is (max_rows < len(everything)), (max_rows, size)
            if not cap.capped:
                assert out.getvalue() == full


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_row_cap_counts_empty_results(fmt: str) -> None:
    from borderkg.resultcap import RowCap

    full = (
        ox.Store()
        .query("SELECT ?x { FILTER(false) }")
        .serialize(format=getattr(ox.QueryResultsFormat, fmt.upper()))
    )
    out = io.BytesIO()
    cap = RowCap(out, fmt, 3)
    cap.write(full)
    cap.finish()
    assert out.getvalue() == full and cap.rows == 0 and not cap.capped


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_capping_a_whole_document_gives_what_the_streaming_cap_gives(fmt: str) -> None:
    from borderkg.resultcap import Capped, RowCap, cap_document, count_rows

    store = ox.Store()
    form = getattr(ox.QueryResultsFormat, fmt.upper())
    for query in (CAP_VALUES, "SELECT ?x { FILTER(false) }", "SELECT * {}"):
        full = store.query(query).serialize(format=form)
        for max_rows in (1, 2, 5, 10, 11, 12):
            out = io.BytesIO()
            cap = RowCap(out, fmt, max_rows)
            with contextlib.suppress(Capped):
                cap.write(full)
            cap.finish()
            data, rows, capped = cap_document(full, fmt, max_rows)
            if rows is None:  # surely under the cap: left uncounted
                assert not cap.capped and count_rows(data, fmt) == cap.rows, (query, max_rows)
                rows = count_rows(data, fmt)
            assert (data, rows, capped) == (out.getvalue(), cap.rows, cap.capped), (query, max_rows)
            if not cap.capped:
                assert data is full  # nothing copied when nothing is cut
