"""Compiled XPath queries with typed results (lxml's own return type is a wide union)."""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.parsers.clean import clean_text


class Query:
    """An XPath compiled once, at import time; ``nodes``/``strings``/``texts`` narrow the result."""

    __slots__ = ("_xpath", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._xpath = etree.XPath(source)

    def __repr__(self) -> str:
        return f"Query({self.source!r})"

    def _run(self, root: etree._Element) -> list[object]:
        result = self._xpath(root)
        return list(result) if isinstance(result, list) else []

    def nodes(self, root: etree._Element) -> list[HtmlElement]:
        return [n for n in self._run(root) if isinstance(n, HtmlElement)]

    def strings(self, root: etree._Element) -> list[str]:
        return [str(s) for s in self._run(root) if isinstance(s, str)]

    def texts(self, root: etree._Element) -> list[str]:
        """Clean, non-empty text of each match (an attribute/text value or a node's text)."""
        found = (
            clean_text(item if isinstance(item, str) else item.text_content())
            for item in self._run(root)
            if isinstance(item, (str, HtmlElement))
        )
        return [text for text in found if text]

    def first(self, root: etree._Element) -> HtmlElement | None:
        found = self.nodes(root)
        return found[0] if found else None
