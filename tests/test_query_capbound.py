"""The length bound of :func:`borderkg.resultcap.cap_document`: a short result is under the
cap by its length alone, and the bound never lets a result over the cap through.

The tightest documents are those of empty rows (``{}`` in JSON, a bare line end in CSV and
TSV), so these are checked at and around the cap in every format.
"""

from __future__ import annotations

import contextlib
import io

import pyoxigraph as ox
import pytest

from borderkg.resultcap import Capped, RowCap, cap_document, count_rows

FORMATS = ["json", "xml", "csv", "tsv"]


def _streamed(data: bytes, fmt: str, max_rows: int) -> tuple[bytes, int, bool]:
    out = io.BytesIO()
    cap = RowCap(out, fmt, max_rows)
    with contextlib.suppress(Capped):
        cap.write(data)
    cap.finish()
    return out.getvalue(), cap.rows, cap.capped


def _document(query: str, fmt: str) -> bytes:
    return ox.Store().query(query).serialize(format=getattr(ox.QueryResultsFormat, fmt.upper()))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("variables", ["", "?x", "?x ?y"])
def test_rows_of_empty_solutions_are_capped_exactly_at_every_cap(fmt: str, variables: str) -> None:
    undef = " ".join("UNDEF" for _ in variables.split())
    for count in (1, 2, 3, 7, 8, 9, 40):
        query = f"SELECT * {{ VALUES ({variables}) {{ {' '.join(f'({undef})' for _ in range(count))} }} }}"
        full = _document(query, fmt)
        for max_rows in range(1, count + 3):
            expected = _streamed(full, fmt, max_rows)
            data, rows, capped = cap_document(full, fmt, max_rows)
            if rows is None:  # left uncounted: must really be under the cap
                assert not capped and count_rows(full, fmt) == count <= max_rows
                rows = count
            assert (data, rows, capped) == expected, (count, max_rows)
            assert capped == (count > max_rows)


def test_a_short_json_result_is_under_the_cap_by_its_length_whatever_its_text() -> None:
    # One row whose text holds the row separator many times: the marker count would pass
    # the cap, the length cannot.
    full = _document('SELECT ?x { VALUES ?x { "' + ",{" * 200 + '" } }', "json")
    max_rows = (len(full) + 1) // 3
    assert full.count(b",{") + 1 > max_rows
    data, rows, capped = cap_document(full, "json", max_rows)
    assert data is full and rows is None and not capped
    assert count_rows(full, "json") == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_long_result_over_the_cap_is_still_cut(fmt: str) -> None:
    full = _document(
        "SELECT ?n { VALUES ?n { " + " ".join(str(n) for n in range(500)) + " } }", fmt
    )
    data, rows, capped = cap_document(full, fmt, 100)
    assert capped and rows == 100
    assert count_rows(data, fmt) == 100
