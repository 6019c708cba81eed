"""Republika's layouts, in the order they are tried (docs/outlets.md, "Republika"): the 2016
article template (its marker, an ``h2``, is the cheapest to look for), the 2017 ``wrap-title``
template, the 2016 In Picture template, the 2026 template (described only: its byline's "Rep:" and
"Red:" keep the JSON-LD author, the editor, from the reporters), then the generic layout, with a
warning, for a template none of them knows."""

from __future__ import annotations

from newscrawl.outlets.republika.pages import Republika2016, Republika2016Pictures, Republika2017, Republika2026
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.generic import GenericPage

LAYOUTS: tuple[type[ArticlePage], ...] = (
    Republika2016,
    Republika2017,
    Republika2016Pictures,
    Republika2026,
    GenericPage,
)
