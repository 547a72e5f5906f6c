"""/status reports Redis's memory: used, maxmemory and the policy at the limit (issue 14, item 13)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis

from tests.api.conftest import ApiEnv


@pytest.fixture
def limited(redis_client: redis.Redis) -> Iterator[redis.Redis]:
    """The test Redis with a maxmemory for one test (put back after)."""
    before = redis_client.config_get("maxmemory")["maxmemory"]
    redis_client.config_set("maxmemory", str(512 * 2**20))
    yield redis_client
    redis_client.config_set("maxmemory", before)
    redis_client.config_set("maxmemory-policy", "noeviction")


def _memory_component(r: object) -> dict:
    return next(c for c in r.json["components"] if c["name"] == "redis_memory")  # type: ignore[attr-defined]


def test_status_reports_redis_memory_and_flags_an_evicting_policy(api_env: ApiEnv, limited: redis.Redis) -> None:
    r = api_env.admin("GET", "/status")
    memory = r.json["redis_memory"]
    assert memory["max_bytes"] == 512 * 2**20 and memory["policy"] == "noeviction"
    assert 0 < memory["used_bytes"] < memory["max_bytes"]
    comp = _memory_component(r)
    assert comp["ok"] is True and "MiB used of 512 MiB (policy noeviction)" in comp["detail"]
    limited.config_set("maxmemory-policy", "volatile-lru")
    comp = _memory_component(api_env.admin("GET", "/status"))
    assert comp["ok"] is False and "eviction policy may drop quarantine and limit keys" in comp["detail"]
    limited.config_set("maxmemory-policy", "noeviction")
    limited.config_set("maxmemory", str(memory["used_bytes"] + 1024))  # nearly full: writes about to fail
    comp = _memory_component(api_env.admin("GET", "/status"))
    assert comp["ok"] is False and "near maxmemory" in comp["detail"]
