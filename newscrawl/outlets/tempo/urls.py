"""Tempo's URL forms: which URLs are articles, their ids, one canonical form per article, the key.

Pure functions behind the ``Tempo`` outlet's methods (``newscrawl/outlets/tempo/__init__.py``).
Forms handled:

* E1/E2 ``https://<kanal>.tempo.co/read/<id>/<slug>`` (also ``/amp/<id>/``,
  cekfakta's ``/fakta/<id>/`` and E0's ``/read/news/YYYY/MM/DD/<kanal code><id>/<slug>``);
* E3 ``https://www.tempo.co/<rubric>/<slug>-<id>``;
* ``m.`` and ``amp.`` hosts, tracking query strings.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newscrawl.urls import host_of, path_of, plain_parts

TEMPO_DOMAIN = "tempo.co"
# Hosts whose /read/<id> numbers come from one sequence: one article, one key.
NEWS_FAMILY = "tempo"
OWN_FAMILIES = {"cekfakta", "en", "majalah", "koran", "video", "magz", "interaktif"}
MOBILE_HOSTS = {"m.tempo.co", "amp.tempo.co"}

# E0 ids carry a 3-digit kanal code, and en.tempo.co added ",uk.html": /read/news/2015/11/04/055715684,uk.html/<slug>
_READ = re.compile(
    r"^/(?:read|amp|fakta)/(?:news/\d{4}/\d{2}/\d{2}/\d{3})?(?P<id>\d+)(?:,[a-z]+\.html)?(?:/(?P<slug>[^/?#]*))?/?$"
)
_E3 = re.compile(r"^/(?P<rubric>[a-z0-9-]+)/(?P<slug>[^/?#]+?)-+(?P<id>\d{5,})/?$")
# Listing pages by their path: the home page, date archives (cekfakta's monthly
# "/2021/10", E1's "/indeks/2017/11/01/nasional", E2's "/indeks/2024-05-13"), indexes ("/indeks",
# "/index"), tags, search, authors, topics, feeds.
_LISTING_PATH = re.compile(
    r"^/(?:$|(?:indeks|index)(?:[/?.]|$)|\d{4}/\d{1,2}(?:/\d{1,2})?(?:/[a-z_-]+)?/?$"
    r"|tag/|search\b|terpopuler\b|terkini\b|rss\b|penulis/|topik/)",
    re.IGNORECASE,
)
# Rubric slugs of www.tempo.co (docs/layouts.md, URL forms): the first path segment of its article URLs.
RUBRICS = frozenset(
    (
        *("politik", "hukum", "ekonomi", "lingkungan", "wawancara", "sains", "investigasi", "cekfakta", "kolom"),
        *("hiburan", "internasional", "arsip", "otomotif", "olahraga", "sepakbola", "digital", "gaya-hidup"),
        *("teroka", "prelude", "tokoh", "video", "foto", "data", "infografik", "pemilu", "newsletter"),
        *("info-tempo", "ramadan"),
    )
)
_SLASHES = re.compile(r"/{2,}")
# Query parameters that select a page of a multi-page article: kept, everything else dropped.
PAGE_PARAMS = ("page_num", "page")


def is_tempo_host(host: str | None) -> bool:
    host = (host or "").lower().rstrip(".")
    return host == TEMPO_DOMAIN or host.endswith("." + TEMPO_DOMAIN)


def article_id(url: str | None) -> int | None:
    """Tempo's numeric article id of ``url``, or ``None`` if it is not an article URL."""
    found = match(url)
    return int(found["id"]) if found else None


def is_article_url(url: str | None) -> bool:
    """An article page on a tempo.co host (video pages excluded)."""
    found = match(url)
    if found is None or _host(url) == "video.tempo.co":
        return False
    return found.groupdict().get("rubric") != "video"


