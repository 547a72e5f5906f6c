"""Digests through a real private Exim: a held message is listed in its account owner's digest, which is an ordinary
local submission (root's sendmail, no release marker) that Exim scans like any other mail, and the digest's
one-click release link delivers the held message once. The owner may not send its digest to a stranger, only to
its own domains (ie-cli run as its own uid), and the next digest goes there; a digest quoting held spam is itself
held, so a digest smuggles nothing.

The stack is test_release.py's: EximLab (trusted_users = mwt-release) scanning through a real `mailward serve` whose
sendmail, in a mount namespace, submits to the lab.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from urllib.parse import urlencode

import pytest

from core import keys
from tests.functional.conftest import GTUBE, SocketApi, SystemUser, ie_cli, release_stack, serve_redis
from workers.exim_lab import Delivered, EximLab, build_message, poll
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

SENDER = "user@alice.example"
PASSWORD = "alice-secret"
OWNER = "owner@dest.test"
ELSEWHERE = "digests@elsewhere.test"
OWN = "digests@alice.example"
NOTIFIER = "mailward@server.example.net"
MARKER = "mailward-release"
BASE_URL = "http://127.0.0.1:1"
LINK_RE = re.compile(r"^\s+(Release|Delete): " + re.escape(BASE_URL) + r"/api/v1/actions/(\S+)$", re.M)


@pytest.fixture(scope="module")
def stack(system_users: dict[str, SystemUser]) -> Iterator[tuple[ServeProcess, EximLab]]:
    accounts = {"mwt-alice": {"domain": "alice.example", "uid": system_users["mwt-alice"].uid,
                              "settings": {"CONTACTEMAIL": OWNER}}}
    values = {"notifications.enabled": "true", "notifications.digest": '"hourly"',
              "notifications.check_interval_s": "1", "notifications.base_url": json.dumps(BASE_URL),
              "notifications.sender": json.dumps(NOTIFIER)}
    with release_stack("mailward-notify-", accounts, values, users={SENDER: PASSWORD}, marker=MARKER) as (
            serve, lab, _):
        yield serve, lab


def _body(copy: Delivered) -> str:
    msg = message_from_bytes(copy.raw, policy=default)
    assert isinstance(msg, EmailMessage)
    return str(msg.get_content())


def test_digest_lists_held_mail_and_its_link_releases_once(stack: tuple[ServeProcess, EximLab],
                                                           system_users: dict[str, SystemUser]) -> None:
    serve, lab = stack
    api = SocketApi(serve.info["api_socket"])
    subject = "held for the owner's digest"
    msg = build_message(SENDER, ["to@dest.test"], subject, f"{GTUBE}\n")
    sent = lab.send_smtp_auth(SENDER, ["to@dest.test"], message=msg)
    assert sent.data_code == 250, sent.transcript
    assert f"{sent.queue_id} => blackhole (DATA ACL discarded recipients)" in lab.wait_log(f"{sent.queue_id} Completed")
    (held,) = api.get(f"/emails?{urlencode({'subject': subject})}").json["items"]
    assert held["account_name"] == "mwt-alice"
    scans = serve.log().count(" scan queue_id=")

    # The job's first run (at start-up) took this hour's digest slot; begin the next period now.
    serve_redis(serve).delete(keys.notify_digest_due("hourly"))
    digest_subject = "[Mailward] 1 message(s) held for mwt-alice"
    (digest,) = lab.wait_delivered(lambda d: d.subject == digest_subject, timeout=60)
    lab.wait_queue_empty()
    assert digest.headers("Envelope-to") == [OWNER]
    assert digest.headers("Auto-Submitted") == ["auto-generated"]
    assert digest.headers("X-ImunifyEmail-Filter-Action") not in ([], ["unscanned"])  # the filter scanned it
    body = _body(digest)
    assert f"Subject: {subject}" in body and f"from {SENDER}" in body
    links = dict(LINK_RE.findall(body))
    assert set(links) == {"Release", "Delete"}, body

    log = lab.mainlog()
    (line,) = [ln for ln in log.splitlines() if " <= " in ln and f'T="{digest_subject}"' in ln]
    assert f"<= {NOTIFIER} U=root P=local " in line, line  # not the release user, not the marker
    new_id = line.split()[2]
    assert f"{new_id} => owner <{OWNER}> R=lab_maildir" in log
    assert serve.log().count(" scan queue_id=") > scans
    assert api.get(f"/emails?{urlencode({'subject': digest_subject})}").json["max_count"] == 0

    # The release link, POSTed to the API: the held message goes out once; the link is then used up.
    released = api.post(f"/actions/{links['Release']}")
    assert released.status == 200, released.text
    assert released.json["status"] == "released" and released.json["email_id"] == held["email_id"]
    (copy,) = lab.wait_delivered(lambda d: d.subject == subject, timeout=30)
    assert copy.headers("Envelope-to") == ["to@dest.test"]
    again = api.post(f"/actions/{links['Release']}")
    assert again.status == 403, again.text
    assert "already used" in again.message
    lab.wait_queue_empty()
    assert len([d for d in lab.delivered() if d.subject == subject]) == 1

    # The owner, as its own uid (SO_PEERCRED), may not point its digest at a stranger, only at its own domains.
    refused = ie_cli(["accounts", "edit", "-a", "mwt-alice", "--digest-address", ELSEWHERE, "--json"],
                     serve.info["api_socket"], system_users["mwt-alice"])
    assert refused.returncode != 0 and "not on a domain of account mwt-alice" in refused.stderr, refused.stderr
    edit = ie_cli(["accounts", "edit", "-a", "mwt-alice", "--digest-address", OWN, "--json"],
                  serve.info["api_socket"], system_users["mwt-alice"])
    assert edit.returncode == 0, edit.stderr
    assert json.loads(edit.stdout)["digest_address"] == OWN
    later = "held after the owner's choice"
    sent = lab.send_smtp_auth(SENDER, ["to@dest.test"], message=build_message(SENDER, ["to@dest.test"], later,
                                                                              f"{GTUBE}\n"))
    assert sent.data_code == 250, sent.transcript
    lab.wait_log(f"{sent.queue_id} Completed")
    assert api.get(f"/emails?{urlencode({'subject': later})}").json["max_count"] == 1
    serve_redis(serve).delete(keys.notify_digest_due("hourly"))
    (moved,) = lab.wait_delivered(lambda d: d.subject == digest_subject and d.headers("Envelope-to") == [OWN],
                                  timeout=60)
    body = _body(moved)
    assert f"Subject: {later}" in body and f"Subject: {subject}" not in body
    lab.wait_queue_empty()
    assert [d.headers("Envelope-to") for d in lab.delivered() if d.subject == digest_subject] == [[OWNER], [OWN]]

    # Held spam whose subject is the spam: the digest quoting it is scanned like any mail, and held too.
    sent = lab.send_smtp_auth(SENDER, ["to@dest.test"], message=build_message(SENDER, ["to@dest.test"], GTUBE,
                                                                              f"{GTUBE}\n"))
    assert sent.data_code == 250, sent.transcript
    lab.wait_log(f"{sent.queue_id} Completed")
    serve_redis(serve).delete(keys.notify_digest_due("hourly"))
    poll(lambda: api.get(f"/emails?{urlencode({'subject': digest_subject})}").json["max_count"] == 1, 60,
         "the digest quoting GTUBE to be held")
    (held_digest,) = api.get(f"/emails?{urlencode({'subject': digest_subject})}").json["items"]
    assert "spam" in held_digest["reasons"] and held_digest["sender"] == NOTIFIER, held_digest
    lab.wait_queue_empty()
    assert [d.headers("Envelope-to") for d in lab.delivered() if d.subject == digest_subject] == [[OWNER], [OWN]]
