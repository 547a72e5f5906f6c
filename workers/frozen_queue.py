"""The frozen-queue job (issue 15 item 6): local submissions Exim froze because Mailward could not scan them.

A local submitter (PHP's mail(), `sendmail -t`) cannot be told "try again later": acl_not_smtp either accepts the
message or fails the call. So when the gateway cannot answer in fail mode closed (or answers "retry later"), the
ACL accepts the message frozen (`control = freeze/no_tell`) and marks it `acl_m_mailward_frozen = 1`, a variable
Exim keeps in the message's spool file and that only an ACL can set (workers/exim_hook/acl.py). This job, run by
`mailward serve` at start-up and every FROZEN_CHECK_S, lists the frozen messages, reads each one's spool header
(`exim -Mvh`) and acts only on those carrying Mailward's mark; any other frozen message is read, never touched.
Each marked message is scanned as Exim would have asked (envelope, login and headers from Exim's spool, body from
`exim -Mvb`) through the gateway's own scan path, then:

    clean (accept, add header, the fail-open "unscanned")  thawed (`exim -Mt`) and delivered now (`exim -M`)
    held (quarantine)        held in the sender's quarantine by the scan, then removed from Exim's queue (-Mrm)
    rejected                 failed back to its sender (`exim -Mg`: a bounce, as the call would have failed)
    "retry later" / no answer  left frozen for the next run

One outcome per message: the outcome is recorded in Redis under the Exim message id (core.keys.frozen_submission)
before the queue is changed, behind a pending mark taken with SET NX, so two runs (or two hosts sharing a Redis)
never scan one message twice, and a run cut short between the record and the queue change finishes it next time
(a held message still frozen is removed, a rejected one failed again). A message Mailward released and Exim froze
again later for its own reasons is Exim's business, not rescanned.

Privilege: listing the queue, reading a message's spool files and thawing, delivering, removing or failing it
need an Exim admin user: root (as `mailward serve` runs) or a member of Exim's admin group (Debian-exim on Debian,
`admin_groups`), with `queue_list_requires_admin` in mind. Only argv lists reach the Exim binary, and message ids
are checked against Exim's id format first (workers/exim_spool.py).
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import redis

from core import keys
from core.models import Action, Direction, Envelope, Verdict
from core.settings import Settings
from workers.exim_hook import FROZEN_VAR
from workers.exim_spool import EximQueue, EximSpoolError, SpooledMessage

log = logging.getLogger("mailward.frozen")

#: How often the frozen queue is looked at (and once at start-up, as soon as the gateway listens).
FROZEN_CHECK_S = 30.0
PENDING, HELD, RELEASED, REJECTED = "pending", "held", "released", "rejected"
#: Outcomes are kept as long as Exim keeps messages around (Debian's frozen and retry timeouts are days).
OUTCOME_TTL_S = 8 * 86400
#: How long a delivery started for a thawed message may run before the job stops waiting for it (it goes on).
DELIVERY_REAP_S = 600.0


@dataclass(slots=True)
class FrozenRun:
    """What one run did: message ids per outcome (skipped: frozen, but not Mailward's)."""

    released: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    still_frozen: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"released={len(self.released)} held={len(self.held)} rejected={len(self.rejected)} "
                f"still_frozen={len(self.still_frozen)} not_ours={len(self.skipped)}")


def envelope_of(msg: SpooledMessage) -> Envelope:
    """The envelope Exim's spam= condition would have sent for this local submission: the sender, the recipients
    not yet delivered, and `User:` = $authenticated_id, which Exim sets to the caller's login for local mail."""
    return Envelope(sender=msg.sender, recipients=list(msg.recipients), queue_id=msg.message_id,
                    ip=msg.host_address, user=msg.options.get("auth_id", ""), direction=Direction.OUTGOING)


