"""Everything PostgreSQL and the spool: where the database is and how to reach it, its schema,
what makes an item storable and how it is filed (new, edit, copy), the batch transaction, the
spool that keeps what the database cannot take yet, the crawl state's queries, and what the
applications that read the table use (the view, the reader role, the change feed, search,
export). It never imports Scrapy: a crawl (through ``pipelines`` and the crawl components), the
command line and a re-parse use it alike. ``docs/architecture.md`` lists its modules.
"""
