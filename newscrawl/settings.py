"""Scrapy settings for newscrawl: only live settings, grouped, each overridable with ``-s``."""

BOT_NAME = "newscrawl"

FEED_EXPORT_ENCODING = "utf-8"
