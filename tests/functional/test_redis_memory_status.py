"""`mailward serve`'s private Redis runs with maxmemory and noeviction, and /status reports its memory."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.net import unix_http
from tests.functional.conftest import serve_redis
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[ServeProcess]:
    state = tmp_path / "state"
    toml = (f'redis_maxmemory_mb = 48\n[scan]\nlisten = ["{state}/scan.sock"]\n'
            "[workers]\nprocesses = 1\nthreads = 1\n")
    proc = ServeProcess(state, toml)
    proc.start()
    yield proc
    proc.stop()


def _status(serve: ServeProcess) -> dict:
    code, body = unix_http.get(serve.state_dir / "api.sock", "/api/v1/status", timeout=10)
    assert code == 200, body
    return json.loads(body)


def test_status_reports_the_private_redis_memory_limit_and_policy(serve: ServeProcess) -> None:
    client = serve_redis(serve)
    try:
        assert client.config_get("maxmemory") == {"maxmemory": str(48 * 2**20)}
        assert client.config_get("maxmemory-policy") == {"maxmemory-policy": "noeviction"}
    finally:
        client.close()
    deadline = time.monotonic() + 30
    while True:  # the API answers as soon as serve is ready; poll in case its first Redis call is slow
        status = _status(serve)
        if status["redis_memory"] is not None:
            break
        assert time.monotonic() < deadline, status
        time.sleep(0.1)
    memory = status["redis_memory"]
    assert memory["max_bytes"] == 48 * 2**20 and memory["policy"] == "noeviction"
    assert 0 < memory["used_bytes"] < memory["max_bytes"]
    component = next(c for c in status["components"] if c["name"] == "redis_memory")
    assert component["ok"] is True and "of 48 MiB (policy noeviction)" in component["detail"]
