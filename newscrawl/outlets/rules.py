"""What an outlet declares besides its URLs, as data: its text rules, its related-link blocks, its
multi-page form and where it lists its articles — with the rules every outlet shares.

Pure data and regular expressions (no lxml, no parsing): the parser core (``newscrawl.parsers``)
applies these rules to a page, the spiders read the discovery sources. An outlet that declares
nothing gets the shared rules, which are also what the generic layout reads a site without a
package with.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

# Whole lines that are never article text on any Indonesian news site (ads, widgets, pagers);
# an outlet adds its own (``TextRules.boilerplate``). Each an alternative of one whole-line pattern.
SHARED_BOILERPLATE = (
    r"advertis(?:ing|ement)",
    r"iklan",
    r"scroll\ (?:ke\ bawah\ )?(?:untuk\ melanjutkan\ membaca|to\ continue\ with\ content)",
    r"baca\ berita\ dengan\ sedikit\ iklan,?\ klik\ di\ sini",
    r"tampilkan\ ringkasan\ artikel",
    r"dengarkan\ artikel",
    r"bagikan(?:\ artikel)?",
    r"share(?:\ this)?",
    r"(?:SHARE)(?:\s+(?:SHARE))*".replace(
        "SHARE", r"facebook|twitter|whatsapp|telegram|line|linkedin|x|copy\ link|salin\ tautan"
    ),
    r"berlangganan",
    # pager digits: "1 2", "12", "1 2 Selanjutnya"
    r"(?:sebelumnya\s+|«\s+|‹\s+)?(?:\d{1,2}(?:\s+\d{1,2})*|1?2?3?4?5?6?7?8?9?)"
    r"(?:\s+(?:selanjutnya|berikutnya|next|›|»))?",
)
# Wire services and their usual combinations, seen as the last line of a story.
SHARED_AGENCIES = (
    *("reuters", "antara", "ap", "afp", "xinhua", r"al\s+jazeera", "aljazeera", "cnn", "bbc", "anadolu"),
    *("bernama", "kyodo", "yonhap", r"the\s+guardian", r"nikkei\s+asia", r"straits\s+times", "scmp", "tass"),
    *("sputnik", "dpa", "upi", "bloomberg", "nytimes", r"new\s+york\s+times", r"washington\s+post"),
    *(r"times\s+of\s+israel", r"the\s+hill", r"abc\s+news", r"nbc\s+news", r"channel\s+news\s+asia", "cna"),
    *("rt", "wafa", r"middle\s+east\s+eye", r"arab\s+news"),
)
# The dateline forms of sites without a package: "JAKARTA, KOMPAS.com -", "CHARLESTON -",
# "Liputan6.com, Jakarta -", "REPUBLIKA.CO.ID, JAKARTA --", "Mataram, NTB (ANTARA News) -".
_SITE = r"(?:[A-Za-z0-9-]+\.)+(?:com|co\.id|id|co|net|org|COM|CO\.ID|ID|CO|NET|ORG)|[A-Z][A-Za-z]*\s+News"
# in capitals, a short word before a longer one included ("NEW YORK -", "DEN HAAG -")
_CAPITALS = r"(?:[A-Z]{2,3}\s+)?[A-Z][A-Z'’-]{3,}(?:\s+[A-Z][A-Z'’-]+)*"
_PLACE = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
SHARED_DATELINES = (
    re.compile(
        rf"^(?P<place>{_CAPITALS}(?:,\s*{_PLACE})?)\s*(?:,\s*(?:{_SITE}))?\s*(?:\((?:{_SITE})\)\s*)?[-–—]{{1,2}}\s*"
    ),
    re.compile(rf"^(?:{_SITE})\s*,\s*(?P<place>{_PLACE}(?:,\s*{_PLACE})?)\s*[-–—]{{1,2}}\s*"),
    re.compile(rf"^(?P<place>{_PLACE}(?:,\s*[A-Z]{{2,5}}))\s*\((?:{_SITE})\)\s*[-–—]{{1,2}}\s*"),
)
# A desk's initials closing a story: "(vyp/kna)", "(dmr)", "(Mvi/Ali)", "(FHM)"; at the end of the
# last paragraph or a paragraph of its own.
SHARED_DESK_CODE = re.compile(r"\s*\((?P<code>[A-Za-z]{2,6}(?:\s*/\s*[A-Za-z]{2,6}){0,3})\)$")
# A desk's signature ("Tim Cek Fakta Tempo") and a contributor line; both case-sensitive.
_TEAM = re.compile(r"^Tim(?:\s+[A-Z][\w.]*){1,4}$")
_CONTRIBUTOR = re.compile(r"^.{2,120}?\s+(?:ikut\s+)?berkontribusi\s+dalam\s+penulisan\s+artikel\s+ini\.?$")
# A story ends with at most this many credit lines ("REUTERS", then "Tim Cek Fakta Tempo").
MAX_CREDIT_LINES = 3
# Place names of datelines written in capitals become names, but for short acronyms (NTB, DKI, AS).
_SHORT_ACRONYM = 3
# A short word in capitals that reads as one (consonant, vowel, consonant: NEW, DEN, SAN, LOS), not
# spelled out as acronyms are (DKI, NTB, USA): beside a longer word in capitals, part of the place's name.
_SHORT_NAME = re.compile(r"^[B-DF-HJ-NP-TV-Z][AEIOU][B-DF-HJ-NP-TV-XZ]$")


def whole_line(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern matching a whole line that is one of ``alternatives``."""
    if not alternatives:
        return re.compile(r"(?!)")
    return re.compile(r"^(?:" + "|".join(alternatives) + r")$", re.IGNORECASE | re.VERBOSE)


