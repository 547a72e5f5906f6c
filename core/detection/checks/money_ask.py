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
- ASK_URGENT_PAYMENT: a short message that asks for a transfer or payment, now, with an amount: the wire of CEO
  fraud and the "overdue" transfer of invoice fraud, in whatever story.
- ASK_PERSONAL_DETAILS: asks for the reader's full name, address, date of birth, passport or bank details: what
  advance-fee, prize and job frauds need next.
- ASK_UPFRONT_FEE: a fee to pay before receiving something (release, clearance, customs, processing, delivery),
  with an amount: prize, parcel and loan frauds.
- ASK_CALL_ABOUT_CHARGE: a short message with an amount of money, an international or toll-free phone number to
  call, a charge to undo (a renewal or order to cancel, a refund, one "you did not authorise") and no link at all:
  the callback ("to cancel, call +1 ...") that takes the fraud to the phone. A short quote or bill from a small
  business ("total $240, call me at ...") has the amount and the number but nothing to undo.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.sender_mismatch import in_thread, is_list_mail
from core.detection.checks.spam_phrases import message_text, normalize, normalized_text, normalized_words
from core.detection.rule_tables import (
    CALLBACK_STEMS,
    GIFT_CARD_CODE_WORDS,
    GIFT_CARD_WORDS,
    PAYMENT_ACT_STEMS,
    PERSONAL_DETAIL_ASKS,
    PHONE_NUMBER_ASKS,
    UPFRONT_FEE_STEMS,
    URGENT_STEMS,
)
from core.detection.word_sets import WordSets
from core.mail.links import link_hosts, sender_site, site_of, urls
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

GIFT_CARD = "ASK_GIFT_CARD"
PHONE = "ASK_PHONE_NUMBER"
CALL = "ASK_CALL_ABOUT_CHARGE"
#: Characters of the normalised text searched for the gift-card and phone-number asks: they sit near the top.
TEXT_CHARS = 12000
PAYMENT = "ASK_URGENT_PAYMENT"
DETAILS = "ASK_PERSONAL_DETAILS"
FEE = "ASK_UPFRONT_FEE"
#: An urgent payment request is short: words of subject and text at most.
PAYMENT_MAX_WORDS = 200
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
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


Entry = tuple[str, frozenset[str], bool]


class Table:
    """Phrases matched in normalised text. Each needs its words in the message's word set first (a cheap test
    before the substring search; a last word without a trailing space is a stem, not a word), and a table whose
    phrases' longest words none of the message's words is skips them all with one set operation. `keep_spaces`:
    a leading or trailing space of a phrase marks a word boundary there. Chinese, Japanese and Korean phrases
    match anywhere, with no word test, and only in text that is not ASCII."""

    def __init__(self, table: tuple[str, ...], keep_spaces: bool) -> None:
        self.loose: list[Entry] = []  # no word test possible: always searched (if the text can hold them)
        self.gated: list[Entry] = []
        for phrase in table:
            core = normalize(phrase).strip()
            if _UNSPACED.search(phrase):
                self.loose.append((core, frozenset(), False))
                continue
            text = core if not keep_spaces else (" " * phrase.startswith(" ") + core + " " * phrase.endswith(" "))
            tokens = core.split()
            need = frozenset(tokens if phrase.endswith(" ") else tokens[:-1])
            (self.gated if need else self.loose).append((text, need, phrase.isascii()))
        # the loose phrases an ASCII text can hold, and the gated ones by their words (a text's words pick the few
        # whose words it all has)
        self.loose_ascii = [phrase for phrase, _, ascii_phrase in self.loose if ascii_phrase]
        self.loose_all = [phrase for phrase, _, _ in self.loose]
        self.gated_sets = WordSets([need for _, need, _ in self.gated])

    def first(self, text: str, words: frozenset[str], ascii_text: bool) -> str:
        """The first phrase found in `text` ('' if none)."""
        # filter runs the substring tests in C; the loop body runs only for the first phrase found
        for phrase in filter(text.__contains__, self.loose_ascii if ascii_text else self.loose_all):
            return phrase
        gated = self.gated
        for i in self.gated_sets.within(words):
            phrase, _, ascii_phrase = gated[i]
            if (ascii_phrase or not ascii_text) and phrase in text:
                return phrase
        return ""


