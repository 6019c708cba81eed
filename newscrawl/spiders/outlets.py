"""One spider per outlet with a package, named after it (``scrapy crawl kompas``): ``OutletSpider``
with the outlet's name, made here for every outlet of ``newscrawl.outlets.OUTLETS`` that has no
spider module of its own (Tempo's is ``tempo.py``). Scrapy's spider loader finds them in this
module's namespace, as if each had been written out."""

from __future__ import annotations

from newscrawl.outlets import OUTLETS
from newscrawl.spiders.base import OutletSpider
from newscrawl.spiders.tempo import TempoSpider

WRITTEN_OUT: tuple[type[OutletSpider], ...] = (TempoSpider,)
"""The spiders with a module of their own."""


def _spider_class(name: str) -> type[OutletSpider]:
    class_name = "".join(part.title() for part in name.replace("-", "_").split("_")) + "Spider"
    return type(class_name, (OutletSpider,), {"name": name, "__module__": __name__, "__qualname__": class_name})


def _spiders() -> dict[str, type[OutletSpider]]:
    found = {spider.name: spider for spider in WRITTEN_OUT}
    for outlet in OUTLETS:
        found.setdefault(outlet.name, _spider_class(outlet.name))
    return found


SPIDERS = _spiders()
"""Every outlet's spider, by name."""
# Once each in the namespace, as a class written here would be (the loader warns of a name seen twice).
globals().update({spider.__name__: spider for spider in SPIDERS.values() if spider.__module__ == __name__})
