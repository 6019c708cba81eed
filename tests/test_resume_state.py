"""Which runs are dead and what they left (``newscrawl.store.state``), on a real PostgreSQL."""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from newscrawl.store.connection import Connection
from newscrawl.store.state import Outcome, StateDB

pytestmark = pytest.mark.db

ARGS = {"since": "2024-05-01"}
NOW = datetime.now(UTC)


def _run(
    db: Connection, host: str, pid: int, *, ago: timedelta, heartbeat: timedelta | None, args: dict[str, str] = ARGS
) -> str:
    run_id = str(uuid.uuid4())
    db.execute(
        "INSERT INTO crawl_runs (run_id, spider, arguments, hostname, pid, started_at, heartbeat_at)"
        " VALUES (%s, 'tempo', %s, %s, %s, %s, %s)",
        (
            run_id,
            json.dumps({"argv": [], "spider": args}),
            host,
            pid,
            NOW - ago,
            NOW - heartbeat if heartbeat else None,
        ),
    )
    return run_id


def test_dead_runs_are_marked_crashed_and_live_ones_left_alone(db: Connection, schema_url: str) -> None:
    me = _run(db, "here", os.getpid(), ago=timedelta(0), heartbeat=None)
    dead_here = _run(db, "here", 2**22 + 12345, ago=timedelta(minutes=5), heartbeat=timedelta(minutes=4))
    alive_here = _run(db, "here", os.getppid(), ago=timedelta(minutes=5), heartbeat=timedelta(minutes=4))
    silent_elsewhere = _run(db, "there", 1, ago=timedelta(hours=2), heartbeat=timedelta(minutes=20))
    beating_elsewhere = _run(db, "there", 1, ago=timedelta(hours=2), heartbeat=timedelta(seconds=20))
    state = StateDB(schema_url, "unused")
    try:
        assert sorted(state.mark_crashed(me, "here", stale_after=600)) == sorted([dead_here, silent_elsewhere])
    finally:
        state.close()
    statuses: dict[str, str] = dict(db.execute("SELECT run_id::text, status FROM crawl_runs").fetchall())
    assert statuses[alive_here] == statuses[beating_elsewhere] == statuses[me] == "running"


def test_a_dead_runs_unfinished_pages_are_resumable_with_the_same_arguments_only(
    db: Connection, schema_url: str
) -> None:
    dead = _run(db, "here", 1, ago=timedelta(hours=1), heartbeat=None)
    other = _run(db, "here", 1, ago=timedelta(hours=1), heartbeat=None, args={"since": "2024-06-01"})
    db.execute("UPDATE crawl_runs SET status = 'crashed'")
    me = _run(db, "here", os.getpid(), ago=timedelta(0), heartbeat=None)
    state = StateDB(schema_url, "unused")
    try:
        state.queue(
            dead, [("tempo:1", "https://www.tempo.co/a-1", 0, None), ("tempo:2", "https://www.tempo.co/b-2", 1, None)]
        )
        state.queue(dead, [("tempo:3", "https://www.tempo.co/c-3", 0, None)])
        state.queue(other, [("tempo:4", "https://www.tempo.co/d-4", 0, None)])
        state.record([Outcome("tempo:3", "https://www.tempo.co/c-3", "gone", 404)])  # settled: not resumed
        assert state.resumable("tempo", ARGS, me) == [
            ("https://www.tempo.co/a-1", 0, dead),
            ("https://www.tempo.co/b-2", 1, dead),
        ]
    finally:
        state.close()
