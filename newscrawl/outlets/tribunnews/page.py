"""What Tribunnews's two templates share: the ``h1#arttitle`` header, the ``txt-article`` story, the
image block with its credit overlay before the caption, the labelled people lines and the tag links."""

from __future__ import annotations

import re
from functools import cached_property

from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.clean import clean_text, dedupe, split_names
from newscrawl.parsers.query import Query, text_of

# "Penulis: Glery Lazuardi", "Editor: …", "Sumber: <a>TribunSolo.com</a>": lines of their own after the
# story, found in one walk by the div's own text (a test of every div's whole text would read the page
# once per div).
_LABELS = ("Penulis", "Editor", "Sumber")
_ANYWHERE = Query(
    "//div[text()[" + " or ".join(f"starts-with(normalize-space(), '{label}:')" for label in _LABELS) + "]]"
)
_LABEL = re.compile(r"^(?P<label>\w+)\s*:\s*")
# The lead image's block: the picture, the photo credit over it, then the caption.
_IMAGE_BLOCK = Query("//div[contains(@class, 'imgfull_div')]")
_CAPTION = Query("following-sibling::div[contains(@class, 'grey2')][1]")
_PHOTO_CREDIT = Query("following-sibling::div[contains(@class, 'white')][1]")


class TribunnewsPage(ArticlePage):
    layout = "tribunnews"
    TITLE = Query("id('arttitle')")
    PEOPLE: tuple[Query, ...] = ()
    """Where each template has the labelled lines (they are looked for in the whole page after these)."""
    IMAGE = Query("//div[contains(@class, 'imgfull_div')]//img[contains(@class, 'imgfull')]/@src")
    BODY = (Query("//div[contains(@class, 'side-article') and contains(@class, 'txt-article')]"),)
    # The tag links under the story (2020), the "Terkait" tag beside the related list (2015).
    TAGS = Query("//h5[contains(@class, 'tagcloud3')]/a | id('related')//a[contains(@href, '/tag/')]")

    @cached_property
    def _labelled(self) -> dict[str, list[str]]:
        """The values of the labelled lines, by label (the first line of each)."""
        found: dict[str, list[str]] = {}
        lines = next((nodes for nodes in (q.nodes(self.tree) for q in (*self.PEOPLE, _ANYWHERE)) if nodes), [])
        for line in map(clean_text, map(text_of, lines)):
            match = _LABEL.match(line)
            if match and match["label"] in _LABELS:
                found.setdefault(match["label"], split_names(line[match.end() :]))
        return found

    def reporters(self) -> tuple[str, ...]:
        return dedupe(self._labelled.get("Penulis", []))

    def editors(self) -> tuple[str, ...]:
        return dedupe(self._labelled.get("Editor", []))

    def credit(self) -> str | None:
        # A credit closing the story itself outranks the source line under it.
        return super().credit() or " ".join(self._labelled.get("Sumber", [])) or None

    def image_caption(self) -> str | None:
        block = _IMAGE_BLOCK.first(self.tree)
        if block is None:
            return super().image_caption()
        parts = (q.texts(block) for q in (_CAPTION, _PHOTO_CREDIT))
        return " ".join(found[0] for found in parts if found) or super().image_caption()

    def tags(self) -> tuple[str, ...]:
        # The keywords add the section ("news, metropolitan"): the links come first.
        return dedupe([t.lstrip("#").strip() for t in self.all_texts(self.TAGS)]) or super().tags()
