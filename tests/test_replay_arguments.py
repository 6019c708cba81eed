"""``-a replay=PATH``: what the path must be, and which crawl a replay runs (its day, its arguments)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from scrapy.exceptions import UsageError

from newscrawl.archive import warc
from newscrawl.spiders.plan import CrawlPlan
from tests.site.run import crawl

# 23:30 UTC is already the next day in Jakarta (UTC+7).
RECORDED = datetime(2024, 5, 13, 23, 30, tzinfo=UTC)


def archive(directory: Path, arguments: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "newscrawl-20240513T233000Z-0123abcd-00001.warc.gz"
    fields = {"software": "tests", warc.ARGUMENTS_FIELD: json.dumps(arguments)}
    path.write_bytes(warc.warcinfo_record(path.name, fields, RECORDED))
    return path


def test_a_replay_lists_the_day_the_archive_was_recorded(tmp_path: Path) -> None:
    plan = CrawlPlan.from_arguments({"replay": str(archive(tmp_path, {}))})
    assert plan.replay == tmp_path.resolve() / "newscrawl-20240513T233000Z-0123abcd-00001.warc.gz"
    assert plan.recorded_at == RECORDED
    assert plan.start_day() == date(2024, 5, 14)


def test_a_replay_alone_runs_the_recorded_crawl(tmp_path: Path) -> None:
    archive(tmp_path, {"since": "2024-05-10", "sections": "dunia", "related_depth": "0"})
    plan = CrawlPlan.from_arguments({"replay": str(tmp_path)})
    assert (plan.since, plan.until) == (date(2024, 5, 10), date(2024, 5, 14))  # until: the recorded day
    assert (plan.sections, plan.related_depth, plan.replay) == (("dunia",), 0, tmp_path.resolve())


def test_arguments_given_with_the_replay_replace_the_recorded_ones(tmp_path: Path) -> None:
    archive(tmp_path, {"since": "2024-05-10", "sections": "dunia"})
    plan = CrawlPlan.from_arguments({"replay": str(tmp_path), "sections": "nasional"})
    assert (plan.since, plan.sections) == (None, ("nasional",))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing", "replay: '{path}' does not exist"),
        (lambda d: d, "replay: no WARC file (*.warc.gz, *.warc) in '{path}'"),
    ],
    ids=["missing", "no-warc-file"],
)
def test_a_bad_path_is_one_line(tmp_path: Path, make: object, message: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(UsageError) as caught:
        CrawlPlan.from_arguments({"replay": str(path)})
    assert str(caught.value) == message.format(path=path)


def test_the_crawl_command_stops_before_any_request(tmp_path: Path) -> None:
    result = crawl("http://127.0.0.1:9", tmp_path, {"replay": str(tmp_path / "missing")})
    assert result.returncode == 2
    assert result.last_line == f"scrapy crawl: error: replay: '{tmp_path / 'missing'}' does not exist"
