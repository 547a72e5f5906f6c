"""Dramatiq actors. Thin: they take ids, call core, and return plain dicts."""

from __future__ import annotations

from dataclasses import dataclass

import dramatiq

from core.models import Envelope
from core.scanning import Scanner

SCAN_QUEUE = "scan"


@dataclass(slots=True)
class Actors:
    scan_message: dramatiq.Actor


def build_actors(broker: dramatiq.Broker, scanner: Scanner | None, *, time_limit_ms: int = 60_000) -> Actors:
    """Declare the actors on a broker. A sender (the gateway) passes scanner=None: it never runs them."""

    def scan_message(spool_id: str, envelope: dict) -> dict | None:
        if scanner is None:
            raise RuntimeError("this process only sends scan_message")
        verdict = scanner.scan_spooled(spool_id, Envelope.from_dict(envelope))
        return None if verdict is None else verdict.to_dict()

    scan = dramatiq.actor(scan_message, broker=broker, actor_name="scan_message", queue_name=SCAN_QUEUE,
                          store_results=True, max_retries=0, time_limit=time_limit_ms, result_ttl=120_000)
    return Actors(scan_message=scan)
