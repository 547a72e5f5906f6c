"""Releases through a real private Exim that a compromised account must not turn to its advantage (issue 14).

Item 7: an account releases only what the release policy leaves to it (not its ratelimit holds), and what it
releases counts against its sender limits. Item 12: filter headers the sender forged do not leave with a released
copy. Item 14: incoming mail held for two accounts is two copies, each account seeing and releasing only its own
recipients. The stack is tests.functional.conftest.release_stack: EximLab, a real `mailward serve` whose releases
(setuid sendmail as mwt-release) reach the lab, its private Redis, and the callers' real uids on the API socket.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest

from core.models import Direction, Envelope
from tests.functional.conftest import (
    GTUBE,
    SocketApi,
    SystemUser,
    ie_cli,
    release_stack,
    serve_quarantine,
)
from workers.exim_lab import EximLab, build_message, free_port, poll
from workers.scan_client import check_legacy
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

SENDER = "user@alice.example"
PASSWORD = "alice-secret"
FORGED = [("X-ImunifyEmail-Filter-Action", "no action"), ("X-ImunifyEmail-Filter-Score", "-42.0")]


@dataclass
class Stack:
    """The lab Exim, the serve whose releases reach it, serve's incoming listener, and the test users."""

    serve: ServeProcess
    lab: EximLab
    users: dict[str, SystemUser]
    incoming: str

    def api(self, who: str | None = None) -> SocketApi:
        """The API's unix socket as root (None) or as a test user's real uid."""
        return SocketApi(self.serve.info["api_socket"], self.users[who] if who else None)

    def send(self, subject: str, rcpts: Sequence[str], body: str,
             headers: Sequence[tuple[str, str]] = ()) -> str:
        """alice's mail through the lab with SMTP AUTH; returns Exim's queue id once Exim is done with it."""
        msg = build_message(SENDER, [rcpts[0]], subject, body, headers=list(headers))
        r = self.lab.send_smtp_auth(SENDER, list(rcpts), message=msg)
        assert r.data_code == 250, r.transcript
        self.lab.wait_log(f"{r.queue_id} Completed")
        return r.queue_id

    def held(self, subject: str, who: str | None = None) -> list[dict]:
        """The held messages with this subject as one caller sees them."""
        reply = self.api(who).get(f"/emails?{urlencode({'subject': subject})}")
        assert reply.status == 200, reply.text
        return list(reply.json["items"])

    def hold(self, subject: str, rcpts: Sequence[str], headers: Sequence[tuple[str, str]] = ()) -> dict:
        """A GTUBE message of alice's, held as spam; its summary."""
        self.send(subject, rcpts, f"{GTUBE}\n", headers)
        (item,) = self.held(subject)
        assert item["account_name"] == "mwt-alice" and item["reasons"] == ["spam"], item
        return item

    def deliveries(self, subject: str) -> list[str]:
        """The envelope recipient of every delivered copy of subject."""
        return sorted(h for d in self.lab.delivered() if d.subject == subject for h in d.headers("Envelope-to"))

    def wait_delivered(self, subject: str, rcpts: Sequence[str]) -> None:
        """Poll until these recipients have their copies and the queue is empty; then no copy came twice."""
        self.lab.wait_delivered(lambda d: d.subject == subject, count=len(rcpts))
        self.lab.wait_queue_empty()
        assert self.deliveries(subject) == sorted(rcpts)

    def am_settings(self, **values: int) -> None:
        """Change the server's sender limits (PATCH /am/server-settings as root)."""
        reply = self.api().call("PATCH", "/am/server-settings", body=values)
        assert reply.status == 200, reply.text


@pytest.fixture(scope="module")
def stack(system_users: dict[str, SystemUser]) -> Iterator[Stack]:
    accounts = {"mwt-alice": {"domain": "alice.example", "uid": system_users["mwt-alice"].uid},
                "mwt-bob": {"domain": "bob.example", "uid": system_users["mwt-bob"].uid}}
    incoming = f"127.0.0.1:{free_port()}"
    values = {"incoming.listen": f'["{incoming}"]', "incoming.action": '"quarantine"'}
    with release_stack("mailward-relsec-", accounts, values, users={SENDER: PASSWORD}) as (serve, lab, _):
        yield Stack(serve, lab, system_users, incoming)


