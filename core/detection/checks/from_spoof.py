"""A From display name that shows one address while the mail comes from another domain."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "FROM_DISPLAY_SPOOF"
_ADDR = re.compile(r"[\w.+-]{1,64}@([\w-]{1,63}(?:\.[\w-]{1,63}){1,8})")


def _related(a: str, b: str) -> bool:
    return a == b or a.endswith("." + b) or b.endswith("." + a)


class FromSpoofCheck:
    """Display name "billing@bank.example" <someone@elsewhere.example>: a phishing classic."""

    name = "from_spoof"
    group = GROUP_SPAM
    description = "From display name holds an address of another domain"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit FROM_DISPLAY_SPOOF when the display name's address domain differs from the sender's."""
        real = msg.from_addr.rpartition("@")[2].lower().strip(">. ")
        if not real:
            return []
        for m in _ADDR.finditer(msg.from_display[:256]):
            shown = m.group(1).lower().strip(".")
            if not _related(shown, real):
                return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                               options=[shown, real])]
        return []


CHECK = FromSpoofCheck()
