"""A message that speaks for a brand it is not sent by ("your PayPal account", "Das Netflix-Team", "尊敬的PayPal用户")
and links to a site that is neither the brand's nor the sending account's.

Phishing from a compromised cPanel mailbox is sent From the account's own address, so the From display and
alignment look honest; what gives it away is that the text talks as the brand (or about the reader's account with
it) while the link goes somewhere else. Three things must hold:

1. the subject or the first TEXT_CHARS of the visible text names a brand of core.detection.rule_tables.BRANDS (not
   one of AMBIGUOUS_BRANDS) next to the reader's account with it, the brand's team, or a greeting of its customer
   (words in core.detection.brand_voice_tables, in a dozen languages). A brand merely mentioned ("Paid with PayPal",
   "Follow us on Facebook") does not count;
2. the From domain does not belong to that brand, nor to any brand of the table (a brand's own mail never fires);
3. a link goes to a host that is not the brand's, not another listed brand's (a receipt's social links, the
   carrier's real tracking page), and not the sending account's (its cPanel domains when the MTA vouched for it,
   else the From address's site). Any link counts, not only the first: phishing kits keep the brand's real
   footer links and send only the button elsewhere.

Residual risk: an honest message about the reader's account with a brand, linking a third party (a blog's "your
Netflix subscription will cost more" linking a news site, an IT provider's "your Microsoft 365 account" linking
its ticket system) fires. The symbol is sender-kind evidence that never holds mail alone.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from typing import TYPE_CHECKING

from core.detection import brand_voice_tables as words
from core.detection.brands import belongs_to, brand_of_domain
from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.sender_mismatch import domain_of
from core.detection.rule_tables import AMBIGUOUS_BRANDS, BRANDS
from core.mail.links import anchors, host_of, site_of, urls_in
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "BRAND_VOICE_FOREIGN_LINK"
#: Characters of the subject and of each body read: a lure says who speaks at the top.
SUBJECT_CHARS = 500
TEXT_CHARS = 2000
MAX_LINKS = 500  # links looked at, in order
#: fold() takes up to this many distinct combining marks out one str.replace each, more in one str.translate.
MARKS_BY_REPLACE = 16

_APOSTROPHES = (("'", ""), ("\u2019", ""), ("`", ""), ("\u00b4", ""), ("\u0131", "i"))  # and Turkish dotless i
# Chinese, Japanese and Korean runs: set apart from Latin brand names written inside them ("您的PayPal账户").
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]+")
_CJK_RUN = re.compile(f"({_CJK.pattern})")
# Words, and sentence ends (one "." token each) so that a window never reaches into the next sentence.
_TOKEN = re.compile(r"[^\W_]+|[.!?;\n\u061f\u06d4\u3002\uff01\uff1f]")
_SENTENCE_ENDS = "!?;\n\u061f\u06d4\u3002\uff01\uff1f"  # and ".", which they are written as
# In ASCII text _TOKEN's words are the runs of letters and digits: each sentence end made a ".", every other
# character a space.
_ASCII_TOKENS = bytes(c if chr(c).isalnum() else 0x2E if chr(c) in ".!?;\n" else 0x20 for c in range(128)) + b" " * 128


def fold(text: str) -> str:
    """Lower case, no apostrophes, accents or other combining marks, dotless i dotted, CJK runs spaced apart."""
    text = text.lower()
    for c, to in _APOSTROPHES:  # str.replace: far cheaper than str.translate with a dict
        if c in text:
            text = text.replace(c, to)
    if text.isascii():
        return text
    nfkd = unicodedata.normalize("NFKD", text)
    # the marks among its distinct characters, then each taken out with str.replace (a few: accents), far cheaper
    # than str.translate with a dict, which looks every character up; many: translate, one pass
    marks = [c for c in set(nfkd) if unicodedata.combining(c)]
    if len(marks) <= MARKS_BY_REPLACE:
        bare = nfkd
        for mark in marks:
            bare = bare.replace(mark, "")
    else:
        bare = nfkd.translate(dict.fromkeys(map(ord, marks)))
    # every CJK run with a space each side, as _CJK.sub(r" \g<0> ") pads them but without a Python call per run:
    # split's capturing group keeps the runs at the odd positions, and " ".join puts a space around each
    return " ".join(_CJK_RUN.split(unicodedata.normalize("NFC", bare)))


def tokens(text: str) -> list[str]:
    """Folded words of `text`, every sentence end as "."."""
    text = fold(text)
    if text.isascii():  # _TOKEN's tokens by bytes.translate and split: several times quicker than the regex
        spaced = text.encode("ascii").translate(_ASCII_TOKENS)
        if b"." in spaced:
            spaced = spaced.replace(b".", b" . ")
        return spaced.decode("ascii").split()
    for c in _SENTENCE_ENDS:  # "." in the text already: _TOKEN then finds "." where it found the others
        if c in text:
            text = text.replace(c, ".")
    return _TOKEN.findall(text)


def _folded(table: frozenset) -> frozenset:
    return frozenset(tuple(fold(w).strip() for w in e) if isinstance(e, tuple) else fold(e).strip() for e in table)


_POSS = _folded(words.POSSESSIVES)
_NOUNS = _folded(words.ACCOUNT_NOUNS)
_OWNED = _folded(words.OWNED_NOUNS)
_AFTER = _folded(words.SPEAKERS_AFTER)
_PAIRS = _folded(words.SPEAKER_PAIRS_AFTER)
_BEFORE = _folded(words.SPEAKERS_BEFORE)
_PREPS = _folded(words.PREPOSITIONS)
_GREET = _folded(words.GREETINGS)
_CUSTOMERS = _folded(words.CUSTOMERS)
_CJK_NOUNS = tuple(w for w in _NOUNS | _CUSTOMERS | _AFTER if _CJK.match(w))
_CJK_POSS = tuple(w for w in _POSS | _GREET if _CJK.match(w))
_BRANDS = sorted(((tuple(tokens(name.replace(".", " "))), name) for name in BRANDS if name not in AMBIGUOUS_BRANDS),
                 key=lambda item: -len(item[0]))
_FIRST = frozenset(w[0] for w, _ in _BRANDS)
#: _BRANDS by first token, each list in _BRANDS' order (longest names first).
_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _name in _BRANDS:
    _BY_FIRST.setdefault(_words[0], []).append((_words, _name))


def _is(tok: str, table: frozenset) -> bool:
    """Whether a token is in a table; a CJK run matches a noun it starts with (or a possessive it ends with)."""
    if tok in table:
        return True
    if not _CJK.match(tok):
        return False
    head = tok.lstrip("的の")
    return (any(head.startswith(n) for n in _CJK_NOUNS if n in table)
            or any(tok.endswith(p) for p in _CJK_POSS if p in table))


def _speaks(toks: list[str], s: int, e: int) -> bool:
    """Whether the brand at toks[s:e] speaks or is the reader's account, judged on the words around it."""
    left = toks[max(0, s - 3):s]
    if "." in left:
        left = left[len(left) - left[::-1].index("."):]
    right = toks[e:e + 4]
    if "." in right:
        right = right[:right.index(".")]
    if toks[e - 1] in _NOUNS:  # "apple id" is a brand and an account
        right = [toks[e - 1], *right]
    poss_left = any(_is(t, _POSS) for t in left[-2:])
    # "your PayPal account", "Ihr Microsoft 365 Konto", "您的PayPal账户"; "PayPalアカウント" needs no possessive.
    if any(t in _OWNED for t in right[:2]):  # "PayPal hesabiniz"
        return True
    if any(_is(t, _NOUNS) for t in right[:3]) and (poss_left or (right and _CJK.match(right[0])
                                                                   and _is(right[0], _NOUNS))):
        return True
    # "su cuenta de PayPal", "votre compte PayPal", "حسابك في PayPal", "החשבון שלך ב-PayPal", "حساب PayPal الخاص بك"
    for i, t in enumerate(left):
        if not all(w in _PREPS or w in _POSS for w in left[i + 1:]):
            continue  # "link your account to Facebook": only a preposition or a possessive may come between
        if t in _OWNED or (t in _NOUNS and any(_is(p, _POSS) for p in [*left[max(0, i - 2):], *right[:3]])):
            return True
    # "PayPal Support", "Das Netflix-Team", "Apple Customer Service", "PayPal安全中心"
    if any(_is(t, _AFTER) for t in right[:2]) or any(tuple(right[i:i + 2]) in _PAIRS for i in range(2)):
        return True
    # "el equipo de Netflix", "فريق PayPal", "צוות PayPal"
    bare = [t for t in left if t not in _PREPS]
    if bare and bare[-1] in _BEFORE:
        return True
    # "Dear PayPal customer", "Sehr geehrter PayPal-Kunde", "לקוח PayPal יקר", "尊敬的PayPal用户"
    near = left + right[:3]
    return any(_is(t, _GREET) for t in near) and any(_is(t, _CUSTOMERS) for t in left[-2:] + right[:2])


