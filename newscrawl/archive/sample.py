"""Builds ``seeds/sample.warc.gz``, the archive ``make replay`` crawls: the article pages of
``seeds/`` arranged as a small tempo.co, recorded as a latest-news crawl on 14 May 2024 at
12:00 WIB (the seed cases' fetch time) would have fetched it.

``python -m newscrawl.archive.sample [--output PATH]``

What is in it: robots.txt of every host; the home page, the section pages of
``NEWSCRAWL_SECTIONS``, the feeds, the sitemap and the day's two daily indexes, exactly the start
pages of the default crawl (``spiders.sources``), listing the articles; the articles, byte for
byte the fixture pages (the 2024 story in its two pages, the 2022 cekfakta page, the two 2015
pages); and a stand-in page (``sample_pages.stand_in``) for every story they link as "Berita
terkait" or "Pilihan Editor", one hop away. Everything is derived from the fixtures' expected
JSON and the fixed recording time, and record ids from the URLs, so the same ``seeds/`` always
gives the same records.
"""

from __future__ import annotations

import argparse
import json
import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newscrawl import outlets, urls
from newscrawl.archive import warc
from newscrawl.archive.sample_pages import Card, listing, rss, sitemap_index, stand_in, urlset
from newscrawl.outlets.tempo import OUTLET as TEMPO
from newscrawl.parsers import article_page
from newscrawl.parsers.dates import WIB
from newscrawl.politeness import user_agent
from newscrawl.spiders import sources
from newscrawl.spiders.plan import CrawlPlan

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
OUTPUT = SEEDS / "sample.warc.gz"
RECORDED = datetime(2024, 5, 14, 12, 0, tzinfo=WIB).astimezone(UTC)
CASES = (
    "e2-dunia-2024-02-08-kremlin-putin-xi.pages",
    "e2-cekfakta-2022-06-22-fakta-1752",
    "e0-gaya-2015-11-05-malas-bergerak",
    "e0-en-2015-11-04-peatland-finland",
)
ROBOTS = "User-agent: *\nDisallow: /arsip/\n"
HTML = "text/html; charset=utf-8"
_URL_DAY = re.compile(r"/(\d{4})/(\d{2})/(\d{2})/")


class Site:
    """The responses of the sample, by URL, in the order they are recorded."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[bytes, str]] = {}

    def add(self, url: str, body: str | bytes, content_type: str = HTML) -> None:
        self.pages.setdefault(url, (body.encode("utf-8") if isinstance(body, str) else body, content_type))


def build_site() -> Site:
    day = RECORDED.astimezone(WIB).date()
    articles = [_case(name) for name in CASES]
    site = Site()
    stories = [Card(a["request"], a["expected"]["title"], _published(a["expected"])) for a in articles]
    sections: tuple[str, ...] = TEMPO.default_sections
    for kind, url in sources.start_pages(CrawlPlan(), sections, day):
        if kind == "feed":
            _feed(site, url, stories, articles)
        else:
            section = outlets.section_of(url) if kind == "listing" and url != sources.HOME else None
            cards = [s for s, a in zip(stories, articles, strict=True) if not section or a["section"] == section]
            site.add(url, listing(f"Tempo.co {section or ''}".strip(), cards))
    for article in articles:
        for url, body in article["pages"]:
            site.add(url, body)
    for article in articles:
        for card in article["links"]:
            site.add(card.url, stand_in(card, "en" if urls.host_of(card.url) == "en.tempo.co" else "id"))
    return site


def write(path: Path, site: Site) -> int:
    """Write ``site`` as a WARC file at ``path``; the number of responses recorded."""
    hosts = sorted({urls.host_of(url) or "" for url in site.pages})
    responses = [(f"https://{host}/robots.txt", (ROBOTS.encode(), "text/plain")) for host in hosts]
    responses += list(site.pages.items())
    fields = {
        "software": "newscrawl sample builder (python -m newscrawl.archive.sample), warcio",
        "format": "WARC File Format 1.1",
        "description": "the fixture pages of seeds/ as a latest-news crawl of tempo.co on 14 May 2024 would fetch them",
        warc.ARGUMENTS_FIELD: "{}",
    }
    with path.open("wb") as handle:
        handle.write(warc.warcinfo_record(path.name, fields, RECORDED, _record_id("warcinfo")))
        for index, (url, (body, content_type)) in enumerate(responses, 1):
            exchange = warc.Exchange(
                url=url,
                status=200,
                headers=(("Content-Type", content_type), ("Content-Length", str(len(body)))),
                body=body,
                # Microseconds apart: the order of the records, the fetch time 12:00:00 WIB for every page.
                fetched_at=RECORDED + timedelta(microseconds=index),
                request_headers=(("User-Agent", user_agent("")), ("Accept-Encoding", "gzip, deflate")),
            )
            data, _ = warc.exchange_records(exchange, (_record_id(f"response {url}"), _record_id(f"request {url}")))
            handle.write(data)
    return len(responses)


def _case(name: str) -> dict[str, Any]:
    """A fixture case as the sample serves it: its pages under the URLs the spider asks for, and
    the stories it links (its expected JSON's related cards and editor's pick)."""
    case = next(c for c in json.loads((SEEDS / "cases.json").read_text(encoding="utf-8")) if c["name"] == name)
    expected = json.loads((SEEDS / f"{name}.json").read_text(encoding="utf-8"))
    first = case["inputs"][0]
    request = outlets.canonicalize(first["url"], keep_page=False)
    pages: list[tuple[str, bytes]] = []
    url: str | None = request
    for page in case["inputs"]:
        html = (SEEDS / page["file"]).read_bytes()
        assert url is not None, f"{name}: the pager of page {len(pages)} links no further page"
        pages.append((url, html))
        following = article_page(url, html, RECORDED).next_page_url()
        url = outlets.canonicalize(following) if following else None
    published = _published(expected)
    linked = [*expected["related"], *([expected["editor_pick"]] if expected["editor_pick"] else [])]
    links = [
        Card(
            outlets.canonicalize(link["url"], keep_page=False),
            link["title"],
            _card_time(link, published),
            link.get("summary"),
        )
        for link in linked
        if link.get("url")
    ]
    return {"request": request, "pages": pages, "expected": expected, "section": expected["section"], "links": links}


def _feed(site: Site, url: str, stories: list[Card], articles: list[dict[str, Any]]) -> None:
    if url == sources.SITEMAP:
        news = "https://www.tempo.co/sitemap-news.xml"
        site.add(url, sitemap_index([(news, RECORDED)]), "application/xml")
        site.add(news, urlset(stories), "application/xml")
        return
    rubric = url.rsplit("/", 1)[1] if "/rss/free/" in url else None
    cards = [s for s, a in zip(stories, articles, strict=True) if rubric is None or a["section"] == rubric]
    site.add(url, rss(f"Tempo.co {rubric or ''}".strip(), cards), "application/rss+xml; charset=utf-8")


def _published(expected: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(expected["published_at"])


def _card_time(link: dict[str, Any], linking: datetime) -> datetime:
    """The card's own time, else the day in its URL (2015 pages), else the linking story's."""
    if link.get("published_at"):
        return datetime.fromisoformat(link["published_at"])
    found = _URL_DAY.search(link["url"])
    if found:
        year, month, day = map(int, found.groups())
        return datetime(year, month, day, tzinfo=WIB)
    return linking


def _record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'newscrawl-sample:{name}')}>"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newscrawl.archive.sample", description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"where to write it (default: {OUTPUT})")
    args = parser.parse_args(argv)
    count = write(args.output, build_site())
    print(f"{args.output}: {count} responses, {args.output.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
