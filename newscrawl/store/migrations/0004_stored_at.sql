-- When the store last wrote an article row (a new row, a new version, or the same content
-- fetched again and found current), by the database's clock. The crawl state compares it
-- with crawl_urls.queued_at, also the database's clock, to tell which queued pages a dead
-- crawl left unfinished: last_seen_at is the crawler's fetch time (an archive's time in a
-- replay), which is not comparable with the database's now().

ALTER TABLE articles ADD COLUMN stored_at timestamptz;
UPDATE articles SET stored_at = last_seen_at;
ALTER TABLE articles ALTER COLUMN stored_at SET DEFAULT now(), ALTER COLUMN stored_at SET NOT NULL;

ALTER TABLE article_aliases ADD COLUMN stored_at timestamptz;
UPDATE article_aliases SET stored_at = last_seen_at;
ALTER TABLE article_aliases ALTER COLUMN stored_at SET DEFAULT now(), ALTER COLUMN stored_at SET NOT NULL;
