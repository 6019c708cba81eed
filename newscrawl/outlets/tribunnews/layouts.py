"""Tribunnews's layouts, in the order they are tried (docs/outlets.md, "Tribunnews"): the desktop
article of 2020 and the same markup of 2015, then the generic layout for a page of neither.

What rests on what: the publication on JSON-LD (2020), else the shown date; title on JSON-LD and
``og:title``, else the ``h1#arttitle``; people and source on the labelled lines after the story
("Penulis:", "Editor:", "Sumber:", not on ids: the 2015 lines have none), never on the keywords
(which add the section); tags on the tag links; body, caption and related box on the markup.
"""

from __future__ import annotations

from newscrawl.outlets.tribunnews.page import TribunnewsPage
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.generic import GenericPage
from newscrawl.parsers.query import Query


class Tribunnews2020(TribunnewsPage):
    layout = "tribunnews-2020"
    # The writer's line has its id from 2020 on (and the page a NewsArticle JSON-LD). Elements with an
    # id are found by id(), a lookup, not a walk over the page.
    MARKER = Query("id('penulis')")
    DATE = Query("id('arttitle')/following::time[1]")
    PEOPLE = (Query("id('penulis')/../div"),)


class Tribunnews2015(TribunnewsPage):
    layout = "tribunnews-2015"
    MARKER = Query("id('arttitle')")
    DATE = Query("id('arttitle')/following-sibling::div[1]//h3")
    # The people's lines follow the related block.
    PEOPLE = (Query("id('related')/../following-sibling::div[1]/div"),)


LAYOUTS: tuple[type[ArticlePage], ...] = (Tribunnews2020, Tribunnews2015, GenericPage)
