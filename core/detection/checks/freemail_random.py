"""A free-mail From address with a random-looking local part ("we9boig3l9689@free-mail"): throw-away
accounts made by the thousand, or a free-mail address forged on mail our server sends."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.script_random_sender import random_token
from core.detection.checks.sender_mismatch import domain_of, is_freemail
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "FREEMAIL_RANDOM_SENDER"


class FreemailRandomCheck:
    """From at a provider of the free-mail table, local part judged by script_random_sender.random_token."""

    name = "freemail_random"
    group = GROUP_SPAM
    description = "Free-mail From address with a random-looking name"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit FREEMAIL_RANDOM_SENDER with the address."""
        domain = domain_of(msg.from_addr)
        if not domain or not is_freemail(domain):
            return []
        if not random_token(msg.from_addr.rpartition("@")[0], ctx.settings):
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                       options=[msg.from_addr[:100]])]


CHECK = FreemailRandomCheck()
