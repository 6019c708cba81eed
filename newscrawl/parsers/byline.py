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
