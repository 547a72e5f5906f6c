"""Links that borrow a famous site's name to reach another one: an open redirect of a search engine, a video site or
an ad network carrying the real destination in its query ("https://www.google.com/url?q=https://evil.example/",
"https://www.bing.com/ck/a?...&u=a1aHR0c...", "https://adclick.g.doubleclick.net/...&adurl=https://...").

Link scanners and readers see google.com; the browser lands on the phishing page. Honest mail rarely carries one:
a calendar or document notice of the same company links through its own redirect to its own pages (a target on the
redirector's own brand does not count), and list mail (a group's digest) is left out. "links" evidence: never
holds alone.

URL_DATA_PAGE is the other way past a link scanner: a link whose address is a whole web page (data:text/html), or
script (javascript:), that the mail client opens without any host to look up. "links" evidence.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import TYPE_CHECKING
from urllib.parse import unquote

from core.detection.brands import brand_of_domain
from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.sender_mismatch import is_list_mail
from core.detection.rule_tables import OPEN_REDIRECTS
from core.mail.links import host_of, site_of, urls
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

REDIRECT = "URL_OPEN_REDIRECT"
DATA_PAGE = "URL_DATA_PAGE"
MAX_LINKS = 300
HTML_CHARS = 300_000
_TARGET = re.compile(r"https?://[^\s&\"'<>#]{3,300}", re.IGNORECASE)
_DATA_HREF = re.compile(r"""\bhref\s*=\s*["']?\s*(?:data:text/html|javascript:)""", re.IGNORECASE)
_B64 = re.compile(r"(?:^|[=&])[a-z]?[a-z0-9]?(aHR0c[A-Za-z0-9+/_-]{8,400}={0,2})")


def _may_link_a_page(html: str) -> bool:
    """False when _DATA_HREF cannot match: substring tests on the lower-cased text, quicker than the regex, which
    cannot skip ahead case-insensitively. Beyond ASCII, re.IGNORECASE also takes U+017F for "s" and U+0130/U+0131
    for "i" (which lower() does not make "s" or "i"): with one of those present the regex decides."""
    low = html.lower()
    if "href" not in low:
        return False
    if "data:text/html" in low or "javascript:" in low:
        return True
    return not html.isascii() and any(c in html for c in _CASE_FOLDED_S_I)


_CASE_FOLDED_S_I = "\u017f\u0130\u0131"


def redirect_target(url: str) -> str:
    """The host an open redirect of OPEN_REDIRECTS sends a link to ('' if the URL is not one, or its target is on
    the redirector's own brand)."""
    host = host_of(url)
    if not host:
        return ""
    paths = OPEN_REDIRECTS.get(site_of(host)) or OPEN_REDIRECTS.get(host)
    if paths is None:
        return ""
    rest = url.partition("://")[2]
    path_query = rest[len(rest.split("/", 1)[0]):]
    if not any(path_query.startswith(p) for p in paths):
        return ""
    query = unquote(unquote(path_query.partition("?")[2] or path_query))
    targets = [host_of(m.group(0)) for m in _TARGET.finditer(query)]
    for m in _B64.finditer(path_query.partition("?")[2]):  # Bing's u=a1<base64 of the address>
        try:
            decoded = base64.urlsafe_b64decode(m.group(1) + "=" * (-len(m.group(1)) % 4)).decode("ascii", "ignore")
        except (binascii.Error, ValueError):
            continue
        targets += [host_of(t.group(0)) for t in _TARGET.finditer(decoded)]
    own = brand_of_domain(host)
    for target in targets:
        if target and site_of(target) != site_of(host) and not (own and brand_of_domain(target) == own):
            return target
    return ""


class RedirectLinkCheck:
    """Open redirects of famous sites, and links that are whole pages or scripts."""

    name = "redirect_link"
    group = GROUP_SPAM
    description = "A link passes through a famous site's open redirect, or is a whole page or script itself"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit URL_OPEN_REDIRECT with redirector and target, URL_DATA_PAGE."""
        out: list[Symbol] = []
        if msg.html and _may_link_a_page(msg.html[:HTML_CHARS]) and _DATA_HREF.search(msg.html, 0, HTML_CHARS):
            out.append(Symbol(name=DATA_PAGE, score=ctx.settings.score(DATA_PAGE), description=self.description,
                              options=["data:/javascript: link"]))
        if is_list_mail(msg):
            return out
        for url in urls(msg, MAX_LINKS):
            if "?" not in url and "/amp/s/" not in url:
                continue
            target = redirect_target(url)
            if target and not ctx.owns(target):
                out.append(Symbol(name=REDIRECT, score=ctx.settings.score(REDIRECT), description=self.description,
                                  options=[host_of(url)[:60], target[:80]]))
                break
        return out


CHECK = RedirectLinkCheck()
