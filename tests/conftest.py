"""Fixtures shared across test files: the sample-corpus store and server, the query-pool store,
the extractor."""

from extracthelp import extractor
from poolfixture import capped, pool, root
from serverfixture import sample_store, server

__all__ = ["capped", "extractor", "pool", "root", "sample_store", "server"]
