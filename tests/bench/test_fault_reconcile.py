"""bench.fault_reconcile's counting: each anomaly of issue 15 is found where it is (a stand-in lab, real Redis)."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import redis

from bench.fault_mail import Sent, build
from bench.fault_reconcile import reconcile
from core import keys
from workers.exim_lab import Delivered

EMAIL_IDS = [f"6f1c2a9e-0d7b-4a53-9d6e-3c1b2a4f5e6{i}" for i in range(4)]


class FakeLab:
    """What reconcile reads of an EximLab: the mailbox, the queue listing, the main log."""

    def __init__(self, delivered: list[bytes], queue: str = "", mainlog: str = "") -> None:
        self._delivered = delivered
        self._queue = queue
        self._mainlog = mainlog

    def delivered(self) -> list[Delivered]:
        return [Delivered(Path("/dev/null"), raw, email.message_from_bytes(raw, policy=email.policy.compat32))
                for raw in self._delivered]

    def queue_list(self) -> str:
        return self._queue

    def mainlog(self) -> str:
        return self._mainlog


def _hold(state: Path, client: redis.Redis, email_id: str, raw: bytes, *, index: bool = True,
          sidecar: bool = True) -> None:
    d = state / "quarantine" / "root"
    d.mkdir(parents=True, exist_ok=True)
    (d / f"{email_id}.eml").write_bytes(raw)
    if sidecar:
        (d / f"{email_id}.json").write_text(json.dumps({"email_id": email_id}))
    if index:
        client.zadd(keys.quarantine_all(), {email_id: 1.0})


def test_every_anomaly_is_counted(tmp_path: Path, redis_client: redis.Redis) -> None:
    state = tmp_path / "state"
    (state / "spool").mkdir(parents=True)
    sent = [Sent("t-00000", "clean", "smtp", True, "250 OK"),  # delivered: fine
            Sent("t-00001", "gtube", "smtp", True, "250 OK"),  # held: fine
            Sent("t-00002", "clean", "smtp", True, "250 OK"),  # accepted, nowhere: lost
            Sent("t-00003", "gtube", "smtp", True, "250 OK"),  # delivered and held: duplicated, spam out
            Sent("t-00004", "gtube", "local", False, "sendmail exit 75: "),  # held, yet refused
            Sent("t-00005", "clean", "smtp", True, "250 OK"),  # still in Exim's queue
            Sent("t-00006", "clean", "smtp", False, "451 4.7.1 later"),  # refused: fine
            Sent("t-00007", "clean", "smtp", True, "250 OK")]  # delivered twice by Exim: noted, not Mailward's
    unscanned = build(sent[3]).replace(b"\r\n\r\n", b"\r\nX-ImunifyEmail-Filter-Action: unscanned\r\n\r\n", 1)
    lab = FakeLab([build(sent[0]), unscanned, build(sent[7]), build(sent[7])],
                  queue=" 2m   626 1xaU0O-0003SA-2v <alice@example.com>\n          bob@lab.mailward.test\n",
                  mainlog='2026-12-07 08:23:29 1xaU0O-0003SA-2v <= alice@example.com P=esmtpa T="fault t-00005" '
                          "for bob@lab.mailward.test\n")
    _hold(state, redis_client, EMAIL_IDS[0], build(sent[1]))
    _hold(state, redis_client, EMAIL_IDS[1], build(sent[3]))
    _hold(state, redis_client, EMAIL_IDS[2], build(sent[4]), index=False)  # an orphan file, too
    redis_client.zadd(keys.quarantine_all(), {EMAIL_IDS[3]: 1.0})  # an index entry without a file
    (state / "spool" / "a.eml").write_bytes(b"left behind")
    redis_client.hset(keys.scan_body("x"), "s", "ready")  # no expiry: leaked
    redis_client.hset(keys.scan_body("y"), "s", "ready")
    redis_client.pexpire(keys.scan_body("y"), 60_000)  # expires on its own: noted, not leaked

    t = reconcile("test", "open", sent, lab, state, redis_client, api_listed=3)  # type: ignore[arg-type]
    counts = {k: getattr(t, k) for k in ("delivered", "held", "refused", "queued", "lost", "duplicated",
                                         "held_refused", "unscanned", "spam_out", "orphans", "leaked")}
    assert t.redelivered == 1 and t.examples["delivered twice"] == ["t-00007"]
    assert counts == {"delivered": 3, "held": 3, "refused": 2, "queued": 1, "lost": 1, "duplicated": 1,
                      "held_refused": 1, "unscanned": 1, "spam_out": 1, "orphans": 2, "leaked": 2}
    assert t.examples["lost"] == ["t-00002"] and t.examples["duplicated"] == ["t-00003"]
    assert t.broken == 1 + 1 + 1 + 2 + 2
    assert any("left to expire" in n for n in t.notes)


def test_a_clean_run_breaks_nothing(tmp_path: Path, redis_client: redis.Redis) -> None:
    state = tmp_path / "state"
    sent = [Sent("t-00000", "clean", "local", True, "sendmail exit 0: "),
            Sent("t-00001", "exe", "smtp", True, "250 OK", data_s=0.05)]
    _hold(state, redis_client, EMAIL_IDS[0], build(sent[1]))
    t = reconcile("test", "open", sent, FakeLab([build(sent[0])]), state, redis_client,  # type: ignore[arg-type]
                  api_listed=1)
    assert (t.delivered, t.held, t.broken, t.spam_out, t.p99_ms) == (1, 1, 0, 0, 50.0)
