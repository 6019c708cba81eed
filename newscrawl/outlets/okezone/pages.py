"""Okezone's templates of 2015 and 2017 (docs/outlets.md, "okezone-2015", "okezone-2017").

2017 has a NewsArticle JSON-LD whose dates have no zone (WIB) and whose keywords are pseudo-keywords
(``Celebrity: Hot Gossip``, ``Topic: Indra Birowo``); 2015 has none, and the markup gives everything.
Both close the story with a desk code after its container, and show "Berita Rekomendasi": a topic
link (the tag) and related titles hiding a ``read-<id>`` marker.
"""

from __future__ import annotations

from typing import ClassVar

from lxml import etree

from newscrawl.items import RelatedLink
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.clean import clean_text, dedupe
from newscrawl.parsers.dates import find_date
from newscrawl.parsers.query import Query, text_of
from newscrawl.urls import absolute

_LINKS = Query(".//a[@href]")
_HEADING = Query(".//h2 | .//h4")


class OkezonePage(ArticlePage):
    """What both templates share: the date without its byline, the topic link as the tag, the
    related titles without their hidden marker."""

    RELATED_BOXES: ClassVar[Query] = Query(".//div[contains(@class, 'meta-bottom-content')] | id('artikelbox')")
    TAGS = Query(".//div[contains(@class, 'meta-bottom-content')]//a[contains(@href, '/topic/')]")

    def published_at_raw(self) -> str | None:
        # "Jum'at, 19 Juni 2015 - 11:58 wib", after the reporter's name in 2017.
        shown = self.first_text(self.DATE)
        return (find_date(shown) or shown) if shown else None

    def tags(self) -> tuple[str, ...]:
        # No tag links and no keywords meta: the topic link is the tag (the JSON-LD keywords name
        # the kanal and the same topic as "Topic: …").
        return dedupe(self.all_texts(self.TAGS)) or super().tags()

    def related(self) -> tuple[RelatedLink, ...]:
        found: dict[str, RelatedLink] = {}
        here = self.outlet.key(self.url)
        for box in self.RELATED_BOXES.nodes(self.scope):
            for link in _LINKS.nodes(box):
                url = absolute(link.get("href"), self.url)
                if not url or not self.outlet.is_article_url(url):
                    continue
                key = self.outlet.canonicalize(url, keep_page=False)
                if self.outlet.key(key) != here and key not in found:
                    found[key] = RelatedLink(title=_title(link), url=key)
        return tuple(found.values())


def _title(link: etree._Element) -> str:
    """The link's title attribute, else its heading's text: its own text hides ``read-<id>``."""
    heading = _HEADING.first(link)
    return clean_text(link.get("title")) or clean_text(text_of(heading if heading is not None else link))


class Okezone2017(OkezonePage):
    layout = "okezone-2017"
    MARKER = Query("//h1[parent::div[contains(@class, 'title-detail')]]")
    SCOPE = Query("//h1[parent::div[contains(@class, 'title-detail')]]/parent::div")
    TITLE = Query("./h1")
    # "<b>Vania Ika Aldida</b> | Jum'at, 17 Februari 2017 - 13:30 wib"
    DATE = Query("./span[b]")
    REPORTERS = Query("./span/b")
    CAPTION = Query(".//div[contains(@class, 'caption-img-ab')]")
    BODY = (Query(".//div[contains(@class, 'ctn-desc')]"),)


class Okezone2015(OkezonePage):
    layout = "okezone-2015"
    MARKER = Query("id('contentx')")
    SCOPE = Query("id('contentx')/ancestor::div[contains(@class, 'abmenu')][1]")
    # The header's own h1 reads "… :: Okezone News": the article's is in div.titles.
    TITLE = Query("./div[contains(@class, 'titles')]/h1")
    DATE = Query("./div[contains(@class, 'meta-post')]//time")
    REPORTERS = Query(".//div[contains(@class, 'nmreporter')]/div")
    CAPTION = Query(".//div[contains(@class, 'caption-img-ab')]")
    # The story, and the desk code the template sets after its container.
    BODY = (Query("id('contentx') | id('contentx')/following-sibling::strong"),)
    BREADCRUMB = Query("./ul[contains(@class, 'breadcrumb')]//a")
