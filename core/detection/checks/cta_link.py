"""The message's button goes somewhere nothing else in it goes: the call to action of a lure, styled as a button,
pointing at a site that is not the sender's, not the account's, not a brand's or a payment service's, and that no
other link of the message shares.

Phishing kits keep a brand's real footer and social links and send only the button elsewhere; the button's words
change with every language and campaign, its shape does not (an anchor with padding, a block display or a
background). Honest transactional mail points its button at its own site, at its mail service's tracking host
(which its other links share too) or at its payment service; so the check runs only on mail that links nothing of
its sender's site and is neither list mail nor a reply (core/detection/checks/money_ask.py's
not_the_senders_business). "links" evidence: never holds alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.brands import brand_of_domain
from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.money_ask import not_the_senders_business
from core.detection.rule_tables import PAYMENT_PLATFORMS
from core.mail.links import anchors, host_of, sender_site, site_of, urls
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "URL_CTA_FOREIGN"
MAX_LINKS = 200


def _payment(host: str) -> bool:
    labels = host.split(".")
    return any(".".join(labels[i:]) in PAYMENT_PLATFORMS for i in range(len(labels) - 1))


def button_sites(html: str) -> list[tuple[str, str]]:
    """(site, host) of every button-styled link of an HTML body (links.anchors: Anchor.button), in order."""
    hosts = [host_of(a.href) for a in anchors(html) if a.button]
    return [(site_of(host), host) for host in hosts if host]


class CtaLinkCheck:
    """A button to a site the rest of the message never links."""

    name = "cta_link"
    group = GROUP_SPAM
    description = "The message's button goes to a foreign site that no other link of it shares"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit URL_CTA_FOREIGN with the button's host."""
        if not msg.html or ("<a" not in msg.html and "<A" not in msg.html):
            return []
        links = urls(msg, MAX_LINKS)
        if not not_the_senders_business(msg, ctx, links):  # cheap, and rules out most honest mail first
            return []
        buttons = button_sites(msg.html)
        if not buttons:
            return []
        from_site = sender_site(msg)
        sites = [site_of(host_of(a.href)) for a in anchors(msg.html, MAX_LINKS)]
        for site, host in buttons:
            if ctx.owns(host) or site == from_site or brand_of_domain(host) or _payment(host):
                continue
            if sites.count(site) > sum(1 for s, _ in buttons if s == site):
                continue  # other links share the button's site: a mail service's tracking host, the sender's shop
            return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                           options=[host[:80]])]
        return []


CHECK = CtaLinkCheck()
