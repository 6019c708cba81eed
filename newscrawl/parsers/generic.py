"""The generic layout: an article of a site no outlet package describes (and an outlet's last resort).

It knows no class names. Every field is read from what news pages share, most trusted first:

* JSON-LD ``NewsArticle`` and the ``<meta>`` tags (Open Graph, ``article:*``, ``author``,
  ``keywords``) for title, dates, image, section and tags;
* the **body** by density of paragraph text (``density.py``); its lines then pass the shared body
  rules: "Baca juga" lines go to ``read_also``, the site's boilerplate and the closing credit or
  desk code go, lines that are all links (navigation) go, and a related-box heading ("Read also:",
  "Berita Terkait") ends the body;
* the **header** (``header.py``): labelled reporters and editors, the byline, the visible date;
* the section: the kanal subdomain, else JSON-LD/meta, the byline's section, a breadcrumb;
* dates with the project's date parser (WIB where no zone is given); a modification stated before
  the publication is dropped; a JSON-LD ``author`` that is the publisher is no writer.

Every article it reads says so in ``warnings``: ``layout: generic (no outlet package for <host>)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cached_property

from lxml import etree

from newscrawl import urls
from newscrawl.items import RelatedLink
from newscrawl.parsers import header, metadata
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.blocks import Line, lines_of
from newscrawl.parsers.body import BodyParts, split_body
from newscrawl.parsers.clean import READ_ALSO, clean_text, dedupe, split_names
from newscrawl.parsers.dates import parse_date, to_iso
from newscrawl.parsers.density import body_containers, in_chrome
from newscrawl.parsers.document import Document, ld_names, ld_text
from newscrawl.parsers.query import Query, text_of
from newscrawl.parsers.related import find_related

__all__ = ["LAYOUTS", "GenericPage"]

# A line is navigation, not story, when links hold this share of its text.
LINK_SHARE = 0.5
# Less story text than this (in characters), and the captions of a photo story may tell more.
MIN_STORY = 200
_TAG_LINKS = Query("//a[contains(@href, '/tag/') or contains(@href, '/tags/') or contains(@href, '/topic/')]")
_KEYWORDS = Query("//*[@itemprop='keywords'][not(self::meta)]")
_MENU_LINKS = Query("//nav//a | //*[contains(@class, 'menu') or contains(@id, 'menu') or contains(@id, 'nav')]//a")
_ACTIVE_MENU = Query("//ul/li[contains(concat(' ', normalize-space(@class), ' '), ' active ')]/a[1]")
_IMAGES = Query("//img")
# Images that are no story's picture: logos, icons, buttons, spacers, avatars, ads.
_NOT_PICTURE = re.compile(
    r"logo|icon|button|btn|avatar|spacer|blank|1px|pixel|ads?[/_-]|banner|gal_(?:next|prev)", re.I
)
MIN_PICTURE_WIDTH = 200
# Path segments that name no section: "/berita/…", "/news/…", "/read/…".
_NOT_SECTIONS = frozenset(("berita", "news", "read", "artikel", "article", "detail", "post", "story"))
_PUBLISHED_METAS = ("article:published_time", "publishdate", "publish-date", "pubdate", "datepublished", "date")
# Keywords that are the site's SEO list, not the article's: "berita terkini, berita Indonesia, ...".
_SEO_KEYWORD = re.compile(r"^(?:berita|news|portal|info)\b.*\b(?:terkini|terbaru|indonesia|online|hari ini)$", re.I)


class GenericPage(ArticlePage):
    layout = "generic"
    READS_ANY_PAGE = True
    MARKER = Query("//body")
    TITLE = Query("//h1")

    @classmethod
    def recognise(cls, doc: Document, url: str | None) -> etree._Element | bool:
        return True  # any page: what is no article is refused before (listings) or after (no body)

    def layout_warning(self) -> str:
        if self.outlet.generic:
            host = urls.host_of(self.url) or urls.host_of(self.doc.canonical) or self.outlet.name or "this page"
            return f"layout: generic (no outlet package for {host})"
        return f"layout: generic (no {self.outlet.name} layout matches the page)"

    def warn(self, field: str, first: object, second: object, sources: str = "JSON-LD/DOM") -> None:
        """No source disagreements: the generic reading is a guess already, and says so."""

    @cached_property
    def _site(self) -> str:
        # The site's own word (detik of detik.com), not the outlet's name: a site without a package
        # whose word is an outlet's is named by its whole domain, and "detikcom" is in no byline label
        site = urls.site_name(self.outlet.hosts[0]) if self.outlet.hosts else None
        return re.sub(r"\W", "", site or self.outlet.name).lower()

    @cached_property
    def _site_names(self) -> tuple[str, ...]:
        """The site's name squashed (``kompas``) and the one its pages give (``ihramcoid``)."""
        declared = re.sub(r"\W", "", self.doc.meta.get("og:site_name", "")).lower()
        return tuple(n for n in (self._site, declared) if n)

    def _names_site(self, text: str) -> bool:
        squashed = re.sub(r"\W", "", text).lower()
        return bool(squashed) and any(name in squashed or squashed in name for name in self._site_names)

    @cached_property
    def marks(self) -> header.Marks:
        """One walk over the page: what its markup names for the header."""
        return header.marks(self.tree)

    @cached_property
    def _order(self) -> dict[etree._Element, int]:
        """Each element's place in the page."""
        return self.marks.order

    @cached_property
    def _heading(self) -> etree._Element | None:
        """The headline's element: the first heading that shows the title, else the first ``<h1>``
        outside the chrome (on some sites the ``<h1>`` is the logo)."""
        title = self._title.casefold()
        shown = next((h for h in self.marks.headings if clean_text(text_of(h)).casefold() == title), None)
        if shown is not None:
            return shown
        return next((h for h in self.all_nodes(self.TITLE) if not in_chrome(h)), None)

    @cached_property
    def _title(self) -> str:
        return self.title()

    def _after_heading(self, node: etree._Element) -> bool:
        return self._heading is None or self._order.get(node, 0) > self._order.get(self._heading, 0)

    # -- header ------------------------------------------------------------------------------
    def title(self) -> str:
        ld = ld_text(self.doc.ld_article.get("headline"))
        og = self.without_suffix(self.doc.meta.get("og:title", "")) or self.doc.meta.get("twitter:title", "")
        return ld or og or self.first_text(self.TITLE) or self.without_suffix(self.doc.title_tag)

    def without_suffix(self, title: str) -> str:
        """``Judul | The Jakarta Post``, ``Judul - Kompas.com`` → ``Judul``: a last part naming the site goes."""
        title = super().without_suffix(title)
        parts = re.split(r"\s+(?:[-|–—:]|::)\s+", title)
        if len(parts) > 1 and self._names_site(parts[-1]):
            return title[: title.rfind(parts[-1])].rstrip(" -|–—:")
        return title

    def subtitle(self) -> str | None:
        return ld_text(self.doc.ld_article.get("alternativeHeadline")) or None

    @cached_property
    def people(self) -> header.People:
        return header.labelled_people(self.marks)

    @cached_property
    def byline(self) -> header.Byline:
        menu = {clean_text(text_of(a)).casefold() for a in _MENU_LINKS.nodes(self.tree)} - {""}
        return header.byline(self.marks, menu, self._site)

    @cached_property
    def dom_reporters(self) -> tuple[str, ...]:
        return dedupe(self.people.reporters) or self.byline.reporters

    @cached_property
    def dom_editors(self) -> tuple[str, ...]:
        return dedupe(self.people.editors)

    def reporters(self) -> tuple[str, ...]:
        editors = {n.casefold() for n in self.editors()}
        if self.dom_reporters:
            return tuple(n for n in self.dom_reporters if n.casefold() not in editors)
        # A JSON-LD author that is the publisher ("Kompas Cyber Media") or an editor is no writer.
        people = [p for p in _persons(self.doc.ld_article.get("author")) if not self._names_site(p)]
        fallback = people or [n for n in split_names(self.doc.meta.get("author", "")) if not self._names_site(n)]
        return dedupe([n for n in fallback if n.casefold() not in editors and "@" not in n and "/" not in n])

    def editors(self) -> tuple[str, ...]:
        return self.dom_editors or dedupe(ld_names(self.doc.ld_article.get("editor")))

    def published_at_raw(self) -> str | None:
        if self.byline.date:
            return self.byline.date
        body = self.containers[0] if self.containers else None
        return header.visible_date(self.marks, self._heading, body)

    def published_at(self, raw: str | None) -> str | None:
        machine = parse_date(ld_text(self.doc.ld_article.get("datePublished")))
        machine = machine or next((d for d in map(parse_date, map(self.doc.meta.get, _PUBLISHED_METAS)) if d), None)
        return to_iso(machine or parse_date(raw, self.fetched_at))

    def modified_at(self) -> str | None:
        modified = metadata.modified(self.doc)
        published = parse_date(self.published_at(self.raw_date))
        if modified and published and modified < published:
            return None  # a modification before the publication is no modification
        return to_iso(modified)

    def section(self) -> str | None:
        kanal = self.outlet.section_of(self.url)
        if kanal:
            return kanal
        ld = ld_text(self.doc.ld_article.get("articleSection")) or self.doc.meta.get("article:section", "")
        for name in (ld, metadata.rubric(self.doc) or "", self.byline.section or "", self._section_in_path()):
            if name and not self._names_site(name):
                return metadata.slug(name) or None
        # The breadcrumb (a class may name the menu's path too) and the menu's highlighted item.
        crumbs = [a for crumb in self.marks.crumbs for a in crumb.iter("a")]
        for links in (crumbs, _ACTIVE_MENU.nodes(self.tree)):
            names = [clean_text(text_of(a)) for a in links]
            name = next((n for n in names if n and not metadata.is_home(n) and not self._names_site(n)), "")
            if name:
                return metadata.slug(name) or None
        return None

    def _section_in_path(self) -> str:
        """The URL's first path segment, when the site's menu has a link of that name
        (``www.tribunnews.com/pendidikan/…`` and its menu's "Pendidikan")."""
        segment = urls.path_of(self.url).strip("/").split("/")[0].lower()
        if not segment or segment in _NOT_SECTIONS:
            return ""
        links = _MENU_LINKS.nodes(self.tree)
        labels = {metadata.slug(clean_text(text_of(a))) for a in links}
        labels |= {urls.path_of(urls.absolute(a.get("href"), self.url)).strip("/").lower() for a in links}
        return segment if segment in labels else ""

    # -- body ----------------------------------------------------------------------------------
    @cached_property
    def containers(self) -> list[etree._Element]:
        return body_containers(self.tree)

    @cached_property
    def body_parts(self) -> BodyParts:
        lines = lines_of(self.containers, self._header_nodes)
        parts = split_body(_story_lines(lines, self.outlet.related.is_heading), self.rules, self.url)
        if sum(map(len, parts.paragraphs)) < MIN_STORY and not self.doc.ld_article.get("articleBody"):
            # No story text (a photo story): its pictures' captions tell it, when they say more.
            captions = [clean_text(text_of(n)) for n in self.marks.captions if not in_chrome(n, itself=False)]
            captions = list(dict.fromkeys(c for c in captions if c))
            if sum(map(len, captions)) > sum(map(len, parts.paragraphs)):
                parts.paragraphs = captions
                self._told_by_captions = True
        return parts

    _told_by_captions = False

    def not_body_texts(self) -> list[str]:
        """A photo story told by its captions has them as the pictures' alt texts too: they stay."""
        return [] if self._told_by_captions else super().not_body_texts()

    def dateline(self) -> str | None:
        return self.body_parts.dateline or self.byline.dateline

    def image_caption(self) -> str | None:
        found = metadata.image(self.doc)[1]
        if found:
            return found
        node = self._caption
        return clean_text(text_of(node)) if node is not None else None

    @cached_property
    def _caption(self) -> etree._Element | None:
        """The first caption outside the chrome (a ``<figcaption>``, an element named for captions)."""
        for node in self.marks.captions:
            text = clean_text(text_of(node))
            if text and not in_chrome(node, itself=False) and not self.rules.is_boilerplate(text):
                return node
        return None

    def image_url(self) -> str | None:
        found = super().image_url()
        if found and "." not in urls.path_of(found).rsplit("/", 1)[-1] and "?" not in found:
            found = None  # "http://img.antaranews.com/new": an address that names no file
        if found or self.doc.meta.get("og:image"):
            return found
        # No image in the metas: the first picture after the headline, else the first in a <figure>.
        pictures = [img for img in _IMAGES.nodes(self.tree) if _is_picture(img, img.get("src") or "")]
        pictures = [img for img in pictures if not in_chrome(img, itself=False)]
        lead = next((img for img in pictures if self._after_heading(img)), None)
        if lead is None:
            lead = next((img for img in pictures if any(a.tag == "figure" for a in img.iterancestors())), None)
        return urls.absolute(lead.get("src"), self.url) if lead is not None else None

    def tags(self) -> tuple[str, ...]:
        """The page's tag links after the headline (those before it are the site's trending topics),
        else its microdata keywords, else its JSON-LD and meta keywords without the SEO list."""
        links = [clean_text(text_of(a)).lstrip("#").strip() for a in _TAG_LINKS.nodes(self.tree) if self._is_tag(a)]
        marked = [clean_text(k) for node in _KEYWORDS.nodes(self.tree) for k in text_of(node).split(",")]
        keywords = [k for k in metadata.keywords(self.doc) if ":" not in k and not _SEO_KEYWORD.match(k)]
        return dedupe(links) or dedupe(marked) or dedupe([clean_text(k) for k in keywords])

    def _is_tag(self, link: etree._Element) -> bool:
        """A tag link of the article: in its column (around the headline and the story), not the site's
        trending topics in the header or a sidebar."""
        parent = link.getparent()
        region = self._region
        in_region = region is None or region in link.iterancestors()
        return in_region and self._after_heading(link) and (parent is None or not in_chrome(parent))

    @cached_property
    def _region(self) -> etree._Element | None:
        """The article's column: the smallest element holding the headline and the story."""
        if not self.containers:
            return None
        heading = self._heading
        for ancestor in self.containers[0].iterancestors():
            if heading is None or ancestor in heading.iterancestors():
                return ancestor
        return None

    def related(self) -> tuple[RelatedLink, ...]:
        return find_related(self.tree, self.url, self.fetched_at, self.outlet, skip=self._in_body)

    def _in_body(self, heading: etree._Element) -> bool:
        """A "Baca juga" label inside the story, whose link is ``read_also``, heads no box."""
        return READ_ALSO.match(clean_text(text_of(heading))) is not None and any(
            container in heading.iterancestors() for container in self.containers
        )

    @cached_property
    def _header_nodes(self) -> frozenset[etree._Element]:
        found = set(super()._header_nodes) | set(self.people.nodes)
        if self._caption is not None:
            found.add(self._caption)
        if self.byline.node is not None:
            found.add(self.byline.node)
        return frozenset(found)


