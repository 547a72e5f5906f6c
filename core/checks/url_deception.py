"""URLs that disguise their real host: a brand's domain in the user-info part ("https://paypal.com@evil.example"),
a brand's name built into another host ("paypal.com.secure-login.example"), or punycode look-alike names."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.brands import belongs_to
from core.checks.base import GROUP_SPAM, ScanContext
from core.links import authority, host_of, urls
from core.models import Symbol
from core.rule_tables import BRAND_HOST_TOKENS

if TYPE_CHECKING:
    from core.mime import ParsedMessage

USERINFO = "URL_USERINFO_HOST"
BRAND_HOST = "URL_BRAND_IN_HOST"
PUNYCODE = "URL_PUNYCODE"
_TOKEN = re.compile(r"[a-z0-9]+")


def brand_in_host(host: str) -> str | None:
    """The brand a host name borrows ("paypal-login.example" -> "paypal") when the brand does not own it."""
    labels = host.split(".")
    for i, label in enumerate(labels):
        tokens = _TOKEN.findall(label)
        for tok in tokens:
            brand = BRAND_HOST_TOKENS.get(tok)
            if brand is None:
                continue
            # "paypal.example.com" (a bare label in a subdomain) is somebody's honest naming; a brand
            # glued to other words, or the brand's registrable name followed by more labels, is not.
            glued = len(tokens) > 1
            embedded = i + 2 < len(labels) and labels[i + 1] in ("com", "net", "org", "co")
            if (glued or embedded) and not belongs_to(host, brand):
                return brand
    return None


class UrlDeceptionCheck:
    """Inspect the authority part of every URL for the three disguises."""

    name = "url_deception"
    group = GROUP_SPAM
    description = "A URL disguises its real host"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit URL_USERINFO_HOST, URL_BRAND_IN_HOST and/or URL_PUNYCODE, each once, with an example."""
        hits: dict[str, str] = {}
        for url in urls(msg):
            auth = authority(url)
            host = host_of(url)
            if not host:
                continue
            userinfo = auth.rpartition("@")[0] if "@" in auth else ""
            if USERINFO not in hits and "." in userinfo and not userinfo.startswith(("%", ".")):
                hits[USERINFO] = auth[:80]  # "paypal.com@evil.example" reads as paypal.com
            if BRAND_HOST not in hits:
                brand = brand_in_host(host)
                if brand:
                    hits[BRAND_HOST] = f"{brand}:{host[:80]}"
            if PUNYCODE not in hits and ("xn--" in host or not host.isascii()):
                hits[PUNYCODE] = host[:80]
            if len(hits) == 3:
                break
        return [Symbol(name=sym, score=ctx.settings.score(sym), description=self.description, options=[opt])
                for sym, opt in hits.items()]


CHECK = UrlDeceptionCheck()
