"""Readers and extractors that turn article files into RDF."""
