"""The worker's Dramatiq consumer waits in Redis for its queue instead of polling it (workers.broker), on a real
Redis: a message sent while it waits is taken, the wait leaves the queue as it was, and without BLMOVE (Redis
before 6.2) it polls as Dramatiq's own consumer does. Of several waiting consumers (worker processes) only the one
holding the queue's baton is woken by a message; a lost baton comes back, and a stopping consumer passes it on."""

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


def test_one_message_wakes_one_waiting_consumer(settings: Settings, redis_client: redis.Redis,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # Two worker processes' consumers wait for the same queue: only the one holding the queue's baton is woken by a
    # message; the other keeps waiting (for the baton) instead of running a fetch for nothing.
    monkeypatch.setattr("workers.broker.WAKE_WAIT_S", 10.0)  # no wait runs out during the test
    job = _job(settings, "mx2:1")
    other_job = _job(settings, "mx2:2")
    consumers = [job.broker.consume("scan", prefetch=1, timeout=100),
                 other_job.broker.consume("scan", prefetch=1, timeout=100)]
    for c in consumers:
        c.pass_baton = False  # as after a fetch that passed the baton on
    redis_client.rpush("mailward:scan.waiter", 1)
    returned: list[object] = []
    waits = [threading.Thread(target=lambda c=c: returned.append((c, next(c)))) for c in consumers]
    for t in waits:
        t.start()
    first = job.send(1)
    deadline = threading.Event()
    while not returned and not deadline.wait(0.01):
        pass
    woken, nothing = returned[0]
    assert nothing is None  # it was woken: its next turn fetches
    [waiting] = [c for c in consumers if c is not woken]
    [waiting_thread] = [t for t, c in zip(waits, consumers, strict=True) if c is waiting]
    waiting_thread.join(0.5)
    assert waiting_thread.is_alive(), "the consumer without the baton was woken too"
    got = _next_message(woken)
    assert got is not None and got.message_id == first.message_id
    woken.ack(got)
    # the fetch passed the baton on: the other consumer now waits for the queue, and takes the next message
    second = job.send(2)
    waiting_thread.join(30)
    assert not waiting_thread.is_alive()
    got = _next_message(waiting)
    assert got is not None and got.message_id == second.message_id
    waiting.ack(got)


def test_a_lost_baton_comes_back_and_costs_at_most_one_wait(settings: Settings, redis_client: redis.Redis,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workers.broker.WAKE_WAIT_S", 0.2)
    job = _job(settings, "mx2:3")
    consumer = job.broker.consume("scan", prefetch=1, timeout=100)
    consumer.pass_baton = False  # its holder died with it: no baton anywhere
    redis_client.delete("mailward:scan.waiter")
    assert next(consumer) is None  # a fetch, then the wait for the baton runs out
    sent = job.send(3)
    got = _next_message(consumer)  # fetched without being woken, and a baton put back with that fetch
    assert got is not None and got.message_id == sent.message_id
    assert redis_client.lrange("mailward:scan.waiter", 0, -1) == [b"1"]
    consumer.ack(got)


def test_a_stopping_consumer_passes_its_baton_on(settings: Settings, redis_client: redis.Redis) -> None:
    job = _job(settings, "mx2:4")
    consumer = job.broker.consume("scan", prefetch=1, timeout=100)
    redis_client.delete("mailward:scan.waiter")
    consumer.pass_baton = True  # it holds the baton (it was waiting for the queue)
    consumer.close()
    assert redis_client.llen("mailward:scan.waiter") == 1
    consumer.close()  # once only, and never more than one in the list
    assert redis_client.llen("mailward:scan.waiter") == 1
