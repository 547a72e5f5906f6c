"""The retention job: expire_old_mail's log lines, and the expire_quarantine actor on a stub broker."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
import redis
from dramatiq.brokers.stub import StubBroker
from dramatiq.results import Results
from dramatiq.results.backends import StubBackend

from core.errors import NotFound
from core.scan.scanner import Scanner
from core.settings import Settings
from core.store.events import EventStore
from core.store.spool import SpoolStore
from tests.core.test_store_quarantine import _hold, _store
from workers.actors import HOUSEKEEPING_QUEUE, build_actors, expire_old_mail

DAY = 86400.0
NOW = 1_700_000_000.0


def _broker() -> StubBroker:
    broker = StubBroker()
    broker.add_middleware(Results(backend=StubBackend()))
    return broker


def test_expire_old_mail_logs_one_line_per_account(tmp_path: Path, redis_client: redis.Redis,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    store, spool = _store(tmp_path, redis_client, limit=10**9)
    _hold(store, spool, "alice", b"x", NOW - 31 * DAY)
    _hold(store, spool, "bob", b"x", NOW - 29 * DAY)
    assert expire_old_mail(store, 0, now=NOW) == {}  # 0: retention off
    with caplog.at_level(logging.INFO, logger="mailward.housekeeping"):
        assert expire_old_mail(store, 30, now=NOW) == {"alice": 1}
    assert [r.getMessage() for r in caplog.records] == [
        "retention account=alice removed=1 older_than=2023-10-15T22:13:20Z"]


def test_expire_quarantine_actor_runs_on_a_worker(settings: Settings, redis_client: redis.Redis) -> None:
    scanner = Scanner(settings, redis_client)
    store = scanner.quarantine
    spool = SpoolStore(settings.spool_dir)
    spool.ensure()
    old = _hold(store, spool, "alice", b"x", time.time() - 31 * DAY)
    actors = build_actors(_broker(), scanner)
    assert actors.expire_quarantine.queue_name == HOUSEKEEPING_QUEUE
    assert actors.expire_quarantine() is None  # called directly, as a worker thread would; nothing kept in Redis
    with pytest.raises(NotFound):
        store.get(old)
    deleted = [(e.type, e.data["email_id"], e.data["why"]) for e in EventStore(redis_client).latest(10)]
    assert deleted == [("email.deleted", old, "expired")]  # the scanner's store carries its EventStore
    sender = build_actors(_broker(), None)
    with pytest.raises(RuntimeError):
        sender.expire_quarantine.fn()
