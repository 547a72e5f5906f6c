"""Evidence for a message: it is aligned with the sending account's own domains (negative scores).

Only an account the MTA identified (SMTP AUTH id, the caller's uid) has domains here (ScanContext.own_domains),
so none of this can be claimed by forging headers onto another account's domains; and each symbol needs the From
domain to be the account's own first. A compromised account can still write every header of its own mail, which
is why every credit is small and the verdict policy caps all of them together (verdict.max_credit): they soften a
weak suspicion (the classifier calling a shop's receipt spam) and never cancel strong evidence.

  ALIGNED_FROM         From and envelope sender are the account's domains.
  ALIGNED_MSGID        the Message-ID was made on one of its domains.
  ALIGNED_LINKS        every link goes to the account's own sites (at least one link).
  ALIGNED_LIST_UNSUB   a List-Unsubscribe whose every address is on the account's domains (its own newsletter).
  AUTH_MAILBOX_OF_FROM the SMTP AUTH login is a mailbox of the From domain.
  THREAD_REPLY         a reply within a thread (In-Reply-To or References, and a reply subject).
  SHORT_PLAIN_TEXT     a short text with no link or attachment off the account's sites (a receipt, a note).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.sender_mismatch import domain_of, in_thread
from core.identity.attribution import How
from core.mail.links import host_of, urls
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

ALIGNED_FROM = "ALIGNED_FROM"
ALIGNED_MSGID = "ALIGNED_MSGID"
ALIGNED_LINKS = "ALIGNED_LINKS"
ALIGNED_LIST_UNSUB = "ALIGNED_LIST_UNSUB"
AUTH_MAILBOX = "AUTH_MAILBOX_OF_FROM"
THREAD_REPLY = "THREAD_REPLY"
SHORT_PLAIN = "SHORT_PLAIN_TEXT"
SYMBOLS = (ALIGNED_FROM, ALIGNED_MSGID, ALIGNED_LINKS, ALIGNED_LIST_UNSUB, AUTH_MAILBOX, THREAD_REPLY, SHORT_PLAIN)

_MSGID_DOMAIN = re.compile(r"@([A-Za-z0-9.-]{1,253})>?\s*$")
_LIST_URI = re.compile(r"<([^<>]{1,2048})>")
# Reply and forward prefixes in the languages people write mail in ("Re:", "AW:", "SV:", "回复:", "رد:"...).
_REPLY_PREFIXES = ("re|aw|sv|vs|antw|odp|ynt|r|rif|res|tr|wg|fw|fwd|enc"
                   "|\u56de\u590d|\u56de\u8986|\u7b54\u590d|\u8fd4\u4fe1"  # Chinese and Japanese
                   "|\u0631\u062f|\u05d4\u05e9\u05d1|\u05ea\u05d2\u05d5\u05d1\u05d4")  # Arabic and Hebrew
_REPLY_SUBJECT = re.compile(rf"^\s*(?:{_REPLY_PREFIXES})\s*(?:\[\d+\])?\s*[:\uff1a]", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def text_words(msg: ParsedMessage, limit: int) -> int:
    """Words of the text (or the visible HTML text), counting up to `limit + 1` ("at most `limit` words?")."""
    text = msg.text or msg.html_text
    n = 0
    for _ in _WORD.finditer(text):
        n += 1
        if n > limit:
            break
    return n


class AlignmentCheck:
    """Credit what ties the message to the sending account's own domains."""

    name = "alignment"
    group = GROUP_SPAM
    description = "Message is aligned with the sending account's own domains"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit the ALIGNED_* and other credit symbols that apply (nothing unless the From domain is owned)."""
        from_domain = domain_of(msg.from_addr)
        if not ctx.vouched or not ctx.owns(from_domain):
            return []
        found: list[tuple[str, str]] = []
        envelope = domain_of(ctx.envelope.sender)
        if not envelope or ctx.owns(envelope):
            found.append((ALIGNED_FROM, from_domain))
        m = _MSGID_DOMAIN.search(msg.header("message-id") or "")
        if m and ctx.owns(m.group(1)):
            found.append((ALIGNED_MSGID, m.group(1).lower()))
        hosts = {host_of(u) for u in urls(msg, 200)}
        hosts.discard("")
        foreign = sorted(h for h in hosts if not ctx.owns(h))
        if hosts and not foreign:
            found.append((ALIGNED_LINKS, f"{len(hosts)} hosts"))
        unsub = msg.header("list-unsubscribe")
        if unsub:
            targets = [_list_target(u) for u in _LIST_URI.findall(unsub)]
            if targets and all(t and ctx.owns(t) for t in targets):
                found.append((ALIGNED_LIST_UNSUB, targets[0]))
        login = ctx.envelope.user
        if ctx.sender.how == How.AUTH and "@" in login and domain_of(login) == from_domain:
            found.append((AUTH_MAILBOX, login))
        if in_thread(msg) and _REPLY_SUBJECT.match(msg.subject):
            found.append((THREAD_REPLY, msg.subject[:40]))
        limit = int(ctx.settings.check_param("short_text_max_words"))
        if not foreign and not msg.attachments and 0 < text_words(msg, limit) <= limit:
            found.append((SHORT_PLAIN, f"<= {limit} words"))
        return [Symbol(name, ctx.settings.score(name), self.description, [detail]) for name, detail in found]


def _list_target(uri: str) -> str:
    """The domain a List-Unsubscribe URI points to: the host of an http(s) URL or the domain of a mailto."""
    uri = uri.strip()
    if uri.lower().startswith("mailto:"):
        return domain_of(uri[7:].split("?", 1)[0])
    if uri.lower().startswith(("https://", "http://")):
        return host_of(uri)
    return ""


CHECK = AlignmentCheck()
