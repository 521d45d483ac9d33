"""Options the command modules share (``cli``, ``servecli``, ``curatecli``).

A module of its own so that command modules need not import ``borderkg.cli``, which imports
them to register their commands (``python -m borderkg.cli`` would load it twice).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

STORE_HELP = "Store folder (default: $BORDERKG_STORE or ~/.local/share/borderkg/store)."


def store_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--store DIR``, else $BORDERKG_STORE, else the per-user data folder."""
    return click.option(
        "--store",
        "store_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help=STORE_HELP,
    )(func)
