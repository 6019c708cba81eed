"""Liputan6's mobile template of 2022 (docs/outlets.md, "liputan6-2022-mobile").

JSON-LD (+07:00, the reporter as ``author``) and the metas give title, dates and image; the page
holds every page of the article in one document, each a ``div.article-content-body__item`` with its
sub-heading and its ``div.article-raw-content``; the "Kredit" tab names the Author and the Editor.
"""

from __future__ import annotations

from newscrawl.outlets.liputan6.page import Liputan6Page
from newscrawl.parsers.query import Query

_ITEMS = ".//div[@itemprop='articleBody']/div[contains(@class, 'article-content-body__item')]"


class Liputan62022Mobile(Liputan6Page):
    layout = "liputan6-2022-mobile"
    MARKER = Query("//h1[contains(@class, 'article-header__title')]")
    SCOPE = Query(
        "//h1[contains(@class, 'article-header__title')]"
        "/ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' article-readpage ')][1]"
    )
    TITLE = MARKER
    DATE = Query(".//div[contains(@class, 'article-header')]/span[contains(@class, 'article-header__datetime')]")
    REPORTERS = Query(".//span[contains(@class, 'article-header__authors')]//a[contains(@class, '__author-link')]")
    CREDITS = Query(
        ".//ul[contains(@class, 'article-credits')]"
        "//span[contains(@class, 'article-credits__item-name') or contains(@class, 'article-credits__item-role')]"
    )
    ROLE_FIRST = False
    CAPTION = Query(".//div[contains(@class, 'article-photo-gallery--item__description')]")
    # Each page's sub-heading and text; its pictures, videos and ads between them are left out.
    BODY = (
        Query(
            f"{_ITEMS}/h2[contains(@class, 'article-content-body__item-title')]"
            f" | {_ITEMS}/div[contains(@class, 'article-raw-content')]"
        ),
    )
    TAGS = Query(".//div[contains(@class, 'tags--topics')]//a[contains(@class, 'tags--topics--item__link')]")
    RELATED_CARDS = Query(
        "id('related-news')//div[contains(concat(' ', normalize-space(@class), ' '),"
        " ' article-snippet--related--new-style ')]"
    )
