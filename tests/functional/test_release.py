"""Release through a real private Exim: held at DATA, re-injected by the trusted release user, delivered once.

The stack: EximLab (Mailward's ACL snippets, trusted_users = mwt-release) scans through a real `mailward serve`
whose API runs in a mount namespace where /usr/sbin/sendmail reads the lab's config, so its SendmailReinjector
(sendmail -oMr mailward-release as mwt-release) submits to the lab. Callers are root and mwt-alice's real uid.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.functional.conftest import (
    GTUBE,
    Reply,
    SocketApi,
    SystemUser,
    hold_through_gateway,
    ie_cli,
    release_stack,
    serve_quarantine,
)
from workers.exim_lab import EximLab, build_message
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

SENDER = "user@alice.example"
PASSWORD = "alice-secret"
RCPTS = ("to@dest.test", "cc@dest.test", "bcc@hidden.test")  # To:, Cc:, and a Bcc only in the envelope
MARKER = "mailward-release"


@dataclass
class Stack:
    """The lab Exim, the serve whose releases reach it, and the test users."""

    serve: ServeProcess
    lab: EximLab
    users: dict[str, SystemUser]
    tree: Path

    def api(self, who: str | None = None) -> SocketApi:
        """The API's unix socket as root (None) or as a test user's real uid."""
        return SocketApi(self.serve.info["api_socket"], self.users[who] if who else None)

    def hold(self, subject: str, rcpts: Sequence[str] = RCPTS) -> str:
        """Send a GTUBE message through the lab with SMTP AUTH; return its quarantine id once Exim is done."""
        msg = build_message(SENDER, [rcpts[0]], subject, f"{GTUBE}\n", headers=[("Cc", f"<{rcpts[1]}>")])
        r = self.lab.send_smtp_auth(SENDER, list(rcpts), message=msg)
        assert r.data_code == 250, r.transcript  # the client cannot tell: a quarantine is a discard after 250
        log = self.lab.wait_log(f"{r.queue_id} Completed")
        assert f"{r.queue_id} => blackhole (DATA ACL discarded recipients)" in log
        found = self.api().get(f"/emails?{urlencode({'subject': subject})}").json["items"]
        assert len(found) == 1, found
        assert found[0]["recipients"] == list(rcpts) and found[0]["account_name"] == "mwt-alice"
        assert not self.deliveries(subject)
        return str(found[0]["email_id"])

    def deliveries(self, subject: str) -> list[str]:
        """The envelope recipient of every delivered copy of subject (one maildir file per recipient)."""
        return sorted(h for d in self.lab.delivered() if d.subject == subject for h in d.headers("Envelope-to"))

    def wait_delivered_once(self, subject: str, rcpts: Sequence[str] = RCPTS) -> None:
        """Poll until every recipient has its copy and the queue is empty; then assert no copy came twice."""
        self.lab.wait_delivered(lambda d: d.subject == subject, count=len(rcpts))
        self.lab.wait_queue_empty()
        assert self.deliveries(subject) == sorted(rcpts)

    def scans(self) -> int:
        """How many scans serve's workers logged so far."""
        return self.serve.log().count(" scan queue_id=")


@pytest.fixture(scope="module")
def stack(system_users: dict[str, SystemUser]) -> Iterator[Stack]:
    accounts = {"mwt-alice": {"domain": "alice.example", "uid": system_users["mwt-alice"].uid}}
    with release_stack("mailward-release-", accounts, users={SENDER: PASSWORD}, marker=MARKER) as (serve, lab, tree):
        yield Stack(serve, lab, system_users, tree)


def _error(reply: Reply, status: int, word: str) -> str:
    assert reply.status == status, reply.text
    assert reply.json["status"] == word, reply.text
    return reply.message


def test_release_delivers_once_to_every_recipient_unscanned(stack: Stack) -> None:
    subject = "release me once"
    email_id = stack.hold(subject)
    scans_before = stack.scans()

    released = stack.api().post(f"/emails/{email_id}/release")
    assert released.status == 200, released.text
    assert released.json["status"] == "released" and released.json["recipients"] == list(RCPTS)
    stack.wait_delivered_once(subject)  # the Bcc-only recipient too

    copies = [d for d in stack.lab.delivered() if d.subject == subject]
    for copy in copies:
        assert GTUBE.encode() in copy.raw
        assert copy.headers("X-ImunifyEmail-Filter-Action") == []  # the filter never saw it again
        assert copy.headers("To") == ["<to@dest.test>"] and copy.headers("Cc") == ["<cc@dest.test>"]
        assert copy.headers("Return-path") == [f"<{SENDER}>"]  # -f kept the original envelope sender
        assert not copy.headers("Bcc")
    # Exim took it from the trusted release user with the marker protocol, and did not ask the gateway again
    log = stack.lab.mainlog()
    (line,) = [ln for ln in log.splitlines() if " <= " in ln and f'T="{subject}"' in ln and "P=esmtpa" not in ln]
    assert f"<= {SENDER} U=mwt-release P={MARKER} " in line, line
    new_id = line.split()[2]
    for rcpt in RCPTS:
        assert f"{new_id} => {rcpt.split('@')[0]} <{rcpt}> R=lab_maildir" in log, rcpt
    assert stack.scans() == scans_before
    assert f"queue_id={new_id}" not in stack.serve.log()

    # gone from the listing; a second release says it was released already
    root = stack.api()
    assert root.get(f"/emails?{urlencode({'subject': subject})}").json["max_count"] == 0
    again = root.post(f"/emails/{email_id}/release")
    assert "already released" in _error(again, 409, "conflict")
    bulk = root.post("/emails/release", {"ids": [email_id]}).json
    assert bulk["failed"] == 1 and bulk["results"][0]["status"] == "conflict"
    assert stack.deliveries(subject) == sorted(RCPTS)  # still exactly one copy each


