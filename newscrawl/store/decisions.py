"""Deduplication: which row an article belongs to, and whether it is new, an edit or a copy.

* **Identity** (``identity``; ``pipelines.DeduplicatePipeline`` gives each item its own): one
  article has one key whatever URL form reached it: ``urls.article_key`` (site family + Tempo
  id: AMP, mobile, query strings, protocol-relative, ``/read/<id>/`` and ``-<id>``) of the URL,
  else of the canonical URL, else ``url:<canonical URL>``.
* **Decisions** (``plan``), per item of a batch, against what the database holds:
  same key → unchanged, edited (a new version) or stale (an older fetch: its content is kept
  as a version, the row keeps the newer one), or the row's own fetch read again (a re-parse,
  a replay of its archive: the row's other fields refreshed, no new version); new key with
  content already stored (same ``content_hash``) → an alias of that article; new key whose
  SimHash is within ``NEAR_DISTANCE`` bits of a stored article → a new row with
  ``duplicate_of`` its first copy; otherwise a new row.

The decisions are made inside the store's batch transaction, under its write lock, not in a
pipeline stage of their own: a decision taken before the transaction that writes the row
could be overtaken by another crawler process (both would see "new" and insert twice). The
state they read is the database's, so they hold across runs and across processes.
``plan`` itself is pure: the writer gives it a ``Snapshot`` of the rows the batch touches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newscrawl import urls
from newscrawl.items import Article
from newscrawl.store.checks import problem
from newscrawl.store.fingerprint import fingerprint, hamming
from newscrawl.store.records import Pending, content_values, links_of

NEAR_DISTANCE = 3
BANDS = 4  # 16-bit bands: within NEAR_DISTANCE bits, two hashes share at least one band


@dataclass(frozen=True, slots=True)
class Identity:
    key: str
    canonical_url: str


def identity(article: Article) -> Identity | None:
    """The article's key and the canonical URL stored with it; ``None`` without a usable URL."""
    key = urls.article_key(article.url) or urls.article_key(article.canonical_url)
    for candidate in (article.canonical_url, article.url):
        if not candidate or (key is not None and urls.article_key(candidate) != key):
            continue
        try:
            canonical = urls.canonicalize(candidate, keep_page=False)
        except ValueError:
            continue
        if canonical.startswith(("https://", "http://")):
            return Identity(key or f"url:{canonical}", canonical)
    return None


def bands(simhash: int) -> tuple[int, ...]:
    """The four 16-bit bands of a SimHash, as the ``articles_simhash_band*`` indexes compute them."""
    return tuple((simhash >> shift) & 0xFFFF for shift in (48, 32, 16, 0))


@dataclass(slots=True)
class Stored:
    """An ``articles`` row as the batch sees it."""

    id: int
    content_hash: str
    last_changed_at: datetime
    max_version: int
    hashes: set[str]
    """Content hashes of all its versions."""
    version: int = 1
    """The version the row shows (``max_version`` may be higher: stale versions)."""


@dataclass(frozen=True, slots=True)
class Alias:
    article_pk: int
    content_hash: str


@dataclass(frozen=True, slots=True)
class Near:
    id: int
    simhash: int
    root: int
    """The first copy: ``duplicate_of`` of that row, or its own id."""


@dataclass(slots=True)
class Snapshot:
    """What the database holds about a batch's keys, content hashes and SimHash bands."""

    articles: dict[str, Stored] = field(default_factory=dict)
    aliases: dict[str, Alias] = field(default_factory=dict)
    hash_owners: dict[str, int] = field(default_factory=dict)
    near: list[Near] = field(default_factory=list)
    _by_band: dict[tuple[int, int], list[Near]] = field(default_factory=dict)

    def add_near(self, near: Near) -> None:
        self.near.append(near)
        if self._by_band:
            self._index(near)

    def near_roots(self, simhash: int) -> list[int]:
        """Roots of the known articles within ``NEAR_DISTANCE`` bits of ``simhash``."""
        if not self._by_band:
            for near in self.near:
                self._index(near)
        candidates = {id(n): n for i, b in enumerate(bands(simhash)) for n in self._by_band.get((i, b), ())}
        return [n.root for n in candidates.values() if hamming(n.simhash, simhash) <= NEAR_DISTANCE]

    def _index(self, near: Near) -> None:
        for key in enumerate(bands(near.simhash)):
            self._by_band.setdefault(key, []).append(near)


