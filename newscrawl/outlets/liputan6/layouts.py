"""Liputan6's layouts, in the order they are tried (docs/outlets.md, "Liputan6"): the 2022 mobile
template, the 2016 and the 2015 desktop templates, each by its headline's class; then the generic
layout, with a warning, for a template none of them knows (the 2026 desktop one, not saved)."""

from __future__ import annotations

from newscrawl.outlets.liputan6.desktop import Liputan62015, Liputan62016
from newscrawl.outlets.liputan6.mobile import Liputan62022Mobile
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.generic import GenericPage

LAYOUTS: tuple[type[ArticlePage], ...] = (Liputan62022Mobile, Liputan62016, Liputan62015, GenericPage)
