"""Domains one or two keystrokes away from the domain they pass for: the Reply-To, the From address or a link of a
message that looks like the From address's own site or like the recipient's ("acme-c0rp.example" writing to
"acmecorp.example", replies to "acmecorp.example" going to "acmecrop.example").

Business e-mail compromise and invoice fraud live on such names: the fraudster registers a look-alike of a
supplier's or the victim's own company and writes as a colleague or the supplier. Language-independent: only
names are compared. A company's own sites in several countries share one name ("acme.de", "acme.fr") and are not
look-alikes here; only a name that differs by a typo or a swapped look-alike character is.

- REPLYTO_LOOKALIKE: replies go to a look-alike of the From or a recipient's domain: near certain (strong).
- FROM_LOOKALIKE_RCPT: the From domain is a look-alike of a recipient's domain: near certain (strong).
- URL_LOOKALIKE_DOMAIN: a link goes to a look-alike of the From or a recipient's domain: "links" evidence.
- REPLYTO_COUSIN_DOMAIN: replies go to a "cousin" of the From domain, its whole name with a company word glued on
  ("riverside-runners.example" -> "riverside-runners-group.com", "acme-inc.com", "acmepayments.com"), a domain the
  sending account does not own. The fraud that sends from a stolen or spoofed mailbox and takes the conversation
  to a name it registered. "sender" evidence, never alone: a company may own its group's domain elsewhere.
- FROM_DOMAIN_LURE: the From domain itself is glued from lure words or borrows a brand ("secure-account-verify",
  "netflix-billing-update", "paypal.com.resolution-center"; core/detection/checks/url_deception.py's tests): a
  phisher's own domain, hosted like any customer's, so alignment with the account proves nothing. "sender"
  evidence: never holds alone (a repair shop may be "apple-repair-lisbon").
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.sender_mismatch import domain_of
from core.detection.checks.url_deception import brand_in_host, lure_name
from core.detection.rule_tables import FREEMAIL_DOMAINS
from core.mail.links import link_hosts, site_of
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

REPLYTO = "REPLYTO_LOOKALIKE"
FROM_RCPT = "FROM_LOOKALIKE_RCPT"
LINK = "URL_LOOKALIKE_DOMAIN"
FROM_LURE = "FROM_DOMAIN_LURE"
COUSIN = "REPLYTO_COUSIN_DOMAIN"
#: Words glued to a company's name to make a cousin domain that still reads as the company's.
COUSIN_AFFIXES = frozenset({"group", "grp", "inc", "llc", "ltd", "gmbh", "corp", "co", "global", "intl", "hq",
                            "mail", "email", "office", "team", "pay", "payments", "finance", "accounts", "billing",
                            "invoice", "invoices", "online", "secure", "uk", "us", "usa", "eu"})
MAX_RECIPIENTS = 20
MAX_LINKS = 100
#: Names shorter than this differ by one letter by chance ("acme"/"acne"): not compared.
MIN_NAME = 6
#: Characters a look-alike swaps in, mapped to what they imitate.
_GLYPHS = str.maketrans({"0": "o", "1": "l", "i": "l", "3": "e", "5": "s", "$": "s", "@": "a", "4": "a", "7": "t"})
_SEQUENCES = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("-", ""), ("_", ""))


def name_of(site: str) -> str:
    """The name part of a registrable domain ("acme-corp" of "acme-corp.co.uk")."""
    return site.partition(".")[0]


@lru_cache(maxsize=4096)
def _skeleton(name: str) -> str:
    out = name.translate(_GLYPHS)
    for seq, repl in _SEQUENCES:
        out = out.replace(seq, repl)
    return out


def _within_one(a: str, b: str) -> bool:
    """Whether a and b differ by one edit (insert, delete, substitute or swap of neighbours)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


