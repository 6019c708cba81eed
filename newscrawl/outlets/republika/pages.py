"""Republika's templates of 2016 and 2017 (docs/outlets.md, "republika-2016", "republika-2017").

No JSON-LD and no date meta: the markup gives everything. The page's ``h1`` is the kanal's logo;
``og:title`` drops the In Picture prefix the page shows; the editor is "Red:" or "Redaktur :" and a
"Sumber :" line names the source (the credit), in the story's container (2016) or the editor's table
(In Picture, 2017); the caption is the caption text and, after it, the photo credit over the picture.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import ClassVar

from newscrawl.items import RelatedLink
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.body import BodyParts
from newscrawl.parsers.clean import clean_text, dedupe, split_names
from newscrawl.parsers.document import ld_names
from newscrawl.parsers.query import Query
from newscrawl.parsers.related import find_related

# "Red: Yudha Manggala P Putra", "Redaktur : Agus Yulianto Sumber : kemenag.go.id", "Rep: … Red: …" (2026):
# a name runs to the next label.
_EDITOR = re.compile(r"\b(?:Red|Redaktur)\s*:\s*(?P<name>[^:]+?)\s*(?=\b\w+\s*:|$)")
_REPORTER = re.compile(r"\b(?:Rep|Reporter)\s*:\s*(?P<name>[^:]+?)\s*(?=\b\w+\s*:|$)")
_SOURCE = re.compile(r"^Sumber\s*:\s*(?P<source>.{2,80})$")


class RepublikaPage(ArticlePage):
    """What every Republika template shares: the title as the page shows it, the editor and the
    source, the tags, the caption with its photo credit."""

    PEOPLE: ClassVar[Query] = Query(".//div[@class='red']")
    """What labels the people: "Red:" (and "Rep:" in 2026) and "Sumber :"."""
    CAPTION_CREDIT: ClassVar[Query | None] = None
    TAGS = Query(".//div[contains(@class, 'tagging')]/a/@title")

    def title(self) -> str:
        # og:title drops the "In Picture: " the page shows; the page's own headline wins.
        return self.first_text(self.TITLE) or super().title()

    @cached_property
    def _people(self) -> str:
        return " ".join(self.all_texts(self.PEOPLE))

    @cached_property
    def dom_reporters(self) -> tuple[str, ...]:
        return dedupe(split_names(found["name"])) if (found := _REPORTER.search(self._people)) else ()

    @cached_property
    def dom_editors(self) -> tuple[str, ...]:
        return dedupe(split_names(found["name"])) if (found := _EDITOR.search(self._people)) else ()

    def reporters(self) -> tuple[str, ...]:
        # The 2026 JSON-LD author is the "Red:" editor (described): no reporter, and no disagreement.
        authors = {n.casefold() for n in ld_names(self.doc.ld_article.get("author"))}
        editors = {n.casefold() for n in self.dom_editors}
        if authors and authors <= editors:
            return self.dom_reporters
        return super().reporters()

    @cached_property
    def body_parts(self) -> BodyParts:
        parts = super().body_parts
        source = _SOURCE.match(parts.paragraphs[-1]) if len(parts.paragraphs) > 1 else None
        if source is None:  # the source in the editor's table
            source = re.search(r"\bSumber\s*:\s*(?P<source>\S.{0,78}?)\s*$", self._people)
        else:
            parts.paragraphs.pop()
        if source is not None:
            parts.credit = " | ".join(filter(None, (parts.credit, source["source"])))
        return parts

    def related(self) -> tuple[RelatedLink, ...]:
        # The related boxes are in the article's column, after the story.
        return find_related(self.scope, self.url, self.fetched_at, self.outlet)

    def image_caption(self) -> str | None:
        caption = super().image_caption()
        credit = self.first_text(self.CAPTION_CREDIT)
        return " ".join(filter(None, (caption, credit))) or None

    def tags(self) -> tuple[str, ...]:
        # The tag links (their title: the text has a "#"); without them the first keywords meta (a
        # second, site-wide one follows it).
        return dedupe(self.all_texts(self.TAGS)) or dedupe(
            [clean_text(k) for k in self.doc.meta.get("keywords", "").split(",")]
        )


class Republika2017(RepublikaPage):
    layout = "republika-2017"
    MARKER = Query("//div[contains(@class, 'wrap-title')]/div[contains(@class, 'h5')]")
    SCOPE = Query("//div[contains(@class, 'wrap-title')]/parent::div")
    TITLE = MARKER
    DATE = Query("./div[contains(@class, 'wrap-title')]/div[contains(@class, 'date-detail')]")
    CAPTION = Query("./div[contains(@class, 'img-detail')]//div[contains(@class, 'caption')]")
    CAPTION_CREDIT = Query("./div[contains(@class, 'img-detail')]/div[contains(@class, 'img-set')]/div")
    BODY = (Query("./div[contains(@class, 'teaser')]/p"),)


class Republika2016Pictures(RepublikaPage):
    layout = "republika-2016"
    MARKER = Query("//div[contains(@class, 'index-photo')]/div[contains(@class, 'jdl-pic')]")
    SCOPE = Query("//div[contains(@class, 'index-photo')]")
    TITLE = MARKER
    DATE = Query("./div[contains(@class, 'date-pic')]")
    # The big picture is loaded by script: its caption is the first thumbnail's.
    CAPTION = Query("//img[@caption]/@caption")
    BODY = (Query("./div[contains(@class, 'teaser-pic')]"),)


class Republika2016(RepublikaPage):
    layout = "republika-2016"
    MARKER = Query("//h2[parent::div[contains(@class, 'jdl-detail')]]")
    SCOPE = Query("//h2[parent::div[contains(@class, 'jdl-detail')]]/ancestor::div[2]")
    TITLE = MARKER
    DATE = Query("./div[contains(@class, 'date-detail')]")
    CAPTION = Query("./div[contains(@class, 'wp-cap')]/div[contains(@class, 'caption')]")
    CAPTION_CREDIT = Query("./div[contains(@class, 'img-detail')]/div[contains(@class, 'cap-foto')]")
    # The story, and its "Sumber : Antara" line set after it.
    BODY = (
        Query(
            ".//div[contains(@class, 'content-detail')] | .//div[contains(@class, 'content-detail')]"
            "/following-sibling::div[1][starts-with(normalize-space(.), 'Sumber')]"
        ),
    )


class Republika2026(RepublikaPage):
    """The current template, described only (docs/outlets.md, "Republika"; no saved page): JSON-LD for
    title, dates and image; the byline's "Rep:" and "Red:" for the people."""

    layout = "republika-2026"
    MARKER = Query("//div[contains(@class, 'max-card__title')]/h1")
    TITLE = MARKER
    PEOPLE = Query("//div[contains(@class, 'max-card__title')]/div")
    BODY = (
        Query("//div[contains(@class, 'article-content')]//article"),
        Query("//div[contains(@class, 'article-content')]"),
    )
