"""What Tribunnews's two templates share: the ``h1#arttitle`` header, the ``txt-article`` story, the
image block with its credit overlay before the caption, the labelled people lines and the tag links."""

from __future__ import annotations

import re

from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.clean import clean_text, dedupe, split_names
from newscrawl.parsers.query import Query

# "Penulis: Glery Lazuardi": a line of its own after the story, the label and the names.
_LINE = "//div[starts-with(normalize-space(), '{label}:')][not(.//div)]"
_LABEL = re.compile(r"^\w+\s*:\s*")
# The lead image's block: the picture, the photo credit over it, then the caption.
_IMAGE_BLOCK = "//div[contains(@class, 'imgfull_div')]"


def _value(line: str) -> str:
    return _LABEL.sub("", clean_text(line))


class TribunnewsPage(ArticlePage):
    layout = "tribunnews"
    TITLE = Query("//h1[@id='arttitle']")
    REPORTERS = Query(_LINE.format(label="Penulis"))
    EDITORS = Query(_LINE.format(label="Editor"))
    SOURCE = Query(_LINE.format(label="Sumber"))
    IMAGE = Query(_IMAGE_BLOCK + "//img[contains(@class, 'imgfull')]/@src")
    CAPTION = Query(_IMAGE_BLOCK + "/following-sibling::div[contains(@class, 'grey2')][1]")
    PHOTO_CREDIT = Query(_IMAGE_BLOCK + "/following-sibling::div[contains(@class, 'white')][1]")
    BODY = (Query("//div[contains(@class, 'side-article') and contains(@class, 'txt-article')]"),)
    # The tag links under the story (2020), the "Terkait" tag beside the related list (2015).
    TAGS = Query("//h5[contains(@class, 'tagcloud3')]/a | //div[@id='related']//a[contains(@href, '/tag/')]")

    def reporters(self) -> tuple[str, ...]:
        return dedupe([n for line in self.all_texts(self.REPORTERS) for n in split_names(_value(line))])

    def editors(self) -> tuple[str, ...]:
        return dedupe([n for line in self.all_texts(self.EDITORS) for n in split_names(_value(line))])

    def credit(self) -> str | None:
        # A credit closing the story itself outranks the source line under it.
        return super().credit() or next((_value(line) for line in self.all_texts(self.SOURCE)), None)

    def image_caption(self) -> str | None:
        parts = (self.first_text(self.CAPTION), self.first_text(self.PHOTO_CREDIT))
        return " ".join(part for part in parts if part) or super().image_caption()

    def tags(self) -> tuple[str, ...]:
        # The keywords add the section ("news, metropolitan"): the links come first.
        return dedupe([t.lstrip("#").strip() for t in self.all_texts(self.TAGS)]) or super().tags()
