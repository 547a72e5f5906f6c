"""Links through URL-shortening services: the destination stays hidden from the reader and from filters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.rule_tables import URL_SHORTENERS
from core.mail.links import url_hosts
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "URL_SHORTENER"


class UrlShortenerCheck:
    """Match every linked host (and its parent domain) against the shortener table."""

    name = "url_shortener"
    group = GROUP_SPAM
    description = "Message links through a URL-shortening service"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit URL_SHORTENER with the shorteners used."""
        found: list[str] = []
        for _, host in url_hosts(msg):
            short = host if host in URL_SHORTENERS else host.partition(".")[2]
            if short in URL_SHORTENERS and short not in found:
                found.append(short)
        if not found:
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                       options=found[:5])]


CHECK = UrlShortenerCheck()
