"""E2, "detail-artikel" (about 2021 to late 2024): ``<kanal>.tempo.co/read/<id>/<slug>``.

The seed article's layout. Selectors and their evidence: docs/layouts.md (E2); real HTML of
2022 and the 2023-24 variants (``p.date``, ``span[itemprop=author]``, ``div.detail-konten``).
Field queries are relative to the first ``article.detail-artikel``; later ones are
"artikel berikutnya" teasers.
"""

from __future__ import annotations

from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.query import Query


class E2Page(ArticlePage):
    layout = "E2"
    MARKER = SCOPE = Query("//article[contains(@class, 'detail-artikel')]")
    TITLE = Query(".//div[contains(@class, 'detail-title')]//h1 | .//h1")
    DATE = Query(
        ".//*[@itemprop='datePublished'] | .//div[contains(@class, 'detail-title')]"
        "//*[self::p or self::h4 or self::span][contains(concat(' ', normalize-space(@class), ' '), ' date ')]"
    )
    REPORTERS = Query(".//*[@itemprop='author']")
    EDITORS = Query(".//*[@itemprop='editor']")
    BYLINE = Query(".//div[contains(@class, 'block-avatar')]")
    IMAGE = Query(".//div[contains(@class, 'foto-detail')]//img/@src")
    CAPTION = Query(".//div[contains(@class, 'foto-detail')]//figcaption")
    BODY = (
        Query(".//div[contains(concat(' ', normalize-space(@class), ' '), ' detail-konten ')]"),
        Query(".//div[@id='isi']"),
        Query(".//div[contains(concat(' ', normalize-space(@class), ' '), ' detail-in ')]"),
    )
    TAGS = Query("//div[contains(@class, 'box-tag-detail')]//a")
    BREADCRUMB = Query("//div[contains(@class, 'breadcrumbs')]//li/a")
