"""workers.forwarded_copies: the router's query, one recorded outcome per copy, the fail mode (real Redis; Exim's
queue and the scan are stand-ins: the real ones are in tests/functional/test_forwarded_mail.py)."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest
import redis

from core import keys
from core.models import Action, Envelope, Sender, Verdict
from core.settings import Settings
from workers.exim_spool import EximSpoolError, SpooledMessage
from workers.forwarded_copies import (
    DEFER,
    DELIVER,
    FAIL,
    HOLD,
    BadQuery,
    ForwardedCopies,
    ForwardQuery,
    parse_query,
    unescape,
)

MID = "1xaU3l-0001NF-0F"


def test_parse_query() -> None:
    q = parse_query(f"FORWARDED\nId: {MID}\nRcpt: out@remote.test\nParent: info@alice.example\n".encode())
    assert q == ForwardQuery(MID, "out@remote.test", "info@alice.example")
    assert parse_query(f"FORWARDED\r\nId: {MID}\r\nRcpt: caf\\303\\251@x.test\r\nParent: a@b\r\n\r\n".encode()).rcpt \
        == "café@x.test"  # Exim's ${escape:} of a UTF-8 local part, undone


@pytest.mark.parametrize("data", [
    b"", b"CHECK RSPAMC/1.3\n", b"FORWARDED\nId: ../x\nRcpt: a@b\nParent: c@d\n",
    f"FORWARDED\nId: {MID}\nRcpt: nobody\nParent: c@d\n".encode(),
    f"FORWARDED\nId: {MID}\nRcpt: a@b\\012Bcc: x@y\nParent: c@d\n".encode(),  # an escaped newline stays refused
    f"FORWARDED\nId: {MID}\nRcpt: a b@c\nParent: c@d\n".encode(), f"FORWARDED\nId {MID}\n".encode(),
])
def test_bad_queries(data: bytes) -> None:
    with pytest.raises(BadQuery):
        parse_query(data)
    with pytest.raises(BadQuery):
        unescape("tab\there@x")


class Queue:
    """Exim's queue, as the answer sees it: one inbound message (or none)."""

    def __init__(self, direction: str = "incoming") -> None:
        self.reads = 0
        self.msg = SpooledMessage(MID, "Debian-exim", 102, "news@sender.test", ["info@alice.example"],
                                  options={"host_address": "203.0.113.9.4000", "helo_name": "mx.sender.test"},
                                  acl_vars={"acl_m_mailward_dir": direction},
                                  headers=[b"Subject: hi\n"], body=b"Hello.\n")
        self.gone = False

    def read(self, message_id: str, *, body: bool = True) -> SpooledMessage:
        self.reads += 1
        if self.gone:
            raise EximSpoolError("no such message")
        return self.msg


class Scan:
    def __init__(self, action: Action) -> None:
        self.action = action
        self.calls: list[tuple[bytes, Envelope]] = []

    def __call__(self, raw: bytes, env: Envelope) -> Verdict:
        self.calls.append((raw, env))
        return Verdict(self.action, sender=Sender(account="alice"), quarantine_id="q1" if self.action ==
                       Action.QUARANTINE else "")


Q = ForwardQuery(MID, "out@remote.test", "info@alice.example")


@pytest.mark.parametrize(("action", "word"), [(Action.QUARANTINE, HOLD), (Action.ACCEPT, DELIVER),
                                              (Action.ADD_HEADER, DELIVER), (Action.UNSCANNED, DELIVER),
                                              (Action.REJECT, FAIL)])
def test_one_scan_per_copy_and_its_outcome_is_kept(settings: Settings, redis_client: redis.Redis,
                                                   action: Action, word: str) -> None:
    scan = Scan(action)
    copies = ForwardedCopies(settings, redis_client, Queue(), scan)  # type: ignore[arg-type]
    assert [copies.answer(Q) for _ in range(3)] == [word] * 3
    ((raw, env),) = scan.calls
    assert raw == b"Subject: hi\n\nHello.\n"
    assert env == Envelope(sender="news@sender.test", recipients=["out@remote.test"], queue_id=MID,
                           ip="203.0.113.9", helo="mx.sender.test", forwarded_by="info@alice.example")
    other = copies.answer(replace(Q, rcpt="second@remote.test"))  # another copy of the same message: its own scan
    assert other == word and len(scan.calls) == 2


def test_a_deferred_scan_is_asked_again(settings: Settings, redis_client: redis.Redis) -> None:
    scan = Scan(Action.DEFER)
    copies = ForwardedCopies(settings, redis_client, Queue(), scan)  # type: ignore[arg-type]
    assert copies.answer(Q) == DEFER and copies.answer(Q) == DEFER
    assert len(scan.calls) == 2 and not list(redis_client.scan_iter("mw:fwd:*"))


def test_a_copy_under_way_elsewhere_is_deferred_not_scanned_twice(settings: Settings,
                                                                  redis_client: redis.Redis) -> None:
    scan = Scan(Action.QUARANTINE)
    copies = ForwardedCopies(settings, redis_client, Queue(), scan)  # type: ignore[arg-type]
    redis_client.set(keys.forwarded_copy(MID, hashlib.sha256(b"out@remote.test").hexdigest()[:32]), "pending")
    assert copies.answer(Q) == DEFER and scan.calls == []


@pytest.mark.parametrize(("mode", "word"), [("open", DELIVER), ("closed", DEFER)])
def test_what_cannot_be_read_or_recorded_follows_the_fail_mode(settings: Settings, redis_client: redis.Redis,
                                                               mode: str, word: str) -> None:
    st = replace(settings, fail_mode=mode)
    queue = Queue()
    queue.gone = True
    scan = Scan(Action.QUARANTINE)
    assert ForwardedCopies(st, redis_client, queue, scan).answer(Q) == word  # type: ignore[arg-type]
    dead = redis.Redis(unix_socket_path="/nonexistent/redis.sock")
    assert ForwardedCopies(st, dead, Queue(), scan).answer(Q) == word  # type: ignore[arg-type]
    assert scan.calls == []


def test_mail_that_was_not_inbound_is_not_rescanned(settings: Settings, redis_client: redis.Redis) -> None:
    scan = Scan(Action.QUARANTINE)
    copies = ForwardedCopies(settings, redis_client, Queue(direction=""), scan)  # type: ignore[arg-type]
    assert copies.answer(Q) == DELIVER and scan.calls == []
