"""Pages of the outlets' templates with other content (the outlets beside Tempo): what holds on
a saved page must hold on a page of the same template that differs from it only where another
article would — no address, no JSON-LD or metas, a "Baca juga" line or an ad line between the
paragraphs, other paragraphs, other names, another date, another title. The mutations reuse the
helpers of ``test_parsers_invariants.py``."""

from __future__ import annotations

import pytest
from hypothesis import strategies as st
from lxml import etree

from newscrawl.items import Article
from newscrawl.parsers import NotAnArticle
from newscrawl.parsers.blocks import BLOCK_TAGS
from newscrawl.parsers.clean import clean_text
from tests.test_parsers_invariants import CASES, _original, _parse_tree, _tree

OUTLET_HTML = [
    (i["file"], i["url"])
    for c in CASES
    if c["kind"] == "article" and c.get("outlet") not in (None, "generic")
    for i in c["inputs"]
    if i["file"].endswith(".html")
]
PAGES = st.sampled_from(OUTLET_HTML)
# What names a page's site, and where its machine dates are: taken out to see what the rest says.
LD = "//script[@type='application/ld+json']"
METAS = "//meta[@property or @name or @itemprop]"
ADDRESSES = "//link[@rel='canonical'] | //meta[@property='og:url']"
_NOT_TEXT = frozenset(("script", "style", "title", "head", "meta", "noscript"))


def _without(tree: etree._Element, xpath: str) -> etree._Element:
    for node in tree.xpath(xpath):
        node.getparent().remove(node)
    return tree


def _read(tree: etree._Element, url: str | None) -> Article | NotAnArticle:
    try:
        return _parse_tree(tree, url)
    except NotAnArticle as refused:
        return refused


def _text_slots(tree: etree._Element) -> list[tuple[etree._Element, bool]]:
    """Every text run of the page's body, in document order: (element, is its tail)."""
    slots = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _NOT_TEXT:
            continue
        slots.append((element, False))
        if element.getparent() is not None and element.getparent().tag not in _NOT_TEXT:
            slots.append((element, True))
    return slots


def _after_paragraph(tree: etree._Element, paragraph: str) -> tuple[etree._Element, int] | None:
    """Where a line of its own goes after ``paragraph``: (block parent, index), after the first text
    run that ends it — a ``<p>`` of its own, or a ``<br>``-separated run of its container."""
    end = paragraph[-30:]
    for element, tail in _text_slots(tree):
        text = element.tail if tail else element.text
        if not text or end not in clean_text(text):
            continue
        if not tail and element.tag in BLOCK_TAGS and element.tag != "p":
            return element, 0  # a container's own text, before its first child
        node = element  # the run ends this element, or is its tail: the line goes after it
        while node.getparent() is not None and node.getparent().tag not in BLOCK_TAGS:
            node = node.getparent()
        if not tail and node is element:  # a <p>'s own text: after the <p>
            pass
        elif node.getparent() is not None and node.getparent().tag == "p":
            node = node.getparent()  # inside a paragraph of its own: after that paragraph
        parent = node.getparent()
        return (parent, parent.index(node) + 1) if parent is not None else None
    return None


def _insert_line(tree: etree._Element, paragraph: str, line: etree._Element) -> bool:
    """``line`` inserted after ``paragraph``; ``False`` where the paragraph is not found."""
    where = _after_paragraph(tree, paragraph)
    if where is None:
        return False
    parent, index = where
    parent.insert(index, line)
    return True


@pytest.mark.parametrize(("name", "url"), OUTLET_HTML, ids=[f for f, _ in OUTLET_HTML])
@pytest.mark.parametrize(
    "taken_out",
    ["", ADDRESSES, f"{ADDRESSES} | {LD}", f"{ADDRESSES} | {LD} | {METAS}", f"{ADDRESSES} | {LD} | {METAS} | //title"],
    ids=["as-saved", "no-address", "no-json-ld", "no-metas", "no-title"],
)
def test_a_page_without_its_url_is_its_outlets_or_refused(name: str, url: str, taken_out: str) -> None:
    """A page saved without its address: its outlet's, or refused — never another outlet's layout
    (Tempo's E1 marker, ``h1[itemprop=headline]``, is schema.org markup Antara's 2015 pages use too)."""
    original = _original(name, url)
    tree = _tree(name)
    article = _read(_without(tree, taken_out) if taken_out else tree, None)
    if isinstance(article, Article):
        assert (article.outlet, article.layout) == (original.outlet, original.layout)


@pytest.mark.parametrize(("name", "url"), OUTLET_HTML, ids=[f for f, _ in OUTLET_HTML])
@pytest.mark.parametrize("taken_out", [LD, METAS, f"{LD} | {METAS}"], ids=["json-ld", "metas", "both"])
def test_without_json_ld_or_metas_the_dom_gives_the_header(name: str, url: str, taken_out: str) -> None:
    """Title, body and date from the page's own markup, or a refusal: never another value (the
    visible date has no seconds, so only the minute is compared)."""
    original = _original(name, url)
    article = _read(_without(_tree(name), taken_out), url)
    if isinstance(article, NotAnArticle):
        return
    assert article.title == original.title
    assert article.body == original.body
    assert article.published_at is not None
    assert original.published_at is not None
    assert article.published_at[:16] == original.published_at[:16]
    assert article.published_at.endswith("+07:00")
