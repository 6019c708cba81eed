-- The scheduler's id of a crawl run (scrapyd passes every job `_job=<id>`), apart from the
-- run's arguments: two jobs of the same crawl have the same arguments, which is how a job
-- resumes what a killed one left (docs/operations.md, "A killed crawl resumes").

ALTER TABLE crawl_runs ADD COLUMN job_id text;
UPDATE crawl_runs SET job_id = arguments -> 'spider' ->> '_job', arguments = jsonb_set(arguments, '{spider}', (arguments -> 'spider') - '_job')
WHERE arguments -> 'spider' ? '_job';
