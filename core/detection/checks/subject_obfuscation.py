"""Spam words in the subject spelt to dodge filters: V1agra, c.a.s.h, F R E E, Cyrillic look-alikes."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "SUBJ_OBFUSCATED"
#: Drug, money and adult words: written plainly they are ordinary; disguised they are a spammer's tell.
WORDS = frozenset({
    "viagra", "cialis", "levitra", "kamagra", "tadalafil", "sildenafil", "xanax", "valium", "tramadol",
    "oxycodone", "oxycontin", "phentermine", "vicodin", "adderall", "pharmacy", "pills", "casino", "lottery",
    "jackpot", "cash", "money", "loan", "loans", "credit", "bitcoin", "dollars", "prize", "winner", "free",
    "investment", "profit", "income", "rolex", "replica", "sex", "porn", "bonus",
})
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
                       "!": "i", "|": "i", "\u20ac": "e"})
# Cyrillic and Greek letters that look Latin; only applied to tokens that also hold Latin letters.
_HOMOGLYPHS = str.maketrans({
    "\u0430": "a", "\u0432": "b", "\u0435": "e", "\u043a": "k", "\u043c": "m", "\u043d": "h", "\u043e": "o",
    "\u0440": "p", "\u0441": "c", "\u0442": "t", "\u0443": "y", "\u0445": "x", "\u0456": "i", "\u0458": "j",
    "\u0455": "s", "\u0501": "d", "\u0261": "g", "\u03bf": "o", "\u03b1": "a", "\u03b9": "i", "\u03bd": "v",
    "\u03c1": "p", "\u03c4": "t", "\u03ba": "k", "\u03c5": "u",
})
_ZERO_WIDTH = {ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"}
_PUNCT = "\"'`.,;:!?()[]{}<>*_-~#+=/\\"
MAX_TOKENS = 64


#: Every byte but a-z: deleted from an ASCII token's bytes at the end of deobfuscate.
_NOT_AZ = bytes(c for c in range(256) if not 97 <= c <= 122)


@lru_cache(maxsize=4096)  # a pure function of the token; subjects repeat the same words
def deobfuscate(token: str) -> str:
    """Undo look-alike letters, leetspeak, accents and inner separators: "V.1.a-gr@" -> "viagra"."""
    if token.isascii():  # no zero-width characters, accents or look-alike letters: only case and leetspeak
        t = token.lower()
        if not any("a" <= c <= "z" for c in t):
            return ""
        return t.translate(_LEET).encode("ascii").translate(None, _NOT_AZ).decode("ascii")
    t = unicodedata.normalize("NFKD", token.translate(_ZERO_WIDTH))
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    if not any("a" <= c <= "z" for c in t):  # pure numbers or another script: nothing to undo
        return ""
    t = t.translate(_HOMOGLYPHS).translate(_LEET)
    return "".join(c for c in t if "a" <= c <= "z")


def _tokens(subject: str) -> list[tuple[str, str]]:
    """(as written, candidate) pairs; runs of 3+ single characters ("F R E E") become one candidate."""
    out: list[tuple[str, str]] = []
    run: list[str] = []
    for tok in [*subject.split()[:MAX_TOKENS], ""]:
        if len(tok) == 1:
            run.append(tok)
            continue
        if len(run) >= 3:
            out.append((" ".join(run), "".join(run)))
        else:
            out.extend((c, c) for c in run)
        run = []
        if tok:
            out.append((tok, tok))
    return out


class SubjectObfuscationCheck:
    """A drug or money word in the subject that only appears once the disguise is removed."""

    name = "subject_obfuscation"
    group = GROUP_SPAM
    description = "Subject contains an obfuscated drug or money word"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit SUBJ_OBFUSCATED with the disguised words as options."""
        hits: list[str] = []
        for shown, candidate in _tokens(msg.subject[:1000]):
            word = deobfuscate(candidate)
            if word in WORDS and shown.lower().strip(_PUNCT) != word and shown not in hits:
                hits.append(shown)
        if not hits:
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                       options=hits[:5])]


CHECK = SubjectObfuscationCheck()