def _story_lines(lines: list[Line], is_heading: Callable[[str], bool]) -> Iterator[Line]:
    """The body's lines up to a related box's heading, without navigation lines (mostly links), but
    for the link a "Baca juga" label announces."""
    label = False
    for line in lines:
        if is_heading(line.text) and READ_ALSO.match(line.text) is None:
            return  # "Read also:", "Berita Terkait": the related box, after the story
        linked = sum(len(clean_text(anchor)) for _, anchor in line.links)
        if not label and line.links and linked >= LINK_SHARE * len(line.text) and not READ_ALSO.match(line.text):
            continue
        found = READ_ALSO.match(line.text)
        label = found is not None and not found["title"]
        yield line


def _is_picture(img: etree._Element, src: str) -> bool:
    """An image that may be the story's picture: not a logo, icon or button, not declared small."""
    width = img.get("width", "")
    return bool(src) and not _NOT_PICTURE.search(src) and not (width.isdigit() and int(width) < MIN_PICTURE_WIDTH)


def _persons(value: object) -> list[str]:
    """JSON-LD persons, leaving organizations out."""
    items = value if isinstance(value, list) else [value]
    people = (item for item in items if not (isinstance(item, dict) and item.get("@type") == "Organization"))
    return [name for item in people for name in ld_names(item)]


LAYOUTS: tuple[type[ArticlePage], ...] = (GenericPage,)
