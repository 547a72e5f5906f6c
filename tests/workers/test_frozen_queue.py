"""workers.frozen_queue: which frozen messages are Mailward's, one outcome each, an interrupted run finished (real
Redis; Exim's queue and the scan are stand-ins: the real ones are in tests/functional/test_closed_mode_local.py)."""

from __future__ import annotations

import subprocess

import pytest
import redis

from core import keys
from core.models import Action, Envelope, Sender, Verdict
from core.settings import Settings
from workers.exim_spool import EximSpoolError, SpooledMessage
from workers.frozen_queue import HELD, REJECTED, RELEASED, FrozenQueue, envelope_of


def spooled(mid: str, *, ours: bool = True, frozen: bool = True) -> SpooledMessage:
    options = {"auth_id": "alice", "received_protocol": "local"}
    if frozen:
        options["frozen"] = "1796631203"
    return SpooledMessage(mid, "alice", 1001, "alice@alice.example", ["to@remote.test"], options=options,
                          acl_vars={"acl_m_mailward_frozen": "1"} if ours else {},
                          headers=[f"Subject: {mid}\n".encode()], body=b"Hi.\n")


class Queue:
    """Exim's queue: frozen messages, and what was done to them."""

    def __init__(self, *messages: SpooledMessage) -> None:
        self.messages = {m.message_id: m for m in messages}
        self.done: list[tuple[str, str]] = []
        self.fail_remove = False

    def frozen(self) -> list[str]:
        return [m for m, msg in self.messages.items() if msg.frozen]

    def read(self, message_id: str, *, body: bool = True) -> SpooledMessage:
        if message_id not in self.messages:
            raise EximSpoolError("gone")
        return self.messages[message_id]

    def _act(self, what: str, mid: str) -> None:
        self.done.append((what, mid))

    def thaw(self, mid: str) -> None:
        self._act("thaw", mid)
        self.messages[mid].options.pop("frozen")

    def deliver(self, mid: str) -> subprocess.Popen[bytes]:
        self._act("deliver", mid)
        return subprocess.Popen(["true"])

    def remove(self, mid: str) -> None:
        if self.fail_remove:
            raise EximSpoolError("exim -Mrm failed")
        self._act("remove", mid)
        del self.messages[mid]

    def give_up(self, mid: str) -> None:
        self._act("give_up", mid)
        del self.messages[mid]


class Scan:
    def __init__(self, verdicts: dict[str, Action]) -> None:
        self.verdicts = verdicts
        self.calls: list[Envelope] = []

    def __call__(self, raw: bytes, env: Envelope) -> Verdict:
        self.calls.append(env)
        return Verdict(self.verdicts[env.queue_id], sender=Sender(account="alice"))


IDS = ["1xaTq1-0001WE-31", "1xaTq2-0001WE-32", "1xaTq3-0001WE-33", "1xaTq4-0001WE-34", "1xaTq5-0001WE-35",
       "1xaTq6-0001WE-36"]


def test_each_marked_message_gets_one_outcome_and_others_are_never_touched(settings: Settings,
                                                                            redis_client: redis.Redis) -> None:
    clean, spam, bad, later, foreign, thawed = IDS
    queue = Queue(spooled(clean), spooled(spam), spooled(bad), spooled(later), spooled(foreign, ours=False),
                  spooled(thawed, frozen=False))
    scan = Scan({clean: Action.ADD_HEADER, spam: Action.QUARANTINE, bad: Action.REJECT, later: Action.DEFER})
    job = FrozenQueue(settings, redis_client, queue, scan)  # type: ignore[arg-type]
    run = job.run_once()
    job.close()
    assert (run.released, run.held, run.rejected, run.still_frozen, run.skipped) == (
        [clean], [spam], [bad], [later], [foreign])
    assert queue.done == [("thaw", clean), ("deliver", clean), ("remove", spam), ("give_up", bad)]
    assert [e.queue_id for e in scan.calls] == [clean, spam, bad, later]
    assert scan.calls[0] == Envelope(sender="alice@alice.example", recipients=["to@remote.test"], queue_id=clean,
                                     user="alice")  # what Exim's spam= would have sent: User: the caller's login
    assert {k.decode(): v.decode() for k in redis_client.scan_iter("mw:frozen:*") if (v := redis_client.get(k))} \
        == {keys.frozen_submission(clean): RELEASED, keys.frozen_submission(spam): HELD,
            keys.frozen_submission(bad): REJECTED}
    # the next run scans only what is still Mailward's and undecided
    queue.done.clear()
    again = job.run_once()
    assert again.still_frozen == [later] and again.skipped == [foreign] and queue.done == []
    assert [e.queue_id for e in scan.calls] == [clean, spam, bad, later, later]


def test_a_run_cut_short_after_the_hold_removes_the_message_next_time_without_a_second_scan(
        settings: Settings, redis_client: redis.Redis) -> None:
    spam = IDS[1]
    queue = Queue(spooled(spam))
    queue.fail_remove = True
    scan = Scan({spam: Action.QUARANTINE})
    job = FrozenQueue(settings, redis_client, queue, scan)  # type: ignore[arg-type]
    assert job.run_once().still_frozen == [spam]
    assert redis_client.get(keys.frozen_submission(spam)) == HELD.encode()  # recorded before the queue changed
    queue.fail_remove = False
    assert job.run_once().held == [spam]
    assert queue.done == [("remove", spam)] and len(scan.calls) == 1


def test_a_message_released_then_frozen_again_by_exim_is_not_rescanned(settings: Settings,
                                                                       redis_client: redis.Redis) -> None:
    mid = IDS[0]
    redis_client.set(keys.frozen_submission(mid), RELEASED)
    scan = Scan({})
    run = FrozenQueue(settings, redis_client, Queue(spooled(mid)), scan).run_once()  # type: ignore[arg-type]
    assert run.skipped == [mid] and scan.calls == []


def test_envelope_of_a_bounce() -> None:
    msg = spooled(IDS[0])
    msg.sender, msg.options = "", {"auth_id": "Debian-exim", "frozen": "1"}
    assert envelope_of(msg).sender == "" and envelope_of(msg).user == "Debian-exim"


@pytest.mark.parametrize("broken", ["list", "read"])
def test_exim_errors_leave_everything_frozen(settings: Settings, redis_client: redis.Redis, broken: str) -> None:
    queue = Queue(spooled(IDS[0]))

    def fail(*a: object, **k: object) -> None:
        raise EximSpoolError("exim is gone")

    setattr(queue, "frozen" if broken == "list" else "read", fail)
    scan = Scan({IDS[0]: Action.ACCEPT})
    FrozenQueue(settings, redis_client, queue, scan).run_once()  # type: ignore[arg-type]
    assert scan.calls == [] and queue.done == [] and not list(redis_client.scan_iter("mw:frozen:*"))
