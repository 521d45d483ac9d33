"""Plain-text articles in the outlet layout: metadata, layout parts, boilerplate, normalisation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from borderkg.loaders.readers import (
    ReadError,
    clean_body,
    normalize_text,
    read_text,
    read_text_file,
)
from borderkg.loaders.readers.boilerplate import (
    is_comments_paragraph,
    is_read_in_korean,
    is_source_network_paragraph,
    is_tip_line,
    parse_credits,
)
from borderkg.loaders.readers.layout import parse_caption, parse_keyword_line

FIXTURES = Path(__file__).parent / "fixtures" / "readers" / "text"
LIMIT = 5 * 1024 * 1024

FULL_FIRST = (
    "Chinese border police have begun installing heat sensors along the Yalu River near "
    "Dandong, a source in North Pyongan Province told Daily NK on Monday."
)
FULL_TEXT = "\n\n".join(
    [
        FULL_FIRST,
        "“The [Chinese] police put up new poles every few hundred meters, and the cameras "
        "point straight at our side,” the source said.",
        "Smugglers change their routes",
        "Traders who used to move dried seafood across the river at night now wait for weeks, "
        "the source added, because guards on both sides have been told to report every "
        "crossing.",
        "The source, who asked that their identity be withheld for security reasons, said the "
        "ministry’s network of informants along the river had grown since the spring.",
    ]
)
BOILERPLATE_PHRASES = (
    "network of sources living",
    "kept anonymous",
    "dailynk@example.org",
    "Have a tip",
    "Read in Korean",
    "Translated by",
    "Edited by",
    "Daily NK)",
    "border, china",
)


def assert_clean(text: str) -> None:
    """The normalisation invariants every stored text must satisfy."""
    assert "\r" not in text
    assert "\u00a0" not in text
    assert "\ufeff" not in text
    assert "\n\n\n" not in text
    assert text == text.strip()
    assert all(line == line.rstrip() for line in text.split("\n"))


def test_full_layout_file_splits_into_metadata_layout_parts_and_clean_text() -> None:
    record = read_text_file(FIXTURES / "full_layout.txt", LIMIT)

    assert record.text == FULL_TEXT
    assert record.keywords == ["border", "china", "surveillance", "smuggling", "defectors"]
    assert record.caption == "Trucks wait on a bridge over the Yalu River near Sinuiju"
    assert record.photo_credit == "Daily NK"
    assert record.subheadings == ["Smugglers change their routes"]
    assert (record.translator, record.editor) == ("Jane Roe", "John Poe")
    assert_clean(record.text)
    for phrase in BOILERPLATE_PHRASES:
        assert phrase not in record.text


def test_full_layout_offsets_point_at_the_phrases_a_reader_sees() -> None:
    text = read_text_file(FIXTURES / "full_layout.txt", LIMIT).text

    assert text.index("heat sensors") == 44
    assert text.index("“The [Chinese] police") == len(FULL_FIRST) + 2 == 153
    assert text.index("Smugglers change their routes") == 281
    begin = text.index("dried seafood")
    assert text[begin : begin + len("dried seafood")] == "dried seafood"
    assert begin == 337


def test_sidecar_json_gives_title_date_url_id_and_extra_fields() -> None:
    record = read_text_file(FIXTURES / "full_layout.txt", LIMIT)

    assert record.id == "dnk-2023-0917"
    assert record.title == "Chinese police add heat sensors on the Yalu near Dandong"
    assert record.published == dt.date(2023, 9, 18)
    assert record.url == "https://example.org/english/border-sensors-dandong"
    assert record.publisher == "Daily NK"
    assert record.extra == {"section": "Society"}
    assert record.missing == []
    assert record.source == str(FIXTURES / "full_layout.txt")


def test_file_starting_with_caption_has_no_keywords_and_keeps_wrapped_paragraph() -> None:
    record = read_text_file(FIXTURES / "caption_only.txt", LIMIT)

    assert record.keywords == []
    assert record.caption == "Fishing boats moored at a harbour on the west coast"
    assert record.photo_credit == "Daily NK file photo"
    assert record.text.startswith("North Korean authorities in South Pyongan Province")
    assert "sources reported this week.\nBoats that come back" in record.text
    assert record.text.endswith("questioned by the Ministry of State Security, a source said.")
    assert (record.translator, record.editor) == (None, "John Poe")
    assert "feedback@example.org" not in record.text
    assert "vetted" not in record.text
    assert_clean(record.text)


def test_missing_title_date_and_url_stay_none_and_are_reported_missing() -> None:
    record = read_text_file(FIXTURES / "caption_only.txt", LIMIT)

    assert (record.id, record.title, record.published, record.url) == (None, None, None, None)
    assert record.missing == ["headline", "datePublished", "url"]


def test_first_body_line_ending_in_parentheses_is_not_taken_for_a_caption() -> None:
    record = read_text_file(FIXTURES / "body_only.txt", LIMIT)

    assert record.caption is None
    assert record.photo_credit is None
    assert record.keywords == []
    assert record.text.startswith(
        "Border guards in Hyesan have been told to fire at anyone approaching the river, "
        "a source said (Daily NK)\nby phone on Tuesday"
    )
    assert record.translator == "Jane Roe"
    assert record.editor is None
    assert "Translated" not in record.text


def test_front_matter_gives_metadata_with_aliases_and_inline_list() -> None:
    record = read_text_file(FIXTURES / "front_matter.txt", LIMIT)

    assert record.title == "Pine nut prices fall as exports to China stall"
    assert record.published == dt.date(2021, 3, 2)
    assert record.url == "https://example.org/english/pine-nut-prices"
    # Front-matter keywords first, then the ones on the keyword line.
    assert record.keywords == ["trade", "china", "pine nuts", "smuggling"]
    assert record.translator == "Jane Roe"
    assert record.extra == {"desk": "economy"}
    assert record.caption == "Sacks of pine nuts at a market in Hyesan"
    assert record.text == (
        "Prices for pine nuts in Ryanggang Province have dropped by a third since January "
        "because traders cannot move them across the border, a source in the province said."
    )


def test_front_matter_block_list_and_datetime_alias() -> None:
    record = read_text_file(FIXTURES / "block_front_matter.txt", LIMIT)

    assert record.id == "dnk-2022-0411"
    assert record.title == "Phone crackdown widens in Hoeryong"
    assert record.published == dt.date(2022, 4, 11)
    assert record.keywords == ["phones", "crackdown"]
    assert record.text.startswith("Security officials in Hoeryong")


def test_front_matter_wins_over_sidecar_field_by_field() -> None:
    text = (
        "---\ntitle: From the front matter\ndate: 2020-05-01\n---\n"
        "Guards were seen near Manpo, a source said.\n"
    )
    sidecar = {
        "headline": "From the sidecar",
        "published": "not a date, but shadowed by the front matter",
        "url": "https://example.org/a",
        "body": "ignored",
    }

    record = read_text(text, "a.txt", sidecar=sidecar, sidecar_name="a.json")

    assert record.title == "From the front matter"
    assert record.published == dt.date(2020, 5, 1)
    assert record.url == "https://example.org/a"
    assert record.text == "Guards were seen near Manpo, a source said."
    assert "body" not in record.extra
    assert record.extra == {}


def test_unparseable_front_matter_date_names_field_value_and_line() -> None:
    text = "---\ntitle: A title\ndate: the day before yesterday\n---\nBody text here.\n"

    with pytest.raises(ReadError) as caught:
        read_text(text, "dated.txt")

    err = caught.value
    assert err.kind == "date"
    assert (err.file, err.line) == ("dated.txt", 3)
    assert "'date'" in err.message  # the field as the user wrote it
    assert "the day before yesterday" in err.message


def test_unparseable_sidecar_date_is_reported_against_the_sidecar() -> None:
    with pytest.raises(ReadError) as caught:
        read_text("Body text.", "a.txt", sidecar={"date": "2021-02-30"}, sidecar_name="a.json")

    assert caught.value.kind == "date"
    assert caught.value.file == "a.json"
    assert "2021-02-30" in caught.value.message


def test_unclosed_front_matter_is_an_error_at_line_one() -> None:
    with pytest.raises(ReadError) as caught:
        read_text("---\ntitle: never closed\nBody text.\n", "open.txt")

    assert (caught.value.kind, caught.value.line) == ("front-matter", 1)


def test_malformed_front_matter_line_is_reported_with_its_line() -> None:
    with pytest.raises(ReadError) as caught:
        read_text("---\ntitle: ok\nthis is not a key value line\n---\nBody.\n", "fm.txt")

    assert (caught.value.kind, caught.value.line) == ("front-matter", 3)


def test_duplicate_front_matter_key_is_an_error() -> None:
    with pytest.raises(ReadError) as caught:
        read_text("---\ntitle: one\ntitle: two\n---\nBody.\n", "fm.txt")

    assert caught.value.line == 3
    assert "line 2" in caught.value.message


def test_crlf_bom_and_missing_final_newline_give_the_same_record(tmp_path: Path) -> None:
    lf = (FIXTURES / "full_layout.txt").read_text(encoding="utf-8")
    variant = tmp_path / "variant.txt"
    variant.write_bytes(b"\xef\xbb\xbf" + lf.rstrip("\n").replace("\n", "\r\n").encode("utf-8"))

    record = read_text_file(variant, LIMIT)

    assert record.text == FULL_TEXT
    assert record.keywords[0] == "border"
    assert record.caption == "Trucks wait on a bridge over the Yalu River near Sinuiju"
    assert_clean(record.text)


def test_old_mac_line_ends_and_decomposed_characters_are_normalised() -> None:
    decomposed = "Cafe\u0301 owners in Sinu\u0306iju were fined.\r\rA second paragraph."

    record = read_text(decomposed, "mac.txt")

    assert record.text == "Café owners in Sinŭiju were fined.\n\nA second paragraph."
    assert record.text.index("Sinŭiju") == 15


def test_text_with_only_layout_parts_and_boilerplate_has_no_body() -> None:
    only = (
        "border, china\nA fence on the river (Daily NK)\n\nTranslated by Jane Roe.\n\n"
        "Read in Korean"
    )
    with pytest.raises(ReadError) as caught:
        read_text(only, "hollow.txt")

    assert caught.value.kind == "no-body"


def test_normalize_text_strips_trailing_space_and_nbsp_and_collapses_blank_runs() -> None:
    raw = "\n\n  First line\u00a0 \t\r\nsecond\u00a0\n\n\n\n\nThird “quoted” [x]\n\n"

    assert normalize_text(raw) == "  First line\nsecond\n\nThird “quoted” [x]"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("border, china, dprk, defectors", ["border", "china", "dprk", "defectors"]),
        ("smuggling, trade. sanctions", ["smuggling", "trade", "sanctions"]),
        ("defectors", ["defectors"]),
        ("tumen river, ryanggang province", ["tumen river", "ryanggang province"]),
        ("border, border, china", ["border", "china"]),
        ("ji\u2019an, cameras. surveillance", ["ji\u2019an", "cameras", "surveillance"]),
        ("north korea's ministry of state security, phones", None),
        ("Chinese police installed cameras, a source said.", None),
        ("the guards were told to fire at anyone who approaches the river bank", None),
        ("a source said.", None),
    ],
)
def test_keyword_line_recogniser(line: str, expected: list[str] | None) -> None:
    assert parse_keyword_line(line) == expected


CAPTIONS = [
    (
        "Trucks on a bridge over the Yalu River (Daily NK)",
        ("Trucks on a bridge over the Yalu River", "Daily NK"),
    ),
    (
        "Sinuiju (North Pyongan) seen from Dandong (Yonhap)",
        ("Sinuiju (North Pyongan) seen from Dandong", "Yonhap"),
    ),
    ("A checkpoint near Hyesan (Photo: Daily NK)", ("A checkpoint near Hyesan", "Daily NK")),
    ("Rice rose to 6,000 won (about 0.7 dollars)", None),
    ("The source said the order came in May (Daily NK).", None),
    ("No credit here at all", None),
]


@pytest.mark.parametrize(("line", "expected"), CAPTIONS)
def test_caption_recogniser(line: str, expected: tuple[str, str] | None) -> None:
    assert parse_caption(line) == expected


@pytest.mark.parametrize(
    "paragraph",
    [
        "Daily NK works with a network of sources living in North Korea and China. Their "
        "identities are kept anonymous for their security.",
        "To protect the people who report to us from inside North Korea, we never publish their "
        "names. Our contacts in the border region are vetted by our staff, and their identities "
        "are withheld for safety reasons.",
        "Daily NK’s reporting draws on a network of anonymous sources in North Korea and China. "
        "For their security we never disclose their names.",
        "Our reporting relies on an underground network of contacts inside North Korea. Their "
        "identities remain confidential to protect them from the authorities.",
        "This site relies on a network of contacts in both countries, whose names we will not "
        "reveal.",
    ],
)
def test_sourcing_notice_is_recognised_in_its_wording_variants(paragraph: str) -> None:
    assert is_source_network_paragraph(paragraph, trailing=True)
    assert is_source_network_paragraph(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The source, who asked that their identity be withheld for security reasons, said the "
        "ministry’s network of informants had grown.",
        "“Our network of sources along the river is gone,” a smuggler who asked for anonymity "
        "for security reasons told Daily NK.",
        "The Ministry of State Security runs a network of informants among traders, whose "
        "identities are kept secret for their protection.",
    ],
)
def test_reporting_about_sources_is_not_taken_for_the_sourcing_notice(paragraph: str) -> None:
    assert not is_source_network_paragraph(paragraph, trailing=True)


@pytest.mark.parametrize(
    "paragraph",
    [
        "We report with the help of sources in both countries. Their names stay with us.",
        "Our correspondents rely on sources on both banks of the river, who are never identified.",
        "This outlet has sources in the border provinces who talk to us on condition of anonymity.",
        "Our reporters work with contacts on both banks who cannot be identified.",
    ],
)
def test_a_short_trailing_sourcing_notice_is_recognised(paragraph: str) -> None:
    assert is_source_network_paragraph(paragraph, trailing=True)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Sources in Hyesan, who asked not to be named, said we should expect more checkpoints.",
        "We could not reach the sources again; their names are known to the editors.",
    ],
)
def test_short_paragraphs_about_sources_that_are_reporting_are_kept(paragraph: str) -> None:
    assert not is_source_network_paragraph(paragraph, trailing=True)


def test_comments_tip_and_korean_lines_are_recognised_but_ordinary_text_is_not() -> None:
    assert is_comments_paragraph(
        "Please send any comments or questions about this article to dailynk@example.org."
    )
    assert is_comments_paragraph("Have thoughts on this story? Write to us at feedback@example.org")
    assert is_comments_paragraph("Questions about this report may be sent to desk@example.org.")
    assert not is_comments_paragraph("Smugglers now take orders by phone, a source said.")
    assert is_tip_line("Have a tip? Contact us securely at tips@example.org.")
    assert is_tip_line("Got a news tip? Send it to tips@example.org")
    assert is_tip_line("Noticed something at the border? Tell us: tips@example.org")
    assert not is_tip_line("Customs officers had been tipped off, the source said.")
    assert not is_tip_line("Guards tip off smugglers about patrols, a source told Daily NK.")
    for line in ("Read in Korean", "Read this article in Korean", "[Read in Korean]"):
        assert is_read_in_korean(line)
    assert not is_read_in_korean("Residents read Korean newspapers only.")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Translated by Jane Roe. Edited by John Poe.", ("Jane Roe", "John Poe")),
        ("Translated by Jane Roe.", ("Jane Roe", None)),
        ("Edited by John Poe.", (None, "John Poe")),
        ("Edited by John Poe", (None, "John Poe")),
        ("Translated and edited by A. B. Lee.", ("A. B. Lee", "A. B. Lee")),
    ],
)
def test_credits_line_gives_translator_and_editor(
    line: str, expected: tuple[str | None, str | None]
) -> None:
    credits = parse_credits(line)
    assert credits is not None
    assert (credits.translator, credits.editor) == expected


def test_sentence_starting_like_a_credit_is_not_a_credits_line() -> None:
    assert (
        parse_credits("Edited by the propaganda department, the paper ran the story, 1 May.")
        is None
    )


def test_subheadings_stay_in_text_as_their_own_paragraph_and_are_listed() -> None:
    body = (
        "First paragraph about the border, a source said.\n\nNew rules for traders\n\n"
        "Second paragraph about the trade.\n\nAnother heading\n\nThird paragraph here."
    )
    cleaned = clean_body(body)

    assert cleaned.subheadings == ["New rules for traders", "Another heading"]
    assert "\n\nNew rules for traders\n\n" in cleaned.text
    assert cleaned.text.index("New rules for traders") == 50


def test_a_pull_quote_standing_alone_between_paragraphs_is_a_subheading() -> None:
    body = (
        "The raids followed an arrest, the source said.\n\n‘They will all be sent back’\n\n"
        '“The police said so,” said the source.\n\n"Not this year"\n\nLast paragraph.'
    )
    cleaned = clean_body(body)

    assert cleaned.subheadings == ["‘They will all be sent back’", '"Not this year"']


def test_a_short_quoted_sentence_of_the_body_is_not_a_subheading() -> None:
    body = (
        "First paragraph, a source said.\n\n“We are afraid.”\n\n‘It is over,’ she said\n\n"
        "“Guards ‘everywhere’”\n\nLast paragraph."
    )
    cleaned = clean_body(body)

    assert cleaned.subheadings == []


def test_a_heading_ending_in_quoted_words_is_a_subheading() -> None:
    body = (
        "First paragraph, a source said.\n\nClams and crab “relabelled”\n\n"
        "Traders said the boxes were “for export.”\n\nOfficials call it “temporary”.\n\n"
        "Last paragraph."
    )
    cleaned = clean_body(body)

    assert cleaned.subheadings == ["Clams and crab “relabelled”"]


def test_short_final_line_is_not_a_subheading() -> None:
    cleaned = clean_body("First paragraph, a source said.\n\nEnd of report")

    assert cleaned.subheadings == []
    assert cleaned.text.endswith("End of report")


def test_boilerplate_is_removed_even_when_it_follows_credits_without_blank_lines() -> None:
    body = (
        "A source in Musan said guards had been replaced.\n\n"
        "Translated by Jane Roe. Edited by John Poe.\nRead in Korean"
    )
    cleaned = clean_body(body)

    assert cleaned.text == "A source in Musan said guards had been replaced."
    assert (cleaned.translator, cleaned.editor) == ("Jane Roe", "John Poe")


def test_keyword_line_and_caption_separated_by_a_blank_line_are_both_found() -> None:
    cleaned = clean_body("trade, sanctions\n\nA crane at Nampo port (Yonhap)\n\n" + FULL_FIRST)

    assert cleaned.keywords == ["trade", "sanctions"]
    assert (cleaned.caption, cleaned.photo_credit) == ("A crane at Nampo port", "Yonhap")
    assert cleaned.text == FULL_FIRST


def test_keyword_line_directly_followed_by_body_keeps_the_whole_body() -> None:
    cleaned = clean_body("border, china\n" + FULL_FIRST + "\n\nSecond paragraph.")

    assert cleaned.keywords == ["border", "china"]
    assert cleaned.caption is None
    assert cleaned.text == FULL_FIRST + "\n\nSecond paragraph."


def test_boilerplate_is_recognised_inside_a_long_article_footer() -> None:
    body = "\n\n".join(
        [f"Paragraph {n} of the report, a source said." for n in range(1, 9)]
        + [
            "Edited by John Poe.",
            "Daily NK’s reporting draws on a network of anonymous sources in North Korea and "
            "China. For their security we never disclose their names.",
            "Please send comments or questions about this article to comments@example.org.",
        ]
    )
    cleaned = clean_body(body)

    assert cleaned.text.endswith("Paragraph 8 of the report, a source said.")
    assert cleaned.text.count("\n\n") == 7
