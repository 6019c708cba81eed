"""Antara's layouts, in the order they are tried (docs/outlets.md, "Antara"): the 2015–16 ``bjbrt``
template, then the generic layout, with a warning, for a template it does not know (2017 on, not
saved)."""

from __future__ import annotations

from newscrawl.outlets.antara.bjbrt import Antara2015
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.generic import GenericPage

LAYOUTS: tuple[type[ArticlePage], ...] = (Antara2015, GenericPage)
