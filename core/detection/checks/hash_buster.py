"""Random strings bulk mailers put in each copy so that no two copies match, and HTML that redirects on opening.

- BODY_HASH_BUSTER: a line that is one random-looking lower-case token (``mcmfkhcpedgetqj``), alone after a run of
  empty lines, or a bulk mailer's tracking id (``3442BvLB9-565fAFx0200Lbck9-698onqh7l33``) as the last line of the
  text. A person never ends a letter that way, and an application's reference numbers are
  labelled, short or of one case; spam tools add them to beat checksum filters and to track who answered.
- HTML_SCRIPT_REDIRECT: an HTML body whose script sends the reader's browser elsewhere when it opens
  (``<body onload="Go()">`` with ``window.location=...``) or a meta refresh to a web address. Mail programs
  never run scripts; senders of honest HTML mail do not write them.

"content" evidence in [verdict] (HTML_* and BODY_* are content). Figures: python -m bench.detection.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.mail.html_text import ascii_lower
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

HASH_BUSTER = "BODY_HASH_BUSTER"
SCRIPT_REDIRECT = "HTML_SCRIPT_REDIRECT"
SYMBOLS = (HASH_BUSTER, SCRIPT_REDIRECT)

MAX_TEXT = 262144  # characters of the text body searched
MIN_BLANK_LINES = 4  # empty lines before a lone random token
# A lone token of 12-60 lower-case letters that no language writes (_random_word), after empty lines. Tokens with
# digits are left alone there: a receipt's transaction id or a code may stand on its own line.
_LONE_TOKEN = re.compile(r"[a-z]{12,60}")
_LAST_LINE = re.compile(r"([A-Za-z0-9][A-Za-z0-9_-]{22,70}[A-Za-z0-9])\s*$")
_VOWELS = frozenset("aeiou")
# <body onload=...> or a script that assigns the page's location; a meta refresh to a web address.
_ONLOAD = re.compile(r"<body[^>]{0,400}\bonload\s*=")
_LOCATION = re.compile(r"(?:window|document|top|self)\s*\.\s*location(?:\s*\.\s*href)?\s*=|location\s*\.\s*"
                       r"(?:replace|assign)\s*\(")
_META_REFRESH = re.compile(r"<meta[^>]{0,200}http-equiv\s*=\s*[\"']?refresh[^>]{0,200}url\s*=\s*[\"']?\s*https?:")


def _random_word(token: str) -> bool:
    """A lower-case token that no language writes: a long run of consonants or too few vowels."""
    vowels = sum(c in _VOWELS for c in token)
    longest = run = 0
    for c in token:
        run = 0 if c in _VOWELS or c == "y" else run + 1
        longest = max(longest, run)
    return longest >= 5 or vowels * 5 < len(token)


def _tracker(token: str) -> bool:
    """A bulk mailer's tracking id: three or more dash-separated groups, each starting with three digits, mixing
    upper and lower case and changing between letters and digits often ("3442BvLB9-565fAFx0200Lbck9-698onqh7l33").
    A password-reset code or an order number has not that shape."""
    groups = token.split("-")
    if len(groups) < 3 or not all(g[:3].isdigit() for g in groups):
        return False
    if not (any(c.isupper() for c in token) and any(c.islower() for c in token)):
        return False
    kinds = ["u" if c.isupper() else "l" if c.islower() else "d" for c in token if c.isalnum()]
    return sum(1 for a, b in itertools.pairwise(kinds) if a != b) >= 8


def hash_buster(text: str) -> str:
    """The random token a bulk mailer added to the text ("" if none)."""
    text = text[:MAX_TEXT]
    if "\n" not in text:
        return ""
    blank = 0
    for line in text.split("\n"):  # linear: one pass, each line looked at once
        token = line.strip()
        if not token:
            blank += 1
            continue
        if blank >= MIN_BLANK_LINES and _LONE_TOKEN.fullmatch(token) and _random_word(token):
            return token
        blank = 0
    m = _LAST_LINE.search(text[-200:])
    if m and (m.start() == 0 or text[-200:][m.start() - 1] == "\n") and _tracker(m.group(1)):
        return m.group(1)
    return ""


def script_redirect(html: str) -> bool:
    """An HTML body that sends the browser elsewhere when it is opened."""
    if "location" not in html and "efresh" not in html and "EFRESH" not in html:
        return False
    low = ascii_lower(html[:MAX_TEXT])
    return bool((_ONLOAD.search(low) or "<script" in low) and _LOCATION.search(low)) or bool(_META_REFRESH.search(low))


class HashBusterCheck:
    """Random tokens that make every copy of a bulk message different; HTML that redirects when opened."""

    name = "hash_buster"
    group = GROUP_SPAM
    description = "bulk mailer's random token in the text, or HTML that redirects when opened"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        out = []
        token = hash_buster(msg.text) if msg.text else ""
        if token:
            out.append(Symbol(name=HASH_BUSTER, score=ctx.settings.score(HASH_BUSTER),
                              description="a bulk mailer's random token in the text", options=[token[:40]]))
        if msg.html and script_redirect(msg.html):
            out.append(Symbol(name=SCRIPT_REDIRECT, score=ctx.settings.score(SCRIPT_REDIRECT),
                              description="HTML that sends the reader's browser elsewhere when it opens"))
        return out


CHECK = HashBusterCheck()
