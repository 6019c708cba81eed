"""Scrapy settings for newscrawl: only live settings, grouped, each overridable with ``-s``.

Every ``NEWSCRAWL_*`` setting below may also be given as an environment variable of the same
name (an environment file of systemd or scrapyd, a crontab line): read at the end of this
module, as a string exactly like ``-s NAME=VALUE``, which still wins over it.
"""

import os

BOT_NAME = "newscrawl"
COMMANDS_MODULE = "newscrawl.commands"
NEWSPIDER_MODULE = "newscrawl.spiders"
SPIDER_MODULES = ["newscrawl.spiders"]

FEED_EXPORT_ENCODING = "utf-8"
# No console into a running crawl: Scrapy's telnet console (its password logged at INFO, so in
# every scrapyd job log) and its remote-control HTTP server (a token in a job file under
# ~/.local/state/scrapy, left behind by a killed crawl) both run any code sent to them. Turn
# one on for debugging with -s TELNETCONSOLE_ENABLED=True or -s REMOTE_CONTROL_ENABLED=True.
REMOTE_CONTROL_ENABLED = False
TELNETCONSOLE_ENABLED = False

# --- Crawling -------------------------------------------------------------------------
# Politeness: obey robots.txt, at most 4 requests in flight per host, AutoThrottle
# slowing down further when the site does; say who is crawling (USER_AGENT is built
# from NEWSCRAWL_CONTACT by the PolitenessAddon unless set explicitly).
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DNS_TIMEOUT = 10
DOWNLOAD_DELAY = 0.25
DOWNLOAD_TIMEOUT = 10
NEWSCRAWL_CONTACT = ""
# Failures: 429/5xx/timeouts retried twice after a pause (1 s, 2 s, or Retry-After, at
# most 30 s); 403 is "blocked", never retried, and 20 in a row from one host stop the
# crawl; a crawl that fetched no page in 30 s stops and exits non-zero.
RETRY_ENABLED = True
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
RETRY_TIMES = 2
NEWSCRAWL_BLOCKED_LIMIT = 20
NEWSCRAWL_NO_PAGE_TIMEOUT = 30
NEWSCRAWL_RETRY_BACKOFF_BASE = 1.0
NEWSCRAWL_RETRY_BACKOFF_MAX = 30.0
ADDONS = {
    # First: every NEWSCRAWL_* setting checked before anything is built (newscrawl.validation).
    "newscrawl.validation.SettingsCheckAddon": 0,
    "newscrawl.politeness.PolitenessAddon": 100,
    "newscrawl.rendering.RenderingAddon": 110,
}
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.politeness.BackoffRetryMiddleware": 550,
    "newscrawl.politeness.BlockedMiddleware": 560,
    "newscrawl.politeness.HostSlotMiddleware": 610,
}
EXTENSIONS = {"newscrawl.guard.FetchGuard": 500}
# CPU: Scrapy starts CONCURRENT_ITEMS tasks for every response (a page yields one item at
# most), and re-reads each callback's source for every response to warn about "return
# value" in generators (its cache misses bound methods); together half the crawl's CPU.
CONCURRENT_ITEMS = 10
WARN_ON_GENERATOR_RETURN_VALUE = False
# What the default (latest news) crawl covers: the pages of these sections (empty: each
# outlet's own default sections, its declaration's default_sections), and sitemap and feed
# entries of the last NEWSCRAWL_LATEST_DAYS days (0: all of them).
NEWSCRAWL_LATEST_DAYS = 2
NEWSCRAWL_SECTIONS = []  # type: list[str]
# Rendering: NEWSCRAWL_RENDER = auto (pages whose static HTML has no body), always or
# never. scrapy-playwright drives Chromium, headless: NEWSCRAWL_BROWSER_PATH, else the one
# `playwright install chromium` downloaded, else chromium on PATH (newscrawl.browser; the
# RenderingAddon sets its executable_path). Pages are closed after each use and capped per
# context (scrapy-playwright's known memory leaks come from open pages).
NEWSCRAWL_BROWSER_PATH = os.environ.get("NEWSCRAWL_BROWSER_PATH")
NEWSCRAWL_RENDER = "auto"
PLAYWRIGHT_ABORT_REQUEST = "newscrawl.rendering.abort_request"
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000
PLAYWRIGHT_LAUNCH_OPTIONS = {
    "headless": True,
    "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
}
PLAYWRIGHT_MAX_CONTEXTS = 1
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 4
# --- end of crawling ------------------------------------------------------------------

