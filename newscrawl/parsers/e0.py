"""E0, "teco 2015" (up to 2016): ``<kanal>.tempo.co/read/news/YYYY/MM/DD/<kanal code><id>/<slug>``.

Only archived copies still show this layout (docs/layouts.md, E0); two variants: the
Indonesian kanal sites (``div.artikel`` with the body in one ``<p>`` split by ``<br>``)
and en.tempo.co (``div.judul-konten``, ``div.tubuh-berita``).
"""

from __future__ import annotations

from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.clean import dedupe
from newscrawl.parsers.query import Query


class E0Page(ArticlePage):
    layout = "E0"
    MARKER = Query("//div[contains(@class, 'block-tanggal')] | //div[contains(@class, 'tubuh-berita')]")
    TITLE = Query("//div[@class='artikel']/h1 | //div[contains(@class, 'judul-konten')]")
    DATE = Query(
        "//div[contains(@class, 'block-tanggal')]"
        " | //div[@class='tanggal'][following-sibling::div[1][contains(@class, 'judul-konten')]]"
    )
    IMAGE = Query("//div[contains(@class, 'single-img')]/img/@src | //div[contains(@class, 'foto-konten')]/img/@src")
    CAPTION = Query("//div[@class='artikel']//div[@class='deskripsi'] | //div[contains(@class, 'foto-desc')]")
    BODY = (Query("//div[contains(@class, 'tubuh-berita')]"), Query("//div[@class='artikel']/p"))
    TAGS = Query("//ul[contains(@class, 'topik-terkait')]//a | //div[@class='mlta']//a")
    BREADCRUMB = Query("//ul[contains(@class, 'block-kanal-map')]//a | //div[@id='blok-sitemap']//a")

    def tags(self) -> tuple[str, ...]:
        # The topic links first: this era's meta keywords were often generated from the
        # first words of the text ("cover, about, one-third, of ...").
        return dedupe([t.lstrip("#") for t in self.all_texts(self.TAGS)]) or super().tags()
