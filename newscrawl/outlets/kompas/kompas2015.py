"""kompas-2015: the ``kcm-read`` template of 2015-16, in its news kanal and bola kanal variants
(docs/outlets.md "Kompas").

Everything rests on the markup: the pages have no JSON-LD and no date in their metas. The title is the
top block's ``h2`` (the page's ``h1`` is the kanal's name); the date the grey line under it that ends
in WIB; people and source the ``kcm-read-copy`` table's labelled rows (Penulis, Editor, Sumber: the
credit); the image ``og:image``; the tag the "Ikuti perkembangan berita ini dalam topik" link (the
header's TAG list is the site's trending topics).
"""

from __future__ import annotations

from newscrawl.outlets.kompas.common import DAMAGED_SLUG, caption_with_credit, dateline_of
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.clean import clean_text, dedupe, people
from newscrawl.parsers.query import Query

# The header block: div.kcm-read-top (news kanals), div.kcm-read-content-top (bola).
_TOP = "//div[contains(@class, 'kcm-read-top') or contains(@class, 'kcm-read-content-top')]"
# A row of the people table: "<td>Penulis</td><td>: Masriadi</td>".
_ROW = "//div[contains(@class, 'kcm-read-copy')]//tr[normalize-space(td[1]) = '{label}']/td[2]"


def _value(cell: str) -> str:
    """``: Kontributor Lhokseumawe, Masriadi`` → the value, without the colon and a role before the name."""
    value = clean_text(cell).lstrip(":").strip()
    if value.lower().startswith("kontributor ") and "," in value:
        value = value.split(",", 1)[1].strip()
    return value


class Kompas2015(ArticlePage):
    layout = "kompas-2015"
    MARKER = Query("//div[contains(@class, 'kcm-read-copy')]")
    TITLE = Query(_TOP + "/h2")
    DATE = Query(_TOP + "//div[contains(@class, 'grey')][contains(., ' WIB')]")
    REPORTERS = Query(_ROW.format(label="Penulis"))
    EDITORS = Query(_ROW.format(label="Editor"))
    SOURCE = Query(_ROW.format(label="Sumber"))
    # What follows the story inside its container, no story text: the people table, the topic link.
    BYLINE = Query("//div[contains(@class, 'kcm-read-copy') or contains(@class, 'kcm-read-bottom-topic')]")
    IMAGE = Query("//div[contains(concat(' ', normalize-space(@class), ' '), ' photo ')]//img/@src")
    CAPTION = Query("//div[contains(concat(' ', normalize-space(@class), ' '), ' photo ')]")
    CAPTION_CREDIT = Query(".//span[contains(@class, 'author')]")
    # The story's container (news kanals: div.kcm-read-text-wrap), not the text's own element, so a
    # paragraph the page adds after the text is read too; bola: span.kcmread1114 and the paragraphs
    # beside it in its column.
    BODY = (
        Query("//div[contains(@class, 'kcm-read-text-wrap')]"),
        Query("//div[contains(@class, 'kcm-read-text')]"),
        Query("//span[contains(@class, 'kcmread1114')] | //div[span[contains(@class, 'kcmread1114')]]/p"),
    )
    TAGS = Query("//div[contains(@class, 'kcm-read-bottom-topic')]//a")

    def title(self) -> str:
        # No JSON-LD: the headline the page shows, og:title (with the kanal's suffix) only without it.
        return self.first_text(self.TITLE) or super().title()

    def dateline(self) -> str | None:
        return super().dateline() or dateline_of(self.body_parts.body)

    def canonical_url(self) -> str | None:
        declared = super().canonical_url()
        if declared and DAMAGED_SLUG.search(declared) and self.url:
            # An og:url whose slug swallowed the tracking query: the fetched address is the page's.
            return self.outlet.canonicalize(self.url, keep_page=False)
        return declared

    def reporters(self) -> tuple[str, ...]:
        # The meta author is the publisher (Kompas Cyber Media): only the table names a writer.
        return people([_value(cell) for cell in self.all_texts(self.REPORTERS)])

    def editors(self) -> tuple[str, ...]:
        return people([_value(cell) for cell in self.all_texts(self.EDITORS)])

    def credit(self) -> str | None:
        # A credit closing the story itself outranks the table's Sumber row.
        return super().credit() or next(map(_value, self.all_texts(self.SOURCE)), None)

    def image_caption(self) -> str | None:
        return caption_with_credit(self.all_nodes(self.CAPTION), self.CAPTION_CREDIT)

    def tags(self) -> tuple[str, ...]:
        return dedupe(self.all_texts(self.TAGS)) or super().tags()
