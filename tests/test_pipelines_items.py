"""The three pipelines before the store, on single items: validate, fingerprint, deduplicate."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import unicodedata
from typing import Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawl import settings as project
from newscrawl.pipelines import DeduplicatePipeline, FingerprintPipeline, ValidatePipeline
from newscrawl.store.decisions import bands, identity
from newscrawl.store.fingerprint import fingerprint, hamming, normalize_body, simhash, words
from tests.fix_db import SEED_URL, crawled, other_article, seed_article


def test_the_pipelines_run_in_issue_order() -> None:
    assert sorted(project.ITEM_PIPELINES, key=project.ITEM_PIPELINES.__getitem__) == [
        "newscrawl.pipelines.ValidatePipeline",
        "newscrawl.pipelines.FingerprintPipeline",
        "newscrawl.pipelines.DeduplicatePipeline",
        "newscrawl.pipelines.StorePipeline",
    ]


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"url": None}, "missing-url"),
        ({"url": "javascript:void(0)"}, "bad-url"),
        ({"outlet": None}, "missing-outlet"),
        ({"title": "  "}, "missing-title"),
        ({"body": ""}, "missing-body"),
        ({"body": "TEMPO.CO, Jakarta - Singkat."}, "short-body"),
    ],
)
def test_an_incomplete_article_is_dropped_with_its_reason(changes: dict[str, Any], reason: str) -> None:
    crawler = get_crawler()
    assert crawler.stats is not None
    pipeline = ValidatePipeline.from_crawler(crawler)
    with pytest.raises(DropItem) as dropped:
        pipeline.process_item(crawled(**changes))
    assert str(dropped.value).startswith(f"{reason}: ")
    assert str(dropped.value).endswith(str(changes.get("url", SEED_URL) or "(no URL)"))
    assert crawler.stats.get_value(f"newscrawl/dropped/{reason}") == 1


def test_the_minimum_body_length_is_a_setting() -> None:
    crawler = get_crawler(settings_dict={"NEWSCRAWL_MIN_BODY_CHARS": 5000})
    pipeline = ValidatePipeline.from_crawler(crawler)
    with pytest.raises(DropItem, match=r"^short-body: body of 2266 characters, under 5000 https://dunia"):
        pipeline.process_item(crawled())
    assert ValidatePipeline.from_crawler(get_crawler()).process_item(crawled()) is not None


def test_a_fetch_time_without_offset_is_dropped() -> None:
    with pytest.raises(DropItem, match="^bad-fetched-at: "):
        ValidatePipeline.from_crawler(get_crawler()).process_item(crawled(fetched_at="2024-05-14T12:00:00"))


def test_other_items_pass_every_pipeline_untouched() -> None:
    other = {"kind": "listing"}
    crawler = get_crawler()
    for pipeline in (
        ValidatePipeline.from_crawler(crawler),
        FingerprintPipeline(),
        DeduplicatePipeline.from_crawler(crawler),
    ):
        assert pipeline.process_item(other) is other


def test_fingerprint_normalizes_text_and_fills_the_fields() -> None:
    messy = seed_article().body.replace("Xi Jinping", "Xi\u00a0 Jinping").replace("\n\n", " \n \n\n", 2)
    decomposed = unicodedata.normalize("NFD", "Kremlin: Putin dan Xi Jinping Tolak Campur Tangan AS ")
    item = FingerprintPipeline().process_item(crawled(body=messy, title="  " + decomposed + "\u200b"))
    clean = fingerprint(crawled())
    assert item.article.body == clean.article.body == seed_article().body
    assert item.article.title == "Kremlin: Putin dan Xi Jinping Tolak Campur Tangan AS"
    assert item.content_hash == fingerprint(crawled(title=item.article.title)).content_hash
    assert item.word_count == len(words(seed_article().body)) == 316
    assert -(2**63) <= item.simhash < 2**63


def _messy_items() -> list[Any]:
    messy = seed_article().body.replace("Xi Jinping", "Xi\u00a0 Jinping").replace("\n\n", " \n \n\n", 2)
    decomposed = unicodedata.normalize("NFD", "Kremlin: Putin dan Xi Jinping Tolak Campur Tangan AS ")
    return [
        crawled(body=messy, title="  " + decomposed + "\u200b"),
        crawled(subtitle=" \u200b "),  # a subtitle that normalizes to nothing: None
        crawled(subtitle="Ringkasan  berita\u00a0ini."),
        crawled(),
    ]


def test_while_a_crawl_runs_the_fingerprints_are_made_in_a_worker_process_the_same() -> None:
    pipeline = FingerprintPipeline()

    async def crawl() -> list[Any]:
        await pipeline.open_spider()
        made = [await pipeline.process_item(item) for item in _messy_items()]
        assert pipeline.process is not None
        assert pipeline.process.pid is not None  # they were made there
        await pipeline.close_spider()
        return made

    assert asyncio.run(crawl()) == [fingerprint(item) for item in _messy_items()]
    assert pipeline.process is None


def test_a_fingerprint_worker_that_died_leaves_the_work_to_the_crawl() -> None:
    pipeline = FingerprintPipeline()

    async def crawl() -> list[Any]:
        await pipeline.open_spider()
        made = [await pipeline.process_item(crawled())]
        assert pipeline.process is not None
        assert pipeline.process.pid is not None
        os.kill(pipeline.process.pid, signal.SIGKILL)
        made += [await pipeline.process_item(item) for item in _messy_items()]  # one here, then a new worker
        with pytest.raises(TypeError):  # what cannot be fingerprinted raises as it would here
            await pipeline.process_item(crawled(body=123))
        await pipeline.close_spider()
        return made

    assert asyncio.run(crawl()) == [fingerprint(item) for item in [crawled(), *_messy_items()]]


def test_the_content_hash_is_of_the_text_not_the_page() -> None:
    a = fingerprint(crawled())
    refetch = fingerprint(crawled(url="https://dunia.tempo.co/amp/1831560/x", fetched_at="2025-01-01T00:00:00+00:00"))
    edited = fingerprint(crawled(body=seed_article().body + "\n\nRalat: tanggal diperbaiki."))
    retitled = fingerprint(crawled(title=seed_article().title + " (Diperbarui)"))
    assert a.content_hash == refetch.content_hash
    assert len({a.content_hash, edited.content_hash, retitled.content_hash}) == 3


def test_simhash_is_close_for_small_edits_and_far_for_other_articles() -> None:
    body = seed_article().body
    small = body.replace("kata Kremlin.", "kata Kremlin pada Jumat.", 1)
    assert hamming(simhash(words(body)), simhash(words(small))) <= 3
    for number in range(1, 30):
        assert hamming(simhash(words(body)), simhash(words(other_article(number).article.body))) > 3


def textbook_simhash(tokens: list[str]) -> int:
    """The SimHash of the word pairs as defined, bit by bit (one word: its own feature; none: 0)."""
    import hashlib

    mask = 2**64 - 1
    hashes = [int.from_bytes(hashlib.blake2b(t.encode(), digest_size=8).digest(), "big") for t in tokens]
    pairs = [((((a << 1) | (a >> 63)) & mask) ^ b) for a, b in zip(hashes, hashes[1:], strict=False)]
    features = [(pair * 0x9E3779B97F4A7C15) & mask for pair in pairs or hashes]
    total = [0] * 64
    for feature in features:  # +1 for each feature with the bit set, -1 for each without
        for bit in range(64):
            total[bit] += 1 if feature >> bit & 1 else -1
    return sum(1 << bit for bit in range(64) if total[bit] > 0)


@pytest.mark.parametrize("size", [0, 1, 2, 3, 4, 17, 64, 1000])
def test_simhash_matches_the_textbook_definition(size: int) -> None:
    article = words(seed_article().body)
    tokens = (article * (1 + size // len(article)))[:size] if size < 1000 else article
    shuffled = random.Random(size).sample(tokens, len(tokens))
    for text in (tokens, shuffled):
        assert simhash(text) % 2**64 == textbook_simhash(text)


def test_articles_sharing_their_words_still_get_distant_simhashes() -> None:
    # the same words in another order: another text, whose word pairs differ
    shuffled = seed_article().body.split()
    random.Random(7).shuffle(shuffled)
    assert hamming(simhash(words(seed_article().body)), simhash(shuffled)) > 10


def test_near_duplicates_share_a_band() -> None:
    value = simhash(words(seed_article().body))
    for flips in ((0, 17, 40), (1, 2, 3), (15, 31, 63)):
        other = value ^ sum(1 << b for b in flips)
        assert set(bands(value)) & set(bands(other))


def test_bad_text_never_makes_the_fingerprint_raise() -> None:
    item = fingerprint(crawled(title="Judul \udcff", body="Isi \x00 dengan bita aneh \udc80\n\n\n"))
    assert item.content_hash
    assert normalize_body("\n \n") == ""


E3 = "https://www.tempo.co/internasional/kremlin-putin-dan-xi-jinping-tolak-campur-tangan-as-1831560"


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (SEED_URL, SEED_URL),
        ("https://dunia.tempo.co/amp/1831560/kremlin-putin", SEED_URL),
        ("http://m.tempo.co/read/1831560/kremlin-putin?utm_source=wa&page_num=1", None),
        ("https://dunia.tempo.co/read/1831560/kremlin-putin-dan-xi/", "//dunia.tempo.co/read/1831560/x"),
        (E3, E3),
        (E3 + "?utm_campaign=x", "https://www.tempo.co/"),
    ],
)
def test_every_url_form_of_an_article_has_one_key(url: str, canonical: str | None) -> None:
    found = identity(crawled(url=url, canonical_url=canonical).article)
    assert found is not None
    assert found.key == "tempo:1831560"
    assert "utm_" not in found.canonical_url
    assert found.canonical_url.startswith("https://")


def test_a_page_without_a_tempo_id_is_keyed_by_its_canonical_url() -> None:
    found = identity(crawled(url="https://www.tempo.co/tag/putin?utm_source=x", canonical_url=None).article)
    assert found is not None
    assert found.key == "url:https://www.tempo.co/tag/putin"


def test_deduplicate_sets_the_stored_canonical_url_and_drops_what_has_none() -> None:
    crawler = get_crawler()
    assert crawler.stats is not None
    pipeline = DeduplicatePipeline.from_crawler(crawler)
    amp = pipeline.process_item(crawled(url="https://dunia.tempo.co/amp/1831560/x", canonical_url=None))
    assert amp.article.canonical_url == "https://dunia.tempo.co/read/1831560/x"
    with pytest.raises(DropItem, match="^no-identity: "):
        pipeline.process_item(crawled(url="mailto:redaksi@tempo.co", canonical_url=None))
    assert crawler.stats.get_value("newscrawl/dropped/no-identity") == 1


def test_storage_never_imports_the_parsers() -> None:
    from tests.test_layering import ROOT as REPO
    from tests.test_layering import _closure

    start = sorted((REPO / "newscrawl" / "pipelines").glob("*.py")) + sorted((REPO / "newscrawl" / "db").glob("*.py"))
    for module, imports in _closure(start).items():
        assert not [name for name in imports if name.startswith("newscrawl.parsers")], module
