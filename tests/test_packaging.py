"""The built wheel ships every data file and installs under one `borderkg` namespace."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_SKIP_DIRS = {
    ".git",
    ".venv",
    "venv",
    "build",
    "dist",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
}


def _copy_source(dest: Path) -> Path:
    """Copy the checkout (without caches and build output) so building leaves no litter."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        return {n for n in names if n in _SKIP_DIRS or n.endswith(".egg-info")}

    return Path(shutil.copytree(ROOT, dest / "src", ignore=ignore))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = _copy_source(work)
    out = work / "dist"
    # An isolated build, as pip does for a user: the build backend comes from the index.
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)]
    subprocess.run(cmd, check=True, capture_output=True, text=True)
    (built,) = out.glob("borderkg-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return target


def test_wheel_puts_every_module_under_the_borderkg_namespace(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top_levels = {name.split("/", 1)[0] for name in names}
    assert {t for t in top_levels if not t.endswith(".dist-info")} == {"borderkg"}
    for sub in ("ontology", "loaders", "api", "shapes"):
        assert f"borderkg/{sub}/__init__.py" in names


def test_wheel_ships_every_turtle_file_of_the_source_tree(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    mapping = {
        "ontology": "borderkg/ontology",
        "shapes": "borderkg/shapes",
        "loaders": "borderkg/loaders",
    }
    expected = {
        f"{mapping[p.relative_to(ROOT).parts[0]]}/{'/'.join(p.relative_to(ROOT).parts[1:])}"
        for folder in mapping
        for p in (ROOT / folder).rglob("*.ttl")
    }
    assert expected, "the source tree has Turtle files to ship"
    assert expected <= names, sorted(expected - names)


def test_installed_wheel_loads_ontology_schemes_and_vocabulary(
    installed: Path, tmp_path: Path
) -> None:
    probe = (
        "import json, borderkg.ontology as o\n"
        "print(json.dumps({'file': o.__file__,"
        " 'ontology': len(o.ontology_graph()), 'schemes': len(o.schemes_graph()),"
        " 'vocabulary': len(o.vocabulary_graph())}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,  # not the checkout: nothing may be found through the working directory
        env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout)
    assert report["file"].startswith(str(installed))
    assert report["ontology"] > 300
    assert report["schemes"] > 300
    assert report["vocabulary"] > 2000


def test_wheel_contains_every_python_package_of_the_source_tree(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    mapping = {
        "ontology": "borderkg/ontology",
        "shapes": "borderkg/shapes",
        "loaders": "borderkg/loaders",
        "api": "borderkg/api",
    }
    expected = {
        f"{mapping[p.relative_to(ROOT).parts[0]]}/{'/'.join(p.relative_to(ROOT).parts[1:])}"
        for folder in mapping
        for p in (ROOT / folder).rglob("*.py")
    }
    assert expected <= names, sorted(expected - names)
