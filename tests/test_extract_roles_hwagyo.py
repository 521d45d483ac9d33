"""Chinese nationals living in North Korea, named bare once the article has named them.

An article about the hwagyo names them once ("about 300 hwagyo", "Chinese nationals living in
Rason") and then as "Chinese residents" or "Chinese nationals": those are the same people,
the target of the measures on them, and not border residents. In an article that never
names Chinese nationals in North Korea, bare "Chinese nationals" name no group.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import roles_at

from borderkg.loaders.extract import Extractor

_HWAGYO = "https://w3id.org/borderkg/id/actor/chinese-nationals-in-north-korea"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "About 300 hwagyo live in Rason. State security officers questioned more than "
            "twenty Chinese residents of the city in December.",
            "questioned more than",
        ),
        (
            "The Chinese nationals who live in Rason have been confined to their compounds. The "
            "police will stop issuing travel permits to Chinese nationals.",
            "will stop issuing travel permits",
        ),
    ],
)
def test_bare_chinese_nationals_are_the_hwagyo_the_article_named(
    extractor: Extractor, text: str, words: str
) -> None:
    assert roles_at(extractor, text, words)[2] == {_HWAGYO}


def test_bare_chinese_nationals_name_no_group_where_no_hwagyo_are_named(
    extractor: Extractor,
) -> None:
    text = "Chinese nationals will soon be barred from buying medicine in Dandong at all."
    assert _HWAGYO not in roles_at(extractor, text, "will soon be barred")[2]
