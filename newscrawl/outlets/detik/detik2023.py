"""detik-2023: the ``detail__*`` template (2021 on), as a whole page or its ``<article>`` element alone
(docs/outlets.md, "detik"). Title, date, image and tags rest on JSON-LD and the metas where the page
has its head, on the markup (the same fields) where it has not."""

from __future__ import annotations

from newscrawl.outlets.detik.common import DetikPage
from newscrawl.parsers.query import Query


class Detik2023(DetikPage):
    layout = "detik-2023"
    MARKER = Query("//div[contains(@class, 'detail__body-text')]")
    TITLE = Query("//h1[contains(@class, 'detail__title')]")
    DATE = Query("//div[contains(@class, 'detail__date')]")
    REPORTERS = Query("//div[contains(@class, 'detail__author')]")
    IMAGE = Query("//figure[contains(@class, 'detail__media-image')]//img/@src")
    CAPTION = Query("//figure[contains(@class, 'detail__media-image')]//figcaption")
    BODY = (Query("//div[contains(@class, 'detail__body-text')]"),)
    TAGS = Query("//div[contains(@class, 'detail__body-tag')]//a[contains(@class, 'nav__item')]")
