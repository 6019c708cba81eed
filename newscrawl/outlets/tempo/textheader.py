"""The header of a plain-text rendering: title, subtitle, byline, date, rubric, paid badge.

Two forms are known (docs/layouts.md, text renderings):

* E1/E2 pages: the title, then the byline labels with their names ("Reporter", "Editor",
  "Ida Rosdalina", or "Editor: Dwi Arjanto" on one line), then the date line when shown. The labels are the
  anchor: whatever the page shows before the title (a login modal) does not matter.
* The current layout: the rubric label ("Internasional"), on paid pages "Berita Tempo Plus",
  the title, the summary in one line, the date line (``13 Mei 2024 | 06.00 WIB``). No byline.
  The date is the anchor, and the header is read backwards from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newscrawl.outlets.tempo import OUTLET as TEMPO
from newscrawl.outlets.tempo import urls
from newscrawl.outlets.tempo.chrome import is_premium_label
from newscrawl.parsers.byline import is_byline_line, read_byline
from newscrawl.parsers.dates import is_date_string
from newscrawl.parsers.errors import NotAnArticle

# Where the header is looked for, how long a byline may run, how many lines the current
# layout's header holds before the date (rubric, title, summary, and one spare).
HEADER_LINES = 60
BYLINE_LINES = 8
HEADER_BACK = 4
MAX_DATE_LINE = 60
MAX_RUBRIC_WORDS = 3
# A caption ends with its photo credit: "TEMPO/Subekti", "Sputnik/.../Pool via REUTERS", "ANTARA FOTO/...".
PHOTO_CREDIT = re.compile(
    r"(?:\b(?:TEMPO|Tempo|ANTARA|Antara|REUTERS|Reuters|AP|AFP|EPA|Getty Images|Xinhua|Istimewa|Dok\.?)\b"
    r"|\S+/\S+)[^.!?]{0,80}$"
)
# A summary is a sentence; a title may end with "?" or "!" but not with a full stop.
_SENTENCE_END = re.compile(r"[.](?:[\"”’'])?$")
_PUNCTUATION = re.compile(r"[.,:;!?|]")


@dataclass(frozen=True, slots=True)
class Header:
    title: str
    end: int
    """Index of the first line after the header."""
    subtitle: str | None = None
    reporters: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    date: str | None = None
    rubric: str | None = None
    premium: bool = False

    @property
    def section(self) -> str | None:
        return re.sub(r"[^a-z0-9]+", "-", self.rubric.lower()).strip("-") if self.rubric else None


def read_header(lines: list[str], url: str | None) -> Header:
    """The header of the rendering; ``NotAnArticle`` when it has none."""
    window = range(min(HEADER_LINES, len(lines)))
    date_at = next((i for i in window if _is_date_line(lines[i])), None)
    label_at = next((i for i in window if is_byline_line(lines[i])), None)
    if label_at is not None and (date_at is None or label_at < date_at):
        return _labelled(lines, label_at, date_at)
    if date_at is not None:
        return _dated(lines, date_at, url)
    raise NotAnArticle("no-date", "no date line and no byline in the header")


def _labelled(lines: list[str], label_at: int, date_at: int | None) -> Header:
    """E2: title, byline labels and names, then the date if shown."""
    title_at = next((i for i in range(label_at - 1, -1, -1) if not _is_site_line(lines[i])), None)
    if title_at is None:
        raise NotAnArticle("no-title", "no title line before the byline")
    if date_at is not None and date_at - label_at <= BYLINE_LINES:
        byline_end, end, date = date_at, date_at + 1, lines[date_at]
    else:
        byline_end = _byline_end(lines, label_at)
        end, date = byline_end, None
    reporters, editors = read_byline(lines[label_at:byline_end])
    return Header(lines[title_at], end, reporters=reporters, editors=editors, date=date)


def _byline_end(lines: list[str], label_at: int) -> int:
    """The first line after a byline that no date closes: labels and short name lines."""
    at = label_at
    while at < min(len(lines), label_at + BYLINE_LINES) and (is_byline_line(lines[at]) or _is_name_line(lines[at])):
        at += 1
    return at


def _dated(lines: list[str], date_at: int, url: str | None) -> Header:
    """The current layout: read back from the date to the rubric label."""
    block: list[str] = []
    premium = False
    at = date_at - 1
    while at >= 0 and len(block) < HEADER_BACK:
        line = lines[at]
        if is_premium_label(line):
            premium = True
        elif _is_site_line(line):
            break
        else:
            block.insert(0, line)
        at -= 1
    if not block:
        raise NotAnArticle("no-title", "no title line before the date")
    subtitle = None
    if len(block) > 1 and _SENTENCE_END.search(block[-1]) and not _is_rubric(block[-2], url, premium):
        subtitle = block.pop()
    title = block.pop()
    rubric = block[-1] if block and _is_rubric(block[-1], url, premium) else None
    return Header(title, date_at + 1, subtitle=subtitle, date=lines[date_at], rubric=rubric, premium=premium)


def _is_rubric(line: str, url: str | None, premium: bool) -> bool:
    """A rubric label: a short name without punctuation that names a rubric (the URL's, a
    known one) or stands over the paid badge."""
    if len(line.split()) > MAX_RUBRIC_WORDS or _PUNCTUATION.search(line):
        return False
    slug = re.sub(r"[^a-z0-9]+", "-", line.lower()).strip("-")
    return premium or slug in urls.RUBRICS or slug == urls.section_of(url)


def _is_date_line(line: str) -> bool:
    return len(line) <= MAX_DATE_LINE and is_date_string(line)


def _is_site_line(line: str) -> bool:
    return bool(TEMPO.text.is_site_line(line))


def _is_name_line(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 6 and not _PUNCTUATION.search(line.replace(",", "")) and not _is_site_line(line)
