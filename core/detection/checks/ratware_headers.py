"""Headers that bulk-mailing software ("ratware") writes and no mail program or web application does.

Each of these breaks a rule every real mail client, library and MTA follows, so legitimate mail, old or new, does
not carry them; spam tools do, because they forge a famous client or skip what they do not need:

- HEADER_ADDR_ENCODED: an RFC 2047 encoded-word inside an address (``From: =?iso-2022-jp?B?...?=@host``). RFC 2047
  section 5 forbids it; mass mailers use it to hide the real address from filters.
- HEADER_DATE_FORGED: a Date whose zone is impossible (``-1900``: no zone is more than 14 hours off), a zone
  written as words (``Eastern Daylight Time``) or a two-digit year: what hand-rolled date code in spam tools writes.
- HEADER_MSGID_INVALID: a Message-ID with neither ``<>`` nor ``@`` (``PM200011:12:45 AM``); a script's
  ``<39895881_74317521>`` without a domain is clumsy, not forged, and does not count.
- HEADER_FORGED_MUA: an X-Mailer that claims Outlook or Outlook Express on Windows, which always makes its own
  Message-ID (``<000801c2...$...$...@host>``), on a message whose Message-ID was made by a relay (sendmail's
  ``<200208231641.g7NGfZZ32185@host>``, Exim's ``<E17k2hm-00016W-00@host>``): the program did not send it. Also
  a desktop or phone mail program (Outlook, Thunderbird, Apple Mail, iPhone Mail...) named in X-Mailer or
  User-Agent on mail a PHP script sent (X-PHP-Script) to the outside world: no such program runs inside a web
  site. (A site's own form mailing its owner is left alone: old form snippets wrote an Outlook X-Mailer.)
- HEADER_BULK_MAILER: the X-Mailer of a known bulk-mailing tool, a mangled copy of a real client's (``Outlook
  Express 6.00.2600.0000 DM``, ``Outlook IMO Build`` without its comma), random letters, or a header only such
  tools add (X-Precedence-Ref).

"sender" evidence in [verdict]: they say the message's headers were forged, not what it says. Figures:
python -m bench.detection (none fires on the corpus' 2,625 legitimate messages or on the modern sets' ham).
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.script_random_sender import sent_by_script
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

ADDR_ENCODED = "HEADER_ADDR_ENCODED"
DATE_FORGED = "HEADER_DATE_FORGED"
MSGID_INVALID = "HEADER_MSGID_INVALID"
FORGED_MUA = "HEADER_FORGED_MUA"
BULK_MAILER = "HEADER_BULK_MAILER"
SYMBOLS = (ADDR_ENCODED, DATE_FORGED, MSGID_INVALID, FORGED_MUA, BULK_MAILER)

MAX_HEADER_BYTES = 65536  # of the raw header block searched for encoded addresses
_ADDRESS_HEADERS = ("from", "to", "cc", "reply-to", "sender")
# An encoded-word directly followed by "@": the word stands where an address' local part must be.
_ENCODED_LOCAL = re.compile(rb"=\?[^?\s]{1,40}\?[bq]\?[^?\s]{0,200}\?=@", re.IGNORECASE)
_ADDRESS_LINE = re.compile(rb"^(?:from|to|cc|reply-to|sender)[ \t]*:", re.IGNORECASE)

# The zone at the end of a Date: "+0100", "-1900"; or a zone spelt in several words.
_DATE_ZONE = re.compile(r"\d{1,2}:\d\d(?::\d\d)?\s+([+-])(\d\d)(\d\d)\s*(?:\([^)]{0,40}\))?\s*$")
_DATE_WORD_ZONE = re.compile(r"\d{1,2}:\d\d(?::\d\d)?\s+[a-z]{3,}\s+[a-z]{3,}(?:\s+[a-z]{3,})?\s*$", re.IGNORECASE)
_DATE_SHORT_YEAR = re.compile(r"^\s*(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d\d\s+\d{1,2}:\d\d", re.IGNORECASE)
MAX_ZONE_HOURS = 14  # UTC+14 (Kiribati) and UTC-12 are the extremes
MAX_DATE_CHARS = 200  # a real Date is 31 characters, a comment on its zone a few more

# Outlook and Outlook Express on Windows (not the Macintosh edition, not Outlook 2007 and later, whose mail may
# leave through Exchange with the server's Message-ID).
_OUTLOOK_WINDOWS = re.compile(r"^microsoft outlook (?:express \d|imo\b|build \d|, build \d|\d+\.\d+, build \d|"
                              r"(?:8|9|10)\.\d)", re.IGNORECASE)
# Message-IDs relays make when the message came without one: sendmail's and Exim's.
_RELAY_MSGID = re.compile(r"^<(?:\d{12,14}\.[a-z]{0,3}[0-9a-z]{5,14}|E1[0-9a-z]{5}-[0-9a-z]{6}-[0-9a-z]{2})@",
                          re.IGNORECASE)
# Mail programs that run on a desktop or a phone, never inside a web site's PHP.
_DESKTOP_CLIENT = re.compile(r"^(?:microsoft (?:office )?outlook|outlook express|windows live mail|"
                             r"(?:mozilla )?thunderbird|apple mail|iphone mail|ipad mail|the bat!|eudora)\b",
                             re.IGNORECASE)
# Tools sold for sending spam, and the mangled copies of real clients' names they write. Newsletter software that
# honest senders use (GroupMail, SendBlaster, mail-merge tools) is not here: a name alone says nothing of them.
_BULK_MAILERS = re.compile(
    r"^(?:egroups message poster|easy dm\b|quicksender\b|atlas mailer\b|aol \d+\.\d+ for windows \w+ sub \d|"
    r"mail for aol v\d|microsoft outlook express [\d.]+ ?dm\b|microsoft outlook express [\d.]+ demo\b|"
    r"microsoft outlook imo build\b|microsoft outlook build \d|advanced mass sender\b|send-safe\b|"
    r"dark mailer\b|darkmailer\b|stealth mass mailer\b|emailer platinum\b)",
    re.IGNORECASE)
# Random characters for a program name: one word of 12+ letters and digits that mixes cases and digits.
_RANDOM_MAILER = re.compile(r"^(?=[A-Za-z]*\d)(?=[a-z0-9]*[A-Z])(?=[A-Z0-9]*[a-z])[A-Za-z0-9]{12,40}$")
MIN_CASE_CHANGES = 8  # "ArHANIFlSSF9GzAMo" changes between upper, lower and digit 9 times; "ZohoMail4Business" 6
_RATWARE_HEADERS = ("x-precedence-ref",)


def _raw_headers(msg: ParsedMessage) -> bytes:
    raw = msg.raw[:MAX_HEADER_BYTES]
    end = raw.find(b"\n\n")
    if end < 0:
        end = raw.find(b"\r\n\r\n")
    return raw if end < 0 else raw[:end]


def addr_encoded(msg: ParsedMessage) -> str:
    """The address header whose address part is an encoded-word ("" if none)."""
    head = _raw_headers(msg)
    if b"?=@" not in head:
        return ""
    name = ""
    for line in head.splitlines():
        if line[:1] not in (b" ", b"\t"):
            m = _ADDRESS_LINE.match(line)
            name = m.group(0)[:-1].strip().decode("ascii").lower() if m else ""
        if name in _ADDRESS_HEADERS and _ENCODED_LOCAL.search(line):
            return name
    return ""


def date_forged(date: str) -> str:
    """What is impossible about a Date header's value ("" if nothing)."""
    value = date.strip()[:MAX_DATE_CHARS]
    if not value:
        return ""
    if _DATE_SHORT_YEAR.match(value):
        return "two-digit year"
    m = _DATE_ZONE.search(value)
    if m:
        hours, minutes = int(m.group(2)), int(m.group(3))
        if hours > MAX_ZONE_HOURS or minutes >= 60:
            return f"zone {m.group(1)}{m.group(2)}{m.group(3)}"
        return ""
    if _DATE_WORD_ZONE.search(value):
        return "zone in words"
    return ""


