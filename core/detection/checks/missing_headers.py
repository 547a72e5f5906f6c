"""Missing Message-ID or Date: weak signals, since PHP mail() often omits both before Exim adds them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

MISSING_MID = "MISSING_MID"
MISSING_DATE = "MISSING_DATE"


class MissingHeadersCheck:
    """Message-ID and Date headers absent or empty."""

    name = "missing_headers"
    group = GROUP_SPAM
    description = "Message has no Message-ID or no Date header"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit MISSING_MID and/or MISSING_DATE."""
        out = []
        for header, symbol in (("message-id", MISSING_MID), ("date", MISSING_DATE)):
            if not (msg.header(header) or "").strip():
                out.append(Symbol(name=symbol, score=ctx.settings.score(symbol),
                                  description=f"No {header.title()} header"))
        return out


CHECK = MissingHeadersCheck()
