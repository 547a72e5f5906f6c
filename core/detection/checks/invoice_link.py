"""An invoice or payment request whose "pay" or "view invoice" link goes to a host the sender does not own.

A business that bills its customers sends them to its own site or to the invoicing or payment service it uses
(Stripe, PayPal, QuickBooks, Xero, SumUp...: PAYMENT_PLATFORMS). A fake invoice sends them to whatever page the
fraudster controls: a login page "to view the document", a card form "to pay". So the call to pay or to open the
invoice, made by a message about an invoice, pointing at a host that is neither the sending account's, the From
address's site, nor a known payment service, is "links" evidence. It never holds alone: an accountant's portal or a
payment service missing from the table looks the same.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.rule_tables import INVOICE_WORDS, PAY_CALLS, PAYMENT_PLATFORMS
from core.mail.links import anchors, host_of, sender_site, site_of, suffix_in
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "URL_INVOICE_FOREIGN"
TEXT_CHARS = 20000
#: How far after a pay call a plain-text link may start and still be that call's link.
NEAR = 120
_URL = re.compile(r"https?://[^\s<>\"']{1,500}", re.IGNORECASE)


def _about_invoice(text: str) -> bool:
    return any(map(text.__contains__, INVOICE_WORDS))  # in C: no generator frame per word


def _platform(host: str) -> bool:
    return bool(suffix_in(host, PAYMENT_PLATFORMS))


def pay_links(msg: ParsedMessage) -> list[str]:
    """URLs the message offers as the way to pay or to open its invoice: HTML links whose text is a pay call, and
    plain-text links written right after one."""
    out = [a.href for a in anchors(msg.html) if any(map(a.text.lower().__contains__, PAY_CALLS))]
    text = msg.text[:TEXT_CHARS]
    low = text.lower()
    for m in _URL.finditer(text):
        before = low[max(0, m.start() - NEAR):m.start()]
        if any(map(before.__contains__, PAY_CALLS)):
            out.append(m.group(0))
    return out


class InvoiceLinkCheck:
    """The pay or view-invoice link of a message about an invoice, on a foreign host."""

    name = "invoice_link"
    group = GROUP_SPAM
    description = "An invoice's pay or view link goes to a host that is not the sender's or a payment service's"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit URL_INVOICE_FOREIGN with the host."""
        head = msg.lowered(TEXT_CHARS, 500, " ")
        if not _about_invoice(head):
            return []
        from_site = sender_site(msg)
        for url in pay_links(msg):
            host = host_of(url)
            if not host or ctx.owns(host) or site_of(host) == from_site or _platform(host):
                continue
            return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                           options=[host[:80]])]
        return []


CHECK = InvoiceLinkCheck()
