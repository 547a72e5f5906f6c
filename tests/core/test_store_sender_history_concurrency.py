"""Sender history with two real worker processes, each with its own Redis client, recording the same senders at once:
every count exact (the Lua script reads and writes atomically), known recipients counted new exactly once."""

from __future__ import annotations

import multiprocessing
from typing import TYPE_CHECKING

import redis

from core import keys
from core.identity.sender_objects import SoType
from core.store.sender_history import SenderHistoryStore
from tests.core.history_support import T0, by_type, objects_of
from tests.core.scan_support import settings
from tests.redis_server import RedisServer

if TYPE_CHECKING:
    from multiprocessing.synchronize import Barrier

PER_WORKER = 300
SHARED = 50  # recipients both workers deliver to, each once per worker
SCRIPT = "/home/acme/public_html/contact.php"


def _worker(url: str, worker: int, start: Barrier) -> None:
    """One scan worker: its own client and store; every 4th message held; each message to a new recipient."""
    client = redis.Redis.from_url(url)
    store = SenderHistoryStore(client, settings())
    objs = objects_of(script=SCRIPT)
    start.wait(60)
    for i in range(PER_WORKER):
        store.record(objs, [f"w{worker}-{i}@d{i % 7}.example"], i % 4 != 0, now=T0 + i / 1000)
    for i in range(SHARED):
        store.record(objs, [f"shared{i}@s.example"], True, now=T0 + 1)
    client.close()


def test_two_worker_processes_count_exactly(redis_server: RedisServer, redis_client: redis.Redis) -> None:
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(2)
    procs = [ctx.Process(target=_worker, args=(redis_server.url, w, start)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(180)
    assert [p.exitcode for p in procs] == [0, 0]

    store = SenderHistoryStore(redis_client, settings())
    objs = objects_of(script=SCRIPT)
    delivered, held = 2 * (PER_WORKER * 3 // 4 + SHARED), 2 * PER_WORKER // 4
    view = store.view(objs, [], now=T0 + 2)
    for o in view.objects:
        assert (o.clean_total, o.held_total) == (delivered, held), o.type
        assert o.this_hour == delivered + held + 1, o.type
    assert view.of(SoType.ACCOUNT).script_clean == delivered  # type: ignore[union-attr]
    email = view.of(SoType.SENDER_EMAIL)
    assert email is not None
    # every recipient of a held message was new, and of a delivered one; shared ones once for both workers
    assert email.new_recipients_this_hour == 2 * PER_WORKER + SHARED
    for o in (by_type(objs, SoType.SENDER_EMAIL), by_type(objs, SoType.SCRIPT)):
        assert redis_client.zcard(keys.history_recipients(o.id)) == 2 * PER_WORKER * 3 // 4 + SHARED
        assert redis_client.zcard(keys.history_domains(o.id)) == 7 + 1
        assert int(redis_client.hget(keys.history_object(o.id), "hn")) == 2 * PER_WORKER * 3 // 4 + SHARED
