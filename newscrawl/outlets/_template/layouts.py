"""TEMPLATE of an outlet package's layouts: one page class per template of the outlet's pages, named
``<outlet>-<year of the template>`` (docs/outlets.md, "The fixtures"), in the order they are tried.

A page class sets the selectors the base class reads (``newscrawl.parsers.base.ArticlePage``: JSON-LD
and ``<meta>`` first, then these) and overrides a field's method only where the page needs more. The
text rules, URL rules and related boxes come from the outlet's declaration. The generic layout last
reads a page none of them recognises (with a warning that says so); leave it out to refuse such pages
as ``unknown-layout`` instead. ``read_text`` (optional) reads the outlet's plain-text renderings.
"""

from __future__ import annotations

from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.generic import GenericPage
from newscrawl.parsers.query import Query


class Contoh2024(ArticlePage):
    layout = "contoh-2024"
    # Found only on pages of this template: the first layout whose marker is on the page reads it.
    MARKER = Query("//div[contains(@class, 'read__content')]")
    TITLE = Query("//h1[contains(@class, 'read__title')]")
    DATE = Query("//div[contains(@class, 'read__time')]")
    REPORTERS = Query("//*[@id='penulis']//a")
    EDITORS = Query("//*[@id='editor']//a")
    IMAGE = Query("//div[contains(@class, 'photo')]//img/@src")
    CAPTION = Query("//div[contains(@class, 'photo__caption')]")
    BODY = (Query("//div[contains(@class, 'read__content')]"),)
    TAGS = Query("//div[contains(@class, 'tag')]//a")


LAYOUTS: tuple[type[ArticlePage], ...] = (Contoh2024, GenericPage)
