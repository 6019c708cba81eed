"""Antara's 2015–16 template (``div.bjbrt``; docs/outlets.md, "antara-2015").

No JSON-LD. The www pages carry microdata: the date (``time[itemprop=datePublished]`` and its
``meta``, +07:00), the reporter, the editor and the keywords (hidden). The otomotif host's copy has
none, and the same fields are read from their visible labels ("Pewarta:", "Editor:", the date line),
which the www pages show too. The body is the text of ``div#content_news`` (split by ``<br><br>``, or
Word's ``p.MsoNormal`` in a press release), without its editor and copyright lines.
"""

from __future__ import annotations

import re
from functools import cached_property

from newscrawl import urls
from newscrawl.parsers import metadata
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.body import BodyParts
from newscrawl.parsers.clean import clean_text, dedupe
from newscrawl.parsers.dates import find_date
from newscrawl.parsers.document import ld_names
from newscrawl.parsers.query import Query

# A press release names its source on a last line of its own: "Sumber: Pemerintah Kota Cekmekoy".
_SOURCE_LINE = re.compile(r"^sumber\s*:\s*(?P<source>.{2,80})$", re.IGNORECASE)
# The SEO list the keywords meta appends to the article's keywords, from its first item on.
_SEO_START = "berita terkini"


class Antara2015(ArticlePage):
    layout = "antara-2015"
    MARKER = Query("//div[@id='content_news']")
    SCOPE = Query("//div[@id='content_news']/parent::div[contains(@class, 'bjbrt')]")
    TITLE = Query("./h1")
    # "Kamis, 5 November 2015 14:56 WIB | 1.229 Views" (the otomotif copy has no <time>).
    DATE = Query("./div[contains(@class, 'date')]")
    # "Pewarta: <span itemprop=author>…" before the story, "Editor: …" closing it; the labels are read.
    BYLINE = Query(
        "./div[contains(@class, 'byline')] | ./div[@id='content_news']/p[starts-with(normalize-space(.), 'Editor')]"
    )
    CAPTION = Query(".//*[@id='caption_news']")
    # The story, and a paragraph set after it inside the article (a closing line).
    BODY = (Query("./div[@id='content_news'] | ./div[@id='content_news']/following-sibling::p"),)
    TAGS = Query("./*[@itemprop='keywords']")
    # The highlighted item of the channel menu: "Nasional" (its sub-channel "Umum" is not the section).
    BREADCRUMB = Query("//li[@class='active']/a[1]")

    def reporters(self) -> tuple[str, ...]:
        # The 2017 template's JSON-LD ``author`` is the editor the page labels "Editor:" (described):
        # no disagreement with the labelled byline, which names the reporter.
        authors = {n.casefold() for n in ld_names(self.doc.ld_article.get("author"))}
        if self.dom_reporters and authors and authors <= {n.casefold() for n in self.dom_editors}:
            return self.dom_reporters
        return super().reporters()

    def published_at_raw(self) -> str | None:
        shown = self.first_text(self.DATE)
        return (find_date(shown) or shown) if shown else None

    @cached_property
    def body_parts(self) -> BodyParts:
        parts = super().body_parts
        source = _SOURCE_LINE.match(parts.paragraphs[-1]) if len(parts.paragraphs) > 1 else None
        if source is not None:
            parts.paragraphs.pop()
            parts.credit = " | ".join(filter(None, (parts.credit, source["source"])))
        return parts

    def image_url(self) -> str | None:
        found = super().image_url()
        # "http://img.antaranews.com/new": a press release's og:image names no file.
        if found and "." not in urls.path_of(found).rsplit("/", 1)[-1]:
            return None
        return found

    def tags(self) -> tuple[str, ...]:
        """The hidden microdata keywords; without them the keywords meta before its SEO list."""
        marked = [clean_text(k) for text in self.all_texts(self.TAGS) for k in text.split(",")]
        if marked:
            return dedupe(marked)
        listed = [clean_text(k) for k in self.doc.meta.get("keywords", "").split(",")]
        seo = next((i for i, k in enumerate(listed) if k.casefold() == _SEO_START), len(listed))
        return dedupe(listed[:seo]) or dedupe(metadata.keywords(self.doc))
