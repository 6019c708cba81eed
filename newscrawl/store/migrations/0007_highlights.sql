-- The "Poin penting" key points the current www.tempo.co layout shows above long pieces
-- (newscrawl.items.Article.highlights), in page order; rows stored before have none.
ALTER TABLE articles ADD COLUMN highlights text[] NOT NULL DEFAULT '{}';

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
    highlights
FROM articles;
