"""Extraction strategies: each field of a page read by a small helper, trying in order
schema.org data, machine-readable attributes, DSFR components, French labels, and last
the first date- or place-like text of the main content."""