def site_family(host: str | None) -> str:
    """``tempo`` for www and the kanal subdomains, else the subdomain (``cekfakta``, ``en``...)."""
    host = (host or "").lower()
    if not is_tempo_host(host):
        return host
    sub = host[: -len(TEMPO_DOMAIN)].rstrip(".").split(".")[-1]
    return sub if sub in OWN_FAMILIES else NEWS_FAMILY


def article_key(url: str | None) -> str | None:
    """``<family>:<id>``: the same for every URL form of one article."""
    aid = article_id(url)
    return f"{site_family(_host(url))}:{aid}" if aid is not None else None


@lru_cache(maxsize=8192)
def canonicalize(url: str, *, keep_page: bool = True) -> str:
    """One spelling per page: https, lower-case host, no fragment, no tracking query.

    ``/amp/<id>/`` becomes ``/read/<id>/``; mobile hosts become ``www.tempo.co``.
    Only page-selecting parameters survive (``page_num``, ``page``), and only when
    ``keep_page`` and the page is not 1.
    """
    url = url.strip()
    plain = plain_parts(url)
    if plain is not None and is_tempo_host(plain[1]) and not (keep_page and plain[3]):
        host, path = _tempo_form(plain[1], plain[2] or "/")
        return f"https://{host}{path}"  # what urlunsplit gives of it
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    path = parts.path or "/"
    if is_tempo_host(host):
        host, path = _tempo_form(host, path)
    query = ""
    if keep_page:
        kept = [(k, v) for k, v in parse_qsl(parts.query) if k in PAGE_PARAMS and v not in ("", "1", "0")]
        query = urlencode(kept)
    scheme = "https" if is_tempo_host(host) else parts.scheme.lower()
    netloc = host if not parts.port or is_tempo_host(host) else f"{host}:{parts.port}"
    return urlunsplit((scheme, netloc, path, query, ""))


def _tempo_form(host: str, path: str) -> tuple[str, str]:
    """The canonical host and path of a page on a tempo.co host."""
    if host in MOBILE_HOSTS or host == TEMPO_DOMAIN:
        host = "www." + TEMPO_DOMAIN
    if path.startswith("/amp/"):
        path = "/read/" + path[len("/amp/") :]
    if "//" in path:
        path = _SLASHES.sub("/", path)
    if path != "/" and path.endswith("/"):
        path = path.rstrip("/")
    return host, path


def section_of(url: str | None) -> str | None:
    """Kanal subdomain (``dunia``) of E1/E2 article URLs, rubric (``politik``) of E3 ones."""
    found = match(url)
    if not found:
        return None
    if "rubric" in found.groupdict():
        return found["rubric"]
    sub = _host(url)[: -len(TEMPO_DOMAIN)].rstrip(".")
    # en.tempo.co, majalah.tempo.co... are sites of their own, not a kanal; cekfakta is both.
    if not sub or sub in ("www", "m", "amp") or "." in sub or (sub in OWN_FAMILIES and sub != "cekfakta"):
        return None
    return sub


def is_e3_url(url: str | None) -> bool:
    """The www.tempo.co form of late 2024 on: ``/<rubric>/<slug>-<id>``."""
    try:
        path = urlsplit(url or "").path
    except ValueError:
        return False
    return is_tempo_host(_host(url)) and bool(_E3.match(path))


@lru_cache(maxsize=8192)
def match(url: str | None) -> re.Match[str] | None:
    if not url or not is_tempo_host(_host(url)):
        return None
    plain = plain_parts(url)
    path = plain[2] if plain is not None else urlsplit(url).path  # parseable: _host() gave a host
    return _READ.match(path) or _E3.match(path)


def is_listing_url(url: str | None) -> bool:
    """A listing page by its path: home, date archive, index, tag, search."""
    return bool(url) and match(url) is None and bool(_LISTING_PATH.match(path_of(url)))


def _host(url: str | None) -> str:
    return host_of(url) or ""


def cache_clear() -> None:
    """Empty the memo of URL parsing (for a benchmark that must not profit from it)."""
    for cached in (canonicalize, match):
        cached.cache_clear()
