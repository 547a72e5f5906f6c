"""The worker's Dramatiq consumer waits in Redis for its queue instead of polling it (workers.broker), on a real
Redis: a message sent while it waits is taken, the wait leaves the queue as it was; one message wakes one of several
waiting consumers (wake tokens), every way a message reaches the queue brings its token, a fetch that empties the
queue leaves no token behind, and a message without a token (lost) is still taken at the next check."""

from __future__ import annotations

import threading
import time

import dramatiq
import pytest
import redis

from core.settings import Settings
from workers.broker import make_broker, requeue_dead_consumer
from workers.scan_enqueue import ClaimedEnqueue


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


def _wait_blocked(client: redis.Redis, n: int) -> None:
    """Until n clients are blocked in Redis (the consumers' waits)."""
    for _ in range(3000):
        if int(client.info("clients")["blocked_clients"]) >= n:
            return
        time.sleep(0.01)
    raise AssertionError(f"{n} consumers never blocked")


def test_one_message_wakes_one_of_two_waiting_consumers(settings: Settings, redis_client: redis.Redis,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # Two worker processes' consumers idle on the same queue: a message wakes one of them; the other keeps waiting
    # instead of running a fetch for nothing (blocking on the queue itself woke both).
    monkeypatch.setattr("workers.broker.WAKE_WAIT_S", 10.0)  # no wait runs out during the test
    job, other = _job(settings, "mx3:1"), _job(settings, "mx3:2")
    consumers = [job.broker.consume("scan", prefetch=1, timeout=100),
                 other.broker.consume("scan", prefetch=1, timeout=100)]
    woken: list[object] = []
    waits = [threading.Thread(target=lambda c=c: woken.append((c, next(c)))) for c in consumers]
    for t in waits:
        t.start()
    _wait_blocked(redis_client, 2)
    first = job.send(1)
    while not woken:
        time.sleep(0.01)
    consumer, nothing = woken[0]
    assert nothing is None  # it was woken: its next turn fetches
    [still] = [t for t, c in zip(waits, consumers, strict=True) if c is not consumer]
    still.join(0.5)
    assert still.is_alive(), "the message woke the second consumer too"
    got = _next_message(consumer)
    assert got is not None and got.message_id == first.message_id
    consumer.ack(got)
    second = job.send(2)  # the one still waiting takes the next
    still.join(30)
    assert not still.is_alive()
    [waiting] = [c for c in consumers if c is not consumer]
    got = _next_message(waiting)
    assert got is not None and got.message_id == second.message_id
    waiting.ack(got)


def test_every_sender_brings_a_token_and_an_emptying_fetch_leaves_none(settings: Settings,
                                                                      redis_client: redis.Redis) -> None:
    job = _job(settings, "mx3:3")
    wake = "mailward:scan.wake"
    job.send(1)  # Dramatiq's own enqueue (retries, delayed messages, webhooks, housekeeping send so)
    job.send_with_options(args=(2,), delay=1)  # a delayed one waits in the delay queue, with its own token
    assert redis_client.llen(wake) == 1
    assert redis_client.llen("mailward:scan.DQ.wake") == 1
    enqueue = ClaimedEnqueue(redis_client, job.broker, job)  # the gateway's
    assert enqueue.send("spool-1", enqueue.message("spool-1", {}), 60_000)
    assert redis_client.llen(wake) == 2
    redis_client.delete(wake)  # tokens lost (a Redis restart without its data)
    job.send(3)
    assert redis_client.llen(wake) == 1  # one per message joining, never past what waits
    consumer = job.broker.consume("scan", prefetch=2, timeout=100)
    taken = [_next_message(consumer), _next_message(consumer)]
    assert redis_client.llen("mailward:scan") == 1
    assert redis_client.llen(wake) == 1  # a fetch that left one behind: one token for it
    for m in taken:
        consumer.ack(m)
    last = _next_message(consumer)
    assert last is not None
    assert redis_client.llen("mailward:scan") == 0
    assert redis_client.exists(wake) == 0  # the queue is empty: no token to wake anyone for nothing
    consumer.ack(last)


def test_a_message_without_a_token_is_taken_at_the_next_check(settings: Settings, redis_client: redis.Redis,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # A token can be lost (Redis restarted without it, a consumer killed as Redis handed it one, a sender on an older
    # version): the consumer still looks at the queue every WAKE_WAIT_S, never sleeping while a job waits.
    monkeypatch.setattr("workers.broker.WAKE_WAIT_S", 0.2)
    job = _job(settings, "mx3:4")
    consumer = job.broker.consume("scan", prefetch=1, timeout=100)
    got: list[dramatiq.MessageProxy | None] = []
    waiter = threading.Thread(target=lambda: got.append(_next_message(consumer)))
    waiter.start()
    _wait_blocked(redis_client, 1)
    sent = job.send(5)
    redis_client.delete("mailward:scan.wake")  # the token went missing before the consumer got it
    waiter.join(60)
    assert got and got[0] is not None and got[0].message_id == sent.message_id
    consumer.ack(got[0])


def test_a_dead_workers_requeued_job_wakes_a_waiting_consumer(settings: Settings, redis_client: redis.Redis,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workers.broker.WAKE_WAIT_S", 10.0)  # woken by the token, not by a check
    job, other = _job(settings, "mx3:5"), _job(settings, "mx3:6")
    dead = job.broker.consume("scan", prefetch=1, timeout=100)
    sent = job.send(6)
    assert _next_message(dead) is not None  # taken, never acked: its process is killed
    assert redis_client.exists("mailward:scan.wake") == 0
    alive = other.broker.consume("scan", prefetch=1, timeout=100)
    got: list[dramatiq.MessageProxy | None] = []
    waiter = threading.Thread(target=lambda: got.append(_next_message(alive)))
    waiter.start()
    _wait_blocked(redis_client, 1)
    assert requeue_dead_consumer(job.broker, "mx3:5") == 1
    waiter.join(30)
    assert not waiter.is_alive()
    assert got and got[0] is not None and got[0].message_id == sent.message_id
    alive.ack(got[0])
