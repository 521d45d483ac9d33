"""The data model's prefix table is the prefixes the endpoint, editor and CLI predeclare."""

from __future__ import annotations

import re
from pathlib import Path

from borderkg.ontology.namespaces import PREFIXES

DATA_MODEL = Path(__file__).parent.parent / "docs" / "data-model.md"


def test_the_prefix_table_lists_exactly_the_predeclared_prefixes() -> None:
    section = DATA_MODEL.read_text(encoding="utf-8").split("## Prefixes", 1)[1].split("\n## ", 1)[0]
    table = dict(re.findall(r"^\| `([\w-]+):` \| `([^`]+)` \|$", section, re.MULTILINE))
    assert table == PREFIXES
