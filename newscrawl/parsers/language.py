"""Language of a text from its commonest function words (Tempo publishes Indonesian and English)."""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[a-z]+")
_STOPWORDS = {
    "id": frozenset(
        [
            "yang",
            "dan",
            "di",
            "dengan",
            "untuk",
            "ini",
            "itu",
            "dari",
            "dalam",
            "tidak",
            "akan",
            "pada",
            "juga",
            "ke",
            "karena",
            "kata",
        ]
    ),
    "en": frozenset(
        ["the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "as", "by", "are", "said", "from"]
    ),
}


def guess_language(text: str) -> str | None:
    """``id`` or ``en`` by stop-word counts over the first 2,000 characters; ``None`` if unclear."""
    counts = Counter(_WORD.findall(text[:2000].lower()))
    scores = {lang: sum(counts[w] for w in stops) for lang, stops in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] >= 3 and scores[best] > 2 * min(scores.values()) else None
