"""/health answers 503 (same JSON shape) when degraded: Redis down, no live worker, the state dir nearly full."""

from __future__ import annotations

import dataclasses
import socket
import time

import redis
from flask import Flask

from api.app import create_app
from core import keys
from core.identity.caller import admin
from core.settings import Settings
from tests.api.conftest import StubReinjector
from tests.cpanel_tree import memory_accounts


def _app(settings: Settings, client: redis.Redis | None = None) -> Flask:
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    return create_app(settings, identify=lambda environ: admin(0), reinjector=StubReinjector(),
                      accounts=memory_accounts({}), client=client)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _live_worker(client: redis.Redis) -> None:
    client.zadd(keys.worker_heartbeats(), {"host:1": time.time()})


def _shape(body: dict) -> None:
    assert set(body) == {"status", "version", "components"}
    assert all(set(c) == {"name", "ok", "detail"} for c in body["components"])


def test_healthy_is_200(settings: Settings, redis_client: redis.Redis) -> None:
    _live_worker(redis_client)
    r = _app(settings, redis_client).test_client().get("/api/v1/health")
    assert r.status_code == 200, r.json
    _shape(r.json)
    assert r.json["status"] == "ok"
    assert [c["name"] for c in r.json["components"]] == ["redis", "workers", "state_disk"]


def test_redis_down_is_503_with_the_same_shape(settings: Settings) -> None:
    down = dataclasses.replace(settings, redis_url=f"redis://127.0.0.1:{_closed_port()}/0")
    r = _app(down).test_client().get("/api/v1/health")
    assert r.status_code == 503
    _shape(r.json)
    comps = {c["name"]: c for c in r.json["components"]}
    assert r.json["status"] == "degraded" and comps["redis"]["ok"] is False
    assert comps["state_disk"]["ok"] is True  # the disk is still reported while Redis is down


def test_no_live_worker_is_503(settings: Settings, redis_client: redis.Redis) -> None:
    r = _app(settings, redis_client).test_client().get("/api/v1/health")
    assert r.status_code == 503 and r.json["status"] == "degraded"


def test_state_dir_nearly_full_is_503_and_says_how_to_check(settings: Settings, redis_client: redis.Redis) -> None:
    _live_worker(redis_client)
    # "nearly full" simulated by the threshold: no real filesystem has 100% free
    full = dataclasses.replace(settings, state_min_free_percent=100.0)
    r = _app(full, redis_client).test_client().get("/api/v1/health")
    assert r.status_code == 503
    _shape(r.json)
    (disk,) = [c for c in r.json["components"] if c["name"] == "state_disk"]
    assert disk["ok"] is False and "nearly full" in disk["detail"] and f"df -h {settings.state_dir}" in disk["detail"]
    # an absolute floor too: more MiB than any test disk has
    r = _app(dataclasses.replace(settings, state_min_free_mb=2**40), redis_client).test_client().get("/api/v1/health")
    assert r.status_code == 503


def test_status_reports_state_dir_room_and_stays_200(settings: Settings, redis_client: redis.Redis) -> None:
    _live_worker(redis_client)
    client = _app(dataclasses.replace(settings, state_min_free_percent=100.0), redis_client).test_client()
    r = client.get("/api/v1/status", headers={"X-Mailward-Client": "pytest"})
    assert r.status_code == 200 and r.json["status"] == "degraded"  # /status describes; /health is the probe
    (disk,) = [c for c in r.json["components"] if c["name"] == "state_disk"]
    assert disk["ok"] is False and "MiB free" in disk["detail"]


def test_state_dir_missing_is_not_ok(settings: Settings, redis_client: redis.Redis) -> None:
    _live_worker(redis_client)
    app = _app(settings, redis_client)
    settings.state_dir.rmdir()
    r = app.test_client().get("/api/v1/health")
    assert r.status_code == 503
    (disk,) = [c for c in r.json["components"] if c["name"] == "state_disk"]
    assert disk["ok"] is False and str(settings.state_dir) in disk["detail"]
