"""rspamd as an optional engine: its verdict on the message, weighed as ENGINE_RSPAMD.

Network I/O during the scan (house rule 1 allows it here): only when [engines.rspamd] is enabled, bounded by its
timeout and the scan's deadline; a failure becomes ENGINE_RSPAMD_ERROR and the scan goes on.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from core.checks.base import GROUP_SPAM, ScanContext
from core.engines import rspamd_http
from core.errors import EngineError
from core.models import Symbol

if TYPE_CHECKING:
    from core.mime import ParsedMessage

ENGINE = "rspamd"
SYMBOL = "ENGINE_RSPAMD"
ERROR = "ENGINE_RSPAMD_ERROR"
MAX_OPTIONS = 10

log = logging.getLogger("mailward.engines")


class RspamdEngineCheck:
    """Sends the message and its envelope to the admin's rspamd (POST /checkv2) and weighs what it says."""

    name = "engine_rspamd"
    group = GROUP_SPAM
    description = "rspamd's verdict on the message (optional engine)"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """ENGINE_RSPAMD scored by [engines.rspamd] mode, ENGINE_RSPAMD_ERROR if rspamd failed, [] when off."""
        conf = ctx.settings.engines.get(ENGINE)
        if conf is None or not conf.enabled or len(msg.raw) > conf.max_bytes:
            return []
        deadline = min(ctx.deadline, time.monotonic() + conf.timeout_ms / 1000.0)
        try:
            result = rspamd_http.check(conf.address, msg.raw, ctx.envelope, deadline=deadline)
        except EngineError as exc:
            log.warning("rspamd at %s failed: %s (queue_id=%s)", conf.address, exc.message, ctx.envelope.queue_id)
            return [Symbol(ERROR, ctx.settings.score(ERROR), "rspamd failed or did not answer in time", [exc.message])]
        if conf.mode == "action":
            score = conf.actions.get(result.action, 0.0)
        else:
            score = max(result.score, 0.0) * conf.score_factor
        options = [f"score={result.score:g}/{result.required_score:g}", f"action={result.action}",
                   *result.top_symbols(MAX_OPTIONS)]
        return [Symbol(SYMBOL, max(score, 0.0), self.description, options)]


CHECK = RspamdEngineCheck()
