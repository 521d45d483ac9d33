"""borderkg: a knowledge graph of China–North Korea border affairs built from news articles."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("borderkg")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"
