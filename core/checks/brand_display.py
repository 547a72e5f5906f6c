"""A From display name that is a brand ("PayPal Security") on an address of a domain the brand does not own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.brands import belongs_to, brand_in_display
from core.checks.base import GROUP_SPAM, ScanContext
from core.models import Symbol

if TYPE_CHECKING:
    from core.mime import ParsedMessage

SYMBOL = "FROM_BRAND_MISMATCH"


class BrandDisplayCheck:
    """Look the display name up in the brand table and compare the sender's domain with the brand's domains."""

    name = "brand_display"
    group = GROUP_SPAM
    description = "From display name impersonates a brand the sending domain does not belong to"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit FROM_BRAND_MISMATCH with the brand and the sender's domain."""
        domain = msg.from_addr.rpartition("@")[2].strip(">. ").lower()
        if not domain or not msg.from_display:
            return []
        brand = brand_in_display(msg.from_display)
        if brand is None or belongs_to(domain, brand):
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                       options=[brand, domain])]


CHECK = BrandDisplayCheck()
