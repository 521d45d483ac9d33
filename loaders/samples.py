"""The bundled sample corpus: where it is, read through importlib.resources."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: Corpus sub-folders that hold articles (``gold/`` holds annotations, not articles).
ARTICLE_FOLDERS = ("text", "json", "html")


def corpus_root() -> Path:
    """The corpus folder of the installed package."""
    root = files("borderkg.loaders").joinpath("corpus")
    if not isinstance(root, Path):  # e.g. imported from a zip: readers need real files
        raise RuntimeError("the sample corpus is only available from an unpacked install")
    return root


def sample_paths() -> list[Path]:
    """The folders of sample articles, for ``borderkg load --sample`` and the demo."""
    root = corpus_root()
    return [root / name for name in ARTICLE_FOLDERS if (root / name).is_dir()]


def gold_dir() -> Path:
    """The folder of gold annotations of the sample corpus."""
    return corpus_root() / "gold"
