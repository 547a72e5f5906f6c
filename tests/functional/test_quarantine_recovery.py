"""A held message is never invisible: a hold killed before its index write is listed after a `serve` restart."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.models import QuarantineRecord
from tests.functional.conftest import SocketApi
from tests.functional.test_serve import _toml
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]

# Runs a real QuarantineStore.hold against serve's Redis whose index write never returns (as a worker stalled
# there), says so, and waits to be SIGKILLed: the disk is then exactly what a worker killed mid-hold leaves.
_KILLED_HOLD = """
import json, sys, time
from pathlib import Path
import redis
from core.models import QuarantineRecord
from core.store.quarantine import QuarantineStore
root, sock, spool, ready, record = sys.argv[1:6]
store = QuarantineStore(Path(root), redis.Redis(unix_socket_path=sock), default_limit_bytes=10**8,
                        default_releases_limit=5)
def stalled(*args, **kwargs):
    Path(ready).write_text("placed")
    time.sleep(3600)
store._index = stalled
store.hold(Path(spool), QuarantineRecord.from_dict(json.loads(record)))
"""


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[ServeProcess]:
    state = tmp_path / "state"
    proc = ServeProcess(state, _toml(state))
    proc.start()
    yield proc
    proc.stop()


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"the hold exited with {proc.returncode}: {proc.stderr.read() if proc.stderr else ''}")
        if time.monotonic() > deadline:
            raise AssertionError(f"the hold did not reach its index write within {timeout:g}s")
        time.sleep(0.05)


def _kill_mid_hold(serve: ServeProcess, tmp_path: Path, record: QuarantineRecord, body: bytes) -> None:
    spool = tmp_path / "spooled.eml"
    spool.write_bytes(body)
    ready = tmp_path / "placed"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_HOLD, str(serve.state_dir / "quarantine"),
         str(serve.state_dir / "redis" / "redis.sock"), str(spool), str(ready), json.dumps(record.to_dict())],
        env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(ready, proc)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        if proc.stderr:
            proc.stderr.close()


def _get(api: SocketApi, email_id: str, timeout: float = 20.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        reply = api.get(f"/emails/{email_id}")
        if reply.status == 200:
            return reply.json
        if time.monotonic() > deadline:
            raise AssertionError(f"{email_id} is not listed: {reply.status} {reply.text}")
        time.sleep(0.2)


def test_holds_left_unindexed_are_listed_after_a_serve_restart(serve: ServeProcess, tmp_path: Path) -> None:
    record = QuarantineRecord(email_id=str(uuid.uuid4()), account="alice", received=time.time(),
                              sender="invoice@alice.example", recipients=["victim@dest.example"],
                              subject="Your invoice", reasons=["virus"], score=20.0, symbols=["EICAR"], size=0)
    _kill_mid_hold(serve, tmp_path, record, b"From: <invoice@alice.example>\r\nSubject: Your invoice\r\n\r\nhi\r\n")
    bare = str(uuid.uuid4())  # a held file with no metadata at all
    (serve.state_dir / "quarantine" / "bob").mkdir(parents=True, exist_ok=True)
    (serve.state_dir / "quarantine" / "bob" / f"{bare}.eml").write_bytes(
        b"From: Deals <deals@spam.example>\r\nSubject: Cheap watches\r\n\r\nbuy now\r\n")
    api = SocketApi(serve.info["api_socket"])
    assert api.get(f"/emails/{record.email_id}").status == 404  # on disk, yet invisible until the sweep

    serve.stop()
    serve.start()
    api = SocketApi(serve.info["api_socket"])
    got = _get(api, record.email_id)
    assert (got["account_name"], got["subject"], got["reasons"], got["sender"]) == (
        "alice", "Your invoice", ["virus"], "invoice@alice.example")
    got = _get(api, bare)
    assert (got["account_name"], got["subject"], got["reasons"]) == ("bob", "Cheap watches", ["recovered"])
    listed = api.get("/emails?account=alice")
    assert listed.status == 200, listed.text
    assert record.email_id in listed.text
    assert "recovered 2 held message(s)" in serve.log()
