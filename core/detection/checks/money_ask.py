"""What a fraud asks its reader to do, in whatever story it tells: buy gift cards and send their codes, give a
mobile number to be reached off e-mail, call a number about a charge (core/detection/checks/contact_channel.py
adds: continue on a messenger).

These asks are the fraud's payment and contact channel, evidence of another kind ("ask" in [verdict.kinds]) than
the story the text tells (the "content" cue groups of core/detection/checks/scam_patterns.py): a story in new words
still has to end in one of a few asks. Each is something honest mail seldom asks in a message that links nothing
of its sender's own site and is neither list mail nor a reply (a shop selling gift cards links its shop; a
courier asking for a phone number links its tracking page). Never holds alone.

- ASK_GIFT_CARD: gift cards named with their codes, a scratch or a photo of the card.
- ASK_PHONE_NUMBER: asks for the reader's mobile, cell or WhatsApp number.
- ASK_CALL_ABOUT_CHARGE: a short message with an amount of money and an international or toll-free phone number
  to call, and no link at all: the callback ("to cancel, call +1 ...") that takes the fraud to the phone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.sender_mismatch import is_list_mail
from core.detection.checks.spam_phrases import normalize
from core.detection.rule_tables import GIFT_CARD_CODE_WORDS, GIFT_CARD_WORDS, PHONE_NUMBER_ASKS
from core.mail.links import host_of, sender_site, site_of, urls
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

GIFT_CARD = "ASK_GIFT_CARD"
PHONE = "ASK_PHONE_NUMBER"
CALL = "ASK_CALL_ABOUT_CHARGE"
TEXT_CHARS = 6000
MAX_LINKS = 200
#: A callback lure is short: words of subject and text at most.
CALL_MAX_WORDS = 150
_AMOUNT = re.compile(r"(?:[$€£¥₹₩₪]|\b(?:usd|eur|gbp|chf|cad|aud|jpy|inr)\b)\s?\d|\d(?:[.,]\d{2})?\s?(?:[$€£¥₹₩₪]|"
                     r"\b(?:usd|eur|gbp|chf|cad|aud|jpy|inr|euro|euros|dollars?)\b|円|元|ريال|درهم|ש\"ח|"
                     "\u0440\u0443\u0431)",  # roubles, in Cyrillic
                     re.IGNORECASE)
#: "+1 (834) 555-0145", "+44 20 7946 0958", "1-800-555-0199", "0800 123 456"
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s.\-]?\(?\d{1,4}\)?(?:[\s.\-]?\d{2,4}){2,4}|"
                    r"1[\s.\-]?\(?8(?:00|33|44|55|66|77|88)\)?[\s.\-]?\d{3}[\s.\-]?\d{4}|0800[\s.\-]?\d{3}[\s.\-]?\d{3,4})(?!\d)")
_GIFT = tuple(normalize(w).strip() for w in GIFT_CARD_WORDS)
_CODES = tuple(normalize(w) if w.isascii() else w for w in GIFT_CARD_CODE_WORDS)
_PHONE_ASKS = tuple(normalize(w) if w.isascii() else w for w in PHONE_NUMBER_ASKS)


def not_the_senders_business(msg: ParsedMessage, ctx: ScanContext, links: list[str]) -> bool:
    """Neither list mail, nor a reply in a thread, nor a site's mail to its owner, nor a message that links its
    sender's own site (the account's domains or the From address's site)."""
    if is_list_mail(msg) or msg.header("in-reply-to") or msg.header("references"):
        return False
    from_site = sender_site(msg)
    if from_site and ctx.internal(from_site):
        return False
    for url in links:
        host = host_of(url)
        if host and (ctx.owns(host) or site_of(host) == from_site):
            return False
    return True


class MoneyAskCheck:
    """Gift-card codes, the reader's phone number, a callback about a charge."""

    name = "money_ask"
    group = GROUP_SPAM
    description = "Asks for gift-card codes, the reader's mobile number, or a call about a charge"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit ASK_GIFT_CARD, ASK_PHONE_NUMBER and/or ASK_CALL_ABOUT_CHARGE with what was found."""
        raw = " \n ".join((msg.subject[:500], msg.text[:TEXT_CHARS], msg.html_text[:TEXT_CHARS]))
        text = normalize(raw)
        found: list[tuple[str, str]] = []
        gift = next((w for w in _GIFT if w in text), "")
        if gift and any(c in text for c in _CODES):
            found.append((GIFT_CARD, gift))
        ask = next((w for w in _PHONE_ASKS if w in text), "")
        if ask:
            found.append((PHONE, ask.strip()))
        links = urls(msg, MAX_LINKS)
        if not links and len(text.split()) <= CALL_MAX_WORDS:
            number = _PHONE.search(raw)
            if number and _AMOUNT.search(raw):
                found.append((CALL, number.group(0)))
        if not found or not not_the_senders_business(msg, ctx, links):
            return []
        return [Symbol(name=sym, score=ctx.settings.score(sym), description=self.description, options=[opt[:60]])
                for sym, opt in found]


CHECK = MoneyAskCheck()
