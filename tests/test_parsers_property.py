"""Whatever the input, the parsers give an Article that keeps the invariants (or a Listing) or
raise NotAnArticle — nothing else.

Hypothesis mutates the seed pages the ways real crawls break them: truncation at any
point, random bytes, the wrong encoding, deleted or duplicated elements.
"""

from __future__ import annotations

import contextlib
import copy
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from newscrawl.items import Article
from newscrawl.parsers import Listing, NotAnArticle, article_page, parse, parse_listing
from newscrawl.parsers.invariants import breaks
from tests.conftest import SEEDS, load_cases

INPUTS = {i["file"]: ((SEEDS / i["file"]).read_bytes(), i["url"]) for case in load_cases() for i in case["inputs"]}
NAMES = sorted(INPUTS)
HTML_NAMES = [n for n in NAMES if n.endswith(".html")]
ENCODINGS = ["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-8-sig", "cp437", "shift_jis"]
PROFILE = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(content: bytes | str, url: str | None) -> None:
    with contextlib.suppress(NotAnArticle):
        article = parse(url, content)
        assert isinstance(article, Article)
        assert breaks(article) == []  # whatever came through, an Article keeps the invariants
    with contextlib.suppress(NotAnArticle):
        assert isinstance(parse_listing(url, content), Listing)
    with contextlib.suppress(NotAnArticle):
        next_page = article_page(url, content).next_page_url()
        assert next_page is None or isinstance(next_page, str)


@PROFILE
@given(st.sampled_from(NAMES), st.floats(0, 1))
def test_truncated_pages(name: str, where: float) -> None:
    content, url = INPUTS[name]
    _check(content[: int(len(content) * where)], url)


@PROFILE
@given(st.sampled_from(NAMES), st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=64)), max_size=8))
def test_random_bytes_spliced_in(name: str, splices: list[tuple[float, bytes]]) -> None:
    content, url = INPUTS[name]
    for where, junk in splices:
        at = int(len(content) * where)
        content = content[:at] + junk + content[at + len(junk) :]
    _check(content, url)


@PROFILE
@given(st.sampled_from(NAMES), st.sampled_from(ENCODINGS))
def test_wrong_encodings(name: str, encoding: str) -> None:
    content, url = INPUTS[name]
    _check(content.decode("utf-8").encode(encoding, errors="replace"), url)
    _check(content.decode("latin-1"), url)  # UTF-8 bytes misread as latin-1, handed over as text


@PROFILE
@given(st.sampled_from(HTML_NAMES), st.integers(0, 2**32 - 1), st.integers(1, 40))
def test_deleted_and_duplicated_nodes(name: str, seed: int, edits: int) -> None:
    content, url = INPUTS[name]
    tree = etree.fromstring(content, etree.HTMLParser(encoding="utf-8"))
    rng = random.Random(seed)
    for _ in range(edits):
        nodes = [n for n in tree.iter() if n.getparent() is not None]
        if not nodes:
            break
        node = rng.choice(nodes)
        parent = node.getparent()
        assert parent is not None
        if rng.random() < 0.7:
            parent.remove(node)
        else:
            parent.insert(parent.index(node), copy.deepcopy(node))
    _check(etree.tostring(tree, encoding="utf-8"), url)


@PROFILE
@given(st.text(max_size=2000), st.one_of(st.none(), st.text(max_size=100)))
def test_arbitrary_text_and_urls(text: str, url: str | None) -> None:
    _check(text, url)
    _check(text.encode("utf-8", errors="surrogatepass"), url)


def test_deep_nesting_and_control_characters() -> None:
    deep = "<html><body>" + "<div>" * 5000 + "TEMPO.CO, Jakarta - teks" + "</div>" * 5000 + "</body></html>"
    _check(deep, "https://dunia.tempo.co/read/1/x")
    _check("<html>\x00\x01\x02<h1>Judul</h1>\x1b<p>Isi</p></html>", "https://dunia.tempo.co/read/1/x")
    _check('<?xml version="1.0" encoding="utf-8"?><html><h1>Judul</h1></html>', "https://dunia.tempo.co/read/1/x")
