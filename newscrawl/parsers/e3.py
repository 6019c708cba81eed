"""E3, the new www.tempo.co (late 2024 on): ``/<rubric>/<slug>-<id>``, Nuxt and Tailwind markup.

No saved page of this era exists; selectors follow public descriptions (docs/layouts.md, E3): JSON-LD
as separate scripts (or one ``@graph``), ``article:published_time`` in the visible form, reporter and
editor from the inline ``dataLayer``, one ``div#content-wrapper`` per paragraph with ad slots between
them, tags as kebab-case aliases, Tempo Plus access. Every field tries JSON-LD and ``<meta>`` first.
"""

from __future__ import annotations

from functools import cached_property

from newscrawl.items import RelatedLink
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.clean import clean_text, dedupe, split_names
from newscrawl.parsers.datalayer import data_layer
from newscrawl.parsers.dates import is_date_string
from newscrawl.parsers.document import ld_names
from newscrawl.parsers.metadata import slug
from newscrawl.parsers.query import Query, text_of
from newscrawl.parsers.related import cards_in

_RELATED_SECTION = Query("//section[contains(@class, 'related-news')]")
# Each person's byline shows two links to their page: an avatar without text, then the name.
_AUTHOR_LINKS = Query(".//a[contains(@href, '/penulis/')]")
_TAG_LINKS = Query("//div[@id='article-tags']//a[contains(@href, '/tag/')]")
_TAG_NAME = Query(".//span[contains(@class, 'text-primary-main')]")
# dataLayer access levels of paid articles (FREE is the other one).
PAID_ACCESS = frozenset(("VIP", "FREEMIUM"))


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
    HAS_KEY_POINTS = True

    @cached_property
    def data_layer(self) -> dict[str, str | tuple[str, ...]]:
        return data_layer(self.doc)

    def published_at_raw(self) -> str | None:
        return next((t for t in self.all_texts(self.DATE) if len(t) <= 60 and is_date_string(t)), None)

    def reporters(self) -> tuple[str, ...]:
        if "reporter" in self.data_layer or "editor" in self.data_layer:
            return self._layer_names("reporter")
        found = super().reporters() or self._linked_people()
        if len(found) > 1 and not self.dom_reporters:
            self._warnings.append("reporters: the page names people without their roles; the editor may be among them")
        return found

    def editors(self) -> tuple[str, ...]:
        if "reporter" in self.data_layer or "editor" in self.data_layer:
            return self._layer_names("editor")
        return super().editors()

    def _layer_names(self, key: str) -> tuple[str, ...]:
        value = self.data_layer.get(key, "")
        return dedupe(split_names(value) if isinstance(value, str) else list(value))

    def _linked_people(self) -> tuple[str, ...]:
        """Names of the byline's ``/penulis/`` links, each person once, however often linked."""
        named = self.dom_editors or ld_names(self.doc.ld_article.get("editor"))
        editors = {n.casefold() for n in named}
        names: dict[str, str] = {}
        for link in _AUTHOR_LINKS.nodes(self.scope):
            name = clean_text(text_of(link))
            href = link.get("href", "")
            if name and len(name) > len(names.get(href, "")):
                names[href] = name
        return dedupe([n for n in names.values() if n.casefold() not in editors])

    def tags(self) -> tuple[str, ...]:
        """The tag links' names; a kebab-case alias (``suku-bunga-acuan``) becomes the display
        name the page gives it elsewhere (JSON-LD keywords, dataLayer), else its words."""
        found = []
        display = {_alias(name): name for name in self._display_names()}
        for link in _TAG_LINKS.nodes(self.tree):
            text = next(iter(_TAG_NAME.texts(link)), "") or clean_text(text_of(link))
            alias = text or link.get("href", "").rstrip("/").rsplit("/", 1)[-1]
            if _is_alias(alias):
                text = display.get(alias) or alias.replace("-", " ")
            found.append(text)
        return dedupe(found) or super().tags()

    def _display_names(self) -> list[str]:
        keywords = self.doc.ld_article.get("keywords")
        names = keywords.split(",") if isinstance(keywords, str) else ld_names(keywords)
        layer = self.data_layer.get("tags", ())
        names += [layer] if isinstance(layer, str) else list(layer)
        return [n for n in (clean_text(n) for n in names) if n and not _is_alias(n)]

    def is_premium(self) -> bool:
        access = self.data_layer.get("access")
        return (isinstance(access, str) and access.upper() in PAID_ACCESS) or super().is_premium()

    def related(self) -> tuple[RelatedLink, ...]:
        found = super().related()
        if found:
            return found
        for section in _RELATED_SECTION.nodes(self.tree):
            found = cards_in(section, self.url, self.fetched_at)
            if found:
                return found
        return ()

    def section(self) -> str | None:
        found = super().section()
        category = self.data_layer.get("content_category")
        return found or (slug(category) if isinstance(category, str) else None) or None


def _alias(name: str) -> str:
    return "-".join(name.casefold().replace("-", " ").split())


def _is_alias(text: str) -> bool:
    """``suku-bunga-acuan``, ``rusia``: a tag's URL alias, not its display name."""
    return bool(text) and text == text.lower() and " " not in text
