"""Fuzzy fingerprints of message bodies: near-identical bodies (a mail merge, a spam run) share LSH band keys.

A body is normalised first, so the parts a bulk sender varies per copy do not count: case, numbers (order ids,
prices, dates), URLs' paths and queries (tracking ids; only the host is kept), e-mail addresses, words of the
recipient's address and display name, the name after a greeting ("Dear Maria"), and tokens too long to be words
(hash-busters, base64). What is left is a sequence of words; its word 3-shingles are hashed, and a one-permutation
MinHash (Li, Owen & Zhang 2012: one hash per shingle, the smallest in each of BINS bins, empty bins filled from
their right-hand neighbour) makes a signature whose equal bins estimate the Jaccard similarity of two bodies.
Bands of ROWS bins are hashed to band keys: two bodies share a band key with probability J**ROWS, so bodies that
share several of their BANDS keys are near-identical. At least 3 of the 8: J = 0.9 with probability 0.99, J = 0.8
0.87, J = 0.5 0.07, J = 0.3 0.001; at least 4: 0.96, 0.66, 0.01, 3e-5. Quoted text, a quoted original, and a
signature or footer after a separator line are not the sender's own text and are left out first: unrelated
messages share them (a mailing list's footer, a company disclaimer).

Pure and deterministic (zlib.crc32, no per-process hash seeds, so every worker host computes the same keys) and
bounded: only the first MAX_TEXT_CHARS characters and MAX_WORDS words of a body are looked at.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import filterfalse, islice
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

#: Bumped whenever normalisation or hashing changes: band keys of another version never match.
FINGERPRINT_VERSION = 1
SHINGLE = 3
BINS = 24
ROWS = 3
BANDS = BINS // ROWS
#: Bodies with fewer normalised words than this get no fingerprint: short texts ("see attached", "thanks!")
#: are near-identical across unrelated mail.
MIN_WORDS = 20
MAX_TEXT_CHARS = 10_000
MAX_WORDS = 1_000
#: Longer tokens are not words a person varies or reads (hash-busters, base64, long URLs without a scheme).
MAX_WORD_CHARS = 24
#: A block after the last separator line ("-- ", "-----", "_____") with at most this many words is a signature
#: or a footer (a mailing list's, a disclaimer): boilerplate that unrelated messages share, not the message's own.
FOOTER_MAX_WORDS = 100
MAX_FOOTERS = 3
#: Recipients whose address words are removed as personalisation (a Bcc blast's list is not personalisation).
MAX_PERSONAL = 20

_M64 = (1 << 64) - 1
_MIX = 0x9E3779B97F4A7C15  # 2**64 / golden ratio: spreads crc32's 32 bits over the 64 we take bins and mins from
_M32 = (1 << 32) - 1
_EMPTY = 1 << 64

# URLs keep only their host: a campaign's links differ per copy in tracking paths and queries.
# Spelt case-insensitively as re.I matched it (U+017F is an "s" to re.I), with one character class first: the regex
# engine then skips ahead to an "h" or "f" instead of trying a match at every position.
_URL = re.compile(r"[hHfF](?:(?<=[hH])[tT][tT][pP][sS\u017f]?|(?<=[fF])[tT][pP])://"
                  r"(?:[^\s/@<>\"']{0,64}@)?([^\s/?#:<>\"']{1,253})[^\s<>\"']{0,2048}")
_WWW = re.compile(r"\bwww\d?\.", re.I)
_WORD = re.compile(r"[^\W\d_]+")
# In ASCII text _WORD's words are the runs of ASCII letters: every other byte made a space, split finds them
# (about twice as fast as the regex's Unicode categories).
_ASCII_LETTERS = bytes(c if chr(c).isalpha() and c < 128 else 0x20 for c in range(256))
_PACK_SIG = struct.Struct(">" + "xQ" * BINS)  # each value as 9 big-endian bytes (values below 2**64)
_BAND_PREFIXES = tuple(f"v{FINGERPRINT_VERSION}.{band}." for band in range(BANDS))
_QUOTED = re.compile(r"^[ \t]*>[^\n]*\n?", re.M)
# Where a reply's or forward's copy of someone else's mail starts: nothing after it is the sender's own text.
_REPLY_START = re.compile(r"^[ \t]*(?:-{2,}[ \t]*(?:original|forwarded) message|on [^\n]{1,200} wrote:[ \t]*$)",
                          re.I | re.M)
_SEPARATOR = re.compile(r"^[ \t]*(?:--|[-_=*~#]{4,}[^\n]*)[ \t]*$", re.M)
# Each of _SEPARATOR's run characters made a "-": a text with a separator line then holds "--".
_SEPARATOR_RUN = bytes(0x2D if chr(c) in "-_=*~#" else c for c in range(256))
_GREETINGS = frozenset({"dear", "hi", "hello", "hey", "hallo", "hola", "bonjour", "ciao", "ola", "olá", "caro",
                        "cara", "liebe", "lieber", "estimado", "estimada", "geehrte", "geehrter"})
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "herr", "frau", "sr", "sra"})


def _words(text: str, pos: int = 0) -> list[str]:
    """_WORD.findall(text, pos), quicker for ASCII text."""
    if text.isascii():
        return text[pos:].encode("ascii").translate(_ASCII_LETTERS).decode("ascii").split()
    return _WORD.findall(text, pos)



def _may_separate(text: str) -> bool:
    """False if text has no separator line: every one holds "--" or a run of four of [-_=*~#]."""
    if text.isascii():
        return b"--" in text.encode("ascii").translate(_SEPARATOR_RUN)
    return True


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A body's LSH band keys and the signature they were cut from."""

    bands: tuple[str, ...]  # BANDS keys, "v<version>.<band>.<hash>"; near-identical bodies share several
    signature: tuple[int, ...]  # BINS one-permutation MinHash values
    words: int  # normalised words the fingerprint was taken from

    def similarity(self, other: Fingerprint) -> float:
        """Estimated Jaccard similarity of the two bodies' shingle sets (share of equal bins)."""
        same = sum(1 for a, b in zip(self.signature, other.signature, strict=True) if a == b)
        return same / len(self.signature)

    def shared_bands(self, other: Fingerprint) -> int:
        """How many band keys the two fingerprints have in common."""
        return len(set(self.bands) & set(other.bands))


def personal_words(addresses: Iterable[str]) -> frozenset[str]:
    """Words of recipients' display names and address local parts, which a mail merge varies per copy."""
    out: set[str] = set()
    pieces = (p for value in addresses for p in value[:2048].split(","))
    for i, value in enumerate(pieces):
        if i >= MAX_PERSONAL:
            break
        local, at, _ = value.casefold().rpartition("@")
        # "Maria Silva <maria.silva@x>": the domain is shared by many recipients (gmail.com) and not personal
        out.update(w for w in _words(local if at else value.casefold()) if len(w) >= 2)
    return frozenset(out)


def own_text(text: str) -> str:
    """The part of a body its sender wrote: without quoted lines, a quoted original, a signature or footers."""
    text = text[:MAX_TEXT_CHARS]
    if ">" in text:
        text = _QUOTED.sub("", text)
    # The regexes try every line start; plain substring tests first tell most texts they cannot match.
    reply = _REPLY_START.search(text) if "--" in text or "wrote:" in text.lower() else None
    if reply:
        text = text[:reply.start()]
    for _ in range(MAX_FOOTERS if _may_separate(text) else 0):
        last = None
        for last in _SEPARATOR.finditer(text):  # noqa: B007 - only the last separator is wanted
            pass
        if last is None or len(_words(text, last.end())) > FOOTER_MAX_WORDS:
            break
        text = text[:last.start()]
    return text


def normalize(text: str, personal: frozenset[str] = frozenset()) -> list[str]:
    """The body's words with everything a bulk sender varies per copy taken out."""
    text = text[:MAX_TEXT_CHARS]
    if "://" in text:  # no URL without it
        text = _URL.sub(lambda m: " " + _WWW.sub("", m.group(1)) + " ", text)
    if "@" in text:
        # whole whitespace-separated tokens: a regex for addresses backtracks on long runs without spaces
        text = " ".join(t for t in text.split() if "@" not in t)
    words = _words(text.casefold())
    if _GREETINGS.isdisjoint(words):  # no greeting: no name after one to drop either
        if words and max(map(len, words)) > MAX_WORD_CHARS:
            words = [w for w in words if len(w) <= MAX_WORD_CHARS]
        if personal:
            return list(islice(filterfalse(personal.__contains__, words), MAX_WORDS))
        return words[:MAX_WORDS]
    out: list[str] = []
    after_greeting = False
    for word in words:
        if len(word) > MAX_WORD_CHARS:
            continue
        if after_greeting and word not in _TITLES:
            # the name after "Dear", whether or not the address gives it away, so every copy drops one word
            after_greeting = False
            continue
        if word in personal:
            continue
        after_greeting = word in _GREETINGS or (after_greeting and word in _TITLES)
        out.append(word)
        if len(out) >= MAX_WORDS:
            break
    return out


def _crcs(words: Sequence[str]) -> map:
    """crc32 of each 3-shingle (its words joined by a space)."""
    joined = list(map(str.encode, words))
    return map(zlib.crc32, map(b" ".join, zip(*(joined[k:] for k in range(SHINGLE)), strict=False)))


def shingles(words: Sequence[str]) -> set[int]:
    """The 64-bit hashes of the words' 3-shingles (the set whose Jaccard similarity the signature estimates)."""
    return {(h * _MIX) & _M64 for h in _crcs(words)}


def signature(words: Sequence[str]) -> tuple[int, ...]:
    """The one-permutation MinHash of the words' 3-shingles (densified: no bin is left empty)."""
    mins = [_EMPTY] * BINS
    mix, m64, m32 = _MIX, _M64, _M32
    for c in _crcs(words):  # shingles(words), each hash taken apart where it is made (a repeated one is no new min)
        h = (c * mix) & m64
        b = ((h >> 32) * BINS) >> 32  # the top half picks the bin, the bottom half competes in it
        v = h & m32
        if v < mins[b]:
            mins[b] = v
    if all(v == _EMPTY for v in mins):
        return ()
    # Rotation densification: an empty bin takes the next non-empty bin's value, offset by the distance, so
    # two similar bodies fill their empty bins alike and the bins stay comparable position by position.
    out = list(mins)
    for i in range(BINS):
        if mins[i] == _EMPTY:
            d = 1
            while mins[(i + d) % BINS] == _EMPTY:
                d += 1
            out[i] = mins[(i + d) % BINS] + (d << 32)
    return tuple(out)


def band_keys(sig: Sequence[int]) -> tuple[str, ...]:
    """One key per band of ROWS signature values (empty for an empty signature)."""
    if len(sig) != BINS:
        return ()
    try:
        packed = _PACK_SIG.pack(*sig)
    except struct.error:  # a value of 64 bits or more (signature()'s are below 2**37), or a negative one
        packed = b"".join(v.to_bytes(9, "big") for v in sig)
    step = 9 * ROWS
    return tuple(prefix + hashlib.blake2b(packed[i:i + step], digest_size=8).hexdigest()
                 for prefix, i in zip(_BAND_PREFIXES, range(0, BANDS * step, step), strict=True))


def fingerprint_text(text: str, personal: frozenset[str] = frozenset(), *,
                     min_words: int = MIN_WORDS) -> Fingerprint | None:
    """The fingerprint of a body's own text, or None if it has fewer than min_words normalised words."""
    words = normalize(own_text(text), personal)
    if len(words) < max(min_words, SHINGLE):
        return None
    sig = signature(words)
    return Fingerprint(bands=band_keys(sig), signature=sig, words=len(words))


def fingerprint_message(msg: ParsedMessage, recipients: Sequence[str] = (), *,
                        min_words: int = MIN_WORDS) -> Fingerprint | None:
    """The fingerprint of a parsed message's body (text/plain, else the visible text of its HTML)."""
    personal = personal_words([*recipients[:MAX_PERSONAL], *msg.header_all("to")[:MAX_PERSONAL]])
    for text in (msg.text, msg.html_text):
        if text.strip():
            found = fingerprint_text(text, personal, min_words=min_words)
            if found is not None:
                return found
    return None
