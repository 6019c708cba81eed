"""Text cleanup shared by every parser: whitespace, boilerplate lines, credits, datelines."""

from __future__ import annotations

import re
import unicodedata

# What a NUL byte inside a tag or a script becomes (``document.Document``): a private-use
# character no page uses, which text drops (as browsers drop NUL from text) and a URL holding
# it is refused (``urls.absolute``), never joined into another page's address.
NUL_MARK = "\U0010fffd"
# Zero-width characters, soft hyphens, the BOM, C0 controls and the NUL mark vanish (lxml passes
# controls through, and they mean nothing in text); every space-like character becomes a space.
_INVISIBLE = re.compile(f"[\u200b\u2060\ufeff\u00ad\x00-\x08\x0b\x0e-\x1f\x7f{NUL_MARK}]")
# Zero-width (non-)joiners mean something between two non-ASCII characters: in emoji sequences
# (woman, ZWJ, laptop is one emoji) and in names written in Persian or Indic scripts. Next to
# ASCII, a space or an end of the text they are debris, and go.
_STRAY_JOINER = re.compile(r"(?<![^\x00-\x7f\s])[\u200c\u200d]+|[\u200c\u200d]+(?![^\x00-\x7f\s])")
_BULLET = re.compile(r"^[\u2022\u00b7\u25cf\u25aa\u25b6\u25ba\u2013\u2014»›>*-]+\s*")
# Whole lines that are never article text (ads, widgets, promos, pagers).
_BOILERPLATE = re.compile(
    r"""^(?:
        advertis(?:ing|ement)
      | iklan
      | scroll\ ke\ bawah\ untuk\ melanjutkan\ membaca
      | baca\ berita\ dengan\ sedikit\ iklan,?\ klik\ di\ sini
      | tampilkan\ ringkasan\ artikel
      | dengarkan\ artikel
      | bagikan(?:\ artikel)?
      | share(?:\ this)?
      | (?:SHARE)(?:\s+(?:SHARE))*
      | podcast\ rekomendasi\ tempo
      | berlangganan
      | gabung\ tempo\ circle
      | (?:sebelumnya\s+|«\s+|‹\s+)?(?:\d{1,2}(?:\s+\d{1,2})*|1?2?3?4?5?6?7?8?9?)
        (?:\s+(?:selanjutnya|berikutnya|next|›|»))?  # pager digits: "1 2", "12", "1 2 Selanjutnya"
      | (?:\*+\s*)?punya\ informasi\ atau\ klaim\ yang\ ingin\ anda\ cek\ faktanya\?.*
    )$""".replace("SHARE", r"facebook|twitter|whatsapp|telegram|line|linkedin|x|copy\ link|salin\ tautan"),
    re.IGNORECASE | re.VERBOSE,
)
# "Baca juga: <title>", "Baca: <title>", or "Baca Juga" alone (its link follows);
# "Baca buku itu ..." is prose and does not match.
READ_ALSO = re.compile(r"^baca(?:\s+juga\b\s*(?:[:\-–]\s*)?|\s*[:\-–]\s*|\s*$)(?P<title>.*)$", re.IGNORECASE)
EDITOR_PICK = re.compile(r"^pilihan\s+editor\s*:\s*(?P<title>.+)$", re.IGNORECASE)
_DATELINE = re.compile(
    r"^(?:TEMPO\.CO|TEMPO\s+Interaktif|Tempo\.co|TEMPO\s+English)\s*,\s*(?P<place>[^-–—]{2,40}?)\s*[-–—]"
)
# A rendering that lost the dash between two elements: "TEMPO.CO, JakartaDalam Top 3 Dunia ...".
_GLUED_DATELINE = re.compile(r"^(?:TEMPO\.CO|Tempo\.co)\s*,\s*(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?=[A-Z][a-z])")
# Wire services and their usual combinations seen as the last line of Tempo stories.
_AGENCIES = re.compile(
    r"^(?:(?:reuters|antara|ap|afp|xinhua|al\s+jazeera|aljazeera|cnn|bbc|anadolu|bernama|kyodo|"
    r"yonhap|the\s+guardian|nikkei\s+asia|straits\s+times|scmp|tass|sputnik|dpa|upi|bloomberg|"
    r"nytimes|new\s+york\s+times|washington\s+post|times\s+of\s+israel|the\s+hill|abc\s+news|"
    r"nbc\s+news|channel\s+news\s+asia|cna|rt|wafa|middle\s+east\s+eye|arab\s+news|tempo\.co)"
    r"\s*(?:[|/,&]|\s+dan\s+|\s+and\s+)?\s*)+$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
# A story ends with at most this many credit lines ("REUTERS", then "Tim Cek Fakta Tempo").
MAX_CREDIT_LINES = 3
# A desk's signature ("Tim Cek Fakta Tempo") and the current layout's contributor line.
_TEAM = re.compile(r"^Tim(?:\s+[A-Z][\w.]*){1,4}$")
_CONTRIBUTOR = re.compile(r"^.{2,120}?\s+(?:ikut\s+)?berkontribusi\s+dalam\s+penulisan\s+artikel\s+ini\.?$")


def clean_text(text: str | None) -> str:
    """NFC, no zero-width characters (joiners that join aside), all space runs (NBSP included) as
    one space, trimmed."""
    if not text or text.isspace():  # most text nodes of a page are indentation
        return ""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _INVISIBLE.search(text):  # rare: searching first spares the common case a copy
        text = _INVISIBLE.sub("", text)
    if "\u200c" in text or "\u200d" in text:
        text = _STRAY_JOINER.sub("", text)
    # str.split() splits on every Unicode space (NBSP, U+2000-U+200A, U+3000...).
    return " ".join(text.split())


def strip_bullet(text: str) -> str:
    """Drop a leading list bullet or arrow ("• Judul", "» Judul")."""
    return _BULLET.sub("", text)


def is_boilerplate(line: str) -> bool:
    """Lines that are ads, share widgets, pagers or promos, never article text."""
    return bool(_BOILERPLATE.match(line))


def read_also_title(line: str) -> str | None:
    """For a "Baca juga: X" line return X ("" for a bare "Baca juga"), else ``None``."""
    match = READ_ALSO.match(line)
    return match["title"].strip() if match else None


def editor_pick_title(line: str) -> str | None:
    """For "Pilihan Editor: X" return X, else ``None``."""
    match = EDITOR_PICK.match(line)
    return match["title"].strip() if match else None


def dateline_of(paragraph: str) -> str | None:
    """``Jakarta`` from ``TEMPO.CO, Jakarta - ...``."""
    match = _DATELINE.match(paragraph) or _GLUED_DATELINE.match(paragraph)
    return match["place"].strip() if match else None


def is_credit(line: str) -> bool:
    """A trailing signature such as ``REUTERS``, ``ANTARA | AFP``, ``ANDRIAN HABIBI | DA``,
    ``Tim Cek Fakta Tempo`` or ``Nama berkontribusi dalam penulisan artikel ini.``"""
    if _CONTRIBUTOR.match(line):
        return True
    if not line or len(line) > 80 or line.endswith((".", "?", "!", ":")):
        return False
    if _AGENCIES.match(line) or _TEAM.match(line):
        return True
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(line.split()) <= 10


def take_credits(paragraphs: list[str], credit: str | None = None) -> str | None:
    """Pop the trailing credit lines off ``paragraphs`` (never the last paragraph left) and
    return them, in page order and with ``credit`` (found after them) last, joined by " | "."""
    lines = [credit] if credit else []
    while len(paragraphs) > 1 and len(lines) < MAX_CREDIT_LINES and is_credit(paragraphs[-1]):
        lines.insert(0, paragraphs.pop())
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


def word_overlap(first: str, second: str) -> float:
    """Share of the shorter text's distinct words that the other text has too (0 to 1)."""
    a = set(_WORD.findall(first.lower()))
    b = set(_WORD.findall(second.lower()))
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
