"""detik-2015: the 2015-16 templates (docs/outlets.md, "detik"): the kanal article (``div.text_detail``),
the ``readfoto`` photo story (``div.detail_profil``, its story ``div.text_gal``) and the mid-2015
news.detik.com article (``div.jdl``, ``div.detail_text``). No JSON-LD: the date rests on the visible
``div.date`` and the ``pubdate`` meta (WIB under a false ``Z``); the tags on the keywords meta; the
rest on the markup."""

from __future__ import annotations

from newscrawl.outlets.detik.common import DetikPage
from newscrawl.parsers.query import Query

# The header of each form: the kanal article's h1 and its siblings, the photo story's, the news article's.
_HEADER = "//div[contains(@class, 'detail_profil') or contains(@class, 'jdl')]"


class Detik2015(DetikPage):
    layout = "detik-2015"
    MARKER = Query(
        "//div[contains(@class, 'text_detail') or contains(@class, 'detail_text') or contains(@class, 'text_gal')]"
    )
    TITLE = Query(f"{_HEADER}/h1 | //h1[contains(@class, 'l_blue2_detik')]")
    DATE = Query(
        f"{_HEADER}/div[contains(@class, 'date')]"
        " | //h1[contains(@class, 'l_blue2_detik')]/following-sibling::div[contains(@class, 'date')][1]"
    )
    REPORTERS = Query(
        f"{_HEADER}/div[contains(@class, 'author')] | {_HEADER}/strong[starts-with(normalize-space(), 'Fotografer')]"
        " | //h1[contains(@class, 'l_blue2_detik')]/following-sibling::div[contains(@class, 'author')][1]"
    )
    CAPTION = Query(
        "//div[contains(@class, 'pic_artikel')]/span | //div[contains(@class, 'gal_rating')]/span[@class = 'text']"
    )
    BODY = (
        Query("//div[contains(@class, 'text_detail')]"),
        Query("//div[contains(@class, 'detail_text')]"),
        Query("//div[contains(@class, 'text_gal')]"),
    )
