"""E2, "detail-artikel" (about 2021 to late 2024): ``<kanal>.tempo.co/read/<id>/<slug>``.

The seed article's layout. Selectors from tempo-markup.md §2.3, real HTML of 2022
and the 2023-24 variants (``p.date``, ``span[itemprop=author]``, ``div.detail-konten``).
"""

from __future__ import annotations

from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.query import Query

_ARTICLE = "(//article[contains(concat(' ', normalize-space(@class), ' '), ' detail-artikel ')])[1]"


class E2Page(ArticlePage):
    layout = "E2"
    MARKER = Query(_ARTICLE)
    TITLE = Query(f"{_ARTICLE}//div[contains(@class, 'detail-title')]//h1 | {_ARTICLE}//h1")
    DATE = Query(
        f"{_ARTICLE}//*[@itemprop='datePublished'] | {_ARTICLE}//div[contains(@class, 'detail-title')]"
        "//*[self::p or self::h4 or self::span][contains(concat(' ', normalize-space(@class), ' '), ' date ')]"
    )
    REPORTERS = Query(f"{_ARTICLE}//*[@itemprop='author']")
    EDITORS = Query(f"{_ARTICLE}//*[@itemprop='editor']")
    BYLINE = Query(f"{_ARTICLE}//div[contains(@class, 'block-avatar')]")
    IMAGE = Query(f"{_ARTICLE}//div[contains(@class, 'foto-detail')]//img/@src")
    CAPTION = Query(f"{_ARTICLE}//div[contains(@class, 'foto-detail')]//figcaption")
    BODY = (
        Query(f"{_ARTICLE}//div[contains(concat(' ', normalize-space(@class), ' '), ' detail-konten ')]"),
        Query(f"{_ARTICLE}//div[@id='isi']"),
        Query(f"{_ARTICLE}//div[contains(concat(' ', normalize-space(@class), ' '), ' detail-in ')]"),
    )
    TAGS = Query("//div[contains(@class, 'box-tag-detail')]//a")
    BREADCRUMB = Query("//div[contains(@class, 'breadcrumbs')]//li/a")
