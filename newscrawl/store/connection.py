"""Which database to use and how to connect to it, without ever showing its password.

The URL comes from the ``NEWSCRAWL_DATABASE_URL`` setting (the environment variable of the
same name, or ``-s``); without one, the embedded server in ``NEWSCRAWL_PGDATA`` is used.
Both URL (``postgresql://user:pw@host/db``) and key=value (``host=... password=...``) forms
are accepted. Every message that could carry the URL goes through ``redact`` first.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict

APPLICATION_NAME = "newscrawl"
MASK = "***"

Connection = psycopg.Connection[tuple[Any, ...]]

_URL_PASSWORD = re.compile(r"(?P<head>\b[a-z][a-z0-9+.-]*://[^:/@\s]*:)(?P<password>[^@\s]*)(?=@)", re.IGNORECASE)
_KV_PASSWORD = re.compile(r"(?P<head>\bpassword\s*=\s*)(?P<password>'(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


class DatabaseUnavailable(Exception):
    """The database cannot be reached or started. The message never contains a password."""


def redact(text: str, url: str | None = None) -> str:
    """``text`` with every password masked: in URLs, in ``password=`` pairs, and ``url``'s own."""
    secret = password_of(url) if url else None
    if secret:
        text = text.replace(secret, MASK)
    text = _URL_PASSWORD.sub(lambda m: m["head"] + (MASK if m["password"] else ""), text)
    return _KV_PASSWORD.sub(lambda m: m["head"] + MASK, text)


def password_of(url: str) -> str | None:
    """The password written in a database URL or key=value string, if any."""
    try:
        if "://" in url:
            return urlsplit(url).password or None
        password = conninfo_to_dict(url).get("password")
        return str(password) if password else None
    except (ValueError, psycopg.Error):
        match = _KV_PASSWORD.search(url)
        return match["password"].strip("'") if match else None


def describe(url: str) -> str:
    """A short, password-free name for log lines: ``postgres@127.0.0.1:5432/test``."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.Error:
        return "(unparsable database URL)"
    host = info.get("host") or "localhost"
    port = f":{info['port']}" if info.get("port") else ""
    user = f"{info['user']}@" if info.get("user") else ""
    return redact(f"{user}{host}{port}/{info.get('dbname', '')}", url)


def database_url(setting: str | None, pgdata: str | Path) -> str:
    """The configured URL, else the embedded server's (started if it is not running)."""
    if setting:
        return setting
    from newscrawl.store import embedded  # pgserver is only needed when no URL is set

    return embedded.start(Path(pgdata))


def connect(url: str, *, timeout: float = 10.0, autocommit: bool = False) -> Connection:
    """A connection, or ``DatabaseUnavailable`` with a redacted message (and no chained cause,
    whose text could show the password in a traceback)."""
    try:
        conninfo_to_dict(url)
    except psycopg.Error:
        raise DatabaseUnavailable("invalid database URL (not shown: it may contain a password)") from None
    try:
        return psycopg.connect(
            url, connect_timeout=max(1, round(timeout)), application_name=APPLICATION_NAME, autocommit=autocommit
        )
    except psycopg.Error as exc:
        raise DatabaseUnavailable(f"cannot connect to {describe(url)}: {redact(str(exc).strip(), url)}") from None
