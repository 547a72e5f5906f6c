"""Issue 14, items 1, 2, 3 and 8, on a real private Exim and a real serve: what the MTA vouches for decides.

- `exim -bh` (any local user may run it; Exim then runs the ACL as its own user) never reaches the gateway and
  changes no state, even with a forged AUTH id (-oMai) and a victim's uid in X-PHP-Originating-Script.
- Mail without an MTA-vouched identity (sendmail as a non-account uid, unauthenticated SMTP from this server) is
  billed to root, never to the account a header or the envelope names.
- Unauthenticated SMTP from this server to a local domain is a local submission: scanned as outgoing.
- A whitelisted domain in From: of an account's null-sender mail does not skip the filter.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis

from core.store.quarantine import QuarantineStore
from core.store.whitelist import WhitelistStore
from tests.cpanel_tree import make_cpanel_tree
from tests.functional.conftest import GTUBE, SystemUser, serve_quarantine, serve_redis
from workers.exim_lab import EXIM_BINARY, EximLab, build_message, poll
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

ALICE, BOB = "user@alice.example", "boss@bob.example"
USERS = {ALICE: "alice-secret", BOB: "bob-secret"}
LOCAL_DOMAIN = "lab.mailward.test"  # EximLab's local domain


@pytest.fixture
def stack(tmp_path: Path, exim_lab: Callable[..., EximLab],
          system_users: dict[str, SystemUser]) -> Iterator[tuple[ServeProcess, EximLab, dict[str, SystemUser]]]:
    """serve with two cPanel accounts whose uids are real system users, and a lab Exim scanning through it."""
    tree = make_cpanel_tree(tmp_path / "cpanel", {
        "mwt-alice": {"domain": "alice.example", "uid": system_users["mwt-alice"].uid},
        "mwt-bob": {"domain": "bob.example", "uid": system_users["mwt-bob"].uid},
    })
    toml = (f'[scan]\nlisten = ["127.0.0.1:0"]\ntimeout = 10.0\n[workers]\nprocesses = 1\nthreads = 2\n'
            f'[cpanel]\nroot = "{tree}"\n')
    serve = ServeProcess(tmp_path / "state", toml)
    serve.start()
    try:
        yield serve, exim_lab(serve.tcp, "open", users=USERS), system_users
    finally:
        serve.stop()


def _state(serve: ServeProcess) -> tuple[set[bytes], int]:
    """Mailward's Redis keys and the number of scans serve logged."""
    client = serve_redis(serve)
    try:
        names = set(client.scan_iter("mw:*", count=1000))
    finally:
        client.close()
    return names, serve.log().count(" mailward.scan: scan ")


def _held(store: QuarantineStore, account: str) -> list[str]:
    items, _ = store.list(account, limit=1000)
    return [r.subject for r in items]


def _exim_bh(lab: EximLab, user: SystemUser, rcpt: str, message: bytes, *extra: str) -> str:
    """An `exim -bh` session by a local user, who sees the lab's config as the system one; Exim's output."""
    session = (f"EHLO attacker.test\r\nMAIL FROM:<{BOB}>\r\nRCPT TO:<{rcpt}>\r\nDATA\r\n").encode() + message \
        + b"\r\n.\r\nQUIT\r\n"
    argv = [*lab.namespace_argv(), "setpriv", f"--reuid={user.uid}", f"--regid={user.gid}", "--clear-groups",
            "--reset-env", "--", EXIM_BINARY, "-bh", "127.0.0.1", *extra]
    proc = subprocess.run(argv, input=session, capture_output=True, timeout=60, check=False)
    return proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")