def _words(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-line alternatives as words found inside a longer text (escaped spaces as any spaces)."""
    if not alternatives:
        return re.compile(r"(?!)")
    words = "|".join(alternatives).replace(r"\ ", r"\s+")
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE)


def place_name(place: str) -> str:
    """``CHARLESTON, South Carolina`` → ``Charleston, South Carolina``: words in capitals longer than
    an acronym become names, and so does a short one that reads as a word beside them (``NEW YORK``,
    ``DEN HAAG``); ``Mataram, NTB`` and ``DKI JAKARTA``'s acronym stay."""
    out = []
    for part in re.split(r"(,)", place.strip()):
        words = re.split(r"(\s+)", part)
        named = any(_long_caps(w) for w in words)
        out += [
            w.capitalize() if _long_caps(w) or (named and _SHORT_NAME.match(w)) else w.title() if _caps(w) else w
            for w in words
        ]
    return "".join(out)


def _long_caps(word: str) -> bool:
    return word.isalpha() and word.isupper() and len(word) > _SHORT_ACRONYM


def _caps(word: str) -> bool:
    """``LHOKSEUMAWE-ACEH``, ``O'NEILL``: capitals with inner punctuation, long enough to be a name."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) > _SHORT_ACRONYM and all(c.isupper() for c in letters) and not word.isalpha()


@dataclass(frozen=True)
class TextRules:
    """How an outlet writes around its story text: datelines, credits and desk codes, its own
    boilerplate and site lines, and the site's name after a title. The shared rules (boilerplate,
    wire services, team signatures) always apply; the fields add to them or replace the defaults."""

    datelines: tuple[re.Pattern[str], ...] = SHARED_DATELINES
    """Patterns tried on the first paragraph; each has a ``place`` group."""
    name_places: bool = True
    """A place written in capitals (``LHOKSEUMAWE``) is stored as a name (``Lhokseumawe``)."""
    title_suffix: re.Pattern[str] | None = None
    """The site's name after a title in ``og:title`` or ``<title>`` (`` - Kompas.com``), removed."""
    boilerplate: tuple[str, ...] = ()
    """Whole lines (regular expressions, case-insensitive, verbose) that are never article text."""
    chrome: tuple[str, ...] = ()
    """Whole lines of the site around the article (login modal, labels), never article text."""
    ends_article: tuple[str, ...] = ()
    """Whole lines after which nothing is article text (the paywall, the footer)."""
    image_buttons: tuple[str, ...] = ()
    """What a rendering shows for the lead image's buttons ("Perbesar"): never a caption's words."""
    credits: tuple[str, ...] = ()
    """More closing credit lines than the wire services and team signatures (``tempo\\.co``)."""
    desk_code: re.Pattern[str] | None = SHARED_DESK_CODE
    """A desk's initials closing the story, taken out of the body as the credit; ``None``: not used."""
    paywall: str = ""
    """The name of the outlet's paid offer, for the teaser warning ("Tempo Plus")."""

    # The line tests, made once from the rules (in __post_init__) as the compiled patterns' own methods:
    # each is asked for every line of every page, and a Python call less each is measurable. Their
    # result is a match or ``None``: true when the line is one.
    is_boilerplate: Callable[[str], object] = field(init=False, repr=False, compare=False)
    """Lines that are ads, share widgets, pagers or promos, never article text."""
    is_chrome: Callable[[str], object] = field(init=False, repr=False, compare=False)
    """A line of the site around the article (modal, image button, label, paywall, footer)."""
    is_site_line: Callable[[str], object] = field(init=False, repr=False, compare=False)
    """Boilerplate or chrome: either test, in one expression (a line is asked both, everywhere)."""
    ends_story: Callable[[str], object] = field(init=False, repr=False, compare=False)
    """The paywall or the footer starts here: nothing after it is the article's text."""
    is_image_line: Callable[[str], object] = field(init=False, repr=False, compare=False)
    """What a rendering shows in place of the lead image ("Perbesar")."""
    has_image_words: Callable[[str], object] = field(init=False, repr=False, compare=False)
    """The image buttons' words inside a longer text (a caption that swallowed them)."""

    def __post_init__(self) -> None:
        tests = {
            "is_boilerplate": whole_line(SHARED_BOILERPLATE + self.boilerplate).match,
            "is_chrome": whole_line(self.chrome + self.image_buttons + self.ends_article).match,
            "is_site_line": whole_line(
                SHARED_BOILERPLATE + self.boilerplate + self.chrome + self.image_buttons + self.ends_article
            ).match,
            "ends_story": whole_line(self.ends_article).match,
            "is_image_line": whole_line(self.image_buttons).match,
            "has_image_words": _words(self.image_buttons).search,
        }
        for name, test in tests.items():
            object.__setattr__(self, name, test)  # a frozen dataclass: set once, here

    @cached_property
    def _credit(self) -> re.Pattern[str]:
        agencies = "|".join(SHARED_AGENCIES + self.credits)
        return re.compile(rf"^(?:(?:{agencies})\s*(?:[|/,&]|\s+dan\s+|\s+and\s+)?\s*)+$", re.IGNORECASE)

    @cached_property
    def teaser_warning(self) -> str:
        """The warning of a paid article whose page shows a teaser only."""
        offer = f" ({self.paywall})" if self.paywall else ""
        return f"body: a teaser only, the rest of the article is for subscribers{offer}"

    def dateline_of(self, paragraph: str) -> str | None:
        """The place of the dateline that opens ``paragraph``: ``Jakarta`` from ``TEMPO.CO, Jakarta -``."""
        for pattern in self.datelines:
            match = pattern.match(paragraph)
            if match:
                place = match["place"].strip()
                return place_name(place) if self.name_places else place
        return None

    def is_credit(self, line: str) -> bool:
        """A trailing signature: ``REUTERS``, ``ANTARA | AFP``, ``ANDRIAN HABIBI | DA``, ``Tim Cek Fakta
        Tempo`` or ``Nama berkontribusi dalam penulisan artikel ini.``"""
        if _CONTRIBUTOR.match(line):
            return True
        if not line or len(line) > 80 or line.endswith((".", "?", "!", ":")):
            return False
        if self._credit.match(line) or _TEAM.match(line):
            return True
        letters = [c for c in line if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters) and len(line.split()) <= 10

    def take_desk_code(self, paragraph: str) -> tuple[str, str | None]:
        """``paragraph`` without the desk code that closes it, and the code (``vyp/kna``)."""
        if self.desk_code is None or not paragraph.endswith(")"):
            return paragraph, None
        match = self.desk_code.search(paragraph)
        if match is None:
            return paragraph, None
        return paragraph[: match.start()].rstrip(), re.sub(r"\s+", "", match["code"])


