"""Plain-text renderings of article pages (a browser's innerText, "save as text", the seed).

Without markup the page is read by its text anchors (``textheader.py`` finds the header),
then, in page order: the image's buttons and the caption, the "Poin penting" key points,
the body from its "TEMPO.CO, <place> -" dateline (or the first line after the caption), up
to the related cards ("Berita terkait", each closed by "Baca Selengkapnya"), the paywall or
the footer. The site's own lines around them (login modal, ad lines) are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newscrawl import urls
from newscrawl.items import Article, RelatedLink
from newscrawl.outlets.tempo import OUTLET as TEMPO
from newscrawl.outlets.tempo.chrome import is_paywall
from newscrawl.outlets.tempo.textheader import PHOTO_CREDIT, read_header
from newscrawl.parsers.blocks import Line
from newscrawl.parsers.body import split_body
from newscrawl.parsers.clean import clean_text, strip_bullet
from newscrawl.parsers.dates import is_date_string, parse_iso_date
from newscrawl.parsers.errors import NotAnArticle
from newscrawl.parsers.highlights import BULLET
from newscrawl.parsers.highlights import HEADING as HIGHLIGHTS
from newscrawl.parsers.invariants import enforce
from newscrawl.parsers.language import guess_language
from newscrawl.parsers.related import READ_MORE

RULES = TEMPO.text
HEADING = TEMPO.related.headings

# How many lines a caption may take; more date lines than MAX_BODY_DATES in the body make a listing.
CAPTION_LINES = 4
MAX_BODY_DATES = 3


@dataclass(slots=True)
class _Lead:
    """What lies between the header and the body."""

    caption: list[str] = field(default_factory=list)
    highlights: list[str] = field(default_factory=list)
    body_at: int = 0


def parse_text(text: str, url: str | None = None, fetched_at: datetime | None = None) -> Article:
    """Parse a plain-text rendering of a Tempo article page into an ``Article`` (``layout="text"``)."""
    lines = [line for line in (clean_text(raw) for raw in text.splitlines()) if line]
    if not lines:
        raise NotAnArticle("empty", "no text")
    header = read_header(lines, url)
    end = next(
        (i for i in range(header.end, len(lines)) if HEADING.match(lines[i]) or RULES.ends_story(lines[i])), None
    )
    end = len(lines) if end is None else end
    lead = _read_lead(lines, header.end, end)
    body_lines = lines[lead.body_at : end]
    if sum(1 for line in body_lines if len(line) <= 60 and is_date_string(line)) > MAX_BODY_DATES:
        raise NotAnArticle("listing", "many date lines: a listing, not an article")
    parts = split_body((Line(line) for line in body_lines), RULES)
    related = _related(lines[end + 1 :], fetched_at) if end < len(lines) and HEADING.match(lines[end]) else ()
    article = Article(
        url=url,
        canonical_url=TEMPO.canonicalize(url, keep_page=False) if url else None,
        article_id=TEMPO.article_id(url),
        site=urls.host_of(url),
        outlet=TEMPO.name,
        section=TEMPO.section_of(url) or header.section,
        layout="text",
        title=header.title,
        subtitle=header.subtitle,
        highlights=tuple(lead.highlights),
        reporters=header.reporters,
        editors=header.editors,
        published_at=parse_iso_date(header.date, fetched_at),
        published_at_raw=header.date,
        dateline=parts.dateline,
        body=parts.body,
        credit=parts.credit,
        image_caption=" ".join(lead.caption) or None,
        editor_pick=parts.editor_pick,
        related=related,
        read_also=tuple(parts.read_also),
        is_premium=header.premium or any(is_paywall(line) for line in lines[header.end :]),
        language=guess_language(parts.body),
    )
    return enforce(article, [header.rubric or ""], RULES)


def _read_lead(lines: list[str], start: int, end: int) -> _Lead:
    """Image buttons, caption and key points after the header; where the body starts."""
    lead = _Lead(body_at=end)
    saw_image = False
    at = start
    while at < end:
        line = lines[at]
        if RULES.dateline_of(line):
            break
        if RULES.is_image_line(line):
            saw_image = True
        elif HIGHLIGHTS.match(line):
            while at + 1 < end and BULLET.match(lines[at + 1]):
                at += 1
                lead.highlights.append(strip_bullet(lines[at]))
        elif lead.caption and line == lead.caption[-1]:
            pass  # renderings repeat the caption (the image's title and its figcaption)
        elif not RULES.is_site_line(line):
            if not _may_be_caption(lead, line, saw_image) and not _dateline_follows(lines, at, end, lead):
                break  # the body: a magazine piece opens without a dateline
            lead.caption.append(line)
        at += 1
    lead.body_at = at
    return lead


def _may_be_caption(lead: _Lead, line: str, saw_image: bool) -> bool:
    """The first line after the image's buttons, or one that ends with a photo credit."""
    return not lead.caption and not lead.highlights and (saw_image or PHOTO_CREDIT.search(line) is not None)


def _dateline_follows(lines: list[str], at: int, end: int, lead: _Lead) -> bool:
    """A caption runs over several lines when the dateline comes right after them."""
    if lead.highlights or len(lead.caption) >= CAPTION_LINES:
        return False
    return any(RULES.dateline_of(line) for line in lines[at + 1 : min(end, at + CAPTION_LINES)])


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
