"""Links to a bare public IP address instead of a domain name, and IPs spelt as one decimal, hex or octal
number ("http://3627734734/") to get past filters and readers alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.mail.links import public_ip, url_hosts
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "URL_IP_HOST"
OBFUSCATED = "URL_IP_OBFUSCATED"


class UrlIpCheck:
    """Private and loopback addresses are left alone: admins mail each other those."""

    name = "url_ip"
    group = GROUP_SPAM
    description = "Message links to a bare IP address"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit URL_IP_OBFUSCATED for a disguised IP, else URL_IP_HOST, with the addresses as options."""
        found: list[str] = []
        disguised = False
        for _, host in url_hosts(msg):
            ip = public_ip(host)
            if not ip:
                continue
            disguised = disguised or host != ip
            if ip not in found:
                found.append(ip)
        if not found:
            return []
        symbol = OBFUSCATED if disguised else SYMBOL
        return [Symbol(name=symbol, score=ctx.settings.score(symbol), description=self.description,
                       options=found[:5])]


CHECK = UrlIpCheck()
