"""The "Berita terkait" block, found by its heading text rather than by class names.

The 2024 markup of Tempo's block was never seen (docs/layouts.md, E2), so nothing here
depends on it: find the node whose whole text is the heading (the outlet's ``RelatedRules``),
take the smallest ancestor holding the outlet's article links after it, group those links by URL
(a card links the same article from its picture, its title and "Baca Selengkapnya") and read each
card's title, time and teaser from the card's own text. An outlet whose boxes are known by their
markup names them instead (``RelatedRules.boxes``); their cards are merged, each article once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import lru_cache

from lxml import etree

from newscrawl.items import RelatedLink
from newscrawl.outlets.base import Outlet
from newscrawl.outlets.rules import RelatedRules
from newscrawl.parsers.clean import clean_text, strip_bullet
from newscrawl.parsers.dates import is_date_string, parse_iso_date
from newscrawl.parsers.query import Query, text_of
from newscrawl.urls import absolute

READ_MORE = re.compile(r"^(?:baca\s+selengkapnya|selengkapnya|read\s+more|lihat\s+selengkapnya)$", re.IGNORECASE)
MAX_ANCESTOR_LEVELS = 6
# Every date and relative time has a digit, but for these words (two patterns: one
# alternation of both runs three times slower).
_DIGIT = re.compile(r"\d")
_TIME_WORD = re.compile(r"\W*(?:kemarin|baru|yesterday|just)", re.IGNORECASE)
MAX_HEADING_CHARS = 80
MAX_HEADING_CHILDREN = 4
_TITLE_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_NOT_HEADINGS = frozenset(("script", "style", "title", "head", "html", "body"))


def find_related(
    tree: etree._Element,
    base_url: str | None,
    fetched_at: datetime | None,
    outlet: Outlet,
    skip: Callable[[etree._Element], bool] | None = None,
) -> tuple[RelatedLink, ...]:
    """Cards of the outlet's related boxes (``outlet.related.boxes``: all of them, deduplicated by
    URL), else of the first block under a related-like heading, in page order. ``skip``: headings
    not to take (a "Baca juga" label inside the body, whose link is ``read_also``)."""
    rules = outlet.related
    if rules.boxes:
        cards = _boxes(tree, base_url, fetched_at, outlet)
        if cards:
            return cards
    for heading in _headings(tree, rules):
        if skip is not None and skip(heading):
            continue
        scope = heading
        for _ in range(MAX_ANCESTOR_LEVELS):
            parent = scope.getparent()
            if parent is None:
                break
            scope = parent
            cards = cards_in(scope, base_url, fetched_at, outlet, after=heading)
            if cards:
                return cards
    return ()


def _boxes(
    tree: etree._Element, base_url: str | None, fetched_at: datetime | None, outlet: Outlet
) -> tuple[RelatedLink, ...]:
    """The cards of every box the outlet names, in order, each article once (its first card)."""
    found: dict[str | None, RelatedLink] = {}
    for query in _queries(outlet.related.boxes):
        for box in query.nodes(tree):
            for card in cards_in(box, base_url, fetched_at, outlet):
                found.setdefault(card.url, card)
    return tuple(found.values())


@lru_cache(maxsize=256)
def _queries(sources: tuple[str, ...]) -> tuple[Query, ...]:
    return tuple(Query(source) for source in sources)


def _headings(tree: etree._Element, rules: RelatedRules) -> Iterator[etree._Element]:
    """Elements whose whole text is a related-like heading, in page order."""
    # A Python walk over .text/.tail is three times faster here than an XPath over text().
    # A heading is short and holds little markup: body paragraphs that say "terkait" and
    # large containers are ruled out before their (costly) whole text is read.
    # Most texts of a page are the indentation between its tags: ruled out first, without a call.
    may_head = rules.may_head
    for element in tree.iter():
        text, tail = element.text, element.tail
        if (
            text
            and len(text) <= MAX_HEADING_CHARS
            and not text.isspace()
            and may_head(text)
            and (
                _is_heading(element, rules) or (rules.own_text and len(element) and rules.is_heading(clean_text(text)))
            )
        ):
            yield element
        # The owner of a tail, its parent, is looked up only for a likely text: it costs.
        if tail and len(tail) <= MAX_HEADING_CHARS and not tail.isspace() and may_head(tail):
            parent = element.getparent()
            if parent is not None and _is_heading(parent, rules):
                yield parent


def _is_heading(owner: etree._Element, rules: RelatedRules) -> bool:
    return (
        owner.tag not in _NOT_HEADINGS
        and len(owner) <= MAX_HEADING_CHILDREN
        and rules.is_heading(clean_text(text_of(owner)))
    )


def cards_in(
    scope: etree._Element,
    base_url: str | None,
    fetched_at: datetime | None,
    outlet: Outlet,
    after: etree._Element | None = None,
) -> tuple[RelatedLink, ...]:
    """One ``RelatedLink`` per article of ``outlet`` linked inside ``scope`` (after the node ``after``)."""
    keys: dict[etree._Element, str] = {}
    by_href: dict[str | None, str | None] = {}  # a card links its article two or three times
    is_article_url, canonicalize = outlet.is_article_url, outlet.canonicalize
    for element in scope.iter("a") if after is None else _links_after(after, scope):
        href = element.get("href")
        if href in by_href:
            key = by_href[href]
        else:
            url = absolute(href, base_url)
            key = by_href[href] = canonicalize(url, keep_page=False) if url and is_article_url(url) else None
        if key is not None:
            keys[element] = key
    groups: dict[str, list[etree._Element]] = {}
    for element, key in keys.items():
        groups.setdefault(key, []).append(element)
    owners = _owners(keys, scope)
    return tuple(
        _card(anchors, key, _card_root(anchors[0], key, owners, scope), fetched_at) for key, anchors in groups.items()
    )


def _owners(keys: dict[etree._Element, str], scope: etree._Element) -> dict[etree._Element, str | None]:
    """Each ancestor of the links in ``keys`` inside ``scope``: the key all its keyed links share,
    ``None`` where they link more than one article (one walk up from each link, where testing
    every link under every ancestor of every card took as long as reading the cards)."""
    owners: dict[etree._Element, str | None] = {}
    for anchor, key in keys.items():
        node = anchor.getparent()
        while node is not None and node is not scope:
            known = owners.get(node, key)
            owners[node] = key if known == key else None
            if known is None:
                break  # and so is every ancestor above it
            node = node.getparent()
    return owners


def _links_after(after: etree._Element, scope: etree._Element) -> Iterator[etree._Element]:
    """The links of ``scope`` that come after the start of ``after``, in page order: inside it, then
    in what follows it and each of its ancestors up to ``scope`` (lxml's C tag filter finds them,
    where a Python test of every element of the scope took most of the time of a related block)."""
    yield from (link for link in after.iter("a") if link is not after)
    node = after
    while node is not scope:
        for sibling in node.itersiblings():
            yield from sibling.iter("a")
        parent = node.getparent()
        if parent is None:
            return
        node = parent


def _card(anchors: list[etree._Element], key: str, card: etree._Element, fetched_at: datetime | None) -> RelatedLink:
    """The card's title (its links' longest text that is no "read more" and no time), time and teaser."""
    title = ""
    for anchor in anchors:
        text = strip_bullet(clean_text(text_of(_title_node(anchor))))
        if len(text) > len(title) and not READ_MORE.match(text) and not _is_time(text):
            title = text
    if not title:
        alts = (clean_text(img.get("alt")) for a in anchors for img in a.iter("img") if img.get("alt"))
        title = max(alts, key=len, default="")
    published_raw = _time_in(card)
    summary = next((t for t in _paragraphs(card) if t != title and not READ_MORE.match(t) and not _is_time(t)), None)
    return RelatedLink(
        title=title,
        url=key,  # the canonical URL the card's links share
        summary=summary,
        published_raw=published_raw,
        published_at=parse_iso_date(published_raw, fetched_at),
    )


def _time_in(card: etree._Element) -> str | None:
    """The first text of the card that is a time. A time is a short text of its own: only the short
    pieces that may be one are cleaned (most texts of a card are the indentation between its tags).
    The elements' own texts are read in page order (reading them is cheaper than ``itertext``); a
    text beside tags that is more than indentation, which would come before a later element's text,
    sends the card to the reading of every piece in order."""
    for node in card.iter():
        tail = node.tail
        if (tail and node is not card and not tail.isspace()) or not isinstance(node.tag, str):
            return _time_in_pieces(card)
        found = _as_time(node.text) if node.text else None
        if found:
            return found
    return None


def _time_in_pieces(card: etree._Element) -> str | None:
    return next(filter(None, map(_as_time, map(str, card.itertext()))), None)


def _as_time(piece: str) -> str | None:
    """``piece`` cleaned if it is a time (a short text that may be one is cleaned and tested)."""
    if len(piece) <= 120 and not piece.isspace() and _may_be_time(piece):
        text = clean_text(piece)
        if text and _is_time(text):
            return text
    return None


def _title_node(anchor: etree._Element) -> etree._Element:
    """A heading inside the link (E1 cards wrap title, teaser and time in one ``<a>``), else the link."""
    if not len(anchor):  # a link holding only its text, as most do
        return anchor
    return next(anchor.iter(*_TITLE_TAGS), anchor)


def _card_root(
    anchor: etree._Element, key: str, owners: dict[etree._Element, str | None], scope: etree._Element
) -> etree._Element:
    """The highest ancestor of ``anchor``, inside ``scope``, that links no other article."""
    node = anchor
    while True:
        parent = node.getparent()
        if parent is None or parent is scope or owners.get(parent, key) != key:
            return node
        node = parent


def _paragraphs(card: etree._Element) -> Iterator[str]:
    """The card's paragraphs of three words or more (cleaned text: words are one space apart)."""
    texts = (clean_text(text_of(p)) for p in card.iter("p"))
    return (t for t in texts if t.count(" ") >= 2)


def _may_be_time(text: str) -> bool:
    return bool(_DIGIT.search(text) or _TIME_WORD.match(text))


def _is_time(text: str) -> bool:
    return len(text) <= 60 and _may_be_time(text) and is_date_string(text)
