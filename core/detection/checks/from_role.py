"""A From display name that claims a security, IT or mail-administration role (or a fraud's legal persona) that its
own address does not back: "IT Security <info@northwind-cycles.example>", "Mail Administrator
<office@bookshop.example>", "ING Security <pieter@bikes.example>".

A stolen mailbox or a hacked form sends as whatever the kit's story needs, and for a phishing story that is the
reader's IT department, a bank's security team or the mail system itself. Honest senders' names share a word with
their address: a person's name with the mailbox ("Jane Smith <jane@...>"), a business's name with its domain
("Lakeside Yoga <hello@lakeside-yoga.example>"), a role with its role mailbox ("Security <security@bank.example>").
A real IT department writes to its own colleagues (mail inside the account's own domains is never looked at).

FROM_ROLE_CLAIM is sender evidence, never alone: only when the name holds a word of FROM_ROLE_WORDS and no word of
the name (of three letters or more, accents folded) is in the address, in mail that is neither list mail nor a reply;
a publication's name ("Security Newsletter") names a topic and is left alone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.sender_mismatch import in_thread, is_list_mail
from core.detection.rule_tables import FROM_ROLE_PHRASES, FROM_ROLE_WORDS
from core.mail.links import site_of
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "FROM_ROLE_CLAIM"
MAX_DISPLAY = 120
#: A publication's name ("Security Newsletter", "IT News Weekly") names its topic, not the sender's role.
PUBLICATION_WORDS = frozenset({"newsletter", "news", "digest", "weekly", "daily", "bulletin", "magazine", "journal",
                               "nieuwsbrief", "boletin", "lettre", "rundbrief", "notiziario", "biuletyn", "bulten"})
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1024)
def _fold(word: str) -> str:
    """A word without its accents when that leaves it ASCII ("sécurité" -> "securite"), else as it is."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return bare if bare.isascii() else word


def role_claimed(display: str, address: str) -> str:
    """The role the display name claims that its address does not back ('' if none)."""
    name = display[:MAX_DISPLAY].casefold()
    words = [_fold(w) for w in _WORD.findall(name)]
    if not words:
        return ""
    if not PUBLICATION_WORDS.isdisjoint(words):  # "CNET Virus Security Newsletter": a topic, not a role
        return ""
    joined = f" {' '.join(words)} "
    role = next((w for w in words if w in FROM_ROLE_WORDS), "")
    if not role:
        role = next((p.strip() for p in FROM_ROLE_PHRASES if p in (joined if p.startswith(" ") else name)), "")
    if not role:
        return ""
    local, _, domain = address.casefold().rpartition("@")
    where = re.sub(r"[^\w]", "", local + site_of(domain))
    if any(len(w) >= 3 and w in where for w in words):
        return ""
    return role


class FromRoleCheck:
    """A security, IT or mail-administration role in the From name that the address does not back."""

    name = "from_role"
    group = GROUP_SPAM
    description = "From name claims a security, IT or mail-administration role its address does not back"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit FROM_ROLE_CLAIM with the role and the address."""
        address = msg.from_addr
        if not msg.from_display or "@" not in address:
            return []
        role = role_claimed(msg.from_display, address)
        if not role or is_list_mail(msg) or in_thread(msg):
            return []
        if ctx.internal(site_of(address.rpartition("@")[2].lower())):
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                       options=[role[:40], address[:80]])]


CHECK = FromRoleCheck()
