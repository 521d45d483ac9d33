"""Inputs: files, folders, globs, standard input, options, duplicates and every bad-input kind."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from borderkg.loaders.readers import ReadError, ReadOptions, iter_records
from borderkg.loaders.record import ArticleRecord

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
BODY = "Guards in Manpo have been told to check every cart near the river, a source said."


def records(results: list[ArticleRecord | ReadError]) -> list[ArticleRecord]:
    return [r for r in results if isinstance(r, ArticleRecord)]


def errors(results: list[ArticleRecord | ReadError]) -> list[ReadError]:
    return [r for r in results if isinstance(r, ReadError)]


def only_error(path: Path | str, options: ReadOptions | None = None) -> ReadError:
    (result,) = iter_records([path], options)
    assert isinstance(result, ReadError), result
    return result


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder of mixed inputs with a sidecar, nested folders and hidden entries."""
    root = tmp_path / "articles"
    (root / "sub" / "deep").mkdir(parents=True)
    (root / ".cache").mkdir()
    shutil.copy(FIXTURES / "text" / "full_layout.txt", root / "a.txt")
    shutil.copy(FIXTURES / "text" / "full_layout.json", root / "a.json")
    shutil.copy(FIXTURES / "json" / "array.json", root / "sub" / "b.json")
    shutil.copy(FIXTURES / "html" / "graph_jsonld.html", root / "sub" / "deep" / "c.html")
    (root / ".hidden.txt").write_text("Hidden file text that must not be read.", "utf-8")
    (root / ".cache" / "d.txt").write_text("Text in a hidden folder, not read.", "utf-8")
    return root


def test_folder_is_read_recursively_skipping_hidden_entries_and_sidecars(tree: Path) -> None:
    results = list(iter_records([tree]))

    assert errors(results) == []
    assert [r.source for r in results] == [
        str(tree / "a.txt"),
        f"{tree / 'sub' / 'b.json'}:2",
        f"{tree / 'sub' / 'b.json'}:9",
        str(tree / "sub" / "deep" / "c.html"),
    ]
    assert results[0].title == "Chinese police add heat sensors on the Yalu near Dandong"


def test_non_article_files_in_a_folder_are_skipped_with_a_warning(tree: Path) -> None:
    (tree / "README.md").write_text("# Notes about this folder", "utf-8")
    (tree / "LICENSE").write_text("Some licence text.", "utf-8")
    (tree / "__pycache__").mkdir()
    (tree / "__pycache__" / "x.pyc").write_bytes(b"\x00\x01")

    results = list(iter_records([tree]))

    skipped = errors(results)
    assert sorted(Path(e.file).name for e in skipped) == ["LICENSE", "README.md"]
    assert all(e.kind == "skipped" and e.is_warning for e in skipped)
    assert len(records(results)) == 4


def test_glob_pattern_expands_and_still_skips_the_sidecar(tree: Path) -> None:
    results = list(iter_records([str(tree / "**" / "*.json")]))

    assert errors(results) == []
    assert [r.id for r in results] == ["arr-1", "arr-2"]


def test_glob_matching_nothing_is_a_not_found_error(tmp_path: Path) -> None:
    err = only_error(str(tmp_path / "*.txt"))

    assert err.kind == "not-found"
    assert "no files match" in err.message


def test_missing_path_is_a_not_found_error(tmp_path: Path) -> None:
    err = only_error(tmp_path / "nowhere.txt")

    assert (err.kind, err.message) == ("not-found", "no such file or directory")


def test_text_and_its_sidecar_named_together_give_one_record(tree: Path) -> None:
    results = list(iter_records([tree / "a.txt", tree / "a.json", tree / "a.txt"]))

    assert len(results) == 1
    assert results[0].id == "dnk-2023-0917"


def test_sidecar_named_alone_is_read_as_a_record_and_has_no_body(tree: Path) -> None:
    err = only_error(tree / "a.json")

    assert err.kind == "no-body"


def test_standard_input_is_sniffed_as_json() -> None:
    data = json.dumps({"id": "in-1", "title": "From a pipe", "body": BODY}).encode("utf-8")

    (record,) = iter_records(["-"], stdin=io.BytesIO(data))

    assert isinstance(record, ArticleRecord)
    assert (record.id, record.source, record.text) == ("in-1", "<stdin>", BODY)


def test_standard_input_of_a_real_subprocess_is_read_as_text_with_given_format() -> None:
    script = (
        "import sys\n"
        "from borderkg.loaders.readers import ReadOptions, iter_records\n"
        "for r in iter_records(['-'], ReadOptions(format='text', title='Piped')):\n"
        "    print(r.title, r.caption, r.text, sep='|')\n"
    )
    raw = "border, china\r\nA fence by the river (Daily NK)\r\n\r\n" + BODY + "\u00a0\r\n"

    done = subprocess.run(
        [sys.executable, "-c", script],
        input=raw.encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=60,
    )

    assert done.stdout.decode("utf-8").strip() == f"Piped|A fence by the river|{BODY}"


def test_extensionless_file_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "ARTICLE"
    path.write_text(json.dumps({"id": "sniffed", "body": BODY}), "utf-8")

    (record,) = iter_records([path])

    assert isinstance(record, ArticleRecord)
    assert record.id == "sniffed"


