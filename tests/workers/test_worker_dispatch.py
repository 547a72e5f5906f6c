"""What a worker process's Dramatiq machinery does per message (workers.broker), on a real Redis: no fetch that
cannot find anything, a full consumer woken by the slot its worker thread frees, a job's result stored with its
ack (one round trip, riding a Redis restart), and the middleware the actors need (time limits, retries and their
stored errors) still at work without Dramatiq's unused defaults."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import dramatiq
import pytest
import redis
from dramatiq.results import ResultFailure, ResultMissing

from core.settings import Settings, load_settings
from tests.redis_server import RedisServer
from workers import broker as broker_module
from workers.broker import make_broker, results_backend


def _job(settings: Settings, broker_id: str, fn: object = None, **options: object) -> dramatiq.Actor:
    broker = make_broker(settings, broker_id=broker_id)
    return dramatiq.actor(fn or (lambda n: n), broker=broker, actor_name="job", queue_name="scan", **options)


def _count_fetches(broker: dramatiq.Broker, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    counts: list[int] = []
    fetch = broker.do_fetch

    def counting(queue_name: str, n: int) -> list[bytes]:
        counts.append(n)
        return fetch(queue_name, n)

    monkeypatch.setattr(broker, "do_fetch", counting, raising=False)
    return counts


def test_a_fetch_that_emptied_the_queue_is_not_repeated_before_redis_wakes_the_consumer(
        settings: Settings, redis_client: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(broker_module, "WAKE_WAIT_S", 0.05)
    job = _job(settings, "mx2:1")
    fetches = _count_fetches(job.broker, monkeypatch)
    consumer = job.broker.consume("scan", prefetch=2, timeout=100)
    sent = job.send(1)
    first = next(consumer)
    assert first is not None and first.message_id == sent.message_id
    assert fetches == [2]  # asked for two, got one: the queue is empty now
    assert next(consumer) is None  # waited in Redis (nothing came) instead of running the fetch script again
    assert fetches == [2]
    later = job.send(2)
    taken = next(consumer) or next(consumer)  # a wait that returns at once, then the fetch
    assert taken is not None and taken.message_id == later.message_id
    consumer.ack(first)
    consumer.ack(taken)
    assert redis_client.llen("mailward:scan") == 0


def test_a_fetch_that_got_all_it_asked_for_fetches_again_at_once(
        settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    job = _job(settings, "mx2:2")
    fetches = _count_fetches(job.broker, monkeypatch)
    sent = [job.send(i) for i in range(3)]
    consumer = job.broker.consume("scan", prefetch=1, timeout=100)
    taken = []
    for _ in range(3):
        message = next(consumer)
        assert message is not None
        taken.append(message.message_id)
        consumer.ack(message)
    assert taken == [m.message_id for m in sent]
    assert fetches == [1, 1, 1]  # a backlog costs one fetch per message, no waits in between


def test_a_full_consumer_fetches_again_when_a_worker_thread_frees_a_slot(settings: Settings) -> None:
    job = _job(settings, "mx2:3")
    first, second = job.send(1), job.send(2)
    consumer = job.broker.consume("scan", prefetch=1, timeout=60_000)  # idle timeout far past the test
    held = next(consumer)
    assert held is not None and held.message_id == first.message_id
    turns: list[dramatiq.MessageProxy | None] = []

    def consume() -> None:
        while not turns or turns[-1] is None:
            turns.append(next(consumer))

    thread = threading.Thread(target=consume)
    thread.start()
    deadline = time.monotonic() + 2.0
    while time.monotonic() < deadline and len(turns) < 3:
        time.sleep(0.01)  # Dramatiq's consumer turns empty again and again while its slot is taken
    consumer.ack(held)  # the worker thread is done: the consumer takes the next message
    thread.join(30)
    assert not thread.is_alive()
    assert turns[-1] is not None and turns[-1].message_id == second.message_id
    assert len(turns) <= 2  # at most the one empty turn the freed slot ended
    consumer.ack(turns[-1])


def _run_worker(broker: dramatiq.Broker) -> dramatiq.Worker:
    worker = dramatiq.Worker(broker, worker_threads=1, worker_timeout=100)
    worker.queue_prefetch = 1
    broker.emit_after("process_boot")
    worker.start()
    return worker


def test_a_job_that_raises_gives_the_waiting_sender_its_error(settings: Settings) -> None:
    def fails(n: int) -> None:
        raise ValueError(f"bad {n}")

    job = _job(settings, "mx2:4", fails, store_results=True, max_retries=0, time_limit=60_000)
    worker = _run_worker(job.broker)
    try:
        message = job.send(3)
        with pytest.raises(ResultFailure, match="bad 3"):
            results_backend(job.broker).get_result(message, block=True, timeout=30_000)
    finally:
        worker.stop()


def test_a_job_past_its_time_limit_is_stopped_and_reported(settings: Settings) -> None:
    def slow(n: int) -> int:
        for _ in range(3000):  # the time limit interrupts the thread between two of these
            time.sleep(0.01)
        return n

    job = _job(settings, "mx2:5", slow, store_results=True, max_retries=0, time_limit=100)
    worker = _run_worker(job.broker)
    try:
        message = job.send(4)
        with pytest.raises(ResultFailure) as failure:
            results_backend(job.broker).get_result(message, block=True, timeout=30_000)
        assert failure.value.orig_exc_type == "TimeLimitExceeded"
    finally:
        worker.stop()


def test_actor_options_of_a_dropped_middleware_are_refused(settings: Settings) -> None:
    """Mailward's broker carries only the middleware its actors use: an option of another is an error at once."""
    with pytest.raises(ValueError, match="max_age"):
        _job(settings, "mx2:6", max_age=1000)
    webhook_like = _job(settings, "mx2:7", max_retries=3, min_backoff=10, max_backoff=100, time_limit=1000,
                        retry_when=lambda retries, exc: False)
    assert webhook_like.options["max_retries"] == 3