@dataclass(slots=True)
class Row:
    """An ``articles`` row to insert (``new``) or to give a new content version."""

    entry: Ready
    id: int
    version: int
    first_seen_at: datetime
    last_seen_at: datetime
    last_changed_at: datetime
    duplicate_of: int | None
    new: bool
    refresh: bool = False
    """The fetch the row's content came from, read again: written only where it reads differently."""


@dataclass(frozen=True, slots=True)
class NewVersion:
    """An ``article_versions`` row to add."""

    pending: Pending
    article_pk: int
    version: int
    fetched_at: datetime


@dataclass(slots=True)
class AliasRow:
    """An ``article_aliases`` row to write: a key whose page is an exact copy of a stored article."""

    url: str
    article_pk: int
    content_hash: str
    first_seen_at: datetime
    last_seen_at: datetime


@dataclass(slots=True)
class LinkRow:
    """What an ``article_links`` row holds besides its key, as the batch has seen it so far."""

    target_key: str | None
    anchor_text: str
    position: int
    first_seen_at: datetime
    last_seen_at: datetime


@dataclass(slots=True)
class Plan:
    rows: dict[str, Row] = field(default_factory=dict)
    versions: list[NewVersion] = field(default_factory=list)
    aliases: dict[str, AliasRow] = field(default_factory=dict)
    """By alias key."""
    touches: dict[int, datetime] = field(default_factory=dict)
    """article id → newest fetch, for rows whose content did not change."""
    links: dict[tuple[int, str, str], LinkRow] = field(default_factory=dict)
    """By ``(article id, kind, target url)``, the key of ``article_links``."""
    outcomes: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class Ready:
    """An item checked for storage, with what the decisions compare."""

    pending: Pending
    identity: Identity
    fetched_at: datetime
    content_hash: str
    simhash: int
    content: tuple[Any, ...]
    """Its ``articles`` columns that do not depend on the decisions (``records.content_values``)."""
    links: list[tuple[str, int, str, str, str | None]]


def ready(pending: Pending) -> Ready | str:
    """``pending`` checked for storage (fingerprinted first if needed), or why it cannot be stored.

    The result is kept on ``pending``: the store pipeline computes it as items arrive, on the
    event loop's thread, while the database works on the previous batch."""
    if pending.checked is None:
        pending.checked = _ready(pending)
    checked: Ready | str = pending.checked
    return checked


def _ready(pending: Pending) -> Ready | str:
    if pending.item.content_hash is None or pending.item.simhash is None:
        pending.item = fingerprint(pending.item)
    item = pending.item
    found = problem(item, 0)
    if found:
        return f"{found[0]}: {found[1]}"
    ident = identity(item.article)
    if ident is None:
        return "no-identity: no usable URL"
    assert item.content_hash is not None  # for mypy: set by fingerprint() above
    assert item.simhash is not None
    fetched = datetime.fromisoformat(item.fetched_at)
    content = content_values(item, ident.canonical_url)
    return Ready(pending, ident, fetched, item.content_hash, item.simhash, content, links_of(item.article))


def plan(batch: list[Ready], snapshot: Snapshot, new_ids: Iterator[int]) -> Plan:
    """Decide every item of ``batch`` in order; later items see the earlier ones' effects.
    ``snapshot`` is updated as the batch goes."""
    result = Plan()
    for entry in batch:
        stored = snapshot.articles.get(entry.identity.key)
        if stored is not None:
            outcome = _existing(result, entry, stored)
            article_pk = stored.id
        else:
            outcome, article_pk = _new_key(result, entry, snapshot, new_ids)
        result.outcomes[outcome] += 1
        _add_links(result, entry.links, article_pk, entry.fetched_at)
    return result


