"""Where a message comes from, as far as the MTA vouches for it: mail no account stands behind.

Outgoing mail is normally sent by an account the MTA identified (SMTP AUTH, or the caller's uid for sendmail and
PHP) from one of that account's own domains. Mail whose account came only from headers, or that an identified
account sends to the outside world as a domain it does not own, has no one vouching for its origin. That is not a
reason to hold it (people send from their free-mail address through their host), so these symbols weigh 0; but in
the verdict policy (core.verdict_policy) they are the "origin" kind of evidence, which corroborates what other
checks found. On a server without cPanel accounts no mail is an account's, so nothing is told there: the
classifier then needs other evidence (or its near-certain band) to hold anything. Nothing is told of incoming mail
either: all of it comes from remote hosts nobody here vouches for, so "unvouched" would not tell one incoming
message from another, and as evidence it let the classifier's confident band (which today's legitimate mail often
reaches: it learned from 2002 mail) file legitimate incoming mail as spam on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.sender_mismatch import domain_of
from core.models import Direction, Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

UNVERIFIED = "SENDER_UNVERIFIED"
FOREIGN_FROM = "FROM_NOT_ACCOUNT_DOMAIN"


class OriginCheck:
    """Flag mail that no MTA-identified account sends as one of its own domains."""

    name = "origin"
    group = GROUP_SPAM
    description = "No MTA-identified account sends this message as one of its own domains"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """SENDER_UNVERIFIED (no vouched account with domains) or FROM_NOT_ACCOUNT_DOMAIN (From not its own, to the
        outside world)."""
        if ctx.envelope.direction != Direction.OUTGOING:
            return []  # every incoming message comes from a remote host nobody here vouches for: no evidence
        if not ctx.vouched or not ctx.own_domains:
            if not ctx.accounts_known:
                return []  # a server without cPanel accounts: nobody's mail is an account's, nothing to tell
            how = ctx.sender.how if ctx.vouched else f"account from {ctx.sender.how}"
            return [Symbol(UNVERIFIED, ctx.settings.score(UNVERIFIED), self.description,
                           [ctx.sender.account, how])]
        from_domain = domain_of(msg.from_addr) or domain_of(ctx.envelope.sender)
        # A site's own notifications (a contact form mailing the owner "From" the visitor) stay inside the account:
        # only mail to the outside world claiming a domain the account does not own lacks a voucher.
        if not ctx.owns(from_domain) and not ctx.internal():
            return [Symbol(FOREIGN_FROM, ctx.settings.score(FOREIGN_FROM), self.description,
                           [from_domain or "no From", ctx.sender.account])]
        return []


CHECK = OriginCheck()
