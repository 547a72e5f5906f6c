"""Login-page lures: an account threat ("your account has been suspended", "mailbox is full") next to a link
to some other site where the reader is to sign in."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.brands import belongs_to, brand_in_display
from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.phish_hosting import throwaway_page
from core.detection.checks.spam_phrases import normalize, normalize_words
from core.detection.rule_tables import LOGIN_LURE_PHRASES, LOGIN_LURE_PHRASES_INTL, LOGIN_LURE_SUPPORT
from core.detection.word_sets import WordSets
from core.mail.links import sender_site, site_of, url_hosts
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "LOGIN_LURE"
#: The lure's link goes to a page on a host no honest service runs a sign-in page on
#: (core.detection.checks.phish_hosting's throwaway_page): the threat and the page together are near certain (a
#: strong symbol in [verdict]).
PHISH_PAGE = "LOGIN_LURE_PHISH_PAGE"
MAX_OPTIONS = 5
#: Characters of each body read: a lure sits at the top of a short message, not deep in a long one.
TEXT_CHARS = 20000
_WORD = re.compile(r"[a-z]+")  # the phrases are ASCII English
# Each phrase as the set of its words: a cheap test on the message's word set rules most mail out before the
# costlier phrase matching on normalised text.
_PHRASE_WORDS = tuple(frozenset(p.split()) for p in LOGIN_LURE_PHRASES)
#: The other languages' lures, normalised as the text is, each with the ASCII words it needs (the same cheap word-set
#: test; a phrase with letters beyond ASCII is only looked for in text that has such letters).
_INTL = tuple((normalize(p).strip(), frozenset(_WORD.findall(p)), p.isascii()) for p in LOGIN_LURE_PHRASES_INTL)
#: The words of each phrase and support phrase: all must be words of the normalised text for " phrase " to be in it.
_PADDED_NEEDS = tuple(frozenset(p.split()) for p in LOGIN_LURE_PHRASES)
_SUPPORT_NEEDS = tuple(frozenset(p.split()) for p in LOGIN_LURE_SUPPORT)


_PHRASE_SETS = WordSets(_PHRASE_WORDS)
_INTL_SETS = WordSets([need for _, need, _ in _INTL])
#: The same for ASCII text: only the ASCII phrases.
_INTL_ASCII_SETS = WordSets(_INTL_SETS.needs, (i for i, (_, _, ascii_only) in enumerate(_INTL) if ascii_only))


#: bytes.translate table keeping a-z and making every other byte a space (those of UTF-8 sequences included).
_AZ_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def ascii_words(text: str) -> set[str]:
    """The distinct runs of a-z in `text` (_WORD.findall's, as a set), without running the regex."""
    data = text.encode("utf-8", "surrogatepass").translate(_AZ_ONLY)
    return set(data.decode("ascii").split())


def foreign_link(msg: ParsedMessage) -> str:
    """The first linked host that is not on the From address's site ('' if every link stays there)."""
    # A display name that impersonates a brand makes every site foreign: a phisher sending from a hacked
    # site often hosts the fake login page on that same site.
    domain = msg.from_addr.rpartition("@")[2].lower() if "@" in msg.from_addr else ""
    brand = brand_in_display(msg.from_display) if msg.from_display else None
    own = "" if brand and not belongs_to(domain, brand) else site_of(domain)
    for _, host in url_hosts(msg):
        if host and site_of(host) != own:
            return host
    return ""


def _normalized(raw: str) -> tuple[frozenset[str], str]:
    """The words of normalize(raw) and normalize(raw)."""
    words = normalize_words(raw)
    return frozenset(words), " " + " ".join(words) + " "


def lure_phrases(msg: ParsedMessage) -> list[str]:
    """The account-threat phrases of the subject and text (any language), then the support wording beside them;
    empty when there is no threat phrase. Kept per message (the QR-code lure asks too)."""
    kept = msg.views.get("login_lure")
    if kept is not None and kept[0] is msg.text and kept[1] is msg.html_text:
        return kept[2]
    raw = msg.lowered(TEXT_CHARS)
    words = ascii_words(raw)
    text = ""
    tokens: frozenset[str] = frozenset()
    found: list[str] = []
    if _PHRASE_SETS.within(words):
        tokens, text = _normalized(raw)
        found = [p for p, need in zip(LOGIN_LURE_PHRASES, _PADDED_NEEDS, strict=True)
                 if need <= tokens and f" {p} " in text]
    plain = raw.isascii()
    intl = [_INTL[i][0] for i in (_INTL_ASCII_SETS if plain else _INTL_SETS).within(words)]
    if intl:
        if not text:
            tokens, text = _normalized(raw)
        found += [p for p in intl if p in text]
    if found:
        found += [p for p, need in zip(LOGIN_LURE_SUPPORT, _SUPPORT_NEEDS, strict=True)
                  if need <= tokens and f" {p} " in text]
    msg.views["login_lure"] = (msg.text, msg.html_text, found)
    return found


class LoginLureCheck:
    """Account-threat phrases, counted once each, in a message that links away from the sender's site."""

    name = "login_lure"
    group = GROUP_SPAM
    description = "Account-threat wording with a link to another site (login-page lure)"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit LOGIN_LURE: a lure phrase ([checks] login_lure_min_phrases in all) next to a foreign link."""
        found = lure_phrases(msg)
        if not found or len(found) < ctx.settings.check_param("login_lure_min_phrases"):
            return []
        host = foreign_link(msg)
        if not host:
            return []
        out = [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                      options=[*found[:MAX_OPTIONS], f"link={host}"])]
        where = self._phish_page(msg, ctx)
        if where:
            out.append(Symbol(name=PHISH_PAGE, score=ctx.settings.score(PHISH_PAGE),
                              description="Account-threat wording sending the reader to a page no honest service "
                                          "signs in on (IPFS, a tunnel, a bucket, a hacked site's folders)",
                              options=[where]))
        return out

    @staticmethod
    def _phish_page(msg: ParsedMessage, ctx: ScanContext) -> str:
        """The first linked page, off the account's domains, on a host no honest sign-in page lives on ('')."""
        from_site = sender_site(msg)
        for url, host in url_hosts(msg):
            if host and not ctx.owns(host):
                where = throwaway_page(url, from_site)
                if where:
                    return f"{where}:{host}"[:100]
        return ""


CHECK = LoginLureCheck()
