"""A damaged archive: a record with flipped bytes, a file cut short. Each gives one clear error
naming the file and the offset, and every other record still replays."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newscrawl.spiders.plan import today_in_jakarta
from tests.fix_archive import Tripwire, offline_crawl, records_of
from tests.site.build import build_site
from tests.site.run import Crawl, crawl
from tests.site.server import SiteServer

pytestmark = pytest.mark.slow

STORIES = (1900001, 1900004, 1900006, 1900008)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Crawl, Path]:
    workdir = tmp_path_factory.mktemp("damaged")
    site = build_site(today_in_jakarta())
    arguments = {"urls": ",".join(site.url(n) for n in STORIES), "related_depth": "0"}
    with SiteServer(site) as server:
        result = crawl(server.url, workdir / "live", arguments, {"NEWSCRAWL_WARC_DIR": str(workdir / "warc")})
    assert result.returncode == 0, result.stderr[-2000:]
    assert sorted(result.ids) == sorted(STORIES)
    (path,) = (workdir / "warc").iterdir()
    return result, path


def replay(archive: Path, workdir: Path) -> Crawl:
    with Tripwire() as tripwire:
        result = offline_crawl(workdir, tripwire, {"replay": str(archive)})  # the recorded arguments apply
    assert tripwire.connections == 0
    return result


def damaged_copy(recorded: tuple[Crawl, Path], directory: Path) -> tuple[Path, dict[int, tuple[str, int, int]]]:
    live, path = recorded
    copy = directory / "archive" / path.name
    copy.parent.mkdir()
    shutil.copy(path, copy)
    return copy, {item["article"]["article_id"]: records_of(item)[0] for item in live.items}


def test_a_corrupt_record_is_reported_and_the_others_replay(recorded: tuple[Crawl, Path], tmp_path: Path) -> None:
    archive, records = damaged_copy(recorded, tmp_path)
    victim = sorted(records, key=lambda n: records[n][1])[1]
    _, offset, length = records[victim]
    data = bytearray(archive.read_bytes())
    for index in range(offset + length // 3, offset + length // 3 + 16):
        data[index] ^= 0xA5
    archive.write_bytes(bytes(data))

    result = replay(archive.parent, tmp_path / "replay")
    assert result.returncode == 0, result.stderr[-2000:]
    errors = [line for line in result.stderr.splitlines() if "damaged WARC record" in line]
    assert len(errors) == 1
    assert f"ERROR: {archive}: damaged WARC record at offset {offset} (" in errors[0]
    assert sorted(result.ids) == sorted(set(STORIES) - {victim})
    assert (result.stat("replay/damaged"), result.stat("replay/missing")) == (1, 1)
    assert result.stat("newscrawl/failed/not-archived") == 1


def test_a_truncated_file_replays_up_to_the_cut(recorded: tuple[Crawl, Path], tmp_path: Path) -> None:
    archive, records = damaged_copy(recorded, tmp_path)
    last = max(records, key=lambda n: records[n][1])
    _, offset, length = records[last]
    archive.write_bytes(archive.read_bytes()[: offset + length // 2])

    result = replay(archive, tmp_path / "replay")
    assert result.returncode == 0, result.stderr[-2000:]
    (error,) = [line for line in result.stderr.splitlines() if "damaged WARC record" in line]
    assert error.endswith(
        f"ERROR: {archive}: damaged WARC record at offset {offset} (truncated: the file ends inside it);"
        " the rest of the file is skipped"
    )
    assert sorted(result.ids) == sorted(set(STORIES) - {last})
    assert result.stat("replay/missing") == 1
