"""Campaign detection: the same body sent to many recipients, from several accounts, or confirmed as spam.

The check only reads: the counting happens once per scan before the checks run (core.scan.pipeline asks the scan's
policy, which the Scanner binds to core.store.campaigns), so the counts in ctx.campaign already include this
message. Without them (no fingerprint: a short body; or a scan without Redis) the check finds nothing. A count is
the largest that at least campaign_min_bands of the message's band keys reached: one shared band key can be
chance, several mean a near-identical body; a match with confirmed spam, which holds mail on its own, needs
campaign_confirmed_min_bands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

#: (threshold key in [checks], symbol), largest burst first.
BURST_GRADES: tuple[tuple[str, str], ...] = (
    ("campaign_burst_recipients_high", "CAMPAIGN_BURST_HIGH"),
    ("campaign_burst_recipients_medium", "CAMPAIGN_BURST_MEDIUM"),
    ("campaign_burst_recipients_low", "CAMPAIGN_BURST_LOW"),
)


class CampaignCheck:
    """Score a body by how widely the server sent it in the last hour and whether it is confirmed spam."""

    name = "campaign"
    group = GROUP_SPAM
    description = "Near-identical bodies sent in bulk across the server"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit CAMPAIGN_* symbols from the counts of the message's fingerprint."""
        view = ctx.campaign
        if view is None or not view.bands:
            return []
        s = ctx.settings
        need = int(s.check_param("campaign_min_bands"))
        messages = view.agreed("messages", need)
        recipients = view.agreed("recipients", need)
        accounts = view.agreed("accounts", need)
        counts = [f"messages={messages}", f"recipients={recipients}", f"accounts={accounts}"]
        out: list[Symbol] = []
        if view.confirmed >= s.check_param("campaign_confirmed_min_bands"):
            out.append(Symbol("CAMPAIGN_CONFIRMED_SPAM", s.score("CAMPAIGN_CONFIRMED_SPAM"),
                              "body matches confirmed spam", [f"bands={view.confirmed}/{len(view.bands)}"]))
        for key, symbol in BURST_GRADES:
            if recipients >= s.check_param(key):
                out.append(Symbol(symbol, s.score(symbol), "near-identical body sent to many recipients in the "
                                  "last hour", counts))
                break
        if accounts >= s.check_param("campaign_multi_accounts"):
            out.append(Symbol("CAMPAIGN_MULTI_ACCOUNT", s.score("CAMPAIGN_MULTI_ACCOUNT"),
                              "near-identical body sent from several accounts in the last hour", counts))
        return out


CHECK = CampaignCheck()
