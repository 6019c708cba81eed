"""What Kompas's two templates share: the site's label before the shown date, a caption whose photo
credit is an element of its own, and a damaged ``og:url``."""

from __future__ import annotations

import re

from lxml import etree

from newscrawl.parsers.clean import clean_text
from newscrawl.parsers.query import Query, text_of

# "Kompas.com - 02/11/2023, 21:34 WIB": the shown date after the site's label.
_SITE_LABEL = re.compile(r"^kompas\.com\s*[-–]\s*", re.IGNORECASE)
# An og:url with the tracking query folded into its slug (".../Rp.200.Jutautm.sourcewputm.medium...").
DAMAGED_SLUG = re.compile(r"utm\.?(?:source|medium|campaign)", re.IGNORECASE)


def without_site_label(raw: str) -> str:
    return _SITE_LABEL.sub("", raw)


def caption_with_credit(captions: list[etree._Element], credit_query: Query) -> str | None:
    """The caption's text, then after one space the photo credit, which the page writes in an element of
    its own inside the caption (before the text in 2015-16, after it in 2023)."""
    if not captions:
        return None
    credits = credit_query.nodes(captions[0])
    credit = clean_text(" ".join(text_of(node) for node in credits))
    text = clean_text(_text_outside(captions[0], set(credits)))
    return " ".join(part for part in (text, credit) if part) or None


def _text_outside(node: etree._Element, skip: set[etree._Element]) -> str:
    """The text of ``node`` but that of its descendants in ``skip`` (their tails are kept)."""
    parts = [node.text or ""]
    for child in node:
        if child not in skip and isinstance(child.tag, str):
            parts.append(_text_outside(child, skip))
        parts.append(child.tail or "")
    return " ".join(parts)


# "LOS ANGELES, KOMPAS.com -": a place of short words in capitals; the shared forms need a word of four
# letters or more (so that "AS" or "NTB" alone is no dateline), and leave out a place of short words only.
_DATELINE = re.compile(r"^(?P<place>[A-Z]{2,}(?:\s+[A-Z]{2,})+),\s*KOMPAS\.com\s*[-–—]")


def dateline_of(body: str) -> str | None:
    """The place of a Kompas dateline of several words in capitals, as a name: ``Los Angeles``."""
    match = _DATELINE.match(body)
    return " ".join(word.capitalize() for word in match["place"].split()) if match else None
