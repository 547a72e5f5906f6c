"""From, Reply-To and the envelope sender (Return-Path) on different sites: replies or bounces go elsewhere.

Mailing lists and newsletters legitimately rewrite the envelope sender and set Reply-To to the list, and
contact forms send "From: visitor@free-mail" through the site's own envelope, so these score weakly; a
Reply-To at a free-mail provider while the From is a company address is the advance-fee fraud pattern.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.rule_tables import FREEMAIL_DOMAINS
from core.mail.links import site_of
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

REPLYTO_FREEMAIL = "REPLYTO_FREEMAIL"
REPLYTO_MISMATCH = "REPLYTO_MISMATCH"
ENVELOPE_MISMATCH = "ENVELOPE_FROM_MISMATCH"
#: Headers that mark list or bulk mail, where rewritten senders and Reply-To are the norm.
LIST_HEADERS = ("list-id", "list-post", "list-unsubscribe", "mailing-list", "x-mailing-list")


def domain_of(address: str) -> str:
    """The lower-case domain of an address ('' if it has none)."""
    return address.rpartition("@")[2].strip("<>. \t").lower() if "@" in address else ""


def is_freemail(domain: str) -> bool:
    """True for an address domain of a free-mail provider (table in core.detection.rule_tables)."""
    return domain in FREEMAIL_DOMAINS or site_of(domain) in FREEMAIL_DOMAINS


def is_list_mail(msg: ParsedMessage) -> bool:
    """True when headers mark the message as list or bulk mail."""
    if any(msg.header(h) is not None for h in LIST_HEADERS):
        return True
    return (msg.header("precedence") or "").strip().lower() in ("list", "bulk", "junk")


def in_thread(msg: ParsedMessage) -> bool:
    """True when the message answers another (In-Reply-To or References): a thread its recipients took part in."""
    return bool(msg.header("in-reply-to") or msg.header("references"))


class SenderMismatchCheck:
    """Compare the sites of From, Reply-To and the envelope sender."""

    name = "sender_mismatch"
    group = GROUP_SPAM
    description = "From, Reply-To and envelope sender belong to different sites"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit REPLYTO_FREEMAIL or REPLYTO_MISMATCH, and ENVELOPE_FROM_MISMATCH (the last two: non-list mail)."""
        from_domain = domain_of(msg.from_addr)
        if not from_domain:
            return []
        from_site = site_of(from_domain)
        listed = is_list_mail(msg)
        out: list[tuple[str, str]] = []
        reply = domain_of(msg.reply_to_addr)
        # A site's own form mailing its owner, Reply-To the visitor, stays inside the sending account (or, where
        # no account is known, inside the From address's own site): not a lure.
        if reply and site_of(reply) != from_site and not ctx.internal(from_site):
            if is_freemail(reply) and not is_freemail(from_domain):
                out.append((REPLYTO_FREEMAIL, reply))
            elif not listed:
                out.append((REPLYTO_MISMATCH, reply))
        # Outgoing mail has no Return-Path yet: the envelope is the truth; the header stands in for tests and
        # for mail re-scanned from a mailbox.
        envelope = domain_of(ctx.envelope.sender) or domain_of(msg.header("return-path") or "")
        if envelope and not listed and site_of(envelope) != from_site:
            out.append((ENVELOPE_MISMATCH, envelope))
        return [Symbol(name=sym, score=ctx.settings.score(sym), description=self.description,
                       options=[from_domain, other]) for sym, other in out]


CHECK = SenderMismatchCheck()
