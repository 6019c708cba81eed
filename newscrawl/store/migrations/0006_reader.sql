-- The readers' role: `newscrawl_reader` (NOLOGIN) may SELECT the reader view and nothing else —
-- no base table, no crawl state, no write. Applications log in as roles that are members of it
-- (`python -m newscrawl db grant-reader NAME`).
--
-- Roles belong to the whole server, this file to one schema: it runs once per schema (several
-- deployments or test schemas in one database), so it creates the role only when it is missing,
-- and grants this schema's view and, where needed, the use of this schema.
--
-- A least-privilege crawler migrates too, without CREATEROLE: then a missing role is not created
-- and the migration still applies, with a WARNING in the crawl's log; the grants follow when an
-- administrator runs `db grant-reader` (or creates the role before the first crawl, and the
-- crawler grants its own view to it here). What the migrating role may not grant is left to
-- `db grant-reader` the same way, never an error: a crawl must not fail over the readers' role.
--
-- Later reader views get their own GRANT in their own migration; changing this view with
-- CREATE OR REPLACE VIEW keeps the grant (DROP VIEW would lose it).

DO $$
DECLARE
    me constant name := current_user;
    here constant name := current_schema();
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'newscrawl_reader') THEN
        IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = me) THEN
            BEGIN
                CREATE ROLE newscrawl_reader NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- another schema's migration created it at the same moment
            END;
        ELSE
            RAISE WARNING 'role newscrawl_reader does not exist and % may not create roles: the reader view '
                'is not granted to anyone; an administrator runs `python -m newscrawl db grant-reader NAME`', me;
            RETURN;
        END IF;
    END IF;

    IF has_table_privilege(me, 'articles_current', 'SELECT WITH GRANT OPTION') THEN
        GRANT SELECT ON articles_current TO newscrawl_reader;
    ELSE
        RAISE WARNING '% may not grant SELECT on %.articles_current to newscrawl_reader; '
            'an administrator runs `python -m newscrawl db grant-reader NAME`', me, here;
    END IF;

    IF has_schema_privilege('newscrawl_reader', here, 'USAGE') THEN
        NULL;  -- e.g. public, whose USAGE PUBLIC has
    ELSIF has_schema_privilege(me, here, 'USAGE WITH GRANT OPTION') THEN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO newscrawl_reader', here);
    ELSE
        RAISE WARNING '% may not grant the use of schema % to newscrawl_reader; '
            'an administrator runs `python -m newscrawl db grant-reader NAME`', me, here;
    END IF;
END
$$;
