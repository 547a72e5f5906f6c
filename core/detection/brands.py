"""Which brand a display name or a link claims to be, and whether a domain really belongs to that brand."""

from __future__ import annotations

import re
import unicodedata

from core.detection.rule_tables import (
    AMBIGUOUS_BRANDS,
    BRAND_SERVICE_WORDS,
    BRANDS,
    FREEMAIL_DOMAINS,
    SHARED_NAMESPACES,
)
from core.mail.links import site_of

DISPLAY_MAX = 256
MAX_WORDS = 12  # a longer display name is a sentence, not a brand impersonation

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*|&")
# Brand names as word tuples, longest first, so "apple id" wins over "apple".
_BRAND_WORDS = sorted(((tuple(name.replace(".", " ").split()), name) for name in BRANDS),
                      key=lambda item: -len(item[0]))
_FIRST_WORDS = frozenset(words[0] for words, _ in _BRAND_WORDS)
_MAIN_LABEL = {name: domains[0].split(".", 1)[0] for name, domains in BRANDS.items() if domains}
#: Every domain the table lists -> (table position, name) of the first brand listing it: brand_of_domain looks up
#: a domain's suffixes here instead of testing every brand's domains in turn.
_DOMAIN_BRAND: dict[str, tuple[int, str]] = {}
for _pos, (_name, _domains) in enumerate(BRANDS.items()):
    for _domain in _domains:
        _DOMAIN_BRAND.setdefault(_domain, (_pos, _name))


def display_words(display: str) -> list[str]:
    """Lower-case words of a display name, accents and ™/® removed ("PayPal® Service" -> paypal, service)."""
    text = display[:DISPLAY_MAX]
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _WORD.findall(text.lower())


def brand_in_display(display: str) -> str | None:
    """The brand a display name consists of ("PayPal Security Team" -> "paypal"), or None."""
    # Only a brand plus service words counts: "Apple Valley Dental" or "Chase Miller" is a business or a
    # person that happens to share a word with a brand.
    words = display_words(display)
    if not words or len(words) > MAX_WORDS or _FIRST_WORDS.isdisjoint(words):
        return None
    for brand_words, name in _BRAND_WORDS:
        k = len(brand_words)
        for i in range(len(words) - k + 1):
            if tuple(words[i:i + k]) != brand_words:
                continue
            rest = words[:i] + words[i + k:]
            if any(w not in BRAND_SERVICE_WORDS and w != "com" for w in rest):
                return None
            if name in AMBIGUOUS_BRANDS and not rest:
                return None
            return name
    return None


def belongs_to(domain: str, brand: str) -> bool:
    """True when `domain` is one of the brand's domains, a subdomain of one, or its main name in another TLD."""
    domain = domain.lower().strip(".")
    if not domain:
        return False
    domains = BRANDS.get(brand, ())
    if any(domain == d or domain.endswith("." + d) for d in domains):
        return True
    return site_of(domain).split(".", 1)[0] == _MAIN_LABEL.get(brand)


def brand_of_domain(domain: str) -> str | None:
    """The brand whose table lists this domain's site (or a parent of it), or None."""
    domain = domain.lower().strip(".")
    # The domain and each suffix after one of its dots; the brand first in the table wins, as a scan in table
    # order would find it.
    best = _DOMAIN_BRAND.get(domain)
    dot = domain.find(".")
    while dot >= 0:
        hit = _DOMAIN_BRAND.get(domain[dot + 1:])
        if hit is not None and (best is None or hit < best):
            best = hit
        dot = domain.find(".", dot + 1)
    return best[1] if best is not None else None


def brand_sender_domain(domain: str) -> str | None:
    """The brand whose own mail domain this is (exactly, or a subdomain of one the table lists), or None.

    Only domains a brand alone sends from: free-mail domains anyone has an address at ("yahoo.com", "aol.com")
    and shared namespaces whose subdomains belong to many owners ("gov.uk", "onmicrosoft.com") are not a brand's
    mail domain, and neither is a brand's name in another top-level domain (belongs_to's looser test)."""
    domain = domain.lower().strip(".")
    if not domain or domain in FREEMAIL_DOMAINS or site_of(domain) in FREEMAIL_DOMAINS:
        return None
    if any(domain == d or domain.endswith("." + d) for d in SHARED_NAMESPACES):
        return None
    return brand_of_domain(domain)
