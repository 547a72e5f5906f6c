"""Where the message wants the conversation to go, when that is not the sender: a messenger (WhatsApp, Telegram,
Signal, WeChat, Viber, LINE).

Advance-fee, investment, romance, job and recovery frauds sent from a hijacked mailbox cannot receive the answers
there: the owner would see them. So they name another channel: "write me on WhatsApp +44...", "t.me/...". The
messenger names and link hosts are the same in every language. Businesses name their WhatsApp too, so the signal
only counts in a message that links nothing of the sender's own site (a shop's footer links its shop) and is not
list mail or a reply, nor a site's form mailing its owner (core/detection/checks/money_ask.py's
not_the_senders_business).

CONTACT_MESSENGER (a messenger link, a messenger's name beside a phone number or handle, or a request in words to go
there: "reply with your WhatsApp", "escríbeme por Telegram", "napisz do mnie na WhatsAppie", rule_tables'
MESSENGER_ASK_TEMPLATES in 14 languages) is "ask" evidence (the fraud's channel, core/detection/checks/money_ask.py),
never holds alone. The worded request is in the first person ("contact me", "send me your"): a business's "contact
us on WhatsApp" is its customer service, and most of those link their own site anyway. (A private free-mail address
written in the text was tried too: every site's "new user registered: x@gmail.com" notice to its owner has one.)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.money_ask import Table, not_the_senders_business
from core.detection.checks.spam_phrases import message_text, normalized_text, normalized_words
from core.detection.rule_tables import (
    MESSENGER_ASK_NAMES,
    MESSENGER_ASK_SCRIPT_NAMES,
    MESSENGER_ASK_TEMPLATES,
    MESSENGER_HOSTS,
    MESSENGER_NAMES,
)
from core.mail.links import host_of, site_of, urls
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

MESSENGER = "CONTACT_MESSENGER"
MAX_LINKS = 200
#: Characters of the text read: a fraud names its channel near the top or in its signature, not deep in a long mail.
TEXT_CHARS = 12000
#: A phone number (7+ digits, spaces, dots, dashes, brackets) or a @handle, right after a messenger's name.
_NUMBER = re.compile(r"(?:\+?\d[\d\s().\-]{6,18}\d|@[a-z0-9_]{4,32})", re.IGNORECASE)
_NAMES = re.compile("|".join(re.escape(n) for n in MESSENGER_NAMES), re.IGNORECASE)
#: The names as normalised text has them: a cheap word-set and substring test before the pattern runs on the raw text.
#: Also the names only the worded requests know.
_NAMES_NORMALIZED = Table((*MESSENGER_NAMES, *MESSENGER_ASK_NAMES,
                           *(n for names in MESSENGER_ASK_SCRIPT_NAMES.values() for n in names)), keep_spaces=False)
NEAR = 60
#: Words every messenger link host holds: a link without one is not looked at further.
_LINK_HINTS = ("whatsapp", "telegram", "signal", "line.me", "wechat", "viber", "threema")


def ask_phrases() -> tuple[str, ...]:
    """Every worded request to move to a messenger: each language's templates with every messenger name."""
    return tuple(template.replace("{m}", name) for lang, templates in MESSENGER_ASK_TEMPLATES.items()
                 for template in templates
                 for name in (*MESSENGER_ASK_NAMES, *MESSENGER_ASK_SCRIPT_NAMES.get(lang, ())))


_ASKS = Table(ask_phrases(), keep_spaces=True)


def messenger(text: str, links: list[str], normalized: str = "", words: frozenset[str] | None = None) -> str:
    """The messenger the message sends its reader to ('' if none): a link to one, or its name beside a number.
    `normalized` and `words` (the text as spam_phrases.normalize leaves it, and its words), when given, rule out
    text naming no messenger."""
    for url in links:
        if "wa.me" not in url and "t.me" not in url and not any(map(url.__contains__, _LINK_HINTS)):
            continue
        host = host_of(url)
        if host in MESSENGER_HOSTS or site_of(host) in MESSENGER_HOSTS:
            return host[:60]
    if normalized and words is not None and not _NAMES_NORMALIZED.first(normalized, words, normalized.isascii()):
        return ""
    for m in _NAMES.finditer(text):
        if _NUMBER.search(text, m.end(), m.end() + NEAR):
            return m.group(0).lower()
    if normalized and words is not None:
        ask = _ASKS.first(normalized, words, normalized.isascii())
        if ask:
            return "ask:" + ask.strip()[:50]
    return ""


class ContactChannelCheck:
    """A messenger to continue on, in a message that is not its sender's business."""

    name = "contact_channel"
    group = GROUP_SPAM
    description = "Asks to continue on a messenger, away from the sender"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit CONTACT_MESSENGER with the messenger."""
        links = urls(msg, MAX_LINKS)
        budget = ctx.settings.scan.max_text_bytes
        where = messenger(message_text(msg, budget)[:TEXT_CHARS], links, normalized_text(msg, budget)[:TEXT_CHARS],
                          normalized_words(msg, budget))
        if not where or not not_the_senders_business(msg, ctx, links):
            return []
        return [Symbol(name=MESSENGER, score=ctx.settings.score(MESSENGER), description=self.description,
                       options=[where])]


CHECK = ContactChannelCheck()