def test_exim_test_session_by_a_local_user_reaches_nothing(
        stack: tuple[ServeProcess, EximLab, dict[str, SystemUser]]) -> None:
    serve, lab, users = stack
    store = serve_quarantine(serve)
    # what the attacker wants planted: a hold in bob's quarantine, bob's limits used up, bob named in alerts
    forged = [("X-PHP-Originating-Script", f"{users['mwt-bob'].uid}:mailer.php")]
    before = _state(serve)
    for rcpt in ("victim@remote.test", f"info@{LOCAL_DOMAIN}"):
        for extra in ((), ("-oMai", BOB, "-oMaa", "lab_plain", "-oMi", f"127.0.0.1.{lab.port}")):
            msg = build_message(BOB, rcpt, subject="planted", body=f"{GTUBE}\n", headers=forged)
            out = _exim_bh(lab, users["mwt-stranger"], rcpt, msg, *extra)
            assert "250 OK id=" in out, out  # Exim ran the whole session, data ACL included
            assert "Mailward: not scanned: an Exim test session (exim -bh)" in out, out
    assert _state(serve) == before  # no scan, no key written: no hold, no counter, no campaign, no event
    assert store.list(None)[1] == 0
    # the same message through the daemon, as bob's mailbox, is scanned and held: the path was live all along
    r = lab.send_smtp_auth(BOB, ["victim@remote.test"], subject="real", body=f"{GTUBE}\n", user=BOB)
    assert r.data_code == 250
    lab.wait_log(f"{r.queue_id} Completed")
    poll(lambda: _held(store, "mwt-bob"), 20, "bob's real spam held")
    assert _held(store, "mwt-bob") == ["real"]


def test_mail_without_a_vouched_identity_is_billed_to_root(
        stack: tuple[ServeProcess, EximLab, dict[str, SystemUser]]) -> None:
    serve, lab, users = stack
    store = serve_quarantine(serve)
    forged = [("X-PHP-Originating-Script", f"{users['mwt-bob'].uid}:mailer.php"),
              ("X-PHP-Script", "bob.example/mailer.php for 203.0.113.9")]
    # sendmail as a uid that is no account (a PHP script running as a shared user), naming bob's uid and site
    msg = build_message(BOB, "victim@remote.test", subject="via sendmail", body=f"{GTUBE}\n", headers=forged)
    done = lab.send_sendmail_as(users["mwt-stranger"].uid, msg, ["victim@remote.test"])
    assert done.returncode == 0, done.stderr
    # unauthenticated SMTP from this server with bob's address as envelope sender
    r = lab.send_smtp_auth(BOB, ["victim@remote.test"], subject="via localhost", body=f"{GTUBE}\n", auth="")
    assert r.data_code == 250
    poll(lambda: len(_held(store, "root")) == 2, 20, "both held under root")
    assert sorted(_held(store, "root")) == ["via localhost", "via sendmail"]
    assert _held(store, "mwt-bob") == []
    log = serve.log()
    assert log.count("account=root") >= 2 and "account=mwt-bob" not in log


def test_unauthenticated_smtp_from_this_server_to_a_local_domain_is_scanned_as_outgoing(
        stack: tuple[ServeProcess, EximLab, dict[str, SystemUser]]) -> None:
    serve, lab, _ = stack
    store = serve_quarantine(serve)
    r = lab.send_smtp_auth(BOB, [f"info@{LOCAL_DOMAIN}"], subject="local relay", body=f"{GTUBE}\n", auth="")
    assert r.data_code == 250
    lab.wait_log(f"{r.queue_id} Completed")
    assert _held(store, "root") == ["local relay"]
    assert not any(d.subject == "local relay" for d in lab.delivered())
    clean = lab.send_smtp_auth(BOB, [f"info@{LOCAL_DOMAIN}"], subject="local note", body="See you at noon.\n",
                               auth="")
    assert clean.data_code == 250
    (d,) = lab.wait_delivered(lambda d: d.subject == "local note")
    assert d.headers("X-ImunifyEmail-Filter-Action")  # scanned (outgoing verdict headers), not skipped as inbound


def test_null_sender_with_a_whitelisted_from_is_still_filtered(
        stack: tuple[ServeProcess, EximLab, dict[str, SystemUser]]) -> None:
    serve, lab, _ = stack
    client: redis.Redis = serve_redis(serve)
    try:
        WhitelistStore(client).add("sender", ["bob.example"])
    finally:
        client.close()
    store = serve_quarantine(serve)
    msg = build_message(BOB, "victim@remote.test", subject="from a whitelisted name", body=f"{GTUBE}\n")
    r = lab.send_smtp_auth("<>", ["victim@remote.test"], message=msg, user=ALICE)
    assert r.data_code == 250
    poll(lambda: _held(store, "mwt-alice"), 20, "alice's mail held")
    assert _held(store, "mwt-alice") == ["from a whitelisted name"]
