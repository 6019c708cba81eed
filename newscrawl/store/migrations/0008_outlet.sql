-- The outlet an article is from (newscrawl.items.Article.outlet): the name of its package in
-- newscrawl/outlets/ (tempo, kompas, ...), or, for a site without one, the site's name
-- (thejakartapost). Every row stored before is Tempo's: Tempo was the only outlet.
ALTER TABLE articles ADD COLUMN outlet text;
UPDATE articles SET outlet = 'tempo';
ALTER TABLE articles ALTER COLUMN outlet SET NOT NULL;

-- Readers ask for one outlet's latest articles, as they ask for one section's.
CREATE INDEX articles_outlet_published ON articles (outlet, published_at DESC);

-- The readers' view gets the column at its end: CREATE OR REPLACE keeps the view (and the
-- grants readers hold on it) and allows only new columns after the existing ones.
CREATE OR REPLACE VIEW articles_current AS
SELECT
    id,
    article_key,
    canonical_url,
    url,
    article_id,
    site,
    section,
    layout,
    title,
    subtitle,
    reporters,
    editors,
    published_at,
    published_at_raw,
    modified_at,
    dateline,
    body,
    credit,
    image_url,
    image_caption,
    tags,
    editor_pick,
    related,
    read_also,
    is_premium,
    language,
    pages,
    warnings,
    word_count,
    content_hash,
    version,
    first_seen_at,
    last_seen_at,
    last_changed_at,
    duplicate_of,
    search,
    highlights,
    outlet
FROM articles;
