"""What every optional-engine check shares: off unless enabled, size cap, deadline, a failure as one symbol.

Network I/O during the scan (house rule 1 allows it here): only for an enabled engine, bounded by its timeout and
the scan's deadline; a failure becomes ENGINE_<NAME>_ERROR (scored from settings) and the scan goes on.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from core.errors import EngineError
from core.models import Symbol

if TYPE_CHECKING:
    from core.detection.checks.base import ScanContext
    from core.mail.mime import ParsedMessage

log = logging.getLogger("mailward.engines")


class EngineCheck:
    """A check that asks an external engine; subclasses name it and turn its answer into symbols."""

    name = ""
    group = ""
    description = ""
    engine = ""  # key in settings.engines
    daemon = ""  # how logs and error symbols name it (spamd, clamd, rspamd)
    error_symbol = ""

    def ask(self, conf: Any, msg: ParsedMessage, ctx: ScanContext, deadline: float) -> list[Symbol]:
        """Query the engine (raising EngineError on failure) and return its symbols."""
        raise NotImplementedError

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """The engine's symbols, the error symbol if it failed, [] when it is off or the message too big."""
        conf = ctx.settings.engines.get(self.engine)
        if conf is None or not conf.enabled or len(msg.raw) > conf.max_bytes:
            return []
        deadline = min(ctx.deadline, time.monotonic() + conf.timeout_ms / 1000.0)
        try:
            return self.ask(conf, msg, ctx, deadline)
        except EngineError as exc:
            log.warning("%s at %s failed: %s (queue_id=%s)", self.daemon, conf.address, exc.message,
                        ctx.envelope.queue_id)
            return [Symbol(self.error_symbol, ctx.settings.score(self.error_symbol),
                           f"{self.daemon} failed or did not answer in time", [exc.message])]
