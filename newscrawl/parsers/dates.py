"""Dates as Tempo writes them, parsed strictly (never ``dateutil`` fuzzy mode).

Accepted: ISO 8601; the Indonesian long form with or without a day name
(``Kamis, 8 Februari 2024 20:36 WIB``, ``12 September 2025 | 15.22 WIB``,
``Senin, 12 Ags 2024``), its English twin (en.tempo.co), the English month-first form
(``Fri, June 19 2015, 7:36 AM``: times with AM/PM in either form), ``DD/MM/YYYY``; and
relative times (``4 jam lalu``, ``kemarin``) resolved against the fetch time.
Naive values are Jakarta time (WIB, +07:00).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

WIB = timezone(timedelta(hours=7))
ZONES = {"WIB": WIB, "WITA": timezone(timedelta(hours=8)), "WIT": timezone(timedelta(hours=9))}

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "peb": 2, "pebruari": 2, "february": 2,
    "maret": 3, "mar": 3, "mrt": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "ags": 8, "agt": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
DAY_NAMES = frozenset(
    (
        *("senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("mon", "tue", "wed", "thu", "fri", "sat", "sun", "sen", "sel", "rab", "kam", "jum", "sab", "min"),
    )
)
# Day name and weekday are optional and ignored: the date itself is authoritative.
_LONG_FORM = re.compile(
    r"(?<![\w/])(?P<day>\d{1,2})\s+(?P<month>" + _MONTH_ALT + r")\.?,?\s+(?P<year>\d{4})"
    r"(?:\s*[|,\-]?\s*(?:pukul\s+|at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?"
    r"(?:\s*(?P<half>[ap])\.?m\.?(?![a-z]))?)?"
    r"(?:\s*(?P<zone>WITA|WIB|WIT)\b)?",
    re.IGNORECASE,
)
# The English month-first form: "June 19 2015, 7:36 AM", "Feb. 8, 2024 at 20:36".
_MONTH_FIRST = re.compile(
    r"(?<![\w/])(?P<month>" + _MONTH_ALT + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b"
    r"(?:\s*[|,\-]?\s*(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?"
    r"(?:\s*(?P<half>[ap])\.?m\.?(?![a-z]))?)?"
    r"(?:\s*(?P<zone>WITA|WIB|WIT)\b)?",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    r"(?<![\d/])(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})"
    r"(?:[\s,|]+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?)?"
    r"(?:\s*(?P<zone>WITA|WIB|WIT)\b)?",
    re.IGNORECASE,
)
_ISO = re.compile(r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$")

_UNIT_SECONDS = {
    "detik": 1, "second": 1, "seconds": 1,
    "menit": 60, "minute": 60, "minutes": 60,
    "jam": 3600, "hour": 3600, "hours": 3600,
    "hari": 86400, "day": 86400, "days": 86400,
    "minggu": 7 * 86400, "pekan": 7 * 86400, "week": 7 * 86400, "weeks": 7 * 86400,
    "bulan": 30 * 86400, "month": 30 * 86400, "months": 30 * 86400,
    "tahun": 365 * 86400, "year": 365 * 86400, "years": 365 * 86400,
}  # fmt: skip
RELATIVE = re.compile(
    r"^\s*(?P<n>\d+|se|a|an)\s*(?P<unit>" + "|".join(_UNIT_SECONDS) + r")\s+(?:yang\s+)?(?:lalu|ago)\s*$",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")  # the same digits as the forms' \d (any script's)
_DAY_PREFIX = re.compile(r"^\s*(?:[A-Za-z']+\s*,?\s*)?$")
_YESTERDAY = re.compile(r"^\s*(?:kemarin|yesterday)\b", re.IGNORECASE)
_JUST_NOW = re.compile(r"^\s*(?:baru\s+saja|just\s+now)\s*$", re.IGNORECASE)


def is_relative(text: str) -> bool:
    """True for "4 jam lalu", "kemarin", "baru saja" and their English twins."""
    return bool(RELATIVE.match(text) or _YESTERDAY.match(text) or _JUST_NOW.match(text))


def is_date_string(text: str) -> bool:
    """True when the whole of ``text`` is a date: "Kamis, 8 Februari 2024 20:36 WIB", "4 jam lalu"."""
    text = text.strip()
    if _ISO.match(text) or is_relative(text):
        return True
    if not _DIGIT.search(text):  # every other form has a day and a year in digits
        return False
    match = _LONG_FORM.search(text) or _MONTH_FIRST.search(text) or _NUMERIC.search(text)
    if match is None:
        return False
    return not text[match.end() :].strip() and bool(_DAY_PREFIX.match(text[: match.start()]))


# A day name right before a date inside a longer text: "Rabu, 4 November 2015", "Jum'at, 19 Juni".
_DAY_BEFORE = re.compile(r"(?:[A-Z][A-Za-z']+\s*,?\s*)$")


def find_date(text: str) -> str | None:
    """The date inside a longer text, as shown, with its day name, without the words around it:
    ``02/11/2023, 21:34 WIB`` from ``Kompas.com - 02/11/2023, 21:34 WIB``; ``None`` if it holds none."""
    match = _LONG_FORM.search(text) or _MONTH_FIRST.search(text) or _NUMERIC.search(text)
    if match is None or parse_date(match[0]) is None:
        return None
    day = _DAY_BEFORE.search(text[: match.start()])
    start = day.start() if day and day[0].split(",")[0].strip().lower() in DAY_NAMES else match.start()
    return text[start : match.end()].strip()


def parse_date(text: str | None, fetched_at: datetime | None = None) -> datetime | None:
    """Parse one date string into an aware datetime, or ``None`` if it is not a date.

    Relative times need ``fetched_at`` (an aware datetime); without it they give ``None``.
    """
    if not text:
        return None
    text = text.strip()
    if _ISO.match(text):
        return _parse_iso(text)
    if is_relative(text):
        return _resolve_relative(text, fetched_at)
    if not _DIGIT.search(text):  # every other form has a day and a year in digits: names end here
        return None
    match = _LONG_FORM.search(text) or _MONTH_FIRST.search(text)
    if match:
        month = MONTHS[match["month"].lower()]
    else:
        match = _NUMERIC.search(text)
        if not match:
            return None
        month = int(match["month"])
    try:
        return datetime(
            int(match["year"]),
            month,
            int(match["day"]),
            _hour(match),
            int(match["minute"] or 0),
            int(match["second"] or 0),
            tzinfo=ZONES[(match["zone"] or "WIB").upper()],
        )
    except ValueError:  # 31 Februari, 25:61 ...
        return None


def _hour(match: re.Match[str]) -> int:
    """The hour of a matched date, on the 24-hour clock ("7:36 PM" is 19)."""
    hour = int(match["hour"] or 0)
    half = (match.groupdict().get("half") or "").lower()
    if half and not 1 <= hour <= 12:  # "13:00 PM" is no time
        raise ValueError("hour out of range for AM/PM")
    if half == "p" and hour != 12:
        return hour + 12
    if half == "a" and hour == 12:
        return 0
    return hour


def to_iso(value: datetime | None) -> str | None:
    """ISO 8601 in Jakarta time with seconds: ``2024-02-08T20:36:00+07:00``."""
    if value is None:
        return None
    return value.astimezone(WIB).replace(microsecond=0).isoformat()


def parse_iso_date(text: str | None, fetched_at: datetime | None = None) -> str | None:
    """``parse_date`` followed by ``to_iso``: the form stored in ``Article``."""
    return to_iso(parse_date(text, fetched_at))


def _parse_iso(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        try:
            value = datetime.combine(date.fromisoformat(text[:10]), datetime.min.time())
        except ValueError:
            return None
    return value if value.tzinfo else value.replace(tzinfo=WIB)


def _resolve_relative(text: str, fetched_at: datetime | None) -> datetime | None:
    if fetched_at is None:
        return None
    if fetched_at.tzinfo is None:
        fetched_at = fetched_at.replace(tzinfo=WIB)
    if _JUST_NOW.match(text):
        return fetched_at
    if _YESTERDAY.match(text):
        return fetched_at - timedelta(days=1)
    match = RELATIVE.match(text)
    assert match is not None  # guarded by is_relative()
    count = int(match["n"]) if match["n"].isdigit() else 1
    return fetched_at - timedelta(seconds=count * _UNIT_SECONDS[match["unit"].lower()])
