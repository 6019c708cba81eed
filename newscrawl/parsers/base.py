"""What every HTML layout of every outlet shares: JSON-LD first, then ``<meta>``, then the layout's DOM.

A layout class (Tempo's ``e0.py`` … ``e3.py``, the generic layout, an outlet's ``<outlet>-<year>``)
sets its selectors as class constants and overrides only the DOM side of a field. One small method
per ``Article`` field; ``to_article()`` assembles them and records disagreements between sources in
``warnings``. The page's outlet (``newscrawl.outlets``) gives the URL rules (ids, canonical form,
sections), the text rules (datelines, credits, boilerplate, title suffix) and the related blocks.
"""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from typing import ClassVar

from lxml import etree

from newscrawl import outlets, urls
from newscrawl.items import Article, Link, RelatedLink
from newscrawl.outlets.base import Outlet
from newscrawl.outlets.rules import TextRules
from newscrawl.parsers import metadata
from newscrawl.parsers.blocks import lines_of
from newscrawl.parsers.body import BodyParts, split_body
from newscrawl.parsers.byline import read_byline
from newscrawl.parsers.clean import clean_text, dedupe, people, split_names, word_overlap
from newscrawl.parsers.dates import parse_date, to_iso
from newscrawl.parsers.document import Document, ld_names, ld_text
from newscrawl.parsers.errors import NotAnArticle
from newscrawl.parsers.highlights import IN_PAGE as HIGHLIGHTS_IN_PAGE
from newscrawl.parsers.highlights import IN_PAGE_WORD as HIGHLIGHTS_WORD
from newscrawl.parsers.highlights import find_highlights
from newscrawl.parsers.invariants import enforce
from newscrawl.parsers.language import guess_language
from newscrawl.parsers.query import Query, nodes_in, text_of, texts_in
from newscrawl.parsers.related import find_related


