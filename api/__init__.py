"""The Flask SPARQL endpoint and web UI."""
