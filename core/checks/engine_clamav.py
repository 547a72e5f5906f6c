"""ClamAV (clamd) as an optional engine: a virus it finds holds the message with reason "virus".

Network I/O during the scan (house rule 1 allows it here): only when [engines.clamav] is enabled, bounded by its
timeout and the scan's deadline; a failure becomes ENGINE_CLAMAV_ERROR (not a virus) and the scan goes on.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from core.checks.base import GROUP_VIRUS, ScanContext
from core.engines import clamd
from core.errors import EngineError
from core.models import Symbol

if TYPE_CHECKING:
    from core.mime import ParsedMessage

ENGINE = "clamav"
SYMBOL = "ENGINE_CLAMAV_VIRUS"
ERROR = "ENGINE_CLAMAV_ERROR"

log = logging.getLogger("mailward.engines")


class ClamAVEngineCheck:
    """Streams the message to the admin's clamd (INSTREAM); a signature found is a virus."""

    name = "engine_clamav"
    group = GROUP_VIRUS
    description = "ClamAV found malware in the message (optional engine)"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """ENGINE_CLAMAV_VIRUS naming the signature, ENGINE_CLAMAV_ERROR if clamd failed, [] when clean or off."""
        conf = ctx.settings.engines.get(ENGINE)
        if conf is None or not conf.enabled or len(msg.raw) > conf.max_bytes:
            return []
        deadline = min(ctx.deadline, time.monotonic() + conf.timeout_ms / 1000.0)
        try:
            result = clamd.scan(conf.address, msg.raw, deadline=deadline)
        except EngineError as exc:
            log.warning("clamd at %s failed: %s (queue_id=%s)", conf.address, exc.message, ctx.envelope.queue_id)
            return [Symbol(ERROR, ctx.settings.score(ERROR), "clamd failed or did not answer in time", [exc.message])]
        if not result.infected:
            return []
        return [Symbol(SYMBOL, ctx.settings.score(SYMBOL), self.description, [result.signature])]


CHECK = ClamAVEngineCheck()
