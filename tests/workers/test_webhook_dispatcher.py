"""The webhook dispatcher (workers/webhooks.py) on a real Redis: with no webhook, events are still read and
acknowledged and nothing is queued; a webhook added while it runs gets every event emitted after it was added (and
not the ones dispatched before); an event is acknowledged only once its deliveries were queued."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
import redis

from core import keys
from core.settings import Settings
from core.store.connection import connect
from core.store.events import DISPATCH_GROUP, EventStore
from core.store.webhooks import WebhookStore
from workers.webhooks import Dispatcher


def _until(ok: Callable[[], bool], what: str) -> None:
    for _ in range(1000):
        if ok():
            return
        time.sleep(0.01)
    raise AssertionError(f"never: {what}")


def _pending(client: redis.Redis) -> int:
    return int(client.xpending(keys.events(), DISPATCH_GROUP)["pending"])


def _delivered_up_to(client: redis.Redis, event_id: str) -> bool:
    [group] = [g for g in client.xinfo_groups(keys.events()) if g["name"] == DISPATCH_GROUP.encode()]
    last = group["last-delivered-id"].decode()
    return tuple(map(int, last.split("-"))) >= tuple(map(int, event_id.split("-")))


@pytest.fixture
def running(settings: Settings, redis_client: redis.Redis) -> Iterator[list[tuple[str, str]]]:
    sent: list[tuple[str, str]] = []
    lock = threading.Lock()

    def send(webhook_id: str, event_id: str) -> None:
        with lock:
            sent.append((webhook_id, event_id))

    dispatcher = Dispatcher(lambda: connect(settings), send)
    dispatcher.start()
    _until(lambda: redis_client.exists(keys.events()) == 1, "the dispatcher made its group")
    yield sent
    dispatcher.stop()


def test_without_webhooks_events_are_read_and_acknowledged(redis_client: redis.Redis,
                                                           running: list[tuple[str, str]]) -> None:
    events = EventStore(redis_client)
    ids = [events.emit("message.quarantined", {"n": i}) for i in range(5)]
    _until(lambda: _delivered_up_to(redis_client, ids[-1]) and _pending(redis_client) == 0, "all acknowledged")
    assert running == []


def test_a_webhook_added_later_gets_every_event_emitted_after_it(redis_client: redis.Redis,
                                                                 running: list[tuple[str, str]]) -> None:
    events = EventStore(redis_client)
    before = events.emit("message.quarantined", {"n": 0})
    _until(lambda: _delivered_up_to(redis_client, before) and _pending(redis_client) == 0, "dispatched without hooks")
    hook = WebhookStore(redis_client, allow_private=True).create("http://127.0.0.1:9/hook")
    after = [events.emit("message.quarantined", {"n": i}) for i in range(1, 4)]
    _until(lambda: len(running) >= 3 and _pending(redis_client) == 0, "the new webhook's deliveries queued")
    assert running == [(hook.id, e) for e in after]  # in order; the event dispatched before it is not replayed


def test_an_event_is_acknowledged_only_after_its_deliveries_were_queued(settings: Settings,
                                                                        redis_client: redis.Redis) -> None:
    hook = WebhookStore(redis_client, allow_private=True).create("http://127.0.0.1:9/hook")
    queued = threading.Event()

    def send_fails(webhook_id: str, event_id: str) -> None:
        queued.set()
        raise redis.ConnectionError("Dramatiq's queue is gone")  # the delivery was not queued

    dispatcher = Dispatcher(lambda: connect(settings), send_fails)
    dispatcher.start()
    try:
        _until(lambda: redis_client.exists(keys.events()) == 1, "the dispatcher made its group")
        event = EventStore(redis_client).emit("message.quarantined", {"n": 1})
        assert queued.wait(10)
    finally:
        dispatcher.stop()
    # not acknowledged: another dispatcher claims it and sends it (at least once)
    assert _pending(redis_client) == 1
    again = EventStore(redis_client).claim_stale("other:1", idle_ms=0)
    assert [e.id for e in again] == [event]
    assert hook.wants(again[0].type, again[0].data)
