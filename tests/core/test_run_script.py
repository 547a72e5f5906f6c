"""core.store.connection.run_script runs a registered script as Script.__call__ does, on a real Redis: its answer,
its keys and arguments in order, and a Redis that lost its scripts (SCRIPT FLUSH, as after a restart) gets it
loaded again instead of a NOSCRIPT error. The broker's fetch and ack go through it too."""

from __future__ import annotations

import dramatiq
import redis

from core.settings import Settings
from core.store.connection import run_script
from workers.broker import make_broker


def test_run_script_answers_as_the_script_call_and_survives_a_flush(redis_client: redis.Redis) -> None:
    script = redis_client.register_script("return {KEYS[1], KEYS[2], ARGV[1], ARGV[2], #ARGV}")
    expected = [b"k1", b"k2", b"a", b"2.5", 2]
    assert script(keys=["k1", "k2"], args=["a", 2.5]) == expected
    assert run_script(script, ["k1", "k2"], ["a", 2.5]) == expected
    redis_client.script_flush()
    assert run_script(script, ["k1", "k2"], ["a", 2.5]) == expected


def test_the_broker_fetches_and_acks_after_redis_lost_its_scripts(settings: Settings,
                                                                 redis_client: redis.Redis) -> None:
    broker = make_broker(settings, broker_id="rs:1")
    job = dramatiq.actor(lambda n: n, broker=broker, actor_name="job", queue_name="scan")
    sent = job.send(5)
    redis_client.script_flush()
    consumer = broker.consume("scan", prefetch=1, timeout=100)
    message = None
    for _ in range(20):
        message = next(consumer)
        if message is not None:
            break
    assert message is not None and message.message_id == sent.message_id
    redis_client.script_flush()
    consumer.ack(message)
    assert redis_client.hlen("mailward:scan.msgs") == 0
