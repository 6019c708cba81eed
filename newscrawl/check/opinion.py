"""A second opinion on a page no expected result covers: the page's own JSON-LD ``articleBody``
and an independent extractor (trafilatura, when installed) read it too, and where they
disagree with our body beyond ``THRESHOLD`` of token overlap, or find a date or a title we did
not, the page is a suspect — something for a person to read, not a failure.

Token overlap: the words (lower-cased ``\\w+`` runs) two texts share, counted with repetition,
as a share of each text's words; the lower of the two shares is compared with ``THRESHOLD``.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType
from typing import Any

from newscrawl.items import Article
from newscrawl.parsers import NotAnArticle
from newscrawl.parsers.clean import clean_text
from newscrawl.parsers.document import Document, ld_text

THRESHOLD = 0.7
# A refused page that trafilatura reads this many words from may be an article we missed.
MISSED_ARTICLE_WORDS = 150
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Suspect:
    page: str
    why: str


def overlap(ours: str, theirs: str) -> tuple[float, float]:
    """(share of their words we have, share of our words they have)."""
    a, b = Counter(_WORD.findall(ours.lower())), Counter(_WORD.findall(theirs.lower()))
    shared = sum((a & b).values())
    return shared / max(sum(b.values()), 1), shared / max(sum(a.values()), 1)


class Extractor:
    """trafilatura, loaded once when asked for; ``None`` when it is not installed."""

    def __init__(self) -> None:
        self._module: ModuleType | None | bool = False

    @property
    def module(self) -> ModuleType | None:
        if self._module is False:
            try:
                self._module = import_module("trafilatura")
                logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
            except ImportError:
                self._module = None
        return self._module if isinstance(self._module, ModuleType) else None

    @property
    def name(self) -> str:
        module = self.module
        return f"trafilatura {getattr(module, '__version__', '?')}" if module else "trafilatura"

    def read(self, content: bytes, url: str | None) -> dict[str, Any] | None:
        if self.module is None:
            return None
        try:
            found = self.module.bare_extraction(content, url=url, with_metadata=True, include_comments=False)
        except Exception:  # noqa: BLE001 - a second opinion that fails is no opinion
            return None
        if found is None:
            return None
        return {"text": found.text or "", "title": found.title or "", "date": found.date or ""}


def judge_article(page: str, article: Article, content: bytes, extractor: Extractor) -> list[Suspect]:
    """Where the page's JSON-LD body or the extractor disagrees with ``article``."""
    suspects = []
    try:
        doc = Document(content)
    except NotAnArticle:
        return []
    declared = clean_text(ld_text(doc.ld_article.get("articleBody")))
    if declared:
        suspects += _compare(page, "JSON-LD articleBody", article.body, declared)
    other = extractor.read(content, article.url)
    if other is None:
        return suspects
    if other["text"]:
        suspects += _compare(page, extractor.name, article.body, other["text"])
    if other["date"] and not article.published_at:
        suspects.append(Suspect(page, f"{extractor.name} finds a date ({other['date']}), we found none"))
    if other["title"] and not article.title:
        suspects.append(Suspect(page, f"{extractor.name} finds a title ({other['title']!r}), we found none"))
    return suspects


def judge_refusal(page: str, reason: str, content: bytes, url: str | None, extractor: Extractor) -> list[Suspect]:
    """A refused page the extractor reads a story's worth of words from."""
    other = extractor.read(content, url)
    words = len(_WORD.findall(other["text"])) if other else 0
    if words < MISSED_ARTICLE_WORDS:
        return []
    return [Suspect(page, f"refused ({reason}) but {extractor.name} reads {words} words from it")]


def _compare(page: str, source: str, ours: str, theirs: str) -> list[Suspect]:
    theirs_in_ours, ours_in_theirs = overlap(ours, theirs)
    if min(theirs_in_ours, ours_in_theirs) >= THRESHOLD:
        return []
    return [
        Suspect(
            page,
            f"{source}: we have {theirs_in_ours:.0%} of its words, it has {ours_in_theirs:.0%} of ours"
            f" ({len(_WORD.findall(theirs))} vs {len(_WORD.findall(ours))} words)",
        )
    ]
