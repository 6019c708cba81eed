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
class _Entry:
    depth: int
    links: tuple[str, ...] | None = None
    """Related links once the article was parsed (``None`` before)."""


@dataclass(slots=True)
class Frontier:
    max_depth: int
    _entries: dict[str, _Entry] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self._entries)

    def offer(self, key: str, depth: int) -> Offer:
        """``key`` was reached at ``depth``: fetch it, offer its links again, or nothing."""
        entry = self._entries.get(key)
        if entry is None:
            if depth > self.max_depth:
                return Offer(beyond_depth=True)
            self._entries[key] = _Entry(depth)
            return Offer(fetch=True)
        if depth >= entry.depth:
            return Offer()
        entry.depth = depth  # not parsed yet: its parse will see the shorter depth
        if entry.links is None or depth >= self.max_depth:
            return Offer()
        return Offer(again=entry.links)

    def parsed(self, key: str, links: tuple[str, ...]) -> None:
        """Record the article's related links, to offer again if it is reached sooner later."""
        self._entries.setdefault(key, _Entry(0)).links = links

    def depth(self, key: str) -> int:
        """The shortest depth ``key`` has been reached at so far."""
        entry = self._entries.get(key)
        return entry.depth if entry is not None else 0