def _existing(result: Plan, entry: Ready, stored: Stored) -> str:
    fetched, content_hash, key = entry.fetched_at, entry.content_hash, entry.identity.key
    row = result.rows.get(key)
    if row is None and content_hash == stored.content_hash and fetched == stored.last_changed_at:
        # The very fetch the row shows, read again (a re-parse, a replay of its archive): the row
        # takes the other fields as now read. The upsert skips it where nothing differs.
        times = (fetched, fetched, fetched)
        result.rows[key] = Row(entry, stored.id, stored.version, *times, None, new=False, refresh=True)
        result.touches[stored.id] = fetched  # found current now: its stored_at moves on
        return "unchanged"
    if content_hash == stored.content_hash or (fetched < stored.last_changed_at and content_hash in stored.hashes):
        outcome = "unchanged"
    elif fetched >= stored.last_changed_at:
        outcome = "updated"
        stored.max_version += 1
        stored.content_hash, stored.last_changed_at = content_hash, fetched
        stored.hashes.add(content_hash)
        result.versions.append(NewVersion(entry.pending, stored.id, stored.max_version, fetched))
        if row is None:
            row = Row(entry, stored.id, stored.max_version, fetched, fetched, fetched, None, new=False)
            result.rows[key] = row
        else:
            row.entry, row.version, row.last_changed_at = entry, stored.max_version, fetched
            row.refresh = False
    else:
        # An older fetch with content never stored: history gets it, the row keeps the newer text.
        outcome = "stale"
        stored.max_version += 1
        stored.hashes.add(content_hash)
        result.versions.append(NewVersion(entry.pending, stored.id, stored.max_version, fetched))
    if row is not None:
        row.last_seen_at = max(row.last_seen_at, fetched)
    else:
        result.touches[stored.id] = max(result.touches.get(stored.id, fetched), fetched)
    return outcome


def _new_key(result: Plan, entry: Ready, snapshot: Snapshot, new_ids: Iterator[int]) -> tuple[str, int]:
    key, content_hash, fetched = entry.identity.key, entry.content_hash, entry.fetched_at
    alias = snapshot.aliases.get(key)
    owner = alias.article_pk if alias and alias.content_hash == content_hash else None
    if owner is None:
        owner = snapshot.hash_owners.get(content_hash)
    if owner is not None:
        url = entry.pending.item.article.url or entry.identity.canonical_url
        earlier = result.aliases.get(key)
        first = min(earlier.first_seen_at, fetched) if earlier is not None else fetched
        result.aliases[key] = AliasRow(url, owner, content_hash, first, fetched)
        snapshot.aliases[key] = Alias(owner, content_hash)
        return "aliased", owner
    roots = snapshot.near_roots(entry.simhash)
    duplicate_of = min(roots) if roots else None
    article_pk = next(new_ids)
    result.rows[key] = Row(entry, article_pk, 1, fetched, fetched, fetched, duplicate_of, new=True)
    result.versions.append(NewVersion(entry.pending, article_pk, 1, fetched))
    snapshot.articles[key] = Stored(article_pk, content_hash, fetched, 1, {content_hash})
    snapshot.hash_owners[content_hash] = article_pk
    snapshot.add_near(Near(article_pk, entry.simhash, duplicate_of or article_pk))
    if duplicate_of is not None:
        result.outcomes["near_duplicate"] += 1
    return "inserted", article_pk


def _add_links(
    result: Plan, links: list[tuple[str, int, str, str, str | None]], article_pk: int, fetched: datetime
) -> None:
    for kind, position, url, anchor, target_key in links:
        known = result.links.get((article_pk, kind, url))
        if known is None:
            result.links[article_pk, kind, url] = LinkRow(target_key, anchor, position, fetched, fetched)
        else:
            known.anchor_text, known.position = anchor, position
            known.first_seen_at = min(known.first_seen_at, fetched)
            known.last_seen_at = max(known.last_seen_at, fetched)
