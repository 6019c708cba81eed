"""The "Berita terkait" block, found by its heading text rather than by class names.

The 2024 markup of the block was never seen (docs/layouts.md, E2), so nothing here
depends on it: find the node whose whole text is the heading, take the smallest
ancestor holding article links after it, group those links by URL (a card links the
same article from its picture, its title and "Baca Selengkapnya") and read each
card's title, time and teaser from the card's own text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from lxml import etree

from newscrawl.items import RelatedLink
from newscrawl.parsers.clean import clean_text, strip_bullet
from newscrawl.parsers.dates import is_date_string, parse_iso_date
from newscrawl.parsers.query import text_of
from newscrawl.urls import absolute, canonicalize, is_article_url

HEADING = re.compile(
    r"^(?:(?:berita|artikel|baca(?:\s+juga)?\s+berita)?\s*terkait|related(?:\s+(?:news|articles|stories))?)\s*:?$",
    re.IGNORECASE,
)
READ_MORE = re.compile(r"^(?:baca\s+selengkapnya|selengkapnya|read\s+more|lihat\s+selengkapnya)$", re.IGNORECASE)
MAX_ANCESTOR_LEVELS = 6
# Every date and relative time has a digit, but for these words (two patterns: one
# alternation of both runs three times slower).
_DIGIT = re.compile(r"\d")
_TIME_WORD = re.compile(r"\W*(?:kemarin|baru|yesterday|just)", re.IGNORECASE)
MAX_HEADING_CHARS = 80
MAX_HEADING_CHILDREN = 4
_NOT_HEADINGS = frozenset(("script", "style", "title", "head", "html", "body"))


def find_related(tree: etree._Element, base_url: str | None, fetched_at: datetime | None) -> tuple[RelatedLink, ...]:
    """Cards of the first "Berita terkait"-like block, in page order."""
    for heading in _headings(tree):
        scope = heading
        for _ in range(MAX_ANCESTOR_LEVELS):
            parent = scope.getparent()
            if parent is None:
                break
            scope = parent
            cards = cards_in(scope, base_url, fetched_at, after=heading)
            if cards:
                return cards
    return ()


def _headings(tree: etree._Element) -> Iterator[etree._Element]:
    """Elements whose whole text is a "Berita terkait"-like heading, in page order."""
    # A Python walk over .text/.tail is three times faster here than an XPath over text().
    # A heading is short and holds little markup: body paragraphs that say "terkait" and
    # large containers are ruled out before their (costly) whole text is read.
    for element in tree.iter():
        text, tail = element.text, element.tail
        if text and len(text) <= MAX_HEADING_CHARS and _may_head(text) and _is_heading(element):
            yield element
        # The owner of a tail, its parent, is looked up only for a likely text: it costs.
        if tail and len(tail) <= MAX_HEADING_CHARS and _may_head(tail):
            parent = element.getparent()
            if parent is not None and _is_heading(parent):
                yield parent


def _may_head(text: str) -> bool:
    return "erkait" in text or "ERKAIT" in text or "elated" in text or "ELATED" in text


def _is_heading(owner: etree._Element) -> bool:
    return (
        owner.tag not in _NOT_HEADINGS
        and len(owner) <= MAX_HEADING_CHILDREN
        and bool(HEADING.match(clean_text(text_of(owner))))
    )


def cards_in(
    scope: etree._Element, base_url: str | None, fetched_at: datetime | None, after: etree._Element | None = None
) -> tuple[RelatedLink, ...]:
    """One ``RelatedLink`` per article linked inside ``scope`` (after the node ``after``)."""
    keys: dict[etree._Element, str] = {}
    seen_start = after is None
    for element in scope.iter():
        if element is after:
            seen_start = True
        elif seen_start and element.tag == "a":
            url = absolute(element.get("href"), base_url)
            if url and is_article_url(url):
                keys[element] = canonicalize(url, keep_page=False)
    groups: dict[str, list[etree._Element]] = {}
    for element, key in keys.items():
        groups.setdefault(key, []).append(element)
    return tuple(_card(anchors, keys[anchors[0]], keys, scope, base_url, fetched_at) for anchors in groups.values())


def _card(
    anchors: list[etree._Element],
    key: str,
    keys: dict[etree._Element, str],
    scope: etree._Element,
    base_url: str | None,
    fetched_at: datetime | None,
) -> RelatedLink:
    card = _card_root(anchors[0], key, keys, scope)
    titles = [strip_bullet(clean_text(text_of(_title_node(a)))) for a in anchors]
    titles = [t for t in titles if t and not READ_MORE.match(t) and not _is_time(t)]
    if not titles:
        titles = [clean_text(img.get("alt")) for a in anchors for img in a.iter("img") if img.get("alt")]
    title = max(titles, key=len, default="")
    # A time is a short text of its own: clean only the short pieces that may be one.
    short = (clean_text(t) for t in map(str, card.itertext()) if len(t) <= 120 and _may_be_time(t))
    published_raw = next((t for t in short if t and _is_time(t)), None)
    summary = next((t for t in _paragraphs(card) if t != title and not READ_MORE.match(t) and not _is_time(t)), None)
    return RelatedLink(
        title=title,
        url=key,  # the canonical URL the card's links share
        summary=summary,
        published_raw=published_raw,
        published_at=parse_iso_date(published_raw, fetched_at),
    )


def _title_node(anchor: etree._Element) -> etree._Element:
    """A heading inside the link (E1 cards wrap title, teaser and time in one ``<a>``), else the link."""
    return next(anchor.iter("h1", "h2", "h3", "h4", "h5", "h6"), anchor)


def _card_root(
    anchor: etree._Element, key: str, keys: dict[etree._Element, str], scope: etree._Element
) -> etree._Element:
    """The highest ancestor of ``anchor``, inside ``scope``, that links no other article."""
    node = anchor
    while True:
        parent = node.getparent()
        if parent is None or parent is scope or any(keys.get(a, key) != key for a in parent.iter("a")):
            return node
        node = parent


def _paragraphs(card: etree._Element) -> Iterator[str]:
    texts = (clean_text(text_of(p)) for p in card.iter("p"))
    return (t for t in texts if len(t.split()) >= 3)


def _may_be_time(text: str) -> bool:
    return bool(_DIGIT.search(text) or _TIME_WORD.match(text))


def _is_time(text: str) -> bool:
    return len(text) <= 60 and _may_be_time(text) and is_date_string(text)
