"""Fixtures shared by every test package: a real Redis and settings pointing at temp dirs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from core.settings import Settings, load_settings
from tests.redis_server import RedisServer


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """One real redis-server for the whole session."""
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_client(redis_server: RedisServer) -> Iterator[redis.Redis]:
    """A client on the session's Redis, emptied before each test."""
    client = redis_server.client()
    client.flushall()
    yield client
    client.close()


@pytest.fixture
def settings(tmp_path: Path, redis_server: RedisServer) -> Settings:
    """Settings with the state dir in tmp_path and Redis on the test server."""
    return load_settings(environ={"MAILWARD_STATE_DIR": str(tmp_path / "state"),
                                  "MAILWARD_REDIS_URL": redis_server.url})
