"""The source file an article came from is published without the loader's absolute path.

``bkg:sourceFile`` of a file reached through an absolute argument is named from the
argument's last part on; a relative argument keeps the path as typed. So a public server
shows no directory of the machine that loaded it, and the same folder loaded from another
place is unchanged, not replaced.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from borderkg.pipeline import load
from borderkg.sourcenames import name_roots, published_source
from borderkg.store import GraphStore

BODY = (
    "Chinese border police installed new surveillance cameras along the Yalu River near "
    "Dandong last month, a source in Ryanggang Province told reporters."
)
QUERY = (
    "SELECT ?name WHERE { GRAPH ?g { ?a <https://w3id.org/borderkg/ontology#sourceFile> "
    "?name } } ORDER BY ?name"
)


def _folder(root: Path) -> Path:
    articles = root / "articles"
    (articles / "2023").mkdir(parents=True)
    (articles / "2023" / "cameras.txt").write_text(BODY + "\n", encoding="utf-8")
    lines = [{"id": f"feed-{n}", "body": BODY + f" Report {n}."} for n in (1, 2)]
    (articles / "feed.jsonl").write_text(
        "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8"
    )
    return articles


def _names(store: GraphStore) -> list[str]:
    return [row["name"].value for row in store.query(QUERY)]


def test_a_folder_given_by_its_absolute_path_is_named_from_the_folder_on(
    tmp_path: Path,
) -> None:
    articles = _folder(tmp_path / "deep" / "inside")
    with GraphStore(tmp_path / "store") as store:
        load(store, [str(articles.resolve())], workers=1, publish=False)
        names = _names(store)
    assert names == ["articles/2023/cameras.txt", "articles/feed.jsonl:1", "articles/feed.jsonl:2"]


def test_the_same_folder_loaded_from_another_place_is_unchanged(tmp_path: Path) -> None:
    first = _folder(tmp_path / "one")
    second = tmp_path / "two" / "articles"
    shutil.copytree(first, second)
    with GraphStore(tmp_path / "store") as store:
        load(store, [str(first)], workers=1, publish=False)
        again = load(store, [str(second)], workers=1, publish=False)
    assert len(again.unchanged) == 3 and not again.replaced and not again.added


def test_a_relative_argument_keeps_the_path_as_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _folder(tmp_path / "work")
    monkeypatch.chdir(tmp_path)
    with GraphStore(tmp_path / "store") as store:
        load(store, ["work/articles/2023"], workers=1, publish=False)
        assert _names(store) == ["work/articles/2023/cameras.txt"]


def test_a_rejection_still_names_the_full_path(tmp_path: Path) -> None:
    articles = _folder(tmp_path)
    (articles / "empty.txt").write_text("   \n", encoding="utf-8")
    with GraphStore(tmp_path / "store") as store:
        summary = load(store, [str(articles)], workers=1, publish=False)
    assert [r.source for r in summary.rejected] == [str(articles / "empty.txt")]


@pytest.mark.parametrize(
    ("args", "source", "published"),
    [
        (["/srv/news/articles"], "/srv/news/articles/a/x.txt", "articles/a/x.txt"),
        (["/srv/news/x.txt"], "/srv/news/x.txt", "x.txt"),
        (["/srv/news/*.jsonl"], "/srv/news/feed.jsonl:3", "news/feed.jsonl:3"),
        (["/srv/news", "/srv/news/deep"], "/srv/news/deep/x.txt", "deep/x.txt"),
        (["relative/dir"], "relative/dir/x.txt", "relative/dir/x.txt"),
        (["-"], "-", "-"),
    ],
)
def test_published_names(args: list[str], source: str, published: str) -> None:
    assert published_source(source, name_roots(args)) == published
