-- The web archive: the WARC response record each stored version was read from.
-- NULL for versions stored by a crawl that neither recorded (NEWSCRAWL_WARC_DIR) nor replayed
-- an archive. warc_file/offset/length name the first page's record (`warcio extract` reads
-- it); warc_pages lists every page's record in page order, [{"file", "offset", "length"}],
-- which is what `python -m newscrawl reparse` reads again.

ALTER TABLE article_versions
    ADD COLUMN warc_file   text,
    ADD COLUMN warc_offset bigint,
    ADD COLUMN warc_length bigint,
    ADD COLUMN warc_pages  jsonb NOT NULL DEFAULT '[]';
