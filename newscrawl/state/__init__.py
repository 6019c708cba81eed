"""What a crawl knows between runs, kept in PostgreSQL next to the articles.

* ``schedule``: when a stored article is due for a re-check (pure: no I/O);
* ``db``: the ``crawl_urls`` table and the ``crawl_runs`` housekeeping, in plain SQL;
* ``middleware``: the spider middleware that gates article requests against that state,
  persists the frontier, records what each fetch taught us and resumes a crashed run.
"""
