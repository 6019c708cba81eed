"""HTML body containers to text lines, keeping each line's links.

A *line* is one paragraph-level run of text: a ``<p>``, a text-only ``<div>``, a list
item, or one ``<br>``-separated part of those. Ads, scripts, figures and share widgets
are skipped by tag and by class/id pattern, so an unknown ad wrapper that only holds
"Advertising" still yields a line that the boilerplate filter drops.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from newscrawl.parsers.clean import clean_text
from newscrawl.parsers.query import text_of

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
        "dl",
        "dt",
        "dd",
        "pre",
        "main",
        "center",
        "figure",
        "figcaption",
        "header",
        "footer",
        "aside",
        "nav",
        "form",
    ]
)
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "iframe",
        "figure",
        "figcaption",
        "form",
        "button",
        "svg",
        "ins",
        "template",
        "select",
        "input",
        "textarea",
        "nav",
        "aside",
        "header",
        "footer",
        "video",
        "audio",
        "object",
        "embed",
        "canvas",
        "img",
        "picture",
        "source",
    ]
)
# Ad slots, share bars and in-body "Baca juga" boxes, by class or id.
SKIP_ATTR = re.compile(
    r"(?:^|[\s_-])(?:parallax|ads?|adv|advert\w*|banner\w*|gpt|div-gpt-ad\w*|share\w*|social\w*|"
    r"addthis\w*|sticky|newsletter|comments?|fb-comments|related-news|tags?|kaikai\w*|remp\w*)(?:$|[\s_-])",
    re.IGNORECASE,
)
# An inline link is text whatever tag page it links to: Kompas's in-text tag links (a.inner-link-tag)
# are words of the sentence, not a tag box.
_TAG_BOX = re.compile(r"(?:^|[\s_-])tags?(?:$|[\s_-])", re.IGNORECASE)
MAX_DEPTH = 80
# A block holding an image and at most this many words is a figure with its caption.
FIGURE_MAX_WORDS = 40


@dataclass(slots=True)
class Line:
    """One paragraph-level text run and the links inside it (href, anchor text)."""

    text: str
    links: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_link_only(self) -> bool:
        return len(self.links) == 1 and clean_text(self.links[0][1]) == self.text


def lines_of(containers: Iterable[etree._Element], skip: Collection[etree._Element] = ()) -> list[Line]:
    """Paragraph lines of every container, in document order, empty lines dropped; the nodes in
    ``skip`` (a header the template put inside the body container) are left out."""
    # One list filled by plain recursive calls: a generator per node, each line passed up
    # through every level by ``yield from``, took half the time of reading a body.
    out: list[Line] = []
    for container in containers:
        _walk(container, 0, skip, out)
    return out


def is_skipped(node: etree._Element, skip: Collection[etree._Element] = ()) -> bool:
    tag = node.tag
    if not isinstance(tag, str) or tag in SKIP_TAGS or (skip and node in skip):
        return True
    if node.get("ad-unit-path") is not None:  # the current layout's ad slots
        return True
    classes, ident = node.get("class"), node.get("id")
    if not classes and not ident:  # most elements of a body
        return False
    return _skipped_by_name(f"{classes or ''} {ident or ''}", tag == "a")


@lru_cache(maxsize=4096)
def _skipped_by_name(attrs: str, is_link: bool) -> bool:
    """Whether class and id (``attrs``) name an ad slot, a share bar or a box of links. Memoized: a
    page repeats its few class names on every paragraph, and the search costs more than the lookup."""
    if not attrs.strip():
        return False
    found = SKIP_ATTR.search(attrs)
    if found and is_link and _TAG_BOX.fullmatch(found.group()):
        return SKIP_ATTR.search(attrs, found.end()) is not None
    return found is not None


def _walk(node: etree._Element, depth: int, skip: Collection[etree._Element], out: list[Line]) -> None:
    if depth > MAX_DEPTH or not _has_block_child(node):
        _leaf_lines(node, skip, out)
        return
    # Mixed content: text directly in a block beside child blocks is a line of its own.
    run = _Run(skip, out)
    run.add_text(node.text)
    for child in node:
        tag = child.tag
        if not isinstance(tag, str):
            run.add_text(child.tail)
            continue
        if tag in BLOCK_TAGS:
            run.end_line()
            if not is_skipped(child, skip):
                _walk(child, depth + 1, skip, out)
        elif not is_skipped(child, skip):
            run.add_inline(child)
        run.add_text(child.tail)
    run.end_line()


def _has_block_child(node: etree._Element) -> bool:
    # A comment's tag is a function: in no set of names.
    return not BLOCK_TAGS.isdisjoint([child.tag for child in node])


def _leaf_lines(node: etree._Element, skip: Collection[etree._Element], out: list[Line]) -> None:
    if not len(node):  # text alone, as most paragraphs are
        if node.tag == "img":
            return
        text = clean_text(node.text)
        if text:
            out.append(Line(text, []))
        return
    if next(node.iter("img"), None) is not None and len(text_of(node).split()) <= FIGURE_MAX_WORDS:
        return  # an inline figure: its text is a caption, not body
    run = _Run(skip, out)
    run.add_text(node.text)
    for child in node:
        if isinstance(child.tag, str) and not is_skipped(child, skip):
            run.add_inline(child)
        run.add_text(child.tail)
    run.end_line()


class _Run:
    """Accumulates inline text into ``out``; ``<br>`` ends a line, and so does a block."""

    __slots__ = ("links", "out", "parts", "skip")

    def __init__(self, skip: Collection[etree._Element], out: list[Line]) -> None:
        self.parts: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.skip = skip
        self.out = out

    def add_text(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    def add_inline(self, node: etree._Element, depth: int = 0) -> None:
        if node.tag == "br":
            self.end_line()
            return
        if node.tag == "a" and node.get("href"):
            self.links.append(
                (node.get("href", ""), etree.tostring(node, method="text", encoding="unicode", with_tail=False))
            )
        self.add_text(node.text)
        for child in node:
            if isinstance(child.tag, str) and depth < MAX_DEPTH and not is_skipped(child, self.skip):
                self.add_inline(child, depth + 1)
            self.add_text(child.tail)

    def end_line(self) -> None:
        """The text so far is a line (kept if it is not empty); the next one starts."""
        if self.parts:
            text = clean_text("".join(self.parts))
            if text:
                self.out.append(Line(text, self.links))
        self.parts, self.links = [], []
