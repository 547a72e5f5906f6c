"""Links to many different sites in one message: link farms, SEO and affiliate spam."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.mail.links import site_of
from core.models import Symbol

if TYPE_CHECKING:
    from collections.abc import Iterator

    from core.mail.mime import ParsedMessage

SYMBOL = "MANY_URL_DOMAINS"
#: Newsletters link to their own site, a tracker and a handful of social networks; spam lists far more.
MIN_DOMAINS = 12
MAX_URLS = 5000
_URL = re.compile(r"https?://([^\s/?#\"'<>()\\]{1,255})", re.IGNORECASE)


def _url_matches(body: str) -> Iterator[re.Match[str]]:
    """_URL.finditer(body), found from the "://" every match has 4 or 5 characters in: the pattern has no literal
    prefix (IGNORECASE), so finditer would try it at every position of the body."""
    pos, find, match = 0, body.find, _URL.match
    q = find("://", 4)
    while q >= 0:
        m = None
        for start in (q - 5, q - 4):  # the leftmost match first, as finditer finds it
            if start >= pos:
                m = match(body, start)
                if m is not None:
                    break
        if m is None:
            q = find("://", q + 1)
            continue
        yield m
        pos = m.end()
        q = find("://", pos + 4)


class ManyUrlsCheck:
    """Count distinct linked sites in the text and HTML bodies."""

    name = "many_urls"
    group = GROUP_SPAM
    description = "Message links to many distinct domains"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit MANY_URL_DOMAINS when links point to at least MIN_DOMAINS distinct sites."""
        sites: set[str] = set()
        seen = 0
        for body in (msg.text, msg.html):
            for m in _url_matches(body):
                seen += 1
                if seen > MAX_URLS or (seen % 256 == 0 and ctx.out_of_time()):
                    break
                sites.add(site_of(m.group(1)))
        sites.discard("")
        if len(sites) < MIN_DOMAINS:
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                       options=[f"domains={len(sites)}"])]


CHECK = ManyUrlsCheck()
