"""Kompas's layouts, in the order they are tried (docs/outlets.md, "Kompas")."""

from __future__ import annotations

from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.generic import GenericPage

LAYOUTS: tuple[type[ArticlePage], ...] = (GenericPage,)
