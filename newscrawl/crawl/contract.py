"""What the crawl's components need from a spider, declared once.

The crawl state (incremental re-checks, resume), the shared frontier on Redis, the run
context and the monitors work with any spider that provides these members; a spider that
lacks one is refused when the crawl starts, with the missing names, instead of quietly
crawling without the feature that needs them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from scrapy import Request

    from newscrawl.spiders.frontier import Offer
    from newscrawl.spiders.plan import CrawlPlan


class ArticleFrontier(Protocol):
    """Which articles are scheduled, at what related-link depth (``spiders.frontier.Frontier``, or
    ``distributed.RedisFrontier`` shared by several workers)."""

    max_depth: int

    def offer(self, key: str, depth: int) -> Offer: ...

    def parsed(self, key: str, links: tuple[str, ...]) -> None: ...

    def depth(self, key: str) -> int: ...


@runtime_checkable
class NewsSpider(Protocol):
    """A spider the project's components can serve."""

    name: str
    arguments: Mapping[str, str]
    """The spider's own arguments as given (``-a``, or ``CrawlerProcess.crawl`` keywords): the run
    context's identity of the crawl, which resume matches on."""
    plan: CrawlPlan
    """What the run was asked to do: the monitors tell a latest-news crawl by it, the crawl state
    a refresh or a replay."""
    frontier: ArticleFrontier
    """The article gate's memory: the crawl state teaches it the links of articles it does not fetch."""

    def offer(self, url: str, depth: int) -> Iterator[Request]:
        """Requests for an article URL found at ``depth``, through the spider's own gate (the crawl
        state resumes a dead run's pages and follows stored articles' links this way)."""
        ...

    def use_frontier(self, frontier: ArticleFrontier) -> None:
        """Take ``frontier`` in place of the in-memory one (the shared frontier on Redis)."""
        ...


class SpiderContractError(TypeError):
    """A spider lacks what a component needs."""


_MEMBERS = tuple(name for name in (*NewsSpider.__annotations__, *vars(NewsSpider)) if not name.startswith("_"))


def missing(spider: object) -> list[str]:
    """The members of ``NewsSpider`` that ``spider`` does not have."""
    return [name for name in dict.fromkeys(_MEMBERS) if not hasattr(spider, name)]


def arguments_of(spider: object) -> Mapping[str, str]:
    """The spider's own arguments, all the run context needs of it (any spider that records them
    can be stored); ``SpiderContractError`` if it does not."""
    arguments = getattr(spider, "arguments", None)
    if not isinstance(arguments, Mapping):
        name = getattr(spider, "name", type(spider).__name__)
        raise SpiderContractError(
            f"spider {name!r} does not record its arguments (self.arguments), which name its crawl"
            " (newscrawl.crawl.contract.NewsSpider)"
        )
    return arguments


def require(spider: object, needed_by: str) -> NewsSpider:
    """``spider`` as a ``NewsSpider``, or ``SpiderContractError`` naming what is missing."""
    absent = missing(spider)
    if absent:
        name = getattr(spider, "name", type(spider).__name__)
        raise SpiderContractError(
            f"spider {name!r} cannot be crawled with {needed_by}: it lacks {', '.join(absent)}"
            " (newscrawl.crawl.contract.NewsSpider says what each is for)"
        )
    assert isinstance(spider, NewsSpider)
    return spider
