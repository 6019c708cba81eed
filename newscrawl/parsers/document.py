"""One parsed HTML page: the lxml tree, its ``<meta>`` map and its JSON-LD, each computed once."""

from __future__ import annotations

import codecs
import json
import re
from functools import cached_property
from typing import Any

from lxml import etree

from newscrawl.parsers.clean import NUL_MARK, clean_text
from newscrawl.parsers.errors import NotAnArticle
from newscrawl.parsers.query import text_of

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_UTF8_ELSE_CP1252 = "newscrawl-utf8-else-cp1252"
# lxml.etree, not lxml.html: the same libxml2 parser without lxml.html's Python-level
# element class lookup, which made every element access three times slower. huge_tree:
# without it libxml2 stops reading at 256 levels of nesting or a 10 MB text run and drops
# the rest of the page without a word; a page's size is bounded by DOWNLOAD_MAXSIZE instead.
# Where a NUL byte is no text: in a tag (an attribute value) or a script (see Document).
_NOT_TEXT_WITH_NUL = re.compile(rb"<script\b.*?</script\s*>|<[^<>\0]*\0[^<>]*>", re.IGNORECASE | re.DOTALL)
_MARK = NUL_MARK.encode()
_UTF8_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle"}


def _utf8_else_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: bytes that are not UTF-8 are read as windows-1252 (latin-1 text in a
    page, or pasted into a UTF-8 one); a character cut off by the end of the data is dropped."""
    assert isinstance(error, UnicodeDecodeError)
    if error.reason == "unexpected end of data":
        return "", error.end
    return error.object[error.start : error.end].decode("windows-1252", errors="replace"), error.end


codecs.register_error(_UTF8_ELSE_CP1252, _utf8_else_cp1252)


def decode(data: bytes | str) -> str:
    """Bytes to text: a BOM, else UTF-8 when the bytes are valid UTF-8, else the declared
    ``<meta charset>`` unless it says UTF-8, else UTF-8 with every byte that is not UTF-8
    read as windows-1252.

    Validity comes before the declaration because declarations lie both ways (latin-1
    bytes labelled UTF-8 and the reverse), while non-ASCII bytes that happen to be
    valid UTF-8 almost always are UTF-8. The last step reads a latin-1 page as latin-1,
    and keeps a UTF-8 page UTF-8 when it has a few stray latin-1 bytes or was cut off
    inside a character, where decoding the whole page as windows-1252 would garble it.
    """
    if isinstance(data, str):
        return data
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            encoding = codecs.lookup(declared.group(1).decode("ascii")).name
            if encoding != "utf-8":
                return data.decode(encoding, errors="strict")
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("utf-8", errors=_UTF8_ELSE_CP1252)


def _is_plain_utf8(data: bytes) -> bool:
    """Bytes lxml can take as they are: valid UTF-8 without a BOM. (Control characters are
    fine: NUL is dropped before parsing, and ``clean_text`` drops the others.)"""
    if data.startswith(tuple(bom for bom, _ in _BOMS)):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class Document:
    """An HTML page parsed once; parsers read ``tree``, ``meta`` and ``ld`` from it."""

    def __init__(self, html: str | bytes, url: str | None = None) -> None:
        # lxml gets UTF-8 bytes and is told so: a str with an XML encoding declaration
        # would make it raise ValueError.
        if isinstance(html, bytes) and _is_plain_utf8(html):
            data = html
        else:
            data = decode(html).encode("utf-8", errors="replace")
        self.nul_bytes = data.count(b"\0") if b"\0" in data else 0  # the test is a memchr: cheaper
        """NUL bytes in the page: dropped from its text, as browsers do."""
        if self.nul_bytes:
            # Browsers drop NUL from text but read U+FFFD in attribute values and scripts: there
            # it becomes NUL_MARK, which text drops and URLs refuse. Dropped, it would join what it
            # separates, and a link to /read/18314<NUL>02/ would name article 1831402.
            data = _NOT_TEXT_WITH_NUL.sub(lambda found: found[0].replace(b"\0", _MARK), data)
            data = data.replace(b"\0", b"")
        cut = data.rfind(b"<")
        if cut > data.rfind(b">"):  # cut off inside a tag: its "<" or "</" is no text
            data = data[:cut]
        if not data.strip():
            raise NotAnArticle("empty", "empty document")
        try:
            tree = etree.fromstring(data, parser=_UTF8_PARSER)
        except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
            raise NotAnArticle("unreadable", f"not parseable as HTML: {exc}") from None
        if tree is None:
            raise NotAnArticle("empty", "no HTML elements")
        self.tree: etree._Element = tree
        self.url = url
        self._data = data
        self.cut_short = next(
            (e.message.split(",")[0] for e in _UTF8_PARSER.error_log if e.type_name == "ERR_RESOURCE_LIMIT"), None
        )
        """Why libxml2 stopped before the end of the page (``Excessive depth in document: 2048``), if it did."""

    def may_contain(self, word: bytes, pattern: re.Pattern[bytes]) -> bool:
        """Whether the page's bytes hold ``word`` (lower or upper case) and, lower-cased, match
        ``pattern``: a test in microseconds before a search of the tree that takes milliseconds."""
        if word not in self._data and word.upper() not in self._data:
            return False
        return pattern.search(self._data.lower()) is not None

    @cached_property
    def _head(self) -> dict[str, list[etree._Element]]:
        # One pass with lxml's C-level tag filter: six times faster than the XPath union.
        found: dict[str, list[etree._Element]] = {"meta": [], "script": [], "link": [], "title": []}
        for node in self.tree.iter("meta", "script", "link", "title"):
            tag = str(node.tag)  # read once: lxml builds the name anew on every read
            if (
                tag == "title"
                or (tag == "meta" and node.get("content") is not None)
                or (tag == "script" and (node.get("type") or "").strip().lower() == "application/ld+json")
                or (tag == "link" and (node.get("rel") or "").strip().lower() == "canonical")
            ):
                found[tag].append(node)
        return found

    @cached_property
    def _metas(self) -> list[tuple[str, str]]:
        """Each ``<meta>``'s name (``property``, ``name`` or ``itemprop``, lower-cased) and content, in order."""
        return [
            (
                (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower(),
                node.get("content") or "",
            )
            for node in self._head["meta"]
        ]

    @cached_property
    def meta(self) -> dict[str, str]:
        """``<meta name|property=... content=...>``, keys lower-cased, first occurrence wins."""
        found: dict[str, str] = {}
        for key, content in self._metas:
            if key and key not in found:
                value = clean_text(content)
                if value:
                    found[key] = value
        return found

    @cached_property
    def ld(self) -> list[dict[str, Any]]:
        """Every JSON-LD object of the page, ``@graph`` members flattened in."""
        objects: list[dict[str, Any]] = []
        for script in self._head["script"]:
            try:
                data = json.loads(script.text or "", strict=False)
            except (ValueError, RecursionError):
                continue
            _flatten_ld(data, objects)
        return objects

    @cached_property
    def ld_article(self) -> dict[str, Any]:
        """The page's NewsArticle (or Article...) JSON-LD object, ``{}`` when there is none."""
        for obj in self.ld:
            if _ld_types(obj) & _ARTICLE_TYPES:
                return obj
        return {}

    @cached_property
    def ld_breadcrumbs(self) -> list[list[tuple[str, str | None]]]:
        """Each JSON-LD BreadcrumbList as ``(name, item URL)`` pairs in position order."""
        found = []
        for obj in self.ld:
            if "breadcrumblist" not in _ld_types(obj) or not isinstance(obj.get("itemListElement"), list):
                continue
            items = [i for i in obj["itemListElement"] if isinstance(i, dict)]
            items.sort(key=_position)
            found.append([(ld_text(i.get("name") or i.get("item")), _item_url(i.get("item"))) for i in items])
        return found

    @cached_property
    def canonical(self) -> str | None:
        """``<link rel=canonical>`` (the https one when several), else ``og:url``."""
        hrefs = [h for h in (_url(node.get("href")) for node in self._head["link"]) if h]
        chosen = [h for h in hrefs if h.startswith("https://")] or hrefs
        return chosen[-1] if chosen else self.meta_url("og:url")

    def meta_url(self, key: str) -> str | None:
        """A URL-valued ``<meta>`` (``og:url``, ``og:image``); ``None`` where a NUL damaged it."""
        return next((_url(content) for name, content in self._metas if name == key), None)

    @cached_property
    def title_tag(self) -> str:
        titles = self._head["title"]
        return clean_text(text_of(titles[0])) if titles else ""


def _url(value: str | None) -> str | None:
    """An attribute holding a URL, cleaned; ``None`` if empty or damaged by a NUL byte."""
    return None if not value or NUL_MARK in value else clean_text(value) or None


def _flatten_ld(data: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 5:
        return
    if isinstance(data, list):
        for item in data:
            _flatten_ld(item, out, depth + 1)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if isinstance(graph, list):
            _flatten_ld(graph, out, depth + 1)
        if "@type" in data:
            out.append(data)


def _ld_types(obj: dict[str, Any]) -> set[str]:
    types = obj.get("@type")
    if isinstance(types, str):
        return {types.lower()}
    if isinstance(types, list):
        return {t.lower() for t in types if isinstance(t, str)}
    return set()


def _position(item: dict[str, Any]) -> int:
    position = item.get("position")
    return position if isinstance(position, int) else 0


def _item_url(item: Any) -> str | None:
    """A ListItem's ``item``: a URL, or an object with ``@id``/``url``."""
    if isinstance(item, dict):
        item = item.get("@id") or item.get("url")
    return item if isinstance(item, str) and item.strip() else None


def ld_text(value: Any) -> str:
    """A JSON-LD value as clean text (``{"name": ...}`` objects give their name)."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("url") or ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return clean_text(value) if isinstance(value, str) else ""


def ld_names(value: Any) -> list[str]:
    """Person names from a JSON-LD ``author``/``editor`` value (object, list or string)."""
    items = value if isinstance(value, list) else [value]
    # A person without a name is no name, though ld_text would give its profile URL
    named = (ld_text(item.get("name")) if isinstance(item, dict) else ld_text(item) for item in items)
    return [name for name in named if name]
