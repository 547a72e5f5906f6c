"""Sender limits through a real `mailward serve` (2 worker processes x 4 threads): parallel senders on the scan
gateway get exactly the limit through, the rest is quarantined with reason ratelimit; and through a private Exim
a ratelimited message is held, then released, delivered and not counted again.

Every gateway test starts its own serve (under a second), so settings, whitelists and counters never leak
between tests; run-time changes go through LimitStore on serve's Redis, as the API does.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from core.identity.sender_objects import SoType, object_id
from core.models import Envelope
from core.settings import load_settings
from core.store.limits import DRY_RATELIMITED, HELD, RATELIMITED, SENT, LimitStore
from core.store.quarantine import QuarantineStore
from core.store.whitelist import WhitelistStore
from tests.cpanel_tree import AccountSpec, make_cpanel_tree
from tests.functional.conftest import (
    SocketApi,
    SystemUser,
    release_stack,
    serve_for_everyone,
    serve_quarantine,
    serve_redis,
    spam_message,
)
from workers.exim_lab import EximLab, build_message, poll
from workers.scan_client import ScanReply, check_legacy
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

PASSING = frozenset({"no action", "add header"})
THREADS = 24
CLIENT_IP = "192.0.2.10"  # an SMTP AUTH client: the mailbox login attributes the mail to its domain's owner
ACCOUNTS: dict[str, AccountSpec | str] = {
    "acme": {"domain": "acme.example", "addon_domains": ["shop.example.net"]},
    "beta": "beta.example",
    "trusty": "trusted.example",
}


# ------------------------------------------------------------------------------------------------ helpers


def ham(sender: str, to: Sequence[str], subject: str) -> bytes:
    """A plain, clean message (To: shows the first recipient only; the rest are Cc/Bcc by envelope)."""
    return (f"From: <{sender}>\r\nTo: <{to[0]}>\r\nSubject: {subject}\r\n"
            f"Message-ID: <{os.urandom(8).hex()}@mailward.test>\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n"
            f"\r\nHello,\r\nthe minutes of Tuesday's meeting are on the shared drive.\r\nRegards\r\n").encode()


@dataclass(frozen=True, slots=True)
class Sent:
    """One message fired at the gateway and what the gateway answered."""

    sender: str
    recipients: tuple[str, ...]
    reply: ScanReply

    @property
    def passed(self) -> bool:
        return self.reply.action in PASSING

    @property
    def ratelimited(self) -> bool:
        return self.reply.action == "quarantine" and "RATELIMIT" in self.reply.symbols


@dataclass
class Gateway:
    """A running serve with the stores a test reads back."""

    serve: ServeProcess
    client: redis.Redis
    limits: LimitStore
    quarantine: QuarantineStore

    def send(self, sender: str, recipients: Sequence[str] = ("to@dest.test",), *, subject: str = "minutes",
             message: bytes | None = None) -> Sent:
        """One message as Exim hands it over after SMTP AUTH as the sender's mailbox."""
        env = Envelope(sender=sender, recipients=list(recipients), user=sender, ip=CLIENT_IP)
        raw = message if message is not None else ham(sender, recipients, subject)
        return Sent(sender, tuple(recipients), check_legacy(self.serve.tcp, raw, env, timeout=60))

    def fire(self, jobs: Sequence[tuple[str, Sequence[str]]], threads: int = THREADS) -> list[Sent]:
        """Send every (sender, recipients) job from `threads` threads released at once; every answer."""
        todo = list(enumerate(jobs))
        lock = threading.Lock()
        start = threading.Barrier(threads)
        out: list[Sent] = []
        errors: list[BaseException] = []

        def run() -> None:
            start.wait(30)
            while True:
                with lock:
                    if not todo:
                        return
                    n, (sender, rcpts) = todo.pop()
                try:
                    sent = self.send(sender, rcpts, subject=f"burst {n}")
                except BaseException as exc:
                    with lock:
                        errors.append(exc)
                    return
                with lock:
                    out.append(sent)

        workers = [threading.Thread(target=run) for _ in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(180)
        assert not errors, errors
        assert len(out) == len(jobs), "a sender thread hung"
        return out

    def stats(self, so_type: SoType, account: str, name: str) -> Counter[str]:
        """One sender object's outcome counts over the last hour (without limit_hit and the held_<reason> split)."""
        found = self.limits.counts(3600).get(object_id(so_type, account, name))
        counts = Counter(found.counts) if found else Counter()
        for detail in [k for k in counts if k == "limit_hit" or k.startswith("held_")]:
            counts.pop(detail)
        return counts

    def window(self, so_type: SoType, account: str, name: str) -> int:
        """How much of its hourly limit a sender object used."""
        return self.limits.window_count(object_id(so_type, account, name))

    def held_reasons(self, account: str) -> Counter[str]:
        """Reasons of every message held for account (joined when a message has several)."""
        items, total = self.quarantine.list(account, limit=10_000)
        assert len(items) == total
        return Counter(",".join(r.reasons) for r in items)

    def scanned_by(self) -> set[str]:
        """The worker processes that logged a scan."""
        return {ln.split()[2] for ln in self.serve.log().splitlines() if " mailward.scan: scan " in ln}


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[Callable[..., Gateway]]:
    """Factory: gateway(limits={...}, whitelist=[...]) -> a running serve with the cPanel tree of ACCOUNTS.

    limits go into the serve's settings file ([limits]); whitelist entries (sender emails or domains) are
    stored before the first scan, so no worker's whitelist cache can predate them.
    """
    tree = make_cpanel_tree(tmp_path / "cpanel", ACCOUNTS)
    file_defaults = load_settings(environ={}).limits
    with contextlib.ExitStack() as stack:  # every serve a test started stops, whatever happens

        def make(limits: Mapping[str, int | bool] | None = None, whitelist: Sequence[str] = ()) -> Gateway:
            values = {"workers.processes": "2", "workers.threads": "4", "scan.timeout": "20.0",
                      "cpanel.root": json.dumps(str(tree))}
            values.update({f"limits.{k}": json.dumps(v) for k, v in (limits or {}).items()})
            serve = stack.enter_context(serve_for_everyone(values, prefix="mailward-limits-"))
            poll(lambda: all(f"worker {i} ready" in serve.log() for i in range(2)), 60, "both workers ready")
            client = serve_redis(serve)
            stack.callback(client.close)
            if whitelist:
                WhitelistStore(client).add("sender", list(whitelist))
            return Gateway(serve, client, LimitStore(client, file_defaults), serve_quarantine(serve))

        yield make


def outcome_of(sent: Sequence[Sent]) -> Counter[str]:
    """How many passed, were ratelimited, or got anything else."""
    return Counter("passed" if s.passed else "ratelimited" if s.ratelimited else s.reply.action for s in sent)


# ---------------------------------------------------------------------------------- limits at the gateway


def test_sender_email_limit_passes_exactly_the_limit_from_parallel_senders(
        gateway: Callable[..., Gateway]) -> None:
    limit = 20
    gw = gateway({"sender_email": limit})
    sender = "alice@acme.example"
    sent = gw.fire([(sender, ["to@dest.test"])] * (3 * limit), threads=32)
    assert outcome_of(sent) == {"passed": limit, "ratelimited": 2 * limit}
    assert gw.scanned_by() == {"worker-0", "worker-1"}  # two processes raced on the same counter

    # every held message is in the quarantine once, with reason ratelimit only, under its id from the gateway
    held_ids = {s.reply.quarantine_id for s in sent if s.ratelimited}
    assert len(held_ids) == 2 * limit and "" not in held_ids
    items, total = gw.quarantine.list("acme", limit=1000)
    assert total == 2 * limit and {r.email_id for r in items} == held_ids
    assert all(r.reasons == ["ratelimit"] and r.sender_email == sender for r in items)

    # the counters agree: each message counted once per object, ratelimited ones not as held as well
    for so_type, name in ((SoType.SENDER_EMAIL, sender), (SoType.DOMAIN, "acme.example"),
                          (SoType.ACCOUNT, "acme")):
        assert gw.stats(so_type, "acme", name) == {SENT: limit, RATELIMITED: 2 * limit}, so_type
    assert gw.window(SoType.SENDER_EMAIL, "acme", sender) == limit

    # the limit is per sender email: another mailbox of the same account still sends
    other = gw.send("bob@acme.example")
    assert other.passed, other.reply
    assert gw.send(sender).ratelimited


def test_account_limit_counts_every_sender_and_domain_of_the_account(gateway: Callable[..., Gateway]) -> None:
    limit = 15
    gw = gateway()
    gw.limits.set_server_settings({"account": limit})  # at run time: the workers read it on the next message
    senders = ["a@acme.example", "b@acme.example", "sales@shop.example.net"]
    jobs = [(senders[i % 3], ["to@dest.test"]) for i in range(3 * limit)]
    sent = gw.fire(jobs)
    assert outcome_of(sent) == {"passed": limit, "ratelimited": 2 * limit}
    assert gw.stats(SoType.ACCOUNT, "acme", "acme") == {SENT: limit, RATELIMITED: 2 * limit}
    assert sum(gw.stats(SoType.SENDER_EMAIL, "acme", s)[SENT] for s in senders) == limit
    assert gw.held_reasons("acme") == {"ratelimit": 2 * limit}
    # another account has its own budget
    assert gw.send("bob@beta.example").passed


def test_recipients_mode_counts_envelope_recipients_including_bcc(gateway: Callable[..., Gateway]) -> None:
    gw = gateway({"limit_mode": 2, "sender_email": 20})
    sender = "alice@acme.example"
    rcpts = ["to@dest.test", "cc@dest.test", "bcc@hidden.test"]  # the Bcc exists in the envelope only
    sent = gw.fire([(sender, rcpts)] * 30, threads=16)
    assert outcome_of(sent) == {"passed": 6, "ratelimited": 24}  # 6 x 3 = 18 of 20 recipients
    assert gw.window(SoType.SENDER_EMAIL, "acme", sender) == 18
    # a message whose recipients would cross the limit is held whole; a smaller one still fits
    assert gw.send(sender, rcpts).ratelimited
    assert gw.send(sender, rcpts[:2]).passed
    assert gw.send(sender, rcpts[:1]).ratelimited
    assert gw.window(SoType.SENDER_EMAIL, "acme", sender) == 20
    items, _ = gw.quarantine.list("acme", limit=1000)
    assert len(items) == 26 and all(r.reasons == ["ratelimit"] for r in items)
    assert all(r.recipients == rcpts for r in items[1:])  # newest first: the 1-recipient one leads
    assert gw.stats(SoType.SENDER_EMAIL, "acme", sender) == {SENT: 7, RATELIMITED: 26}  # messages, not rcpts


def test_whitelisted_senders_skip_the_checks_but_never_the_limits(gateway: Callable[..., Gateway]) -> None:
    """A whitelisted address is what a compromised account would send as: its mail is not filtered, but it counts
    against the account's limits and is held as ratelimit past them like anyone's (issue 14, item 3)."""
    gw = gateway({"account": 3, "domain": 3, "sender_email": 3}, whitelist=["vip@acme.example", "trusted.example"])
    vip_spam = gw.send("vip@acme.example", message=spam_message("vip@acme.example", ["to@dest.test"], "offer"))
    assert vip_spam.passed  # whitelisted: no checks
    jobs = ([("vip@acme.example", ["to@dest.test"])] * 20 + [("news@trusted.example", ["to@dest.test"])] * 20
            + [("plain@acme.example", ["to@dest.test"])] * 9)
    sent = gw.fire(jobs)
    passed = Counter(s.sender.rpartition("@")[2] for s in sent if s.passed)
    assert passed == {"acme.example": 2, "trusted.example": 3}  # acme's account limit already had vip's spam
    assert all(s.ratelimited for s in sent if not s.passed)
    assert gw.window(SoType.ACCOUNT, "acme", "acme") == 3
    assert gw.window(SoType.DOMAIN, "trusty", "trusted.example") == 3
    assert gw.held_reasons("acme") == {"ratelimit": 27} and gw.held_reasons("trusty") == {"ratelimit": 17}


def test_tier2_override_beats_tier1_zero_is_unlimited_minus_one_restores(gateway: Callable[..., Gateway]) -> None:
    gw = gateway({"sender_email": 5})
    alice, bob = "alice@acme.example", "bob@acme.example"
    assert gw.send(alice).passed  # alice is seen: her sender object exists now
    alice_id = object_id(SoType.SENDER_EMAIL, "acme", alice)
    gw.limits.set_limit(alice_id, "sender_email", 12)
    sent = gw.fire([(alice, ["to@dest.test"])] * 20 + [(bob, ["to@dest.test"])] * 20)
    assert outcome_of([s for s in sent if s.sender == alice]) == {"passed": 11, "ratelimited": 9}
    assert outcome_of([s for s in sent if s.sender == bob]) == {"passed": 5, "ratelimited": 15}

    gw.limits.set_limit(alice_id, "sender_email", 0)  # unlimited for alice alone
    assert outcome_of(gw.fire([(alice, ["to@dest.test"])] * 16)) == {"passed": 16}
    assert gw.send(bob).ratelimited

    gw.limits.set_limit(alice_id, "sender_email", -1)  # back to the server default of 5: her 12 are too many
    assert gw.limits.overrides() == {}
    assert gw.send(alice).ratelimited
    assert gw.stats(SoType.SENDER_EMAIL, "acme", alice) == {SENT: 1 + 11 + 16, RATELIMITED: 9 + 1}


def test_dry_run_lets_everything_through_but_counts_what_it_would_hold(gateway: Callable[..., Gateway]) -> None:
    gw = gateway({"sender_email": 10, "dry_run": True})
    sender = "alice@acme.example"
    assert outcome_of(gw.fire([(sender, ["to@dest.test"])] * 30)) == {"passed": 30}
    assert gw.held_reasons("acme") == {}
    assert gw.stats(SoType.SENDER_EMAIL, "acme", sender) == {SENT: 30, DRY_RATELIMITED: 20}
    assert gw.serve.log().count("(dry run: not held)") == 20
    # dry run off at run time: the limit now holds (the window is full of what dry run let through)
    gw.limits.set_server_settings({"dry_run": False})
    assert gw.send(sender).ratelimited


def test_daily_limit_is_enforced_at_the_gateway(gateway: Callable[..., Gateway]) -> None:
    gw = gateway({"daily_sender_email": 8, "sender_email": 100})
    sender = "alice@acme.example"
    sent = gw.fire([(sender, ["to@dest.test"])] * 24)
    assert outcome_of(sent) == {"passed": 8, "ratelimited": 16}
    assert gw.held_reasons("acme") == {"ratelimit": 16}
    assert "reached its limit of 8 per 24 hours" in gw.serve.log()


def test_held_and_rejected_mail_is_recorded_not_admitted(gateway: Callable[..., Gateway]) -> None:
    gw = gateway({"sender_email": 3})
    sender = "alice@acme.example"
    for n in range(2):
        spam = gw.send(sender, message=spam_message(sender, ["to@dest.test"], f"spam {n}"))
        assert spam.reply.action == "quarantine" and "RATELIMIT" not in spam.reply.symbols
    assert gw.window(SoType.SENDER_EMAIL, "acme", sender) == 0  # spam holds use none of the budget
    sent = gw.fire([(sender, ["to@dest.test"])] * 5, threads=5)
    assert outcome_of(sent) == {"passed": 3, "ratelimited": 2}
    assert gw.stats(SoType.SENDER_EMAIL, "acme", sender) == {HELD: 2, SENT: 3, RATELIMITED: 2}
    assert gw.held_reasons("acme") == {"spam": 2, "ratelimit": 2}


# ------------------------------------------------------------------------------- release through real Exim

SENDER = "user@alice.example"
PASSWORD = "alice-secret"
RCPTS = ("to@dest.test", "bcc@hidden.test")
MARKER = "mailward-release"


@pytest.fixture
def exim_stack(system_users: dict[str, SystemUser]) -> Iterator[tuple[ServeProcess, EximLab]]:
    """A lab Exim scanning through serve (sender_email limit 1) whose API releases into that lab."""
    accounts = {"mwt-alice": {"domain": "alice.example", "uid": system_users["mwt-alice"].uid}}
    values = {"workers.processes": "2", "workers.threads": "4", "limits.sender_email": "1"}
    with release_stack("mailward-limits-release-", accounts, values, users={SENDER: PASSWORD},
                       marker=MARKER) as (serve, lab, _):
        poll(lambda: all(f"worker {i} ready" in serve.log() for i in range(2)), 60, "both workers ready")
        yield serve, lab


def test_ratelimited_mail_is_held_by_exim_and_released_without_counting_again(
        exim_stack: tuple[ServeProcess, EximLab]) -> None:
    serve, lab = exim_stack
    client = serve_redis(serve)
    limits = LimitStore(client, load_settings(environ={}).limits)
    email_id_obj = object_id(SoType.SENDER_EMAIL, "mwt-alice", SENDER)
    store = serve_quarantine(serve)

    def submit(subject: str) -> str:
        msg = build_message(SENDER, [RCPTS[0]], subject, "Hello,\nthe invoice is attached.\n")
        r = lab.send_smtp_auth(SENDER, list(RCPTS), message=msg)
        assert r.data_code == 250, r.transcript
        lab.wait_log(f"{r.queue_id} Completed")
        return r.queue_id

    def delivered(subject: str) -> list[str]:
        return sorted(h for d in lab.delivered() if d.subject == subject for h in d.headers("Envelope-to"))

    def stats() -> Counter[str]:
        found = limits.counts(3600).get(email_id_obj)
        counts = Counter(found.counts) if found else Counter()
        counts.pop("limit_hit", None)
        return counts

    try:
        submit("first of the hour")
        lab.wait_delivered(lambda d: d.subject == "first of the hour", count=len(RCPTS))

        qid = submit("one too many")
        (rec,) = poll(lambda: store.list("mwt-alice")[0] or None, 15, "the ratelimited message")  # type: ignore[misc]
        assert rec.reasons == ["ratelimit"] and rec.queue_id == qid and rec.recipients == list(RCPTS)
        assert f"{qid} => blackhole (DATA ACL discarded recipients)" in lab.mainlog()
        assert delivered("one too many") == []
        assert limits.window_count(email_id_obj) == 1
        before = stats()
        assert before == {SENT: 1, RATELIMITED: 1}
        scans = serve.log().count(" scan queue_id=")

        reply = SocketApi(serve.info["api_socket"]).post(f"/emails/{rec.email_id}/release")
        assert reply.status == 200, reply.text
        lab.wait_delivered(lambda d: d.subject == "one too many", count=len(RCPTS))
        lab.wait_queue_empty()
        assert delivered("one too many") == sorted(RCPTS)  # the Bcc too, once each

        # released mail skipped the scan: no count in the window or the stats, no new decision
        assert serve.log().count(" scan queue_id=") == scans
        assert limits.window_count(email_id_obj) == 1
        assert stats() == before
        # and the sender is still at its limit: the next message is held again
        qid3 = submit("still too many")
        poll(lambda: [r for r in store.list("mwt-alice")[0] if r.queue_id == qid3] or None, 15, "third hold")
        assert delivered("still too many") == []
        assert stats() == {SENT: 1, RATELIMITED: 2}
    finally:
        client.close()
