"""Retention through a real `mailward serve`: the supervisor sends the job, a worker deletes old mail."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from core import keys
from core.errors import NotFound
from core.models import QuarantineRecord
from core.store.spool import SpoolStore
from tests.functional.conftest import SocketApi, serve_quarantine, serve_redis
from tests.functional.test_serve import _toml
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

DAY = 86400.0


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[ServeProcess]:
    state = tmp_path / "state"
    proc = ServeProcess(state, _toml(state, **{"quarantine.max_age_days": "2",
                                                "quarantine.retention_interval_s": "1"}))
    proc.start()
    yield proc
    proc.stop()


def _hold(serve: ServeProcess, account: str, received: float) -> str:
    spool = SpoolStore(serve.state_dir / "spool")
    sid = spool.write(b"Subject: old\r\n\r\nheld long ago\r\n")
    rec = QuarantineRecord(email_id=str(uuid.uuid4()), account=account, received=received, sender="a@x.example",
                           recipients=["b@y.example"], subject="old", reasons=["spam"], score=9.0,
                           symbols=["GTUBE"], size=0)
    serve_quarantine(serve).hold(spool.path(sid), rec)
    return rec.email_id


def test_serve_expires_old_mail_and_counts_it(serve: ServeProcess) -> None:
    store = serve_quarantine(serve)
    old = _hold(serve, "alice", time.time() - 3 * DAY)
    young = _hold(serve, "alice", time.time() - 1 * DAY)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            store.get(old)
        except NotFound:
            break
        time.sleep(0.2)
    else:
        pytest.fail(f"the old message was not expired within 30 s; log:\n{serve.log()[-3000:]}")
    assert store.get(young).email_id == young
    assert not list((serve.state_dir / "quarantine" / "alice").glob(f"{old}.*"))
    assert serve_redis(serve).exists(keys.retention_lock())
    reply = SocketApi(serve.info["api_socket"]).get("/api/v1/accounts/alice")
    assert reply.status == 200, reply.text
    assert reply.json["expired_last_day"] == 1 and reply.json["messages"] == 1
    deadline = time.monotonic() + 10
    while "retention account=alice removed=1" not in serve.log() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "retention account=alice removed=1" in serve.log()
