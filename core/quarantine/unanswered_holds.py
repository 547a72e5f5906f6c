"""The sweep that withdraws holds Exim never heard of: their gateway died before answering (issue 15).

See core.store.pending_answers for the ordering argument. Every `mailward serve` runs this at start-up and every
few seconds; each due scan is taken by one sweeper alone, so a hold is withdrawn once, whichever host sweeps.
"""

from __future__ import annotations

import logging

import redis

from core.errors import NotFound
from core.settings import Settings
from core.store.events import EventStore
from core.store.pending_answers import MemoryPendingAnswers, PendingAnswers
from core.store.quarantine import DELETED, QuarantineStore
from core.store.spool import SpoolStore

log = logging.getLogger("mailward.scan")

#: Past the scan's deadline and commit grace, how long a hold waits for its answer before it is withdrawn: the
#: gateway answers at the latest at deadline + grace; this margin covers a busy host and clock steps.
ANSWER_MARGIN_S = 10.0
#: Scans taken per call of the sweep's Lua (each a few Redis commands and file removals).
BATCH = 100
WHY = "withdrawn: the gateway died before answering; Exim's fail mode decided"


def answer_window_s(timeout_s: float, commit_grace_s: float) -> float:
    """How long after its first hold a scan's answer may still come (the sweep waits this long)."""
    return timeout_s + commit_grace_s + ANSWER_MARGIN_S


def withdraw_unanswered(answers: PendingAnswers | MemoryPendingAnswers, quarantine: QuarantineStore,
                        spool: SpoolStore, events: EventStore | None, window_s: float, *, limit: int = 100) -> int:
    """Withdraw the holds of scans not answered within window_s of their first hold; returns how many copies.

    Bounded: at most `limit` scans per call (the caller calls again while it returns some).
    """
    return _withdraw_batch(answers, quarantine, spool, events, window_s, limit)[0]


def _withdraw_batch(answers: PendingAnswers | MemoryPendingAnswers, quarantine: QuarantineStore, spool: SpoolStore,
                    events: EventStore | None, window_s: float, limit: int) -> tuple[int, int]:
    """(copies withdrawn, scans taken) of one batch of at most `limit` due scans."""
    withdrawn = 0
    due = answers.take_due(window_s, limit=limit)
    for spool_id, copies in due:
        # A worker stalled mid-scan must not hold the message after this: its hold moves or copies this file.
        spool.discard(spool_id)
        for account, email_id in copies:
            if _withdraw_copy(quarantine, events, spool_id, account, email_id):
                withdrawn += 1
        answers.done(spool_id)
    return withdrawn, len(due)


def _withdraw_copy(quarantine: QuarantineStore, events: EventStore | None, spool_id: str, account: str,
                   email_id: str) -> bool:
    """Remove one held copy through the quarantine's own removal path; True if it was there."""
    try:
        record = quarantine.remove(email_id)
    except NotFound:
        # Not indexed: the hold never finished (its worker died; nothing on disk) or a crash cut it short before
        # the index (files on disk, which the start-up recovery indexes first, so this is rare): remove the files.
        path = quarantine.message_path(account, email_id)
        found = path.exists()
        path.unlink(missing_ok=True)
        path.with_suffix(".json").unlink(missing_ok=True)
        if not found:
            return False
        meta = {"email_id": email_id, "account": account, "sender": "", "recipients": 0, "reasons": []}
    else:
        meta = {"email_id": record.email_id, "account": record.account, "sender": record.sender,
                "recipients": len(record.recipients), "reasons": list(record.reasons),
                "queue_id": record.queue_id}
    log.warning("quarantine id=%s account=%s spool=%s queue_id=%s %s", email_id, account, spool_id,
                meta.get("queue_id") or "-", WHY)
    if events is not None:
        events.emit(DELETED, {**meta, "why": WHY})
    return True


class UnansweredSweep:
    """The sweep as `mailward serve` runs it, at start-up and every few seconds, with its stores built once."""

    def __init__(self, settings: Settings, client: redis.Redis) -> None:
        self.quarantine = QuarantineStore(settings.quarantine_dir, client,
                                          default_limit_bytes=settings.quarantine_limit_bytes,
                                          default_releases_limit=settings.releases_limit)
        self.answers = PendingAnswers(client)
        self.spool = SpoolStore(settings.spool_dir)
        self.events = EventStore(client)
        self.window_s = answer_window_s(settings.scan.timeout, settings.scan.commit_grace)

    def run(self) -> int:
        """Every due scan, in batches (one Redis call when nothing is due); returns how many copies were withdrawn.
        Redis or disk errors are logged, never raised."""
        total = 0
        try:
            for _ in range(100):  # bounded: 10,000 scans per sweep at most
                copies, scans = _withdraw_batch(self.answers, self.quarantine, self.spool, self.events, self.window_s,
                                                BATCH)
                total += copies
                if scans < BATCH:
                    break
        except (OSError, redis.RedisError) as exc:
            log.warning("sweep of unanswered holds failed (tried again at the next one): %s", exc)
        return total


def sweep_unanswered(settings: Settings, client: redis.Redis) -> int:
    """One sweep (see UnansweredSweep.run)."""
    return UnansweredSweep(settings, client).run()
