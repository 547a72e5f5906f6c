"""Issue 14 item 8, the forwarded part, on a real private Exim and a real serve: inbound mail that a local alias
forwards to a remote address is scanned as the forwarding account's outgoing mail before that copy leaves.

The lab's "remote" host is 127.0.0.2; its remote domains are delivered into the lab's one mailbox, each delivery
naming its recipient in X-Lab-Rcpt, so the forwarded copy and the local copy of one message can be told apart.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.store.quarantine import QuarantineStore
from tests.cpanel_tree import make_cpanel_tree
from tests.functional.conftest import GTUBE, SystemUser, lab_dir, serve_quarantine, serve_redis, serve_toml
from workers.exim_hook import QUERY_SOCKET_NAME
from workers.exim_lab import EXIM_BINARY, Delivered, EximLab, build_message, free_port, missing_requirements, poll
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

LAB = "lab.mailward.test"
ALICE_DOMAIN = "alice.example"
DOWN = "down.example"  # a local domain whose delivery always defers: its message stays in the queue
REMOTE_SENDER = "news@sender.test"
ALIASES = {"info": f"out@remote.test, keep@{LAB}", "later": "slow@down.test"}


@contextlib.contextmanager
def forward_stack(fail_mode: str, *, serve_up: bool = True) -> Iterator[tuple[ServeProcess, EximLab]]:
    """A lab Exim whose alias info@alice.example forwards out (and keeps a local copy), and a serve that sees the
    lab's config as the system one (so its `exim -Mvh` reads the lab's spool); alice.example is mwt-alice's."""
    reason = missing_requirements()
    if reason:
        pytest.skip(reason)
    base = Path(lab_dir("mailward-fwd-"))
    state = base / "state"
    scan = f"127.0.0.1:{free_port()}"
    tree = make_cpanel_tree(base / "cpanel", {"mwt-alice": {"domain": ALICE_DOMAIN, "uid": 40001}})
    lab = EximLab(base / "lab", scan, fail_mode, local_domains=(LAB, ALICE_DOMAIN, DOWN), aliases=ALIASES,
                  defer_domains=("down.test", DOWN), query_socket=str(state / QUERY_SOCKET_NAME))
    lab.prepare()  # serve's namespace binds the config file: it must exist first
    settings = {"scan.listen": json.dumps([scan]), "scan.timeout": "10.0", "workers.processes": "1",
                "workers.threads": "2", "cpanel.root": json.dumps(str(tree)), "fail_mode": json.dumps(fail_mode)}
    serve = ServeProcess(state, serve_toml(settings), wrap=lab.namespace_argv())
    try:
        if serve_up:
            serve.start()
        lab.start()
        yield serve, lab
    finally:
        lab.stop()
        serve.stop()
        shutil.rmtree(base, ignore_errors=True)


def _to(lab: EximLab, rcpt: str, subject: str) -> list[Delivered]:
    return [d for d in lab.delivered() if d.subject == subject and d.headers("X-Lab-Rcpt") == [rcpt]]


def _send_in(lab: EximLab, rcpts: list[str], subject: str, body: str) -> str:
    """Mail from the lab's remote host, unauthenticated, to local addresses (inbound); its Exim id."""
    r = lab.send_smtp_auth(REMOTE_SENDER, rcpts, subject=subject, body=body, auth="", remote=True)
    assert r.data_code == 250, r.transcript
    return r.queue_id


def _held(store: QuarantineStore, account: str) -> list[tuple[str, list[str]]]:
    items, _ = store.list(account, limit=1000)
    return [(r.subject, list(r.recipients)) for r in items]


def _scans(serve: ServeProcess, qid: str) -> int:
    return serve.log().count(f"mailward.scan: scan queue_id={qid} ")


