"""Links in message bodies: URLs with their hosts, and HTML anchors with the text they show. Bounded, linear."""

from __future__ import annotations

import html as html_entities
import ipaddress
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from core.mail.html_text import ascii_lower

if TYPE_CHECKING:
    from collections.abc import Container

    from core.mail.mime import ParsedMessage

#: Work bounds: a hostile body cannot make the link scanners slow, only make them see less.
MAX_URLS = 2000
MAX_ANCHORS = 1000
MAX_URL_CHARS = 2048  # as written in _URL and _HREF
ANCHOR_TEXT_WINDOW = 1024  # characters after <a ...> searched for </a>
ANCHOR_TEXT_MAX = 256
TAG_WINDOW = 4096  # characters of an <a ...> tag searched for its href
#: What makes an anchor a button (Anchor.button), looked for in its lower-cased <a ...> tag.
BUTTON_MARKS = ("padding", "display:block", "display: block", "display:inline-block", "display: inline-block",
                "background", "btn", "button", "cta")

# No nested quantifiers and a single bounded class after the scheme: a failed match costs at most one URL.
# The pattern starts with the literal "://" so that the regex engine can skip ahead with a fast substring
# search; the scheme in front of it is checked afterwards.
_URL = re.compile(r"://[^\s\"'<>\\`{}|^]{1,2048}")
_SCHEMES = ("http", "https", "ftp")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]{0,2048})"|'([^']{0,2048})'|([^\s"'<>]{1,2048}))""", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{0,512}>")
_HOST_END = re.compile(r"[/?#\\]")
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go"})


@dataclass(frozen=True, slots=True)
class Anchor:
    """An HTML link: where it goes (href, entities decoded) and what it shows (visible text)."""

    href: str
    text: str
    button: bool = False  # styled as a button (padding, a block display, a background, a button class or role)


def urls(msg: ParsedMessage, limit: int = MAX_URLS) -> list[str]:
    """http(s)/ftp URLs written in the text body and the HTML source (hrefs included), in order, at most `limit`.

    Found once per message (several checks ask): kept in msg.views with the bodies they were found in, so a copy
    of the message with other bodies (dataclasses.replace shares the views) finds its own.
    """
    if not 0 <= limit <= MAX_URLS:
        return urls_in(msg.text, msg.html, limit)
    found = msg.views.get("urls")
    if found is None or found[0] is not msg.text or found[1] is not msg.html:
        found = msg.views["urls"] = (msg.text, msg.html, urls_in(msg.text, msg.html, MAX_URLS))
    return found[2][:limit]


def urls_in(text: str, html: str = "", limit: int = MAX_URLS) -> list[str]:
    """http(s)/ftp URLs written in a text body and an HTML source, in order, at most `limit` (not kept)."""
    out: list[str] = []
    for body in (text, html):
        for m in _URL.finditer(body):
            start = m.start()
            scheme = body[max(0, start - 5):start].lower()
            # at most one of _SCHEMES ends the scheme ("http" and "https" end differently, "ftp" too)
            name = "http" if scheme.endswith("http") else "https" if scheme.endswith("https") else \
                "ftp" if scheme.endswith("ftp") else ""
            if not name or body[start - len(name) - 1:start - len(name)].isalnum():
                continue
            if len(out) >= limit:
                return out
            out.append(body[start - len(name):m.end()].rstrip(".,;:!?)]"))
    return out


#: Memo sizes of the pure per-URL helpers below: the checks ask about the same URLs many times per scan. A message
#: has at most MAX_URLS URLs, so one message's URLs all fit; the memo's keys are at most ~2 KB each.
URL_MEMO = 4096


@lru_cache(maxsize=URL_MEMO)
def authority(url: str) -> str:
    """The part of a URL between "://" and the path: userinfo@host:port as written ('' if not a URL)."""
    _, sep, rest = url.partition("://")
    if not sep:
        return ""
    m = _HOST_END.search(rest, 0, 300)
    return rest[: m.start()] if m else rest[:300]


@lru_cache(maxsize=URL_MEMO)
def host_of(url: str) -> str:
    """The lower-case host of a URL, without userinfo, port or trailing dots ('' if none)."""
    auth = authority(url).rpartition("@")[2]
    if auth.startswith("["):  # IPv6 literal
        return auth[1:auth.find("]")].lower() if "]" in auth else ""
    return auth.split(":", 1)[0].strip(".").lower()


@lru_cache(maxsize=URL_MEMO)
def url_path(url: str) -> str:
    """What follows the host part of a URL from its first "/" on, as written: path, query and fragment ('' when
    there is no "/" after "://"; a "?" or "#" before it counts as part of the host part here)."""
    rest = url.partition("://")[2]
    slash = rest.find("/")
    return rest[slash:] if slash >= 0 else ""


def suffix_in(host: str, table: Container[str]) -> str:
    """The entry of `table` that `host` is or ends with, label by label ("pages.dev" for "x.pages.dev"; never a
    bare last label), the longest first; '' if none."""
    tail = host
    while "." in tail:
        if tail in table:
            return tail
        tail = tail[tail.index(".") + 1:]
    return ""