_GIFT = Table(GIFT_CARD_WORDS, keep_spaces=False)
_CODES = Table(GIFT_CARD_CODE_WORDS, keep_spaces=True)
_PHONE_ASKS = Table(PHONE_NUMBER_ASKS, keep_spaces=True)
_PAY_ACTS = Table(PAYMENT_ACT_STEMS, keep_spaces=True)
_URGENT = Table(URGENT_STEMS, keep_spaces=True)
_DETAILS = Table(PERSONAL_DETAIL_ASKS, keep_spaces=True)
_FEES = Table(UPFRONT_FEE_STEMS, keep_spaces=True)
_CALLBACKS = Table(CALLBACK_STEMS, keep_spaces=True)


def not_the_senders_business(msg: ParsedMessage, ctx: ScanContext, links: list[str]) -> bool:
    """Neither list mail, nor a reply in a thread, nor a site's mail to its owner, nor a message that links its
    sender's own site (the account's domains or the From address's site). Kept per message and scan (three checks
    ask)."""
    kept = msg.views.get("senders_business")
    if kept is not None and kept[0] is ctx and kept[1] == len(links):  # the same scan and links (urls() slices)
        return kept[2]
    answer = _not_business(msg, ctx, links)
    msg.views["senders_business"] = (ctx, len(links), answer)
    return answer


def _not_business(msg: ParsedMessage, ctx: ScanContext, links: list[str]) -> bool:
    if is_list_mail(msg) or in_thread(msg):
        return False
    from_site = sender_site(msg)
    if from_site and ctx.internal(from_site):
        return False
    return not any(host and (ctx.owns(host) or site_of(host) == from_site) for host in link_hosts(msg)[:len(links)])


class MoneyAskCheck:
    """Gift-card codes, the reader's phone number, a callback about a charge."""

    name = "money_ask"
    group = GROUP_SPAM
    description = "Asks for gift-card codes, the reader's mobile number, or a call about a charge"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit ASK_GIFT_CARD, ASK_PHONE_NUMBER and/or ASK_CALL_ABOUT_CHARGE with what was found."""
        budget = ctx.settings.scan.max_text_bytes
        # shared with spam_phrases and scam_patterns: normalised and split once a scan
        full = normalized_text(msg, budget)
        words_in = normalized_words(msg, budget)
        text = full[:TEXT_CHARS]
        plain = text.isascii()
        found: list[tuple[str, str]] = []
        gift = _GIFT.first(text, words_in, plain)
        if gift and _CODES.first(text, words_in, plain):
            found.append((GIFT_CARD, gift.strip()))
        ask = _PHONE_ASKS.first(text, words_in, plain)
        if ask:
            found.append((PHONE, ask.strip()))
        details = _DETAILS.first(text, words_in, plain)
        if details:
            found.append((DETAILS, details.strip()))
        words = full.count(" ")  # normalize() leaves one space between words
        raw = message_text(msg, budget) if words <= PAYMENT_MAX_WORDS else ""
        if raw:
            act = _PAY_ACTS.first(text, words_in, plain)
            if act and _URGENT.first(text, words_in, plain) and _AMOUNT.search(raw):
                found.append((PAYMENT, act.strip()))
            fee = _FEES.first(text, words_in, plain)
            if fee and _AMOUNT.search(raw):
                found.append((FEE, fee.strip()))
        links = urls(msg, MAX_LINKS)
        if raw and not links and words <= CALL_MAX_WORDS and any(c.isdigit() for c in text):
            number = _PHONE.search(raw)
            if number and _AMOUNT.search(raw) and _CALLBACKS.first(text, words_in, plain):
                found.append((CALL, number.group(0)))
        if not found or not not_the_senders_business(msg, ctx, links):
            return []
        return [Symbol(name=sym, score=ctx.settings.score(sym), description=self.description, options=[opt[:60]])
                for sym, opt in found]


CHECK = MoneyAskCheck()
