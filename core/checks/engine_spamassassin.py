"""SpamAssassin (spamd) as an optional engine: its score on the message, weighed as ENGINE_SPAMASSASSIN.

Network I/O during the scan (house rule 1 allows it here): only when [engines.spamassassin] is enabled, bounded
by its timeout and the scan's deadline; a failure becomes ENGINE_SPAMASSASSIN_ERROR and the scan goes on.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from core.checks.base import GROUP_SPAM, ScanContext
from core.engines import spamd
from core.errors import EngineError
from core.models import Symbol

if TYPE_CHECKING:
    from core.mime import ParsedMessage

ENGINE = "spamassassin"
SYMBOL = "ENGINE_SPAMASSASSIN"
ERROR = "ENGINE_SPAMASSASSIN_ERROR"
MAX_OPTIONS = 10

log = logging.getLogger("mailward.engines")


class SpamAssassinEngineCheck:
    """Sends the message to the admin's spamd (SYMBOLS) and weighs SpamAssassin's score."""

    name = "engine_spamassassin"
    group = GROUP_SPAM
    description = "SpamAssassin's score of the message (optional engine)"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """ENGINE_SPAMASSASSIN (score x score_factor), ENGINE_SPAMASSASSIN_ERROR if spamd failed, [] when off."""
        conf = ctx.settings.engines.get(ENGINE)
        if conf is None or not conf.enabled or len(msg.raw) > conf.max_bytes:
            return []
        deadline = min(ctx.deadline, time.monotonic() + conf.timeout_ms / 1000.0)
        try:
            result = spamd.check(conf.address, msg.raw, deadline=deadline)
        except EngineError as exc:
            log.warning("spamd at %s failed: %s (queue_id=%s)", conf.address, exc.message, ctx.envelope.queue_id)
            return [Symbol(ERROR, ctx.settings.score(ERROR), "spamd failed or did not answer in time", [exc.message])]
        options = [f"score={result.score:g}/{result.threshold:g}", *result.rules[:MAX_OPTIONS]]
        return [Symbol(SYMBOL, max(result.score, 0.0) * conf.score_factor, self.description, options)]


CHECK = SpamAssassinEngineCheck()