def test_unknown_extension_is_an_error_unless_a_format_is_given(tmp_path: Path) -> None:
    path = tmp_path / "article.dat"
    path.write_text(BODY, "utf-8")

    err = only_error(path)
    (record,) = iter_records([path], ReadOptions(format="text"))

    assert err.kind == "extension"
    assert "'.dat'" in err.message
    assert isinstance(record, ArticleRecord)
    assert record.text == BODY


def test_options_override_metadata_of_every_record() -> None:
    options = ReadOptions(
        title="Given title", published="2024-01-31", url="https://example.org/x", id="cli-1"
    )

    (record,) = iter_records([FIXTURES / "text" / "full_layout.txt"], options)

    assert (record.title, record.published, record.url, record.id) == (
        "Given title",
        dt.date(2024, 1, 31),
        "https://example.org/x",
        "cli-1",
    )
    assert record.keywords[0] == "border"  # what options do not set stays from the file


def test_unparseable_date_option_is_an_error_naming_the_value() -> None:
    with pytest.raises(ReadError) as caught:
        ReadOptions(published="next Tuesday-ish")

    assert caught.value.kind == "options"
    assert "next Tuesday-ish" in caught.value.message


def test_unknown_format_option_is_an_error() -> None:
    with pytest.raises(ReadError) as caught:
        ReadOptions(format="docx")

    assert "docx" in caught.value.message


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")

    err = only_error(path)

    assert (err.kind, err.message) == ("empty", "empty file")


def test_whitespace_only_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes("\ufeff \r\n\t\u00a0\n\n".encode())

    err = only_error(path)

    assert err.kind == "empty"
    assert "only whitespace" in err.message


def test_binary_file_is_an_error_with_the_nul_offset(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    err = only_error(path)

    assert err.kind == "binary"
    assert "byte offset 8" in err.message
    assert (err.line, err.column) == (3, 1)


def test_non_utf8_text_reports_byte_offset_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("First line.\nCaf\u00e9 owners were fined.\n".encode("latin-1"))

    err = only_error(path)

    assert err.kind == "encoding"
    assert "byte 0xE9 at byte offset 15" in err.message
    assert (err.line, err.column) == (2, 4)
    assert str(err) == f"{path}:2:4: {err.message}"


def test_utf16_file_is_an_encoding_error(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(BODY.encode("utf-16"))

    err = only_error(path)

    assert err.kind == "encoding"
    assert "UTF-16" in err.message


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(BODY * 10, "utf-8")

    err = only_error(path, ReadOptions(max_bytes=100))

    assert err.kind == "too-large"
    assert "limit" in err.message


def test_default_size_limit_is_five_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(5 * 1024 * 1024 + 1)

    assert only_error(path).kind == "too-large"


def test_unreadable_entry_dangling_symlink_is_reported_as_broken_link(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")

    err = only_error(link)

    assert err.kind == "unreadable"
    assert "broken symbolic link" in err.message


def test_unreadable_entry_fifo_in_a_folder_is_reported_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "ok.txt").write_text(BODY, "utf-8")

    results = list(iter_records([tmp_path]))

    assert [type(r).__name__ for r in results] == ["ArticleRecord", "ReadError"]
    assert results[1].kind == "unreadable"
    assert "FIFO" in results[1].message


def test_same_id_with_different_content_rejects_the_second_naming_both(tmp_path: Path) -> None:
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    first.write_text(json.dumps({"id": "same", "body": BODY}), "utf-8")
    second.write_text(json.dumps({"id": "same", "body": "A different report."}), "utf-8")

    results = list(iter_records([first, second]))

    assert isinstance(results[0], ArticleRecord)
    err = results[1]
    assert isinstance(err, ReadError)
    assert (err.kind, err.file, err.is_warning) == ("duplicate-id", str(second), False)
    assert str(first) in err.message
    assert "'same'" in err.message


def test_same_id_with_identical_content_is_a_harmless_duplicate(tmp_path: Path) -> None:
    first, second = tmp_path / "1.txt", tmp_path / "2.txt"
    first.write_text(BODY, "utf-8")
    second.write_text(BODY + "\n\n\n", "utf-8")  # same text once normalised, no id: text hash

    results = list(iter_records([first, second]))

    assert len(records(results)) == 1
    (err,) = errors(results)
    assert (err.kind, err.is_warning, err.file) == ("duplicate", True, str(second))
    assert str(first) in err.message


def test_duplicate_id_inside_json_lines_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"id": "dup", "body": BODY}) + "\n" + json.dumps({"id": "dup", "body": "X."}),
        "utf-8",
    )

    results = list(iter_records([path]))

    err = results[1]
    assert isinstance(err, ReadError)
    assert (err.kind, err.file, err.line) == ("duplicate-id", str(path), 2)
    assert f"{path}:1" in err.message


def test_one_bad_input_never_stops_the_others(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    results = list(
        iter_records(
            [
                FIXTURES / "json" / "single.json",
                bad,
                tmp_path / "missing.txt",
                empty,
                FIXTURES / "html" / "no_main_text.html",
                FIXTURES / "text" / "caption_only.txt",
            ]
        )
    )

    kinds = [r.kind if isinstance(r, ReadError) else "record" for r in results]
    assert kinds == ["record", "json", "not-found", "empty", "no-main-text", "record"]


def test_read_error_survives_pickling_for_worker_processes() -> None:
    err = ReadError("a.json", "malformed JSON: x", kind="json", line=3, column=7)

    copy = pickle.loads(pickle.dumps(err))

    assert copy == err
    assert str(copy) == "a.json:3:7: malformed JSON: x"
