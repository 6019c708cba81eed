"""Reporter and editor names read from their visible labels ("Reporter", "Editor").

Text anchors survive class renames, and they keep the two roles apart, which
JSON-LD ``author`` does not always do (on Indonesian sites it is often the editor: tools
that trust a meta author report the editor as the writer).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newscrawl.parsers.clean import clean_text, dedupe, split_names
from newscrawl.parsers.dates import parse_date

_LABEL = re.compile(
    r"^(?P<label>reporter|penulis|wartawan|oleh|author|by|editor|penyunting|redaktur)\b\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_EDITOR_LABELS = {"editor", "penyunting", "redaktur"}
_MAX_NAME_WORDS = 8


def is_label(text: str) -> bool:
    match = _LABEL.match(text)
    return match is not None and not match["rest"]


def read_byline(texts: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(reporters, editors) from text pieces in page order: a label, then its names."""
    reporters: list[str] = []
    editors: list[str] = []
    current: list[str] | None = None
    for raw in texts:
        text = clean_text(raw)
        if not text:
            continue
        match = _LABEL.match(text)
        if match:
            current = editors if match["label"].lower() in _EDITOR_LABELS else reporters
            text = match["rest"]
            if not text:
                continue
        if current is None:
            continue
        if parse_date(text) is not None or len(text.split()) > _MAX_NAME_WORDS:
            current = None  # the byline is over (a date or prose follows)
            continue
        current.extend(split_names(text))
    return dedupe(reporters), dedupe(editors)


# A byline line of its own: a role label alone or with a few names ("Editor: Ida Rosdalina"),
# or "Oleh <Name>". "Oleh karena itu, ..." is prose: the names must be capitalised.
_BYLINE_LINE = re.compile(
    r"^(?:(?:reporter|penulis|wartawan|editor|penyunting|redaktur|author)\b\s*:?(?P<names>[^.!?]{0,80})"
    r"|(?:oleh|by)\s*:?\s+(?:(?-i:[A-Z])[\w.'-]*\s*){1,5})$",
    re.IGNORECASE,
)


def is_byline_line(text: str) -> bool:
    """``Reporter``, ``Editor: Ida Rosdalina``, ``Penulis Budi dan Ani``: a byline, not prose."""
    match = _BYLINE_LINE.match(text)
    if match is None:
        return False
    names = match["names"]
    return names is None or len(names.split()) <= _MAX_NAME_WORDS
