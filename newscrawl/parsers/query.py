"""Compiled XPath queries with typed results (lxml's own return type is a wide union)."""

from __future__ import annotations

import re

from lxml import etree

from newscrawl.parsers.clean import clean_text

_STRING = etree.XPath("string()")


def text_of(node: etree._Element) -> str:
    """All text inside ``node`` (XPath ``string()``, done in C; a node without children is its
    own text, read without the XPath call, which costs four times as much)."""
    if not len(node):
        return node.text or ""
    return str(_STRING(node))


class Query:
    """An XPath compiled once, at import time; ``nodes``/``strings``/``texts`` narrow the result."""

    __slots__ = ("_xpath", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._xpath = etree.XPath(_guard_class_tokens(_descendant_axis(source)))

    def __repr__(self) -> str:
        return f"Query({self.source!r})"

    def results(self, root: etree._Element) -> list[object]:
        """What the XPath finds under ``root``: nodes and strings (``nodes_in``/``texts_in`` narrow them)."""
        result = self._xpath(root)
        return list(result) if isinstance(result, list) else []

    def nodes(self, root: etree._Element) -> list[etree._Element]:
        return nodes_in(self.results(root))

    def strings(self, root: etree._Element) -> list[str]:
        return [str(s) for s in self.results(root) if isinstance(s, str)]

    def texts(self, root: etree._Element) -> list[str]:
        return texts_in(self.results(root))

    def first(self, root: etree._Element) -> etree._Element | None:
        found = self.nodes(root)
        return found[0] if found else None


def nodes_in(results: list[object]) -> list[etree._Element]:
    return [n for n in results if isinstance(n, etree._Element)]


def texts_in(results: list[object]) -> list[str]:
    """Clean, non-empty text of each result (an attribute/text value or a node's text)."""
    found = (
        clean_text(item if isinstance(item, str) else text_of(item))
        for item in results
        if isinstance(item, (str, etree._Element))
    )
    return [text for text in found if text]


def _descendant_axis(source: str) -> str:
    """``//x`` as ``/descendant::x``: the same nodes for predicates that are not positional
    (none here are), and libxml2 walks the tree once instead of twice."""
    parts = re.split(r"""('[^']*'|"[^"]*")""", source)  # leave string literals alone
    return "".join(p if p[:1] in "'\"" else p.replace("//", "/descendant::") for p in parts)


_CLASS_TOKEN = re.compile(r"\[contains\(concat\(' ', normalize-space\(@class\), ' '\), ' ([\w-]+) '\)\]")


def _guard_class_tokens(source: str) -> str:
    """``[contains(concat(' ', normalize-space(@class), ' '), ' x ')]`` (the class token ``x``) with
    ``[contains(@class, 'x')]`` before it: the same nodes (a token in the class is a substring of it),
    and libxml2 builds the padded string only for the few elements whose class holds ``x`` at all."""
    return _CLASS_TOKEN.sub(r"[contains(@class, '\1')]\g<0>", source)
