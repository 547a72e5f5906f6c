"""SpamAssassin (spamd) as an optional engine: its score on the message, weighed as ENGINE_SPAMASSASSIN.

The shared skeleton (enabled, size cap, deadline, error symbol) is core.detection.checks.engine_base.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.engine_base import EngineCheck
from core.detection.engines import spamd
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

ENGINE = "spamassassin"
SYMBOL = "ENGINE_SPAMASSASSIN"
ERROR = "ENGINE_SPAMASSASSIN_ERROR"
MAX_OPTIONS = 10


class SpamAssassinEngineCheck(EngineCheck):
    """Sends the message to the admin's spamd (SYMBOLS) and weighs SpamAssassin's score."""

    name = "engine_spamassassin"
    group = GROUP_SPAM
    description = "SpamAssassin's score of the message (optional engine)"
    engine, daemon, error_symbol = ENGINE, "spamd", ERROR

    def ask(self, conf: Any, msg: ParsedMessage, ctx: ScanContext, deadline: float) -> list[Symbol]:
        """ENGINE_SPAMASSASSIN: SpamAssassin's score x score_factor."""
        result = spamd.check(conf.address, msg.raw, deadline=deadline)
        options = [f"score={result.score:g}/{result.threshold:g}", *result.rules[:MAX_OPTIONS]]
        return [Symbol(SYMBOL, max(result.score, 0.0) * conf.score_factor, self.description, options)]


CHECK = SpamAssassinEngineCheck()
