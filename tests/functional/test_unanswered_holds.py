"""Issue 15 gap 1 on the real processes: a hold whose gateway died before answering Exim is withdrawn.

A private Exim (fail mode open) scans through a real `mailward serve`. The serve process (the gateway's threads) is
SIGSTOPped after it queued a GTUBE scan; the worker (a separate process) then commits and holds it; the whole serve
tree is SIGKILLed, so Exim gets no answer and its fail mode delivers the message. The serve restarted on the same
state dir must withdraw that hold (nothing is both delivered and held), while a hold answered normally before the
crash stays held.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from core import keys
from core.quarantine.unanswered_holds import WHY
from tests.functional.conftest import serve_quarantine, serve_redis, serve_toml, spam_message
from workers.actors import SCAN_QUEUE
from workers.broker import NAMESPACE
from workers.exim_lab import EximLab, SmtpResult, free_port, poll
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

SENDER = "alice@example.com"
RCPT = "bob@lab.mailward.test"
#: The serve's scan deadline and grace: the sweep withdraws an unanswered hold 3 + 1 + 10 s after it was made.
SETTINGS = {"scan.timeout": "3.0", "scan.commit_grace": "1.0", "workers.processes": "1", "workers.threads": "1"}


def _held_subjects(serve: ServeProcess) -> list[str]:
    return sorted(r.subject for r in serve_quarantine(serve).list(None)[0])


def test_a_hold_the_dead_gateway_never_answered_is_withdrawn_and_delivered_once(
        tmp_path: Path, exim_lab: Callable[..., EximLab]) -> None:
    scan = f"127.0.0.1:{free_port()}"
    state = tmp_path / "state"
    toml = serve_toml({**SETTINGS, "scan.listen": json.dumps([scan])})
    first = ServeProcess(state, toml)
    second = ServeProcess(state, toml)
    lab = exim_lab(scan, "open", timeout=30)
    stopped: list[int] = []
    try:
        first.start()
        # Control: a hold answered normally (Exim discards its copy) must survive every sweep.
        res = lab.send_smtp_auth(SENDER, RCPT, spam_message(SENDER, [RCPT], "answered hold"))
        assert res.data_code == 250, res.transcript
        poll(lambda: _held_subjects(first) == ["answered hold"], 20, "the answered hold")

        (worker,) = first.worker_pids()
        os.kill(worker, signal.SIGSTOP)  # the scan waits in Redis until the gateway is stopped
        stopped.append(worker)
        out: list[SmtpResult] = []
        sender = threading.Thread(target=lambda: out.append(
            lab.send_smtp_auth(SENDER, RCPT, spam_message(SENDER, [RCPT], "unanswered hold"))))
        sender.start()
        client = serve_redis(first)
        poll(lambda: client.hlen(f"{NAMESPACE}:{SCAN_QUEUE}.msgs") >= 1, 20, "the scan queued by the gateway")
        assert first.proc is not None
        os.kill(first.proc.pid, signal.SIGSTOP)  # the gateway can no longer answer
        stopped.append(first.proc.pid)
        os.kill(worker, signal.SIGCONT)  # the worker takes the claim, commits and holds
        poll(lambda: "unanswered hold" in _held_subjects(first), 20, "the worker's hold")
        os.killpg(first.proc.pid, signal.SIGKILL)  # the whole tree; Exim sees the connection break
        stopped.clear()
        sender.join(60)
        (res,) = out
        assert res.data_code == 250, res.transcript  # Exim's fail mode (open) accepted it
        first.stop()

        second.start()  # same state dir: its sweep finds the hold nobody answered
        poll(lambda: _held_subjects(second) == ["answered hold"], 60, "the unanswered hold withdrawn")
        log = second.log()
        assert log.count(WHY) == 1, log[-3000:]
        (got,) = lab.wait_delivered(lambda d: d.subject == "unanswered hold", timeout=30)
        assert got.headers("X-ImunifyEmail-Filter-Action") == ["unscanned"]
        lab.wait_queue_empty(30)
        assert [d.subject for d in lab.delivered()].count("unanswered hold") == 1  # delivered exactly once
        assert [d.subject for d in lab.delivered()].count("answered hold") == 0
        events = [json.loads(f[b"d"]) for _, f in serve_redis(second).xrange(keys.events())
                  if f[b"t"] == b"email.deleted"]
        assert [e["why"] for e in events] == [WHY]
        assert serve_redis(second).zcard(keys.answers_pending()) == 0
    finally:
        for pid in stopped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        first.stop()
        second.stop()

