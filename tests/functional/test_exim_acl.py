"""Mailward's rendered Exim snippets in a private Exim, against a fake RSPAMC/1.3 responder.

The RSPAMC facts asserted here (test_rspamc_head_*) are what the scan gateway can rely on.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socketserver
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.models import Action
from workers.exim_lab import EximLab, build_message

pytestmark = pytest.mark.functional

AUTH_USER = "alice@example.com"
RCPT = "rcpt@example.net"
MARK_RE = re.compile(rb"^Subject:.*\[mw:([a-z ]+)\]", re.M | re.I)


@dataclass(slots=True)
class RspamcRequest:
    """One request the fake received: the head lines (CRLF-split, without the blank line) and the body."""

    head: list[str]
    body: bytes

    def values(self, name: str) -> list[str]:
        """Values of head lines called name (e.g. "Rcpt")."""
        pre = f"{name.lower()}:"
        return [ln.split(":", 1)[1].strip() for ln in self.head if ln.lower().startswith(pre)]

    def value(self, name: str) -> str | None:
        vals = self.values(name)
        return vals[0] if vals else None


class FakeRspamc:
    """A threaded RSPAMC/1.3 responder: the Action word is chosen by `[mw:<word>]` in the Subject."""

    def __init__(self, address: str = "127.0.0.1:0", default_action: str = Action.ACCEPT.value,
                 message: str = "blocked by test policy") -> None:
        self.requests: list[RspamcRequest] = []
        self.default_action = default_action
        self.message = message
        self._lock = threading.Lock()
        fake = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                fake._handle(self.rfile, self.wfile)

        if address.startswith("/"):
            server_cls: type[socketserver.BaseServer] = type(
                "S", (socketserver.ThreadingMixIn, socketserver.UnixStreamServer), {"daemon_threads": True})
            self.server = server_cls(address, Handler)
            os.chmod(address, 0o666)  # Exim's receiving process runs as Debian-exim
            self.address = address
        else:
            host, _, port = address.rpartition(":")
            server_cls = type("S", (socketserver.ThreadingMixIn, socketserver.TCPServer),
                              {"daemon_threads": True, "allow_reuse_address": True})
            self.server = server_cls((host, int(port)), Handler)
            self.address = f"{host}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    def _handle(self, rfile, wfile) -> None:  # type: ignore[no-untyped-def]
        head: list[str] = []
        while True:
            line = rfile.readline(8192)
            if not line:
                return
            if line in (b"\r\n", b"\n"):
                break
            head.append(line.decode("latin-1").rstrip("\r\n"))
        length = next(int(ln.split(":", 1)[1]) for ln in head if ln.lower().startswith("content-length:"))
        body = rfile.read(length)
        with self._lock:
            self.requests.append(RspamcRequest(head, body))
        m = MARK_RE.search(body.split(b"\n\n", 1)[0] if b"\n\n" in body else body)
        word = m.group(1).decode() if m else self.default_action
        lines = ["RSPAMD/1.3 0 EX_OK", "Metric: default; True; 5.00 / 6.00 / 15.00", f"Action: {word}",
                 "Symbol: MW_TEST(5.00)"]
        if b"[nomsg]" not in body:
            lines.append(f"Message: {self.message}")
        wfile.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        wfile.flush()

    def stop(self) -> None:
        """Stop serving and close the listening socket (Exim then gets connection refused)."""
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)
        if self.address.startswith("/"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.address)

    def for_subject(self, subject: str) -> RspamcRequest:
        """The request whose message has this exact Subject."""
        needle = f"\nSubject: {subject}\n".encode()
        hits = [r for r in self.requests if needle in r.body]
        assert len(hits) == 1, f"expected one request with Subject {subject!r}, got {len(hits)}"
        return hits[0]


@pytest.fixture
def rspamc() -> Iterator[FakeRspamc]:
    fake = FakeRspamc()
    yield fake
    fake.stop()


@pytest.fixture
def lab(exim_lab: Callable[..., EximLab], rspamc: FakeRspamc) -> EximLab:
    return exim_lab(rspamc.address, "open", release_user="www-data", trusted_users=["www-data"])


def by_subject(subject: str) -> Callable[..., bool]:
    return lambda d: d.subject == subject


def assert_not_delivered_nor_bounced(lab: EximLab, queue_id: str | None = None, subject: str = "") -> None:
    """After the message's 'Completed' log line: nothing in the maildir, the queue empty, no bounce."""
    if queue_id:
        lab.wait_log(f"{queue_id} Completed")
    lab.wait_queue_empty()
    assert not [d for d in lab.delivered() if subject and d.subject.endswith(subject)]
    assert not [d for d in lab.delivered() if d.headers("Return-path") == ["<>"]], "a bounce was delivered"
    assert "<= <>" not in lab.mainlog(), "Exim generated a bounce"


