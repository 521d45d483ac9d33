"""The name an article's source file is published under: never the loader's absolute path.

``bkg:sourceFile`` tells a researcher which file an article came from. An absolute path
(``/home/…/site-packages/borderkg/loaders/corpus/text/…``) would publish the loading
machine's directory layout on a public server, and would make the same file loaded from
another folder a changed article (the name is part of the stored graph, so of its content
hash). So a file reached through an absolute argument is named from that argument's last
part on: ``/srv/news/articles`` gives ``articles/2023/x.txt``, a file given by itself its
own name, a glob ``/srv/news/*.json`` the names under ``news``. A relative argument keeps
the path as typed; standard input stays ``-``. Messages to the user keep the full path.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable
from pathlib import Path

# "FILE:LINE" names a JSON Lines record.
_LINE_SUFFIX = re.compile(r"^(?P<file>.*?)(?P<line>:\d+)?$")


def _root(arg: str) -> Path | None:
    """The folder or file an absolute argument names (a glob: its folder before the first
    wildcard), or ``None`` for a relative argument or standard input."""
    if not os.path.isabs(arg):
        return None
    plain: list[str] = []
    for part in Path(arg).parts:
        if glob.has_magic(part):
            break
        plain.append(part)
    return Path(*plain)


def name_roots(args: Iterable[str]) -> list[Path]:
    """The roots published names are counted from, one per absolute argument, deepest
    first (a file inside two given folders is named from the deeper one)."""
    roots = [_root(os.fspath(arg)) for arg in args]
    return sorted({r for r in roots if r is not None}, key=lambda r: -len(r.parts))


def published_source(source: str, roots: list[Path]) -> str:
    """``source`` as it is published: relative to the parent of the deepest root holding
    it (see the module's docstring), unchanged when no root holds it."""
    match = _LINE_SUFFIX.match(source)
    assert match is not None  # the pattern matches every string
    path, line = Path(match.group("file")), match.group("line") or ""
    for root in roots:
        if path == root or root in path.parents:
            return path.relative_to(root.parent).as_posix() + line
    return source
