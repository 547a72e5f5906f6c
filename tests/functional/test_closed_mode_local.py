"""Issue 15 item 6 on a real private Exim and a real serve: in fail mode closed, a local submission (sendmail as a
local user, as PHP's mail() runs it) made while the scanner is down is accepted and kept frozen; once Mailward is
back, its frozen-queue job delivers the clean one, holds the spam one (removed from Exim's queue), and never
touches a frozen message it did not freeze.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from core.store.quarantine import QuarantineStore
from tests.cpanel_tree import make_cpanel_tree
from tests.functional.conftest import GTUBE, SystemUser, lab_dir, serve_quarantine, serve_toml
from workers.exim_lab import EximLab, build_message, free_port, missing_requirements, poll
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

RCPT = "friend@remote.test"
FROZEN_RE = re.compile(r"^\s*\S+\s+\S+\s+(\S+-\S+-\S+) .*\*\*\* frozen \*\*\*$", re.M)


def _exim(lab: EximLab, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([lab.exim, "-C", str(lab.conf), *args], capture_output=True, text=True, timeout=60,
                          check=False)


def _frozen(lab: EximLab) -> list[str]:
    return FROZEN_RE.findall(lab.queue_list())


def _held(store: QuarantineStore, account: str) -> list[tuple[str, list[str]]]:
    items, _ = store.list(account, limit=1000)
    return [(r.subject, list(r.recipients)) for r in items]


def test_local_mail_sent_while_the_scanner_is_down_waits_frozen_then_is_scanned(
        system_users: dict[str, SystemUser]) -> None:
    reason = missing_requirements()
    if reason:
        pytest.skip(reason)
    alice = system_users["mwt-alice"]
    base = Path(lab_dir("mailward-frozen-"))
    scan = f"127.0.0.1:{free_port()}"
    tree = make_cpanel_tree(base / "cpanel", {"mwt-alice": {"domain": "alice.example", "uid": alice.uid}})
    lab = EximLab(base / "lab", scan, "closed", defer_domains=("down.test",))
    lab.prepare()
    settings = {"scan.listen": json.dumps([scan]), "scan.timeout": "10.0", "workers.processes": "1",
                "workers.threads": "2", "cpanel.root": json.dumps(str(tree)), "fail_mode": '"closed"'}
    serve = ServeProcess(base / "state", serve_toml(settings), wrap=lab.namespace_argv())
    try:
        serve.start()
        lab.start()
        # Someone else's frozen message: scanned and queued while Mailward is up, then frozen by the admin.
        proc = lab.send_sendmail_as(alice.uid, build_message("user@alice.example", "x@down.test", "not ours"),
                                    ["x@down.test"])
        assert proc.returncode == 0, proc.stderr
        lab.wait_log("== x@down.test", timeout=30)
        (foreign,) = re.findall(r"^\s*\S+\s+\S+\s+(\S+-\S+-\S+) ", lab.queue_list(), re.M)
        assert _exim(lab, "-Mf", foreign).returncode == 0
        serve.stop()

        # The scanner is down, fail mode closed: PHP's mail() (sendmail as the account's uid) still succeeds.
        sent = {}
        for subject, body in (("clean while down", "Invoice attached.\n"), ("spam while down", f"{GTUBE}\n")):
            proc = lab.send_sendmail_as(alice.uid, build_message("user@alice.example", RCPT, subject, body), [RCPT])
            assert proc.returncode == 0, proc.stderr
            sent[subject] = re.findall(r"(\S+) <= \S+ .* T=\"" + subject, lab.mainlog())[-1]
        assert sorted(_frozen(lab)) == sorted([foreign, *sent.values()])
        assert lab.delivered() == []

        serve.start()  # the scanner is back: the job runs as serve starts
        store = serve_quarantine(serve)
        (clean,) = lab.wait_delivered(lambda d: d.subject == "clean while down", timeout=60)
        assert clean.headers("X-ImunifyEmail-Filter-Action") == []  # no verdict header from the frozen ACL pass
        poll(lambda: _held(store, "mwt-alice"), 60, "the spam held for mwt-alice")
        assert _held(store, "mwt-alice") == [("spam while down", [RCPT])]
        poll(lambda: sent["spam while down"] not in lab.queue_list(), 30, "the held message gone from Exim's queue")
        assert _frozen(lab) == [foreign]  # nothing of Mailward's left frozen; the other one untouched
        assert f"{foreign} unfrozen" not in lab.mainlog()
        log = serve.log()
        assert f"frozen submission queue_id={sent['clean while down']} account=mwt-alice" in log, log[-3000:]
        assert "thawed and delivered" in log and "held (id=" in log
        assert not [d for d in lab.delivered() if d.subject == "spam while down"]

        # exactly once: another run (a restart runs one at once) changes nothing more
        serve.stop()
        serve.start()
        poll(lambda: "frozen queue: released=0 held=0 rejected=0 still_frozen=0 not_ours=1" in serve.log(), 30,
             "a second frozen-queue run")
        assert _held(store, "mwt-alice") == [("spam while down", [RCPT])]
        assert len([d for d in lab.delivered() if d.subject == "clean while down"]) == 1
        assert _frozen(lab) == [foreign]
    finally:
        lab.stop()
        serve.stop()
        shutil.rmtree(base, ignore_errors=True)