def test_a_result_is_stored_with_the_ack_of_its_job(settings: Settings, redis_client: redis.Redis) -> None:
    job = _job(settings, "mx2:8", store_results=True)
    backend = results_backend(job.broker)
    sent = job.send(5)
    consumer = job.broker.consume("scan", prefetch=1, timeout=100)
    message = next(consumer)
    assert message is not None and message.message_id == sent.message_id
    backend.store_result(message, {"action": "no action"}, 60_000)  # what Results does after the job
    with pytest.raises(ResultMissing):
        backend.get_result(message)  # not yet: it goes to Redis with the ack, in one round trip
    assert redis_client.hlen("mailward:scan.msgs") == 1
    redis_client.zrem("mailward:__heartbeats__", "mx2:8")
    consumer.ack(message)
    assert redis_client.zscore("mailward:__heartbeats__", "mx2:8") is not None  # as Dramatiq's ack records it
    assert backend.get_result(message) == {"action": "no action"}
    assert 0 < redis_client.pttl(backend.build_message_key(message)) <= 60_000
    assert redis_client.hlen("mailward:scan.msgs") == 0  # acked
    assert redis_client.scard("mailward:__acks__.mx2:8.scan") == 0


def test_a_result_outside_a_consumer_is_stored_at_once(settings: Settings) -> None:
    job = _job(settings, "mx2:9", store_results=True)
    backend = results_backend(job.broker)
    sent = job.send(6)  # the sender's copy of the message (no consumer handed it out)
    backend.store_result(sent, 6, 60_000)
    assert backend.get_result(sent) == 6


