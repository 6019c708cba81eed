"""Where the story text of a page without known markup is: the container with the most paragraph
text (the generic layout's body), and what is the site's chrome around it.

Each ``<p>`` (and each text-only ``<div>``) scores its container by its length outside its links;
text split by ``<br>`` scores its own block. The best container is the body, with the containers of
the same kind (tag and class, and its parent's) that score well: a story split around ads, or in parts
(pages) of one document. Paragraphs inside the
site's navigation, header, footer, sidebars, lists of other stories, ads and modals do not count.
"""

from __future__ import annotations

import re

from lxml import etree

from newscrawl.parsers.blocks import is_skipped
from newscrawl.parsers.clean import clean_text
from newscrawl.parsers.query import Query, text_of

# A paragraph counts for its container from this many characters of text outside links.
MIN_PARAGRAPH = 25
# Siblings of the best container that score this share of it are the same body, split (around ads).
SIBLING_SHARE = 0.3
_BLOCKS = " or ".join(
    f"self::{tag}"
    for tag in ("p", "div", "table", "ul", "ol", "aside", "section", "article", "nav", "header", "footer", "figure")
)
# Paragraphs: <p>, and <div>s of text alone (no block inside, no script: its code is no text).
_PARAGRAPHS = Query(f"//p | //div[not(*[{_BLOCKS}])][not(.//script)][string-length(.) > 60]")
_CHROME_TAGS = frozenset(("nav", "aside", "header", "footer", "noscript", "template", "button", "select"))
# Class or id words of boxes that hold no story text: sidebars, menus, comments, other stories, ads.
_CHROME_NAMES = re.compile(
    r"(?:^|[\s_-])(?:sidebar|side-bar|footer|navbar|nav|menu|comments?|related|terkait|popular|populer|"
    r"terpopuler|trending|terbaru|latest|recommend\w*|rekomendasi|ads?|advert\w*|iklan|modal|popup|banner)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)
_INLINE = frozenset(("b", "strong", "i", "em", "span", "u", "font", "a"))


def in_chrome(node: etree._Element, *, itself: bool = True) -> bool:
    """Inside the site's navigation, header (not an article's own), footer, sidebar, a list of other
    stories or an ad or modal box; or itself an ad, share or tag box. (Its ancestors are judged by fewer words than the
    node itself: a page's wrappers are named "sticky-parent", "share-container" and the like.)"""
    if itself and is_skipped(node):
        return True
    for ancestor in node.iterancestors():
        if ancestor.tag in _CHROME_TAGS and not (ancestor.tag == "header" and _in_article(ancestor)):
            return True
        names = f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        if names.strip() and _CHROME_NAMES.search(names):
            return True
    return False


def _in_article(node: etree._Element) -> bool:
    """A ``<header>`` inside an ``<article>`` is the article's own (its title, byline and date)."""
    return any(a.tag == "article" for a in node.iterancestors())


def body_containers(tree: etree._Element) -> list[etree._Element]:
    """The containers of the story text, in page order; empty when the page has no paragraph."""
    scores: dict[etree._Element, int] = {}
    for paragraph in _PARAGRAPHS.nodes(tree):
        length = _text_length(paragraph)
        if length < MIN_PARAGRAPH or in_chrome(paragraph):
            continue
        owner = paragraph.getparent() if paragraph.tag == "p" else paragraph
        if owner is not None:
            scores[owner] = scores.get(owner, 0) + length
    for node in tree.iter("br"):  # text split by <br>: its block is the container
        parent = node.getparent()
        if parent is not None and parent not in scores and not in_chrome(parent):
            length = _own_text_length(parent)
            if length >= MIN_PARAGRAPH:
                scores[parent] = length
    if not scores:
        return []
    best = max(scores, key=scores.__getitem__)
    kind = _kind(best)
    # The story split in parts of one kind: around ads, or one part per page of it in one document.
    return [
        node
        for node, score in scores.items()
        if node is best or (_kind(node) == kind and score >= SIBLING_SHARE * scores[best])
    ]


def _kind(node: etree._Element) -> tuple[object, ...]:
    """A container's kind: its tag and class, and its parent's."""
    parent = node.getparent()
    return (node.tag, node.get("class"), *((parent.tag, parent.get("class")) if parent is not None else ()))


def _text_length(node: etree._Element) -> int:
    """Characters of ``node``'s text outside its links."""
    text = len(clean_text(text_of(node)))
    links = sum(len(clean_text(text_of(a))) for a in node.iter("a"))
    return text - links


def _own_text_length(node: etree._Element) -> int:
    """Characters of the text directly in ``node`` and its inline children (not its blocks)."""
    pieces = [node.text or ""] + [
        (text_of(child) if child.tag in _INLINE and child.tag != "a" else "") + (child.tail or "")
        for child in node
        if isinstance(child.tag, str)
    ]
    return len(clean_text(" ".join(pieces)))
