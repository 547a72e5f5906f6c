"""Issue 15 item 4 / defect (e) on the real processes: a dead gateway's spool files are removed when `serve` starts,
and /health answers 503 when degraded. (What a local `sendmail` gets in fail-closed mode is item 6's:
tests/functional/test_closed_mode_local.py.)"""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path

import pytest

from tests.cpanel_tree import make_cpanel_tree
from tests.functional.conftest import SocketApi
from workers.exim_lab import poll
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]


def _serve(tmp_path: Path, *, processes: int, extra: str = "") -> ServeProcess:
    cpanel = make_cpanel_tree(tmp_path / "cpanel", {"shopuser": "example.com"})
    toml = (f'{extra}\n[scan]\nlisten = ["127.0.0.1:0"]\ntimeout = 5.0\n'
            f'[workers]\nprocesses = {processes}\nthreads = 2\n[cpanel]\nroot = "{cpanel}"\n')
    return ServeProcess(tmp_path / "state", toml)


def test_serve_start_removes_a_dead_gateways_spool_files(tmp_path: Path) -> None:
    serve = _serve(tmp_path, processes=1)
    spool = serve.state_dir / "spool"
    spool.mkdir(parents=True, mode=0o700)
    # what a killed gateway leaves: files of every age, some written just before it died
    left = []
    for age in (3600.0, 120.0, 1.0):
        path = spool / f"{uuid.uuid4()}.eml"
        path.write_bytes(b"Subject: left behind\r\n\r\nbody\r\n")
        os.utime(path, (time.time() - age, time.time() - age))
        left.append(path)
    try:
        serve.start()
        assert not any(p.exists() for p in left), sorted(p.name for p in spool.iterdir())
        assert "spool sweep removed=3" in serve.log()
    finally:
        serve.stop()


def test_health_is_200_on_a_healthy_serve(tmp_path: Path) -> None:
    serve = _serve(tmp_path, processes=1)
    try:
        serve.start()
        api = SocketApi(serve.info["api_socket"])
        poll(lambda: api.get("/health").status == 200, 30, "/health 200 once a worker beats")
        body = json.loads(api.get("/health").text)
        assert body["status"] == "ok" and [c["name"] for c in body["components"]] == ["redis", "workers",
                                                                                      "state_disk"]
    finally:
        serve.stop()


def test_health_is_503_when_the_state_dir_is_nearly_full(tmp_path: Path) -> None:
    # "nearly full" by the threshold (no real disk has 100% free); serve must still start and answer
    serve = _serve(tmp_path, processes=1, extra="state_min_free_percent = 100")
    try:
        serve.start()
        api = SocketApi(serve.info["api_socket"])
        reply = api.get("/health")
        assert reply.status == 503, reply.text
        body = json.loads(reply.text)
        assert set(body) == {"status", "version", "components"} and body["status"] == "degraded"
        (disk,) = [c for c in body["components"] if c["name"] == "state_disk"]
        assert disk["ok"] is False and "nearly full" in disk["detail"]
        status = api.get("/status")
        assert status.status == 200 and "state_disk" in status.text
    finally:
        serve.stop()
