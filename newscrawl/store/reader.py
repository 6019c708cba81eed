"""``python -m newscrawl db grant-reader NAME``: a login role for an application that reads.

The role ``NAME`` is created (or, when it is already a reader, given a new password) as a member
of ``newscrawl_reader``, the role the ``0006_reader`` migration gives ``SELECT`` on the reader view
and nothing else. The command also makes sure of what that migration may have had to leave to an
administrator (see the migration): the group role itself, ``SELECT`` on this schema's view and the
use of the schema. Run it as an administrator of the server (``postgres``, or any role allowed to
create roles and to grant on the view).

The password comes from ``NEWSCRAWL_READER_PASSWORD`` or, on a terminal, a prompt — never from
the command line, where any user of the machine could read it in the process list. It reaches
the server only as a SCRAM-SHA-256 verifier computed here (as psql's ``\\password`` does), so not
even a server that logs every statement records it.
"""

from __future__ import annotations

import getpass
import os
import sys

import psycopg
from psycopg import sql

from newscrawl.store.connection import Connection
from newscrawl.store.view import VIEW, BadInput

GROUP = "newscrawl_reader"
PASSWORD_VARIABLE = "NEWSCRAWL_READER_PASSWORD"


def password_from_user(name: str) -> str:
    """The password from the environment, else asked twice on the terminal."""
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        if not sys.stdin.isatty():
            raise BadInput(f"no password: set {PASSWORD_VARIABLE}, or run the command on a terminal to be asked")
        password = getpass.getpass(f"Password for {name}: ")
        if getpass.getpass("Again: ") != password:
            raise BadInput("the two passwords differ; nothing changed")
    if not password:
        raise BadInput("an empty password is refused")
    return password


def grant_reader(conn: Connection, name: str, password: str) -> list[str]:
    """Make ``name`` a reader with ``password``, in one transaction; what was done, line by line."""
    if name == GROUP or name.startswith("pg_") or not name.strip():
        raise BadInput(f"{name!r} cannot be a reader's login role")
    done: list[str] = []
    with conn.transaction():
        schema = str(_one(conn, "SELECT current_schema()") or "")
        if not schema:
            raise BadInput("no schema of the search path exists: nothing is stored here yet")
        if _one(conn, "SELECT to_regclass(%s)", VIEW) is None:
            raise BadInput(f"no {VIEW} view in schema {schema}: run `python -m newscrawl db migrate` first")
        if _one(conn, "SELECT 1 FROM pg_roles WHERE rolname = %s", GROUP) is None:
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(GROUP)))
            done.append(f"created role {GROUP}")
        if not _one(conn, "SELECT has_table_privilege(%s, %s, 'SELECT')", GROUP, VIEW):
            conn.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(sql.Identifier(VIEW), sql.Identifier(GROUP)))
            done.append(f"granted SELECT on {schema}.{VIEW} to {GROUP}")
        if not _one(conn, "SELECT has_schema_privilege(%s, %s, 'USAGE')", GROUP, schema):
            conn.execute(
                sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema), sql.Identifier(GROUP))
            )
            done.append(f"granted USAGE on schema {schema} to {GROUP}")
        done.append(_login_role(conn, name, password))
        # The login finds the view without a schema name (the default search path is "$user", public).
        conn.execute(
            sql.SQL("ALTER ROLE {} IN DATABASE {} SET search_path = {}").format(
                sql.Identifier(name),
                sql.Identifier(str(_one(conn, "SELECT current_database()"))),
                sql.Identifier(schema),
            )
        )
        done.append(f"search_path of {name} in this database: {schema}")
    return done


def _login_role(conn: Connection, name: str, password: str) -> str:
    found = conn.execute(
        "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls,"
        " pg_has_role(oid, %s, 'MEMBER') FROM pg_roles WHERE rolname = %s",
        (GROUP, name),
    ).fetchone()
    if found is not None and (found[0] or not found[1]):
        # Never give a new password to a role that is something else (an administrator, the crawler).
        raise BadInput(f"role {name} exists and is not a reader: choose another name")
    assert conn.pgconn is not None
    verifier = conn.pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256").decode()
    role = sql.Identifier(name)
    if found is None:
        statement = "CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}"
        conn.execute(sql.SQL(statement).format(role, sql.Literal(verifier), sql.Identifier(GROUP)))
        return f"created login role {name}, a member of {GROUP}"
    conn.execute(sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}").format(role, sql.Literal(verifier)))
    return f"new password for {name}, a member of {GROUP}"


def _one(conn: Connection, query: str, *params: object) -> object:
    row = conn.execute(query.encode(), params or None).fetchone()
    return row[0] if row else None


def run(name: str, url: str) -> int:
    """The command: one line per thing done on stdout; the password is never printed."""
    from newscrawl.store.view import open_reading

    password = password_from_user(name)
    with open_reading(url, name="newscrawl grant-reader") as conn:
        try:
            done = grant_reader(conn, name, password)
        except psycopg.errors.InsufficientPrivilege as exc:
            raise BadInput(f"not allowed: {exc.diag.message_primary or exc}; run it as an administrator") from None
    for line in done:
        print(line)
    return 0
