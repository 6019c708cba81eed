"""detik's layouts, in the order they are tried (docs/outlets.md, "detik"): the ``detail__*`` template
of 2021 on, the 2015-16 templates, then the generic layout for a page of neither."""

from __future__ import annotations

from newscrawl.outlets.detik.detik2015 import Detik2015
from newscrawl.outlets.detik.detik2023 import Detik2023
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.generic import GenericPage

LAYOUTS: tuple[type[ArticlePage], ...] = (Detik2023, Detik2015, GenericPage)