def test_an_ack_with_its_result_rides_a_redis_restart(tmp_path: Path) -> None:
    server = RedisServer(tmp_path / "redis")
    server.start()
    try:
        settings = load_settings(environ={"MAILWARD_STATE_DIR": str(tmp_path / "state"),
                                          "MAILWARD_REDIS_URL": server.url})
        job = _job(settings, "mx2:10", store_results=True)
        backend = results_backend(job.broker)
        job.send(7)
        consumer = job.broker.consume("scan", prefetch=1, timeout=100)
        message = next(consumer)
        assert message is not None
        backend.store_result(message, {"action": "quarantine"}, 60_000)
        job.broker.client.ping()  # a pooled connection, which the restart breaks
        server.stop()
        restart = threading.Timer(0.3, server.start)
        restart.start()
        try:
            consumer.ack(message)  # a private redis-server without persistence: the message is gone, the ack
        finally:              # is a no-op on the new one, but the result must be there for the gateway
            restart.join()
        assert backend.get_result(message) == {"action": "quarantine"}
    finally:
        server.stop()


def test_a_message_whose_fetch_reply_was_lost_is_put_back_when_the_consumer_restarts(
        settings: Settings, redis_client: redis.Redis) -> None:
    """Redis killed right after a fetch ran: the message sits in this live consumer's ack set and no thread has it.
    Its heartbeat goes on, so Dramatiq's maintenance never requeues it; the consumer Dramatiq makes again after the
    lost connection puts it back, so the scan runs instead of waiting out the gateway's deadline."""
    job = _job(settings, "mx9:1")
    sent = job.send(7)
    assert job.broker.do_fetch("scan", 1)  # the fetch ran on Redis; pretend its reply never came back
    assert redis_client.llen("mailward:scan") == 0
    assert redis_client.smembers("mailward:__acks__.mx9:1.scan")
    consumer = job.broker.consume("scan", prefetch=1, timeout=100)  # what Dramatiq does after ConnectionClosed
    assert consumer.requeued_lost == 1
    taken = next(consumer) or next(consumer)
    assert taken is not None and taken.message_id == sent.message_id
    consumer.ack(taken)
    assert not redis_client.smembers("mailward:__acks__.mx9:1.scan")


def test_a_restarted_consumer_leaves_the_messages_worker_threads_hold(
        settings: Settings, redis_client: redis.Redis) -> None:
    job = _job(settings, "mx9:2")
    job.send(1)
    first = job.broker.consume("scan", prefetch=1, timeout=100)
    held = next(first) or next(first)
    assert held is not None  # a worker thread is running it
    again = job.broker.consume("scan", prefetch=1, timeout=100)
    assert again.requeued_lost == 0
    assert redis_client.llen("mailward:scan") == 0  # not queued a second time
    again.ack(held)  # the thread's ack goes through the new consumer
    assert not redis_client.smembers("mailward:__acks__.mx9:2.scan")
    assert job.broker.in_hand == set()


def test_an_ack_lost_to_a_redis_restart_keeps_its_message_in_hand(
        settings: Settings, redis_client: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dramatiq retries a failed ack and remakes the consumer meanwhile: the remade consumer must not queue the
    message again (it would be scanned twice)."""
    from dramatiq.errors import ConnectionClosed

    job = _job(settings, "mx9:3")
    job.send(1)
    consumer = job.broker.consume("scan", prefetch=1, timeout=100)
    held = next(consumer) or next(consumer)
    assert held is not None

    def down(queue_name: str, message_id: str) -> None:
        raise redis.ConnectionError("Connection reset by peer")

    monkeypatch.setattr(job.broker, "do_ack", down)
    with pytest.raises(ConnectionClosed):
        consumer.ack(held)
    again = job.broker.consume("scan", prefetch=1, timeout=100)
    assert again.requeued_lost == 0 and redis_client.llen("mailward:scan") == 0
    monkeypatch.undo()
    again.ack(held)  # Dramatiq's retry, once Redis is back
    assert job.broker.in_hand == set() and not redis_client.smembers("mailward:__acks__.mx9:3.scan")
