"""Liputan6's desktop templates of 2015 and 2016 (docs/outlets.md, "liputan6-2016", "liputan6-2015").

2016 (``read-page--*``): a NewsArticle JSON-LD in true UTC with the reporter as ``author`` and
pseudo-keywords (``Editor:Iskandar``); the credits popover names every Author, Editor and
Photographer. Its photo stories have no text: their captions tell them. 2015 (``entry-*``): no
JSON-LD; the visible date, the credits list and the markup give everything.
"""

from __future__ import annotations

from functools import cached_property

from newscrawl.outlets.liputan6.page import Liputan6Page
from newscrawl.parsers.blocks import lines_of
from newscrawl.parsers.body import BodyParts, split_body
from newscrawl.parsers.document import ld_text
from newscrawl.parsers.query import Query


class Liputan62016(Liputan6Page):
    layout = "liputan6-2016"
    MARKER = Query("//h1[contains(@class, 'read-page--header__title')]")
    SCOPE = Query("//h1[contains(@class, 'read-page--header__title')]/ancestor::article[1]")
    TITLE = MARKER
    DATE = Query(".//time[contains(@class, 'read-page--header__datetime')]")
    REPORTERS = Query(".//span[contains(@class, 'read-page--header__author')]//*[@itemprop='author']")
    CREDITS = Query(
        ".//ul[contains(@class, 'read-page--credits__list')]"
        "//span[contains(@class, 'read-page--credits__role-text') or contains(@class, 'read-page--credits__name')]"
    )
    CAPTION = Query(".//figcaption[contains(@class, 'read-page--photo-gallery--item__caption')]")
    # A photo story's text: what its pictures' figures say beside the picture (the captions), and
    # a paragraph set after the gallery (a closing credit).
    PICTURES_TEXT = Query(
        ".//div[contains(@class, 'read-page--photo-gallery')]/figure/*[not(.//img)]"
        " | .//div[contains(@class, 'read-page--photo-gallery')]/following-sibling::p"
    )
    BODY = (Query(".//div[contains(@class, 'read-page__content-body')]"),)
    TAGS = Query(".//div[contains(@class, 'read-page--tags')]//a[contains(@class, 'read-page--tags__link')]")
    RELATED_CARDS = Query("id('related-news')//*[@itemprop='relatedLink']")

    @cached_property
    def body_parts(self) -> BodyParts:
        parts = super().body_parts
        if parts.paragraphs or not self.is_photo_story:
            return parts
        # A photo story: no text but its pictures' captions, which then are its body (and the lead
        # picture has no caption apart from it: a caption is never a body paragraph).
        told = split_body(lines_of(self.all_nodes(self.PICTURES_TEXT)), self.rules, self.url)
        self.told_by_captions = bool(told.paragraphs)
        return told

    told_by_captions = False

    @property
    def is_photo_story(self) -> bool:
        """A photo.liputan6.com story (JSON-LD ``articleSection`` "Photo"): an article without text is
        no photo story, but a page whose text is missing."""
        section = self.outlet.section_of(self.url) or ld_text(self.doc.ld_article.get("articleSection"))
        return section.casefold() == "photo"

    def image_caption(self) -> str | None:
        return None if self.told_by_captions else super().image_caption()

    def not_body_texts(self) -> list[str]:
        # The captions are the pictures' alt texts too: on a photo story they are its text.
        return [] if self.told_by_captions else super().not_body_texts()


class Liputan62015(Liputan6Page):
    layout = "liputan6-2015"
    MARKER = Query("//h1[contains(@class, 'entry-title')][ancestor::header[contains(@class, 'entry-header')]]")
    SCOPE = Query("//h1[contains(@class, 'entry-title')]/ancestor::article[1]")
    TITLE = MARKER
    # Its datetime attribute holds escaped markup, not a date: the text is read.
    DATE = Query(".//div[contains(@class, 'by-author')]/p[contains(@class, 'datetime')]/span[@itemprop]")
    REPORTERS = Query(".//div[contains(@class, 'by-author')]//*[@itemprop='author']")
    CREDITS = Query(
        ".//div[contains(@class, 'credits-list')]//li[contains(@class, 'role')]/span"
        " | .//div[contains(@class, 'credits-list')]//span[contains(@class, 'name')]"
    )
    CAPTION = Query(".//div[contains(@class, 'gallery-images')]//figcaption")
    BODY = (Query(".//div[contains(@class, 'entry-content')]//div[contains(@class, 'text-detail')]"),)
    TAGS = Query(".//div[contains(@class, 'tag-links')]//a")
    RELATED_CARDS = Query("id('related-news')//*[@itemprop='relatedLink']")