def forged_mua(mailer: str, msgid: str) -> bool:
    """An X-Mailer of Outlook on Windows on a message whose Message-ID a relay made."""
    return bool(_OUTLOOK_WINDOWS.match(mailer.strip())) and bool(_RELAY_MSGID.match(msgid.strip()))


def script_as_client(msg: ParsedMessage, mailer: str, ctx: ScanContext) -> str:
    """The desktop or phone mail program a PHP script's mail (script_random_sender.sent_by_script: attribution or
    PHP's headers) to the outside world claims to be ('' if none)."""
    if not sent_by_script(msg, ctx):
        return ""
    for claimed in (mailer, msg.header("user-agent") or ""):
        if claimed and _DESKTOP_CLIENT.match(claimed.strip()):
            return "" if ctx.internal() else claimed.strip()[:60]
    return ""


def _case_changes(word: str) -> int:
    kinds = ["u" if c.isupper() else "l" if c.islower() else "d" for c in word]
    return sum(1 for a, b in itertools.pairwise(kinds) if a != b)


def bulk_mailer(msg: ParsedMessage, mailer: str) -> str:
    """The trace of a bulk-mailing tool ("" if none)."""
    mailer = mailer.strip()
    if mailer and (_BULK_MAILERS.match(mailer) or (_RANDOM_MAILER.match(mailer) and _case_changes(mailer)
                                                    >= MIN_CASE_CHANGES)):
        return mailer[:60]
    for name in _RATWARE_HEADERS:
        if msg.header(name) is not None:
            return name
    return ""


class RatwareHeadersCheck:
    """Headers no mail program writes: encoded addresses, impossible dates, forged clients, bulk mailers."""

    name = "ratware_headers"
    group = GROUP_SPAM
    description = "headers written by bulk-mailing software, not by a mail program"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        found: list[tuple[str, str]] = []
        where = addr_encoded(msg)
        if where:
            found.append((ADDR_ENCODED, where))
        why = date_forged(msg.header("date") or "")
        if why:
            found.append((DATE_FORGED, why))
        msgid = msg.header("message-id")
        if msgid is not None and msgid.strip() and "@" not in msgid and "<" not in msgid:
            found.append((MSGID_INVALID, msgid.strip()[:60]))
        mailer = msg.header("x-mailer") or ""
        if forged_mua(mailer, msgid or ""):
            found.append((FORGED_MUA, mailer.strip()[:60]))
        else:
            claimed = script_as_client(msg, mailer, ctx)
            if claimed:
                found.append((FORGED_MUA, f"PHP script as {claimed}"))
        tool = bulk_mailer(msg, mailer)
        if tool:
            found.append((BULK_MAILER, tool))
        return [Symbol(name=sym, score=ctx.settings.score(sym), description=self.description, options=[opt])
                for sym, opt in found]


CHECK = RatwareHeadersCheck()
