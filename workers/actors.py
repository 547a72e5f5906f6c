"""Dramatiq actors. Thin: they take ids, call core, and return plain dicts."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import dramatiq

from core.mail.exim_reinject import Reinjector
from core.mail.exim_submit import SendmailSubmitter
from core.models import Envelope
from core.notify.digests import Mailer, Notifier
from core.notify.notification_tokens import TokenSigner, ensure_signing_key, key_path
from core.quarantine.actions import release_policy
from core.scan.scanner import Scanner
from core.store.quarantine import QuarantineStore
from core.store.spool import SpoolStore

SCAN_QUEUE = "scan"
#: Periodic maintenance jobs (retention); every worker process consumes it beside the scan queue.
HOUSEKEEPING_QUEUE = "housekeeping"
#: Messages the retention job deletes per index read.
RETENTION_BATCH = 500
#: How long past the scan deadline a spool file may linger before the sweep takes it for an orphan.
SPOOL_GRACE_S = 60.0

log = logging.getLogger("mailward.housekeeping")


@dataclass(slots=True)
class Actors:
    scan_message: dramatiq.Actor
    expire_quarantine: dramatiq.Actor
    send_digests: dramatiq.Actor


def expire_old_mail(store: QuarantineStore, max_age_days: int, *, now: float | None = None) -> dict[str, int]:
    """Delete held mail older than max_age_days (0: retention off); log one line per account; removed per account."""
    if max_age_days <= 0:
        return {}
    now = time.time() if now is None else now
    older_than = now - max_age_days * 86400
    removed = store.expire(older_than, RETENTION_BATCH, now=now)
    cutoff = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(older_than))
    for account, count in sorted(removed.items()):
        log.info("retention account=%s removed=%d older_than=%s", account or "-", count, cutoff)
    return removed


def sweep_spool(spool: SpoolStore, max_age_s: float) -> int:
    """Remove this host's spool files older than max_age_s; log one line with the count."""
    # Not a Dramatiq actor: a queued job runs on whichever worker takes it, on any host, while each host's
    # gateway has its own spool; `mailward serve` runs this on every host instead (workers/service.py).
    try:
        removed = spool.sweep(max_age_s)
    except OSError as exc:  # the spool directory unreadable: try again next period, keep serving
        log.warning("spool sweep of %s failed: %s", spool.directory, exc)
        return 0
    log.log(logging.INFO if removed else logging.DEBUG, "spool sweep removed=%d older_than_s=%g dir=%s",
            removed, max_age_s, spool.directory)
    return removed


def run_notifications(scanner: Scanner, reinjector: Reinjector | None = None) -> dict[str, int]:
    """Send due digests and admin alerts ([notifications]); a no-op while notifications are off."""
    s = scanner.settings
    client = scanner.quarantine.client
    # An ordinary, scanned submission: never the release path (reinjector is a test's stub).
    mailer = Mailer(client, reinjector or SendmailSubmitter(s.exim), s.notifications)
    signer = TokenSigner(client, key=ensure_signing_key(key_path(s.state_dir)), ttl_s=s.notifications.token_ttl_s)
    return Notifier(scanner.quarantine, scanner.accounts, mailer, s.notifications, signer=signer,
                    release_policy=lambda: release_policy(s.release_by, scanner.quarantine)).run().to_dict()


def build_actors(broker: dramatiq.Broker, scanner: Scanner | None, *, time_limit_ms: int = 60_000,
                 reinjector: Reinjector | None = None) -> Actors:
    """Declare the actors on a broker. A sender (the gateway) passes scanner=None: it never runs them."""

    def scan_message(spool_id: str, envelope: dict, claimed: bool = False) -> dict | None:
        if scanner is None:
            raise RuntimeError("this process only sends scan_message")
        verdict = scanner.scan_spooled(spool_id, Envelope.from_dict(envelope), claimed=claimed)
        return None if verdict is None else verdict.to_dict()

    # The housekeeping jobs return nothing: no one waits for them, and their counts are in the log.
    def expire_quarantine() -> None:
        if scanner is None:
            raise RuntimeError("this process only sends expire_quarantine")
        expire_old_mail(scanner.quarantine, scanner.settings.quarantine_max_age_days)  # logs one line per account

    def send_digests() -> None:
        if scanner is None:
            raise RuntimeError("this process only sends send_digests")
        counts = run_notifications(scanner, reinjector)
        if any(counts.values()):
            log.info("notifications %s", " ".join(f"{k}={v}" for k, v in counts.items()))

    scan = dramatiq.actor(scan_message, broker=broker, actor_name="scan_message", queue_name=SCAN_QUEUE,
                          store_results=True, max_retries=0, time_limit=time_limit_ms, result_ttl=120_000)
    # No retries: the next period's job picks up whatever this one left. A large sweep may take minutes.
    expire = dramatiq.actor(expire_quarantine, broker=broker, actor_name="expire_quarantine",
                            queue_name=HOUSEKEEPING_QUEUE, max_retries=0, time_limit=30 * 60_000)
    # No retries either: cursors only advance for mail that was sent, so the next run picks up the rest.
    digests = dramatiq.actor(send_digests, broker=broker, actor_name="send_digests", queue_name=HOUSEKEEPING_QUEUE,
                             max_retries=0, time_limit=30 * 60_000)
    return Actors(scan_message=scan, expire_quarantine=expire, send_digests=digests)