@lru_cache(maxsize=8192)  # a pure function of two names, asked for the same pairs across a server's mail
def looks_like(site: str, target: str) -> bool:
    """Whether `site` imitates `target`: another name, of at least MIN_NAME characters, one typo or look-alike
    characters away. The same name under another suffix is not an imitation here."""
    if not site or not target or site == target:
        return False
    a, b = name_of(site), name_of(target)
    if a == b or len(b) < MIN_NAME or len(a) < MIN_NAME - 1:
        return False
    if site in FREEMAIL_DOMAINS or target in FREEMAIL_DOMAINS:
        return False
    return _within_one(a, b) or _skeleton(a) == _skeleton(b)


def cousin_of(site: str, target: str) -> bool:
    """Whether `site`'s name is `target`'s whole name (at least MIN_NAME characters) with one of COUSIN_AFFIXES
    before or after it, a hyphen between or not ("acme-corp-group" of "acme-corp")."""
    if not site or not target or site == target or site in FREEMAIL_DOMAINS or target in FREEMAIL_DOMAINS:
        return False
    a, b = name_of(site), name_of(target)
    if len(b) < MIN_NAME or a == b:
        return False
    if a.startswith(b):
        rest = a[len(b):]
    elif a.endswith(b):
        rest = a[:-len(b)]
    else:
        return False
    return rest.strip("-") in COUSIN_AFFIXES


class LookalikeDomainCheck:
    """Reply-To, From and links against the From and the recipients' domains."""

    name = "lookalike_domain"
    group = GROUP_SPAM
    description = "A domain of the message imitates the sender's or the recipient's domain"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit REPLYTO_LOOKALIKE, FROM_LOOKALIKE_RCPT and/or URL_LOOKALIKE_DOMAIN with the two domains."""
        from_domain = domain_of(msg.from_addr)
        from_site = site_of(from_domain) if from_domain else ""
        lure = self._from_lure(from_domain)
        rcpt_sites = {site_of(domain_of(r)) for r in ctx.envelope.recipients[:MAX_RECIPIENTS] if "@" in r}
        rcpt_sites.discard("")
        targets = ({from_site} | rcpt_sites) - {""}
        out: list[Symbol] = []
        if lure:
            out.append(Symbol(name=FROM_LURE, score=ctx.settings.score(FROM_LURE),
                              description="The From domain is made of lure words or borrows a brand", options=[lure]))
        if not targets:
            return out

        def hit(symbol: str, site: str) -> None:
            target = next(t for t in sorted(targets) if looks_like(site, t))
            out.append(Symbol(name=symbol, score=ctx.settings.score(symbol), description=self.description,
                              options=[site[:80], target[:80]]))

        reply = site_of(domain_of(msg.reply_to_addr)) if msg.reply_to_addr else ""
        if reply and not ctx.owns(reply) and any(looks_like(reply, t) for t in targets):
            hit(REPLYTO, reply)
        elif reply and from_site and not ctx.owns(reply) and cousin_of(reply, from_site):
            out.append(Symbol(name=COUSIN, score=ctx.settings.score(COUSIN),
                              description="Replies go to the From domain's name with a company word glued on",
                              options=[reply[:80], from_site[:80]]))
        # no exemption for the account's own domains here: a fraudster registers the look-alike and hosts it
        if from_site and any(looks_like(from_site, t) for t in rcpt_sites):
            hit(FROM_RCPT, from_site)
        seen: set[str] = set()
        for host in link_hosts(msg)[:MAX_LINKS]:
            site = site_of(host)
            if not site or site in seen:
                continue
            seen.add(site)
            if not ctx.owns(site) and any(looks_like(site, t) for t in targets):
                hit(LINK, site)
                break
        return out

    @staticmethod
    def _from_lure(domain: str) -> str:
        """The From domain if its name is a lure or borrows a brand that does not own it ('' otherwise)."""
        if not domain or "." not in domain:
            return ""
        brand = brand_in_host(domain)
        if brand:
            return f"{brand}:{domain[:80]}"
        return domain[:80] if lure_name(domain) else ""


CHECK = LookalikeDomainCheck()
