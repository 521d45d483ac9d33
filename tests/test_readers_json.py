"""JSON and JSON Lines records: aliases, dates, extra fields, body cleaning and bad records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from borderkg.loaders.readers import ReadError, iter_records, parse_date, read_json, read_jsonl
from borderkg.loaders.record import ArticleRecord

FIXTURES = Path(__file__).parent / "fixtures" / "readers" / "json"


def read_all(path: Path) -> list[ArticleRecord | ReadError]:
    return list(iter_records([path]))


def test_single_object_with_aliases_gives_a_full_record() -> None:
    (record,) = read_all(FIXTURES / "single.json")

    assert isinstance(record, ArticleRecord)
    assert record.id == "dnk-2021-0302"
    assert record.title == "Customs officers in Sinuiju told to search every truck"
    assert record.published == dt.date(2021, 3, 2)  # local date of the datetime, not UTC
    assert record.url == "https://example.org/english/sinuiju-customs"
    assert record.publisher == "Daily NK"
    assert record.translator == "Jane Roe"
    assert record.source == str(FIXTURES / "single.json")


def test_json_body_goes_through_the_same_cleaning_as_a_text_file() -> None:
    (record,) = read_all(FIXTURES / "single.json")

    first = (
        "Customs officers in Sinuiju have been told to open every truck arriving from Dandong, "
        "a source in North Pyongan Province said."
    )
    assert record.text == first + "\n\n" + (
        "The checks have slowed traffic over the bridge to a few dozen vehicles a day."
    )
    assert record.text.index("The checks") == len(first) + 2 == 128
    assert record.text.index("a few dozen vehicles") == 178
    # Field keywords (lower-cased) first, then the body's keyword line.
    assert record.keywords == ["trade", "customs", "china"]
    assert record.caption == "Trucks queue at the Sinuiju customs office"
    assert record.photo_credit == "Daily NK"
    assert record.editor == "John Poe"
    for absent in ("\r", "\u00a0", "network of sources", "Edited by", "trade, customs"):
        assert absent not in record.text


def test_unknown_fields_are_kept_in_extra_as_read() -> None:
    (record,) = read_all(FIXTURES / "single.json")

    assert record.extra == {"section": "Economy", "wordcount": 120}


def test_array_records_are_named_by_the_line_they_start_on() -> None:
    records = read_all(FIXTURES / "array.json")

    assert [r.source for r in records] == [
        f"{FIXTURES / 'array.json'}:2",
        f"{FIXTURES / 'array.json'}:9",
    ]
    first, second = records
    assert first.published == second.published == dt.date(2021, 3, 2)
    assert first.keywords == ["remittances", "brokers"]
    assert first.text.startswith("Remittance brokers in Hyesan")  # alias "text"
    assert second.text.startswith("Soldiers from the border guard")  # alias "content"


def test_jsonl_reads_good_lines_and_reports_the_bad_line_and_the_bodiless_record() -> None:
    name = str(FIXTURES / "records.jsonl")
    results = read_all(FIXTURES / "records.jsonl")

    assert [type(r).__name__ for r in results] == [
        "ArticleRecord",
        "ReadError",
        "ReadError",
        "ArticleRecord",
    ]
    good1, bad_line, no_body, good2 = results
    assert (good1.id, good1.source) == ("jl-1", f"{name}:1")
    assert (good2.id, good2.source) == ("jl-4", f"{name}:5")
    assert (bad_line.kind, bad_line.file, bad_line.line, bad_line.column) == ("json", name, 3, 48)
    assert "Unterminated string" in bad_line.message
    assert (no_body.kind, no_body.line) == ("no-body", 4)
    assert str(no_body).startswith(f"{name}:4: record has no body")


def test_malformed_json_reports_the_parsers_line_and_column() -> None:
    (err,) = read_all(FIXTURES / "malformed.json")

    assert isinstance(err, ReadError)
    assert (err.kind, err.line, err.column) == ("json", 4, 3)
    assert "Expecting ',' delimiter" in err.message


def test_unparseable_date_is_an_error_naming_the_field_and_the_value() -> None:
    (err,) = read_all(FIXTURES / "bad_date.json")

    assert isinstance(err, ReadError)
    assert err.kind == "date"
    assert "'date'" in err.message
    assert "'sometime in spring'" in err.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-03-02", dt.date(2021, 3, 2)),
        ("2021-03-02T23:30:00+09:00", dt.date(2021, 3, 2)),
        ("2021-03-02T14:30:00Z", dt.date(2021, 3, 2)),
        ("March 2, 2021", dt.date(2021, 3, 2)),
        ("2 March 2021", dt.date(2021, 3, 2)),
        ("2021.03.02", dt.date(2021, 3, 2)),
        ("Tue, 02 Mar 2021 09:00:00 +0900", dt.date(2021, 3, 2)),
    ],
)
def test_date_formats_are_parsed(value: str, expected: dt.date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["March 2021", "2021", "yesterday", "2021-02-30", ""])
def test_incomplete_or_impossible_dates_are_refused_not_completed(value: str) -> None:
    with pytest.raises(ValueError):
        parse_date(value)


def test_record_without_body_is_an_error_and_names_the_accepted_fields() -> None:
    (err,) = read_json('{"id": "x", "title": "Only a title"}', "nobody.json")

    assert isinstance(err, ReadError)
    assert err.kind == "no-body"
    assert "body, text, content" in err.message


def test_field_of_the_wrong_type_is_an_error_naming_the_field() -> None:
    (err,) = read_json('{"title": ["a", "list"], "body": "Some text."}', "typed.json")

    assert isinstance(err, ReadError)
    assert err.kind == "field"
    assert "'title'" in err.message


def test_shadowed_alias_is_kept_in_extra_and_numeric_id_becomes_text() -> None:
    (record,) = read_json(
        '{"id": 42, "title": "Preferred", "headline": "Shadowed", "body": "Text."}', "a.json"
    )

    assert isinstance(record, ArticleRecord)
    assert record.id == "42"
    assert record.title == "Preferred"
    assert record.extra == {"headline": "Shadowed"}


def test_array_with_a_non_object_element_still_reads_the_others() -> None:
    text = '[\n{"id": "a", "body": "First text."},\n"just a string",\n{"id": "b", "body": "B."}\n]'

    results = list(read_json(text, "mixed.json"))

    assert [getattr(r, "id", None) for r in results] == ["a", None, "b"]
    assert isinstance(results[1], ReadError)
    assert (results[1].kind, results[1].line) == ("json", 3)


def test_json_file_holding_json_lines_is_read_as_json_lines() -> None:
    text = '{"id": "a", "body": "First."}\n{"id": "b", "body": "Second."}\n'

    results = list(read_json(text, "lines.json"))

    assert [r.id for r in results] == ["a", "b"]
    assert [r.source for r in results] == ["lines.json:1", "lines.json:2"]


def test_jsonl_with_a_non_object_line_reports_that_line() -> None:
    results = list(read_jsonl('{"id": "a", "body": "Text."}\n[1, 2]\n', "x.jsonl"))

    assert isinstance(results[0], ArticleRecord)
    assert isinstance(results[1], ReadError)
    assert (results[1].line, results[1].kind) == (2, "json")


def test_top_level_scalar_and_empty_array_are_errors() -> None:
    (scalar,) = read_json('"text"', "s.json")
    (empty,) = read_json("[]", "e.json")

    assert isinstance(scalar, ReadError)
    assert "object or an array" in scalar.message
    assert isinstance(empty, ReadError)
    assert empty.kind == "empty"


_BODY = "Guards in Hyesan have put up new floodlights along the Yalu River, a source said."


def test_json_nested_too_deeply_is_an_error_not_a_crash(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    nested = tmp_path / "nested.json"
    nested.write_text('{"a":' * 100_000 + "1" + "}" * 100_000, encoding="utf-8")
    for path in (deep, nested):
        (err,) = read_all(path)
        assert isinstance(err, ReadError)
        assert (err.kind, err.file) == ("json", str(path))
        assert "nested too deeply" in err.message


def test_a_json_line_nested_too_deeply_is_reported_and_the_other_lines_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "feed.jsonl"
    good = '{"id": "ok-%d", "text": "%s"}'
    path.write_text(
        "\n".join([good % (1, _BODY), "[" * 100_000 + "]" * 100_000, good % (3, _BODY)]) + "\n",
        encoding="utf-8",
    )
    first, err, last = read_all(path)
    assert isinstance(err, ReadError)
    assert (err.kind, err.line) == ("json", 2)
    assert "nested too deeply" in err.message
    assert (first.id, last.id) == ("ok-1", "ok-3")