# --- Storage --------------------------------------------------------------------------
# validate → fingerprint → deduplicate → store, into PostgreSQL at NEWSCRAWL_DATABASE_URL
# (environment or -s), else the embedded server in NEWSCRAWL_PGDATA. What the database
# cannot take waits in NEWSCRAWL_SPOOL_DIR (default JOBDIR/newscrawl-spool, else
# .newscrawl/spool) and is replayed; see docs/storage.md.
NEWSCRAWL_STORE_ENABLED = True
ITEM_PIPELINES = {
    "newscrawl.pipelines.ValidatePipeline": 100,
    "newscrawl.pipelines.FingerprintPipeline": 200,
    "newscrawl.pipelines.DeduplicatePipeline": 300,
    "newscrawl.pipelines.StorePipeline": 400,
}
LOG_FORMATTER = "newscrawl.crawl.logformatter.DropLogFormatter"
NEWSCRAWL_DATABASE_URL = None
NEWSCRAWL_DB_BATCH_SIZE = 200
NEWSCRAWL_DB_CONNECT_TIMEOUT = 10.0
NEWSCRAWL_DB_MAX_DELAY = 2.0
NEWSCRAWL_DB_RETRY_DELAY = 1.0
NEWSCRAWL_DB_RETRY_MAX_DELAY = 60.0
NEWSCRAWL_MIN_BODY_CHARS = 200
NEWSCRAWL_PGDATA = ".newscrawl/pgdata"
NEWSCRAWL_SPOOL_DIR = None
# --- end of storage -------------------------------------------------------------------

# --- Archive --------------------------------------------------------------------------
# Recording: with NEWSCRAWL_WARC_DIR set, every response (and its request) goes to gzip
# WARC/1.1 files there, a new file once one would pass NEWSCRAWL_WARC_MAX_SIZE bytes; each
# stored version keeps its record. Replay: `-a replay=PATH` serves every request from WARC
# files instead of the network (the spider sets NEWSCRAWL_REPLAY). See docs/archive.md.
NEWSCRAWL_WARC_DIR = None
NEWSCRAWL_WARC_MAX_SIZE = 1_000_000_000  # the customary size of a WARC file (ISO 28500 annex)
NEWSCRAWL_REPLAY = None
ADDONS = {**ADDONS, "newscrawl.archive.replay.ReplayAddon": 130}
# Next to the download handler: it records what came off the wire, before any other middleware.
DOWNLOADER_MIDDLEWARES = {**DOWNLOADER_MIDDLEWARES, "newscrawl.archive.recorder.WarcRecorderMiddleware": 950}
# --- end of archive -------------------------------------------------------------------

# --- Running unattended ---------------------------------------------------------------
# Incremental and resumable: an article page already stored is fetched again only when due
# (at these ages since publication, by conditional GET, or when a sitemap lastmod is newer);
# the frontier and what each fetch taught live in PostgreSQL (crawl_urls), so a killed crawl
# started again finishes the work. Needs the store. See docs/operations.md.
NEWSCRAWL_STATE_ENABLED = True
NEWSCRAWL_RECHECK_AGES = ["1h", "6h", "24h", "7d"]
NEWSCRAWL_RECHECK_NOT_ARTICLE_HOURS = 24
NEWSCRAWL_RUN_STALE_AFTER = 600
SPIDER_MIDDLEWARES = {"newscrawl.state.middleware.CrawlStateMiddleware": 950}
# Distributed: with NEWSCRAWL_REDIS_URL (redis://host:6379/0) every process shares one
# scrapy-redis queue and filter, per NEWSCRAWL_REDIS_JOB; a worker closes once the queue has
# been empty, with every worker idle, for NEWSCRAWL_REDIS_IDLE_CLOSE seconds.
ADDONS = {**ADDONS, "newscrawl.distributed.RedisAddon": 120}
NEWSCRAWL_REDIS_URL = None
NEWSCRAWL_REDIS_IDLE_CLOSE = 30.0
NEWSCRAWL_REDIS_JOB = "main"
# Monitors (spidermon) at the end of every crawl; one that fails makes `scrapy crawl` exit 1.
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ["newscrawl.monitors.CrawlMonitors"]
NEWSCRAWL_MONITOR_COVERAGE = {"title": 0.99, "body": 0.95, "published_at": 0.95, "editors": 0.3}
NEWSCRAWL_MONITOR_MAX_ERROR_RATIO = 0.1
NEWSCRAWL_MONITOR_MIN_ARTICLES = 20
NEWSCRAWL_MONITOR_MIN_SAMPLE = 20
# A progress line (INFO) every this many seconds; 0: none. The summary is printed at the end.
NEWSCRAWL_PROGRESS_INTERVAL = 60.0
EXTENSIONS = {
    **EXTENSIONS,
    "newscrawl.distributed.SharedFrontier": 510,
    "newscrawl.monitors.FieldCoverage": 520,
    "newscrawl.progress.Progress": 530,
    "newscrawl.monitors.SpidermonExtension": 540,
}
# --- end of running unattended --------------------------------------------------------

# --- The environment ------------------------------------------------------------------
# Last, so that it applies to every NEWSCRAWL_* setting above and to no other name.
globals().update(
    {name: os.environ[name] for name in list(globals()) if name.startswith("NEWSCRAWL_") and name in os.environ}
)
