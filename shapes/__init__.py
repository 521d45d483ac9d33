"""SHACL shapes for borderkg data."""
