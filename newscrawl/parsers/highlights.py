"""The "Poin penting" block: the key points the current layout shows above long pieces.

Only its text is known (docs/layouts.md, E3: a public copy of a magazine page): the heading
"Poin penting", then three or so bullets. So it is found by its heading text, like the
related block, and its items are the list that follows the heading (or, without a list,
the bullet lines that do).
"""

from __future__ import annotations

import re

from lxml import etree

from newscrawl.parsers.clean import clean_text, strip_bullet
from newscrawl.parsers.query import Query, text_of

HEADING = re.compile(r"^poin[\s-]+penting\s*:?$", re.IGNORECASE)
# The heading as it may be written in the page's (lower-cased) bytes, and a word of it to look for first.
IN_PAGE = re.compile(rb"poin(?:\s|-|&nbsp;|&#160;|\xc2\xa0|<[^>]{0,200}>)+penting")
IN_PAGE_WORD = b"enting"
BULLET = re.compile(r"^\s*[\u2022\u00b7\u25cf\u25aa\-\*]\s*\S")
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Elements with a text node that mentions the heading, in page order.
_CANDIDATES = Query(
    f"//*[not(self::script or self::style)][text()[contains(translate(., '{_UPPER}', '{_UPPER.lower()}'),"
    " 'poin penting')]]"
)
_LIST = Query("descendant-or-self::*[self::ul or self::ol][1]")
MAX_LEVELS = 3
MAX_SIBLINGS = 2


def find_highlights(scope: etree._Element) -> tuple[tuple[str, ...], list[etree._Element]]:
    """The key points in page order, and the block's nodes (to keep them out of the body)."""
    for heading in _CANDIDATES.nodes(scope):
        if len(heading) > 4 or not HEADING.match(clean_text(text_of(heading))):
            continue
        found = _items_after(heading)
        if found:
            return found
    return (), []


def _items_after(heading: etree._Element) -> tuple[tuple[str, ...], list[etree._Element]] | None:
    node = heading
    for _ in range(MAX_LEVELS):
        siblings = [s for s in node.itersiblings() if isinstance(s.tag, str)]
        for sibling in siblings[:MAX_SIBLINGS]:
            lists = _LIST.nodes(sibling)
            if lists:
                items = [strip_bullet(clean_text(text_of(li))) for li in lists[0].iter("li")]
                return tuple(i for i in items if i), [heading, sibling]
        bullets = []
        for sibling in siblings:
            text = clean_text(text_of(sibling))
            if not BULLET.match(text):
                break
            bullets.append(sibling)
        if bullets:
            return tuple(strip_bullet(clean_text(text_of(b))) for b in bullets), [heading, *bullets]
        parent = node.getparent()
        if parent is None:
            return None
        node = parent
    return None
