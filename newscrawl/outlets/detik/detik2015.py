"""detik-2015: the 2015-16 templates (docs/outlets.md, "detik"): the kanal article (``div.text_detail``),
the ``readfoto`` photo story (``div.detail_profil``, its story ``div.text_gal``) and the mid-2015
news.detik.com article (``div.jdl``, ``div.detail_text``). No JSON-LD: the date rests on the visible
``div.date`` and the ``pubdate`` meta (WIB under a false ``Z``); the tags on the keywords meta; the
rest on the markup."""

from __future__ import annotations

from newscrawl.outlets.detik.common import DetikPage
from newscrawl.parsers.query import Query

# The header of each form, found once: the photo story's div.detail_profil, the news article's div.jdl,
# the kanal article's h1 with its siblings.
_HEADER = (
    "//div[contains(@class, 'detail_profil') or contains(@class, 'jdl')] | //h1[contains(@class, 'l_blue2_detik')]/.."
)


class Detik2015(DetikPage):
    layout = "detik-2015"
    MARKER = Query(
        "//div[contains(@class, 'text_detail') or contains(@class, 'detail_text') or contains(@class, 'text_gal')]"
    )
    SCOPE = Query(_HEADER)
    TITLE = Query("./h1")
    DATE = Query("./div[contains(@class, 'date')]")
    REPORTERS = Query("./div[contains(@class, 'author')] | ./strong[starts-with(normalize-space(), 'Fotografer')]")
    CAPTION = Query(
        "//div[contains(@class, 'pic_artikel')]/span | //div[contains(@class, 'gal_rating')]/span[@class = 'text']"
    )
    BODY = (
        Query("//div[contains(@class, 'text_detail')]"),
        Query("//div[contains(@class, 'detail_text')]"),
        Query("//div[contains(@class, 'text_gal')]"),
    )
