"""What is not a statement: a question, saying nothing, a subheading, a document's own
numbered articles.

A question asserts nothing, so it gives no claim (and no provision is invoked by it); "has
said nothing" or "declined to comment" reports no speech; a subheading ("What officials have
said") names no source; a decree printed with its own numbering ("Article 4. Any person who
…") has articles of its own, which are not articles of a law the text names elsewhere.
"""

from __future__ import annotations

from extracthelp import extract

from borderkg.loaders.extract import Extractor


def _claim_sentences(found) -> set[str]:
    return {found.text[c.evidence[0].begin : c.evidence[0].end] for c in found.claims}


def test_a_question_is_no_claim_and_invokes_nothing(extractor: Extractor) -> None:
    text = (
        "The UN refugee agency said last week that the returns put lives at risk. "
        "Does sending them back not violate Article 33 of the Refugee Convention?"
    )
    found = extract(extractor, text)
    claims = _claim_sentences(found)
    assert any("UN refugee agency said" in c for c in claims)
    assert not any("Does sending" in c for c in claims)
    assert not any(c.invokes for c in found.claims)


def test_saying_nothing_is_no_claim(extractor: Extractor) -> None:
    text = (
        "North Korean border guards shot a man crossing the Tumen River near Hoeryong. "
        "North Korea has said nothing publicly. "
        "The Chinese border police declined to comment on the shooting."
    )
    claims = _claim_sentences(extract(extractor, text))
    assert not any("said nothing" in c for c in claims)
    assert not any("declined to comment" in c for c in claims)


def test_a_subheading_names_no_source(extractor: Extractor) -> None:
    text = (
        "Guards shot a man crossing the Tumen River near Hoeryong, a source said.\n\n"
        "What officials have said\n\n"
        "The UN human rights office said it was deeply concerned."
    )
    found = extract(extractor, text)
    labels = [s.description for s in found.sources]
    assert labels and not any("officials" in label.lower() for label in labels)


def test_a_documents_own_numbered_articles_are_not_articles_of_other_laws(
    extractor: Extractor,
) -> None:
    text = (
        "The provincial committee issued a decree on the border zone. We translate it below.\n\n"
        "Article 3. Any person who keeps a foreign mobile phone shall be punished under the "
        "Reactionary Ideology and Culture Rejection Act.\n\n"
        "Article 4. Any person who smuggles goods shall be punished under Article 221 of the "
        "Criminal Law.\n\n"
        "Article 5. Households of persons who have fled shall be moved out of the zone.\n\n"
        "The relocation order in Article 5 has alarmed families, a source said."
    )
    found = extract(extractor, text)
    provisions = {e for e in found.mentioned() if "/art_" in e}
    assert any(p.endswith("/art_221") for p in provisions)
    assert not any(p.endswith(("/art_3", "/art_4", "/art_5")) for p in provisions)
