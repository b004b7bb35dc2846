"""The Wayback Machine as the replica plays it: captures of the past editions' pages (with
gaps, duplicates, error pages, toolbar pages, later changes and another edition's reuse of a
URL), a CDX server and mementos, rate limiting, and the truth of what a perfect archive
crawl recovers. See ``replica/README.md`` ("The archive")."""

from replica.wayback.build import build_archive
from replica.wayback.serving import serve_archive

__all__ = ["build_archive", "serve_archive"]
