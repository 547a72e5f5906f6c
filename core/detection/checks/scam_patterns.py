"""Fraud scripts in the text: advance-fee, prize, extortion, crypto investment, gift-card and tech-support fraud.

Each family (core/detection/scam_tables.py) is a few cue groups, one per thing that fraud has to say. Two groups of one
family make SCAM_<FAMILY> (content evidence for the verdict policy); every group of a family whose whole script is
near certain by itself (STRONG_FAMILIES) adds SCAM_FULL_SCRIPT, a strong symbol. Some cues are detectors, not
words (a large sum, a crypto wallet address, which is also CRYPTO_WALLET on its own). Language-aware without
telling languages apart: the tables hold the cues of every language Mailward's users write; none of them is a
reason on its own.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.spam_phrases import message_text, normalized_text, normalized_words
from core.detection.rule_tables import FREEMAIL_DOMAINS
from core.detection.scam_tables import (
    LARGE_SUM,
    NEEDED_GROUP,
    RECIPIENT_SITE,
    SCAM_FAMILIES,
    STRONG_FAMILIES,
    WALLET_ADDRESS,
)
from core.mail.links import site_of
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

FULL = "SCAM_FULL_SCRIPT"
WALLET = "CRYPTO_WALLET"
#: Bitcoin (legacy and bech32) and Ethereum addresses, on word boundaries; bounded, linear. Each alternative starts
#: with its literal first character and looks behind it ("1(?<![\w/]1)": nothing of a word or path before the "1")
#: so that the regex engine skips ahead to those characters instead of trying a match at every position.
_WALLET = re.compile(r"(?:b(?<![\w/]b)c1[02-9ac-hj-np-z]{25,59}|1(?<![\w/]1)[1-9A-HJ-NP-Za-km-z]{25,34}"
                     r"|3(?<![\w/]3)[1-9A-HJ-NP-Za-km-z]{25,34}|0(?<![\w/]0)x[0-9a-fA-F]{40})(?![\w/])")
SYMBOLS = (*(f"SCAM_{f.upper()}" for f in SCAM_FAMILIES), FULL, WALLET)


#: How a cue is looked for: on word boundaries (its first word must be among the message's), anywhere (no spaces:
#: Chinese and Japanese), or by a detector (core.detection.scam_tables' LARGE_SUM, WALLET_ADDRESS).
WORD, ANYWHERE, DETECTOR = "word", "anywhere", "detector"


def _compile(cue: str) -> tuple[str, str, str]:
    """(cue, how it is looked for, its first word)."""
    if cue in (LARGE_SUM, WALLET_ADDRESS, RECIPIENT_SITE):
        return cue, DETECTOR, ""
    words = cue.split()
    return (cue, WORD, words[0]) if cue.startswith(" ") and words else (cue, ANYWHERE, "")


_FAMILIES = {f: tuple(tuple(_compile(c) for c in group) for group in groups) for f, groups in SCAM_FAMILIES.items()}
#: Where each word cue sits, by its first word ((family, group, position in the group) of each), and where the
#: anywhere cues sit: a scan looks up the message's words here instead of testing every cue of every group.
_BY_FIRST: dict[str, list[tuple[str, int, int]]] = {}
_ANYWHERE: list[tuple[str, int, int]] = []
for _family, _groups in _FAMILIES.items():
    for _g, _group in enumerate(_groups):
        for _k, (_cue, _how, _first) in enumerate(_group):
            if _how == WORD:
                _BY_FIRST.setdefault(_first, []).append((_family, _g, _k))
            elif _how == ANYWHERE:
                _ANYWHERE.append((_family, _g, _k))
_FIRST_WORDS = frozenset(_BY_FIRST)
#: Each anywhere cue with one of its characters (its first beyond ASCII, if it has one): a text without that
#: character does not hold the cue. _ANYWHERE_HINT finds those characters in a text.
_ANYWHERE_HINTED = tuple(
    (f, g, k, next((c for c in _FAMILIES[f][g][k][0] if not c.isascii()), _FAMILIES[f][g][k][0][:1]))
    for f, g, k in _ANYWHERE)
_ANYWHERE_HINT = re.compile("[" + "".join(map(re.escape, sorted({h for *_, h in _ANYWHERE_HINTED}))) + "]")


def _needs(cue: str) -> frozenset[str]:
    """The words a word cue is looked for with: its first word (a candidate's), and every word the normalised
    text must have for the cue to be in it: all of them, the last only when the cue ends on a word boundary
    (" yeni hesab" also finds "hesabiniz")."""
    words = cue.split()
    return frozenset(words if cue.endswith(" ") else words[:1] + words[:-1])


#: The word cues by one of their needed words (the longest: the rarest in text), each with all its needed words: a
#: set test rules most cues out before the substring search through the whole text.
_BY_KEY: dict[str, list[tuple[str, int, int, frozenset[str]]]] = {}
for _family, _groups in _FAMILIES.items():
    for _g, _group in enumerate(_groups):
        for _k, (_cue, _how, _first) in enumerate(_group):
            if _how == WORD:
                _need = _needs(_cue)
                _BY_KEY.setdefault(max(sorted(_need), key=len), []).append((_family, _g, _k, _need))
_KEY_WORDS = frozenset(_BY_KEY)
#: A sum of a million or more ("$4,500,000", "USD 10.5 million", "2.000.000 EUR", "3 milionów", "5 миллионов",
#: "1,050만 달러"): the money advance-fee and prize fraud promise.
_LARGE_SUM = re.compile(
    r"(?:[$\u20ac\u00a3]|usd|us\$|eur|gbp)\s?\d{1,3}(?:[,.' ]\d{3}){2,}"
    r"|\d{1,3}(?:[,.' ]\d{3}){2,}\s?(?:[$\u20ac\u00a3]|usd|eur|gbp|dollars|euros)"
    r"|\d+(?:[.,]\d+)?\s?(?:million|millionen|millones|millions|milioni|milh\u00f5es|miljoen|milion\u00f3w|miliony"
    r"|milyon|\u043c\u0438\u043b\u043b\u0438\u043e\u043d(?:\u043e\u0432|\u0430)?)\b"
    # Korean counts in ten-thousands: "1,050만 달러" (10.5 million dollars), "500만 유로", "3백만 달러"
    r"|\d[\d,.]{2,}\s?\ub9cc\s?(?:\ub2ec\ub7ec|\uc720\ub85c)|\d[\d,.]*\s?(?:\ubc31\ub9cc|\ucc9c\ub9cc)\s?(?:\ub2ec\ub7ec|\uc720\ub85c)",
    re.IGNORECASE)


_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
MAX_WALLET_CANDIDATES = 50


def _base58check(addr: str) -> bool:
    """A legacy Bitcoin address's own checksum (double SHA-256): random text of that shape fails it."""
    n = 0
    for c in addr:
        n = n * 58 + _B58.index(c)
    raw = n.to_bytes(25, "big") if n.bit_length() <= 200 else b""
    return len(raw) == 25 and hashlib.sha256(hashlib.sha256(raw[:21]).digest()).digest()[:4] == raw[21:]


def _bech32(addr: str) -> bool:
    """A bech32/bech32m (bc1...) address's own checksum (BIP 173/350)."""
    data = [_BECH32.index(c) for c in addr[3:]]
    chk = 1
    for v in [3, 3, 0, 2, 3, *data]:  # "bc" expanded, then the data part
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i, g in enumerate((0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)):
            chk ^= g if (top >> i) & 1 else 0
    return chk in (1, 0x2BC830A3)


def _wallet(text: str) -> str:
    """A crypto wallet address in the text whose checksum holds (Ethereum: the 0x + 40 hex shape), or ''."""
    for i, m in enumerate(_WALLET.finditer(text)):
        if i >= MAX_WALLET_CANDIDATES:
            break
        w = m.group(0)
        if w.startswith("0x") or (w.startswith("bc1") and _bech32(w)) or (w[0] in "13" and _base58check(w)):
            return w
    return ""


def recipient_site(text: str, recipients: list[str] | tuple[str, ...]) -> str:
    """The site of an envelope recipient (not a free-mail provider's) that the text names, or ''."""
    low = text.lower()
    for rcpt in recipients[:20]:
        site = site_of(rcpt.rpartition("@")[2].lower())
        if "." in site and site not in FREEMAIL_DOMAINS and site in low:
            return site
    return ""


def _first_cue(group: tuple[tuple[str, str, str], ...], candidates: list[int] | None, text: str) -> str:
    """The first cue of a group (in the group's order) among its candidates that the text holds, or ''."""
    if candidates:
        for k in sorted(candidates):
            cue = group[k][0]
            if cue in text:
                return cue.strip()
    return ""


class ScamPatternsCheck:
    """Find the cue groups of known fraud scripts."""

    name = "scam_patterns"
    group = GROUP_SPAM
    description = "Text follows the script of a known fraud"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """SCAM_<FAMILY> for two cue groups of a family, plus SCAM_FULL_SCRIPT for all of them; CRYPTO_WALLET."""
        budget = ctx.settings.scan.max_text_bytes
        raw_text = message_text(msg, budget)
        text = normalized_text(msg, budget)
        words = normalized_words(msg, budget)
        # cues without spaces (Chinese, Japanese, Korean) if the text is not ASCII: those whose hint character it has
        hints = None if text.isascii() else frozenset(_ANYWHERE_HINT.findall(text))
        # the cues that may be in the text: word cues whose first word and needed words are among the text's,
        # anywhere cues if the text is not ASCII
        candidates: dict[tuple[str, int], list[int]] = {}
        for word in _KEY_WORDS.intersection(words):
            for family, g, k, need in _BY_KEY[word]:
                if need <= words:
                    candidates.setdefault((family, g), []).append(k)
        if hints is not None:
            for family, g, k, hint in _ANYWHERE_HINTED:
                if hint in hints or not hint:
                    candidates.setdefault((family, g), []).append(k)
        detected: dict[str, str] = {WALLET_ADDRESS: _wallet(raw_text)}  # LARGE_SUM only when it could complete

        def detect(cue: str) -> str:
            if cue not in detected:
                if cue == RECIPIENT_SITE:
                    detected[cue] = recipient_site(raw_text, ctx.envelope.recipients)
                else:
                    m = _LARGE_SUM.search(raw_text, 0, 200000)
                    detected[cue] = m.group(0)[:20] if m else ""
            return detected[cue]

        out: list[Symbol] = []
        full: list[str] = []
        families = {family for family, _ in candidates}
        for family, groups in _FAMILIES.items():
            if family not in families:  # no cue of it can be in the text: no hit, and detectors only complete
                continue
            if ctx.out_of_time():
                break
            hits = [_first_cue(group, candidates.get((family, g)), text) for g, group in enumerate(groups)]
            if any(hits):  # a detector cue alone is no evidence: it only completes what a word cue began
                for i, group in enumerate(groups):
                    if not hits[i]:
                        hits[i] = next((found for cue, how, _ in group if how == DETECTOR
                                        for found in (detect(cue),) if found), "")
            found = [h for h in hits if h]
            needed = NEEDED_GROUP.get(family)
            if len(found) >= 2 and (needed is None or hits[needed]):
                name = f"SCAM_{family.upper()}"
                out.append(Symbol(name, ctx.settings.score(name), self.description, found))
                if len(found) == len(groups) and family in STRONG_FAMILIES:
                    full.append(family)
        if full:
            out.append(Symbol(FULL, ctx.settings.score(FULL), "every cue of a known fraud script", full))
        wallet = detected[WALLET_ADDRESS]
        if wallet:
            out.append(Symbol(WALLET, ctx.settings.score(WALLET), "a crypto wallet address in the text", [wallet[:12]]))
        return out


CHECK = ScamPatternsCheck()