class ArticlePage:
    """An article page of one layout; subclasses fill in the DOM selectors."""

    layout: ClassVar[str]
    """The layout's name, stored in ``Article.layout``: ``E2``, ``kompas-2023``, ``generic``."""
    MARKER: ClassVar[Query]
    """Matches only on pages of this layout."""
    SCOPE: ClassVar[Query | None] = None
    """The article's container; relative (``.//``) field queries run inside it."""
    TITLE: ClassVar[Query] = Query("//h1")
    SUBTITLE: ClassVar[Query | None] = None
    DATE: ClassVar[Query | None] = None
    REPORTERS: ClassVar[Query | None] = None
    EDITORS: ClassVar[Query | None] = None
    BYLINE: ClassVar[Query | None] = None
    """Containers of the labelled byline ("Reporter ... Editor ...")."""
    IMAGE: ClassVar[Query | None] = None
    CAPTION: ClassVar[Query | None] = None
    BODY: ClassVar[tuple[Query, ...]] = ()
    """Fallback chain: the first query that matches gives the body containers."""
    TAGS: ClassVar[Query | None] = None
    BREADCRUMB: ClassVar[Query | None] = None
    NEXT_PAGE: ClassVar[Query] = Query(
        "//link[@rel='next']/@href | //a[@rel='next']/@href"
        " | //a[contains(@href, 'page_num=') or contains(@href, 'page=')]/@href"
    )
    PREMIUM: ClassVar[Query | None] = None
    HAS_KEY_POINTS: ClassVar[bool] = False
    """Whether the layout shows a "Poin penting" block (only the current one does)."""
    READS_ANY_PAGE: ClassVar[bool] = False
    """Whether the layout takes any page (the generic one, kept last by an outlet): it says nothing
    of whose a page without an address is."""

    def __init__(
        self,
        doc: Document,
        url: str | None,
        fetched_at: datetime | None = None,
        marker: etree._Element | None = None,
        outlet: Outlet | None = None,
    ) -> None:
        self.doc = doc
        self._marker = marker
        self.outlet = outlet or outlets.outlet_of(url or doc.canonical) or outlets.generic_for("")
        self.rules: TextRules = self.outlet.text
        self.tree = doc.tree
        self.url = url
        self.fetched_at = fetched_at
        self._warnings: list[str] = []
        self._found: dict[Query, list[object]] = {}

    @classmethod
    def recognise(cls, doc: Document, url: str | None) -> etree._Element | bool:
        """Whether ``doc`` is a page of this layout: the element its ``MARKER`` finds (or
        ``False``). The outlet's layouts are asked in their order; the first that says yes reads
        the page. A layout known by something other than an element returns ``True``."""
        marker = cls.MARKER.first(doc.tree)
        return marker if marker is not None else False

    # -- helpers -----------------------------------------------------------------
    def first_text(self, query: Query | None) -> str:
        texts = self.all_texts(query)
        return texts[0] if texts else ""

    def all_texts(self, query: Query | None) -> list[str]:
        return texts_in(self.found(query))

    def all_nodes(self, query: Query | None) -> list[etree._Element]:
        return nodes_in(self.found(query))

    def found(self, query: Query | None) -> list[object]:
        """What ``query`` finds in the article's scope, searched once per page (fields and the
        header nodes the body leaves out read the same results)."""
        if query is None:
            return []
        if query not in self._found:
            self._found[query] = query.results(self.scope)
        return self._found[query]

    @cached_property
    def scope(self) -> etree._Element:
        if self.SCOPE is self.MARKER and self._marker is not None:
            return self._marker  # already found when the era was chosen
        found = self.SCOPE.first(self.tree) if self.SCOPE is not None else None
        return found if found is not None else self.tree

    def warn(self, field: str, first: object, second: object, sources: str = "JSON-LD/DOM") -> None:
        self._warnings.append(f"{field}: {sources} disagree: {first!r} != {second!r}")

    # -- fields --------------------------------------------------------------------
    def canonical_url(self) -> str | None:
        declared = outlets.link_target(self.doc.canonical, self.url)
        if declared:
            return declared
        return self.outlet.canonicalize(self.url, keep_page=False) if self.url else None

    def article_id(self) -> int | None:
        return self.outlet.article_id(self.url) or self.outlet.article_id(self.canonical_url())

    def site(self) -> str | None:
        return urls.host_of(self.url)

    def outlet_name(self) -> str | None:
        return self.outlet.name or None

    def section(self) -> str | None:
        from_url = self.outlet.section_of(self.url) or self.outlet.section_of(self.canonical_url())
        if from_url:
            return from_url
        crumbs = [c for c in self.all_texts(self.BREADCRUMB) if not metadata.is_home(c)]
        name = crumbs[0] if crumbs else ld_text(self.doc.ld_article.get("articleSection"))
        return metadata.rubric(self.doc) or metadata.slug(name) or None

    def without_suffix(self, title: str) -> str:
        """``title`` without the site's name after it (the outlet's ``TextRules.title_suffix``)."""
        suffix = self.rules.title_suffix
        return suffix.sub("", title) if suffix is not None else title

    def title(self) -> str:
        dom = self.first_text(self.TITLE)
        ld = ld_text(self.doc.ld_article.get("headline"))
        og = self.without_suffix(self.doc.meta.get("og:title", ""))
        best = ld or og or dom or self.without_suffix(self.doc.title_tag)
        if dom and best != dom:
            self.warn("title", best, dom, "JSON-LD/DOM" if ld else "meta/DOM")
        return best

    def subtitle(self) -> str | None:
        return self.first_text(self.SUBTITLE) or None

    @cached_property
    def _highlights(self) -> tuple[tuple[str, ...], list[etree._Element]]:
        mentioned = self.HAS_KEY_POINTS and self.doc.may_contain(HIGHLIGHTS_WORD, HIGHLIGHTS_IN_PAGE)
        return find_highlights(self.scope) if mentioned else ((), [])

    def highlights(self) -> tuple[str, ...]:
        return self._highlights[0]

    @cached_property
    def dom_reporters(self) -> tuple[str, ...]:
        if self.REPORTERS is not None:
            found = people(self.all_texts(self.REPORTERS))
            if found:
                return found
        return self._byline[0]

    @cached_property
    def dom_editors(self) -> tuple[str, ...]:
        if self.EDITORS is not None:
            found = people(self.all_texts(self.EDITORS))
            if found:
                return found
        return self._byline[1]

    @cached_property
    def _byline(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if self.BYLINE is None:
            return (), ()
        texts = [t for node in self.all_nodes(self.BYLINE) for t in map(str, node.itertext()) if not t.isspace()]
        return read_byline(texts)

    def reporters(self) -> tuple[str, ...]:
        # The labelled byline wins over JSON-LD author and <meta name=author>: it is the
        # only source that keeps reporter and editor apart (see byline.py). For the same
        # reason a JSON-LD/meta author whom the byline labels as editor is no reporter.
        dom = self.dom_reporters
        editors = {n.casefold() for n in self.dom_editors}
        ld = dedupe(ld_names(self.doc.ld_article.get("author")))
        if dom and ld and {n.casefold() for n in dom} != {n.casefold() for n in ld}:
            self.warn("reporters", list(ld), list(dom))
        if dom:
            return dom
        fallback = ld or split_names(self.doc.meta.get("author", ""))
        return dedupe([n for n in fallback if n.casefold() not in editors and not self.is_site_name(n)])

    def is_site_name(self, name: str) -> bool:
        """Whether an author the metas or the JSON-LD give is the outlet itself ("Liputan6.com",
        "Kompas Cyber Media"): its publisher, no reporter."""
        pattern = self.outlet.site_names
        return pattern is not None and pattern.search(name) is not None

    def editors(self) -> tuple[str, ...]:
        dom = self.dom_editors
        ld = dedupe(ld_names(self.doc.ld_article.get("editor")))
        if dom and ld and {n.casefold() for n in dom} != {n.casefold() for n in ld}:
            self.warn("editors", list(ld), list(dom))
        return dom or ld

    def published_at_raw(self) -> str | None:
        return self.first_text(self.DATE) or None

    @cached_property
    def raw_date(self) -> str | None:
        """``published_at_raw()``, read once."""
        return self.published_at_raw()

    def published_at(self, raw: str | None) -> str | None:
        """The best machine date (JSON-LD, then meta), else ``raw``, the visible one, parsed."""
        visible = parse_date(raw, self.fetched_at)
        machine = metadata.published(self.doc)
        if machine and visible and abs((machine - visible).total_seconds()) >= 60:
            self.warn("published_at", to_iso(machine), to_iso(visible), "JSON-LD|meta/DOM")
        return to_iso(machine or visible)

    def modified_at(self) -> str | None:
        return to_iso(metadata.modified(self.doc))

    @cached_property
    def body_parts(self) -> BodyParts:
        # BODY is a fallback chain; the first selector that matches may match several
        # nodes (E3 repeats id="content-wrapper" around its ads).
        containers = next((found for found in (query.nodes(self.scope) for query in self.BODY) if found), [])
        return split_body(lines_of(_outermost(containers), self._header_nodes), self.rules, self.url)

    @cached_property
    def _header_nodes(self) -> frozenset[etree._Element]:
        """The nodes the header fields were read from, and the key points: templates that
        put the headline and the date inside the body container (E1 cekfakta) must not
        have them read twice."""
        nodes = [found[0] for found in map(self.all_nodes, (self.TITLE, self.SUBTITLE, self.CAPTION)) if found]
        raw = self.raw_date
        if raw:
            nodes += [n for n in self.all_nodes(self.DATE) if clean_text(text_of(n)) == raw]
        return frozenset((*nodes, *self.all_nodes(self.BYLINE), *self._highlights[1]))

    def not_body_texts(self) -> list[str]:
        """Texts of the page that are never story text: image alt texts, JSON-LD breadcrumb names."""
        alts = [clean_text(img.get("alt")) for img in self.scope.iter("img")]
        return [t for t in (*alts, *metadata.rubric_names(self.doc)) if t]

    def body(self) -> str:
        dom = self.body_parts.body
        ld = clean_text(ld_text(self.doc.ld_article.get("articleBody")))
        if not dom and ld:
            self._warnings.append("body: DOM body empty, taken from JSON-LD articleBody")
            return ld
        if dom and ld:
            overlap = word_overlap(ld, dom)
            if overlap < 0.8:
                self._warnings.append(f"body: JSON-LD articleBody and DOM body differ ({overlap:.0%} word overlap)")
        return dom

    def dateline(self) -> str | None:
        return self.body_parts.dateline

    def credit(self) -> str | None:
        return self.body_parts.credit

    def image_url(self) -> str | None:
        return urls.absolute(metadata.image(self.doc)[0] or self.first_text(self.IMAGE), self.url)

    def image_caption(self) -> str | None:
        return metadata.image(self.doc)[1] or self.first_text(self.CAPTION) or None

    def tags(self) -> tuple[str, ...]:
        return dedupe(metadata.keywords(self.doc)) or dedupe(self.all_texts(self.TAGS))

    def editor_pick(self) -> Link | None:
        return self.body_parts.editor_pick

    def related(self) -> tuple[RelatedLink, ...]:
        return find_related(self.tree, self.url, self.fetched_at, self.outlet)

    def read_also(self) -> tuple[Link, ...]:
        return tuple(self.body_parts.read_also)

    def is_premium(self) -> bool:
        free = metadata.is_free(self.doc)
        if free is not None:
            return not free
        return bool(self.all_nodes(self.PREMIUM))

    def language(self) -> str | None:
        # The text outranks declarations: templates hard-code them (E2 pages say
        # <html lang="en"> and og:locale id_ID whatever the article's language).
        declared = metadata.declared_language(self.doc)
        read = guess_language(self.body_parts.body)
        if read and declared and read != declared:
            self._warnings.append(f"language: declared {declared!r} but the text reads as {read!r}")
        return read or declared or None

    def next_page_url(self) -> str | None:
        """The URL of the article's next page (``rel=next`` or a pager link), if any."""
        if not self.url:
            return None
        outlet = self.outlet
        here = outlet.canonicalize(self.url, keep_page=False)
        wanted = outlet.page_number(self.url) + 1
        for href in self.NEXT_PAGE.strings(self.tree):
            url = urls.absolute(href, self.url)
            if url and outlet.canonicalize(url, keep_page=False) == here and outlet.page_number(url) == wanted:
                return outlet.canonicalize(url)
        return None

    def layout_warning(self) -> str | None:
        """What the article's warnings say first of how the page was read (the generic layout, a
        fallback): ``None`` for a layout that knows the page."""
        return None

    def to_article(self) -> Article:
        layout_warning = self.layout_warning()
        self._warnings = [layout_warning] if layout_warning else []
        if self.doc.cut_short:
            self._warnings.append(f"document: not read to the end: {self.doc.cut_short}")
        if self.doc.nul_bytes:
            self._warnings.append(f"document: {self.doc.nul_bytes} NUL bytes, dropped from the text as browsers do")
        raw_date = self.raw_date
        article = Article(
            url=self.url,
            canonical_url=self.canonical_url(),
            article_id=self.article_id(),
            site=self.site(),
            outlet=self.outlet_name(),
            section=self.section(),
            layout=self.layout,
            title=self.title(),
            subtitle=self.subtitle(),
            highlights=self.highlights(),
            reporters=self.reporters(),
            editors=self.editors(),
            published_at=self.published_at(raw_date),
            published_at_raw=raw_date,
            modified_at=self.modified_at(),
            dateline=self.dateline(),
            body=self.body(),
            credit=self.credit(),
            image_url=self.image_url(),
            image_caption=self.image_caption(),
            tags=self.tags(),
            editor_pick=self.editor_pick(),
            related=self.related(),
            read_also=self.read_also(),
            is_premium=self.is_premium(),
            language=self.language(),
            pages=1,
            warnings=tuple(self._warnings),
        )
        if self.doc.cut_short and not article.body:
            raise NotAnArticle("parser-limit", f"the text lies past where the parser stopped: {self.doc.cut_short}")
        return enforce(article, self.not_body_texts(), self.rules)


def _outermost(nodes: list[etree._Element]) -> list[etree._Element]:
    """Drop nodes nested in an earlier node (XPath results come in document order)."""
    chosen: list[etree._Element] = []
    for node in nodes:
        if not any(parent in chosen for parent in node.iterancestors()):
            chosen.append(node)
    return chosen
