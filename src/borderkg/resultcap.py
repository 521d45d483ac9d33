"""The result cap: stop a serializer right after ``max_rows`` rows, leaving valid output.

pyoxigraph's own serializers are much faster than building results in Python, but they
cannot be told to stop. :class:`RowCap` is the file they write into: it counts rows in the
bytes as they pass, forwards them, and once row ``max_rows + 1`` begins it forwards the
output up to there, closes the document (``]}}`` for JSON, ``</results></sparql>`` for
XML), and raises :class:`Capped` to stop the serializer. A row is found by a marker that
only the structure can produce, looked for outside quoted text only:

* TSV: ``\\n`` ends a row (newlines in terms are escaped, so there are no quotes to track);
* CSV: ``\\n`` outside double quotes ends a row (quotes in fields are doubled, so quote
  parity tells inside from outside; ``\\r\\n`` ends CSV rows);
* JSON: ``,{`` outside strings separates rows (between the terms of a row there is
  ``,"var"``; inside strings ``"`` is always escaped, escapes are ``\\`` + one character);
* XML: ``<result>`` starts a row (``<`` in text is escaped as ``&lt;``).

All counting is done with ``bytes`` methods (C speed), a chunk at a time; the few bytes a
marker or an escape may straddle are carried over to the next chunk. A result held whole in
memory is capped by :func:`cap_document` instead: a bound on its rows from its length or one
``bytes.count``, an exact count only when the bound reaches the cap, and a cut only when there are too many
rows (the same bytes, rows and flag as :class:`RowCap` gives).
"""

from __future__ import annotations

import contextlib
import io
import re
from typing import Any

_BACKSLASH = 0x5C
#: A JSON row separator followed by the opening quote of a variable name. Inside a string
#: a raw ``"`` can only close it, and a closing quote is followed by ``,`` ``}`` ``:`` or
#: ``]``, never by a name: so this only matches between rows (empty rows, ``,{}``, are
#: counted the slow way).
_JSON_ROW = re.compile(rb',\{"[^,}:\]]')
_JSON_ROW_BYTES = 4


class Capped(Exception):
    """Raised from :meth:`RowCap.write` to stop the serializer: the cap was reached."""


class _Spec:
    def __init__(
        self,
        marker: bytes,
        quotes: str,
        before: bool,
        first_marked: bool,
        closing: bytes,
        lookahead: int = 0,
    ) -> None:
        self.marker = marker
        self.lookahead = lookahead  # bytes after the marker the fast JSON count looks at
        self.quotes = quotes  # "", "csv" (doubled quotes) or "json" (backslash escapes)
        self.before = before  # cut before the marker (it starts a row), else after it
        self.first_marked = first_marked  # whether the first row has a marker too
        self.closing = closing


SPECS = {
    "tsv": _Spec(b"\n", "", False, True, b""),
    "csv": _Spec(b"\n", "csv", False, True, b""),
    "json": _Spec(b",{", "json", True, False, b"]}}", lookahead=_JSON_ROW_BYTES - 2),
    "xml": _Spec(b"<result>", "", True, True, b"</results></sparql>"),
}


