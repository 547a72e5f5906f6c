"""ClamAV (clamd) as an optional engine: a virus it finds holds the message with reason "virus".

The shared skeleton (enabled, size cap, deadline, error symbol) is core.detection.checks.engine_base.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.detection.checks.base import GROUP_VIRUS, ScanContext
from core.detection.checks.engine_base import EngineCheck
from core.detection.engines import clamd
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

ENGINE = "clamav"
SYMBOL = "ENGINE_CLAMAV_VIRUS"
ERROR = "ENGINE_CLAMAV_ERROR"


class ClamAVEngineCheck(EngineCheck):
    """Streams the message to the admin's clamd (INSTREAM); a signature found is a virus."""

    name = "engine_clamav"
    group = GROUP_VIRUS
    description = "ClamAV found malware in the message (optional engine)"
    engine, daemon, error_symbol = ENGINE, "clamd", ERROR

    def ask(self, conf: Any, msg: ParsedMessage, ctx: ScanContext, deadline: float) -> list[Symbol]:
        """ENGINE_CLAMAV_VIRUS naming the signature; [] when clean."""
        result = clamd.scan(conf.address, msg.raw, deadline=deadline)
        if not result.infected:
            return []
        return [Symbol(SYMBOL, ctx.settings.score(SYMBOL), self.description, [result.signature])]


CHECK = ClamAVEngineCheck()