def speaking_brand(msg: ParsedMessage) -> str | None:
    """The first brand the subject or the top of the visible text speaks for, or None."""
    for text in (msg.subject[:SUBJECT_CHARS], msg.text[:TEXT_CHARS], msg.html_text[:TEXT_CHARS]):
        toks = tokens(text)
        firsts = _FIRST.intersection(toks)
        if not firsts:
            continue
        # where brand names may start, in text order (list.index finds them without a loop over every token)
        starts = []
        for first in firsts:
            at = -1
            with contextlib.suppress(ValueError):
                while True:
                    at = toks.index(first, at + 1)
                    starts.append(at)
        for s in sorted(starts):
            tok = toks[s]
            for brand_words, name in _BY_FIRST[tok]:
                e = s + len(brand_words)
                if tuple(toks[s:e]) == brand_words and _speaks(toks, s, e):
                    return name
    return None


def links(msg: ParsedMessage) -> list[str]:
    """Where the message links: the HTML's <a href> (not images or markup) and URLs written in the text."""
    out = [a.href for a in anchors(msg.html, MAX_LINKS) if a.href[:8].lower().startswith(("http://", "https://"))]
    if msg.text and len(out) < MAX_LINKS:
        out += urls_in(msg.text, "", MAX_LINKS - len(out))
    return out


def foreign_host(msg: ParsedMessage, ctx: ScanContext, brand: str) -> str:
    """The first linked host that is neither the brand's, another listed brand's nor the account's ('' if none)."""
    from_site = site_of(domain_of(msg.from_addr))
    for url in links(msg):
        host = host_of(url)
        if not host or belongs_to(host, brand) or brand_of_domain(host):
            continue
        if ctx.owns(host) if ctx.own_domains else (from_site and site_of(host) == from_site):
            continue
        return host
    return ""


class BrandVoiceCheck:
    """Brand-speaking text from a non-brand sender, linking to a host neither the brand's nor the account's."""

    name = "brand_voice"
    group = GROUP_SPAM
    description = "Text speaks for a brand the sender is not, with a link to a site of neither"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit BRAND_VOICE_FOREIGN_LINK with the brand and the foreign host."""
        domain = domain_of(msg.from_addr)
        if domain and brand_of_domain(domain):
            return []
        brand = speaking_brand(msg)
        if brand is None or (domain and belongs_to(domain, brand)):
            return []
        host = foreign_host(msg, ctx, brand)
        if not host:
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                       options=[brand, host])]


CHECK = BrandVoiceCheck()
