"""``python -m newscrawl check-pages PATH...``: where the parser stands on a set of saved pages.

It parses every page (``pages.collect``) and prints one line per page, then: per ``Article``
field, on how many articles it came out non-empty and, of those with an expected result, on
how many it is exact; the expected results that differ; every invariant a result breaks
(``parsers.invariants.breaks``); the refusals by reason; the second opinion's suspects
(``opinion.py``); the pages whose URL is unknown; a summary line. Exit status 1 when an
invariant is broken or an expected result differs, else 0.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from newscrawl.check.opinion import THRESHOLD, Extractor, Suspect, judge_article, judge_refusal
from newscrawl.check.pages import CASES, Page, collect
from newscrawl.items import Article
from newscrawl.parsers import NotAnArticle, merge_pages, parse, parse_listing
from newscrawl.parsers.invariants import Break, breaks

FIELDS = [f.name for f in dataclasses.fields(Article)]
# Refusals that say what a page is; the others may hide an article we failed to read.
_KNOWN_KINDS = frozenset(("other-site", "listing", "video", "error-page", "empty", "not-html"))
_NAME_WIDTH = 58


@dataclass(slots=True)
class Tally:
    pages: int = 0
    articles: list[Article] = field(default_factory=list)
    exact: Counter[str] = field(default_factory=Counter)
    compared: int = 0
    differ: list[tuple[str, str]] = field(default_factory=list)
    broken: list[tuple[str, Break]] = field(default_factory=list)
    refused: dict[str, list[str]] = field(default_factory=dict)
    suspects: list[Suspect] = field(default_factory=list)
    unknown_urls: list[str] = field(default_factory=list)
    listings: int = 0
    judged: int = 0
    """Pages the second opinion was asked about."""
    waiting: Counter[str] = field(default_factory=Counter)
    """Cases left for an outlet's parser that does not exist yet, by outlet."""
    unjudged: Counter[str] = field(default_factory=Counter)
    """Cases of a kind this command does not judge (feeds), by kind."""


def run(paths: list[Path], out: TextIO) -> int:
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        print(f"check-pages: {path}: no such file or directory", file=out)
    tally = Tally()
    extractor = Extractor()
    for page in collect([p for p in paths if p.exists()]):
        tally.pages += 1
        print(_check(page, tally, extractor), file=out)
    _report(tally, extractor, out)
    return 1 if tally.broken or tally.differ or missing else 0


def _check(page: Page, tally: Tally, extractor: Extractor) -> str:
    if not page.contents:
        page.contents = [path.read_bytes() for path in page.files]
    if page.url_source == "unknown":
        tally.unknown_urls.append(page.name)
    if page.waits_for:
        tally.waiting[page.waits_for] += 1
        return _line(page, f"waits for the {page.waits_for} parser")
    if page.kind not in ("article", "listing"):
        tally.unjudged[page.kind] += 1
        return _line(page, f"a {page.kind}: not judged")
    if page.kind == "listing":
        return _check_listing(page, tally)
    try:
        article = merge_pages([parse(u, c, page.fetched_at) for u, c in zip(page.urls, page.contents, strict=True)])
    except NotAnArticle as exc:
        tally.refused.setdefault(exc.reason, []).append(page.name)
        if page.expected is not None:
            tally.differ.append((page.name, f"refused ({exc.reason}), an article expected"))
        elif exc.reason not in _KNOWN_KINDS and not page.is_text:
            tally.judged += 1
            tally.suspects += judge_refusal(page.name, exc.reason, page.contents[0], page.urls[0], extractor)
        return _line(page, f"refused: {exc.reason}")
    tally.articles.append(article)
    tally.broken += [(page.name, b) for b in breaks(article)]
    verdict = ""
    if page.expected is not None:
        verdict = _compare(page, article.to_dict(), tally)
    elif not page.is_text:
        tally.judged += 1
        tally.suspects += judge_article(page.name, article, page.contents[0], extractor)
    return _line(page, f"{article.layout:<4} {article.title[:40]!r}{verdict}")


