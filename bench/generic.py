"""The generic layout beside trafilatura on the other outlets' real pages: speed, and fields right.

Page sets: the article cases of each outlet folder of ``seeds/`` (their expected JSON written by hand,
seeds/README.md), read by the generic layout even where the outlet has a package (``outlet=`` forces
it), and by trafilatura 2.3 ``extract(with_metadata=True, output_format="json")``, the call the speed
is measured on, whose JSON gives trafilatura's fields. A field is right when it equals the expected
one: ``title``; ``reporters`` (trafilatura: its ``author``, split at ``;``); ``date``, the day of
``published_at`` (trafilatura gives no time: the day is what both can be judged on); ``body``, at
least ``BODY_OVERLAP`` of the words of each in the other; ``tags`` (trafilatura: ``tags``), as a set;
``image`` (``image_url``); ``section`` (trafilatura: ``categories``, as a slug).
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import trafilatura

from bench.timing import Row, rates
from newscrawl import outlets, urls
from newscrawl.items import Article
from newscrawl.parsers import NotAnArticle, article_page
from newscrawl.parsers.metadata import slug

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FIELDS = ("title", "reporters", "date", "body", "tags", "image", "section")
BODY_OVERLAP = 0.9
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    data: bytes
    expected: dict[str, Any]
    fetched_at: datetime | None


@dataclass
class Score:
    right: Counter[str] = field(default_factory=Counter)
    filled: Counter[str] = field(default_factory=Counter)

    def add(self, got: dict[str, Any], expected: dict[str, Any]) -> None:
        for name in FIELDS:
            value = got.get(name)
            if value not in (None, "", [], ()):
                self.filled[name] += 1
                if _right(name, value, expected):
                    self.right[name] += 1


def page_sets() -> dict[str, list[Page]]:
    """The article cases of every outlet folder, by folder (an outlet, or ``generic``)."""
    found: dict[str, list[Page]] = {}
    for case in json.loads((SEEDS / "cases.json").read_text(encoding="utf-8")):
        if "outlet" not in case or case["kind"] != "article" or case.get("expected", True) is None:
            continue
        (page,) = case["inputs"]
        fetched = datetime.fromisoformat(case["fetched_at"]) if case.get("fetched_at") else None
        expected = json.loads((SEEDS / f"{case['name']}.json").read_text(encoding="utf-8"))
        found.setdefault(case["outlet"], []).append(
            Page(case["name"], page["url"], (SEEDS / page["file"]).read_bytes(), expected, fetched)
        )
    return found


def generic(page: Page) -> Article | None:
    """The page as the generic layout reads it, whatever package its outlet has."""
    outlet = outlets.generic_for(urls.host_of(page.url) or "")
    try:
        return article_page(page.url, page.data, page.fetched_at, outlet=outlet).to_article()
    except NotAnArticle:
        return None


def ours_fields(page: Page) -> dict[str, Any]:
    article = generic(page)
    if article is None:
        return {}
    return {
        "title": article.title,
        "reporters": list(article.reporters),
        "date": (article.published_at or "")[:10],
        "body": article.body,
        "tags": list(article.tags),
        "image": article.image_url,
        "section": article.section,
    }


def trafilatura_json(page: Page) -> str | None:
    return trafilatura.extract(page.data, url=page.url, with_metadata=True, output_format="json")


def trafilatura_fields(page: Page) -> dict[str, Any]:
    found = trafilatura_json(page)
    if not found:
        return {}
    data = json.loads(found)
    return {
        "title": data.get("title"),
        "reporters": [a.strip() for a in (data.get("author") or "").split(";") if a.strip()],
        "date": data.get("date") or "",
        "body": data.get("text") or data.get("raw_text") or "",
        "tags": [t.strip() for t in (data.get("tags") or "").split(",") if t.strip()],
        "image": data.get("image"),
        "section": slug(data.get("categories") or "") or None,
    }


def _right(name: str, value: Any, expected: dict[str, Any]) -> bool:
    if name == "date":
        return bool(expected["published_at"]) and value == expected["published_at"][:10]
    if name == "body":
        return _overlap(value, expected["body"]) >= BODY_OVERLAP
    if name == "tags":
        return {t.casefold() for t in value} == {t.casefold() for t in expected["tags"]}
    if name == "image":
        return bool(value) and bool(value == expected["image_url"])
    if name == "reporters":
        return bool(list(value) == expected["reporters"])
    return bool(value == expected[name])  # title, section


def _overlap(first: str, second: str) -> float:
    a, b = Counter(_WORD.findall(first.lower())), Counter(_WORD.findall(second.lower()))
    shared = sum((a & b).values())
    return min(shared / max(sum(a.values()), 1), shared / max(sum(b.values()), 1))


def scores(pages: list[Page]) -> tuple[Score, Score]:
    ours, theirs = Score(), Score()
    for page in pages:
        ours.add(ours_fields(page), page.expected)
        theirs.add(trafilatura_fields(page), page.expected)
    return ours, theirs


def _all(fn: Callable[[Page], object], pages: list[Page]) -> Callable[[], None]:
    def run() -> None:
        outlets.cache_clear()
        for page in pages:
            fn(page)

    return run


def run() -> list[Row]:
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    rows = []
    total_ours, total_theirs, total = 0, 0, 0
    for name, pages in page_sets().items():
        measured = rates({"ours": _all(generic, pages), "trafilatura": _all(trafilatura_json, pages)}, rounds=5)
        n = len(pages)
        label = f"generic layout: {name} ({n} {'page' if n == 1 else 'pages'})"
        rows.append(
            Row(label, measured["ours"] * n, "trafilatura extract", measured["trafilatura"] * n, "pages/s", "> 1x")
        )
        ours, theirs = scores(pages)
        right, their_right = sum(ours.right.values()), sum(theirs.right.values())
        rows.append(Row(label, right, "trafilatura extract", their_right, f"fields right of {n * len(FIELDS)}", "> 1x"))
        total_ours, total_theirs, total = total_ours + right, total_theirs + their_right, total + n
    rows.append(
        Row(
            f"generic layout: all outlets ({total} pages)",
            total_ours,
            "trafilatura extract",
            total_theirs,
            f"fields right of {total * len(FIELDS)}",
            "> 1x",
        )
    )
    return rows


def report() -> None:
    """Per field and page set, right/filled for both (``python -m bench.generic``)."""
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    for name, pages in page_sets().items():
        ours, theirs = scores(pages)
        cells = "  ".join(f"{f} {ours.right[f]}/{ours.filled[f]}:{theirs.right[f]}/{theirs.filled[f]}" for f in FIELDS)
        print(f"{name:<11} {len(pages):>2}  {cells}")


if __name__ == "__main__":
    report()
