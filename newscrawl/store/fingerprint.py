"""Final text normalization and the fingerprints that deduplication and versioning compare.

* text: Unicode NFC, zero-width characters removed (joiners between two non-ASCII characters,
  as in emoji and Persian names, kept), every whitespace run one space; the body keeps its
  paragraphs (one blank line between them);
* ``content_hash``: SHA-256 of the normalized title and body, the extracted text and never the
  page bytes, so a re-fetch of an unchanged article hashes the same;
* ``simhash``: 64-bit SimHash of the body's word pairs, as a signed integer (PostgreSQL ``bigint``);
* ``word_count``: the body's words.

The parser cleans text too (``parsers.clean``); this module does not import it, because the
store never depends on the parser layer, and it must hold for items from any spider.
``pipelines.FingerprintPipeline`` applies it to each item as it is scraped.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from newscrawl.items import Article, CrawledArticle

_INVISIBLE_CHARS = "\u200b\u2060\ufeff\u00ad"
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS))
# The parser's rule (parsers.clean): a joiner means something only between two non-ASCII characters.
_STRAY_JOINER = re.compile(r"(?<![^\x00-\x7f\s])[\u200c\u200d]+|[\u200c\u200d]+(?![^\x00-\x7f\s])")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_WORD = re.compile(r"\w+")
_MASK = (1 << 64) - 1
_MIX = 0x9E3779B97F4A7C15  # spreads the combined pair hash over all 64 bits
# _BIT_MASKS[k]: bit k of every byte of a byte column read as one integer, for columns of up to
# len // 8 bytes (grown when a longer text comes): masked, the column's bit count is how many of its
# bytes have bit k set.
_BIT_MASKS: list[int] = [0] * 8
# A 128-bit lane of the features' big integer: its low 64 bits, and its lowest bit.
_LOW_HALF = b"\xff" * 8 + bytes(8)
_LOWEST_BIT = b"\x01" + bytes(15)


def normalize_text(text: str | None) -> str:
    """NFC, no zero-width characters (joiners that join aside), whitespace runs as one space, trimmed."""
    if not text:
        return ""
    if not text.isascii():
        # Checked first: the parser's text is already clean, and translate copies it slowly.
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if any(char in text for char in _INVISIBLE_CHARS):
            text = text.translate(_INVISIBLE)
        if "\u200c" in text or "\u200d" in text:
            text = _STRAY_JOINER.sub("", text)
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
    """64-bit SimHash of the word pairs of ``tokens``, as a signed 64-bit integer.

    Word pairs rather than words: articles share their common words (``yang``, ``dan``, ``di``),
    which would pull every article's hash the same way; pairs are specific to the text, so
    different articles land far apart and a few edited words move only a bit or two."""
    known = _WORD_HASHES.get
    hashes = [known(token) or _word_hash(token) for token in tokens]
    count = len(hashes) - 1 or 1  # the pairs, or the one word
    if not hashes:
        return 0
    if len(hashes) == 1:
        features = struct.pack("<Q", hashes[0] * _MIX & _MASK)
        columns = [features[position : position + 1] for position in range(8)]
    else:
        columns = _pair_feature_columns(hashes)
    # For each bit, how many features have it set, counted in C: a byte column read as one integer,
    # masked to bit k of each byte, has as many bits set as the column has bytes with bit k (a
    # Python loop over the features took 5x longer).
    masks = _bit_masks(count)
    value = 0
    for position, column in enumerate(columns):
        bits = int.from_bytes(column, "little")
        for bit, mask in enumerate(masks):
            if 2 * (bits & mask).bit_count() > count:
                value |= 1 << (8 * position + bit)
    return value - (1 << 64) if value >= 1 << 63 else value


def _bit_masks(length: int) -> list[int]:
    """``_BIT_MASKS``, long enough for byte columns of ``length`` bytes."""
    global _BIT_MASKS  # noqa: PLW0603 - a cache grown for the longest text so far
    masks = _BIT_MASKS
    if masks[0].bit_length() < 8 * length:
        size = max(length, 4096) * 2
        masks = _BIT_MASKS = [int.from_bytes(bytes((1 << bit,)) * size, "little") for bit in range(8)]
    return masks


def _pair_feature_columns(hashes: list[int]) -> list[bytes]:
    """The features of the word pairs, as 8 byte columns (column k: byte k of every feature).

    A pair's feature is the first word's hash rotated by one bit, xor the second's, times _MIX
    modulo 2**64. One operation a pair in Python costs more than the rest of the fingerprint, so
    all pairs are computed at once on one big integer holding every hash in a 128-bit lane of its
    own: shifts, xor and one multiplication act on every lane, and no lane's product (< 2**128)
    reaches the next. Byte k of each lane's low half is then byte k of the feature."""
    lanes = len(hashes)
    packed = struct.pack(f"<{lanes}Q", *hashes)
    spread = bytearray(16 * lanes)
    for position in range(8):
        spread[position::16] = packed[position::8]
    words = int.from_bytes(spread, "little")
    shifted = words << 1
    rotated = shifted & int.from_bytes(_LOW_HALF * lanes, "little") | (shifted >> 64) & int.from_bytes(
        _LOWEST_BIT * lanes, "little"
    )
    # Lane i: rotated hash i xor hash i + 1; the last lane has no pair and is left out below.
    products = ((rotated ^ (words >> 128)) * _MIX).to_bytes(16 * lanes + 16, "little")
    end = 16 * (lanes - 1)
    return [products[position:end:16] for position in range(8)]


