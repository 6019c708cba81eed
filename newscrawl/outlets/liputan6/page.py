"""What every Liputan6 layout reads the same way: the credits list (who wrote, who edited), the
"Related News" cards with their machine times, the tag links before the keywords, the dateline's
place from the bold lead of the first paragraph, and a modification stated before the publication
dropped (docs/outlets.md, "Liputan6")."""

from __future__ import annotations

import re
from functools import cached_property
from typing import ClassVar

from lxml import etree

from newscrawl.items import RelatedLink
from newscrawl.parsers import metadata
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.clean import clean_text, dedupe, people
from newscrawl.parsers.dates import find_date, parse_date, parse_iso_date, to_iso
from newscrawl.parsers.query import Query, text_of
from newscrawl.urls import absolute

# The credits' roles: "Author" and "Photographer" wrote the story (a photo story's photographer is
# its reporter), "Editor" edited it.
_WRITERS = frozenset(("author", "penulis", "photographer", "fotografer", "reporter"))
_EDITORS = frozenset(("editor", "redaktur"))
# JSON-LD keywords that are no tags: "Tekno:Telko" (channel:category), "Editor:Iskandar".
_PSEUDO_KEYWORD = re.compile(r"^[\w ]+:")
# The bold lead of the first paragraph: "Liputan6.com, Jakarta - " (with or without the dash).
_LEAD = Query(".//p[1]/*[self::b or self::strong][1]")
# The place may hold a hyphen ("Bau-Bau"): it ends where the closing dashes, if any, start.
_LEAD_PLACE = re.compile(r"^Liputan6\.com\s*,\s*(?P<place>.{2,40}?)(?:\s*[-–—]+)?$", re.IGNORECASE)
_CARD_LINKS = Query(".//a[@href]")
_CARD_TIME = Query(".//time")


class Liputan6Page(ArticlePage):
    """The fields every Liputan6 template shares; a layout sets its queries."""

    CREDITS: ClassVar[Query | None] = None
    """The credits list's role and name texts, in page order."""
    ROLE_FIRST: ClassVar[bool] = True
    """Whether a role precedes its names (desktop) or follows its one name (mobile)."""
    RELATED_CARDS: ClassVar[Query | None] = None

    def published_at_raw(self) -> str | None:
        # "on 16 Feb 2016 at 09:10 WIB", "pada 16 Agu 2022, 09:20 WIB": the date without its label.
        shown = self.first_text(self.DATE)
        return (find_date(shown) or shown) if shown else None

    def modified_at(self) -> str | None:
        # The 2022 JSON-LD and metas state a modification twelve minutes before the publication.
        modified, published = metadata.modified(self.doc), metadata.published(self.doc)
        if modified and published and modified < published:
            return None
        return to_iso(modified)

    # -- people ------------------------------------------------------------------------------
    @cached_property
    def _credits(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(writers, editors) of the credits list: each name under (desktop) or beside (mobile) its role."""
        writers: list[str] = []
        editors: list[str] = []
        role: str | None = None
        pending: list[str] = []
        for text in self.all_texts(self.CREDITS):
            word = text.casefold()
            if word in _WRITERS or word in _EDITORS:
                role = word
                if not self.ROLE_FIRST:
                    (writers if role in _WRITERS else editors).extend(pending)
                    pending = []
            elif self.ROLE_FIRST and role is not None:
                (writers if role in _WRITERS else editors).append(text)
            elif not self.ROLE_FIRST:
                pending.append(text)
        # a credit may name two under one role: "A dan B"
        return people(writers), people(editors)

    @cached_property
    def dom_reporters(self) -> tuple[str, ...]:
        # The credits list names every writer; the byline only the first (two on the 2015 page).
        return self._credits[0] or people(self.all_texts(self.REPORTERS))

    @cached_property
    def dom_editors(self) -> tuple[str, ...]:
        return self._credits[1]

    # -- text ----------------------------------------------------------------------------------
    def dateline(self) -> str | None:
        """The place in the bold lead, which ends where the bold does when the dash is left out."""
        for container in self.BODY[:1]:
            for body in container.nodes(self.scope):
                lead = _LEAD.first(body)
                found = _LEAD_PLACE.match(clean_text(text_of(lead))) if lead is not None else None
                if found:
                    return found["place"]
        return super().dateline()

    def tags(self) -> tuple[str, ...]:
        """The tag links; without them the keywords, less the pseudo-keywords (``Editor:Iskandar``)."""
        links = dedupe(self.all_texts(self.TAGS))
        return links or dedupe([k for k in metadata.keywords(self.doc) if k and not _PSEUDO_KEYWORD.match(k)])

    # -- related -------------------------------------------------------------------------------
    def related(self) -> tuple[RelatedLink, ...]:
        if self.RELATED_CARDS is None:
            return super().related()
        found: dict[str, RelatedLink] = {}
        for card in self.RELATED_CARDS.nodes(self.tree):
            link = self._card(card)
            if link is not None and link.url not in found:
                found[link.url or ""] = link
        return tuple(found.values())

    def _card(self, card: etree._Element) -> RelatedLink | None:
        """A card's article (its first article link), title (the longest link text) and time: shown as
        text ("30 Des 2015 14:18", "about 10 hours ago"), exact in ``time[datetime]``."""
        outlet = self.outlet
        anchors = [a for a in _CARD_LINKS.nodes(card) if outlet.is_article_url(absolute(a.get("href"), self.url))]
        if not anchors:
            return None
        url = outlet.canonicalize(absolute(anchors[0].get("href"), self.url) or "", keep_page=False)
        if outlet.key(url) == outlet.key(self.url):  # the page itself, under any of its spellings
            return None
        titles = [clean_text(text_of(a)) or clean_text(a.get("title")) for a in anchors]
        time = _CARD_TIME.first(card)
        raw = clean_text(text_of(time)) or None if time is not None else None
        exact = parse_date(time.get("datetime")) if time is not None else None
        return RelatedLink(
            title=max(titles, key=len),
            url=url,
            summary=None,
            published_raw=raw,
            published_at=to_iso(exact) if exact else parse_iso_date(raw, self.fetched_at),
        )
