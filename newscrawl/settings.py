"""Scrapy settings for newscrawl: only live settings, grouped, each overridable with ``-s``."""

import os

BOT_NAME = "newscrawl"

FEED_EXPORT_ENCODING = "utf-8"

# --- Storage (issue 3) ----------------------------------------------------------------
# validate → fingerprint → deduplicate → store, into PostgreSQL at NEWSCRAWL_DATABASE_URL
# (environment or -s), else the embedded server in NEWSCRAWL_PGDATA. What the database
# cannot take waits in NEWSCRAWL_SPOOL_DIR (default JOBDIR/newscrawl-spool, else
# .newscrawl/spool) and is replayed; see README "Storage".
NEWSCRAWL_STORE_ENABLED = True
ITEM_PIPELINES = {
    "newscrawl.pipelines.ValidatePipeline": 100,
    "newscrawl.pipelines.FingerprintPipeline": 200,
    "newscrawl.pipelines.DeduplicatePipeline": 300,
    "newscrawl.pipelines.StorePipeline": 400,
}
LOG_FORMATTER = "newscrawl.pipelines.logformatter.DropLogFormatter"
NEWSCRAWL_DATABASE_URL = os.environ.get("NEWSCRAWL_DATABASE_URL")
NEWSCRAWL_DB_BATCH_SIZE = 200
NEWSCRAWL_DB_CONNECT_TIMEOUT = 10.0
NEWSCRAWL_DB_MAX_DELAY = 2.0
NEWSCRAWL_DB_RETRY_DELAY = 1.0
NEWSCRAWL_DB_RETRY_MAX_DELAY = 60.0
NEWSCRAWL_MIN_BODY_CHARS = 200
NEWSCRAWL_PGDATA = os.environ.get("NEWSCRAWL_PGDATA", ".newscrawl/pgdata")
NEWSCRAWL_SPOOL_DIR = None
# --- end of storage -------------------------------------------------------------------
