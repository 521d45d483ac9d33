"""Article styles that are not plain news: bulleted lists of rules and question-and-answer
interviews.

Each bullet of a list of rules is a rule of its own, with the place, agent and status its own
words give (the place and agent of the list's lead where it names none; Announced when the
lead tells the rules to people). An interview's answers are the interviewee's speech: the
person the intro says was interviewed is the article's source, the answers its claims and
quotations; questions state nothing. Every article is invented.
"""

from __future__ import annotations

from extracthelp import extract, extract_json_body, pairs

from borderkg.loaders.extract import Extraction, Extractor
from borderkg.loaders.extract.model import Policy
from borderkg.loaders.readers import read_html

_TOLD_LIST = (
    "Police in Manpo read out a list of new rules for residents at neighbourhood meetings "
    "last week, a source in Chagang Province said.\n\n"
    "- Visitors from other counties need a pass from the police to stay overnight in Manpo.\n"
    "- Boats may not be used on the Yalu River until further notice.\n"
    "- Every family must report any relative who has gone missing within two days."
)


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _at(found: Extraction, words: str) -> Policy:
    """The policy whose evidence holds ``words``."""
    start = found.text.index(words)
    for policy in found.policies:
        if any(
            e.begin <= start < e.end or start <= e.begin < start + len(words)
            for e in policy.evidence
        ):
            return policy
    raise AssertionError(f"no policy at {words!r}: {pairs(found.policies)}")


# -- bulleted lists --------------------------------------------------------------------------


def test_two_bullets_of_the_same_type_are_two_measures(extractor: Extractor) -> None:
    found = extract(extractor, _TOLD_LIST)
    visitors, boats = _at(found, "need a pass"), _at(found, "Boats may not")
    assert visitors is not boats
    assert [t for t, _ in pairs(found.policies)].count("MovementRestriction") == 2


def test_a_bullet_takes_its_place_from_its_own_line(extractor: Extractor) -> None:
    found = extract(extractor, _TOLD_LIST)
    assert {_local(p) for p in _at(found, "Boats may not").places} == {"yalu-river"}
    assert {_local(p) for p in _at(found, "need a pass").places} == {"manpo"}


def test_bullets_of_rules_read_out_to_residents_are_announced(extractor: Extractor) -> None:
    found = extract(extractor, _TOLD_LIST)
    statuses = {_local(p.status) for p in found.policies}
    assert statuses == {"Announced"}, pairs(found.policies)


def test_a_bullet_without_place_or_agent_takes_those_of_the_lead(extractor: Extractor) -> None:
    policy = _at(extract(extractor, _TOLD_LIST), "Every family must report")
    assert {_local(p) for p in policy.places} == {"manpo"}
    assert policy.issued_by or policy.implemented_by


def test_bullets_told_only_to_the_outlet_keep_their_own_status(extractor: Extractor) -> None:
    text = (
        "A source in Chagang Province described to Daily NK the rules that apply in Manpo.\n\n"
        "- Visitors from other counties need a pass from the police to stay overnight in Manpo.\n"
        "- Boats may not be used on the Yalu River until further notice."
    )
    found = extract(extractor, text)
    assert pairs(found.policies) == [("MovementRestriction", "InForce")] * 2


def test_a_bullet_that_says_its_rule_applies_already_stays_in_force(extractor: Extractor) -> None:
    text = (
        "Officials in Hyesan told residents at a meeting on Monday about the border rules.\n\n"
        "- Boats on the Yalu River are still banned after dark.\n"
        "- Every family must report any relative who has gone missing within two days."
    )
    found = extract(extractor, text)
    assert _local(_at(found, "Boats on the Yalu").status) == "InForce"
    assert _local(_at(found, "Every family must").status) == "Announced"


def test_lines_of_one_paragraph_without_markers_are_no_list(extractor: Extractor) -> None:
    text = (
        "Police in Manpo read out new rules at neighbourhood meetings last week.\n"
        "Visitors from other counties need a pass from the police to stay overnight in Manpo."
    )
    assert _local(_at(extract(extractor, text), "need a pass").status) == "InForce"