def test_account_cannot_release_its_ratelimit_hold_and_its_releases_count(stack: Stack) -> None:
    root, alice = stack.api(), stack.api("mwt-alice")
    spam = stack.hold("spam before the flood", ["s1@dest.test", "s2@dest.test"])
    stack.am_settings(limit_mode=2, account=3)  # three recipients an hour for every account
    try:
        stack.send("first batch", ["a1@dest.test", "a2@dest.test", "a3@dest.test"], "Hello.\n")
        stack.wait_delivered("first batch", ["a1@dest.test", "a2@dest.test", "a3@dest.test"])
        stack.send("second batch", ["b1@dest.test"], "Hello again.\n")
        (rate,) = stack.held("second batch", "mwt-alice")
        assert rate["reasons"] == ["ratelimit"], rate

        # the policy: a ratelimit hold is the admin's to release, and the refusal says so in words
        refused = alice.post(f"/emails/{rate['email_id']}/release")
        assert refused.status == 403, refused.text
        assert refused.json["status"] == "forbidden"
        assert "was held for reaching a sending limit (ratelimit)" in refused.message
        assert "only the server administrator" in refused.message
        cli = ie_cli(["emails", "release", "--ids", f"{rate['email_id']},{spam['email_id']}"],
                     stack.serve.info["api_socket"], stack.users["mwt-alice"])
        assert cli.returncode == 1, cli.stdout + cli.stderr
        assert f"{rate['email_id']}: email {rate['email_id']} was held for reaching a sending limit" in cli.stderr
        # its spam hold is its own to release, but 2 more recipients would exceed the 3 already sent this hour
        assert f"{spam['email_id']}: releasing email {spam['email_id']} to 2 recipient(s) would exceed a sending " \
               "limit: account mwt-alice reached its limit of 3 per hour (3 counted)" in cli.stderr
        assert not stack.deliveries("second batch") and not stack.deliveries("spam before the flood")
        assert alice.get(f"/emails/{spam['email_id']}").json["status"] == "quarantined"

        # with room for two more, alice's release goes out and counts: her next recipient is over the limit
        stack.am_settings(account=5)
        done = alice.post(f"/emails/{spam['email_id']}/release")
        assert done.status == 200, done.text
        stack.wait_delivered("spam before the flood", ["s1@dest.test", "s2@dest.test"])
        stack.send("after the release", ["c1@dest.test"], "One more.\n")
        (after,) = stack.held("after the release")
        assert after["reasons"] == ["ratelimit"], after

        # the admin may release a ratelimit hold and is held to no account's limit
        assert root.post(f"/emails/{rate['email_id']}/release").status == 200
        stack.wait_delivered("second batch", ["b1@dest.test"])
    finally:
        stack.am_settings(limit_mode=1, account=0)


def test_forged_filter_headers_do_not_leave_with_a_released_copy(stack: Stack) -> None:
    subject = "forged verdict"
    rcpts = ["f1@dest.test", "f2@dest.test"]
    item = stack.hold(subject, rcpts, headers=FORGED)
    raw = stack.api().get(f"/emails/{item['email_id']}/raw")
    assert "X-ImunifyEmail-Filter-Action: no action" in raw.text  # the held copy is as the sender wrote it
    released = stack.api().post(f"/emails/{item['email_id']}/release")
    assert released.status == 200, released.text
    stack.wait_delivered(subject, rcpts)
    for copy in (d for d in stack.lab.delivered() if d.subject == subject):
        assert copy.headers("X-ImunifyEmail-Filter-Action") == [], copy.raw[:600]
        assert copy.headers("X-ImunifyEmail-Filter-Score") == []
        assert GTUBE.encode() in copy.raw and copy.headers("Subject") == [subject]


def test_incoming_mail_for_two_accounts_is_held_once_for_each(stack: Stack) -> None:
    subject = "incoming for two"
    rcpts = ["info@alice.example", "sales@bob.example", "boss@alice.example"]
    message = build_message("stranger@remote.test", rcpts[0], subject, f"{GTUBE}\n")
    reply = check_legacy(stack.incoming, message, Envelope(sender="stranger@remote.test", recipients=rcpts,
                                                           ip="192.0.2.9", helo="mx.remote.test",
                                                           direction=Direction.INCOMING))
    assert reply.action == "quarantine", reply

    def both_held() -> list[dict] | None:
        items = stack.held(subject)
        return items if len(items) == 2 else None

    held = {i["account_name"]: i for i in poll(both_held, 15.0, "two held copies")}
    assert held["mwt-alice"]["recipients"] == ["info@alice.example", "boss@alice.example"]
    assert held["mwt-bob"]["recipients"] == ["sales@bob.example"]
    alice, bob = stack.api("mwt-alice"), stack.api("mwt-bob")
    (mine,) = stack.held(subject, "mwt-alice")
    assert mine["recipients"] == ["info@alice.example", "boss@alice.example"]
    assert "sales@bob.example" not in alice.get(f"/emails/{mine['email_id']}").text
    assert alice.post(f"/emails/{held['mwt-bob']['email_id']}/release").status == 404  # bob's copy is not hers

    assert alice.post(f"/emails/{mine['email_id']}/release").status == 200
    stack.wait_delivered(subject, ["info@alice.example", "boss@alice.example"])
    assert serve_quarantine(stack.serve).get(held["mwt-bob"]["email_id"]).recipients == ["sales@bob.example"]
    assert bob.post(f"/emails/{held['mwt-bob']['email_id']}/release").status == 200
    stack.wait_delivered(subject, rcpts)  # everyone once, nobody twice


def test_release_policy_is_the_admins_to_change(stack: Stack) -> None:
    alice = stack.api("mwt-alice")
    assert alice.get("/quarantine-defaults").json["release_by"]["ratelimit"] == "admin"
    denied = alice.call("PATCH", "/quarantine-defaults", body={"release_by": {"ratelimit": "account"}})
    assert denied.status == 403 and "server administrator only" in denied.message
    assert stack.api().get("/quarantine-defaults").json["release_by"]["ratelimit"] == "admin"
