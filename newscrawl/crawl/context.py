"""The run context: who this crawl is, made once per crawl and read by every component.

It is built from the spider's own arguments (the ``-a`` options, or the keywords of
``CrawlerProcess.crawl``), never from ``sys.argv``: under scrapyd, or a crawl started from
Python, the host program's command line says nothing about the crawl. The crawl's identity —
what a later run must be asked to resume this one's frontier — is its arguments without the
scheduler's own (scrapyd gives every job ``_job=<id>``, kept apart as ``job_id``), with
passwords masked.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from newscrawl.crawl.contract import arguments_of
from newscrawl.stats import RUN_ID
from newscrawl.store.connection import redact
from newscrawl.store.records import RunRecord

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

SCHEDULER_JOB = "_job"
"""The argument scrapyd gives every spider: the job's id, not part of what the crawl is."""


@dataclass(frozen=True, slots=True)
class RunContext:
    run_id: str
    """``crawl_runs.run_id`` of this crawl."""
    spider: str
    identity: Mapping[str, str] = field(default_factory=dict)
    """The spider's arguments without the scheduler's, passwords masked: a dead run whose identity
    is equal has its unfinished frontier resumed by this one."""
    job_id: str | None = None
    """The scheduler's id of this run (scrapyd's ``_job``), when there is one."""
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    hostname: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)

    def record(self) -> RunRecord:
        """The ``crawl_runs`` row of this run as it starts: its identity in ``arguments.spider``, the
        scheduler's job apart in ``job_id``."""
        return RunRecord(
            run_id=self.run_id,
            spider=self.spider,
            arguments={"spider": dict(self.identity)},
            job_id=self.job_id,
            hostname=self.hostname,
            pid=self.pid,
            started_at=self.started_at.isoformat(),
        )

    @classmethod
    def new(cls, spider: str, arguments: Mapping[str, object]) -> RunContext:
        identity = {name: redact(str(value)) for name, value in sorted(arguments.items()) if name != SCHEDULER_JOB}
        job = arguments.get(SCHEDULER_JOB)
        return cls(run_id=str(uuid.uuid4()), spider=spider, identity=identity, job_id=str(job) if job else None)


_CONTEXTS: WeakKeyDictionary[Crawler, RunContext] = WeakKeyDictionary()


def run_context(crawler: Crawler) -> RunContext:
    """The crawl's run context, made on first use from its spider's arguments (Scrapy makes the
    spider before any add-on, extension, middleware or pipeline, which all may ask)."""
    context = _CONTEXTS.get(crawler)
    if context is None:
        spider = crawler.spider
        if spider is None:  # a component tested on its own, without a spider
            context = RunContext(run_id=str(uuid.uuid4()), spider="unknown")
        else:
            context = RunContext.new(spider.name, arguments_of(spider))
        _CONTEXTS[crawler] = context
        if crawler.stats is not None:
            crawler.stats.set_value(RUN_ID, context.run_id)
    return context
