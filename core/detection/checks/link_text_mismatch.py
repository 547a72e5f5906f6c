"""A link whose visible text shows one web address while its href goes to another site: the phisher's classic.

Click trackers do the same (text "www.shop.example", href "click.esp.example/..."), so a plain mismatch only
scores weakly; showing a well-known brand's address over a link to somewhere else scores high.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.brands import belongs_to, brand_of_domain
from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.mail.links import anchors, host_of, site_of
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "LINK_TEXT_MISMATCH"
BRAND = "LINK_TEXT_MISMATCH_BRAND"
MAX_OPTIONS = 3

# What looks like a web address to a reader: a scheme or "www.", or a host under a well-known TLD. A name like
# "report.pdf" is not one.
_SHOWN = re.compile(r"(?:(https?://)|(www\.))?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}([a-z]{2,24}))"
                    r"(?::\d{1,5})?(?:[/?#]\S{0,2000})?", re.IGNORECASE)
_COMMON_TLDS = frozenset({"com", "net", "org", "info", "biz", "io", "co", "us", "uk", "de", "fr", "ru", "cn",
                          "gov", "edu", "ca", "au", "nl", "it", "es", "jp", "br", "in", "me", "app", "online"})


def shown_host(text: str) -> str:
    """The host a link's visible text presents as its destination, or '' when the text is not an address."""
    if "." not in text:  # every address _SHOWN matches has one
        return ""
    m = _SHOWN.fullmatch(text.strip())
    if m is None:
        return ""
    if not (m.group(1) or m.group(2)) and m.group(4).lower() not in _COMMON_TLDS:
        return ""
    return ((m.group(2) or "") + m.group(3)).lower().strip(".")


class LinkTextMismatchCheck:
    """Compare each anchor's shown address with the site its href really opens."""

    name = "link_text_mismatch"
    group = GROUP_SPAM
    description = "Link text shows one web address while the link goes to another site"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit LINK_TEXT_MISMATCH_BRAND (a brand's address shown) or LINK_TEXT_MISMATCH."""
        if not msg.html:
            return []
        found: list[str] = []
        brand_hit = False
        for a in anchors(msg.html):
            shown = shown_host(a.text)
            if not shown or not a.href.lower().startswith(("http://", "https://")):
                continue
            real = host_of(a.href)
            if not real or site_of(real) == site_of(shown):
                continue
            rest = a.href.lower().partition("://")[2].partition("/")[2]
            if f"={shown}" in rest or f"//{shown}" in rest or f"%2f%2f{shown}" in rest:
                continue  # a redirector that names its destination as a parameter hides nothing
            brand = brand_of_domain(shown)
            if brand and not belongs_to(real, brand):
                brand_hit = True
            found.append(f"{shown}->{real}")
        if not found:
            return []
        symbol = BRAND if brand_hit else SYMBOL
        return [Symbol(name=symbol, score=ctx.settings.score(symbol), description=self.description,
                       options=found[:MAX_OPTIONS])]


CHECK = LinkTextMismatchCheck()
