"""Links through URL-shortening services: the destination stays hidden from the reader and from filters.

URL_SHORTENER is weak (newsletters and posts use shorteners every day). URL_SHORTENER_ONLY is links evidence: a
short message, neither list mail nor a reply, whose every link goes through a shortener: the one thing it asks
the reader to do is follow a link whose destination it hides (dating, pharmacy, crypto "platforms", parcel
lures). Honest short notes link their own site; a shop's campaign says it is list mail. Never alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.checks.alignment import text_words
from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.sender_mismatch import in_thread, is_list_mail
from core.detection.rule_tables import URL_SHORTENERS
from core.mail.links import url_hosts
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "URL_SHORTENER"
ONLY = "URL_SHORTENER_ONLY"
#: Words of text up to which a message whose only links are shortened is "short".
ONLY_MAX_WORDS = 150



class UrlShortenerCheck:
    """Match every linked host (and its parent domain) against the shortener table."""

    name = "url_shortener"
    group = GROUP_SPAM
    description = "Message links through a URL-shortening service"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit URL_SHORTENER with the shorteners used."""
        found: list[str] = []
        only = True
        for _, host in url_hosts(msg):
            short = host if host in URL_SHORTENERS else host.partition(".")[2]
            if short not in URL_SHORTENERS:
                only = False
            elif short not in found:
                found.append(short)
        if not found:
            return []
        out = [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                      options=found[:5])]
        if only and not in_thread(msg) and not is_list_mail(msg) and text_words(msg, ONLY_MAX_WORDS) <= ONLY_MAX_WORDS:
            out.append(Symbol(name=ONLY, score=ctx.settings.score(ONLY),
                              description="A short message whose every link goes through a URL shortener",
                              options=[f"<= {ONLY_MAX_WORDS} words"]))
        return out


CHECK = UrlShortenerCheck()
