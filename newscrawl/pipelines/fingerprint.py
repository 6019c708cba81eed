"""Final text normalization and the fingerprints that deduplication and versioning compare.

* text: Unicode NFC, zero-width characters removed, every whitespace run one space; the body
  keeps its paragraphs (one blank line between them);
* ``content_hash``: SHA-256 of the normalized title and body, the extracted text and never the
  page bytes, so a re-fetch of an unchanged article hashes the same;
* ``simhash``: 64-bit SimHash of the body's words, as a signed integer (PostgreSQL ``bigint``);
* ``word_count``: the body's words.

The parser cleans text too (``parsers.clean``); this module does not import it, because
pipelines never depend on the parser layer, and it must hold for items from any spider.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import Any

from newscrawl.items import Article, CrawledArticle

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_WORD = re.compile(r"\w+")
# SimHash sums, for each of the 64 bits, how many words have it set. Each word's hash is
# spread into 64 lanes of 32 bits of one big integer, so that summing the words is a handful
# of big-integer additions instead of 64 Python operations per word.
_LANE_BITS = 32
_LANE = {"0": bytes(_LANE_BITS // 8), "1": (1).to_bytes(_LANE_BITS // 8, "little")}


def normalize_text(text: str | None) -> str:
    """NFC, no zero-width characters, whitespace runs as one space, trimmed."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return " ".join(text.split())


def normalize_body(body: str | None) -> str:
    """``normalize_text`` per paragraph; paragraphs joined by one blank line, empty ones dropped."""
    if not body:
        return ""
    paragraphs = (normalize_text(p) for p in _PARAGRAPH_BREAK.split(body))
    return "\n\n".join(p for p in paragraphs if p)


def content_hash(title: str, body: str) -> str:
    """SHA-256 hex of already normalized ``title`` and ``body``."""
    # surrogatepass: a lone surrogate (from a badly decoded page) must not make hashing raise.
    return hashlib.sha256(f"{title}\n\n{body}".encode("utf-8", "surrogatepass")).hexdigest()


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def simhash(tokens: list[str]) -> int:
    """64-bit SimHash of ``tokens`` (each weighted by its count), as a signed 64-bit integer."""
    if not tokens:
        return 0
    counts = Counter(tokens)
    total = 0
    for token, count in counts.items():
        total += _spread(token) * count
    lanes = total.to_bytes(64 * _LANE_BITS // 8, "little")
    width = _LANE_BITS // 8
    value = 0
    for bit in range(64):
        if 2 * int.from_bytes(lanes[bit * width : (bit + 1) * width], "little") > len(tokens):
            value |= 1 << bit
    return value - (1 << 64) if value >= 1 << 63 else value


def hamming(a: int, b: int) -> int:
    """Bits in which two 64-bit SimHashes (signed or not) differ."""
    return ((a ^ b) & 0xFFFF_FFFF_FFFF_FFFF).bit_count()


@lru_cache(maxsize=1 << 16)
def _spread(token: str) -> int:
    digest = hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    bits = format(int.from_bytes(digest, "big"), "064b")[::-1]  # bits[i] is bit i
    return int.from_bytes(b"".join(_LANE[b] for b in bits), "little")


def fingerprint(item: CrawledArticle) -> CrawledArticle:
    """The item with normalized text and its ``content_hash``, ``simhash`` and ``word_count``."""
    article: Article = item.article
    title = normalize_text(article.title)
    body = normalize_body(article.body)
    changes: dict[str, Any] = {}
    if title != article.title:
        changes["title"] = title
    if body != article.body:
        changes["body"] = body
    if article.subtitle is not None and (subtitle := normalize_text(article.subtitle)) != article.subtitle:
        changes["subtitle"] = subtitle or None
    tokens = words(body)
    return replace(
        item,
        article=replace(article, **changes) if changes else article,
        content_hash=content_hash(title, body),
        simhash=simhash(tokens),
        word_count=len(tokens),
    )


class FingerprintPipeline:
    """Normalizes every ``CrawledArticle``'s text and fills in its fingerprint fields."""

    def process_item(self, item: Any) -> Any:
        return fingerprint(item) if isinstance(item, CrawledArticle) else item
