"""The private redis-server has a memory limit and, at it, refuses writes instead of evicting Mailward's keys."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
import redis

from core import keys
from core.settings import Settings
from workers.embedded_redis import AUTO_MAX_MB, AUTO_MIN_MB, MAXMEMORY_POLICY, EmbeddedRedis, maxmemory_mb


@pytest.fixture
def small_redis(settings: Settings) -> Iterator[redis.Redis]:
    """serve's own redis-server, started as serve starts it, with an 8 MiB limit."""
    server = EmbeddedRedis(dataclasses.replace(settings, redis_url="", redis_maxmemory_mb=8))
    server.start()
    client = redis.Redis(unix_socket_path=str(server.socket), socket_timeout=5)
    try:
        yield client
    finally:
        client.close()
        server.stop()


def test_the_private_redis_refuses_writes_at_its_limit_and_evicts_nothing(small_redis: redis.Redis) -> None:
    assert small_redis.config_get("maxmemory") == {"maxmemory": str(8 * 2**20)}
    assert small_redis.config_get("maxmemory-policy") == {"maxmemory-policy": "noeviction"}
    # keys that expire are exactly the ones a volatile-* policy would drop: a sender limit's window, a link's use
    small_redis.hset(keys.am_window("so-1"), "29000000", 5)
    small_redis.expire(keys.am_window("so-1"), 3600)
    small_redis.set(keys.notify_token_used("t-1"), 1, ex=3600)
    small_redis.set(keys.quarantine_meta("m-1"), "{}")
    blob = b"x" * 100_000
    with pytest.raises(redis.ResponseError, match="maxmemory"):
        for n in range(1000):  # at most ~100 MB: far past the limit
            small_redis.set(f"filler:{n}", blob)
    assert small_redis.hget(keys.am_window("so-1"), "29000000") == b"5"
    assert small_redis.exists(keys.notify_token_used("t-1"), keys.quarantine_meta("m-1")) == 2
    assert small_redis.info("stats")["evicted_keys"] == 0


def test_the_automatic_limit_is_a_quarter_of_the_ram_within_bounds(settings: Settings) -> None:
    auto = maxmemory_mb(dataclasses.replace(settings, redis_maxmemory_mb=0))
    assert AUTO_MIN_MB <= auto <= AUTO_MAX_MB
    assert maxmemory_mb(dataclasses.replace(settings, redis_maxmemory_mb=100)) == 100
    assert MAXMEMORY_POLICY == "noeviction"
