"""``python -m newscrawl search`` on the fixture articles stored in the real PostgreSQL: Indonesian
stemming at work, ranking, filters, both outputs, a reader role, and bad input."""

from __future__ import annotations

import psycopg
import pytest

from tests.fix_reader import fixture_articles, json_lines, newscrawl

pytestmark = pytest.mark.db

CEKFAKTA_TITLE = "Keliru, Video Kode Rahasia Untuk Menghemat Listrik Prabayar"


def test_the_pair_stems_alike_in_the_indonesian_configuration(stored: str) -> None:
    with psycopg.connect(stored) as conn:
        debug = conn.execute(
            "SELECT token, dictionaries, lexemes FROM ts_debug('indonesian', 'beredar mengedarkan')"
            " WHERE alias = 'asciiword'"
        ).fetchall()
    assert debug == [("beredar", ["indonesian_stem"], ["edar"]), ("mengedarkan", ["indonesian_stem"], ["edar"])]


def test_a_form_of_a_word_finds_the_article_that_holds_only_another_form(stored: str) -> None:
    holders = [i.article for i in fixture_articles() if "beredar" in i.article.body.lower()]
    assert [a.title for a in holders] == [CEKFAKTA_TITLE]
    assert not [i for i in fixture_articles() if "mengedarkan" in (i.article.title + i.article.body).lower()]

    done = newscrawl("search", "mengedarkan", "--json", url=stored)
    assert done.returncode == 0, done.stderr
    hits = json_lines(done.stdout)
    assert [hit["title"] for hit in hits] == [CEKFAKTA_TITLE]
    assert "«beredar»" in hits[0]["snippet"]
    assert (
        hits[0]["canonical_url"]
        == "https://cekfakta.tempo.co/fakta/1752/keliru-video-kode-rahasia-untuk-menghemat-listrik-prabayar"
    )
    assert hits[0]["published_at"] == "2022-06-22T11:16:00+07:00"
    assert set(hits[0]) == {"id", "title", "published_at", "section", "site", "canonical_url", "rank", "snippet"}


def test_hits_are_ranked_a_title_above_a_mention_in_the_body(stored: str) -> None:
    # "hampir" is in one title (the metro story) and in another article's body only (gaya).
    hits = json_lines(newscrawl("search", "hampir", "--json", url=stored).stdout)
    assert [hit["section"] for hit in hits] == ["metro", "gaya"]
    assert "Hampir" in hits[0]["title"]
    assert "ampir" not in hits[1]["title"]
    assert hits[0]["rank"] > hits[1]["rank"]


@pytest.mark.parametrize(
    ("filters", "sections"),
    [
        (["--section", "cekfakta"], {"cekfakta"}),
        (["--section", "DUNIA"], {"dunia"}),
        (["--since", "2024-01-01"], {"dunia"}),
        (["--until", "2022-06-22"], {"cekfakta", "gaya", "metro"}),
        (["--since", "2022-06-22T11:16", "--until", "2022-06-22T11:16:00+07:00"], {"cekfakta"}),
    ],
)
def test_filters(stored: str, filters: list[str], sections: set[str]) -> None:
    # "yang" is in every Indonesian article: the filters alone choose.
    done = newscrawl("search", "yang", "--json", "--limit", "50", *filters, url=stored)
    assert done.returncode == 0, done.stderr
    assert {hit["section"] for hit in json_lines(done.stdout)} == sections


def test_the_text_output_for_people(stored: str) -> None:
    done = newscrawl("search", "mengedarkan", url=stored)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0] == f"1. {CEKFAKTA_TITLE}"
    assert lines[1].startswith("   2022-06-22 11:16 WIB · cekfakta · https://cekfakta.tempo.co/fakta/1752/")
    assert "«beredar»" in lines[2]
    assert done.stderr == "1 article found\n"


def test_a_reader_role_searches(reader: str) -> None:
    done = newscrawl("search", "mengedarkan", "--json", url=reader)
    assert done.returncode == 0, done.stderr
    assert [hit["title"] for hit in json_lines(done.stdout)] == [CEKFAKTA_TITLE]


@pytest.mark.parametrize(
    ("arguments", "status", "message"),
    [
        (
            ["--section", "olahraga"],
            2,
            "newscrawl search: error: unknown section 'olahraga' (sections: cekfakta, dunia,",
        ),
        (["--since", "8 Februari 2024"], 2, "newscrawl search: error: --since: not a date: '8 Februari 2024'"),
        (["--until", "2024-02-30"], 2, "newscrawl search: error: --until: not a date: '2024-02-30'"),
        (
            ["--since", "2024-02-09", "--until", "2024-02-08"],
            2,
            "newscrawl search: error: --since 2024-02-09 is not before",
        ),
        (["--limit", "0"], 2, "newscrawl search: error: --limit must be at least 1"),
    ],
)
def test_bad_input_gets_one_line(stored: str, arguments: list[str], status: int, message: str) -> None:
    done = newscrawl("search", "Kremlin", *arguments, url=stored)
    assert done.returncode == status
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith(message), done.stderr


def test_a_query_of_no_words(stored: str) -> None:
    done = newscrawl("search", "!!!", url=stored)
    assert (done.returncode, done.stderr) == (2, "newscrawl search: error: nothing to search for in '!!!'\n")


def test_a_database_that_is_down_gets_one_line() -> None:
    done = newscrawl("search", "Kremlin", url="postgresql://reader:hunter2-pw@127.0.0.1:1/news")
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("newscrawl search: cannot connect to reader@127.0.0.1:1/news:")
    assert "hunter2-pw" not in done.stderr
