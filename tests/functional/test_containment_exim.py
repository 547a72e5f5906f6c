"""Contained sender objects through a real private Exim and a real `mailward serve` (issue 19 item 2).

A script of mwt-alice's site (real setuid sendmail as her uid, X-PHP-Script naming her site) is contained with
`ie-cli am contain`: its mail is held with reason `contained` while the same account's SMTP AUTH mail is delivered;
lifted, it flows again. With the automatic policy on, another script's third spam hold contains it: its next clean
message is held, a signed `sender.contained` webhook is POSTed, and the account's other mail still flows.
The workers read containments without a cache here (containment.cache_s = 0), so no test waits for one to expire.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest

from core.identity.sender_objects import SoType, object_id
from core.net.webhooks import verify
from core.store.webhooks import WebhookStore
from tests.functional.conftest import GTUBE, SocketApi, SystemUser, ie_cli, release_stack, serve_redis
from tests.functional.test_webhooks import Receiver
from workers.exim_lab import EximLab, build_message, poll
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

SENDER = "user@alice.example"
PASSWORD = "alice-secret"
EVIL = "alice.example/wp-content/plugins/evil.php"
SPAMMER = "alice.example/wp-includes/mailer.php"


@dataclass
class Stack:
    serve: ServeProcess
    lab: EximLab
    users: dict[str, SystemUser]

    def api(self, who: str | None = None) -> SocketApi:
        return SocketApi(self.serve.info["api_socket"], self.users[who] if who else None)

    def cli(self, *args: str, who: str | None = None) -> str:
        done = ie_cli(list(args), self.serve.info["api_socket"], self.users[who] if who else None)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def from_script(self, script: str, subject: str, body: str = "Your order has shipped.\n") -> None:
        """Mail a PHP script of alice's site sends: the real sendmail as her uid, X-PHP-Script naming the script."""
        msg = build_message(SENDER, ["buyer@remote.test"], subject, body,
                            headers=[("X-PHP-Script", f"{script} for 203.0.113.7")])
        done = self.lab.send_sendmail_as(self.users["mwt-alice"].uid, msg, ["buyer@remote.test"])
        assert done.returncode == 0, done.stderr

    def authenticated(self, subject: str) -> None:
        """Mail alice's mailbox sends with SMTP AUTH."""
        r = self.lab.send_smtp_auth(SENDER, ["friend@remote.test"], subject=subject, body="Lunch on Friday?\n")
        assert r.data_code == 250, r.transcript

    def delivered(self, subject: str) -> None:
        self.lab.wait_delivered(lambda d: d.subject == subject)

    def held(self, subject: str) -> dict:
        """Poll until the message with this subject is held; its summary as root sees it."""
        def found() -> dict | None:
            items = self.api().get(f"/emails?{urlencode({'subject': subject})}").json["items"]
            return items[0] if items else None

        return poll(found, 20, f"{subject!r} held")  # type: ignore[return-value]

    def never_delivered(self, subject: str) -> bool:
        return not any(d.subject == subject for d in self.lab.delivered())


@pytest.fixture(scope="module")
def stack(system_users: dict[str, SystemUser]) -> Iterator[Stack]:
    accounts = {"mwt-alice": {"domain": "alice.example", "uid": system_users["mwt-alice"].uid}}
    values = {"containment.cache_s": "0.0", "containment.auto": "true", "containment.threshold": "3",
              "containment.window_s": "3600", "webhooks.allow_private": "true"}
    with release_stack("mailward-contain-", accounts, values, users={SENDER: PASSWORD}) as (serve, lab, _):
        yield Stack(serve, lab, system_users)


def test_a_contained_script_is_held_while_the_accounts_mail_is_delivered(stack: Stack) -> None:
    stack.from_script(EVIL, "order 1")
    stack.delivered("order 1")
    out = stack.cli("am", "contain", "--so-type=script", "--account-name=mwt-alice", f"--name={EVIL}",
                    "--note=hacked plugin", "--json")
    item = json.loads(out)
    assert item["id"] == object_id(SoType.SCRIPT, "mwt-alice", EVIL) and item["action"] == "hold"

    stack.from_script(EVIL, "order 2")
    stack.authenticated("lunch")
    held = stack.held("order 2")
    assert held["reasons"] == ["contained"] and held["account_name"] == "mwt-alice"
    stack.delivered("lunch")  # the same account's authenticated mail flows
    stack.lab.wait_queue_empty()
    assert stack.never_delivered("order 2")
    # the account sees why, may not release it (the release policy: its reseller's or the admin's), nor lift it
    row = stack.api("mwt-alice").get(f"/emails/{held['email_id']}").json
    assert row["release_allowed"] is False and "contained sender" in row["release_refusal"]
    refused = ie_cli(["am", "uncontain", f"--id={item['id']}"], stack.serve.info["api_socket"],
                     stack.users["mwt-alice"])
    assert refused.returncode == 1 and "only by the server administrator" in refused.stderr
    contained = json.loads(stack.cli("am", "contained", who="mwt-alice"))["contained"]
    assert [(c["name"], c["by"], c["note"]) for c in contained] == [(EVIL, "uid 0 (admin)", "hacked plugin")]

    assert stack.cli("am", "uncontain", f"--id={item['id']}") == "OK\n"
    stack.from_script(EVIL, "order 3")
    stack.delivered("order 3")
    audit = [e["action"] for e in stack.api().get("/audit?account=mwt-alice").json["items"]]
    assert audit[:2] == ["am.uncontain", "am.contain"]


def test_a_script_is_contained_automatically_after_three_spam_holds(stack: Stack) -> None:
    hook = Receiver()
    try:
        store = WebhookStore(serve_redis(stack.serve), allow_private=True)
        made = store.create(hook.url, ["sender.contained"])
        for n in range(3):
            stack.from_script(SPAMMER, f"pills {n}", body=f"{GTUBE}\n")
            assert stack.held(f"pills {n}")["reasons"] == ["spam"]
        hook.wait(1)
        _code, headers, body = hook.posts[0]
        assert headers["x-mailward-event"] == "sender.contained"
        assert verify(made.secret, headers["x-mailward-timestamp"], body, headers["x-mailward-signature"])
        event = json.loads(body)["data"]
        script_id = object_id(SoType.SCRIPT, "mwt-alice", SPAMMER)
        assert event["object"] == {"type": "script", "name": SPAMMER, "id": script_id}
        assert event["auto"] is True and event["by"] == "auto" and event["account"] == "mwt-alice"

        # the script's next message, clean as it is, is held; the account's mailbox still sends
        stack.from_script(SPAMMER, "innocent looking")
        stack.authenticated("dinner")
        assert stack.held("innocent looking")["reasons"] == ["contained"]
        stack.delivered("dinner")
        listed = json.loads(stack.cli("am", "contained", "--account-name=mwt-alice"))["contained"]
        assert [(c["name"], c["auto"], c["holds"]) for c in listed] == [(SPAMMER, True, 3)]
        row = next(s for s in stack.api().get("/am/stats?contained=true&account_name=mwt-alice").json["accounts"][0]
                   ["scripts"] if s["id"] == script_id)
        assert row["contained"]["auto"] is True and row["contained"]["lift_by"] == "reseller"
        stack.cli("am", "uncontain", f"--id={script_id}")
    finally:
        hook.close()
