"""A From that claims a brand: a brand's display name ("PayPal Security") on an address of a domain the brand does
not own (FROM_BRAND_MISMATCH), or, in mail an account of this server sends out, an address at the brand's own
mail domain ("service@paypal.com") that the account does not own (FROM_BRAND_DOMAIN).

The second is near certain for outgoing mail of a shared server: banks, payment services and carriers send their
mail from their own servers, never through a hosting customer's account, and their receivers' DMARC checks would
refuse the message anyway. It is only told on a server that knows its accounts (cPanel), for outgoing mail, when
the sending account does not own the domain; free-mail domains and shared namespaces are never a brand's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.brands import belongs_to, brand_in_display, brand_sender_domain
from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.models import Direction, Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "FROM_BRAND_MISMATCH"
BRAND_DOMAIN = "FROM_BRAND_DOMAIN"
SYMBOLS = (SYMBOL, BRAND_DOMAIN)


class BrandDisplayCheck:
    """Look the display name up in the brand table and compare the sender's domain with the brand's domains."""

    name = "brand_display"
    group = GROUP_SPAM
    description = "From display name impersonates a brand the sending domain does not belong to"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit FROM_BRAND_MISMATCH or FROM_BRAND_DOMAIN with the brand and the sender's domain."""
        domain = msg.from_addr.rpartition("@")[2].strip(">. ").lower()
        if not domain:
            return []
        brand = brand_in_display(msg.from_display) if msg.from_display else None
        if brand is not None and not belongs_to(domain, brand):
            return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                           options=[brand, domain])]
        if ctx.envelope.direction != Direction.OUTGOING or not ctx.accounts_known or ctx.owns(domain):
            return []
        claimed = brand_sender_domain(domain)
        if claimed is None:
            return []
        return [Symbol(name=BRAND_DOMAIN, score=ctx.settings.score(BRAND_DOMAIN),
                       description="From is an address at a brand's own mail domain the sending account does not own",
                       options=[claimed, domain, ctx.sender.account])]


CHECK = BrandDisplayCheck()