# ------------------------------------------------------------------------------------------ SMTP AUTH


def test_no_action_adds_both_headers_and_removes_forged_ones(lab: EximLab, rspamc: FakeRspamc) -> None:
    forged = [("X-ImunifyEmail-Filter-Action", "no action"), ("X-ImunifyEmail-Filter-Score", "-100"),
              ("X-ImunifyEmail-Filter-Action", "quarantine")]
    res = lab.send_smtp_auth(AUTH_USER, RCPT, subject="clean", headers=forged)
    assert res.data_code == 250, res.transcript
    (msg,) = lab.wait_delivered(by_subject("clean"))
    assert msg.headers("X-ImunifyEmail-Filter-Score") == ["5.0"]
    assert msg.headers("X-ImunifyEmail-Filter-Action") == ["no action"]
    # The gateway sees the client's headers as sent (removal happens after the ACL).
    assert b"X-ImunifyEmail-Filter-Score: -100" in rspamc.for_subject("clean").body


def test_add_header_action_is_copied(lab: EximLab) -> None:
    res = lab.send_smtp_auth(AUTH_USER, RCPT, subject="meh [mw:add header]")
    assert res.data_code == 250, res.transcript
    (msg,) = lab.wait_delivered(by_subject("meh [mw:add header]"))
    assert msg.headers("X-ImunifyEmail-Filter-Action") == ["add header"]
    assert msg.headers("X-ImunifyEmail-Filter-Score") == ["5.0"]


def test_unscanned_action_gets_only_the_action_header(lab: EximLab) -> None:
    res = lab.send_smtp_auth(AUTH_USER, RCPT, subject="big [mw:unscanned]")
    assert res.data_code == 250, res.transcript
    (msg,) = lab.wait_delivered(by_subject("big [mw:unscanned]"))
    assert msg.headers("X-ImunifyEmail-Filter-Action") == ["unscanned"]
    assert msg.headers("X-ImunifyEmail-Filter-Score") == []


def test_quarantine_is_discarded_with_250_and_no_bounce(lab: EximLab) -> None:
    res = lab.send_smtp_auth(AUTH_USER, RCPT, subject="spam [mw:quarantine]")
    assert res.data_code == 250, res.transcript
    assert res.queue_id
    assert_not_delivered_nor_bounced(lab, res.queue_id, "[mw:quarantine]")
    assert "Mailward: quarantined" in lab.mainlog()


def test_reject_gets_550_with_the_gateway_message(lab: EximLab) -> None:
    res = lab.send_smtp_auth(AUTH_USER, RCPT, subject="bad [mw:reject]")
    assert res.data_code == 550, res.transcript
    assert "5.7.1 blocked by test policy" in res.data_reply
    res = lab.send_smtp_auth(AUTH_USER, RCPT, subject="bad [mw:reject] [nomsg]")
    assert res.data_code == 550, res.transcript
    assert "Message rejected by the Mailward content filter" in res.data_reply
    lab.wait_queue_empty()
    assert lab.delivered() == []


def test_soft_reject_gets_451(lab: EximLab) -> None:
    res = lab.send_smtp_auth(AUTH_USER, RCPT, subject="later [mw:soft reject]")
    assert res.data_code == 451, res.transcript
    assert "4.7.1 blocked by test policy" in res.data_reply
    lab.wait_queue_empty()
    assert lab.delivered() == []


def test_login_auth_works_too(lab: EximLab, rspamc: FakeRspamc) -> None:
    res = lab.send_smtp_auth(AUTH_USER, RCPT, subject="via login", auth="LOGIN", user="bob@example.com")
    assert res.data_code == 250, res.transcript
    lab.wait_delivered(by_subject("via login"))
    assert rspamc.for_subject("via login").value("User") == "bob@example.com"


# ------------------------------------------------------------------------------------------ fail modes