@dataclass(frozen=True)
class RelatedRules:
    """Where an outlet links its related articles.

    "Baca juga" lines inside the body always go to ``read_also`` (``parsers.clean.READ_ALSO``).
    ``headings``: the whole text of the headings of the related boxes beside or after the body
    (their cards go to ``related``); ``heading_words``: a piece of every such heading, looked for
    first (most texts of a page have none: the full test is skipped for them). ``boxes``: XPath
    queries of the outlet's related boxes, read in order and deduplicated by URL (hidden copies
    included); when one matches, the headings are not looked for."""

    headings: re.Pattern[str] = re.compile(
        r"^(?:(?:berita|artikel|baca(?:\s+juga)?\s+berita)?\s*terkait|related(?:\s+(?:news|articles|stories))?"
        r"|read\s+also|baca\s+juga|lihat\s+juga|berita\s+rekomendasi)\s*:?$",
        re.IGNORECASE,
    )
    heading_words: tuple[str, ...] = ("erkait", "elated", "lso", "uga", "ekomendasi")
    boxes: tuple[str, ...] = ()
    own_text: bool = True
    """A box whose heading is its own first text, before its list (``<div>Read also: <ul>…``),
    counts too, not only a heading element of its own."""

    @cached_property
    def may_head(self) -> Callable[[str], object]:
        """Whether a text may be a heading (holds one of ``heading_words``, as written or in
        capitals): a test made on every short text of a page, so it must take a fraction of a
        microsecond. Up to four pieces, ``in`` tests do (twice as fast as a regular expression on
        such texts); more take one expression."""
        words = tuple(w for word in self.heading_words for w in (word, word.upper()))
        if len(words) > 4:
            return re.compile("|".join(map(re.escape, words))).search
        # Padded with a NUL, which no text of a parsed page holds (the document drops it).
        a, b, c, d = (*words, *("\0",) * (4 - len(words)))
        return lambda text: a in text or b in text or c in text or d in text

    def is_heading(self, text: str) -> bool:
        """Whether ``text`` is the whole text of a related box's heading."""
        return self.headings.match(text) is not None


