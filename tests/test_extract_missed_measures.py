"""Measures the extractor used to lose after finding them: a rule told by a modal ("may no
longer work the fields") was taken for a bare mention of a measure already reported, and a
passing reference that tells a step of its own ("since the border was closed in 2020") was
taken to refer back to a mention of the same measure at another step. The annotation guide
counts each of them (*Policies*: "Passing references count too"; status follows the
article's own framing)."""

from __future__ import annotations

from extracthelp import policies

from borderkg.loaders.extract import Extractor


def test_a_rule_told_by_a_modal_is_no_bare_mention_of_another_ban(extractor: Extractor) -> None:
    text = (
        "Farmers in the villages may no longer work the fields between the fence and the "
        "river. A ban on fishing from the riverbank was relaxed in May."
    )
    assert policies(extractor, text) == [
        ("MovementRestriction", "InForce"),
        ("MovementRestriction", "Eased"),
    ]


def test_a_modal_rule_told_twice_is_still_one_measure(extractor: Extractor) -> None:
    text = (
        "Residents of Musan may no longer go down to the riverbank after dark. Residents of "
        "Musan may no longer go down to the riverbank after dark, a source said."
    )
    assert policies(extractor, text) == [("MovementRestriction", "InForce")]


def test_a_bare_measure_noun_still_refers_back(extractor: Extractor) -> None:
    text = (
        "The border guard has barred residents of Musan from the riverbank since April. "
        "The ban has angered fishermen in the town."
    )
    assert len(policies(extractor, text)) == 1


def test_since_the_border_was_closed_counts_beside_a_border_kept_shut(extractor: Extractor) -> None:
    text = (
        "North Korea's border has stayed closed to private traders for years. "
        "Prices in Hyesan have doubled since the border was closed in January 2020."
    )
    assert policies(extractor, text) == [
        ("BorderClosure", "InForce"),
        ("BorderClosure", "CarriedOut"),
    ]


def test_since_the_border_was_closed_after_its_closing_refers_back(extractor: Extractor) -> None:
    text = (
        "North Korea sealed its border in January 2020. "
        "Prices in Hyesan have doubled since the border was closed."
    )
    assert policies(extractor, text) == [("BorderClosure", "CarriedOut")]
