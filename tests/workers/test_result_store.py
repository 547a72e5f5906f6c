"""Issue 15 gap 2: a worker's verdict stored while the Redis restarts reaches the gateway (real redis-server).

The clients are made as workers.broker makes the broker's (from a URL: redis-py then retries nothing)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from dramatiq.message import Message
from dramatiq.results.backends import RedisBackend

from tests.redis_server import RedisServer
from workers.result_store import RidingRedisBackend


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


def _message() -> Message:
    return Message(queue_name="scan", actor_name="scan_message", args=("spool",), kwargs={}, options={})


def _store_across_a_restart(server: RedisServer, backend: RedisBackend, message: Message) -> Exception | None:
    """Stop Redis, store a verdict while it is down, start Redis again shortly after (as serve restarts it)."""
    backend.client.ping()  # a pooled connection, which the restart then breaks
    server.stop()
    restart = threading.Timer(0.3, server.start)
    restart.start()
    try:
        backend.store_result(message, {"action": "no action"}, 60_000)
    except redis.RedisError as exc:
        return exc
    finally:
        restart.join()
    return None


def test_a_verdict_stored_while_redis_restarts_is_not_lost(own_redis: RedisServer) -> None:
    backend = RidingRedisBackend(client=redis.Redis.from_url(own_redis.url), namespace="t")
    message = _message()
    assert _store_across_a_restart(own_redis, backend, message) is None
    assert backend.get_result(message, block=True, timeout=1000) == {"action": "no action"}


def test_dramatiqs_own_backend_loses_it(own_redis: RedisServer) -> None:
    """What the gateway saw before: the store failed, so it waited out its deadline and applied its fail mode."""
    backend = RedisBackend(client=redis.Redis.from_url(own_redis.url), namespace="t")
    assert isinstance(_store_across_a_restart(own_redis, backend, _message()), redis.ConnectionError)
