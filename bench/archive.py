"""A web archive of a large fake tempo.co, for replaying at scale: ``articles`` stories published
over ``articles / PER_DAY`` days, written as the recorder writes a backfill of those days.

Each day has its daily index in both forms: the E2 ``/indeks/<day>`` page listing that day's E2
stories (kanal subdomains), and the E3 ``/indeks?page=N&...`` pages listing its E3 stories (rubric
paths), 20 a page. Every story links two others as "Berita terkait" (the next one, and the one
seven on), often on another day. Bodies are the seed's vocabulary drawn at random in the seed's
paragraph sizes, as the crawl bench's site has them, so that no two stories are near copies.
Pages are stored gzip-encoded, as Tempo sends them, in records written by the project's own WARC
code (``newscrawl.archive.warc``); the ``warcinfo`` record names the backfill, so ``-a replay=DIR``
alone replays it.

Writing 50,000 stories takes a minute or two, so the archive is kept in ``.newscrawl/bench/``
(ignored by git) under a name made of its parameters and a digest of the code that writes it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from newscrawl.archive import warc
from newscrawl.parsers.dates import WIB
from newscrawl.politeness import user_agent
from tests.site import pages
from tests.site.build import e2_url, e3_index, e3_url
from tests.site.pages import Card
from tests.site.run import ROOT

CACHE = ROOT / ".newscrawl" / "bench"
PER_DAY = 500
PER_PAGE = 20
FIRST_DAY = date(2024, 1, 1)
FIRST_ID = 3_000_000
KANALS = ("nasional", "dunia", "bisnis", "tekno")
RUBRICS = ("politik", "ekonomi", "hukum", "internasional")
ROBOTS = b"User-agent: *\nDisallow: /arsip/\n"
HTML = "text/html; charset=utf-8"


def archive(articles: int) -> Path:
    """The directory holding the archive of an ``articles``-story site, written if not cached."""
    digest = hashlib.sha256(b"".join(Path(m.__file__ or "").read_bytes() for m in (pages, warc))).hexdigest()[:8]
    source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:8]
    folder = CACHE / f"replay-{articles}-{PER_DAY}-{source}{digest}"
    if folder.is_dir():
        return folder
    CACHE.mkdir(parents=True, exist_ok=True)
    for stale in CACHE.glob(f"replay-{articles}-*"):  # written by older code: never read again
        shutil.rmtree(stale)
    partial = CACHE / f"{folder.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    write(partial / "bench-site.warc.gz", articles)
    partial.rename(folder)
    return folder


def days(articles: int) -> list[date]:
    return [FIRST_DAY + timedelta(days=n) for n in range((articles + PER_DAY - 1) // PER_DAY)]


def write(path: Path, articles: int) -> None:
    """The archive of an ``articles``-story site as one WARC file at ``path``."""
    covered = days(articles)
    # Recorded at noon the day after the last day, every record a microsecond after the one before.
    recorded = datetime.combine(covered[-1] + timedelta(days=1), datetime.min.time(), WIB) + timedelta(hours=12)
    fields = {
        "software": "newscrawl bench (python -m bench memory), warcio",
        "format": "WARC File Format 1.1",
        "description": f"a fake tempo.co of {articles} stories, backfilled",
        warc.ARGUMENTS_FIELD: json.dumps({"since": covered[0].isoformat(), "until": covered[-1].isoformat()}),
    }
    with path.open("wb") as handle:
        handle.write(warc.warcinfo_record(path.name, fields, recorded.astimezone(UTC)))
        for number, (url, body, content_type) in enumerate(_responses(articles), 1):
            encoded = gzip.compress(body, compresslevel=6, mtime=0)
            exchange = warc.Exchange(
                url=url,
                status=200,
                headers=(
                    ("Content-Type", content_type),
                    ("Content-Encoding", "gzip"),
                    ("Content-Length", str(len(encoded))),
                ),
                body=encoded,
                fetched_at=recorded + timedelta(microseconds=number),
                request_headers=(("User-Agent", user_agent("")), ("Accept-Encoding", "gzip, deflate")),
            )
            handle.write(warc.exchange_records(exchange)[0])


def _responses(articles: int) -> Iterator[tuple[str, bytes, str]]:
    """Every page of the site: robots.txt of each host, the daily indexes, the stories."""
    hosts = ["www.tempo.co", *(f"{kanal}.tempo.co" for kanal in KANALS)]
    for host in hosts:
        yield f"https://{host}/robots.txt", ROBOTS, "text/plain"
    stories = [_story(number) for number in range(articles)]
    vocabulary = sorted({word for paragraph in pages.PARAGRAPHS for word in paragraph.split()})
    sizes = [len(paragraph.split()) for paragraph in pages.PARAGRAPHS]
    rng = random.Random(FIRST_ID)
    for day_number, day in enumerate(days(articles)):
        today = stories[day_number * PER_DAY : (day_number + 1) * PER_DAY]
        e2 = [card for card in today if not card.url.startswith("https://www.tempo.co/")]
        e3 = [card for card in today if card.url.startswith("https://www.tempo.co/")]
        yield f"https://www.tempo.co/indeks/{day}", pages.e2_listing("Indeks", e2).encode(), HTML
        last = max(1, (len(e3) + PER_PAGE - 1) // PER_PAGE)
        for page in range(1, last + 1):
            cards = e3[(page - 1) * PER_PAGE : page * PER_PAGE]
            listing = pages.e3_listing("Indeks", cards, last_page=last, page=page)
            yield e3_index(day, page=page), listing.encode(), HTML
        for offset, card in enumerate(today):
            number = day_number * PER_DAY + offset
            text = [
                f"TEMPO.CO, Jakarta - {card.title}.",
                *(" ".join(rng.choices(vocabulary, k=k)) + "." for k in sizes),
            ]
            related = [stories[(number + 1) % articles], stories[(number + 7) % articles]]
            if card.url.startswith("https://www.tempo.co/"):
                html = pages.e3_article(card.url, card.title, day, text, related)
            else:
                html = pages.e2_article(card.url, card.title, day, text, related)
            yield card.url, html.encode(), HTML


def _story(number: int) -> Card:
    """The ``number``-th story: E2 and E3 in turn, across the kanals and rubrics."""
    title = f"Berita Arsip Nomor {number}"
    if number % 2:
        return Card(e2_url(KANALS[number // 2 % len(KANALS)], FIRST_ID + number, title), title)
    return Card(e3_url(RUBRICS[number // 2 % len(RUBRICS)], FIRST_ID + number, title), title)
