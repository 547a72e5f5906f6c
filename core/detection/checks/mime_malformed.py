"""Malformed MIME: the parser met structure errors or had to stop at a bound."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "MIME_MALFORMED"


class MimeMalformedCheck:
    """Report the parser's defect words; real mail clients rarely produce any."""

    name = "mime_malformed"
    group = GROUP_SPAM
    description = "MIME structure is malformed or exceeds scan bounds"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit MIME_MALFORMED with the defect words as options."""
        if not msg.defects:
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                       options=list(msg.defects[:10]))]


CHECK = MimeMalformedCheck()