def test_html_list_items_are_read_as_bullets(extractor: Extractor) -> None:
    page = (
        "<html><head><title>Rules</title></head><body><article><h1>Rules</h1>"
        "<p>Police in Manpo read out a list of new rules for residents at neighbourhood "
        "meetings last week, a source in Chagang Province said.</p><ul>"
        "<li>Visitors from other counties need a pass from the police to stay in Manpo.</li>"
        "<li>Boats may not be used on the Yalu River until further notice.</li></ul>"
        "<p>The source said many residents complained to local officials about the rules.</p>"
        "</article></body></html>"
    )
    record = read_html(page, "rules.html")
    assert "\n- Visitors from other counties" in record.text
    assert "\n- Boats may not" in record.text
    found = extractor.extract(record)
    assert _at(found, "need a pass") is not _at(found, "Boats may not")


# -- interviews ------------------------------------------------------------------------------

_INTERVIEW = (
    "A woman who trades in Sinuiju talked to us about the market. Her answers were "
    "shortened.\n\n"
    "Q: What has changed this year?\n\n"
    "A: Customs officers in Sinuiju now check every bag for Chinese phones. Everyone "
    "knows it.\n\n"
    "Q: Are people afraid of the police?\n\n"
    "A: Yes. The police arrested two women at the market in May."
)


def _answers(found: Extraction) -> set[str]:
    return {found.text[c.evidence[0].begin : c.evidence[0].end] for c in found.claims}


def test_the_interviewee_is_the_articles_source(extractor: Extractor) -> None:
    found = extract(extractor, _INTERVIEW)
    assert [s.description for s in found.sources] == ["A woman who trades in Sinuiju"]
    assert _local(found.sources[0].location or "") == "sinuiju"
    assert _local(found.sources[0].source_type) == "SourceInNorthKorea"


def test_answers_are_the_interviewees_claims_and_questions_none(extractor: Extractor) -> None:
    found = extract(extractor, _INTERVIEW)
    source = found.node(found.sources[0].local)
    assert {c.attributed_to for c in found.claims} == {source}
    said = _answers(found)
    assert "Everyone knows it." in said
    assert not any("?" in s for s in said)


def test_each_answer_is_quoted_as_the_interviewees_words(extractor: Extractor) -> None:
    found = extract(extractor, _INTERVIEW)
    source = found.node(found.sources[0].local)
    quotes = [(q.text, q.attributed_to) for q in found.quotations]
    assert quotes == [
        (
            "Customs officers in Sinuiju now check every bag for Chinese phones. Everyone knows it.",
            source,
        ),
        ("Yes. The police arrested two women at the market in May.", source),
    ]
    for q in found.quotations:
        assert found.text[q.span.begin : q.span.end] == q.text
        assert all(found.text[e.begin : e.end] in q.text for e in q.evidence)


def test_question_and_answer_words_and_a_role_noun_interviewee(extractor: Extractor) -> None:
    text = (
        "A former border guard who served in Hyesan for six years spoke to Daily NK.\n\n"
        "Question: How do smugglers cross?\n\n"
        "Answer: They pay the guards on the night shift.\n\n"
        "They pay about 2,000 yuan a trip."
    )
    found = extract(extractor, text)
    assert len(found.sources) == 1
    assert found.sources[0].description.startswith("A former border guard")
    source = found.node(found.sources[0].local)
    said = {
        found.text[c.evidence[0].begin : c.evidence[0].end]: c.attributed_to for c in found.claims
    }
    assert said.get("They pay about 2,000 yuan a trip.") == source  # an answer's next paragraph


def test_an_interview_in_a_json_body_is_read_the_same(extractor: Extractor) -> None:
    found = extract_json_body(extractor, _INTERVIEW, "qa")
    assert [s.description for s in found.sources] == ["A woman who trades in Sinuiju"]
    assert len(found.quotations) == 2


def test_a_text_with_answers_but_no_questions_is_no_interview(extractor: Extractor) -> None:
    text = (
        "A woman who trades in Sinuiju talked to us about the market.\n\n"
        "A: Customs officers in Sinuiju now check every bag for Chinese phones."
    )
    found = extract(extractor, text)
    assert not found.quotations
    assert not found.sources
