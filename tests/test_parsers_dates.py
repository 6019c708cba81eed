"""Dates as Tempo writes them (docs/layouts.md, "Dates"), and the traps other date parsers fall into."""

from __future__ import annotations

from datetime import datetime

import pytest

from newscrawl.parsers.dates import is_date_string, parse_date, parse_iso_date

FETCHED = datetime.fromisoformat("2024-05-14T12:00:00+07:00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # E2 visible date, with and without the 2021 pipe; E1 with a zero-padded day
        ("Kamis, 8 Februari 2024 20:36 WIB", "2024-02-08T20:36:00+07:00"),
        ("Kamis, 4 Maret 2021 | 14:06 WIB", "2021-03-04T14:06:00+07:00"),
        ("Minggu, 06 Januari 2017", "2017-01-06T00:00:00+07:00"),
        ("Kamis, 05 November 2015 | 11:13 WIB", "2015-11-05T11:13:00+07:00"),
        # E3: no day name, dotted time
        ("12 September 2025 | 15.22 WIB", "2025-09-12T15:22:00+07:00"),
        ("8 Februari 2024 | 20.36 WIB", "2024-02-08T20:36:00+07:00"),
        # abbreviated and old-spelling months
        ("Senin, 12 Ags 2024 | 10:26 WIB", "2024-08-12T10:26:00+07:00"),
        ("6 Nop 2019", "2019-11-06T00:00:00+07:00"),
        ("3 Agt 2023 08:00", "2023-08-03T08:00:00+07:00"),
        ("1 Peb 2010", "2010-02-01T00:00:00+07:00"),
        ("9 Mrt 2011", "2011-03-09T00:00:00+07:00"),
        ("25 Des 2022 23:59 WIB", "2022-12-25T23:59:00+07:00"),
        ("7 Okt 2023", "2023-10-07T00:00:00+07:00"),
        ("8 Agustus 2024 07:05 WIB", "2024-08-08T07:05:00+07:00"),
        # other zones keep the instant, shown in WIB
        ("Rabu, 1 Mei 2024 09:00 WITA", "2024-05-01T08:00:00+07:00"),
        ("Rabu, 1 Mei 2024 09:00 WIT", "2024-05-01T07:00:00+07:00"),
        # en.tempo.co
        ("Thursday, 8 February 2024 20:36 WIB", "2024-02-08T20:36:00+07:00"),
        # day-month-year numbers are day first
        ("01/02/2024 10:00", "2024-02-01T10:00:00+07:00"),
        # ISO, naive ISO is Jakarta time
        ("2021-10-15T19:19:20+07:00", "2021-10-15T19:19:20+07:00"),
        ("2024-02-08T13:36:00Z", "2024-02-08T20:36:00+07:00"),
        ("2024-02-08 20:36:00", "2024-02-08T20:36:00+07:00"),
        ("2024-02-08", "2024-02-08T00:00:00+07:00"),
    ],
)
def test_absolute_dates(text: str, expected: str) -> None:
    assert parse_iso_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 jam lalu", "2024-05-14T08:00:00+07:00"),
        ("30 menit lalu", "2024-05-14T11:30:00+07:00"),
        ("5 Menit Lalu", "2024-05-14T11:55:00+07:00"),
        ("1 hari lalu", "2024-05-13T12:00:00+07:00"),
        ("2 minggu lalu", "2024-04-30T12:00:00+07:00"),
        ("19 jam yang lalu", "2024-05-13T17:00:00+07:00"),
        ("kemarin", "2024-05-13T12:00:00+07:00"),
        ("baru saja", "2024-05-14T12:00:00+07:00"),
        ("3 hours ago", "2024-05-14T09:00:00+07:00"),
    ],
)
def test_relative_times_resolve_against_the_fetch_time(text: str, expected: str) -> None:
    assert parse_iso_date(text, FETCHED) == expected


def test_relative_times_without_a_fetch_time_stay_unknown() -> None:
    assert parse_date("4 jam lalu") is None


def test_fetch_time_in_another_zone_gives_the_same_instant() -> None:
    fetched_utc = datetime.fromisoformat("2024-05-14T05:00:00+00:00")
    assert parse_iso_date("4 jam lalu", fetched_utc) == "2024-05-14T08:00:00+07:00"


@pytest.mark.parametrize(
    "text",
    ["", "Advertising", "Ida Rosdalina", "31 Februari 2024", "8 Februari", "Berita terkait", "2024", "25:61 WIB"],
)
def test_non_dates(text: str) -> None:
    assert parse_date(text) is None


def test_the_dateutil_fuzzy_trap_is_avoided() -> None:
    """dateutil's fuzzy mode turns this into 28 August."""
    assert parse_iso_date("8 Februari 2024") == "2024-02-08T00:00:00+07:00"


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Kamis, 8 Februari 2024 20:36 WIB", True),
        ("29 Maret 2022", True),
        ("4 jam lalu", True),
        ("Presiden Putin bertemu Xi di Beijing, 18 Oktober 2023. Sputnik", False),
        ("pada Kamis, 8 Februari 2024, dan keduanya", False),
    ],
)
def test_is_date_string_needs_the_whole_text_to_be_a_date(text: str, whole: bool) -> None:
    assert is_date_string(text) is whole