@dataclass(frozen=True)
class Paging:
    """How an outlet splits a long article over pages.

    ``params``: the query parameters whose value is the page number (``?page=2``); the canonical URL
    of the article drops them. ``all_pages``: a query that asks for every page in one document
    (``?page=all``), when the outlet has one. ``in_one_document``: all pages come in the first
    document already (the later ones hidden or revealed by script)."""

    params: tuple[str, ...] = ("page",)
    all_pages: tuple[str, str] | None = None
    in_one_document: bool = False


SourceKind = Literal["home", "section", "feed", "sitemap", "index"]


@dataclass(frozen=True)
class Source:
    """One place an outlet lists its articles, for the spiders.

    ``url`` is a template: ``{section}`` a section slug (one of ``sections``, or any when that is
    empty), ``{day}`` a ``datetime.date`` (with a format: ``{day:%Y-%m-%d}``), ``{page}`` a page
    number from 1, or ``{offset}`` the number of entries before the page (0, then ``step``, twice
    ``step`` …). ``kind``: ``home`` and ``section`` pages are listings read once; ``feed`` RSS or
    Atom; ``sitemap`` a sitemap or sitemap index (Google News ones included); ``index`` a dated
    index, paged. ``any_section``: also asked for a section slug that no source of its kind lists
    (the outlet's current site, where any section has a page: Tempo's rubrics). ``unnumbered_first``:
    the first page's address leaves out the path segment of its number (Okezone's
    ``/indeks/Y/M/D``, then ``/indeks/Y/M/D/10``)."""

    kind: SourceKind
    url: str
    sections: frozenset[str] = frozenset()
    note: str = ""
    any_section: bool = False
    step: int = 1
    """How far ``{offset}`` moves from one page to the next: the entries a page lists."""
    unnumbered_first: bool = False

    def needs(self, field: str) -> bool:
        """Whether the template has the ``{field}`` placeholder (``section``, ``day``, ``page``, ``offset``)."""
        return re.search(r"\{" + field + r"[}:!]", self.url) is not None
