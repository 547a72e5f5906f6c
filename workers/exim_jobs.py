"""What `mailward serve` runs for Exim besides the scan gateway: the query socket of the forwarded-copy router
(workers/forwarded_copies.py) and the frozen-queue job (workers/frozen_queue.py). Both scan through the gateway."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from core.models import Envelope, Verdict
from core.settings import Settings
from core.store.connection import connect
from workers.direct_scan import scan_bytes
from workers.exim_hook import QUERY_SOCKET_NAME
from workers.exim_spool import EximQueue
from workers.forwarded_copies import ForwardedCopies, QueryServer
from workers.frozen_queue import FrozenQueue, FrozenQueueJob
from workers.gateway import ScanGateway
from workers.peer_identity import PeerPolicy

log = logging.getLogger("mailward.serve")

#: Exim commands on the routing path answer within this (a forwarded copy is answered within Exim's readsocket tmo).
ROUTING_EXIM_TIMEOUT_S = 3.0


class EximJobs:
    """Started after the gateway listens, stopped before it stops."""

    def __init__(self, settings: Settings, gateway: ScanGateway) -> None:
        def scan(raw: bytes, env: Envelope) -> Verdict:
            return scan_bytes(gateway, raw, env)

        exim = settings.exim.exim_binary
        copies = ForwardedCopies(settings, connect(settings, timeout=5.0),
                                 EximQueue(exim, timeout=ROUTING_EXIM_TIMEOUT_S), scan)
        # Exim's users, root and Mailward's own: never "*" (a local user asking would choose whose account a scan
        # is billed to), even where the admin opened the scan gateway to every local user.
        exim_users = tuple(u for u in settings.scan.allowed_users if u != "*")
        self.queries = QueryServer(Path(settings.state_dir) / QUERY_SOCKET_NAME, copies, PeerPolicy(exim_users, ()))
        self.frozen: FrozenQueueJob | None = None
        if os.access(exim, os.X_OK):
            self.frozen = FrozenQueueJob(FrozenQueue(settings, connect(settings, timeout=5.0), EximQueue(exim), scan))
        else:
            log.info("no Exim binary at %s (exim.exim_binary): no frozen-queue job on this host", exim)

    def start(self) -> None:
        self.queries.start()
        if self.frozen is not None:
            self.frozen.start()

    def stop(self) -> None:
        if self.frozen is not None:
            self.frozen.stop()
        self.queries.stop()
