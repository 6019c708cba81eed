"""E1, "tempoco-2017" (mid-2017 to about 2021): ``<html id="tempoco-2017">``, schema.org microdata.

Selectors (evidence: docs/layouts.md, E1): ``h1[itemprop=headline]``, ``#author h4[itemprop=author|editor]``,
``span#date``, ``div#isi``, ``div.tags``; the related block is found by its "Terkait" heading.
"""

from __future__ import annotations

from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.query import Query


class E1Page(ArticlePage):
    layout = "E1"
    MARKER = Query("/html[@id='tempoco-2017'] | //h1[@itemprop='headline'] | //div[@id='isi']")
    SCOPE = Query("//div[@id='isi']/ancestor::*[self::article or self::section][1]")
    TITLE = Query(".//h1[@itemprop='headline'] | .//h1")
    DATE = Query(".//*[@itemprop='datePublished'][not(self::meta)] | .//span[@id='date']")
    REPORTERS = Query(".//*[@id='author']//*[@itemprop='author']")
    EDITORS = Query(".//*[@id='author']//*[@itemprop='editor']")
    BYLINE = Query(".//*[@id='author']")
    IMAGE = Query(".//figure//img[@itemprop='image']/@src")
    CAPTION = Query(".//figcaption[@itemprop='caption'] | .//figcaption")
    BODY = (Query(".//div[@id='isi']"), Query(".//*[@itemprop='articleBody']"))
    TAGS = Query(".//div[contains(@class, 'tags')]//a")
    BREADCRUMB = Query("//nav[contains(@class, 'breadcrumbs')]//*[@itemprop='name']")
