"""Plain-text renderings of article pages (a browser's innerText, "save as text", the seed).

Without markup the page is read by its text anchors: the byline labels and the date
line end the header, the "TEMPO.CO, <place> -" dateline starts the body, and
"Berita terkait" starts the related cards, each closed by "Baca Selengkapnya".
"""

from __future__ import annotations

import re
from datetime import datetime

from newscrawl import urls
from newscrawl.items import Article, RelatedLink
from newscrawl.parsers.blocks import Line
from newscrawl.parsers.body import split_body
from newscrawl.parsers.byline import is_label, read_byline
from newscrawl.parsers.clean import clean_text, dateline_of, is_boilerplate
from newscrawl.parsers.dates import is_date_string, parse_iso_date
from newscrawl.parsers.errors import NotAnArticle
from newscrawl.parsers.language import guess_language
from newscrawl.parsers.related import HEADING, READ_MORE

# Where the header (title, byline, date) is looked for, and how far the caption may run.
HEADER_LINES = 60
BYLINE_LINES = 8
CAPTION_LINES = 4
# A caption ends with its photo credit: "TEMPO/Subekti", "Sputnik/.../Pool via REUTERS", "ANTARA FOTO/...".
_PHOTO_CREDIT = re.compile(
    r"(?:\b(?:TEMPO|Tempo|ANTARA|Antara|REUTERS|Reuters|AP|AFP|EPA|Getty Images|Xinhua|Istimewa|Dok\.?)\b"
    r"|\S+/\S+)[^.!?]{0,80}$"
)
# More date lines than this in the body means a listing, not an article.
MAX_BODY_DATES = 3


def parse_text(text: str, url: str | None = None, fetched_at: datetime | None = None) -> Article:
    """Parse a plain-text rendering of an article page into an ``Article`` (``layout="text"``)."""
    lines = [line for line in (clean_text(raw) for raw in text.splitlines()) if line]
    if not lines:
        raise NotAnArticle("empty", "no text")
    end = next((i for i, line in enumerate(lines) if HEADING.match(line)), len(lines))
    date_at = next((i for i, line in enumerate(lines[:HEADER_LINES]) if len(line) <= 60 and is_date_string(line)), None)
    if date_at is None:
        raise NotAnArticle("no-date", "no publication date line in the header")
    window = range(max(0, date_at - BYLINE_LINES), date_at)
    first_label = next((i for i in window if is_label(lines[i])), None)
    title_at = (first_label if first_label is not None else date_at) - 1
    if title_at < 0 or is_boilerplate(lines[title_at]):
        raise NotAnArticle("no-title", "no title line before the byline and date")
    reporters, editors = read_byline(lines[title_at + 1 : date_at])

    body_at = next(
        (i for i in range(date_at + 1, min(end, date_at + 1 + CAPTION_LINES + 1)) if dateline_of(lines[i])), None
    )
    caption_lines = lines[date_at + 1 : body_at] if body_at is not None else []
    if body_at is None:
        has_caption = date_at + 1 < end and _PHOTO_CREDIT.search(lines[date_at + 1]) is not None
        caption_lines = lines[date_at + 1 : date_at + 2] if has_caption else []
        body_at = date_at + 1 + len(caption_lines)
    body_lines = lines[body_at:end]
    if sum(1 for line in body_lines if len(line) <= 60 and is_date_string(line)) > MAX_BODY_DATES:
        raise NotAnArticle("listing", "many date lines: a listing, not an article")
    parts = split_body(Line(line) for line in body_lines)
    if not parts.paragraphs:
        raise NotAnArticle("empty", "no body text")
    return Article(
        url=url,
        canonical_url=urls.canonicalize(url, keep_page=False) if url else None,
        article_id=urls.article_id(url),
        site=urls.host_of(url),
        section=urls.section_of(url),
        layout="text",
        title=lines[title_at],
        reporters=reporters,
        editors=editors,
        published_at=parse_iso_date(lines[date_at], fetched_at),
        published_at_raw=lines[date_at],
        dateline=parts.dateline,
        body=parts.body,
        credit=parts.credit,
        image_caption=" ".join(caption_lines) or None,
        editor_pick=parts.editor_pick,
        related=_related(lines[end + 1 :], fetched_at),
        read_also=tuple(parts.read_also),
        language=guess_language(parts.body),
    )


def _related(lines: list[str], fetched_at: datetime | None) -> tuple[RelatedLink, ...]:
    cards: list[list[str]] = [[]]
    for line in lines:
        if READ_MORE.match(line):
            cards.append([])
        else:
            cards[-1].append(line)
    return tuple(_card(card, fetched_at) for card in cards if card)


def _card(lines: list[str], fetched_at: datetime | None) -> RelatedLink:
    title = lines[0]
    published_raw = next((line for line in lines[1:] if len(line) <= 60 and is_date_string(line)), None)
    rest = [line for line in lines[1:] if line not in (title, published_raw)]
    return RelatedLink(
        title=title,
        summary=rest[0] if rest else None,
        published_raw=published_raw,
        published_at=parse_iso_date(published_raw, fetched_at),
    )
