"""Web addresses, whatever the outlet: absolute links, hosts, paths, the page a URL asks for, the
canonical form of a site no outlet package knows, and the site a host belongs to.

Outlet-neutral and pure (it imports nothing of newscrawl). What an outlet says about its own URLs
(which are articles, their ids, their canonical form, the deduplication key) is the outlet's
(``newscrawl/outlets/<outlet>/``); ``newscrawl.outlets`` finds the outlet of a URL.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

_DOUBLE_SCHEME = re.compile(r"^(?:https?:)+(?=https?://)", re.IGNORECASE)
# A NUL byte, the replacement character, or the parser's mark for a NUL read inside a tag
# (parsers.clean.NUL_MARK): the address was damaged, and what is left of it names no page.
_NUL_MARK = "\U0010fffd"
# Query parameters that select a page of a multi-page article on sites no package describes.
PAGE_PARAMS = ("page", "page_num")
# Query parameters that say where a reader came from, never which page: dropped from canonical URLs.
_TRACKING = re.compile(r"^(?:utm_\w*|fbclid|gclid|dclid|msclkid|igshid|mc_cid|mc_eid|_ga|ref_src)$", re.IGNORECASE)
# Second-level labels under which a site's own name is the third label: www.republika.co.id,
# news.bbc.co.uk. Enough for the sites a news crawler meets; a host under another public suffix of
# two labels (rare among news sites) is named by its second-level label instead.
_SECOND_LEVEL = frozenset(("co", "com", "or", "ac", "go", "net", "org", "web", "sch", "my", "biz", "gov", "edu"))
# The plain form nearly every link of a page has: http(s), a lower-case host of letters, digits,
# hyphens and dots, no port, no user, no space or control character. Of such a URL this gives what
# ``urlsplit`` and its ``hostname`` give, at a fraction of their cost (which was most of the cost of
# reading a page's related links); any other URL goes to ``urlsplit``.
_PLAIN = re.compile(
    r"(https?)://([a-z0-9-]+(?:\.[a-z0-9-]+)*)(/[^?#\s\x00-\x1f\x7f]*)?(?:\?([^#\s\x00-\x1f\x7f]*))?(?:#\S*)?"
)


@lru_cache(maxsize=8192)
def plain_parts(url: str) -> tuple[str, str, str, str] | None:
    """``(scheme, host, path, query)`` of an absolute URL of the plain form, as ``urlsplit`` would
    give them; ``None`` for any other URL."""
    found = _PLAIN.fullmatch(url)
    return (found[1], found[2], found[3] or "", found[4] or "") if found else None


@lru_cache(maxsize=8192)
def absolute(href: str | None, base: str | None) -> str | None:
    """Resolve a relative or protocol-relative ``href`` against ``base``; ``None`` if unusable."""
    if not href or _is_damaged(href):
        return None
    href = href.strip()
    if href.startswith(("https://", "http://")) and not _DOUBLE_SCHEME.match(href):
        if plain_parts(href) is not None:
            return href  # absolute, with a host: the common case
        url = href  # absolute: urljoin is slow
    elif href.startswith("//"):
        url = ("https:" if not base or base.startswith("https") else "http:") + href
    else:
        # "http:http://cdn..." (seen in 2015 JSON-LD): keep the last scheme.
        href = _DOUBLE_SCHEME.sub("", href)
        if href.startswith(("javascript:", "mailto:", "tel:", "#", "data:")):
            return None
        try:
            url = urljoin(base or "", href)
        except ValueError:
            return None
    try:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
    except ValueError:
        return None
    return url


def _is_damaged(url: str) -> bool:
    return "\x00" in url or "\ufffd" in url or _NUL_MARK in url  # faster than one regular expression


def host_of(url: str | None) -> str | None:
    """Lower-case host of ``url``, ``None`` when it has none."""
    return _host(url) or None


@lru_cache(maxsize=8192)
def _host(url: str | None) -> str:
    plain = plain_parts(url) if url else None
    if plain is not None:
        return plain[1]
    try:
        return (urlsplit(url or "").hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def path_of(url: str | None) -> str:
    """Path of ``url`` ("/" when empty or unparseable)."""
    plain = plain_parts(url) if url else None
    if plain is not None:
        return plain[2] or "/"
    try:
        return urlsplit(url or "").path or "/"
    except ValueError:
        return "/"


def page_number(url: str, params: tuple[str, ...] = PAGE_PARAMS) -> int:
    """The page a URL asks for (``?page=2``, by the parameters ``params``), 1 when none."""
    for key, value in parse_qsl(urlsplit(url).query):
        if key in params and value.isdigit():
            return max(int(value), 1)
    return 1


def is_tracking(param: str) -> bool:
    """``utm_source``, ``fbclid``…: a parameter that says where a reader came from."""
    return bool(_TRACKING.match(param))


@lru_cache(maxsize=8192)
def canonical(url: str, *, keep_page: bool = True, page_params: tuple[str, ...] = PAGE_PARAMS) -> str:
    """The canonical form of a page of a site no outlet package describes: https, lower-case host,
    no fragment, no tracking parameters; the other parameters stay (on such a site ``?id=12`` may
    be what names the page). A page-selecting parameter stays only with ``keep_page`` and when
    it asks for a page past the first."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme.lower() not in ("http", "https") or not host:
        return url.strip()  # no web page's address (mailto:, a path alone): nothing to normalize
    netloc = host if not parts.port or parts.port in (80, 443) else f"{host}:{parts.port}"
    kept = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking(k) and (k not in page_params or (keep_page and v not in ("", "0", "1")))
    ]
    return urlunsplit(("https", netloc, parts.path or "/", urlencode(kept), ""))


@lru_cache(maxsize=4096)
def site_of(host: str | None) -> str:
    """The site a host belongs to, its registrable domain: ``www.thejakartapost.com`` →
    ``thejakartapost.com``, ``nasional.republika.co.id`` → ``republika.co.id``; an IP address as it is."""
    labels = (host or "").lower().rstrip(".").split(".")
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return ".".join(labels)
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def site_name(host: str | None) -> str:
    """The name of a host's site, as an outlet is named: ``www.thejakartapost.com`` →
    ``thejakartapost``, ``www.cnnindonesia.com`` → ``cnnindonesia``; empty without a host."""
    site = site_of(host)
    return site.split(".")[0] if site and not site.replace(".", "").isdigit() else site


def same_site(first: str | None, second: str | None) -> bool:
    """Two hosts of one site (``www.x.com`` and ``m.x.com``)."""
    return bool(first) and bool(second) and site_of(first) == site_of(second)


def cache_clear() -> None:
    """Empty the memo of URL parsing (for a benchmark that must not profit from it)."""
    for cached in (absolute, canonical, site_of, _host, plain_parts):
        cached.cache_clear()