def test_fail_open_with_gateway_down_delivers_unscanned(exim_lab: Callable[..., EximLab]) -> None:
    fake = FakeRspamc()
    fake.stop()  # nothing listens on its port any more
    lab = exim_lab(fake.address, "open")
    res = lab.send_smtp_auth(AUTH_USER, RCPT, subject="gateway down")
    assert res.data_code == 250, res.transcript
    (msg,) = lab.wait_delivered(by_subject("gateway down"))
    assert msg.headers("X-ImunifyEmail-Filter-Action") == ["unscanned"]
    assert msg.headers("X-ImunifyEmail-Filter-Score") == []
    proc = lab.send_sendmail_as("nobody", build_message("nobody@x", RCPT, "local gateway down"))
    assert proc.returncode == 0, proc.stderr
    (msg,) = lab.wait_delivered(by_subject("local gateway down"))
    assert msg.headers("X-ImunifyEmail-Filter-Action") == ["unscanned"]


def test_fail_closed_with_gateway_down_defers_smtp_and_freezes_local(
        exim_lab: Callable[..., EximLab]) -> None:
    fake = FakeRspamc()
    fake.stop()
    lab = exim_lab(fake.address, "closed")
    res = lab.send_smtp_auth(AUTH_USER, RCPT, subject="gateway down closed")
    assert res.data_code == 451, res.transcript
    assert "could not be scanned" in res.data_reply
    # a local submitter cannot be told "later": its mail is accepted and frozen, marked for Mailward's job
    proc = lab.send_sendmail_as("nobody", build_message("nobody@x", RCPT, "local closed"), [RCPT])
    assert proc.returncode == 0, proc.stderr
    qid = frozen_marked(lab)
    assert lab.delivered() == []
    assert f"{qid} Mailward: frozen until Mailward can scan it (scan gateway unavailable, fail mode closed)" \
        in lab.mainlog()


def frozen_marked(lab: EximLab) -> str:
    """The id of the one message in the lab's queue, which must be frozen and carry Mailward's frozen mark and no
    verdict header."""
    listing = lab.queue_list()
    ids = re.findall(r"^\s*\S+\s+\S+\s+(\S+-\S+-\S+) .*\*\*\* frozen \*\*\*$", listing, re.M)
    assert len(ids) == 1, listing
    head = subprocess.run([lab.exim, "-C", str(lab.conf), "-Mvh", ids[0]], capture_output=True, text=True,
                          check=True).stdout
    assert "-aclm _mailward_frozen 1\n1\n" in head, head
    assert "X-ImunifyEmail-Filter" not in head, head
    return ids[0]


def test_fail_closed_with_gateway_up_still_delivers(exim_lab: Callable[..., EximLab], rspamc: FakeRspamc) -> None:
    lab = exim_lab(rspamc.address, "closed")
    res = lab.send_smtp_auth(AUTH_USER, RCPT, subject="closed but up")
    assert res.data_code == 250, res.transcript
    (msg,) = lab.wait_delivered(by_subject("closed but up"))
    assert msg.headers("X-ImunifyEmail-Filter-Action") == ["no action"]


def test_unix_socket_scan_address(exim_lab: Callable[..., EximLab]) -> None:
    sock_dir = tempfile.mkdtemp(prefix="mailward-sock-", dir="/tmp")
    os.chmod(sock_dir, 0o755)
    fake = FakeRspamc(str(Path(sock_dir) / "scan.sock"))
    try:
        lab = exim_lab(fake.address, "closed")
        res = lab.send_smtp_auth(AUTH_USER, RCPT, subject="over unix")
        assert res.data_code == 250, res.transcript
        (msg,) = lab.wait_delivered(by_subject("over unix"))
        assert msg.headers("X-ImunifyEmail-Filter-Action") == ["no action"]
        assert fake.for_subject("over unix").value("IP") == "127.0.0.1"
    finally:
        fake.stop()
        shutil.rmtree(sock_dir, ignore_errors=True)


def test_oversized_mail_is_not_scanned_when_a_max_is_set(exim_lab: Callable[..., EximLab],
                                                         rspamc: FakeRspamc) -> None:
    lab = exim_lab(rspamc.address, "closed", max_scan_size=2000)
    res = lab.send_smtp_auth(AUTH_USER, RCPT, subject="huge [mw:reject]", body=("x" * 70 + "\n") * 60)
    assert res.data_code == 250, res.transcript
    (msg,) = lab.wait_delivered(by_subject("huge [mw:reject]"))
    assert msg.headers("X-ImunifyEmail-Filter-Action") == ["unscanned"]
    assert rspamc.requests == []