def _check_listing(page: Page, tally: Tally) -> str:
    tally.listings += 1
    url, content = page.urls[0], page.contents[0]
    try:
        parse(url, content, page.fetched_at)
        tally.differ.append((page.name, "a listing read as an article"))
    except NotAnArticle as exc:
        if exc.reason != "listing":
            tally.differ.append((page.name, f"a listing refused as {exc.reason!r}"))
    got = parse_listing(url, content, page.fetched_at).to_dict()
    if page.expected is not None and got != page.expected:
        keys = [k for k in page.expected if got.get(k) != page.expected[k]]
        tally.differ.append((page.name, f"listing fields differ: {', '.join(keys)}"))
    return _line(page, f"listing, {len(got['entries'])} entries" + (" (as expected)" if got == page.expected else ""))


def _compare(page: Page, got: dict[str, Any], tally: Tally) -> str:
    expected = page.expected or {}
    tally.compared += 1
    wrong = [name for name in FIELDS if got.get(name) != expected.get(name)]
    tally.exact.update(name for name in FIELDS if name not in wrong)
    if wrong:
        tally.differ.append((page.name, f"fields differ from the expected JSON: {', '.join(wrong)}"))
        return "  DIFFERS"
    return "  exact"


def _line(page: Page, what: str) -> str:
    name = page.name if len(page.name) <= _NAME_WIDTH else "…" + page.name[-_NAME_WIDTH + 1 :]
    url = "" if page.url_source != "unknown" else "  (URL unknown)"
    return f"  {name:<{_NAME_WIDTH}} {what}{url}"


def _report(tally: Tally, extractor: Extractor, out: TextIO) -> None:
    def say(line: str = "") -> None:
        print(line, file=out)

    articles = tally.articles
    say()
    say(f"Fields: non-empty of {len(articles)} articles; exact of {tally.compared} with an expected {CASES} result")
    for name in FIELDS:
        filled = sum(1 for a in articles if _filled(getattr(a, name)))
        exact = f"{tally.exact[name]}/{tally.compared}" if tally.compared else "-"
        say(f"  {name:<18} {filled:>4}/{len(articles):<4} {exact:>7}")
    say()
    say(f"Expected results that differ: {len(tally.differ) or 'none'}")
    for name, what in tally.differ:
        say(f"  {name}: {what}")
    say(f"Invariants broken: {len(tally.broken) or 'none'}")
    for name, problem in tally.broken:
        say(f"  {name}: {problem}")
    refused = sum(len(v) for v in tally.refused.values())
    say(f"Refused as not an article: {refused or 'none'}")
    for reason, names in sorted(tally.refused.items(), key=lambda item: (-len(item[1]), item[0])):
        say(f"  {reason:<16} {len(names):>3}  {_names(names)}")
    if tally.judged:
        opinion = extractor.name if extractor.module else "JSON-LD articleBody only: trafilatura is not installed"
        say(
            f"Second opinion on {tally.judged} pages without an expected result ({opinion}; suspect under"
            f" {THRESHOLD:.0%} token overlap): {len(tally.suspects) or 'no suspects'}"
        )
    else:
        say("Second opinion: not needed, no HTML page without an expected result was read")
    for suspect in tally.suspects:
        say(f"  {suspect.page}: {suspect.why}")
    if tally.waiting:
        counts = ", ".join(f"{outlet} {n}" for outlet, n in sorted(tally.waiting.items()))
        say(f"Waiting for their outlet's parser (not judged): {sum(tally.waiting.values())} ({counts})")
    if tally.unjudged:
        say(f"Not judged: {', '.join(f'{n} {kind}' for kind, n in sorted(tally.unjudged.items()))}")
    if tally.unknown_urls:
        say(f"URL unknown (read without one: host, id and section cannot be checked): {len(tally.unknown_urls)}")
        say(f"  {_names(tally.unknown_urls)}")
    status = "FAILED" if tally.broken or tally.differ else "OK"
    say(
        f"check-pages: {tally.pages} pages: {len(articles)} articles, {tally.listings} listings, {refused} refused,"
        f" {sum(tally.waiting.values()) + sum(tally.unjudged.values())} not judged;"
        f" {len(tally.broken)} invariants broken, {len(tally.differ)} expected results differ,"
        f" {len(tally.suspects)} suspects: {status}"
    )


def _filled(value: object) -> bool:
    return value not in (None, "", (), [], False, 0)


def _names(names: list[str]) -> str:
    shown = ", ".join(Path(n).name for n in names[:4])
    return shown + (f" and {len(names) - 4} more" if len(names) > 4 else "")
