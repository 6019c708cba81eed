"""The ``tempo`` spider: Tempo.co's articles, from the start pages Tempo's declaration lists
(``newscrawl/outlets/tempo/sources.py``; docs/crawling.md). Everything it does is ``OutletSpider``'s."""

from __future__ import annotations

from newscrawl.spiders.base import OutletSpider


class TempoSpider(OutletSpider):
    name = "tempo"