def _exim(lab: EximLab, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([lab.exim, "-C", str(lab.conf), *args], capture_output=True, text=True, timeout=60,
                          check=False)


def test_a_forwarded_copy_is_scanned_for_the_forwarding_account(system_users: dict[str, SystemUser]) -> None:
    with forward_stack("open") as (serve, lab):
        store = serve_quarantine(serve)
        clean = _send_in(lab, [f"info@{ALICE_DOMAIN}"], "clean forward", "Lunch at noon?\n")
        poll(lambda: _to(lab, "out@remote.test", "clean forward") and _to(lab, f"keep@{LAB}", "clean forward"),
             30, "the forwarded and the local copy")
        log = serve.log()
        assert (f"forwarded copy queue_id={clean} rcpt=out@remote.test by=info@{ALICE_DOMAIN} account=mwt-alice "
                "verdict=") in log, log[-3000:]
        assert f"scan queue_id={clean} account=mwt-alice sender={REMOTE_SENDER} rcpts=1 " in log
        assert "how=forwarded" in log

        spam = _send_in(lab, [f"info@{ALICE_DOMAIN}"], "spam forward", f"{GTUBE}\n")
        poll(lambda: _to(lab, f"keep@{LAB}", "spam forward"), 30, "the local copy of the spam")  # delivered as is
        lab.wait_log(f"{spam} Completed", timeout=30)
        assert f"{spam} => :blackhole: <out@remote.test> R=mailward_forwarded" in lab.mainlog()
        assert _to(lab, "out@remote.test", "spam forward") == []  # the forwarded copy never left
        assert _held(store, "mwt-alice") == [("spam forward", ["out@remote.test"])]  # only the forwarded recipient
        assert store.list(None)[1] == 1  # one held copy in all, the forwarding account's (none under root)

        # Exim's test modes, by a local user, reach nothing of this: no routing for real, no query, no scan
        client = serve_redis(serve)
        before = (set(client.scan_iter("mw:*", count=1000)), serve.log().count("forwarded copy "))
        nobody = system_users["mwt-stranger"]
        as_user = [*lab.namespace_argv(), "setpriv", f"--reuid={nobody.uid}", f"--regid={nobody.gid}",
                   "--clear-groups", "--reset-env", "--"]
        msg = build_message(REMOTE_SENDER, f"info@{ALICE_DOMAIN}", subject="planted", body=f"{GTUBE}\n")
        session = (f"EHLO x.test\r\nMAIL FROM:<{REMOTE_SENDER}>\r\nRCPT TO:<info@{ALICE_DOMAIN}>\r\nDATA\r\n"
                   ).encode() + msg + b"\r\n.\r\nQUIT\r\n"
        bh = subprocess.run([*as_user, EXIM_BINARY, "-bh", "127.0.0.2"], input=session, capture_output=True,
                            timeout=60, check=False)
        assert b"250 OK id=" in bh.stdout, bh.stdout + bh.stderr
        bt = subprocess.run([*as_user, EXIM_BINARY, "-bt", f"info@{ALICE_DOMAIN}"], capture_output=True,
                            timeout=60, check=False)
        assert b"out@remote.test" in bt.stdout, bt.stdout + bt.stderr  # the alias expanded, the router skipped
        # nor can a local user ask the query socket itself (only Exim's users and root may)
        ask = ("import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); "
               "s.sendall(sys.argv[2].encode()); s.shutdown(socket.SHUT_WR); print(repr(s.recv(200)))")
        query = f"FORWARDED\nId: {spam}\nRcpt: x@evil.test\nParent: info@{ALICE_DOMAIN}\n"
        asked = subprocess.run([*as_user[len(lab.namespace_argv()):], sys.executable, "-I", "-c", ask,
                                str(serve.state_dir / QUERY_SOCKET_NAME), query], capture_output=True, text=True,
                               timeout=60, check=False)
        assert "mailward-forward" not in asked.stdout + asked.stderr, asked
        assert "exim query socket: refused uid=" in serve.log()
        assert (set(client.scan_iter("mw:*", count=1000)), serve.log().count("forwarded copy ")) == before
        assert _held(store, "mwt-alice") == [("spam forward", ["out@remote.test"])]
        client.close()

        # Mailward down, fail mode open: the forwarded copy goes out, as unscanned mail does
        serve.stop()
        _send_in(lab, [f"info@{ALICE_DOMAIN}"], "open and down", "Agenda attached.\n")
        poll(lambda: _to(lab, "out@remote.test", "open and down") and _to(lab, f"keep@{LAB}", "open and down"),
             30, "both copies while Mailward is down")


def test_each_forwarded_copy_has_one_outcome_however_often_it_is_routed() -> None:
    with forward_stack("open") as (serve, lab):
        store = serve_quarantine(serve)
        # a clean copy whose remote host is down: routed again at every retry, scanned once
        clean = _send_in(lab, [f"later@{ALICE_DOMAIN}"], "retried forward", "Minutes attached.\n")
        lab.wait_log(f"{clean} == slow@down.test", timeout=30)
        for _ in range(2):
            proc = _exim(lab, "-M", clean)  # a delivery attempt now, as a queue run would make
            assert proc.returncode == 0, proc.stderr
        log = serve.log()
        assert log.count(f"forwarded copy queue_id={clean} rcpt=slow@down.test by=later@{ALICE_DOMAIN} "
                         "outcome=deliver (already decided)") == 2, log[-3000:]
        assert _scans(serve, clean) == 1
        # a held copy: asking again about it (a router run again after a crash) answers the hold, holds nothing more
        spam = _send_in(lab, [f"info@{ALICE_DOMAIN}", f"x@{DOWN}"], "held once", f"{GTUBE}\n")
        lab.wait_log(f"{spam} => :blackhole: <out@remote.test> R=mailward_forwarded", timeout=30)
        assert spam in lab.queue_list()  # x@down.example keeps the message queued
        for _ in range(2):
            assert _ask(serve, spam, "out@remote.test", f"info@{ALICE_DOMAIN}") == "mailward-forward: hold\n"
        assert _held(store, "mwt-alice") == [("held once", ["out@remote.test"])]
        assert _scans(serve, spam) == 1


def _ask(serve: ServeProcess, qid: str, rcpt: str, parent: str) -> str:
    """The query Exim's router sends, over serve's query socket (as root, whom the socket lets in)."""
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(30)
        s.connect(str(serve.state_dir / QUERY_SOCKET_NAME))
        s.sendall(f"FORWARDED\nId: {qid}\nRcpt: {rcpt}\nParent: {parent}\n".encode())
        s.shutdown(socket.SHUT_WR)
        return s.recv(200).decode()


def test_with_mailward_down_fail_closed_defers_the_forwarded_copy_until_it_is_back() -> None:
    with forward_stack("closed", serve_up=False) as (serve, lab):
        qid = _send_in(lab, [f"info@{ALICE_DOMAIN}"], "while down", "Agenda attached.\n")
        poll(lambda: _to(lab, f"keep@{LAB}", "while down"), 30, "the local copy")  # local mail is unaffected
        lab.wait_log(f"{qid} == out@remote.test <info@{ALICE_DOMAIN}> R=mailward_forwarded defer", timeout=30)
        assert "the forwarded copy could not be scanned (scan gateway unavailable)" in lab.mainlog()
        assert _to(lab, "out@remote.test", "while down") == []
        serve.start()
        assert _exim(lab, "-M", qid).returncode == 0  # Exim's next retry of the address
        poll(lambda: _to(lab, "out@remote.test", "while down"), 30, "the forwarded copy once Mailward is back")
        assert _scans(serve, qid) == 1

