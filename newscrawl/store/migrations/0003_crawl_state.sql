-- Crawl state between runs: the frontier of article pages found but not yet
-- stored, and what the last fetch of each taught us (HTTP validators, sitemap lastmod,
-- outcome). Whether an article is stored is the `articles` table's to say; this table
-- never duplicates it.

CREATE TABLE crawl_urls (
    -- newscrawl.urls.article_key of the page: one row per article, whatever its URL form.
    article_key   text PRIMARY KEY,
    url           text NOT NULL,
    -- queued: found, to fetch; fetched: its first page answered 200; not-modified: 304;
    -- skipped: answered but no article came out; dropped: the item was dropped by a
    -- pipeline; gone: 404 or 410; failed: any other failure (fetched again next run).
    status        text NOT NULL DEFAULT 'queued'
                  CHECK (status IN ('queued', 'fetched', 'not-modified', 'skipped', 'dropped', 'gone', 'failed')),
    -- Related-link hops from a discovery page when it was queued (resume offers it at this depth).
    depth         integer NOT NULL DEFAULT 0,
    queued_by     uuid,
    queued_at     timestamptz,
    checked_at    timestamptz,
    fetched_at    timestamptz,
    last_status   integer,
    etag          text,
    last_modified text,
    -- The newest sitemap or feed <lastmod> seen for the page.
    lastmod       timestamptz,
    attempts      integer NOT NULL DEFAULT 0,
    reason        text
);

-- Resume: the unfinished rows of a run.
CREATE INDEX crawl_urls_unfinished ON crawl_urls (queued_by) WHERE status IN ('queued', 'fetched', 'failed');

-- Refreshed while a run is alive: a 'running' row of another host whose heartbeat stopped
-- belongs to a crawl that died.
ALTER TABLE crawl_runs ADD COLUMN heartbeat_at timestamptz;
CREATE INDEX crawl_runs_status ON crawl_runs (status, spider);
