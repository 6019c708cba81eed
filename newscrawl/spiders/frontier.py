"""One article, one fetch: which articles are scheduled, at what related-link depth.

Keys are ``outlets.article_key`` values, so the ``/read/<id>/``, ``/amp/<id>/``, E3
``-<id>`` and mobile forms of one article share one entry. Depth is the number of
related-link hops from an article found by discovery (0). An article may be reached
again by a shorter path after it was fetched (a listing links an article first seen
as a related link); its links are then offered again at the shorter depth, without
fetching it again, so the depth limit means the same whatever order responses
arrive in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

ARTICLE_META = "newscrawl_article"
"""Request meta of an article's first page: ``{"key", "depth", "lastmod"}`` (ISO date or ``None``), what
the crawl state and the shared Redis frontier know a request by."""


class Offer(NamedTuple):
    fetch: bool = False
    """First time the article is reached within the depth limit: schedule its request."""
    again: tuple[str, ...] = ()
    """Already parsed, now reached by a shorter path: its links, to offer one hop further."""
    beyond_depth: bool = False
    """Never reached within the depth limit: not fetched (the link stays recorded on its item)."""


@dataclass(slots=True)
class Frontier:
    max_depth: int
    # The shortest depth each key was reached at: one int a key (most are 0, an object Python
    # shares), as the crawl remembers every article it has met.
    _depths: dict[str, int] = field(default_factory=dict)
    # The related links of articles parsed at a depth above 0, the only ones a shorter path can
    # reach again (kept for all, they were most of the crawl's memory growth per article).
    _links: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self._depths)

    def offer(self, key: str, depth: int) -> Offer:
        """``key`` was reached at ``depth``: fetch it, offer its links again, or nothing."""
        known = self._depths.get(key)
        if known is None:
            if depth > self.max_depth:
                return Offer(beyond_depth=True)
            self._depths[key] = depth
            return Offer(fetch=True)
        if depth >= known:
            return Offer()
        self._depths[key] = depth  # not parsed yet: its parse will see the shorter depth
        links = self._links.get(key)
        if links is None or depth >= self.max_depth:
            return Offer()
        if depth == 0:
            del self._links[key]  # nothing can reach it sooner now
        return Offer(again=links)

    def parsed(self, key: str, links: tuple[str, ...]) -> None:
        """Record the article's related links, to offer again if it is reached sooner later."""
        if self._depths.setdefault(key, 0) > 0:
            self._links[key] = links

    def depth(self, key: str) -> int:
        """The shortest depth ``key`` has been reached at so far."""
        return self._depths.get(key, 0)
