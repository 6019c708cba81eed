"""Which outlet a page is from. Today there is one, Tempo: a page of any other site is refused
here, and only here, with ``NotAnArticle("other-site")`` — never read under a Tempo layout.

The host of the URL the page was fetched from decides. Without one (a saved page handed over
alone) the page's own canonical URL does, and without that its declared site name
(``og:site_name``, the JSON-LD publisher). A page that says nothing about where it is from is
taken as Tempo's: the caller vouches for it.
"""

from __future__ import annotations

from newscrawl import urls
from newscrawl.parsers.errors import NotAnArticle

OUTLET = "tempo"


def require_tempo(url: str | None, declared_url: str | None = None, site_names: tuple[str, ...] = ()) -> None:
    """Raise ``NotAnArticle("other-site")`` unless the page may be Tempo's."""
    host = urls.host_of(url) or urls.host_of(declared_url)
    if host:
        if not urls.is_tempo_host(host):
            raise NotAnArticle("other-site", f"{host} is not a {urls.TEMPO_DOMAIN} host")
        return
    names = [name for name in site_names if name]
    if names and not any(OUTLET in name.casefold() for name in names):
        raise NotAnArticle("other-site", f"the page names its site {names[0]!r}")