def test_concurrent_releases_deliver_once(stack: Stack) -> None:
    subject = "two hands one release"
    email_id = stack.hold(subject)
    start = threading.Barrier(2)
    replies: list[Reply] = []
    lock = threading.Lock()

    def release() -> None:
        start.wait(10)
        reply = stack.api().post(f"/emails/{email_id}/release")
        with lock:
            replies.append(reply)

    threads = [threading.Thread(target=release) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(r.status for r in replies) == [200, 409], [r.text for r in replies]
    (lost,) = [r for r in replies if r.status == 409]
    assert lost.json["status"] == "conflict"
    stack.wait_delivered_once(subject)


def test_failed_reinjection_keeps_the_message_and_says_why(stack: Stack) -> None:
    subject = "exim cannot take it"
    email_id = stack.hold(subject)
    alice = stack.api("mwt-alice")
    spool_input = stack.lab.spool / "input"
    mode = os.stat(spool_input).st_mode
    os.chmod(spool_input, 0o500)  # Exim's spool is unwritable: sendmail fails as it would on a broken spool
    try:
        failed = alice.post(f"/emails/{email_id}/release")
    finally:
        os.chmod(spool_input, mode)
    assert failed.status == 503, failed.text
    assert failed.json["code"] == 503
    assert "sendmail exited 1" in failed.message and "Failed to create spool file" in failed.message
    # still held for alice, and the failed try did not use up one of her hourly releases
    assert alice.get(f"/emails/{email_id}").json["status"] == "quarantined"
    assert stack.api().get("/accounts/mwt-alice").json["releases_last_hour"] == 0
    assert not stack.deliveries(subject)
    audit = stack.api().get("/audit?action=email.release&account=mwt-alice").json["items"]
    assert any(e["target"] == email_id and e["result"] != "ok" for e in audit)
    # once Exim is healthy again the same message goes out
    ok = alice.post(f"/emails/{email_id}/release")
    assert ok.status == 200, ok.text
    stack.wait_delivered_once(subject)


def test_account_over_its_hourly_limit_gets_429(stack: Stack) -> None:
    root = stack.api()
    first, second = stack.hold("alice release one"), stack.hold("alice release two")
    used = root.get("/accounts/mwt-alice").json["releases_last_hour"]
    edit = root.call("PATCH", "/accounts/mwt-alice", body={"releases_limit": used + 1})
    assert edit.status == 200, edit.text
    try:
        done = ie_cli(["emails", "release", "--ids", first], stack.serve.info["api_socket"],
                      stack.users["mwt-alice"])
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "OK"
        stack.wait_delivered_once("alice release one")

        refused = stack.api("mwt-alice").post(f"/emails/{second}/release")
        message = _error(refused, 429, "limit_exceeded")
        assert f"account mwt-alice has used its {used + 1} release(s) per hour" in message
        assert "the next release is possible at" in message
        cli = ie_cli(["emails", "release", "--ids", second], stack.serve.info["api_socket"],
                     stack.users["mwt-alice"])
        assert cli.returncode == 1
        assert f"{second}: account mwt-alice has used its" in cli.stderr
        assert stack.api("mwt-alice").get(f"/emails/{second}").json["status"] == "quarantined"
        assert not stack.deliveries("alice release two")

        # the admin is not held to an account's limit
        assert root.post(f"/emails/{second}/release").status == 200
        stack.wait_delivered_once("alice release two")
    finally:
        root.call("PATCH", "/accounts/mwt-alice", body={"releases_limit": -1})


def test_release_user_not_trusted_by_exim_fails_loudly(stack: Stack) -> None:
    """The ACL names the release user but Exim does not trust it (trusted_users lost in a config edit): Exim then
    ignores -oMr and -f. The ACL refuses such mail, so the release fails with Exim's reason and nothing is sent,
    re-scanned or re-held; the message stays in its account's quarantine."""
    accounts = {"mwt-alice": {"domain": "alice.example", "uid": stack.users["mwt-alice"].uid}}
    with release_stack("mailward-untrusted-", accounts, users={SENDER: PASSWORD}, trusted=False,
                       marker=MARKER) as (other, lab, _):
        subject = "released by an untrusted user"
        email_id = hold_through_gateway(other, "mwt-alice", SENDER, list(RCPTS), subject)
        scans = other.log().count(" scan queue_id=")
        reply = SocketApi(other.info["api_socket"]).post(f"/emails/{email_id}/release")
        assert reply.status == 503, reply.text
        assert "not trusted by Exim" in reply.message
        assert serve_quarantine(other).get(email_id).account == "mwt-alice"
        assert other.log().count(" scan queue_id=") == scans, "nothing was scanned again"
        assert not [d for d in lab.delivered() if d.subject == subject]
