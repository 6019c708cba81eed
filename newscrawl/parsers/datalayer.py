"""The inline ``dataLayer=[{…}]`` script of the current layout: the one place that says who is
the reporter and who the editor (JSON-LD ``author`` lists both without saying which), the
article's access level and its tags (docs/layouts.md, E3).

It is a JavaScript object literal, not JSON (unquoted keys, single quotes), so only the
few keys wanted are read, each the first time it appears.
"""

from __future__ import annotations

import re

from newscrawl.parsers.clean import clean_text
from newscrawl.parsers.document import Document
from newscrawl.parsers.query import Query

KEYS = ("reporter", "editor", "access", "content_category", "tags")
_SCRIPTS = Query("//script[not(@src)][contains(., 'dataLayer')]/text()")
_STRING = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
_PAIR = re.compile(
    r"(?<![\w$])['\"]?(?P<key>" + "|".join(KEYS) + r")['\"]?\s*:\s*(?P<value>" + _STRING + r"|\[[^\]]*\])"
)
_ITEM = re.compile(_STRING)
_ESCAPE = re.compile(r"\\(.)")


def data_layer(doc: Document) -> dict[str, str | tuple[str, ...]]:
    """``reporter``, ``editor``, ``access``, ``content_category`` (strings) and ``tags`` (a
    tuple) as the page's dataLayer gives them; keys it does not give are absent."""
    found: dict[str, str | tuple[str, ...]] = {}
    for script in _SCRIPTS.strings(doc.tree):
        if "dataLayer" not in script:
            continue
        for match in _PAIR.finditer(script):
            key, value = match["key"], match["value"]
            if key in found:
                continue
            if value.startswith("["):
                found[key] = tuple(t for t in (_unquote(v) for v in _ITEM.findall(value)) if t)
            else:
                found[key] = _unquote(value)
    return found


def _unquote(literal: str) -> str:
    return clean_text(_ESCAPE.sub(r"\1", literal[1:-1]))
