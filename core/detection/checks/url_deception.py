"""URLs that disguise their real host: a brand's domain in the user-info part ("https://paypal.com@evil.example"),
a brand's name built into another host ("paypal.com.secure-login.example"), punycode look-alike names, or a
registered name glued together from lure words ("secure-account-verify.example", "parcel-delivery-update.example")
that is not the sending account's or the sender's own site."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from core.detection.brands import belongs_to
from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.rule_tables import BRAND_HOST_TOKENS, BRANDS
from core.mail.links import URL_MEMO, authority, sender_site, site_of, url_hosts
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

USERINFO = "URL_USERINFO_HOST"
LURE_HOST = "URL_LURE_HOST"
#: Words phishing kits build registered names from; two of them glued into one name is the tell. Everyday words
#: that honest names are made of ("my", "online", "service", "customer", "help") are left out.
LURE_WORDS = frozenset({
    "secure", "security", "verify", "verification", "login", "signin", "logon", "account", "accounts", "update",
    "billing", "payment", "confirm", "auth", "authentication", "wallet", "unlock", "recovery", "restore", "alert",
    "notice", "delivery", "parcel", "tracking", "customs", "refund", "validate", "validation", "webmail", "mailbox",
    "access", "support", "portal", "reactivate", "suspended", "locked", "payee",
    # the same words in the other languages Mailward's users write (accents dropped, as host names spell them)
    "sicherheit", "konto", "anmeldung", "verifizierung", "bestaetigung", "onlinebanking", "securite", "compte",
    "connexion", "seguridad", "cuenta", "verificacion", "acceso", "sicurezza", "verifica",
    "accesso", "seguranca", "verificacao", "acesso", "beveiliging", "verificatie", "inloggen", "bezpieczenstwo",
    "weryfikacja", "logowanie", "guvenlik", "dogrulama", "hesap", "giris",
})
_NAME_PARTS = re.compile(r"[-_]+")
BRAND_HOST = "URL_BRAND_IN_HOST"
PUNYCODE = "URL_PUNYCODE"
_TOKEN = re.compile(r"[a-z0-9]+")


#: One-word brand names ("chase", "apple", "visa"...): glued to a lure word they make a lure name too
#: ("chase-online-verify"), though alone they are too common in honest names for URL_BRAND_IN_HOST.
_BRAND_WORDS = frozenset(name for name in BRANDS if name.isalnum())


@lru_cache(maxsize=URL_MEMO)  # a pure function of the host; a message links the same hosts many times
def lure_name(host: str) -> bool:
    """Whether a host's registered name is glued together from two or more lure words ("verify-account-now"), or
    from a brand's name and a lure word ("chase-online-verify") on a host the brand does not own."""
    name = site_of(host).split(".", 1)[0]
    parts = [p for p in _NAME_PARTS.split(name) if p]
    if len(parts) < 2:
        return False
    lures = sum(p in LURE_WORDS for p in parts)
    if lures >= 2:
        return True
    brand = next((p for p in parts if p in _BRAND_WORDS), None)
    return lures == 1 and brand is not None and not belongs_to(host, brand)


@lru_cache(maxsize=URL_MEMO)  # a pure function of the host
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
        """Emit URL_USERINFO_HOST, URL_BRAND_IN_HOST, URL_PUNYCODE and/or URL_LURE_HOST, each once, with an
        example."""
        hits: dict[str, str] = {}
        from_site = sender_site(msg)
        for url, host in url_hosts(msg):
            if not host:
                continue
            auth = authority(url)
            userinfo = auth.rpartition("@")[0] if "@" in auth else ""
            if USERINFO not in hits and "." in userinfo and not userinfo.startswith(("%", ".")):
                hits[USERINFO] = auth[:80]  # "paypal.com@evil.example" reads as paypal.com
            if BRAND_HOST not in hits:
                brand = brand_in_host(host)
                if brand:
                    hits[BRAND_HOST] = f"{brand}:{host[:80]}"
            if PUNYCODE not in hits and ("xn--" in host or not host.isascii()):
                hits[PUNYCODE] = host[:80]
            if LURE_HOST not in hits and lure_name(host) and not ctx.owns(host) \
                    and site_of(host) != from_site:
                hits[LURE_HOST] = host[:80]
            if len(hits) == 4:
                break
        return [Symbol(name=sym, score=ctx.settings.score(sym), description=self.description, options=[opt])
                for sym, opt in hits.items()]


CHECK = UrlDeceptionCheck()
