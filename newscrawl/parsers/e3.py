"""E3, the new www.tempo.co (late 2024 on): ``/<rubric>/<slug>-<id>``, Tailwind markup.

No saved page of this era exists; selectors follow public descriptions (docs/layouts.md, E3), and every
field tries JSON-LD (often inside ``@graph``) and ``<meta>`` first. The body is split
over several ``div#content-wrapper`` (the id repeats around ads).
"""

from __future__ import annotations

from newscrawl.items import RelatedLink
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.dates import is_date_string
from newscrawl.parsers.query import Query
from newscrawl.parsers.related import cards_in

_RELATED_SECTION = Query("//section[contains(@class, 'related-news')]")


class E3Page(ArticlePage):
    layout = "E3"
    MARKER = Query("//div[@id='content-wrapper'] | //div[@id='article-tags'] | //div[@id='feature_image']")
    SCOPE = Query("//h1/ancestor::article[1]")
    TITLE = Query(".//h1 | //h1")
    SUBTITLE = Query(".//p[contains(concat(' ', normalize-space(@class), ' '), ' font-roboserif ')]")
    # The visible date has no stable class: take the first short header text that parses as a date.
    DATE = Query(".//time | .//p[contains(@class, 'text-sm')] | .//span[contains(@class, 'text-sm')]")
    BYLINE = Query(
        ".//*[self::div or self::p][not(.//div)][starts-with(normalize-space(.), 'Penulis')"
        " or starts-with(normalize-space(.), 'Reporter') or starts-with(normalize-space(.), 'Editor')]"
    )
    IMAGE = Query("//div[@id='feature_image']//img/@src | .//figure//img/@src")
    CAPTION = Query("//div[@id='feature_image']//figcaption | .//figure//figcaption")
    BODY = (Query("//div[@id='content-wrapper']"),)
    TAGS = Query("//div[@id='article-tags']//a")
    PREMIUM = Query(".//*[contains(@class, 'bg-primary-main')][.//svg]")

    def published_at_raw(self) -> str | None:
        return next((t for t in self.all_texts(self.DATE) if len(t) <= 60 and is_date_string(t)), None)

    def related(self) -> tuple[RelatedLink, ...]:
        found = super().related()
        if found:
            return found
        for section in _RELATED_SECTION.nodes(self.tree):
            found = cards_in(section, self.url, self.fetched_at)
            if found:
                return found
        return ()