def hamming(a: int, b: int) -> int:
    """Bits in which two 64-bit SimHashes (signed or not) differ."""
    return ((a ^ b) & _MASK).bit_count()


# 16,384 words cover nearly every token of news text; a bigger cache mostly holds numbers and
# names seen once, and grows the crawler by ~200 bytes an entry. A dict emptied when full, not an
# lru_cache: a hit is one dict lookup, half the time of lru_cache's (a text is ~1,000 lookups).
_WORD_HASHES: dict[str, int] = {}
_WORD_CACHE_SIZE = 1 << 14


def _word_hash(token: str) -> int:
    value = int.from_bytes(hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")
    if len(_WORD_HASHES) >= _WORD_CACHE_SIZE:
        _WORD_HASHES.clear()
    _WORD_HASHES[token] = value
    return value


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What ``fingerprint`` gives an item, from its title, subtitle and body alone."""

    changes: dict[str, Any]
    """The texts normalization changed, by field name (a subtitle may become ``None``)."""
    content_hash: str
    simhash: int
    word_count: int


def fingerprint_of(title: str, subtitle: str | None, body: str) -> Fingerprint:
    """The normalized texts and fingerprints of an article's title, subtitle and body."""
    normal_title = normalize_text(title)
    normal_body = normalize_body(body)
    changes: dict[str, Any] = {}
    if normal_title != title:
        changes["title"] = normal_title
    if normal_body != body:
        changes["body"] = normal_body
    if subtitle is not None and (normal_subtitle := normalize_text(subtitle)) != subtitle:
        changes["subtitle"] = normal_subtitle or None
    tokens = words(normal_body)
    return Fingerprint(changes, content_hash(normal_title, normal_body), simhash(tokens), len(tokens))


def with_fingerprint(item: CrawledArticle, found: Fingerprint) -> CrawledArticle:
    """``item`` with ``found``'s texts and fingerprint fields."""
    article: Article = item.article
    return replace(
        item,
        article=replace(article, **found.changes) if found.changes else article,
        content_hash=found.content_hash,
        simhash=found.simhash,
        word_count=found.word_count,
    )


def fingerprint(item: CrawledArticle) -> CrawledArticle:
    """The item with normalized text and its ``content_hash``, ``simhash`` and ``word_count``."""
    article = item.article
    return with_fingerprint(item, fingerprint_of(article.title, article.subtitle, article.body))


@dataclass(frozen=True, slots=True)
class FingerprintService:
    """``fingerprint_of`` as the service of a worker process (``store.worker``)."""

    def open(self) -> dict[str, Callable[..., Any]]:
        return {"fingerprint": fingerprint_of, "close": lambda: None}

    def prepare(self, name: str, args: tuple[Any, ...]) -> None:
        pass
