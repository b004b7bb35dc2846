"""WARC capture of every crawl, reading and verifying the archive, and replay (see README.md)."""
