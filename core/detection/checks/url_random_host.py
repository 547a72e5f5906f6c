"""Links to a machine-made domain: a throwaway name registered by a script ("secure-ksw80qt0.site",
"63lkk7h8-billing.com") or a random page name on free site hosting.

Phishing, fake-invoice, loan and prize kits register domains by the hundred and each campaign links a fresh one:
their names carry a random token of letters and digits mixed several times over, which no business picks for its
own name (people and brands choose words; "web2print" or "area51shop" mix once or twice). Honest mail meets such
tokens only in the sub-domains of tracking and CDN services ("u1234.ct.sendgrid.net", "d2x7k9q.cloudfront.net"),
so only the registrable name is looked at, and a host's first label only on free page hosting or a free site
builder (where the random part is the page's name: small businesses name their builder sites, kits number them).
Links evidence (URL_RANDOM_HOST), never alone: only in a message that is neither list mail nor a reply nor one
linking its sender's own site, for a page (not an image, style sheet or document) on a host the sending account
does not own.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.money_ask import MAX_LINKS as ASK_LINKS
from core.detection.checks.money_ask import not_the_senders_business
from core.detection.checks.phish_hosting import ASSETS
from core.detection.checks.url_deception import LURE_WORDS
from core.detection.rule_tables import PHISH_HOSTING_PAGES, PHISH_HOSTING_THROWAWAY, SITE_BUILDERS
from core.mail.links import URL_MEMO, public_ip, sender_site, site_of, suffix_in, url_hosts, url_path, urls
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "URL_RANDOM_HOST"
#: A token (a label's part between hyphens) this long at least, whose letters and digits alternate this often.
MIN_TOKEN = 6
MIN_SWITCHES = 3
#: Beside a lure word of url_deception.LURE_WORDS ("secure", "login", "billing"...), letters and digits changing
#: places twice ("ufbeo2tr") is enough: "secure-mail24" changes once.
LURE_SWITCHES = 2
MAX_LINKS = 50
_FREE_PAGES = PHISH_HOSTING_PAGES | PHISH_HOSTING_THROWAWAY | SITE_BUILDERS


def _switches(part: str) -> int:
    """How often letters and digits change places in `part` ("ksw80qt0": 3)."""
    switches, prev = 0, part[0].isdigit()
    for ch in part[1:]:
        digit = ch.isdigit()
        switches += digit != prev
        prev = digit
    return switches


def machine_token(label: str) -> str:
    """The first part of `label` (split at hyphens) that looks generated: at least MIN_TOKEN letters and digits
    with letters and digits changing places at least MIN_SWITCHES times ("ksw80qt0"), or at least LURE_SWITCHES
    times beside a word phishing kits name their hosts with ("secure-ufbeo2tr", "b3ysdrou-billing"); '' if none."""
    parts = label.split("-")
    need = LURE_SWITCHES if len(parts) > 1 and any(p in LURE_WORDS for p in parts) else MIN_SWITCHES
    for part in parts:
        if len(part) >= MIN_TOKEN and part.isascii() and part.isalnum() and _switches(part) >= need:
            return part
    return ""


@lru_cache(maxsize=URL_MEMO)
def random_part(host: str) -> str:
    """The machine-made token of a host's registrable name, or of its first label on free page hosting ('')."""
    if not host or public_ip(host) or host.startswith("xn--"):
        return ""
    site = site_of(host)
    found = machine_token(site.partition(".")[0])
    if not found and host != site:
        hosting = suffix_in(host, _FREE_PAGES)
        if hosting and host.endswith("." + hosting):
            found = machine_token(host[:-len(hosting) - 1].rpartition(".")[2])
    return found


def _asset(url: str) -> bool:
    path = url_path(url).split("?", 1)[0].split("#", 1)[0]
    tail = path.rpartition("/")[2]
    return "." in tail and tail.rpartition(".")[2].lower() in ASSETS


class UrlRandomHostCheck:
    """A page link on a domain whose name carries a generated token."""

    name = "url_random_host"
    group = GROUP_SPAM
    description = "Links a page on a machine-made domain name"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit URL_RANDOM_HOST with the first such host."""
        pairs = url_hosts(msg)
        if not pairs:
            return []
        own_site = sender_site(msg)
        hit = ""
        for url, host in pairs[:MAX_LINKS]:
            if host and random_part(host) and site_of(host) != own_site and not ctx.owns(host) and not _asset(url):
                hit = host
                break
        # money_ask's count of links: not_the_senders_business keeps its answer per scan and count
        if not hit or not not_the_senders_business(msg, ctx, urls(msg, ASK_LINKS)):
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                       options=[hit[:80]])]


CHECK = UrlRandomHostCheck()
