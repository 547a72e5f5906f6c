"""A link to someone else's site that carries the recipient's own address: how phishing kits pre-fill the victim's
login ("https://x.example/#jane@corp.example", "?email=amFuZUBjb3JwLmV4YW1wbGU=") so the fake sign-in page shows
their name and mailbox.

Language-independent: it reads where the link goes, not what the text says. Honest mail puts an address in a link
too (an unsubscribe or preferences link, a confirmation or reset link on the sender's own site, an ESP's tracking
link on list mail), so links on the sending account's domains or the From address's site, list mail and
unsubscribe/preference links do not count. "links" evidence: never holds alone.

RCPT_ADDRESS_IN_TEXT is the same kit's other habit: it knows the victim's address, not their name, so the subject or
the top of the text says "maria.santos@customer.example" ("Dear maria.santos@...", "Password for ... expires
today"). A site's own password reset or sign-up mail names the address too, but links its own site; so it counts
only in a message whose links all go elsewhere (and that is neither list mail, a reply or forward, nor a site's
mail to its owner). "content" evidence: never holds alone.
"""

from __future__ import annotations

import base64
import re
from typing import TYPE_CHECKING
from urllib.parse import unquote

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.sender_mismatch import in_thread, is_list_mail
from core.detection.rule_tables import ADDRESS_LINK_EXEMPT_WORDS
from core.mail.links import link_hosts, sender_site, site_of, urls
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "URL_RCPT_ADDRESS"
IN_TEXT = "RCPT_ADDRESS_IN_TEXT"
#: Characters of the text read for the address: a kit writes it in the greeting or the first lines.
TOP_CHARS = 1500
_IN_URL = re.compile(r"\S{0,300}://\S{0,2048}")
_FORWARDS = ("re:", "fw:", "fwd:", "aw:", "wg:", "tr:", "rv:", "sv:", "vs:", "r:", "enc:", "res:")
MAX_RECIPIENTS = 20
MAX_LINKS = 200


def _forms(address: str) -> tuple[str, ...]:
    """Ways a link writes an address: as is (lower case after unquoting) and base64 (standard and URL-safe, no
    padding; the first form is matched on the raw URL, case-sensitively)."""
    raw = address.encode()
    b64 = base64.b64encode(raw).decode().rstrip("=")
    safe = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    # the last base64 group may encode the address' end with bits of what follows: leave it out
    return (address, b64[:-2] if len(b64) > 8 else b64, safe[:-2] if len(safe) > 8 else safe)


def recipients(msg: ParsedMessage, ctx: ScanContext) -> list[str]:
    """The envelope recipients (lower case, with an @), at most MAX_RECIPIENTS."""
    return [r.strip("<> ").lower() for r in ctx.envelope.recipients[:MAX_RECIPIENTS] if "@" in r]


class RecipientLinkCheck:
    """Links off the sender's and the account's sites that carry a recipient's address."""

    name = "recipient_link"
    group = GROUP_SPAM
    description = "A link to another site carries the recipient's address (a pre-filled phishing page)"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit URL_RCPT_ADDRESS with the host, RCPT_ADDRESS_IN_TEXT with the address."""
        rcpts = recipients(msg, ctx)
        if not rcpts or is_list_mail(msg):
            return []
        found = urls(msg, MAX_LINKS)
        if not found:
            return []
        out = self._link(msg, ctx, rcpts, found)
        named = self._in_text(msg, ctx, rcpts, found)
        if named:
            out.append(Symbol(name=IN_TEXT, score=ctx.settings.score(IN_TEXT),
                              description="The recipient's address, not a name, heads a message that links only "
                                          "other sites", options=[named[:80]]))
        return out

    @staticmethod
    def _in_text(msg: ParsedMessage, ctx: ScanContext, rcpts: list[str], found: list[str]) -> str:
        """The recipient address the subject or the top of the text names, in a message linking only other sites,
        not a reply, forward or a site's mail to its owner ('' otherwise)."""
        top = " ".join((msg.subject[:500], msg.text[:TOP_CHARS], msg.html_text[:TOP_CHARS])).lower()
        if not any(r in top for r in rcpts):
            return ""
        top = _IN_URL.sub(" ", top)  # an address inside a link is URL_RCPT_ADDRESS's matter
        named = next((r for r in rcpts if r in top), "")
        if not named or in_thread(msg):
            return ""
        if msg.subject.lstrip().lower().startswith(_FORWARDS):
            return ""
        from_site = sender_site(msg)
        if from_site and ctx.internal(from_site):
            return ""
        for host in link_hosts(msg)[:len(found)]:
            if host and (ctx.owns(host) or site_of(host) == from_site):
                return ""
        return named

    def _link(self, msg: ParsedMessage, ctx: ScanContext, rcpts: list[str], found: list[str]) -> list[Symbol]:
        forms: list[tuple[str, ...]] = []
        from_site = sender_site(msg)
        for url, host in zip(found, link_hosts(msg), strict=False):
            if not host or site_of(host) == from_site or ctx.owns(host):
                continue
            forms = forms or [_forms(r) for r in rcpts]
            if "@" not in url and "%40" not in url.lower() and not any(f[1] in url or f[2] in url for f in forms):
                continue
            low = unquote(url).lower()
            if any(map(low.__contains__, ADDRESS_LINK_EXEMPT_WORDS)):
                continue
            if any(f[0] in low or f[1] in url or f[2] in url for f in forms):
                return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                               options=[host[:80]])]
        return []


CHECK = RecipientLinkCheck()