class FrozenQueue:
    """Scans and settles the frozen local submissions Mailward marked; see the module docstring."""

    def __init__(self, settings: Settings, client: redis.Redis, queue: EximQueue,
                 scan: Callable[[bytes, Envelope], Verdict]) -> None:
        self.settings = settings
        self.client = client
        self.queue = queue
        self.scan = scan
        sc = settings.scan
        self.pending_ttl_s = int(sc.timeout + sc.commit_grace + 60)
        self._deliveries: list[subprocess.Popen[bytes]] = []

    def run_once(self) -> FrozenRun:
        """One pass over the frozen queue."""
        self.reap()
        run = FrozenRun()
        try:
            frozen = self.queue.frozen()
        except EximSpoolError as exc:
            log.warning("frozen queue: cannot list Exim's queue: %s", exc)
            return run
        for mid in frozen:
            try:
                msg = self.queue.read(mid, body=False)
            except EximSpoolError as exc:
                log.debug("frozen queue: %s: %s", mid, exc)  # delivered or removed meanwhile
                continue
            if not msg.frozen or msg.acl_vars.get(FROZEN_VAR) != "1":
                run.skipped.append(mid)  # not frozen by Mailward: never touched
                continue
            try:
                self._settle(msg, run)
            except (EximSpoolError, redis.RedisError) as exc:
                log.warning("frozen submission queue_id=%s: %s; left frozen for the next run", mid, exc)
                run.still_frozen.append(mid)
        if frozen:
            log.info("frozen queue: %s", run.summary())
        return run

    def _settle(self, msg: SpooledMessage, run: FrozenRun) -> None:
        mid = msg.message_id
        key = keys.frozen_submission(mid)
        prev = (self.client.get(key) or b"").decode()
        if prev == HELD:  # held by an earlier run that stopped before removing it
            self.queue.remove(mid)
            run.held.append(mid)
            return
        if prev == REJECTED:
            self.queue.give_up(mid)
            run.rejected.append(mid)
            return
        if prev == RELEASED:
            run.skipped.append(mid)  # Mailward let it go; Exim froze it again for its own reasons
            return
        if not self.client.set(key, PENDING, nx=True, ex=self.pending_ttl_s):
            run.still_frozen.append(mid)  # another run (or host) is on it
            return
        outcome = ""
        try:
            outcome = self._scan_and_act(mid, run)
        finally:
            if outcome == RELEASED:
                self.client.set(key, RELEASED, ex=OUTCOME_TTL_S)
            elif not outcome and self.client.get(key) == PENDING.encode():
                self.client.delete(key)  # nothing decided: the next run scans it again

    def _scan_and_act(self, mid: str, run: FrozenRun) -> str:
        """Scan one marked message and change the queue accordingly; the outcome to record ("" for none)."""
        msg = self.queue.read(mid)
        env = envelope_of(msg)
        verdict = self.scan(msg.message_bytes(), env)
        action = verdict.action
        how = (f"queue_id={mid} account={verdict.sender.account} sender={env.sender or '<>'} "
               f"rcpts={len(env.recipients)} verdict={action.value.replace(' ', '_')}")
        if action == Action.DEFER:
            log.info("frozen submission %s: left frozen (%s)", how, verdict.message or "retry later")
            run.still_frozen.append(mid)
            return ""
        if action == Action.QUARANTINE:
            # The scan has moved it into the quarantine: record that first, so a run cut short removes it next time.
            self.client.set(keys.frozen_submission(mid), HELD, ex=OUTCOME_TTL_S)
            self.queue.remove(mid)
            log.info("frozen submission %s: held (id=%s) and removed from Exim's queue", how,
                     verdict.quarantine_id or "-")
            run.held.append(mid)
            return HELD
        if action == Action.REJECT:
            self.client.set(keys.frozen_submission(mid), REJECTED, ex=OUTCOME_TTL_S)
            self.queue.give_up(mid)
            log.info("frozen submission %s: failed back to its sender (%s)", how, verdict.message or "rejected")
            run.rejected.append(mid)
            return REJECTED
        self.queue.thaw(mid)
        self._deliveries.append(self.queue.deliver(mid))
        log.info("frozen submission %s: thawed and delivered", how)
        run.released.append(mid)
        return RELEASED

    def reap(self) -> None:
        """Collect the delivery processes that have finished."""
        self._deliveries = [p for p in self._deliveries if p.poll() is None]

    def close(self, timeout: float = 5.0) -> None:
        """Wait a little for started deliveries (they go on after us if they must: Exim owns the message)."""
        for proc in self._deliveries:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout)
        self.reap()


class FrozenQueueJob:
    """Runs FrozenQueue.run_once at start-up and every interval_s, in its own thread, until stopped."""

    def __init__(self, frozen: FrozenQueue, interval_s: float = FROZEN_CHECK_S) -> None:
        self.frozen = frozen
        self.interval_s = interval_s
        self.stop_event = threading.Event()
        self.wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if os.geteuid() != 0:
            log.warning("frozen queue: not running as root; reading and thawing Exim's queue needs an Exim admin "
                        "user (root, or a member of Exim's admin_groups)")
        self._thread = threading.Thread(target=self._run, name="frozen-queue", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self.stop_event.is_set():
            try:
                self.frozen.run_once()
            except Exception:
                log.exception("frozen queue: run failed")
            self.wake.wait(self.interval_s)
            self.wake.clear()

    def run_now(self) -> None:
        """Ask for a run now rather than at the next interval."""
        self.wake.set()

    def stop(self) -> None:
        self.stop_event.set()
        self.wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
        self.frozen.close()