# ------------------------------------------------------------------------------------------ local sendmail


def test_local_no_action_delivered_with_headers(lab: EximLab) -> None:
    msg_bytes = build_message("www@example.com", RCPT, "local clean",
                              headers=[("X-ImunifyEmail-Filter-Action", "no action")])
    proc = lab.send_sendmail_as("nobody", msg_bytes)
    assert proc.returncode == 0, proc.stderr
    (msg,) = lab.wait_delivered(by_subject("local clean"))
    assert msg.headers("X-ImunifyEmail-Filter-Action") == ["no action"]
    assert msg.headers("X-ImunifyEmail-Filter-Score") == ["5.0"]


def test_local_quarantine_is_held_by_the_router_without_bounce(lab: EximLab) -> None:
    proc = lab.send_sendmail_as("nobody", build_message("www@example.com", RCPT, "local spam [mw:quarantine]"))
    assert proc.returncode == 0, proc.stderr  # PHP mail() sees success
    log = lab.wait_log("R=mailward_hold")
    qid = re.search(r"(\S+) => :blackhole: <rcpt@example.net> R=mailward_hold", log).group(1)  # type: ignore[union-attr]
    assert_not_delivered_nor_bounced(lab, qid, "[mw:quarantine]")


def test_local_reject_fails_sendmail_saying_why(lab: EximLab) -> None:
    for args in (["-oep"], []):  # -oep: errors on stderr; the default (-oem) mails them, and says why on stderr too
        proc = lab.send_sendmail_as("nobody", build_message("www@example.com", RCPT, "local bad [mw:reject]"),
                                    [RCPT], extra_args=args)
        assert proc.returncode != 0
        assert b"blocked by test policy" in proc.stderr, proc.stderr
    lab.wait_queue_empty()
    assert not [d for d in lab.delivered() if "[mw:reject]" in d.subject]


def test_local_soft_reject_is_frozen_not_failed(lab: EximLab) -> None:
    proc = lab.send_sendmail_as("nobody", build_message("www@example.com", RCPT, "local later [mw:soft reject]"),
                                [RCPT], extra_args=["-oep"])
    assert proc.returncode == 0, proc.stderr  # no temporary failure exists for local submission: kept frozen
    qid = frozen_marked(lab)
    assert f"{qid} Mailward: frozen until Mailward can scan it (the scanner asked to retry later)" in lab.mainlog()
    assert lab.delivered() == []


@pytest.mark.parametrize("exim_lab", [{"hold": "system_filter", "not_smtp_acl_file": True}], indirect=True)
def test_debian_non_split_shape_system_filter_and_acl_file(exim_lab: Callable[..., EximLab],
                                                          rspamc: FakeRspamc) -> None:
    """Debian's non-split layout: acl_not_smtp read from a file, held mail dropped by a system filter."""
    lab = exim_lab(rspamc.address)
    assert f"acl_not_smtp = {lab.base / 'not_smtp.acl'}" in lab.conf.read_text()
    proc = lab.send_sendmail_as("nobody", build_message("www@example.com", RCPT, "nsplit [mw:quarantine]"))
    assert proc.returncode == 0, proc.stderr
    proc = lab.send_sendmail_as("nobody", build_message("www@example.com", RCPT, "nsplit clean"))
    assert proc.returncode == 0, proc.stderr
    (msg,) = lab.wait_delivered(by_subject("nsplit clean"))
    assert msg.headers("X-ImunifyEmail-Filter-Action") == ["no action"]
    lab.wait_queue_empty()
    assert not [d for d in lab.delivered() if "quarantine" in d.subject]
    assert "<= <>" not in lab.mainlog()
    assert len(rspamc.requests) == 2


# ------------------------------------------------------------------------------------------ release bypass


