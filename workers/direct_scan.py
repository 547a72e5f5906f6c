"""Scans Mailward asks for itself (a forwarded copy, a frozen local submission), on bytes read from Exim's spool.

They take the gateway's own scan path in-process: a spool file, an open claim, a Dramatiq job, the deadline and the
claim's verdict at the deadline (workers/gateway.py), so a forwarded copy or a frozen submission has exactly one
outcome like any scan Exim asks for. Nothing here comes from a client: the envelope is built from Exim's spool.
"""

from __future__ import annotations

import logging

from core.models import Action, Envelope, Verdict
from workers.gateway import ScanGateway

log = logging.getLogger("mailward.gateway")

#: How long such a scan waits for one of the gateway's scan slots (they are short; Exim's own scans come first).
SLOT_WAIT_S = 5.0


def scan_bytes(gateway: ScanGateway, raw: bytes, env: Envelope) -> Verdict:
    """Scan a whole message as the gateway scans Exim's requests; the fail mode answers what cannot be scanned."""
    s = gateway.settings
    if len(raw) > s.scan.max_message_bytes:
        action = {"accept": Action.UNSCANNED, "reject": Action.REJECT, "defer": Action.DEFER}[s.scan.oversize_action]
        log.info("scan queue_id=%s sender=%s verdict=%s why=oversize size=%d max=%d", env.queue_id or "-",
                 env.sender or "<>", action.value.replace(" ", "_"), len(raw), s.scan.max_message_bytes)
        return Verdict(action, required_score=s.thresholds.quarantine,
                       message="message too large to scan" if action != Action.UNSCANNED else "")
    try:
        spool_id = gateway.spool.write(raw)
    except OSError as exc:
        return gateway._fail(env, f"cannot spool: {exc}")
    if not gateway.slots.acquire(timeout=SLOT_WAIT_S):
        gateway.spool.discard(spool_id)
        return gateway._fail(env, "too many concurrent scans")
    try:
        return gateway._scan(spool_id, env)
    finally:
        gateway.slots.release()