def url_hosts(msg: ParsedMessage) -> tuple[tuple[str, str], ...]:
    """(url, host_of(url)) for every URL of urls(msg), in order; found once per message (a tuple: every check
    reads the same one)."""
    return _hosts_view(msg)[1]


def link_hosts(msg: ParsedMessage) -> tuple[str, ...]:
    """host_of() of every URL of urls(msg), in order ('' where a URL has none); found once per message."""
    return _hosts_view(msg)[2]


def _hosts_view(msg: ParsedMessage) -> tuple[list[str], tuple[tuple[str, str], ...], tuple[str, ...]]:
    urls(msg)  # (re)finds them when the bodies changed
    found = msg.views["urls"][2]
    kept = msg.views.get("url_hosts")
    if kept is None or kept[0] is not found:
        pairs = tuple((u, host_of(u)) for u in found)
        kept = msg.views["url_hosts"] = (found, pairs, tuple(h for _, h in pairs))
    return kept


@lru_cache(maxsize=4096)  # a pure function of its argument, asked for the same hosts many times per scan
def site_of(host: str) -> str:
    """Approximate registrable domain of a URL host ("a.b.example.co.uk" -> "example.co.uk")."""
    # The classifier's tokens use it too (core.learning.tokenizer): a change here needs a TOKENIZER_VERSION bump.
    host = host.rpartition("@")[2].split(":", 1)[0].strip(".").lower()
    labels = host.split(".")
    if len(labels) < 2 or labels[-1].isdigit():  # bare names and IPv4 addresses count as themselves
        return host
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def sender_site(msg: ParsedMessage) -> str:
    """The registrable domain of the message's From address ('' without one): links there are the sender's own."""
    return site_of(msg.from_addr.rpartition("@")[2].lower()) if "@" in msg.from_addr else ""


#: RFC 5737's example networks: not global, but not anyone's private network either. Nobody's mail links there
#: for real; examples and generated test mail use them to stand for a public address, so they count as one.
_DOCUMENTATION_NETS = tuple(ipaddress.IPv4Network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"))


def public_ip(host: str) -> str:
    """The IPv4 address a URL host spells (dotted, or one decimal/hex/octal number) if it is public, else ''."""
    if not host or not (host[0].isdigit()):
        return ""
    try:
        if host.isdigit():
            addr = ipaddress.IPv4Address(int(host))
        elif host[:2] == "0x" and "." not in host:
            addr = ipaddress.IPv4Address(int(host, 16))
        else:
            parts = host.split(".")
            if len(parts) != 4 or not all(p.isdigit() and len(p) <= 4 for p in parts):
                return ""
            # a leading zero makes browsers read the part as octal: 0177.0.0.1 is 127.0.0.1
            nums = [int(p, 8) if len(p) > 1 and p[0] == "0" else int(p) for p in parts]
            if any(n > 255 for n in nums):
                return ""
            addr = ipaddress.IPv4Address(".".join(map(str, nums)))
    except ValueError:
        return ""
    return str(addr) if addr.is_global or any(addr in net for net in _DOCUMENTATION_NETS) else ""


#: The last HTML body's anchors (up to MAX_ANCHORS): several checks ask for the same message's, one after another.
_last_anchors: tuple[str, list[Anchor]] = ("", [])


def anchors(html: str, limit: int = MAX_ANCHORS) -> list[Anchor]:
    """Every <a href=...> of an HTML body with the text it shows, in order, at most `limit`."""
    global _last_anchors
    if 0 <= limit <= MAX_ANCHORS:  # the first `limit` of all of them: the scan only stops earlier
        kept = _last_anchors
        if kept[0] is not html:
            kept = _last_anchors = (html, _anchors(html, MAX_ANCHORS))
        return kept[1][:limit]
    return _anchors(html, limit)


def _anchors(html: str, limit: int) -> list[Anchor]:
    low = ascii_lower(html)  # same length as html, unlike str.lower()
    out: list[Anchor] = []
    pos, n = 0, len(html)
    while len(out) < limit:
        lt = low.find("<a", pos)
        if lt < 0:
            break
        gt = html.find(">", lt + 2)
        if gt < 0:
            break  # an unterminated tag ends the document, as in browsers
        pos = gt + 1  # always forward past this tag: total work stays linear
        if lt + 2 >= n or not html[lt + 2].isspace():
            continue  # <abbr>, <address>, ...
        m = _HREF.search(html, lt, min(gt, lt + TAG_WINDOW))
        if m is None:
            continue
        href = html_entities.unescape(next(g for g in m.groups() if g is not None)).strip()
        end = low.find("</a", pos, pos + ANCHOR_TEXT_WINDOW)
        inner = html[pos: end if end >= 0 else pos + ANCHOR_TEXT_WINDOW]
        text = " ".join(html_entities.unescape(_TAG.sub(" ", inner)).split())[:ANCHOR_TEXT_MAX]
        tag = low[lt:min(gt, lt + TAG_WINDOW)]
        out.append(Anchor(href=href, text=text, button=any(mark in tag for mark in BUTTON_MARKS)))
    return out
