"""The header of a page without known markup: who wrote it, who edited it, when, in which section,
from where — read from what news pages write, not from class names (the generic layout's).

* **Labelled people**: every short text that starts with a role label ("Penulis", "Pewarta",
  "Jurnalis", "Reporter", "Oleh", "Editor", "Redaktur", "Red:") and the names after it, in the same
  element or the next ones of its row (``<td>Penulis</td><td>: Masriadi</td>``); a role written after
  the name (``Isna Rifka <h6>Penulis</h6>``) counts too. Labels keep reporters and editors apart.
* **The byline**: an element whose class or ``itemprop`` says author or byline, without labels: its
  ``|``-separated parts are the date, the section (a part that is one of the site's menu links) and the
  writer, followed by the dateline's place written in capitals (``Agence France-Presse, CHARLESTON,
  South Carolina``); a writer's name followed by `` - <the site's name>`` loses the site's name.
* **The visible date**: of the elements whose class says date or time, the one nearest the headline
  (before or after it) that holds a date; else any short text between the headline and the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from newscrawl.outlets.rules import place_name
from newscrawl.parsers.byline import is_label, read_byline
from newscrawl.parsers.clean import clean_text, dedupe, split_names
from newscrawl.parsers.dates import find_date
from newscrawl.parsers.density import in_chrome
from newscrawl.parsers.query import Query, text_of

MAX_BYLINE_CHARS = 200
MAX_LABEL_CHARS = 40
MAX_DATE_CHARS = 120
# How far up from a label its names are looked for: the label's element, its row, the row's parent.
LABEL_LEVELS = 2
# A role label starting a text, lower-cased.
_LABEL = re.compile(
    r"(?:reporter|penulis|pewarta|jurnalis|wartawan|fotografer|oleh|editor|penyunting|redaktur|red\s*:)\b"
)
# Words of class names (and ids, for dates) that mark what the header is made of.
_NAMES = re.compile(
    r"(?P<byline>byline|author|penulis|reporter)|(?P<date>date|time|tanggal|tgl|publish|waktu)"
    r"|(?P<caption>caption)|(?P<crumb>breadcrumb)|(?P<title>title|judul|headline)"
)
_BY_ATTRIBUTE = Query(
    "//*[@itemprop='author' or @rel='author' or @itemprop='datePublished'"
    " or contains(@id, 'date') or contains(@id, 'Date')]"
)
_PARTS = re.compile(r"\s+[|•]\s+")
_CAPITALS = re.compile(r"^[A-Z][A-Z'’.-]{2,}\b")
_SITE_AFTER_NAME = re.compile(r"\s+[-–]\s+(?P<site>\S+)$")


@dataclass(slots=True)
class Marks:
    """What one pass over the page finds: each element's place, and the elements its markup names
    for the header (by class words, ``itemprop``, ``rel``, tag) or whose text starts with a role label."""

    order: dict[etree._Element, int] = field(default_factory=dict)
    bylines: list[etree._Element] = field(default_factory=list)
    dates: list[etree._Element] = field(default_factory=list)
    captions: list[etree._Element] = field(default_factory=list)
    crumbs: list[etree._Element] = field(default_factory=list)
    headings: list[etree._Element] = field(default_factory=list)
    """``<h1>``, ``<h2>`` and elements named for a title, in page order."""
    labels: list[etree._Element] = field(default_factory=list)


def marks(tree: etree._Element) -> Marks:
    """The page's header marks, in one walk (a case-insensitive XPath per kind took milliseconds each;
    class names are lower-cased and searched without a case-insensitive pattern for the same reason)."""
    found = Marks()
    kinds = {"byline": found.bylines, "date": found.dates, "caption": found.captions, "crumb": found.crumbs}
    kinds["title"] = found.headings
    by_tag = {"h1": "title", "h2": "title", "time": "date", "figcaption": "caption"}
    attributes = set(_BY_ATTRIBUTE.nodes(tree))
    for n, element in enumerate(tree.iter()):
        found.order[element] = n
        named = by_tag.get(element.tag) if isinstance(element.tag, str) else None
        if named is not None:
            kinds[named].append(element)
        names = element.get("class")
        if names:
            lowered = names.lower()
            if _NAMES.search(lowered):
                for kind in {m.lastgroup for m in _NAMES.finditer(lowered)} - {named}:
                    kinds[kind or ""].append(element)
        if attributes and element in attributes:
            kind = "byline" if element.get("itemprop") == "author" or element.get("rel") == "author" else "date"
            if element not in kinds[kind]:
                kinds[kind].append(element)
        text = element.text
        if text and len(text) <= MAX_LABEL_CHARS and _LABEL.match(text.lstrip().lower()):
            found.labels.append(element)
    return found


@dataclass(slots=True)
class People:
    reporters: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    nodes: list[etree._Element] = field(default_factory=list)
    """The elements they were read from (not story text)."""


@dataclass(frozen=True, slots=True)
class Byline:
    reporters: tuple[str, ...] = ()
    date: str | None = None
    section: str | None = None
    dateline: str | None = None
    node: etree._Element | None = None


def labelled_people(page: Marks) -> People:
    """Reporters and editors from every labelled byline of the page, outside its chrome."""
    found = People()
    for label in page.labels:
        if any(label is n or n in label.iterancestors() for n in found.nodes) or in_chrome(label):
            continue
        unit = _unit(label)
        pieces = [clean_text(str(t)) for t in unit.itertext()]
        pieces = [p for p in pieces if p]
        if len(pieces) >= 2 and is_label(pieces[-1]) and not any(is_label(p) for p in pieces[:-1]):
            pieces = [pieces[-1], *pieces[:-1]]  # the role written after the name
        reporters, editors = read_byline(pieces)
        if reporters or editors:
            found.reporters += reporters
            found.editors += editors
            found.nodes.append(unit)
    return found


def _unit(label: etree._Element) -> etree._Element:
    """The smallest element around a label that holds names too (a table row, a paragraph)."""
    unit = label
    for _ in range(LABEL_LEVELS):
        if len(clean_text(text_of(unit))) > len(clean_text(label.text or "")) + 1:
            return unit
        parent = unit.getparent()
        if parent is None or len(clean_text(text_of(parent))) > MAX_BYLINE_CHARS:
            return unit
        unit = parent
    return unit


def byline(page: Marks, menu: set[str], site: str) -> Byline:
    """The first author/byline element outside the chrome, read by its parts."""
    for node in page.bylines:
        text = clean_text(text_of(node))
        if text and len(text) <= MAX_BYLINE_CHARS and not in_chrome(node) and not _photo_credit(node):
            return _parts(node, text, menu, site)
    return Byline()


def _photo_credit(node: etree._Element) -> bool:
    """An author mark that credits a picture (Kompas 2015's ``<span class="author">Facebook</span>`` beside
    its photo): inside a figure, or beside an image in its own container; the picture's, not the story's."""
    parent = node.getparent()
    if parent is None:
        return False
    return parent.find("img") is not None or any(a.tag in ("figure", "figcaption") for a in node.iterancestors())


def _parts(node: etree._Element, text: str, menu: set[str], site: str) -> Byline:
    people: list[str] = []
    date = section = dateline = None
    for part in _PARTS.split(text):
        if date is None and len(part) <= MAX_DATE_CHARS and find_date(part):
            date = find_date(part)
        elif section is None and part.casefold() in menu:
            section = part
        elif not people:
            found = _SITE_AFTER_NAME.search(part)
            if found and site and site in re.sub(r"\W", "", found["site"]).lower():
                part = part[: found.start()]  # "Vidya Pinandhita - detikHealth"
            names = [n.strip() for n in part.split(",")]
            at = next((i for i, n in enumerate(names) if i and _CAPITALS.match(n)), len(names))
            people = [n for name in names[:at] for n in split_names(name) if n]
            dateline = place_name(", ".join(names[at:])) if names[at:] else None
    return Byline(dedupe(people), date, section, dateline, node)


def visible_date(page: Marks, after: etree._Element | None, before: etree._Element | None) -> str | None:
    """The date the page shows for the article: in the element named for dates nearest the headline
    ``after``, else in any short text between the headline and the story ``before``."""
    order = page.order
    start = order.get(after, -1) if after is not None else -1
    end = order.get(before, len(order)) if before is not None else len(order)
    for node in sorted(page.dates, key=lambda n: abs(order.get(n, 0) - start)):
        found = _date_in(node)
        if found and not in_chrome(node):
            return found
    if after is None:
        return None
    for element in after.itersiblings():  # the header after the headline, up to the story
        if order.get(element, end) >= end:
            break
        for node in element.iter():
            found = _date_in(node) if isinstance(node.tag, str) else None
            if found and not in_chrome(node):
                return found
    return None


def _date_in(node: etree._Element) -> str | None:
    text = clean_text(text_of(node))
    return find_date(text) if text and len(text) <= MAX_DATE_CHARS else None
