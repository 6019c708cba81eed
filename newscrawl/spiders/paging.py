"""How the pages of one index are addressed, read from its source's template (``Source.url``).

An index numbers its pages where its template has ``{page}`` (1, 2, 3 …) or ``{offset}`` (0, then
``step``, twice ``step`` …: Okezone's ten, Republika's fifty a page), in a query parameter (Tempo's
and Kompas's ``?page=N``) or in the path (detik's ``/indeks/{page}``, Republika's
``/index/{offset}/…``). An address the template matches is a page of the index; its *series* is the
address without its number, which every page of that one index shares (the same section, the same
day) and no page of another has. Only the spider pages indexes: the listing reader knows no templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

if TYPE_CHECKING:
    from datetime import date

    from newscrawl.outlets.rules import Source

_PLACEHOLDER = re.compile(r"\{(\w+)(?::([^{}]*))?\}")
NUMBERS = ("page", "offset")
# What a date format's codes write (``{day:%m/%d/%Y}``); without a format a date writes 2024-10-04.
_DAY_CODES = {"Y": r"\d{4}", "y": r"\d{2}", "m": r"\d{1,2}", "d": r"\d{1,2}", "j": r"\d{1,3}", "b": r"[A-Za-z]+"}
_PLAIN_DAY = r"\d{4}-\d{2}-\d{2}"
# Any other placeholder (a section slug): one segment's text.
_TEXT = r"[^/?#]*"


@dataclass(frozen=True, slots=True)
class Place:
    """Where an address stands in an index: the index (``series``) and the page's number from 1."""

    series: str
    page: int


class IndexTemplate:
    """The pages of an index ``source`` whose template numbers them (``{page}`` or ``{offset}``)."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.counts = next(n for n in NUMBERS if source.needs(n))
        parts = urlsplit(source.url)
        self.parameter = next((k for k, v in _query_items(parts.query) if v == f"{{{self.counts}}}"), None)
        """The query parameter the number is in; ``None``: it is in the path."""
        self._host = re.compile(_pattern(parts.netloc.removeprefix("www.")), re.IGNORECASE)
        path = parts.path.rstrip("/")
        hole = f"/{{{self.counts}}}"
        # A number that ends the path may be left out: that address is the first page (detik's
        # /indeks beside /indeks/2, Okezone's /indeks/Y/M/D beside /indeks/Y/M/D/10).
        self._trailing = self.parameter is None and path.endswith(hole)
        if self._trailing:
            path = f"(?P<head>{_pattern(path.removesuffix(hole))})(?:/(?P<number>\\d+))?"
        else:
            path = _pattern(path)
        self._path = re.compile(path + "/?")

    def place(self, url: str) -> Place | None:
        """The index and page ``url`` is, when it is a page of this template's; else ``None``."""
        parts = urlsplit(url)
        host = (parts.hostname or "").removeprefix("www.")
        found = self._path.fullmatch(parts.path or "/")
        if found is None or self._host.fullmatch(host) is None:
            return None
        query = parse_qsl(parts.query, keep_blank_values=True)
        if self.parameter is not None:
            values = [value for name, value in query if name == self.parameter]
            if values and not values[0].isdigit():
                return None
            number = values[0] if values else None
            path = parts.path.rstrip("/")
        elif self._trailing:
            number, path = found["number"], found["head"]
        else:
            number = found["number"]
            path = parts.path[: found.start("number")] + "{}" + parts.path[found.end("number") :].rstrip("/")
        rest = sorted((name, value) for name, value in query if name != self.parameter)
        series = host.lower() + path + (f"?{urlencode(rest)}" if rest else "")
        return Place(series, self.page_of(int(number)) if number is not None else 1)

    def page_of(self, number: int) -> int:
        """The page a number in an address stands for."""
        return number // max(self.source.step, 1) + 1 if self.counts == "offset" else number

    def number_of(self, page: int) -> int:
        """The number an address of page ``page`` holds."""
        return (page - 1) * self.source.step if self.counts == "offset" else page

    def address(self, url: str, page: int) -> str:
        """``url``, a page of this template's index, made to ask for page ``page`` of it."""
        number = self.number_of(page)
        if self.parameter is not None:
            return with_page(url, number, self.parameter)
        parts = urlsplit(url)
        found = self._path.fullmatch(parts.path or "/")
        if found is None:
            return url
        if self._trailing:
            head = found["head"]
            path = head if page == 1 and self.source.unnumbered_first else f"{head}/{number}"
        else:
            path = parts.path[: found.start("number")] + str(number) + parts.path[found.end("number") :]
        return urlunsplit(parts._replace(path=path))


def first_page(source: Source, section: str | None, day: date) -> str:
    """Page 1 of ``source`` for ``section`` and ``day``."""
    template = source.url
    if source.unnumbered_first:
        template = re.sub(r"/\{(?:page|offset)\}", "", template, count=1)
    return template.format(section=section or "", day=day, page=1, offset=0)


def _pattern(template: str) -> str:
    """A template as a regular expression, its ``{page}`` or ``{offset}`` as the group ``number``."""
    pieces = [re.escape(piece) for piece in _PLACEHOLDER.split(template)[::3]]
    fills = [_fill_pattern(name, form) for name, form in _PLACEHOLDER.findall(template)]
    return "".join(piece + fill for piece, fill in zip(pieces, [*fills, ""], strict=True))


def _fill_pattern(name: str, form: str) -> str:
    if name in NUMBERS:
        return r"(?P<number>\d+)"
    if name != "day":
        return _TEXT
    if not form:
        return _PLAIN_DAY
    codes = re.split(r"%(.)", form)  # text, code, text, code … text
    return "".join(_DAY_CODES.get(piece, _TEXT) if index % 2 else re.escape(piece) for index, piece in enumerate(codes))


def _query_items(query: str) -> list[tuple[str, str]]:
    """A template's query as (name, value) pairs, its placeholders untouched (``%m`` is no escape)."""
    return [(item.partition("=")[0], item.partition("=")[2]) for item in query.split("&") if item]


# -- an index numbered by a query parameter and no template: Tempo's E2 /indeks/<day>?page=N ----
def with_page(url: str, number: int, parameter: str = "page") -> str:
    """``url`` asking for page ``number`` of a listing (its ``page`` query parameter)."""
    parts = urlsplit(url)
    query = [(parameter, str(number)), *_without_page(parts.query, parameter)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def series(url: str, parameter: str = "page") -> str:
    """A listing's URL without its page number: every page of one index shares it."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(query=urlencode(_without_page(parts.query, parameter))))


def _without_page(query: str, parameter: str) -> list[tuple[str, str]]:
    return [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != parameter]
