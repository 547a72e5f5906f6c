"""Scans Mailward asks for itself (a forwarded copy, a frozen local submission), on bytes read from Exim's spool.

They take the gateway's own scan path in-process: a spool file, an open claim, a Dramatiq job, the deadline and the
claim's verdict at the deadline (workers/gateway.py), so a forwarded copy or a frozen submission has exactly one
outcome like any scan Exim asks for. Nothing here comes from a client: the envelope is built from Exim's spool.
"""

from __future__ import annotations

import logging

from core.models import Envelope, Verdict
from workers.gateway import ScanGateway

log = logging.getLogger("mailward.gateway")

#: How long such a scan waits for one of the gateway's scan slots (they are short; Exim's own scans come first).
SLOT_WAIT_S = 5.0


def scan_bytes(gateway: ScanGateway, raw: bytes, env: Envelope) -> Verdict:
    """Scan a whole message as the gateway scans Exim's requests; the fail mode answers what cannot be scanned."""
    # the gateway's own path, its Redis fallback for a full spool included (issue 15 item 4)
    return gateway.scan_bytes(raw, env, slot_wait_s=SLOT_WAIT_S)
