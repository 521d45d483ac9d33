"""People sent back or held apart, named only by words that refer back ("the women", "they",
"most of them"), are the group the sentences before named, even where those words stand
away from the measure's own, as the subject of a passive its clause goes on with
(``roles_referred``).

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import roles_at

from borderkg.loaders.extract import Extractor
from borderkg.ontology.namespaces import ACTOR

WOMEN = ACTOR + "north-korean-women"
DEFECTORS = ACTOR + "defectors"
BROKERS = ACTOR + "defection-brokers"


@pytest.mark.parametrize(
    "text",
    [
        "Chinese police detained five North Korean women in a flat in Yanji last week. The "
        "women have since been moved to the detention centre in Tumen and are expected to be "
        "handed back to North Korea within a month.",
        "Chinese police detained eight North Korean women in a flat in Yanji last week. They "
        "have since been moved to the detention centre in Tumen and are expected to be handed "
        "back to North Korea within a month.",
    ],
)
def test_people_referred_to_far_from_a_return_are_the_group_named_before(
    extractor: Extractor, text: str
) -> None:
    _issuers, _implementers, targets = roles_at(extractor, text, "expected to be handed back")
    assert WOMEN in targets


def test_a_group_named_before_the_words_in_their_sentence_is_who_they_are(
    extractor: Extractor,
) -> None:
    text = (
        "Chinese police caught two North Korean women on a bus to Changchun in May. A broker "
        "who sold them tickets says the two are now held at the Tumen Border Detention Centre "
        "and are expected to be handed back to North Korea next week."
    )
    _issuers, _implementers, targets = roles_at(extractor, text, "expected to be handed back")
    assert WOMEN not in targets
