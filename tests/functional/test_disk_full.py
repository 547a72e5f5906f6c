"""Issue 15 item 4 on a real full disk: `mailward serve`'s state directory on a small tmpfs, filled to ENOSPC.

Clean mail is still scanned and accepted (its body travels through Redis), spam is deferred (451: its hold cannot
be written) and never delivered, no spool file or Redis body is left; once space is back everything is as usual.
Redis runs outside the state directory (a full disk stops a Redis whose append-only file lives on it).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import redis

from core import keys
from core.models import Action, Envelope
from tests.functional.conftest import spam_message
from tests.redis_server import RedisServer
from tests.tiny_fs import TinyFs, cannot_mount
from workers.exim_lab import EximLab, build_message
from workers.scan_client import check_legacy
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

SENDER = "alice@example.com"
RCPT = "bob@lab.mailward.test"


def _env(n: int) -> Envelope:
    return Envelope(sender=SENDER, recipients=[RCPT], user=SENDER, ip="192.0.2.1", queue_id=f"1rFULL-{n:06d}-AA")


def _clean(subject: str) -> bytes:
    return build_message(SENDER, RCPT, subject, "Hello Bob, the minutes of today's call are on the wiki.\n")


def _leftovers(state: Path, client: redis.Redis) -> dict[str, list[str]]:
    return {"spool": sorted(p.name for p in (state / "spool").glob("*.eml")),
            "redis bodies": sorted(k.decode() for k in client.scan_iter(match=keys.scan_body("*"))),
            "quarantine files": sorted(p.name for p in (state / "quarantine").rglob("*") if p.is_file())}


def test_a_full_state_directory_still_filters_and_leaves_nothing_behind(
        tmp_path: Path, redis_server: RedisServer, redis_client: redis.Redis,
        exim_lab: Callable[..., EximLab]) -> None:
    why = cannot_mount()
    if why:
        pytest.skip(why)
    state = tmp_path / "state"
    fs = TinyFs(state, size_kib=2048).mount()
    serve = ServeProcess(state, f'redis_url = {json.dumps(redis_server.url)}\n'
                                '[scan]\nlisten = ["127.0.0.1:0"]\ntimeout = 4.0\ncommit_grace = 2.0\n'
                                '[workers]\nprocesses = 1\nthreads = 2\n')
    try:
        serve.start()
        lab = exim_lab(serve.tcp, "open", timeout=10)
        fs.fill()
        assert fs.free_bytes() == 0

        # as Exim asks: clean scanned and accepted, spam deferred (its hold cannot be written), never unscanned
        assert check_legacy(serve.tcp, _clean("full clean 1"), _env(1)).action == Action.ACCEPT
        assert check_legacy(serve.tcp, spam_message(SENDER, [RCPT], "full spam 1"), _env(2)).action == Action.DEFER
        # through Exim: SMTP AUTH
        res = lab.send_smtp_auth(SENDER, RCPT, _clean("full clean 2"))
        assert res.data_code == 250, res.transcript
        (got,) = lab.wait_delivered(lambda d: d.subject == "full clean 2")
        assert got.headers("X-ImunifyEmail-Filter-Action") != ["unscanned"]
        res = lab.send_smtp_auth(SENDER, RCPT, spam_message(SENDER, [RCPT], "full spam 2"))
        assert res.data_code == 451, res.transcript
        log = serve.log()
        assert log.count("goes through Redis for its scan") >= 4, log
        assert "could not hold the message" in log
        assert _leftovers(state, redis_client) == {"spool": [], "redis bodies": [], "quarantine files": []}

        fs.free()  # space is back: the spool takes mail again, spam is held
        assert check_legacy(serve.tcp, _clean("freed clean 1"), _env(3)).action == Action.ACCEPT
        assert check_legacy(serve.tcp, spam_message(SENDER, [RCPT], "freed spam 1"),
                            _env(4)).action == Action.QUARANTINE
        res = lab.send_smtp_auth(SENDER, RCPT, spam_message(SENDER, [RCPT], "freed spam 2"))
        assert res.data_code == 250, res.transcript
        res = lab.send_smtp_auth(SENDER, RCPT, _clean("freed clean 2"))
        assert res.data_code == 250, res.transcript
        lab.wait_delivered(lambda d: d.subject == "freed clean 2")
        lab.wait_queue_empty()
        assert sorted(d.subject for d in lab.delivered()) == ["freed clean 2", "full clean 2"]
        assert serve.log().count("goes through Redis for its scan") == log.count("goes through Redis for its scan")
        held = _leftovers(state, redis_client)
        assert held["spool"] == [] and held["redis bodies"] == []
        assert len([f for f in held["quarantine files"] if f.endswith(".eml")]) == 2
        assert redis_client.zcard(keys.quarantine_all()) == 2
    finally:
        serve.stop()
        fs.unmount()
        os.sync()
