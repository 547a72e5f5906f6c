"""rspamd as an optional engine: its verdict on the message, weighed as ENGINE_RSPAMD.

The shared skeleton (enabled, size cap, deadline, error symbol) is core.detection.checks.engine_base.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.engine_base import EngineCheck
from core.detection.engines import rspamd_http
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

ENGINE = "rspamd"
SYMBOL = "ENGINE_RSPAMD"
ERROR = "ENGINE_RSPAMD_ERROR"
MAX_OPTIONS = 10


class RspamdEngineCheck(EngineCheck):
    """Sends the message and its envelope to the admin's rspamd (POST /checkv2) and weighs what it says."""

    name = "engine_rspamd"
    group = GROUP_SPAM
    description = "rspamd's verdict on the message (optional engine)"
    engine, daemon, error_symbol = ENGINE, "rspamd", ERROR

    def ask(self, conf: Any, msg: ParsedMessage, ctx: ScanContext, deadline: float) -> list[Symbol]:
        """ENGINE_RSPAMD scored by [engines.rspamd] mode (its score x factor, or its action's value)."""
        result = rspamd_http.check(conf.address, msg.raw, ctx.envelope, deadline=deadline)
        if conf.mode == "action":
            score = conf.actions.get(result.action, 0.0)
        else:
            score = max(result.score, 0.0) * conf.score_factor
        options = [f"score={result.score:g}/{result.required_score:g}", f"action={result.action}",
                   *result.top_symbols(MAX_OPTIONS)]
        return [Symbol(SYMBOL, max(score, 0.0), self.description, options)]


CHECK = RspamdEngineCheck()
