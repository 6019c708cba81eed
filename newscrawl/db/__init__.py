"""The PostgreSQL side of newscrawl: where the database is, how to reach it, its schema.

* ``connection``: the database URL (setting, environment or embedded server), connecting,
  and ``redact`` so a password never reaches a log line or an error message;
* ``embedded``: the ``pgserver`` PostgreSQL started in ``.newscrawl/pgdata`` when no URL is set;
* ``migrate``: the plain-SQL files in ``migrations/`` and the ``schema_migrations`` table;
* ``commands``: ``python -m newscrawl db url|shell|migrate|stop``.
"""
