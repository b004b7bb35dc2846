"""Scrapy settings for mipcrawl (``scrapy.cfg`` points here).

Values that a user sets come from the environment through ``mipcrawl.config``;
the CLI overrides them per run. Custom settings carry the ``MIPCRAWL_`` prefix.
"""

from mipcrawl import __version__, config

BOT_NAME = "mipcrawl"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

MIPCRAWL_BASE_URL = config.base_url()
MIPCRAWL_DATABASE_URL = config.database_url()
MIPCRAWL_DATA_DIR = str(config.data_dir())
MIPCRAWL_STORE_ENABLED = True            # off: crawl and extract only (benchmarks, inspection)
MIPCRAWL_STORE_BATCH_SIZE = 200          # events per database transaction
# The health gate (storage/gate.py): only a healthy, complete run may mark events withdrawn.
MIPCRAWL_GATE_MAX_DROP = 0.20            # listed events may not drop more than this vs the last healthy run
MIPCRAWL_GATE_COVERAGE_TOLERANCE = 0.05  # title/date/place coverage may not fall more than this
MIPCRAWL_GATE_MAX_ERROR_RATE = 0.05      # failed pages / pages
# Layout change (storage/layout.py): a field's strategy mix moving by more than this share (total
# variation distance) or its coverage falling by more than this, against the edition's last
# healthy run, both runs having parsed at least MIN_PAGES event pages and MIN_SHARE of the
# edition's listed event pages (a night that re-read only the changed pages is no sample of
# the layout: it is not compared and carries its reference forward). CHANGE: "warn" (the run
# stays healthy, `mipcrawl crawl` exits 6, the summary says what moved), "fail" (the run is
# partial: exit 3, nothing withdrawn) or "off".
MIPCRAWL_LAYOUT_SHIFT = 0.5
MIPCRAWL_LAYOUT_COVERAGE_DROP = 0.10
MIPCRAWL_LAYOUT_MIN_PAGES = 20
MIPCRAWL_LAYOUT_MIN_SHARE = 0.8
MIPCRAWL_LAYOUT_CHANGE = "warn"
MIPCRAWL_GATE_MAX_SURGE = 3.0            # listed events may not grow past this many times the last healthy run…
MIPCRAWL_GATE_SURGE_SLACK = 500          # …nor past it plus this many (whichever allows more)
MIPCRAWL_TEXT_MAX_CHARS = 5_000          # a text field longer than this is cut, warned and counted (pipelines/caps.py)
MIPCRAWL_HTML_MAX_CHARS = 1_000_000      # the description's HTML likewise
MIPCRAWL_LOCK_WAIT = 0.0                 # seconds to wait for another crawl's edition lock (0: refuse)
# MIPCRAWL_TODAY = "2026-11-26"          # pins "today" for relative dates (tests); default: the UTC date

# Politeness for the real site. The replica on loopback needs none of it: see below.
USER_AGENT = f"mipcrawl/{__version__} (+{config.PROJECT_URL})"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_DELAY = 1.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
# Scrapy starts CONCURRENT_ITEMS (default 100) asyncio tasks for every callback's output,
# even when it is one item; the pipelines are synchronous, so more than one buys nothing
# and the tasks cost ~1 ms a page (bench/bench_crawl.py).
CONCURRENT_ITEMS = 1

# None of it for a loopback base URL (the replica): spiders.base.SiteSpider.update_settings.

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024

ITEM_PIPELINES = {
    "pipelines.caps.FieldCapsPipeline": 50,
    "pipelines.normalize.NormalizePipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.store.StorePipeline": 300,
}

TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"

# Incremental crawling, archive (issue 7: mipcrawl/middlewares/incremental.py, mipcrawl/middlewares/archive/README.md).
# Conditional requests: Scrapy's HTTP cache, RFC 2616 policy (revalidates with ETag /
# Last-Modified), stored in one SQLite file per spider (fast, and safe with two crawls of
# different editions at once: mipcrawl/middlewares/httpcache.py),
# absolute under the data dir (the runner sets it again when --data-dir is given).
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "mipcrawl.middlewares.incremental.RevalidatingPolicy"   # RFC2616Policy + no-cache revalidation
HTTPCACHE_STORAGE = "mipcrawl.middlewares.httpcache.SqliteCacheStorage"
HTTPCACHE_DIR = str(config.data_dir().absolute() / "httpcache")
HTTPCACHE_EXPIRATION_SECS = 0
HTTPCACHE_IGNORE_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "mipcrawl.middlewares.offsite.SiteOriginMiddleware": 50,           # scheme + host + port, redirects counted
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "mipcrawl.middlewares.download.BackoffRetryMiddleware": 550,       # the same, with backoff
    "mipcrawl.middlewares.archive.wayback.WaybackMiddleware": 580,     # --from-archive: pages from a web archive
    "mipcrawl.middlewares.incremental.NotModifiedMiddleware": 950,     # below the cache: sees the 304s
    "mipcrawl.middlewares.archive.writer.WarcWriterMiddleware": 960,   # next to the network: what went over it
}
EXTENSIONS = {
    "mipcrawl.middlewares.incremental.KnownEvents": 100,   # the stored events, read once per spider
}
SPIDER_MIDDLEWARES = {
    "mipcrawl.middlewares.incremental.PastEditionsMiddleware": 600,
    "mipcrawl.middlewares.archive.writer.CaptureIdMiddleware": 650,
}
MIPCRAWL_INCREMENTAL_ENABLED = True
MIPCRAWL_REFRESH = False
# Past editions from a web archive (crawl --from-archive; mipcrawl/middlewares/archive/wayback.py).
MIPCRAWL_WAYBACK_URL = None          # the archive (https://web.archive.org); None: the live site
MIPCRAWL_WAYBACK_AT = None           # YYYYMMDD: read the captures nearest that day
MIPCRAWL_WAYBACK_RATE = 1.0          # requests per second to the archive, at most
MIPCRAWL_WAYBACK_MAX_429 = 20        # 429 answers tolerated per request (outside RETRY_TIMES)
MIPCRAWL_ARCHIVE_ENABLED = True
# A response cut short (Content-Length not reached) is an error, retried, never parsed.
DOWNLOAD_FAIL_ON_DATALOSS = True
MIPCRAWL_RETRY_BACKOFF = 0.5          # seconds before the first retry, doubled each time
MIPCRAWL_RETRY_BACKOFF_MAX = 30.0
DOWNLOAD_HANDLERS = {                 # Twisted's silent re-send of reset requests off: retries counted
    "http": "mipcrawl.middlewares.download.VisibleRetriesDownloadHandler",
    "https": "mipcrawl.middlewares.download.VisibleRetriesDownloadHandler",
}
