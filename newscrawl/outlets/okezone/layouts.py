"""Okezone's layouts, in the order they are tried (docs/outlets.md, "Okezone"): the 2017
``title-detail`` template, the 2015 ``meta-post`` / ``#contentx`` template, then the generic layout,
with a warning, for a template neither knows (the 2026 one, described only)."""

from __future__ import annotations

from newscrawl.outlets.okezone.pages import Okezone2015, Okezone2017
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.generic import GenericPage

LAYOUTS: tuple[type[ArticlePage], ...] = (Okezone2017, Okezone2015, GenericPage)
