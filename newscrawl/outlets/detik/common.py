"""What detik's templates share (docs/outlets.md, "detik"): the byline with the kanal's label after the
name, the metas' dates that lie about their zone, the dateline standing before the first paragraph,
the related boxes read from their markup (videos included, hrefs with a doubled host), tags from the
tag links first.

What rests on what: the publication on JSON-LD, else the metas ``publishdate`` / ``pubdate`` read as
WIB whatever zone they write, kept to the second only when the visible date agrees to the minute (the
visible one wins otherwise, with a warning); the writer on the byline (JSON-LD ``author`` agrees on
detik); everything else on the markup.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from lxml import etree

from newscrawl import urls
from newscrawl.items import RelatedLink
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.body import BodyParts
from newscrawl.parsers.clean import clean_text, dedupe, split_names, strip_bullet
from newscrawl.parsers.dates import parse_date, to_iso
from newscrawl.parsers.document import ld_text
from newscrawl.parsers.query import Query, text_of
from newscrawl.urls import absolute

# "Vidya Pinandhita - detikHealth", "Fotografer: Grandyos Zafna": the names without label and kanal.
_KANAL_LABEL = re.compile(r"(?:^|\s+)[-–]\s+detik\w*$", re.IGNORECASE)
_ROLE_LABEL = re.compile(r"^(?:fotografer|penulis|reporter)\s*:\s*", re.IGNORECASE)
# The metas' times: "2023-11-02T20-59-53Z", "2015-11-05 T10:08:58Z" (WIB, the Z is false),
# "2023/11/02 20:59:53" (WIB, no zone).
_META_TIME = re.compile(r"^(\d{4})[-/](\d\d)[-/](\d\d)\s*T?\s*(\d\d)[-:](\d\d)[-:](\d\d)Z?$")
# The dateline alone, before the first <p>: "Jakarta -".
_LONE_DATELINE = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s+[-–—]$")
# A link written with its host twice ("http://finance.detik.comhttp://finance.detik.com/readfoto/…").
_LAST_ABSOLUTE = re.compile(r"^.+(?=https?://)")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LINKS = Query("descendant::a[@href]")
# The 2015 videos, no articles but cards of the "Foto Video Terkait" box.
_VIDEO = re.compile(r"^/readvideo/\d{4}/\d\d/\d\d/\d{6}/\d+/\d+/[^/]+/?$")


@lru_cache(maxsize=16)
def _queries(sources: tuple[str, ...]) -> tuple[Query, ...]:
    return tuple(map(Query, sources))


def names(texts: list[str]) -> tuple[str, ...]:
    """The writers of a byline: its names, without the role label before and the kanal after them."""
    return dedupe([n for t in texts for n in split_names(_KANAL_LABEL.sub("", _ROLE_LABEL.sub("", t)))])


def meta_time(value: str | None) -> str | None:
    """A meta's time as WIB without a zone (``2023-11-02 20:59:53``), its false ``Z`` dropped."""
    match = _META_TIME.match((value or "").strip())
    return "{}-{}-{} {}:{}:{}".format(*match.groups()) if match else None


class DetikPage(ArticlePage):
    """The fields every detik template reads the same way; the templates set the selectors."""

    layout = "detik"
    RELATED_TITLE = _HEADINGS

    @cached_property
    def dom_reporters(self) -> tuple[str, ...]:
        # A byline whose name is left out ("- detikHealth", "Fotografer:") names no one: the
        # JSON-LD or meta author then, never the label or the kanal.
        return names(self.all_texts(self.REPORTERS))

    def reporters(self) -> tuple[str, ...]:
        return self.dom_reporters or super().reporters()

    def published_at(self, raw: str | None) -> str | None:
        visible = parse_date(raw, self.fetched_at)
        stated = ld_text(self.doc.ld_article.get("datePublished"))
        meta = meta_time(self.doc.meta.get("publishdate")) or meta_time(self.doc.meta.get("pubdate"))
        machine = parse_date(stated) if stated else parse_date(meta)
        if machine and visible and abs((machine - visible).total_seconds()) >= 60:
            # The meta's time is another article's (one photo story): the page's own wins.
            self.warn("published_at", to_iso(machine), to_iso(visible), "JSON-LD|meta/DOM")
            return to_iso(visible)
        return to_iso(machine or visible)

    @cached_property
    def body_parts(self) -> BodyParts:
        parts = super().body_parts
        first = parts.paragraphs[:2]
        if len(first) == 2 and _LONE_DATELINE.match(first[0]):  # "<strong>Jakarta</strong> - <p>…"
            parts.paragraphs[:2] = [f"{first[0]} {first[1]}"]
            parts.dateline = self.rules.dateline_of(parts.paragraphs[0])
        return parts

    def language(self) -> str | None:
        # A photo story's text is too short to tell: the page's <html lang> says (detik writes Indonesian).
        return super().language() or (self.tree.getroottree().getroot().get("lang") or "").lower()[:2] or None

    def tags(self) -> tuple[str, ...]:
        return dedupe(self.all_texts(self.TAGS)) or super().tags()

    def related(self) -> tuple[RelatedLink, ...]:
        """The cards of the outlet's related boxes in order, each article once: videos and photo
        stories count (the "Foto Video Terkait" box), a doubled host is read as its last URL."""
        found: dict[str, list[etree._Element]] = {}
        here = self.outlet.link_target(self.url) if self.url else None
        for box in (node for query in _queries(self.outlet.related.boxes) for node in query.nodes(self.tree)):
            for anchor in _LINKS.nodes(box):
                href = absolute(_LAST_ABSOLUTE.sub("", anchor.get("href", "")), self.url)
                if href and (self.outlet.match(href) is not None or _VIDEO.match(urls.path_of(href))):
                    url = self.outlet.link_target(href)
                    if url != here:
                        found.setdefault(url, []).append(anchor)
        return tuple(RelatedLink(title=self._card_title(anchors), url=url) for url, anchors in found.items())

    def _card_title(self, anchors: list[etree._Element]) -> str:
        titles = [strip_bullet(clean_text(text_of(next(a.iter(*self.RELATED_TITLE), a)))) for a in anchors]
        titles += [clean_text(img.get("alt")) for a in anchors for img in a.iter("img") if not any(titles)]
        return max(titles, key=len, default="")
