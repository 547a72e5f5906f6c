"""One message to many people who cannot see each other: several envelope recipients, on several domains, none
of them named in To or Cc.

A hijacked mailbox or a dropped mailer sends its lure to a list of strangers in Bcc, each on another provider, and
writes itself (or nobody) in To. People write to several others openly (To, Cc); lists and newsletters say what
they are (List-Id, List-Unsubscribe) and send each reader a copy of their own. The Bcc blast under the
excessive-recipients threshold ([checks] max_envelope_recipients, RCPT_EXCESSIVE) is what this check sees.
"behaviour" evidence: a club's secretary writes to the members in Bcc too, so it never holds mail alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.excessive_recipients import visible_recipients
from core.detection.checks.sender_mismatch import is_list_mail
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "RCPT_BCC_BLAST"
#: Hidden recipients, and the distinct domains they are on, from which a send is a blast.
MIN_HIDDEN = 5
MIN_DOMAINS = 3


class BccBlastCheck:
    """Envelope recipients missing from To and Cc, on several domains."""

    name = "bcc_blast"
    group = GROUP_SPAM
    description = "Sent in Bcc to several people on several domains, none named in To or Cc"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit RCPT_BCC_BLAST with the counts."""
        rcpts = {r.strip("<> ").lower() for r in ctx.envelope.recipients}
        if len(rcpts) < MIN_HIDDEN or len(rcpts) >= ctx.settings.check_param("max_envelope_recipients"):
            return []
        if is_list_mail(msg):
            return []
        visible = visible_recipients(msg)
        hidden = {r for r in rcpts if r not in visible}
        domains = {r.rpartition("@")[2] for r in hidden}
        if len(hidden) < MIN_HIDDEN or len(domains) < MIN_DOMAINS or len(hidden) < len(rcpts) - 1:
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                       options=[f"hidden={len(hidden)}", f"domains={len(domains)}"])]


CHECK = BccBlastCheck()
