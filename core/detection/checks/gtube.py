"""GTUBE: the Generic Test for Unsolicited Bulk Email, so admins can test the spam path end to end."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "GTUBE"
GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"


class GtubeCheck:
    """The GTUBE test string anywhere in a text or HTML body."""

    name = "gtube"
    group = GROUP_SPAM
    description = "Message contains the GTUBE spam test string"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit GTUBE when the test string is in the decoded text or HTML."""
        if GTUBE in msg.text or GTUBE in msg.html:
            return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description)]
        return []


CHECK = GtubeCheck()
