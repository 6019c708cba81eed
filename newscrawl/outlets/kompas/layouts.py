"""Kompas's layouts, in the order they are tried (docs/outlets.md, "Kompas"): the ``read__*`` template
of 2023, the ``kcm-read`` template of 2015-16, then the generic layout for a page of neither."""

from __future__ import annotations

from newscrawl.outlets.kompas.kompas2015 import Kompas2015
from newscrawl.outlets.kompas.kompas2023 import Kompas2023
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.generic import GenericPage

LAYOUTS: tuple[type[ArticlePage], ...] = (Kompas2023, Kompas2015, GenericPage)