def test_release_bypass_only_for_the_trusted_release_user(lab: EximLab, rspamc: FakeRspamc) -> None:
    release = ["-oMr", "mailward-release", "-odi"]
    msg_bytes = build_message("owner@example.com", RCPT, "released [mw:quarantine]")
    proc = lab.send_sendmail_as("www-data", msg_bytes, [RCPT], sender="owner@example.com", extra_args=release)
    assert proc.returncode == 0, proc.stderr
    (msg,) = lab.wait_delivered(by_subject("released [mw:quarantine]"))
    assert msg.headers("X-ImunifyEmail-Filter-Action") == []
    assert msg.headers("Return-path") == ["<owner@example.com>"]
    assert rspamc.requests == [], "released mail must not be scanned again"
    assert "P=mailward-release" in lab.mainlog()

    # Anyone else passing the same marker is silently ignored (protocol stays "local") and is scanned.
    forged = build_message("x@example.com", RCPT, "forged release")
    proc = lab.send_sendmail_as("nobody", forged, [RCPT], extra_args=release)
    assert proc.returncode == 0, proc.stderr
    (msg,) = lab.wait_delivered(by_subject("forged release"))
    assert msg.headers("X-ImunifyEmail-Filter-Action") == ["no action"]
    assert rspamc.for_subject("forged release")


# ------------------------------------------------------------------------------------------ RSPAMC head


def test_rspamc_head_for_smtp_auth(lab: EximLab, rspamc: FakeRspamc) -> None:
    """What the gateway receives for an authenticated SMTP submission with two recipients."""
    rcpts = ["one@example.net", "two@example.org"]
    res = lab.send_smtp_auth(AUTH_USER, rcpts, subject="head auth")
    assert res.data_code == 250, res.transcript
    req = rspamc.for_subject("head auth")
    assert req.head[0] == "CHECK RSPAMC/1.3"
    assert int(req.value("Content-length") or -1) == len(req.body)
    assert req.value("Queue-Id") == res.queue_id
    assert req.value("From") == f"<{AUTH_USER}>"
    assert req.value("Recipient-Number") == "2"
    assert req.values("Rcpt") == [f"<{r}>" for r in rcpts]
    assert req.value("Helo") == "client.lab.test"
    assert req.value("IP") == "127.0.0.1"
    assert req.value("User") == AUTH_USER  # $authenticated_id
    assert [ln.split(":", 1)[0] for ln in req.head[1:]] == [
        "Content-length", "Queue-Id", "From", "Recipient-Number", "Rcpt", "Rcpt", "Helo", "IP", "User"]
    _assert_body_shape(req.body, f"<{AUTH_USER}>", rcpts, "esmtpa")


def test_rspamc_head_for_local_sendmail(lab: EximLab, rspamc: FakeRspamc) -> None:
    """What the gateway receives for `sendmail -t` run by a local (non-root) user."""
    proc = lab.send_sendmail_as("nobody", build_message("nobody@example.com", RCPT, "head local"))
    assert proc.returncode == 0, proc.stderr
    lab.wait_delivered(by_subject("head local"))
    req = rspamc.for_subject("head local")
    assert req.head[0] == "CHECK RSPAMC/1.3"
    assert int(req.value("Content-length") or -1) == len(req.body)
    assert re.fullmatch(r"[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}", req.value("Queue-Id") or "")
    # Untrusted callers cannot set the envelope sender: it is the caller's login at qualify_domain.
    assert req.value("From") == "<nobody@lab.mailward.test>"
    assert req.value("Recipient-Number") == "1"
    assert req.values("Rcpt") == [f"<{RCPT}>"]
    assert req.value("User") == "nobody"  # the caller's login
    assert req.value("IP") is None and req.value("Helo") is None
    _assert_body_shape(req.body, "<nobody@lab.mailward.test>", [RCPT], "local")


def _assert_body_shape(body: bytes, env_from: str, rcpts: list[str], protocol: str) -> None:
    """mbox From line, X-Envelope-From/To pseudo-headers, Exim's Received:, then the message; LF ends."""
    lines = body.split(b"\n")
    assert re.fullmatch(rb"From MAILER-DAEMON \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}", lines[0]), lines[0]
    assert lines[1] == b"X-Envelope-From: " + env_from.encode()
    assert lines[2] == b"X-Envelope-To: " + ", ".join(rcpts).encode()  # no angle brackets, ", "-joined
    assert lines[3].startswith(b"Received: ")
    assert b"with " + protocol.encode() + b" (Exim" in body.split(b"\n\n", 1)[0]
    assert b"\r\n" not in body, "the body uses LF line ends"
