"""Text cleanup shared by every parser: whitespace, invisible characters, bullets, "Baca juga" and
"Pilihan Editor" lines, credits, names. What differs per outlet (boilerplate lines, datelines,
credit lines, desk codes) is its ``TextRules`` (``newscrawl/outlets/rules.py``)."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from newscrawl.outlets.rules import MAX_CREDIT_LINES

if TYPE_CHECKING:
    from newscrawl.outlets.rules import TextRules

# What a NUL byte inside a tag or a script becomes (``document.Document``): a private-use
# character no page uses, which text drops (as browsers drop NUL from text) and a URL holding
# it is refused (``urls.absolute``), never joined into another page's address.
NUL_MARK = "\U0010fffd"
# Zero-width characters, soft hyphens, the BOM, C0 and C1 controls (but NEL, a line break) and the NUL
# mark vanish (lxml passes controls through, and they mean nothing in text; a C1 control is what is left
# of a character of a text decoded as Latin-1 and encoded again); every space-like character becomes a space.
_INVISIBLE = re.compile(f"[\u200b\u2060\ufeff\u00ad\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f{NUL_MARK}]")
# Zero-width (non-)joiners mean something between two non-ASCII characters: in emoji sequences
# (woman, ZWJ, laptop is one emoji) and in names written in Persian or Indic scripts. Next to
# ASCII, a space or an end of the text they are debris, and go.
_STRAY_JOINER = re.compile(r"(?<![^\x00-\x7f\s])[\u200c\u200d]+|[\u200c\u200d]+(?![^\x00-\x7f\s])")
# The left-to-right and right-to-left marks order the text beside them: next to Hebrew or Arabic they
# stay; between two ASCII characters (Liputan6 2015 scatters U+200E through its stories) they are debris.
_STRAY_MARK = re.compile(r"(?<![^\x00-\x7f\s])[\u200e\u200f]+(?![^\x00-\x7f\s])")
_JOINER_OR_MARK = re.compile(r"[\u200c-\u200f]")
_BULLETS = "\u2022\u00b7\u25cf\u25aa\u25b6\u25ba\u2013\u2014»›>*-"
_BULLET = re.compile(f"^[{re.escape(_BULLETS)}]+\\s*")
# "Baca juga: <title>", "Baca: <title>", or "Baca Juga" alone (its link follows);
# "Baca buku itu ..." is prose and does not match.
READ_ALSO = re.compile(r"^baca(?:\s+juga\b\s*(?:[:\-–]\s*)?|\s*[:\-–]\s*|\s*$)(?P<title>.*)$", re.IGNORECASE)
EDITOR_PICK = re.compile(r"^pilihan\s+editor\s*:\s*(?P<title>.+)$", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def clean_text(text: str | None) -> str:
    """NFC, no zero-width characters (joiners that join aside), all space runs (NBSP included) as
    one space, trimmed."""
    if not text or text.isspace():  # most text nodes of a page are indentation
        return ""
    if text.isascii() and text.isprintable():  # no control character, so nothing invisible: only spaces
        if "  " in text or text[0] == " " or text[-1] == " ":
            return " ".join(text.split())
        return text  # already clean: most short texts of a page
    return _clean_any(text)


def _clean_any(text: str) -> str:
    """``clean_text`` of any text (the short way above gives the same for printable ASCII)."""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # Every invisible character, joiner and mark is a control, format or private-use character, which
    # a printable text has none of (the test runs in C, far faster than the two searches).
    if not text.isprintable():
        if _INVISIBLE.search(text):  # rare: searching first spares the common case a copy
            text = _INVISIBLE.sub("", text)
        if not text.isascii() and _JOINER_OR_MARK.search(text):  # rare: searched for first
            text = _STRAY_MARK.sub("", _STRAY_JOINER.sub("", text))
    # str.split() splits on every Unicode space (NBSP, U+2000-U+200A, U+3000...).
    return " ".join(text.split())


def strip_bullet(text: str) -> str:
    """Drop a leading list bullet or arrow ("• Judul", "» Judul")."""
    return _BULLET.sub("", text) if text and text[0] in _BULLETS else text


def read_also_title(line: str) -> str | None:
    """For a "Baca juga: X" line return X ("" for a bare "Baca juga"), else ``None``."""
    match = READ_ALSO.match(line)
    return match["title"].strip() if match else None


def editor_pick_title(line: str) -> str | None:
    """For "Pilihan Editor: X" return X, else ``None``."""
    match = EDITOR_PICK.match(line)
    return match["title"].strip() if match else None


def take_credits(paragraphs: list[str], rules: TextRules, credit: str | None = None) -> str | None:
    """Pop the trailing credit lines off ``paragraphs`` (never the last paragraph left) and
    return them, in page order and with ``credit`` (found after them) last, joined by " | ".
    A desk code closing the last paragraph (``(vyp/kna)``, where ``rules`` know desk codes) is
    the last credit; one alone on its line before the credit lines is one of them."""
    if paragraphs and not credit:
        paragraphs[-1], credit = rules.take_desk_code(paragraphs[-1])
        if not paragraphs[-1]:
            paragraphs.pop()
    lines = [credit] if credit else []
    while len(paragraphs) > 1 and len(lines) < MAX_CREDIT_LINES:
        if rules.is_credit(paragraphs[-1]):
            lines.insert(0, paragraphs.pop())
            continue
        # A desk code alone before the credit lines ("(vyp/kna)", then "REUTERS") is a credit too.
        rest, code = rules.take_desk_code(paragraphs[-1])
        if code is None or rest:
            break
        paragraphs.pop()
        lines.insert(0, code)
    return " | ".join(lines) or None


def join_paragraphs(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def dedupe(values: list[str]) -> tuple[str, ...]:
    """Drop empty and repeated values (case-insensitively), keeping the first spelling."""
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return tuple(out)


def split_names(text: str) -> list[str]:
    """``"A, B dan C"`` -> ``["A", "B", "C"]``."""
    parts = re.split(r"\s*(?:,|;|\||/|\s&\s|\sdan\s|\sand\s)\s*", clean_text(text))
    return [p for p in parts if p]


def people(texts: list[str]) -> tuple[str, ...]:
    """The names of a byline's name elements: one element may name two ("A dan B", "A, B")."""
    return dedupe([name for text in texts for name in split_names(text)])


def word_overlap(first: str, second: str) -> float:
    """Share of the shorter text's distinct words that the other text has too (0 to 1)."""
    a = set(_WORD.findall(first.lower()))
    b = set(_WORD.findall(second.lower()))
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
