"""One parsed HTML page: the lxml tree, its ``<meta>`` map and its JSON-LD, each computed once."""

from __future__ import annotations

import codecs
import json
import re
from functools import cached_property
from typing import Any

import lxml.html
from lxml import etree

from newscrawl.parsers.clean import clean_text
from newscrawl.parsers.errors import NotAnArticle
from newscrawl.parsers.query import Query

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# C0 controls other than tab/newline/CR break lxml ("All strings must be XML compatible").
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle"}

_META = Query("//meta[@content]")
_LD = Query("//script[@type='application/ld+json']/text()")
_LINK_CANONICAL = Query("//link[@rel='canonical']/@href")


def decode(data: bytes | str) -> str:
    """Bytes to text: BOM, then ``<meta charset>``, then UTF-8, then windows-1252."""
    if isinstance(data, str):
        return data
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii").lower(), errors="strict")
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common: fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("windows-1252", errors="replace")


class Document:
    """An HTML page parsed once; parsers read ``tree``, ``meta`` and ``ld`` from it."""

    def __init__(self, html: str | bytes, url: str | None = None) -> None:
        text = _CONTROL.sub("", decode(html))
        if not text.strip():
            raise NotAnArticle("empty", "empty document")
        try:
            # Bytes with an explicit parser encoding: a str with an XML encoding
            # declaration would make lxml raise ValueError.
            self.tree: lxml.html.HtmlElement = lxml.html.document_fromstring(
                text.encode("utf-8", errors="replace"), parser=_UTF8_PARSER
            )
        except (etree.ParserError, ValueError) as exc:
            raise NotAnArticle("unreadable", f"not parseable as HTML: {exc}") from None
        self.url = url

    @cached_property
    def meta(self) -> dict[str, str]:
        """``<meta name|property=... content=...>``, keys lower-cased, first occurrence wins."""
        found: dict[str, str] = {}
        for node in _META.nodes(self.tree):
            key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower()
            value = clean_text(node.get("content"))
            if key and value and key not in found:
                found[key] = value
        return found

    @cached_property
    def ld(self) -> list[dict[str, Any]]:
        """Every JSON-LD object of the page, ``@graph`` members flattened in."""
        objects: list[dict[str, Any]] = []
        for raw in _LD.strings(self.tree):
            try:
                data = json.loads(raw, strict=False)
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
    def canonical(self) -> str | None:
        """``<link rel=canonical>`` (the https one when several), else ``og:url``."""
        hrefs = [h.strip() for h in _LINK_CANONICAL.strings(self.tree) if h.strip()]
        https = [h for h in hrefs if h.startswith("https://")]
        chosen = https or hrefs
        return chosen[-1] if chosen else self.meta.get("og:url")

    @cached_property
    def title_tag(self) -> str:
        node = self.tree.find(".//title")
        return clean_text(node.text_content()) if node is not None else ""


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
    return [name for name in (ld_text(item) for item in items) if name]
