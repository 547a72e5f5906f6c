"""Issue 15 gap 3 on a real full disk: `mailward serve`'s private Redis, whose append-only file lives in the state
directory, keeps taking writes when that disk fills up, because serve releases the space reserved for it.

Without the reserve, Redis answers MISCONF to every write once it cannot append, and every scan follows fail_mode
(open: delivered unscanned) until space comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import redis

from core.models import Action, Envelope
from tests.functional.conftest import serve_redis, serve_toml, spam_message
from tests.tiny_fs import TinyFs, cannot_mount
from workers.embedded_redis import BALLAST
from workers.exim_lab import EximLab, build_message, poll
from workers.scan_client import check_legacy
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

SENDER = "alice@example.com"
RCPT = "bob@lab.mailward.test"


def _env(n: int) -> Envelope:
    return Envelope(sender=SENDER, recipients=[RCPT], user=SENDER, ip="192.0.2.1", queue_id=f"1rBALL-{n:06d}-AA")


def _clean(subject: str) -> bytes:
    return build_message(SENDER, RCPT, subject, "Hello Bob, the minutes of today's call are on the wiki.\n")


def _writable(client: redis.Redis) -> bool:
    try:
        return bool(client.set("mw:test:probe", "1"))
    except redis.ResponseError as exc:  # MISCONF: Redis cannot append to its append-only file
        assert "MISCONF" in str(exc), exc
        return False


def test_the_private_redis_keeps_writing_on_a_full_state_disk(
        tmp_path: Path, exim_lab: Callable[..., EximLab]) -> None:
    why = cannot_mount()
    if why:
        pytest.skip(why)
    state = tmp_path / "state"
    fs = TinyFs(state, size_kib=16384).mount()
    serve = ServeProcess(state, serve_toml({
        "redis_ballast_mb": "2", "scan.listen": '["127.0.0.1:0"]', "scan.timeout": "4.0",
        "scan.commit_grace": "2.0", "workers.processes": "1", "workers.threads": "2"}))
    ballast = state / "redis" / BALLAST
    try:
        serve.start()
        assert ballast.stat().st_blocks * 512 >= 2 * 2**20  # allocated, not a sparse file
        lab = exim_lab(serve.tcp, "open", timeout=20)
        client = serve_redis(serve)

        fs.fill()  # the state disk is full: Redis's next append fails
        poll(lambda: not ballast.exists(), 20, "serve to release the reserve")
        assert "released the 2 MiB reserved for the private Redis" in serve.log()
        poll(lambda: _writable(client), 20, "Redis to take writes again")

        assert check_legacy(serve.tcp, _clean("full clean 1"), _env(1)).action == Action.ACCEPT  # scanned
        assert check_legacy(serve.tcp, spam_message(SENDER, [RCPT], "full spam 1"),
                            _env(2)).action in (Action.QUARANTINE, Action.DEFER)  # never delivered unscanned
        res = lab.send_smtp_auth(SENDER, RCPT, _clean("full clean 2"))
        assert res.data_code == 250, res.transcript
        (got,) = lab.wait_delivered(lambda d: d.subject == "full clean 2")
        assert got.headers("X-ImunifyEmail-Filter-Action") != ["unscanned"]
        assert "fail_mode_open" not in serve.log()

        fs.free()  # space is back: the reserve is made again
        poll(ballast.exists, 20, "the reserve made again")
        assert "reserved 2 MiB on the state disk" in serve.log()
    finally:
        serve.stop()
        fs.unmount()
