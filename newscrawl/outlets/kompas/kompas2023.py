"""kompas-2023: the ``read__*`` desktop template (Nov 2023, docs/outlets.md "Kompas").

What rests on what: the writer and the editor on the metas ``content_author`` / ``content_editor``
(the credit modal's labelled names as a fallback) — never on the JSON-LD ``author``, which names the
editor; the publication on JSON-LD (true UTC, converted); the shown date on ``div.read__time``;
title, image, tags on JSON-LD and the metas; body, caption, related boxes and paging on the markup.
"""

from __future__ import annotations

from newscrawl.outlets.kompas.common import caption_with_credit, dateline_of, without_site_label
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.clean import dedupe, split_names
from newscrawl.parsers.query import Query

# The credit modal's people, by the position written under each name.
_CREDIT = "//div[@id='creditModal']//div[contains(@class, 'credit-author')][.//h6[contains(@class, 'position')]"
_NAME = "]//h6[contains(@class, 'credit-author-name')]"


class Kompas2023(ArticlePage):
    layout = "kompas-2023"
    MARKER = Query("//div[contains(@class, 'read__content')]")
    TITLE = Query("//h1[contains(@class, 'read__title')]")
    DATE = Query("//div[contains(@class, 'read__time')]")
    REPORTERS = Query(_CREDIT + "[normalize-space() = 'Penulis']" + _NAME)
    EDITORS = Query(_CREDIT + "[normalize-space() = 'Editor']" + _NAME)
    IMAGE = Query("//div[contains(@class, 'photo__wrap')]//img/@src")
    CAPTION = Query("//div[contains(@class, 'photo__caption')]")
    CAPTION_CREDIT = Query(".//span[contains(@class, 'photo__author')]")
    # The story's paragraphs; the page's "Halaman Selanjutnya" teaser and pager are outside it.
    BODY = (Query("//div[contains(@class, 'read__content')]/div[contains(@class, 'clearfix')]"),)
    TAGS = Query("//div[contains(@class, 'read__tagging')]//a[contains(@class, 'tag__article__link')]")
    NEXT_PAGE = Query("//div[contains(@class, 'read__paging')]//a[contains(@class, 'paging__link')]/@href")

    def dateline(self) -> str | None:
        return super().dateline() or dateline_of(self.body_parts.body)

    def reporters(self) -> tuple[str, ...]:
        # The JSON-LD author is the editor (with the writer's profile URL): not compared, not used.
        return dedupe(split_names(self.doc.meta.get("content_author", ""))) or self.dom_reporters

    def editors(self) -> tuple[str, ...]:
        return dedupe(split_names(self.doc.meta.get("content_editor", ""))) or self.dom_editors

    def published_at_raw(self) -> str | None:
        return without_site_label(self.first_text(self.DATE)) or None

    def image_caption(self) -> str | None:
        return caption_with_credit(self.all_nodes(self.CAPTION), self.CAPTION_CREDIT)

    def tags(self) -> tuple[str, ...]:
        return dedupe(self.all_texts(self.TAGS)) or super().tags()

    def is_premium(self) -> bool:
        subscription = self.doc.meta.get("subscription", "").strip().lower()
        return subscription == "true" if subscription else super().is_premium()
