"""The worker's Dramatiq consumer waits in Redis for its queue instead of polling it (workers.broker), on a real
Redis: a message sent while it waits is taken, the wait leaves the queue as it was, and without BLMOVE (Redis
before 6.2) it polls as Dramatiq's own consumer does."""

from __future__ import annotations

import threading

import dramatiq
import pytest
import redis

from core.settings import Settings
from workers.broker import make_broker


def _job(settings: Settings, broker_id: str) -> dramatiq.Actor:
    broker = make_broker(settings, broker_id=broker_id)
    return dramatiq.actor(lambda n: n, broker=broker, actor_name="job", queue_name="scan")


def _next_message(consumer: object, tries: int = 50) -> dramatiq.MessageProxy | None:
    for _ in range(tries):  # each empty turn is one wait (at most WAKE_WAIT_S) or one back-off pause
        message = next(consumer)  # type: ignore[call-overload]
        if message is not None:
            return message
    return None


def test_a_message_sent_while_the_consumer_waits_is_taken(settings: Settings, redis_client: redis.Redis) -> None:
    job = _job(settings, "mx1:1")
    consumer = job.broker.consume("scan", prefetch=1, timeout=100)
    got: list[dramatiq.MessageProxy | None] = []
    waiter = threading.Thread(target=lambda: got.append(_next_message(consumer)))
    waiter.start()
    sent = job.send(7)
    waiter.join(60)
    assert not waiter.is_alive()
    assert got and got[0] is not None and got[0].message_id == sent.message_id
    assert got[0].args == (7,)
    consumer.ack(got[0])
    assert redis_client.llen("mailward:scan") == 0


def test_waiting_leaves_the_queue_in_order(settings: Settings, redis_client: redis.Redis) -> None:
    job = _job(settings, "mx1:2")
    sent = [job.send(i) for i in range(3)]
    idle = job.broker.consume("scan", prefetch=1, timeout=100)
    for _ in range(3):
        assert idle._wait_for_work()  # the queue has messages: returns at once, each time
    assert redis_client.llen("mailward:scan") == 3
    consumer = job.broker.consume("scan", prefetch=3, timeout=100)
    taken = [_next_message(consumer) for _ in range(3)]
    assert [m.message_id for m in taken if m] == [m.message_id for m in sent]


def test_without_blmove_it_polls(settings: Settings, redis_client: redis.Redis,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    job = _job(settings, "mx1:3")
    broker = job.broker

    def no_blmove(*args: object, **kwargs: object) -> None:
        raise redis.ResponseError("ERR unknown command 'BLMOVE'")

    monkeypatch.setattr(broker.client, "blmove", no_blmove)
    consumer = broker.consume("scan", prefetch=1, timeout=20)
    assert next(consumer) is None  # nothing queued: one back-off pause, as Dramatiq's consumer
    assert broker.blocking_wait is False
    sent = job.send(1)
    message = _next_message(consumer)
    assert message is not None and message.message_id == sent.message_id
