"""The fast reading of plain URLs gives exactly what ``urlsplit`` gives: for every link of every saved
page and for generated addresses (odd case, ports, users, spaces, controls, empty parts). Tempo's
canonical form and article test take the fast reading where they can; with it switched off they
must give the same answers."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from newscrawl import urls
from newscrawl.outlets.tempo import urls as tempo_urls

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _saved_links() -> list[str]:
    found: set[str] = set()
    parser = etree.HTMLParser(encoding="utf-8")
    for page in sorted(SEEDS.rglob("*.html")):
        tree = etree.fromstring(page.read_bytes(), parser)
        if tree is None:
            continue
        values = (node.get(name) for node in tree.iter() for name in ("href", "src", "content"))
        found.update(v.strip() for v in values if v and "//" in v)
    return sorted(found)


LINKS = _saved_links()
PIECES = st.sampled_from(
    [
        *("http", "https", "HTTPS", "ftp", "://", "//", "/", "?", "#", ":", "@", ".", "-", "%20", " ", "\t"),
        *("\x00", "\x01", "\x7f", "\ufffd", "\u00a0", "é", "[", "]", "tempo.co", "Tempo.Co", "m.", "amp."),
        *("www.", "dunia.", "read", "amp", "1831560", "slug", "page=2", "page_num=1", "utm_source=x", ":8080"),
    ]
)
GENERATED = st.lists(PIECES, min_size=1, max_size=14).map("".join)


def _urlsplit_parts(url: str) -> tuple[str, str, str, str] | None:
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    return parts.scheme, host, parts.path, parts.query


def _check_plain(url: str) -> None:
    plain = urls.plain_parts(url)
    if plain is not None:
        assert plain == _urlsplit_parts(url), url
        assert plain[0] in ("http", "https"), url
        assert plain[1], url


def test_saved_pages_hold_links_of_every_kind() -> None:
    assert len(LINKS) > 500
    assert any(urls.plain_parts(u) is not None for u in LINKS)
    assert any(urls.plain_parts(u) is None for u in LINKS)  # the slow path is exercised too


@pytest.mark.parametrize("url", LINKS[::7])
def test_plain_parts_of_saved_links_are_urlsplits(url: str) -> None:
    _check_plain(url)


@settings(max_examples=400, deadline=None)
@given(GENERATED)
def test_plain_parts_of_any_text_are_urlsplits(url: str) -> None:
    _check_plain(url)


def _slow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tempo's URL functions with the fast reading switched off (and their memo emptied)."""
    monkeypatch.setattr(tempo_urls, "plain_parts", lambda url: None)
    tempo_urls.cache_clear()


def _answers(url: str) -> tuple[object, ...]:
    answers: list[object] = []
    for call in (
        lambda: tempo_urls.canonicalize(url),
        lambda: tempo_urls.canonicalize(url, keep_page=False),
        lambda: tempo_urls.is_article_url(url),
        lambda: tempo_urls.article_key(url),
    ):
        try:
            answers.append(call())
        except ValueError as exc:  # urlsplit's refusal stays a refusal
            answers.append(type(exc))
    return tuple(answers)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINKS), min_size=1, max_size=5) | st.lists(GENERATED, min_size=1, max_size=5))
def test_tempo_answers_are_the_same_without_the_fast_reading(batch: list[str]) -> None:
    tempo_urls.cache_clear()
    fast = [_answers(u) for u in batch]
    with pytest.MonkeyPatch.context() as patch:
        _slow(patch)
        slow = [_answers(u) for u in batch]
    tempo_urls.cache_clear()
    assert fast == slow


@pytest.mark.parametrize(
    ("href", "absolute"),
    [
        ("https://dunia.tempo.co/read/1", "https://dunia.tempo.co/read/1"),
        ("HTTPS://Dunia.Tempo.co/read/1", "https://Dunia.Tempo.co/read/1"),  # by urljoin
        ("https://dunia.tempo.co:8080/read/1", "https://dunia.tempo.co:8080/read/1"),
        ("https:///read/1", None),
        ("https://dunia.tempo.co/read/\x001", None),
        ("/read/2", "https://dunia.tempo.co/read/2"),
    ],
)
def test_absolute_takes_plain_and_other_links_alike(href: str, absolute: str | None) -> None:
    urls.cache_clear()
    assert urls.absolute(href, "https://dunia.tempo.co/read/1") == absolute
