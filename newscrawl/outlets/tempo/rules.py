"""Tempo's text rules and related-link blocks (docs/layouts.md): its datelines, the site's name
after a title, its own boilerplate and site lines (``chrome.py``), its closing credits."""

from __future__ import annotations

import re

from newscrawl.outlets.rules import RelatedRules, TextRules
from newscrawl.outlets.tempo.chrome import FOOTER, IMAGE_BUTTONS, LABELS, LOGIN_MODAL, PAYWALL

_DATELINE = re.compile(
    r"^(?:TEMPO\.CO|TEMPO\s+Interaktif|Tempo\.co|TEMPO\s+English)\s*,\s*(?P<place>[^-–—]{2,40}?)\s*[-–—]"
)
# A rendering that lost the dash between two elements: "TEMPO.CO, JakartaDalam Top 3 Dunia ...".
_GLUED_DATELINE = re.compile(r"^(?:TEMPO\.CO|Tempo\.co)\s*,\s*(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?=[A-Z][a-z])")
# " - Cek Fakta Tempo.co", " | tempo.co", " | Tempo Gaya": the site name after a title.
_TITLE_SUFFIX = re.compile(r"\s+[-|–]\s+(?:[\w ]+\s)?tempo(?:\.co)?(?:\s+[\w]+)?\s*$", re.IGNORECASE)

TEXT = TextRules(
    datelines=(_DATELINE, _GLUED_DATELINE),
    name_places=False,  # Tempo writes its places as names already: keep them as written
    title_suffix=_TITLE_SUFFIX,
    boilerplate=(
        r"podcast\ rekomendasi\ tempo",
        r"gabung\ tempo\ circle",
        r"(?:\*+\s*)?punya\ informasi\ atau\ klaim\ yang\ ingin\ anda\ cek\ faktanya\?.*",  # cekfakta's chatbot
    ),
    chrome=LOGIN_MODAL + LABELS,
    ends_article=PAYWALL + FOOTER,
    image_buttons=IMAGE_BUTTONS,
    credits=(r"tempo\.co",),
    desk_code=None,  # Tempo closes with names and agencies, never with a desk's initials in brackets
    paywall="Tempo Plus",
)

RELATED = RelatedRules(
    headings=re.compile(
        r"^(?:(?:berita|artikel|baca(?:\s+juga)?\s+berita)?\s*terkait|related(?:\s+(?:news|articles|stories))?)\s*:?$",
        re.IGNORECASE,
    ),
    heading_words=("erkait", "elated"),
    own_text=False,
)
