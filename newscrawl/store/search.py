"""``python -m newscrawl search "kata kunci"``: full-text search of the stored articles.

The query is read by PostgreSQL's ``websearch_to_tsquery`` under the ``indonesian`` configuration,
the one the view's ``search`` column (title weight A, body weight B) is built with, so a query
finds the other forms of its words (``perdagangan`` finds ``berdagang``: both stem to ``dagang``),
and takes web-search syntax: ``"exact phrase"``, ``or``, ``-word``. Hits are ranked by
``ts_rank`` (newest first among equals) and each comes with a snippet of its body where the
matched words are marked, by ``ts_headline``. Only the view is read, so a reader role can search.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, LiteralString, TextIO

from psycopg import sql
from psycopg.rows import class_row

from newscrawl.store.connection import Connection
from newscrawl.store.view import BadInput, Filters, jsonable

CONFIGURATION = "indonesian"
MARK = ("«", "»")
"""Around each matched word of a snippet (bold instead on a terminal)."""
_BOLD = ("\x1b[1m", "\x1b[22m")
_HEADLINE = f"StartSel={MARK[0]}, StopSel={MARK[1]}, MinWords=10, MaxWords=25, MaxFragments=2, FragmentDelimiter=' … '"

_SEARCH: LiteralString = r"""
SELECT id, title, published_at, section, site, canonical_url, rank,
       regexp_replace(ts_headline({configuration}, body, query, {headline}), '\s+', ' ', 'g') AS snippet
FROM (
    SELECT a.id, a.title, a.published_at, a.section, a.site, a.canonical_url, a.body, q.query,
           ts_rank(a.search, q.query) AS rank
    FROM articles_current a, websearch_to_tsquery({configuration}, %s) AS q(query)
    WHERE a.search @@ q.query AND {where}
    ORDER BY rank DESC, a.published_at DESC NULLS LAST, a.id
    LIMIT %s
) hits
ORDER BY rank DESC, published_at DESC NULLS LAST, id
"""


@dataclass(frozen=True, slots=True)
class Hit:
    id: int
    title: str
    published_at: datetime | None
    section: str | None
    site: str | None
    canonical_url: str
    rank: float
    snippet: str


def search(conn: Connection, text: str, filters: Filters, limit: int) -> list[Hit]:
    """The best ``limit`` articles for ``text``, best first."""
    if limit < 1:
        raise BadInput(f"--limit must be at least 1, not {limit}")
    terms = conn.execute("SELECT numnode(websearch_to_tsquery(%s::regconfig, %s))", (CONFIGURATION, text)).fetchone()
    if not terms or not terms[0]:
        raise BadInput(f"nothing to search for in {text!r}")
    filters.check(conn)
    where, params = filters.where()
    query = sql.SQL(_SEARCH).format(
        configuration=sql.Literal(CONFIGURATION), headline=sql.Literal(_HEADLINE), where=where
    )
    with conn.cursor(row_factory=class_row(Hit)) as cur:
        return cur.execute(query, [text, *params, limit]).fetchall()


def print_hits(hits: list[Hit], out: TextIO, *, as_json: bool, bold: bool) -> None:
    """One JSON object per line with ``as_json``, else a numbered list for people to read."""
    for number, hit in enumerate(hits, 1):
        if as_json:
            record: dict[str, Any] = {name: jsonable(getattr(hit, name)) for name in Hit.__dataclass_fields__}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            continue
        snippet = hit.snippet
        if bold:
            snippet = snippet.replace(MARK[0], _BOLD[0]).replace(MARK[1], _BOLD[1])
        when = hit.published_at.strftime("%Y-%m-%d %H:%M %Z") if hit.published_at else "(no date)"
        where = " · ".join(part for part in (when, hit.section, hit.canonical_url) if part)
        out.write(f"{number}. {hit.title}\n   {where}\n   {snippet}\n\n")
