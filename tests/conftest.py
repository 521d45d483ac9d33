"""Session fixtures shared by the endpoint tests: one sample-corpus store, one real server."""

from serverfixture import sample_store, server

__all__ = ["sample_store", "server"]
