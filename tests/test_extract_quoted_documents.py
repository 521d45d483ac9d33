"""Quoted documents: a notice, decree or order the article prints at length in quotation marks.

The lead names the document and its issuer (``a notice issued by X``, ``X's notice``, ``the
order from X``, ``X issued a notice``) and says its text follows; each quoted paragraph after
it is the document's words, so the issuer is the quotation's speaker and the issuing agent of
every rule told in it that names no issuer of its own. With no issuer the extractor finds,
or a lead that hands the words to someone else, nothing is attributed. Every article is
invented.
"""

from __future__ import annotations

import re

from extracthelp import extract, extract_json_body

from borderkg.loaders.extract import Extraction, Extractor
from borderkg.loaders.extract.model import Policy

_MSS = "dprk-ministry-of-state-security"
_MPS = "prc-ministry-of-public-security"

_NOTICE = (
    "A notice issued by the Ministry of State Security has gone up on walls in Hyesan, "
    "a source in Ryanggang Province said. Its main points are translated below.\n\n"
    "\u201cNotice to all residents of the riverside districts\n\n"
    "\u201c1. From June 20, no resident may go near the riverbank after dark.\n\n"
    "\u201c2. Anyone caught using a Chinese mobile phone will be sent to a labour camp.\n\n"
    "\u201c3. Every household must report relatives who have gone missing.\n\n"
    "The source said few people were surprised."
)


def _local(iri: str | None) -> str:
    return re.split(r"[/#]", iri or "")[-1]


def _at(found: Extraction, words: str) -> Policy:
    """The policy whose evidence holds ``words``."""
    start = found.text.index(words)
    for policy in found.policies:
        if any(e.begin <= start < e.end for e in policy.evidence):
            return policy
    raise AssertionError(f"no policy at {words!r}")


def _speakers(found: Extraction) -> list[tuple[str, str]]:
    return [(q.text[:12], _local(q.attributed_to)) for q in found.quotations]


def test_each_quoted_paragraph_of_a_notice_is_its_issuers(extractor: Extractor) -> None:
    found = extract(extractor, _NOTICE)
    assert _speakers(found) == [
        ("Notice to al", _MSS),
        ("1. From June", _MSS),
        ("2. Anyone ca", _MSS),
        ("3. Every hou", _MSS),
    ]


def test_a_notices_rules_are_issued_by_its_issuer(extractor: Extractor) -> None:
    found = extract(extractor, _NOTICE)
    for words in ("no resident may go near", "will be sent to a labour camp"):
        assert [_local(a) for a in _at(found, words).issued_by] == [_MSS]


def test_a_rule_that_names_its_own_issuer_keeps_it(extractor: Extractor) -> None:
    text = (
        "The Ministry of State Security issued an order to border units last month. Its text "
        "reads:\n\n"
        '"1. Guards must check the papers of everyone on the river road.\n\n'
        "\"2. The Ministry of People's Security has ordered that no boat may leave the shore "
        'at night."'
    )
    found = extract(extractor, text)
    assert [_local(a) for a in _at(found, "no boat may leave").issued_by] == [
        "dprk-ministry-of-social-security"
    ]
    assert {_local(q.attributed_to) for q in found.quotations} == {_MSS}


def test_a_possessive_or_from_names_the_issuer_with_straight_quotes(
    extractor: Extractor,
) -> None:
    for lead in (
        "The Chinese public security bureau's new notice was posted in Dandong last week. "
        "It reads as follows:",
        "The notice from the Chinese public security bureau was posted in Dandong last week. "
        "We print it in full:",
    ):
        text = (
            f"{lead}\n\n"
            '"1. No person may hire or shelter anyone who has crossed the border illegally.\n\n'
            '"2. Hotels must check the identity card of every guest.'
        )
        found = extract(extractor, text)
        assert {_local(q.attributed_to) for q in found.quotations} == {_MPS}, lead
        assert [_local(a) for a in _at(found, "check the identity card").issued_by] == [_MPS]


def test_a_quoted_paragraph_that_names_its_speaker_ends_the_document(
    extractor: Extractor,
) -> None:
    text = _NOTICE.replace(
        "The source said few people were surprised.",
        "\u201cNobody reads these notices, but this time it is different,\u201d the source said.",
    )
    found = extract(extractor, text)
    last = found.quotations[-1]
    assert last.text.startswith("Nobody reads")
    assert _local(last.attributed_to) == "source-1"


def test_no_issuer_found_attributes_nothing(extractor: Extractor) -> None:
    text = _NOTICE.replace("the Ministry of State Security", "the village office")
    found = extract(extractor, text)
    assert all(q.attributed_to is None for q in found.quotations)
    assert not _at(found, "no resident may go near").issued_by


def test_a_lead_that_hands_the_words_to_a_source_is_no_document(extractor: Extractor) -> None:
    text = (
        "Border guards in Hyesan have received new orders from the Ministry of State "
        "Security, a source in Ryanggang Province said. The source described the orders:\n\n"
        '"We were told to stop anyone who goes near the river at night.\n\n'
        '"Guards who let people cross will be sent to a labour camp."'
    )
    found = extract(extractor, text)
    assert all(_local(q.attributed_to) != _MSS for q in found.quotations)


def test_a_lead_that_does_not_say_the_text_follows_is_no_document(
    extractor: Extractor,
) -> None:
    text = _NOTICE.replace(" Its main points are translated below.", "")
    found = extract(extractor, text)
    assert all(q.attributed_to is None for q in found.quotations)


def test_a_json_bodys_quoted_notice_is_its_issuers(extractor: Extractor) -> None:
    found = extract_json_body(extractor, _NOTICE, "n")
    assert {_local(q.attributed_to) for q in found.quotations} == {_MSS}


def test_a_pattern_found_issuer_is_the_issuer(extractor: Extractor) -> None:
    text = _NOTICE.replace(
        "A notice issued by the Ministry of State Security",
        "A decree issued by the Ministry of Riverside Affairs",
    )
    found = extract(extractor, text)
    assert {_local(q.attributed_to) for q in found.quotations} == {"ministry-of-riverside-affairs"}
    assert [_local(a) for a in _at(found, "no resident may go near").issued_by] == [
        "ministry-of-riverside-affairs"
    ]


def test_a_colon_after_a_persons_words_is_no_document(extractor: Extractor) -> None:
    lead = (
        "Residents of Hyesan were angered by the order from the Ministry of State Security. "
        "One of them explained:"
    )
    text = f'{lead}\n\n"Nobody can go to the river at night now, not even to fetch water.'
    found = extract(extractor, text)
    assert all(_local(q.attributed_to) != _MSS for q in found.quotations)
    said = (
        f"{lead.replace('One of them explained:', 'The order says:')}\n\n" + text.split("\n\n")[1]
    )
    assert {_local(q.attributed_to) for q in extract(extractor, said).quotations} == {_MSS}


def test_a_decree_printed_with_its_own_numbered_articles_is_its_issuers(
    extractor: Extractor,
) -> None:
    text = (
        "Daily NK has obtained a decree issued last month by the Ministry of State Security. "
        "We translate its main articles below.\n\n"
        "Decree No. 3 of the Ministry of State Security: On the border zone\n\n"
        "Article 1. No person may go near the riverbank after dark without a pass.\n\n"
        "Article 2. Anyone caught using a Chinese mobile phone will be sent to a labour camp.\n\n"
        "The source said few people were surprised."
    )
    found = extract(extractor, text)
    for words in ("No person may go near", "will be sent to a labour camp"):
        assert [_local(a) for a in _at(found, words).issued_by] == [_MSS]