class RowCap:
    """A binary file for ``QuerySolutions.serialize`` that caps the rows at ``max_rows``.

    ``fmt``: ``"tsv"``, ``"csv"``, ``"json"`` or ``"xml"`` (the format being written).
    Call :meth:`finish` after the serializer returns (or raised :class:`Capped`); then
    :attr:`rows` is the exact number of rows written and :attr:`capped` whether any were
    cut.
    """

    def __init__(self, target: Any, fmt: str, max_rows: int) -> None:
        self.target = target
        self.spec = SPECS[fmt]
        self.max_rows = max_rows
        self.count = 0  # markers seen (outside quotes)
        self.inside = False  # inside quoted text at the start of the carry
        self.carry = b""
        self.full = False  # (line formats) every allowed row is written: more means capped
        self.capped = False
        self.tail = b""  # the last bytes forwarded (JSON: is the bindings array empty?)

    # Rows are "started" at markers; the cap triggers when row max_rows + 1 starts.
    def _limit(self) -> int:
        """The marker count at which row ``max_rows + 1`` starts."""
        spec = self.spec
        if not spec.before:  # a line format: the header line, then one line per row
            return self.max_rows + 1
        return self.max_rows + (1 if spec.first_marked else 0)

    def write(self, data: bytes) -> int:
        if self.full:
            if data:
                self.capped = True
                raise Capped
            return 0
        buffer = self.carry + bytes(data)
        keep = len(self.spec.marker) - 1 + self.spec.lookahead
        end = len(buffer) - keep
        if self.spec.quotes == "json":
            end = _escape_boundary(buffer, end)
        if end <= 0:
            self.carry = buffer
            return len(data)
        # Markers are counted in the whole buffer: one that starts in the region may end in
        # the carry (which is too short to hold a whole one), and is counted once.
        region, self.carry = buffer[:end], buffer[end:]
        found, inside = self._scan(buffer, end)
        if self.count + found < self._limit():
            self.count += found
            self.inside = inside
            self._forward(region)
            return len(data)
        cut = self._cut(buffer, end, self._limit() - self.count)
        self.count = self._limit()
        if self.spec.before:
            self._forward(region[:cut] + self.spec.closing)
            self.capped = True
            raise Capped
        self._forward(region[:cut])
        self.full = True
        if cut < len(region) or self.carry:
            self.capped = True
            raise Capped
        return len(data)

    def flush(self) -> None:
        """Nothing to do: :meth:`finish` writes what is held back."""

    def finish(self) -> None:
        """Forward the bytes held back at the end (after the serializer is done)."""
        if self.carry and not self.capped:
            self._forward(self.carry)
        self.carry = b""

    @property
    def rows(self) -> int:
        """Rows written (exact; after :meth:`finish`)."""
        spec = self.spec
        if not spec.before:
            return max(self.count - 1, 0)
        if spec.first_marked:
            return self.count - 1 if self.capped else self.count
        if self.capped:
            return self.max_rows
        # JSON: rows = separators + 1, unless the bindings array is empty
        return 0 if self.tail.endswith(b"[]}}") else self.count + 1

    def _forward(self, data: bytes) -> None:
        if data:
            self.target.write(data)
            self.tail = (self.tail + data[-4:])[-4:]

    def count_document(self, data: bytes) -> int:
        """Rows in ``data``, a complete serialized result (nothing written before): what
        :attr:`rows` would say had ``data`` passed uncut."""
        self.count, self.inside = self._scan(data, len(data))
        self.tail = data[-4:]
        return self.rows

    def _text(self, region: bytes) -> bytes:
        """``region`` with JSON escapes blanked out (same length: offsets stay valid)."""
        if self.spec.quotes == "json" and b"\\" in region:
            # Escaped backslashes first, then escaped quotes: left to right, as JSON reads.
            return region.replace(b"\\\\", b"\0\0").replace(b'\\"', b"\0\0")
        return region

    def _scan(self, buffer: bytes, end: int) -> tuple[int, bool]:
        """Markers outside quotes starting before ``end``; whether ``end`` is inside quotes."""
        marker = self.spec.marker
        if not self.spec.quotes:
            return buffer.count(marker), False
        text = self._text(buffer)
        if self.spec.quotes == "json" and b",{}" not in text:
            # Fast and exact unless a row is empty: see _JSON_ROW.
            found = len(_JSON_ROW.findall(text, 0, end + _JSON_ROW_BYTES - 1))
            return found, self.inside ^ bool(text.count(b'"', 0, end) & 1)
        inside, found, last, start = self.inside, 0, 0, 0
        while 0 <= (at := text.find(marker, start)) < end:
            inside ^= bool(text.count(b'"', last, at) & 1)
            found += not inside
            last, start = at, at + len(marker)
        return found, inside ^ bool(text.count(b'"', last, end) & 1)

    def _cut(self, buffer: bytes, end: int, wanted: int) -> int:
        """Offset to cut at: at (``before``) or after the ``wanted``-th marker."""
        marker = self.spec.marker
        text = self._text(buffer)
        inside, seen, last, start = self.inside, 0, 0, 0
        while 0 <= (at := text.find(marker, start)) < end:
            if self.spec.quotes:
                inside ^= bool(text.count(b'"', last, at) & 1)
            if not inside:
                seen += 1
                if seen == wanted:
                    return at if self.spec.before else at + len(marker)
            last, start = at, at + len(marker)
        raise AssertionError("the marker counted in this region was not found again")


def _escape_boundary(buffer: bytes, end: int) -> int:
    """Move ``end`` back so that it does not split a backslash escape."""
    run = 0
    while end - run - 1 >= 0 and buffer[end - run - 1] == _BACKSLASH:
        run += 1
    return end - 1 if run % 2 == 1 else end


#: Per format, a marker every row but at most one contains (more may occur inside terms):
#: counting it bounds the rows from above at C speed.
_ROW_BOUND = {"json": b",{", "xml": b"<result>", "csv": b"\n", "tsv": b"\n"}
#: Per format, the fewest bytes a row takes (empty rows: ``,{}`` in JSON, the first ``{}``;
#: ``<result></result>`` in XML, ``<result/>`` counted; a line end in CSV and TSV): a short
#: document is under the cap by its length alone, without looking at its bytes.
_MIN_ROW_BYTES = {"json": 3, "xml": 9, "csv": 1, "tsv": 1}


def count_rows(data: bytes, fmt: str) -> int:
    """Rows in ``data``, a complete serialized result in format ``fmt``."""
    return RowCap(None, fmt, 1).count_document(data)


def cap_document(data: bytes, fmt: str, max_rows: int) -> tuple[bytes, int | None, bool]:
    """``(bytes, rows, capped)`` of a complete serialized result ``data`` cut at ``max_rows``
    rows: what :class:`RowCap` gives when the serializer writes ``data`` through it.

    A result already whole in memory is rarely near the cap: when a bound on its rows (its
    length, else one ``bytes.count``) shows it is under, ``data`` is returned as is and ``rows`` is
    ``None`` — :func:`count_rows` gives it exactly if someone asks. Otherwise the rows are
    counted exactly, and the document cut if there are more than ``max_rows``.
    """
    if (len(data) + 1) // _MIN_ROW_BYTES[fmt] <= max_rows or (
        data.count(_ROW_BOUND[fmt]) + 1 <= max_rows
    ):
        return data, None, False
    rows = count_rows(data, fmt)
    if rows <= max_rows:
        return data, rows, False
    out = io.BytesIO()
    cap = RowCap(out, fmt, max_rows)
    with contextlib.suppress(Capped):
        cap.write(data)
    cap.finish()
    return out.getvalue(), cap.rows, cap.capped
