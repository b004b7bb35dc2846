"""Scrapy components of ours: incremental crawling (304s, finished editions), the SQLite HTTP
cache, retries with backoff, resumable jobs, and the WARC archive (write, read, replay)."""
